"""The weekly summary as a terminal view, a Markdown report and a spreadsheet."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from salesplan.core.cells import neutralise
from salesplan.core.money import format_amount, to_number
from salesplan.core.summary import (
    MONEY_TOTALS,
    SECTIONS,
    DaySummary,
    FollowupCounts,
    NoteRow,
    ReportSections,
    Summary,
    Totals,
)
from salesplan.i18n import _

_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NONE = "none recorded"


def _delta(value: float | int) -> str:
    if value == 0:
        return "±0"
    return f"{value:+,}" if isinstance(value, int) else f"{value:+,.2f}"


def _bar(done: int, target: int, width: int = 12) -> Text:
    filled = min(width, round(width * done / target)) if target else 0
    text = Text("█" * filled, style="green" if done >= target else "red")
    text.append("░" * (width - filled), style="dim")
    return text


def render_week(s: Summary) -> RenderableType:
    t, target = s.totals, s.targets
    days = Table(
        title=f"{s.label} · {s.start.isoformat()} – {s.end.isoformat()}", title_justify="left"
    )
    for col, justify in (
        ("day", "left"),
        ("calls", "left"),
        ("", "right"),
        ("reached", "right"),
        ("visits", "right"),
        ("emails", "right"),
        ("kept/cxl", "right"),
    ):
        days.add_column(col, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for d in s.days:
        day = d.day
        if d.calls_target_met:
            mark = Text("✓", style="green")
        elif not d.workday and not d.calls:
            mark = Text("·", style="dim")  # a day off not worked is not a missed day
        else:
            mark = Text("✗", style="bold red")
        days.add_row(
            f"{_WEEKDAY[day.weekday()]} {day.strftime('%m-%d')}",
            _bar(d.calls, target.calls_per_day),
            Text.assemble(f"{d.calls}/{target.calls_per_day} ", mark),
            str(d.reached),
            str(d.visits),
            str(d.emails),
            f"{d.appointments_kept}/{d.appointments_cancelled}",
        )
    change = s.change
    week = Table(box=None, show_header=True, pad_edge=False)
    for col in ("this week", "", "target", "vs last week"):
        week.add_column(col)
    visits_ok = t.visits >= target.visits_per_week
    week.add_row(
        "visits",
        Text(str(t.visits), style="bold green" if visits_ok else "bold red"),
        str(target.visits_per_week),
        _delta(change.visits),
    )
    week.add_row("calls", str(t.calls), f"{target.calls_per_day}/day", _delta(change.calls))
    week.add_row(
        "days call target met",
        str(t.call_days_met),
        str(target.workdays),
        _delta(change.call_days_met),
    )
    week.add_row(
        "new contacts",
        str(t.new_contacts),
        str(target.new_contacts_per_week),
        _delta(change.new_contacts),
    )
    for key in MONEY_TOTALS:
        cents = getattr(t, key)
        diff = getattr(change, key)
        sign = "+" if diff > 0 else ("-" if diff < 0 else "±")
        share = (
            format_amount(s.sales_target.target) or "0"
            if key == "sales" and s.sales_target is not None
            else ""
        )
        week.add_row(
            key, format_amount(cents) or "0", share, f"{sign}{format_amount(abs(diff)) or '0'}"
        )
    f = s.followups or FollowupCounts()
    week.add_row(
        "follow-ups missed / open",
        f"{f.missed} / {f.open}",
        "",
        f"{f.overdue_total} overdue in all",
    )
    nxt = s.next_week
    footer = Text(
        f"next week: {len(nxt.appointments) if nxt else 0} appointments booked, "
        f"{nxt.followups_due if nxt else 0} follow-ups falling due · full report: salesplan week --markdown",
        style="dim",
    )
    return Group(days, week, footer)


def _notes(notes: tuple[NoteRow, ...]) -> list[str]:
    return [
        f"- {n.on.isoformat()} {n.text}" + (f" ({n.contact})" if n.contact else "") for n in notes
    ]


def _lines_for(key: str, sections: ReportSections) -> list[str]:
    """The lines of one section of the report, Markdown list items."""
    if key == "sales_volume":
        sales = sections.sales_volume
        rows = [
            f"- {w.name} ({w.contact}), won {_iso(w.on)}: {_money(w.amount)}" for w in sales.won
        ]
        return [*rows, f"- **Total: {_money(sales.total)}**"] if rows else []
    if key == "collections":
        coll = sections.collections
        rows = [
            f"- {p.on.isoformat()} {p.project} ({p.contact}): {_money(p.amount)}"
            + (f" — {p.note}" if p.note else "")
            for p in coll.payments
        ]
        return [*rows, f"- **Total: {_money(coll.total)}**"] if rows else []
    if key == "customer_visits":
        return [
            f"- {v.day.isoformat()} {v.contact}"
            + (f" ({v.area})" if v.area else "")
            + f": {v.outcome}"
            + (f" — {v.note}" if v.note else "")
            for v in sections.customer_visits.visits
        ]
    if key == "expenses":
        exp = sections.expenses
        if not exp.items:
            return []
        rows = [f"- Travel: {_money(exp.travel)}"]
        rows += [f"- {k}: {_money(v)}" for k, v in exp.by_category if k != "travel"]
        return [
            *rows,
            f"- **Total: {_money(exp.total)}** (other than travel: {_money(exp.other_than_travel)})",
        ]
    if key == "key_customers":
        kc = sections.key_customers
        touched = ", ".join(k.name for k in kc.touched) or NONE
        missing = kc.not_touched
        names = ", ".join(k.name for k in missing[:30]) + (
            f" … and {len(missing) - 30} more" if len(missing) > 30 else ""
        )
        if not kc.touched and not missing:
            return []
        return [f"- Touched this week: {touched}", f"- Not touched: {names or NONE}"]
    if key == "new_customers":
        return [
            f"- {c.name}"
            + (f", {c.company}" if c.company else "")
            + (f" ({c.area})" if c.area else "")
            for c in sections.new_customers
        ]
    if key == "abnormal_customers":
        return [
            f"- {c.name}: {', '.join(c.flags)}" + (f" — {c.note}" if c.note else "")
            for c in sections.abnormal_customers
        ]
    if key == "to_develop":
        return [
            f"- {t.contact.name}"
            + (f", {t.contact.company}" if t.contact.company else "")
            + f": {t.contact.status}"
            + (f", last {t.last_outcome}" if t.last_outcome else "")
            for t in sections.to_develop
        ]
    return _notes(getattr(sections, key))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _money(cents: int | None, signed: bool = False) -> str:
    """Amounts in the report, from minor units: thousands separators, always two decimals."""
    number = Decimal(cents or 0).scaleb(-2)
    return f"{number:+,.2f}" if signed else f"{number:,.2f}"


def _target_word(d: DaySummary) -> str:
    if d.calls_target_met:
        return "met"
    return "—" if not d.workday and not d.calls else "missed"


def week_markdown(s: Summary) -> str:
    t, target, change = s.totals, s.targets, s.change
    out = [
        f"# Weekly report {s.label} ({s.start.isoformat()} – {s.end.isoformat()})",
        "",
        "## Activity",
        "",
        "| day | calls | reached | visits | emails | appointments kept | cancelled | call target |",
        "|---|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for d in s.days:
        out.append(
            f"| {_WEEKDAY[d.day.weekday()]} {d.day.isoformat()} | {d.calls} | {d.reached} | {d.visits} | "
            f"{d.emails} | {d.appointments_kept} | {d.appointments_cancelled} | "
            f"{_target_word(d)} |"
        )
    f = s.followups or FollowupCounts()
    out += [
        "",
        "| this week | value | target | change vs last week |",
        "|---|---:|---:|---:|",
        f"| calls | {t.calls} | {target.calls_per_day}/day | {_delta(change.calls)} |",
        f"| reached | {t.reached} | | {_delta(change.reached)} |",
        f"| days the call target was met | {t.call_days_met} | {target.workdays} | {_delta(change.call_days_met)} |",
        f"| visits | {t.visits} | {target.visits_per_week} | {_delta(change.visits)} |",
        f"| customers visited | {t.visited_customers} | | {_delta(change.visited_customers)} |",
        f"| emails | {t.emails} | | {_delta(change.emails)} |",
        f"| new contacts | {t.new_contacts} | {target.new_contacts_per_week} | {_delta(change.new_contacts)} |",
        f"| sales | {_money(t.sales)} | {_money(s.sales_target.target) if s.sales_target else ''} | {_money(change.sales, signed=True)} |",
        f"| collections | {_money(t.collections)} | | {_money(change.collections, signed=True)} |",
        f"| expenses | {_money(t.expenses)} | | {_money(change.expenses, signed=True)} |",
        f"| follow-ups missed / open | {f.missed} / {f.open} | 0 | {f.overdue_total} overdue in all |",
        "",
        "## Summary of the week",
        "",
    ]
    for i, (key, english, chinese) in enumerate(SECTIONS, 1):
        out.append(f"### {i}. {english} · {chinese}")
        out.append("")
        lines = _lines_for(key, s.sections)
        out += lines or [f"_{NONE}_"]
        out.append("")
    nxt = s.next_week
    out += [
        "## Next week's plan",
        "",
        f"Appointments booked ({_iso(nxt.start) if nxt else None} – {_iso(nxt.end) if nxt else None}):",
        "",
    ]
    out += [
        f"- {_minute(a.start)} {a.contact}" + (f" ({a.area})" if a.area else "")
        for a in (nxt.appointments if nxt else ())
    ] or [f"_{NONE}_"]
    out += ["", f"Follow-ups falling due: {nxt.followups_due if nxt else 0}", ""]
    out += [
        f"- {i.due.isoformat()} {i.contact}: {i.reason}"
        for i in (nxt.followups[:20] if nxt else ())
    ]
    out += [
        "",
        "## Judgement",
        "",
        "_What went well, what went wrong, what to change next week._",
        "",
    ]
    return "\n".join(out)


def _minute(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def _cell(text: str) -> str:
    """A spreadsheet cell: formula-safe, and without the control characters a worksheet
    cannot hold (openpyxl refuses them) or a terminal would act on."""
    from salesplan.core.validate import strip_controls

    return neutralise(strip_controls(text)[0])


def week_xlsx(s: Summary) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Activity"
    ws.append([f"Weekly report {s.label}", s.start.isoformat(), s.end.isoformat()])
    ws["A1"].font = Font(bold=True)
    header = [
        "date",
        "calls",
        "reached",
        "visits",
        "emails",
        "appointments kept",
        "cancelled",
        "call target met",
    ]
    ws.append(header)
    for d in s.days:
        ws.append(
            [
                d.day.isoformat(),
                d.calls,
                d.reached,
                d.visits,
                d.emails,
                d.appointments_kept,
                d.appointments_cancelled,
                "yes" if d.calls_target_met else "no",
            ]
        )
    ws.append([])
    ws.append(["total", "this week", "previous week", "change"])
    change = s.change_json()  # the numbers the JSON shows, money in yuan
    for f in fields(Totals):
        key = f.name
        now, before = getattr(s.totals, key), getattr(s.previous, key)
        if key in MONEY_TOTALS:
            now, before = to_number(now), to_number(before)
        ws.append([key, now, before, change[key]])
    ws.append([])
    ws.append(
        [
            _("targets"),
            _("calls per day"),
            _("visits"),
            _("new contacts"),
            _("workdays"),
            _("sales"),
        ]
    )
    tg = s.targets
    ws.append(
        [
            "",
            tg.calls_per_day,
            tg.visits_per_week,
            tg.new_contacts_per_week,
            tg.workdays,
            to_number(s.sales_target.target) if s.sales_target else None,
        ]
    )
    fu = s.followups or FollowupCounts()
    ws.append([_("follow-ups"), _("missed"), _("open"), _("overdue in all")])
    ws.append(["", fu.missed, fu.open, fu.overdue_total])
    report = wb.create_sheet("Report")
    for i, (key, english, chinese) in enumerate(SECTIONS, 1):
        report.append([f"{i}. {english} · {chinese}"])
        report.cell(row=report.max_row, column=1).font = Font(bold=True)
        lines = _lines_for(key, s.sections) or [NONE]
        for line in lines:
            report.append([_cell(line.lstrip("- ").replace("**", ""))])
    report.append(["Next week's plan"])
    report.cell(row=report.max_row, column=1).font = Font(bold=True)
    nxt = s.next_week
    for a in nxt.appointments if nxt else ():
        report.append(
            [_cell(f"{_minute(a.start)} {a.contact}" + (f" ({a.area})" if a.area else ""))]
        )
    report.append([_("Follow-ups falling due: {n}").format(n=nxt.followups_due if nxt else 0)])
    for item in nxt.followups[:20] if nxt else ():
        report.append([_cell(f"{item.due.isoformat()} {item.contact}: {item.reason}")])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
