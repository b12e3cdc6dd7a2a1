"""The day as a timeline a salesperson prints and carries, and as the contract's JSON."""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.text import Text

from salesplan.core.dates import hhmm
from salesplan.core.day import DayPlan
from salesplan.core.followups import overdue
from salesplan.core.words import weekday_short
from salesplan.i18n import NP_, _, ngettext, pgettext

_BLOCK_STYLE = {
    "meeting": "magenta",
    "calls": "green",
    "office": "green",
    "field": "blue",
    "review": "yellow",
    "custom": "white",
}
_WARNING_CODES = (
    NP_("warning", "overlap"),
    NP_("warning", "tight"),
    NP_("warning", "short-buffer"),
    NP_("warning", "displaced"),
    NP_("warning", "absent"),
)


CALL_LIST_MAX = 15  # a printed sheet has room for this many names under the call block
_SPAN_WIDTH = len("08:00–08:40")


def day_off_lines(plan: DayPlan) -> list[str]:
    """A day off says so and what the next workday holds (first appointment, leave-by, due)."""
    why = {
        "weekend": _("the weekend"),
        "holiday": _("a public holiday"),
        "own-off": _("your day off"),
    }.get(plan.day_kind, _("a day off"))
    lines = [
        _("{date} is a day off ({why}): no calls expected.").format(
            date=plan.timetable.day.isoformat(), why=why
        )
    ]
    if plan.due:  # a day off still shows what is waiting
        lines.append(
            ngettext(
                "{n} follow-up due ({overdue} overdue): salesplan due",
                "{n} follow-ups due ({overdue} overdue): salesplan due",
                len(plan.due),
            ).format(n=len(plan.due), overdue=len(overdue(plan.due)))
        )
    nxt = plan.next_workday
    if nxt is None:
        return lines
    if nxt.first_start is not None:
        first = _("first appointment {time} {who}, leave by {leave}").format(
            time=hhmm(nxt.first_start),
            who=nxt.first_appointment,
            leave=hhmm(nxt.leave_by or nxt.first_start),
        )
    else:
        first = _("no appointments booked")
    lines.append(
        _(
            "Next workday {weekday} {date}: {first}; {due} follow-ups due ({overdue} overdue)."
        ).format(
            weekday=weekday_short(nxt.day),
            date=nxt.day.isoformat(),
            first=first,
            due=nxt.due,
            overdue=nxt.overdue,
        )
    )
    return lines


_GAP_KIND = {
    "calls": NP_("call room", "call block"),
    "field": NP_("call room", "field time"),
    "free": NP_("call room", "free time"),
}


def render_call_room(room: Any) -> RenderableType | None:
    """Where the calls go when the call blocks cannot hold them; None when they can."""
    if room is None or not room.squeezed:
        return None
    lines = Text()
    lines.append(
        ngettext(
            "the call blocks left hold {in_blocks} of the {to_go} call to go "
            "(at {pace} min a call); make it here:",
            "the call blocks left hold {in_blocks} of the {to_go} calls to go "
            "(at {pace} min a call); make them here:",
            room.to_go,
        ).format(in_blocks=room.in_blocks, to_go=room.to_go, pace=room.minutes_per_call)
    )
    for gap in room.gaps:
        if not gap.planned:
            continue
        lines.append("\n")
        lines.append(f"{hhmm(gap.start)}–{hhmm(gap.end)}  ", style="bold")
        lines.append(
            ngettext(
                "{kind}: {n} call (room for {holds})",
                "{kind}: {n} calls (room for {holds})",
                gap.planned,
            ).format(
                kind=pgettext("call room", _GAP_KIND[gap.kind]), n=gap.planned, holds=gap.holds
            )
        )
    if room.short:
        lines.append("\n")
        lines.append(
            ngettext(
                "{n} call fits nowhere today: the day holds {fits} of {to_go}",
                "{n} calls fit nowhere today: the day holds {fits} of {to_go}",
                room.short,
            ).format(n=room.short, fits=room.to_go - room.short, to_go=room.to_go),
            style="bold red",
        )
    return Panel(
        lines,
        title=_("where the calls fit"),
        border_style="red" if room.short else "yellow",
        expand=False,
    )


def header_line(plan: DayPlan) -> str:
    tt, p = plan.timetable, plan.progress
    fit = (
        _(" · {n} more fit in this week's free field time").format(n=plan.visits_fit)
        if p.visits_left
        else ""
    )
    return (
        _(
            "{weekday} {day} · calls {calls}/{calls_target} · visits this week {visits}/{visits_target}"
        ).format(
            weekday=weekday_short(tt.day),
            day=tt.day.isoformat(),
            calls=p.calls_today,
            calls_target=p.calls_target,
            visits=p.visits_week,
            visits_target=p.visits_target,
        )
        + fit
    )


class Timeline:
    """Rows of a time span and what happens then; long text wraps under itself, not under
    the time. The two-column layout a rich Table gives, at a fraction of its cost."""

    def __init__(self) -> None:
        self.rows: list[tuple[Text, Text]] = []

    def add(self, span: str, what: Text, span_style: str = "bold") -> None:
        self.rows.append((Text(span.ljust(_SPAN_WIDTH) + "  ", style=span_style), what))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = _SPAN_WIDTH + 2
        width = max(options.max_width - indent, 20)
        blank = Text(" " * indent)
        for span, what in self.rows:
            for n, part in enumerate(what.wrap(console, width)):
                row = (span if n == 0 else blank).copy()
                part.rstrip()
                row.append_text(part)
                yield row


