"""The day as a timeline a salesperson prints and carries, and as the contract's JSON."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from salesplan.core.dates import hhmm

_BLOCK_STYLE = {
    "meeting": "magenta",
    "calls": "green",
    "office": "green",
    "field": "blue",
    "review": "yellow",
    "custom": "white",
}
_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CALL_LIST_MAX = 15  # a printed sheet has room for this many names under the call block


def today_json(plan: Any) -> dict[str, Any]:
    tt = plan.timetable
    p = plan.progress
    return {
        "date": tt.day.isoformat(),
        "slots": [s.to_json() for s in tt.slots],
        "warnings": [w.to_json() for w in tt.warnings],
        "calls": {"done": p.calls_today, "target": p.calls_target},
        "visits_week": {"done": p.visits_week, "target": p.visits_target},
        "visits_fit": plan.visits_fit,
        "due": [i.to_json() for i in plan.due],
    }


def header_line(plan: Any) -> str:
    tt, p = plan.timetable, plan.progress
    fit = f" · {plan.visits_fit} more fit in this week's free field time" if p.visits_left else ""
    return (
        f"{_WEEKDAY[tt.day.weekday()]} {tt.day.isoformat()} · calls {p.calls_today}/{p.calls_target} · "
        f"visits this week {p.visits_week}/{p.visits_target}{fit}"
    )


def render_day(plan: Any) -> RenderableType:
    tt = plan.timetable
    parts: list[RenderableType] = [Text(header_line(plan), style="bold")]
    if tt.warnings:
        lines = Text()
        for i, w in enumerate(tt.warnings):
            if i:
                lines.append("\n")
            lines.append(f"{w.code}: ", style="bold red" if w.code == "overlap" else "bold yellow")
            lines.append(w.message)
        parts.append(Panel(lines, title="warnings", border_style="red", expand=False))

    table = Table(box=box.SIMPLE, show_header=False, pad_edge=False)
    table.add_column("time", no_wrap=True, style="bold")
    table.add_column("what", overflow="fold")
    for i, slot in enumerate(tt.slots):
        span = f"{hhmm(slot.start)}–{hhmm(slot.end)}"
        if slot.kind == "appointment":
            text = Text(f"◆ {slot.label}", style="bold")
            extra = [slot.details.get(k) for k in ("company", "title", "location", "phone")]
            extra = [e for e in extra if e]
            if slot.area:
                extra.insert(0, slot.area)
            if extra:
                text.append("  " + " · ".join(extra))
            if slot.leave_by is not None:
                text.append(f"  leave by {hhmm(slot.leave_by)}", style="bold red")
            table.add_row(span, text)
        elif slot.kind == "travel":
            table.add_row(Text(span, style="cyan"), Text(f"→ {slot.label}", style="cyan"))
        elif slot.kind == "buffer":
            table.add_row(Text(span, style="dim"), Text(f"· {slot.label}", style="dim"))
        else:
            style = _BLOCK_STYLE.get(slot.block_kind or "custom", "white")
            text = Text(slot.label, style=style)
            if slot.pace is not None:
                text.append(f"  ({slot.pace.text()})", style="green")
            table.add_row(Text(span, style=style), text)
            if i == tt.call_list_index and plan.due:
                for item in plan.due[:CALL_LIST_MAX]:
                    line = Text("    ☎ ", style="green")
                    line.append(item.contact, style="bold")
                    if item.overdue_days:
                        line.append(f"  {item.overdue_days}d overdue", style="red")
                    line.append(f"  {item.reason}", style="dim")
                    table.add_row("", line)
                if len(plan.due) > CALL_LIST_MAX:
                    table.add_row(
                        "",
                        Text(
                            f"    … and {len(plan.due) - CALL_LIST_MAX} more: salesplan due",
                            style="dim",
                        ),
                    )
    parts.append(table)
    if plan.due and tt.call_list_index is None:
        parts.append(Text(f"{len(plan.due)} follow-ups due: see salesplan due", style="yellow"))
    return Group(*parts)
