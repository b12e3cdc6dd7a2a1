"""The evening review of one day: the log by outcome, the loose ends, the day's new names, a
look at the day after. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from salesplan.core.dates import iso_minute
from salesplan.core.summary import NewContact
from salesplan.core.timetable import PlanWarning, Timetable
from salesplan.core.todos import TodoItem
from salesplan.core.workdays import Workdays

# Outcomes that leave the next step open unless a --next date was given.
NEEDS_NEXT = ("callback", "no-answer", "busy", "appointment", "consultation", "reached")


@dataclass(frozen=True)
class ReviewEntry:
    """One log entry of the day."""

    id: int
    kind: str
    at: datetime  # local wall-clock time
    contact_id: int | None
    contact: str | None
    outcome: str
    note: str | None
    next: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "at": iso_minute(self.at),
            "contact_id": self.contact_id,
            "contact": self.contact,
            "outcome": self.outcome,
            "note": self.note,
            "next": self.next.isoformat() if self.next else None,
        }


@dataclass(frozen=True)
class TomorrowAppointment:
    start: datetime
    leave_by: datetime | None
    label: str
    area: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.strftime("%H:%M"),
            "leave_by": self.leave_by.strftime("%H:%M") if self.leave_by else None,
            "label": self.label,
            "area": self.area,
        }


@dataclass(frozen=True)
class Tomorrow:
    day: date
    appointments: tuple[TomorrowAppointment, ...]
    warnings: tuple[PlanWarning, ...]
    due: int  # follow-ups due that day, overdue included

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "appointments": [a.to_json() for a in self.appointments],
            "warnings": [w.to_json() for w in self.warnings],
            "due": self.due,
        }


def tomorrow_from(timetable: Timetable, due: int) -> Tomorrow:
    """What the review shows of the next day's timetable."""
    return Tomorrow(
        day=timetable.day,
        appointments=tuple(
            TomorrowAppointment(sl.start, sl.leave_by, sl.label, sl.area)
            for sl in timetable.slots
            if sl.kind == "appointment"
        ),
        warnings=tuple(timetable.warnings),
        due=due,
    )


@dataclass(frozen=True)
class Review:
    day: date
    by_outcome: tuple[tuple[str, tuple[ReviewEntry, ...]], ...]  # by outcome name
    no_next_step: tuple[ReviewEntry, ...]
    new_names: tuple[NewContact, ...]
    tomorrow: Tomorrow | None = None
    # The to-dos still open, important and overdue first (the evening review flags them).
    todos: tuple[TodoItem, ...] = ()
    # The calendar the to-dos' lateness is counted in (workdays).
    calendar: Workdays | None = field(default=None, compare=False, repr=False)

    @property
    def logged(self) -> int:
        return sum(len(entries) for _, entries in self.by_outcome)

    @property
    def loose_ends(self) -> tuple[tuple[ReviewEntry, ...], ...]:
        """The entries without a next step, one group per person (in the order first seen):
        a person called three times is one loose end."""
        groups: dict[int | None, list[ReviewEntry]] = {}
        for e in self.no_next_step:
            groups.setdefault(e.contact_id, []).append(e)
        return tuple(tuple(g) for g in groups.values())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "date": self.day.isoformat(),
            "by_outcome": {o: [e.to_json() for e in entries] for o, entries in self.by_outcome},
            "no_next_step": [e.to_json() for e in self.no_next_step],
            "loose_ends": [
                {
                    "contact_id": g[0].contact_id,
                    "contact": g[0].contact,
                    "entries": [e.id for e in g],
                }
                for g in self.loose_ends
            ],
            "new_names": [n.to_json() for n in self.new_names],
            "todos": [t.to_json(self.day, self.calendar) for t in self.todos],
        }
        if self.tomorrow is not None:
            out["tomorrow"] = self.tomorrow.to_json()
        return out


def build_review(
    day: date,
    entries: Iterable[ReviewEntry],
    new_names: Iterable[NewContact],
    tomorrow: Tomorrow | None = None,
) -> Review:
    """``entries`` in the order they were logged. A contact is a loose end when an entry left
    the next step open and no entry that day set one."""
    by_outcome: dict[str, list[ReviewEntry]] = defaultdict(list)
    loose: list[ReviewEntry] = []
    for e in entries:
        by_outcome[e.outcome].append(e)
        if e.contact_id is not None and e.next is None and e.outcome in NEEDS_NEXT:
            loose.append(e)
    # A later entry that sets a next step ties up an earlier loose end for the same person.
    has_next = {e.contact_id for items in by_outcome.values() for e in items if e.next}
    return Review(
        day=day,
        by_outcome=tuple((o, tuple(items)) for o, items in sorted(by_outcome.items())),
        no_next_step=tuple(e for e in loose if e.contact_id not in has_next),
        new_names=tuple(new_names),
        tomorrow=tomorrow,
    )
