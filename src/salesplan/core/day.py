"""What one day holds for a salesperson: its timetable, the targets so far, the follow-ups due
and the visits the week's free field time can still hold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from salesplan.core.followups import DueItem
from salesplan.core.targets import Progress
from salesplan.core.timetable import Timetable


@dataclass(frozen=True)
class DayPlan:
    timetable: Timetable
    progress: Progress
    due: list[DueItem]
    visits_fit: int  # visits the free field time left this week can still hold

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
        }
