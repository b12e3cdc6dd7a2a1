"""The weekly summary as a terminal view, a Markdown report and a spreadsheet.

In Chinese the report reads as a salesperson writes it: 2026年第49周（11月30日–12月6日）,
周一…周日, amounts in 元 with 万 and 亿 where large, the eleven sections numbered 一、…十一、
in the templates' words, then 下周计划.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

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
    NextWeek,
    NoteRow,
    ReportSections,
    Summary,
    Totals,
)
from salesplan.core.todos import TodoItem
from salesplan.i18n import N_, NP_, _, is_chinese, pgettext
from salesplan.render.safe import md_text as md
from salesplan.render.words import (
    category_word,
    chinese_numeral,
    day_words,
    flag_word,
    month_day,
    outcome_word,
    status_word,
    week_title,
    weekday_short,
    yuan,
)

N_NONE = N_("none recorded")

# The sections' Chinese names: the seed templates' words (SECTIONS keeps the English beside).
_SECTION_TITLES = {
    "sales_volume": NP_("report section", "Sales volume"),
    "collections": NP_("report section", "Collections"),
    "customer_visits": NP_("report section", "Customer visits"),
    "expenses": NP_("report section", "Sales expenses"),
    "promotions": NP_("report section", "Advertising and promotions"),
    "key_customers": NP_("report section", "Key customers"),
    "new_customers": NP_("report section", "New customers"),
    "abnormal_customers": NP_("report section", "Abnormal or poor-credit customers"),
    "to_develop": NP_("report section", "Customers to develop"),
    "competitors": NP_("report section", "Competitors' moves"),
    "policy": NP_("report section", "Local policy changes"),
}
# Totals as the spreadsheet names them, by field.
_TOTAL_NAMES = {
    "calls": NP_("total", "calls"),
    "reached": NP_("total", "reached"),
    "visits": NP_("total", "visits"),
    "emails": NP_("total", "emails"),
    "meetings": NP_("total", "meetings"),
    "new_contacts": NP_("total", "new contacts"),
    "potential_contacts": NP_("total", "potential customers"),
    "appointments_kept": NP_("total", "appointments kept"),
    "appointments_cancelled": NP_("total", "appointments cancelled"),
    "sales": NP_("total", "sales"),
    "collections": NP_("total", "collections"),
    "expenses": NP_("total", "expenses"),
    "call_days_met": NP_("total", "days the call target was met"),
    "visited_customers": NP_("total", "customers visited"),
}


def none_recorded() -> str:
    return _(N_NONE)


def section_title(number: int, key: str, english: str, chinese: str) -> str:
    """``一、销售量`` in Chinese; ``1. Sales volume · 销售量`` in English."""
    if is_chinese():
        return f"{chinese_numeral(number)}、{pgettext('report section', _SECTION_TITLES[key])}"
    return f"{number}. {english} · {chinese}"


def report_title(s: Summary) -> str:
    if is_chinese():
        return _("Weekly report {week}").format(week=week_title(s.label, s.start, s.end))
    return f"Weekly report {s.label} ({s.start.isoformat()} – {s.end.isoformat()})"


def salesperson_line(s: Summary) -> str:
    """``销售员：张丽`` under the title; empty when the report names no one."""
    return _("Salesperson: {name}").format(name=s.salesperson) if s.salesperson else ""


def own_words(s: Summary) -> list[str]:
    """The week in the salesperson's own words (本周小结), one paragraph per note."""
    return [n.text for n in s.own_words]


def _total_name(key: str) -> str:
    return pgettext("total", _TOTAL_NAMES[key]) if is_chinese() else key


def _delta(value: float | int) -> str:
    if value == 0:
        return "±0"
    return f"{value:+,}" if isinstance(value, int) else f"{value:+,.2f}"


def _bar(done: int, target: int, width: int = 12) -> Text:
    filled = min(width, round(width * done / target)) if target else 0
    text = Text("█" * filled, style="green" if done >= target else "red")
    text.append("░" * (width - filled), style="dim")
    return text


def _amount(cents: int) -> str:
    """An amount in the terminal view (a change keeps its sign)."""
    if is_chinese():
        return yuan(cents)
    return format_amount(cents) or "0"


def _amount_change(diff: int) -> str:
    if is_chinese():
        return yuan(diff, signed=True)
    sign = "+" if diff > 0 else ("-" if diff < 0 else "±")
    return f"{sign}{format_amount(abs(diff)) or '0'}"


def _short_day(day: date) -> str:
    return f"{weekday_short(day)} " + (month_day(day) if is_chinese() else day.strftime("%m-%d"))


