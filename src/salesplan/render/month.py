"""The month view."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from salesplan.core.money import to_number
from salesplan.core.summary import MonthSummary


def render_month(m: MonthSummary) -> RenderableType:
    t = Table(
        title=f"{m.label} · {m.first.isoformat()} – {m.last.isoformat()}", title_justify="left"
    )
    for col in ("week", "from", "to", "calls", "reached", "visits", "emails", "call days met"):
        t.add_column(col, justify="left" if col in ("week", "from", "to") else "right")
    for w in m.weeks:
        t.add_row(
            w.week.label,
            w.week.first.isoformat(),
            w.week.last.isoformat(),
            str(w.calls),
            str(w.reached),
            str(w.visits),
            str(w.emails),
            str(w.call_days_met),
        )
    y = m.yearly_target
    share = f"{y.share:.1%}" if y.share is not None else "-"
    lines: list[RenderableType] = [
        t,
        Text(
            f"sales this year {to_number(y.sales_to_date)} of {to_number(y.target)} ({share}; "
            f"{y.expected_share:.1%} of the year gone)"
        ),
    ]
    if m.score is not None:
        sc = m.score
        lines.append(
            Text(
                f"score {sc.score} = daily work {sc.daily_work} × 70% + attendance "
                f"{sc.attendance} × 30%" + (" · full pay" if sc.full_pay else " · below 80"),
                style="bold",
            )
        )
    return Group(*lines)


def month_markdown(m: MonthSummary) -> str:
    out = [
        f"# Monthly report {m.label}",
        "",
        "| week | from | to | calls | reached | visits | emails | call days met |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    out += [
        f"| {w.week.label} | {w.week.first.isoformat()} | {w.week.last.isoformat()} | {w.calls} | "
        f"{w.reached} | {w.visits} | {w.emails} | {w.call_days_met} |"
        for w in m.weeks
    ]
    y = m.yearly_target
    out += ["", f"Sales this year: {to_number(y.sales_to_date)} of {to_number(y.target)}.", ""]
    if m.score is not None:
        sc = m.score
        out += [
            f"Score: {sc.score} (daily work {sc.daily_work}, attendance {sc.attendance}).",
            "",
        ]
    return "\n".join(out)