def call_list_lines(plan: DayPlan, line: Any) -> None:
    """The people to call under the call block: one line per person (a person is called once),
    with the most urgent reason and the others the same call settles; then how many more, and
    what is due by email or visit instead."""
    calls = plan.calls
    for head, others in calls[:CALL_LIST_MAX]:
        entry = Text("  ☎ ", style="green")
        entry.append(head.contact, style="bold")
        if head.overdue_days:
            entry.append("  " + _("{days}d overdue").format(days=head.overdue_days), style="red")
        entry.append(f"  {head.reason_words}", style="dim")
        for other in others:
            entry.append("  " + _("also: {reason}").format(reason=other.reason_words), style="dim")
        line("", entry)
    if len(calls) > CALL_LIST_MAX:
        more = "  " + _("… and {n} more: salesplan due").format(n=len(calls) - CALL_LIST_MAX)
        line("", Text(more, style="dim"))
    elsewhere = sum(1 for i in plan.due if i.channel != "call")
    if elsewhere:
        text = ngettext(
            "{n} follow-up due by email or visit: salesplan due",
            "{n} follow-ups due by email or visit: salesplan due",
            elsewhere,
        ).format(n=elsewhere)
        line("", Text("  " + text, style="dim"))


def render_day(plan: DayPlan) -> RenderableType:
    """The timeline as padded lines: time span, then what happens.

    Lines rather than a rich Table, as for ``due``: the call list under a call block runs to
    fifteen names, and table layout cost more than everything else the command does.
    """
    tt = plan.timetable
    parts: list[RenderableType] = [Text(header_line(plan), style="bold")]
    if tt.warnings:
        lines = Text()
        for i, w in enumerate(tt.warnings):
            if i:
                lines.append("\n")
            lines.append(
                _("{code}: ").format(code=pgettext("warning", w.code)),
                style="bold red" if w.code == "overlap" else "bold yellow",
            )
            lines.append(w.message)
        parts.append(Panel(lines, title=_("warnings"), border_style="red", expand=False))
    room = render_call_room(plan.call_room)
    if room is not None:
        parts.append(room)

    out = Timeline()
    line = out.add

    for i, slot in enumerate(tt.slots):
        span = f"{hhmm(slot.start)}–{hhmm(slot.end)}"
        if slot.kind == "appointment":
            text = Text(f"◆ {slot.label}", style="bold")
            extra = [
                str(e)
                for e in (slot.details.get(k) for k in ("company", "title", "location", "phone"))
                if e
            ]
            if slot.area:
                extra.insert(0, slot.area)
            if extra:
                text.append("  " + " · ".join(extra))
            if slot.leave_by is not None:
                text.append(
                    _("  leave by {time}").format(time=hhmm(slot.leave_by)), style="bold red"
                )
            line(span, text)
        elif slot.kind == "travel":
            line(span, Text(f"→ {slot.label}", style="cyan"), "cyan")
        elif slot.kind == "buffer":
            line(span, Text(f"· {slot.label}", style="dim"), "dim")
        else:
            style = _BLOCK_STYLE.get(slot.block_kind or "custom", "white")
            text = Text(slot.label, style=style)
            if slot.pace is not None:
                text.append(_("  ({pace})").format(pace=slot.pace.text()), style="green")
            line(span, text, style)
            if i == tt.call_list_index and plan.due:
                call_list_lines(plan, line)
    parts.append(Text())
    parts.append(out)
    if plan.todos:
        parts.append(render_todos(plan.todos, tt.day, plan.calendar))
    if plan.due and tt.call_list_index is None:
        due = ngettext(
            "{n} follow-up due: see salesplan due",
            "{n} follow-ups due: see salesplan due",
            len(plan.due),
        ).format(n=len(plan.due))
        parts.append(Text(due, style="yellow"))
    return Group(*parts)


TODOS_SHOWN = 10


def render_todos(todos: Any, today: Any, calendar: Any = None) -> Text:
    """The to-dos still open under the day: important (!) and overdue first; late in workdays
    of ``calendar`` (Monday to Friday when not given)."""
    out = Text()
    out.append(_("to do ({n} open):").format(n=len(todos)), style="bold")
    for item in todos[:TODOS_SHOWN]:
        out.append("\n  ")
        out.append("! " if item.important else "· ", style="bold red" if item.important else "")
        out.append(f"#{item.id} {item.text}")
        if item.contact:
            out.append(f" · {item.contact}", style="dim")
        late = item.overdue_days(today, calendar)
        if late:
            out.append("  " + _("{days}d overdue").format(days=late), style="red")
        elif item.due:
            out.append("  " + _("due {date}").format(date=item.due.isoformat()), style="yellow")
    if len(todos) > TODOS_SHOWN:
        out.append(
            "\n  " + _("… and {n} more: salesplan todo list").format(n=len(todos) - TODOS_SHOWN),
            style="dim",
        )
    return out
