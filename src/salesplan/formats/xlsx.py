"""The weekly report as a spreadsheet (``week -o FILE.xlsx``), built from the typed summary
(``core.summary.Summary``): an Activity sheet of numbers (the days, the totals against last
week, the targets, the follow-ups) and a Report sheet of the report's lines in plain text, one a
cell. Every cell of stored text is formula-safe and free of control characters. openpyxl is
imported only when a workbook is made.
"""

from __future__ import annotations

from dataclasses import fields
from io import BytesIO
from typing import Any

from salesplan.core.cells import neutralise
from salesplan.core.money import to_number
from salesplan.core.reportwords import none_recorded, own_words, salesperson_line, total_name
from salesplan.core.summary import MONEY_TOTALS, FollowupCounts, Summary, Totals
from salesplan.core.validate import strip_controls
from salesplan.core.words import week_title, weekday_short
from salesplan.formats.report_lines import (
    PLAIN,
    appointment_lines,
    followup_lines,
    sections_lines,
    todo_lines,
)
from salesplan.i18n import _, is_chinese, pgettext


def _cell(text: str) -> str:
    """A spreadsheet cell: formula-safe, and without the control characters a worksheet
    cannot hold (openpyxl refuses them) or a terminal would act on."""
    return neutralise(strip_controls(text)[0])


def _bold_row(ws: Any, values: list[Any]) -> None:
    from openpyxl.styles import Font

    ws.append(values)
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)


def _days(ws: Any, s: Summary) -> None:
    """The title row, then each day's numbers."""
    week = week_title(s.label, s.start, s.end) if is_chinese() else s.label
    title = _("Weekly report {week}").format(week=week)
    if s.salesperson:
        title += " · " + _cell(salesperson_line(s))
    _bold_row(ws, [title, s.start.isoformat(), s.end.isoformat()])
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
        met = _("yes") if d.calls_target_met else ("" if d.pending else _("no"))
        row: list[object] = [
            d.day.isoformat(),
            d.calls,
            d.reached,
            d.visits,
            d.emails,
            d.appointments_kept,
            d.appointments_cancelled,
            met if d.workday else "—",
        ]
        if is_chinese():
            row.insert(1, weekday_short(d.day))
        ws.append(row)


def _totals(ws: Any, s: Summary) -> None:
    """Each total this week and the week before, and the change (money in yuan, as the JSON)."""
    ws.append([])
    ws.append([_("total"), _("this week"), _("previous week"), _("change")])
    change = s.change_json()
    for f in fields(Totals):
        key = f.name
        now, before = getattr(s.totals, key), getattr(s.previous, key)
        if key in MONEY_TOTALS:
            now, before = to_number(now), to_number(before)
        name = total_name(key)
        if key in MONEY_TOTALS and is_chinese():
            name += "（元）"
        ws.append([name, now, before, change[key]])


def _targets(ws: Any, s: Summary) -> None:
    """The week's targets, then the follow-ups missed, open and overdue."""
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
    sales = to_number(s.sales_target.target) if s.sales_target else None
    ws.append(
        [
            "",
            tg.calls_per_day,
            tg.visits_per_week,
            tg.new_contacts_per_week,
            tg.potential_contacts_per_week,
            tg.workdays,
            sales,
        ]
    )
    fu = s.followups or FollowupCounts()
    ws.append([_("follow-ups"), _("missed"), _("open"), _("overdue in all")])
    ws.append(["", fu.missed, fu.open, fu.overdue_total])


def _report(ws: Any, s: Summary) -> None:
    """The week in the salesperson's words, the eleven sections, next week's plan."""
    _bold_row(ws, [_("The week in my words")])
    for text in own_words(s) or [none_recorded()]:
        ws.append([_cell(text)])
    for title, lines in sections_lines(s, PLAIN):
        _bold_row(ws, [title])
        for line in lines:
            ws.append([_cell(line)])
    _bold_row(ws, [_("Next week's plan")])
    nxt = s.next_week
    for line in appointment_lines(nxt, PLAIN):
        ws.append([_cell(line)])
    ws.append([_("Follow-ups falling due: {n}").format(n=nxt.followups_due if nxt else 0)])
    for line in followup_lines(nxt, PLAIN):
        ws.append([_cell(line)])
    if nxt and nxt.todos:
        ws.append([_("To do: {n}").format(n=len(nxt.todos))])
        for line in todo_lines(nxt, PLAIN):
            ws.append([_cell(line)])


def week_xlsx(s: Summary) -> bytes:
    """The workbook's bytes: the Activity sheet, then the Report sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = _("Activity")
    _days(ws, s)
    _totals(ws, s)
    _targets(ws, s)
    _report(wb.create_sheet(_("Report")), s)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
