"""The weekly summary as the terminal shows it (``week``): the days with their call bars, the
week against its targets and last week, the week in the salesperson's words. The report's files
(Markdown, the spreadsheet) are written in ``formats.markdown`` and ``formats.xlsx``.
"""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from salesplan.core.money import format_amount
from salesplan.core.reportwords import (
    delta,
    none_recorded,
    own_words,
    salesperson_line,
    total_name,
)
from salesplan.core.summary import MONEY_TOTALS, DaySummary, FollowupCounts, Summary
from salesplan.core.words import month_day, week_title, weekday_short, yuan
from salesplan.i18n import _, is_chinese, pgettext


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


def _day_target(d: DaySummary, per_day: int) -> int:
    """The day's own call target: half on a half day absent, none on a day off."""
    if d.call_target is not None:
        return d.call_target
    return per_day if d.workday else 0


def _calls_cell(d: DaySummary, goal: int) -> Text:
    """The day's calls against its target, marked met, missed or still to come."""
    if not goal:  # a day off has no target: its calls, and no mark
        return Text.assemble(f"{d.calls} ", Text("—", style="dim"))
    if d.calls_target_met:
        mark = Text("✓", style="green")
    elif d.missed:
        mark = Text("✗", style="bold red")
    else:  # a day not over yet is not a missed day
        mark = Text("·", style="dim")
    return Text.assemble(f"{d.calls}/{goal} ", mark)


def _days_table(s: Summary) -> Table:
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
        goal = _day_target(d, s.targets.calls_per_day)
        days.add_row(
            _short_day(d.day),
            _bar(d.calls, goal) if goal else Text(""),
            _calls_cell(d, goal),
            str(d.reached),
            str(d.visits),
            str(d.emails),
            f"{d.appointments_kept}/{d.appointments_cancelled}",
        )
    return days


def _week_table(s: Summary) -> Table:
    t, target, change = s.totals, s.targets, s.change
    week = Table(box=None, show_header=True, pad_edge=False)
    for col in (_("this week"), "", _("target"), _("vs last week")):
        week.add_column(col)
    visits_ok = t.visits >= target.visits_per_week
    week.add_row(
        _("visits"),
        Text(str(t.visits), style="bold green" if visits_ok else "bold red"),
        str(target.visits_per_week),
        delta(change.visits),
    )
    per_day = _("{n}/day").format(n=target.calls_per_day)
    week.add_row(_("calls"), str(t.calls), per_day, delta(change.calls))
    for name, now, goal, diff in (
        (_("days call target met"), t.call_days_met, target.workdays, change.call_days_met),
        (_("new contacts"), t.new_contacts, target.new_contacts_per_week, change.new_contacts),
        (
            _("potential customers"),
            t.potential_contacts,
            target.potential_contacts_per_week,
            change.potential_contacts,
        ),
    ):
        week.add_row(name, str(now), str(goal), delta(diff))
    for key in MONEY_TOTALS:
        share = (
            _amount(s.sales_target.target) if key == "sales" and s.sales_target is not None else ""
        )
        week.add_row(
            total_name(key),
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
    return week


def _footer(s: Summary) -> Text:
    nxt = s.next_week
    return Text(
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


def render_week(s: Summary) -> RenderableType:
    words = own_words(s)
    summary = Text(_("The week in my words:"), style="bold")
    for text in words or [none_recorded()]:
        summary.append("\n  " + text, style="" if words else "dim")
    return Group(_days_table(s), _week_table(s), summary, _footer(s))