def render_week(s: Summary) -> RenderableType:
    t, target = s.totals, s.targets
    title = (
        week_title(s.label, s.start, s.end)
        if is_chinese()
        else f"{s.label} · {s.start.isoformat()} – {s.end.isoformat()}"
    )
    if s.salesperson:
        title += " · " + salesperson_line(s)
    days = Table(title=title, title_justify="left")
    for col, justify in (
        (pgettext("column", "day"), "left"),
        (_("calls"), "left"),
        ("", "right"),
        (_("reached"), "right"),
        (_("visits"), "right"),
        (_("emails"), "right"),
        (_("kept/cxl"), "right"),
    ):
        days.add_column(col, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for d in s.days:
        day = d.day
        goal = _day_target(d, target.calls_per_day)
        if not goal:  # a day off has no target: its calls, and no mark
            count = Text.assemble(f"{d.calls} ", Text("—", style="dim"))
        else:
            if d.calls_target_met:
                mark = Text("✓", style="green")
            elif d.missed:
                mark = Text("✗", style="bold red")
            else:  # a day not over yet is not a missed day
                mark = Text("·", style="dim")
            count = Text.assemble(f"{d.calls}/{goal} ", mark)
        days.add_row(
            _short_day(day),
            _bar(d.calls, goal) if goal else Text(""),
            count,
            str(d.reached),
            str(d.visits),
            str(d.emails),
            f"{d.appointments_kept}/{d.appointments_cancelled}",
        )
    change = s.change
    week = Table(box=None, show_header=True, pad_edge=False)
    for col in (_("this week"), "", _("target"), _("vs last week")):
        week.add_column(col)
    visits_ok = t.visits >= target.visits_per_week
    per_day = _("{n}/day").format(n=target.calls_per_day)
    week.add_row(
        _("visits"),
        Text(str(t.visits), style="bold green" if visits_ok else "bold red"),
        str(target.visits_per_week),
        _delta(change.visits),
    )
    week.add_row(_("calls"), str(t.calls), per_day, _delta(change.calls))
    week.add_row(
        _("days call target met"),
        str(t.call_days_met),
        str(target.workdays),
        _delta(change.call_days_met),
    )
    week.add_row(
        _("new contacts"),
        str(t.new_contacts),
        str(target.new_contacts_per_week),
        _delta(change.new_contacts),
    )
    week.add_row(
        _("potential customers"),
        str(t.potential_contacts),
        str(target.potential_contacts_per_week),
        _delta(change.potential_contacts),
    )
    for key in MONEY_TOTALS:
        share = (
            _amount(s.sales_target.target) if key == "sales" and s.sales_target is not None else ""
        )
        week.add_row(
            _total_name(key),
            _amount(getattr(t, key)),
            share,
            _amount_change(getattr(change, key)),
        )
    f = s.followups or FollowupCounts()
    week.add_row(
        _("follow-ups missed / open"),
        f"{f.missed} / {f.open}",
        "",
        _("{n} overdue in all").format(n=f.overdue_total),
    )
    nxt = s.next_week
    footer = Text(
        _(
            "next week: {appointments} appointments booked, {due} follow-ups falling due,"
            " {todos} to-dos · full report: salesplan week --markdown"
        ).format(
            appointments=len(nxt.appointments) if nxt else 0,
            due=nxt.followups_due if nxt else 0,
            todos=len(nxt.todos) if nxt else 0,
        ),
        style="dim",
    )
    words = own_words(s)
    summary = Text(_("The week in my words:"), style="bold")
    for text in words or [none_recorded()]:
        summary.append("\n  " + text, style="" if words else "dim")
    return Group(days, week, summary, footer)


def _plain(text: Any) -> str:
    return str(text)


# How stored text goes into a line: escaped for Markdown (render.safe.md_text), as it is for a
# spreadsheet cell.
Escape = Callable[[Any], str]


def _notes(notes: tuple[NoteRow, ...], esc: Escape = _plain) -> list[str]:
    return [
        f"- {day_words(n.on)} {esc(n.text)}"
        + (_(" ({contact})").format(contact=esc(n.contact)) if n.contact else "")
        for n in notes
    ]


def _total_line(cents: int) -> str:
    return _("- **Total: {amount}**").format(amount=_money(cents))


def _todo_line(t: TodoItem, nxt: NextWeek, esc: Escape = _plain) -> str:
    """A to-do in next week's plan: important ones marked, the date it is due or how late (in
    workdays, as of the report's end)."""
    late = nxt.todo_late(t)
    when = (
        _("{days}d overdue").format(days=late)
        if late
        else (day_words(t.due) if t.due else _("no date"))
    )
    mark = _("important: ") if t.important else ""
    who = _(" ({contact})").format(contact=esc(t.contact)) if t.contact else ""
    return f"- {when} {mark}{esc(t.text)}{who}"


def _contact_name(name: str) -> str:
    return _(name) if name == "(cold)" else name


def _lines_for(key: str, sections: ReportSections, esc: Escape = _plain) -> list[str]:
    """The lines of one section of the report, Markdown list items; ``esc`` puts stored text
    in (``md_text`` for Markdown, so a name never breaks the page)."""
    if key == "sales_volume":
        sales = sections.sales_volume
        rows = [
            _("- {name} ({contact}), won {on}: {amount}").format(
                name=esc(w.name),
                contact=esc(w.contact),
                on=day_words(w.on) if w.on else ("—" if is_chinese() else None),
                amount=_money(w.amount),
            )
            for w in sales.won
        ]
        return [*rows, _total_line(sales.total)] if rows else []
    if key == "collections":
        coll = sections.collections
        rows = [
            _("- {on} {project} ({contact}): {amount}").format(
                on=day_words(p.on),
                project=esc(p.project),
                contact=esc(p.contact),
                amount=_money(p.amount),
            )
            + (f" — {esc(p.note)}" if p.note else "")
            for p in coll.payments
        ]
        return [*rows, _total_line(coll.total)] if rows else []
    if key == "customer_visits":
        return [
            f"- {day_words(v.day)} {esc(_contact_name(v.contact))}"
            + (_(" ({area})").format(area=esc(v.area)) if v.area else "")
            + _(": {outcome}").format(outcome=outcome_word(v.outcome))
            + (f" — {esc(v.note)}" if v.note else "")
            for v in sections.customer_visits.visits
        ]
    if key == "expenses":
        exp = sections.expenses
        if not exp.items:
            return []
        rows = [_("- Travel: {amount}").format(amount=_money(exp.travel))]
        rows += [
            _("- {category}: {amount}").format(category=category_word(k), amount=_money(v))
            for k, v in exp.by_category
            if k != "travel"
        ]
        return [
            *rows,
            _("- **Total: {amount}** (other than travel: {other})").format(
                amount=_money(exp.total), other=_money(exp.other_than_travel)
            ),
        ]
    if key == "key_customers":
        kc = sections.key_customers
        comma = _(", ")
        touched = comma.join(esc(k.name) for k in kc.touched) or none_recorded()
        missing = kc.not_touched
        names = comma.join(esc(k.name) for k in missing[:30]) + (
            _(" … and {n} more").format(n=len(missing) - 30) if len(missing) > 30 else ""
        )
        if not kc.touched and not missing:
            return []
        return [
            _("- Touched this week: {names}").format(names=touched),
            _("- Not touched: {names}").format(names=names or none_recorded()),
        ]
    if key == "new_customers":
        return [
            f"- {esc(c.name)}"
            + (_(", {company}").format(company=esc(c.company)) if c.company else "")
            + (_(" ({area})").format(area=esc(c.area)) if c.area else "")
            for c in sections.new_customers
        ]
    if key == "abnormal_customers":
        return [
            _("- {name}: {flags}").format(
                name=esc(c.name), flags=_(", ").join(flag_word(f) for f in c.flags)
            )
            + (f" — {esc(c.note)}" if c.note else "")
            for c in sections.abnormal_customers
        ]
    if key == "to_develop":
        return [
            f"- {esc(t.contact.name)}"
            + (_(", {company}").format(company=esc(t.contact.company)) if t.contact.company else "")
            + _(": {status}").format(status=status_word(t.contact.status))
            + (
                _(", last {outcome}").format(outcome=outcome_word(t.last_outcome))
                if t.last_outcome
                else ""
            )
            for t in sections.to_develop
        ]
    return _notes(getattr(sections, key), esc)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _money(cents: int | None, signed: bool = False) -> str:
    """Amounts in the report, from minor units: thousands separators, always two decimals;
    in Chinese 元, with 万 and 亿 where large."""
    if is_chinese():
        return yuan(cents, signed=signed)
    number = Decimal(cents or 0).scaleb(-2)
    return f"{number:+,.2f}" if signed else f"{number:,.2f}"


def _day_target(d: DaySummary, per_day: int) -> int:
    """The day's own call target: half on a half day absent, none on a day off."""
    if d.call_target is not None:
        return d.call_target
    return per_day if d.workday else 0


def _target_word(d: DaySummary, per_day: int) -> str:
    """The day against its own target (``met 15/15`` on a half day); ``—`` on a day off."""
    if not d.workday:
        return "—"
    if d.calls_target_met:
        word = _("met")
    elif d.pending:
        word = _("to come")
    else:
        word = _("missed")
    if d.call_target is not None and d.call_target != per_day:
        return f"{word} {d.calls}/{d.call_target}"
    return word


def _day_cell(day: date) -> str:
    return f"{weekday_short(day)} " + (month_day(day) if is_chinese() else day.isoformat())


def week_markdown(s: Summary) -> str:
    t, target, change = s.totals, s.targets, s.change
    out = [f"# {report_title(s)}", ""]
    if s.salesperson:
        out += [md(salesperson_line(s)), ""]
    out += [_("## The week in my words"), ""]
    for text in own_words(s) or []:
        out += [md(text), ""]
    if not s.own_words:
        out += [f"_{none_recorded()}_", ""]
    out += [
        _("## Activity"),
        "",
        _(
            "| day | calls | reached | visits | emails | appointments kept | cancelled | call target |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for d in s.days:
        out.append(
            f"| {_day_cell(d.day)} | {d.calls} | {d.reached} | {d.visits} | "
            f"{d.emails} | {d.appointments_kept} | {d.appointments_cancelled} | "
            f"{_target_word(d, target.calls_per_day)} |"
        )
    f = s.followups or FollowupCounts()
    per_day = _("{n}/day").format(n=target.calls_per_day)
    rows = (
        (_("calls"), t.calls, per_day, _delta(change.calls)),
        (_("reached"), t.reached, "", _delta(change.reached)),
        (
            _("days the call target was met"),
            t.call_days_met,
            target.workdays,
            _delta(change.call_days_met),
        ),
        (_("visits"), t.visits, target.visits_per_week, _delta(change.visits)),
        (_("customers visited"), t.visited_customers, "", _delta(change.visited_customers)),
        (_("emails"), t.emails, "", _delta(change.emails)),
        (
            _("new contacts"),
            t.new_contacts,
            target.new_contacts_per_week,
            _delta(change.new_contacts),
        ),
        (
            _("potential customers"),
            t.potential_contacts,
            target.potential_contacts_per_week,
            _delta(change.potential_contacts),
        ),
        (
            _total_name("sales"),
            _money(t.sales),
            _money(s.sales_target.target) if s.sales_target else "",
            _money(change.sales, signed=True),
        ),
        (
            _total_name("collections"),
            _money(t.collections),
            "",
            _money(change.collections, signed=True),
        ),
        (_total_name("expenses"), _money(t.expenses), "", _money(change.expenses, signed=True)),
        (
            _("follow-ups missed / open"),
            f"{f.missed} / {f.open}",
            0,
            _("{n} overdue in all").format(n=f.overdue_total),
        ),
    )
    out += [
        "",
        _("| this week | value | target | change vs last week |"),
        "|---|---:|---:|---:|",
    ]
    out += [
        f"| {name} |"
        + "".join(f" {cell} |" if cell != "" else " |" for cell in (value, goal, diff))
        for name, value, goal, diff in rows
    ]
    out += [
        "",
        _("## Summary of the week"),
        "",
    ]
    for i, (key, english, chinese) in enumerate(SECTIONS, 1):
        out.append(f"### {section_title(i, key, english, chinese)}")
        out.append("")
        lines = _lines_for(key, s.sections, md)
        out += lines or [f"_{none_recorded()}_"]
        out.append("")
    nxt = s.next_week
    if is_chinese():
        booked = (
            _("Appointments booked ({start} – {end}):").format(
                start=month_day(nxt.start), end=month_day(nxt.end)
            )
            if nxt
            else _("Appointments booked:")
        )
    else:
        booked = (
            f"Appointments booked ({_iso(nxt.start) if nxt else None} – "
            f"{_iso(nxt.end) if nxt else None}):"
        )
    out += [_("## Next week's plan"), "", booked, ""]
    out += [
        f"- {_minute(a.start)} {md(a.contact)}"
        + (_(" ({area})").format(area=md(a.area)) if a.area else "")
        for a in (nxt.appointments if nxt else ())
    ] or [f"_{none_recorded()}_"]
    out += [
        "",
        _("Follow-ups falling due: {n}").format(n=nxt.followups_due if nxt else 0),
        "",
    ]
    out += [
        _("- {due} {contact}: {reason}").format(
            due=day_words(i.due), contact=md(i.contact), reason=md(i.reason_words)
        )
        for i in (nxt.followups if nxt else ())
    ]
    if nxt and nxt.todos:
        out += ["", _("To do: {n}").format(n=len(nxt.todos)), ""]
        out += [_todo_line(t, nxt, md) for t in nxt.todos]
    out += [
        "",
        _("## Judgement"),
        "",
        _("_What went well, what went wrong, what to change next week._"),
        "",
    ]
    return "\n".join(out)


def _minute(at: datetime) -> str:
    if is_chinese():
        return f"{month_day(at.date())}（{weekday_short(at.date())}）{at:%H:%M}"
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
    ws.title = _("Activity")
    week = week_title(s.label, s.start, s.end) if is_chinese() else s.label
    title = _("Weekly report {week}").format(week=week)
    if s.salesperson:
        title += " · " + _cell(salesperson_line(s))
    ws.append([title, s.start.isoformat(), s.end.isoformat()])
    ws["A1"].font = Font(bold=True)
    header = [
        pgettext("column", "date"),
        _("calls"),
        _("reached"),
        _("visits"),
        _("emails"),
        _("appointments kept"),
        _("cancelled"),
        _("call target met"),
    ]
    if is_chinese():
        header.insert(1, pgettext("column", "day"))
    ws.append(header)
    for d in s.days:
        row: list[object] = [
            d.day.isoformat(),
            d.calls,
            d.reached,
            d.visits,
            d.emails,
            d.appointments_kept,
            d.appointments_cancelled,
            "—"
            if not d.workday
            else (_("yes") if d.calls_target_met else ("" if d.pending else _("no"))),
        ]
        if is_chinese():
            row.insert(1, weekday_short(d.day))
        ws.append(row)
    ws.append([])
    ws.append([_("total"), _("this week"), _("previous week"), _("change")])
    change = s.change_json()  # the numbers the JSON shows, money in yuan
    for f in fields(Totals):
        key = f.name
        now, before = getattr(s.totals, key), getattr(s.previous, key)
        if key in MONEY_TOTALS:
            now, before = to_number(now), to_number(before)
        name = _total_name(key)
        if key in MONEY_TOTALS and is_chinese():
            name += "（元）"
        ws.append([name, now, before, change[key]])
    ws.append([])
    ws.append(
        [
            _("targets"),
            _("calls per day"),
            _("visits"),
            _("new contacts"),
            _("potential customers"),
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
            tg.potential_contacts_per_week,
            tg.workdays,
            to_number(s.sales_target.target) if s.sales_target else None,
        ]
    )
    fu = s.followups or FollowupCounts()
    ws.append([_("follow-ups"), _("missed"), _("open"), _("overdue in all")])
    ws.append(["", fu.missed, fu.open, fu.overdue_total])
    report = wb.create_sheet(_("Report"))
    report.append([_("The week in my words")])
    report.cell(row=report.max_row, column=1).font = Font(bold=True)
    for text in own_words(s) or [none_recorded()]:
        report.append([_cell(text)])
    for i, (key, english, chinese) in enumerate(SECTIONS, 1):
        report.append([section_title(i, key, english, chinese)])
        report.cell(row=report.max_row, column=1).font = Font(bold=True)
        lines = _lines_for(key, s.sections) or [none_recorded()]
        for line in lines:
            report.append([_cell(line.lstrip("- ").replace("**", ""))])
    report.append([_("Next week's plan")])
    report.cell(row=report.max_row, column=1).font = Font(bold=True)
    nxt = s.next_week
    for a in nxt.appointments if nxt else ():
        report.append(
            [
                _cell(
                    f"{_minute(a.start)} {a.contact}"
                    + (_(" ({area})").format(area=a.area) if a.area else "")
                )
            ]
        )
    report.append([_("Follow-ups falling due: {n}").format(n=nxt.followups_due if nxt else 0)])
    for item in nxt.followups if nxt else ():
        report.append(
            [
                _cell(
                    _("- {due} {contact}: {reason}")
                    .format(due=day_words(item.due), contact=item.contact, reason=item.reason_words)
                    .lstrip("- ")
                )
            ]
        )
    if nxt and nxt.todos:
        report.append([_("To do: {n}").format(n=len(nxt.todos))])
        for t in nxt.todos:
            report.append([_cell(_todo_line(t, nxt).lstrip("- "))])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def section_lines(s: Summary) -> list[tuple[str, list[str]]]:
    """The eleven sections as the report words them, in plain text (no Markdown): each
    section's title and its lines, or the "none recorded" line."""
    return [
        (
            section_title(i, key, english, chinese),
            [line.removeprefix("- ").replace("**", "") for line in _lines_for(key, s.sections)]
            or [none_recorded()],
        )
        for i, (key, english, chinese) in enumerate(SECTIONS, 1)
    ]
