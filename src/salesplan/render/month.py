"""The month view."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text


def render_month(m: dict[str, Any]) -> RenderableType:
    t = Table(title=f"{m['month']} · {m['start']} – {m['end']}", title_justify="left")
    for col in ("week", "from", "to", "calls", "reached", "visits", "emails", "call days met"):
        t.add_column(col, justify="left" if col in ("week", "from", "to") else "right")
    for w in m["weeks"]:
        t.add_row(
            w["week"],
            w["start"],
            w["end"],
            str(w["calls"]),
            str(w["reached"]),
            str(w["visits"]),
            str(w["emails"]),
            str(w["call_days_met"]),
        )
    y = m["yearly_target"]
    share = f"{y['share']:.1%}" if y["share"] is not None else "-"
    lines = [
        t,
        Text(
            f"sales this year {y['sales_to_date']} of {y['target']} ({share}; "
            f"{y['expected_share']:.1%} of the year gone)"
        ),
    ]
    if "score" in m:
        sc = m["score"]
        lines.append(
            Text(
                f"score {sc['score']} = daily work {sc['daily_work']} × 70% + attendance "
                f"{sc['attendance']} × 30%" + (" · full pay" if sc["full_pay"] else " · below 80"),
                style="bold",
            )
        )
    return Group(*lines)


def month_markdown(m: dict[str, Any]) -> str:
    out = [
        f"# Monthly report {m['month']}",
        "",
        "| week | from | to | calls | reached | visits | emails | call days met |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    out += [
        f"| {w['week']} | {w['start']} | {w['end']} | {w['calls']} | {w['reached']} | {w['visits']} | "
        f"{w['emails']} | {w['call_days_met']} |"
        for w in m["weeks"]
    ]
    y = m["yearly_target"]
    out += ["", f"Sales this year: {y['sales_to_date']} of {y['target']}.", ""]
    if "score" in m:
        sc = m["score"]
        out += [
            f"Score: {sc['score']} (daily work {sc['daily_work']}, attendance {sc['attendance']}).",
            "",
        ]
    return "\n".join(out)
