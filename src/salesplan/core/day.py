"""What one day holds for a salesperson: its timetable, the targets so far, the follow-ups due
and the visits the week's free field time can still hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from salesplan.core.callroom import CallRoom
from salesplan.core.dates import hhmm
from salesplan.core.followups import DueItem, calls_due
from salesplan.core.targets import Progress
from salesplan.core.timetable import Timetable
from salesplan.core.todos import TodoItem
from salesplan.core.workdays import Workdays


@dataclass(frozen=True)
class NextWorkday:
    """What a day off shows of the next workday: its first appointment and what is due."""

    day: date
    first_appointment: str | None  # who or what
    first_start: datetime | None
    leave_by: datetime | None
    due: int
    overdue: int

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "first_appointment": self.first_appointment,
            "first_start": hhmm(self.first_start) if self.first_start else None,
            "leave_by": hhmm(self.leave_by) if self.leave_by else None,
            "due": self.due,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class DayPlan:
    timetable: Timetable
    progress: Progress
    due: list[DueItem]
    visits_fit: int  # visits the free field time left this week can still hold
    # By the workday calendar: a day off ("weekend", "holiday", "own-off") names the next one.
    day_kind: str = "workday"
    next_workday: NextWorkday | None = None

    @property
    def workday(self) -> bool:
        return self.day_kind in ("workday", "makeup", "own-work")

    @property
    def calls(self) -> list[tuple[DueItem, list[DueItem]]]:
        """The call list under the call block: one call per person, as ``calls`` offers them."""
        return calls_due(self.due)

    # Where the day's calls fit when appointments have taken the call blocks.
    call_room: CallRoom | None = None
    # The to-dos still open, important and overdue first.
    todos: tuple[TodoItem, ...] = ()
    # The calendar the to-dos' lateness is counted in (workdays).
    calendar: Workdays | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        """The contract's ``today --json`` object."""
        tt, p = self.timetable, self.progress
        return {
            "date": tt.day.isoformat(),
            "slots": [s.to_json() for s in tt.slots],
            "warnings": [w.to_json() for w in tt.warnings],
            "calls": {"done": p.calls_today, "target": p.calls_target},
            "visits_week": {"done": p.visits_week, "target": p.visits_target},
            "visits_fit": self.visits_fit,
            "due": [i.to_json() for i in self.due],
            "workday": self.workday,
            "day_kind": self.day_kind,
            **({"next_workday": self.next_workday.to_json()} if self.next_workday else {}),
            "call_room": self.call_room.to_json() if self.call_room is not None else None,
            "todos": [t.to_json(tt.day, self.calendar) for t in self.todos],
        }
