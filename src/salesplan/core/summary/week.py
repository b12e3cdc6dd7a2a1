"""The week: its summary (counts, targets, sections, follow-ups) and the week after's plan."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from salesplan.core.dates import iso_minute
from salesplan.core.followups import DueItem, due_until, overdue
from salesplan.core.money import to_number
from salesplan.core.summary.rows import NoteRow, PeriodRows, fields_json
from salesplan.core.summary.sections import ReportSections, build_sections
from salesplan.core.summary.totals import (
    DaySummary,
    Totals,
    totals_for,
)
from salesplan.core.todos import TodoItem, for_the_week, ordered
from salesplan.core.workdays import Workdays


@dataclass(frozen=True)
class Targets:
    calls_per_day: int
    visits_per_week: int  # prorated by the week's workdays
    new_contacts_per_week: int
    # The week's workdays: the days the call target applies to (5 in a plain week).
    workdays: int = 5
    potential_contacts_per_week: int = 0

    def to_json(self) -> dict[str, Any]:
        return fields_json(
            self,
            "calls_per_day",
            "visits_per_week",
            "new_contacts_per_week",
            "potential_contacts_per_week",
            "workdays",
        )


@dataclass(frozen=True)
class FollowupCounts:
    open: int = 0
    missed: int = 0
    overdue_total: int = 0
    contacts_followed_up: int = 0

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def followup_counts(
    items: Sequence[DueItem], start: date, end: date, as_of: date, rows: PeriodRows
) -> FollowupCounts:
    """What is still open from the week ``start``–``end`` as of ``as_of`` (``items`` were
    collected as of that day), and how many people the week's log touched. An item whose
    deadline passed by ``as_of`` is missed, though no workday has come since (a Friday's item
    on the report's Sunday); it is overdue only once a workday has passed, as ``due`` counts."""
    in_week = [i for i in items if start <= i.due <= end]
    return FollowupCounts(
        open=len([i for i in in_week if i.due <= as_of <= i.deadline]),
        missed=len([i for i in in_week if i.deadline < as_of]),
        overdue_total=len(overdue(items)),
        contacts_followed_up=len({a.contact_id for a in rows.activities if a.contact_id}),
    )


@dataclass(frozen=True)
class BookedAppointment:
    id: int
    start: datetime  # local wall-clock time
    contact: str | None  # the contact's name, else the appointment's title
    area: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": iso_minute(self.start),
            "contact": self.contact,
            "area": self.area,
        }


@dataclass(frozen=True)
class NextWeek:
    start: date
    end: date
    appointments: tuple[BookedAppointment, ...]
    followups: tuple[DueItem, ...]  # every item falling due, most urgent first
    # To-dos open at the end of the week before: dated by ``end``, or important.
    todos: tuple[TodoItem, ...] = ()
    # The day the report reads the to-dos' lateness on (the report's end, or today while its
    # week runs), in workdays of ``calendar``.
    as_of: date | None = None
    calendar: Workdays | None = field(default=None, compare=False, repr=False)

    def todo_late(self, todo: TodoItem) -> int:
        return todo.overdue_days(self.as_of or self.start, self.calendar)

    @property
    def followups_due(self) -> int:
        return len(self.followups)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "appointments": [a.to_json() for a in self.appointments],
            "followups_due": self.followups_due,
            # Every item the count counts: a report is a record, and no list is cut short.
            "followups": [i.to_json() for i in self.followups],
            "todos": [t.to_json(self.as_of or self.start, self.calendar) for t in self.todos],
        }


def plan_next_week(
    start: date,
    end: date,
    booked: Iterable[BookedAppointment],
    items: Iterable[DueItem],
    todos: Iterable[TodoItem] = (),
    as_of: date | None = None,
    calendar: Workdays | None = None,
) -> NextWeek:
    """The week ``start``–``end``: what is booked, and every follow-up open at the end of the
    week before (``items``) that falls due by ``end``, the overdue ones included: they are
    next week's work too; so are the to-dos open then that are dated by ``end`` or important."""
    upcoming = tuple(due_until(items, end))
    late_on = as_of or start
    return NextWeek(
        start,
        end,
        tuple(booked),
        upcoming,
        tuple(for_the_week(ordered(todos, late_on, calendar), end)),
        as_of,
        calendar,
    )


def share_of(done: int, target: int) -> float | None:
    """How much of ``target`` is done, to four places (None without a target)."""
    return round(done / target, 4) if target else None


@dataclass(frozen=True)
class PeriodTarget:
    """A period's share of the yearly sales target (split by workdays) and what was won."""

    target: int  # minor units
    sales: int  # minor units, won in the period

    @property
    def progress(self) -> float | None:
        return share_of(self.sales, self.target)

    def to_json(self) -> dict[str, Any]:
        return {
            "target": to_number(self.target),
            "sales": to_number(self.sales),
            "progress": self.progress,
        }


@dataclass(frozen=True)
class Summary:
    start: date
    end: date
    label: str
    days: tuple[DaySummary, ...]
    totals: Totals
    previous: Totals
    sections: ReportSections
    targets: Targets
    followups: FollowupCounts | None = None
    next_week: NextWeek | None = None
    sales_target: PeriodTarget | None = None
    # Who the report is of: the ``name`` setting, or the rep's role on a team store.
    salesperson: str | None = None
    # The week in the salesperson's own words (本周小结): the notes of kind summary.
    own_words: tuple[NoteRow, ...] = ()

    @property
    def change(self) -> Totals:
        return self.totals.minus(self.previous)

    @property
    def visits_target_met(self) -> bool:
        return self.totals.visits >= self.targets.visits_per_week

    def change_json(self) -> dict[str, Any]:
        return self.totals.change_json(self.previous)

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.label,
            "salesperson": self.salesperson,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": [d.to_json() for d in self.days],
            "totals": self.totals.to_json(),
            "previous": self.previous.to_json(),
            "change": self.change_json(),
            "targets": self.targets.to_json(),
            "visits_target_met": self.visits_target_met,
            "followups": self.followups.to_json() if self.followups else {},
            "sections": self.sections.to_json(),
            "next_week": self.next_week.to_json() if self.next_week else {},
            "sales_target": self.sales_target.to_json() if self.sales_target else {},
            "week_summary": [n.to_json() for n in self.own_words],
        }


def build_summary(
    *,
    start: date,
    end: date,
    label: str,
    rows: PeriodRows,
    previous_rows: PeriodRows,
    previous_start: date,
    previous_end: date,
    calls_per_day: int,
    visits_per_week: int,
    new_contacts_per_week: int,
    potential_contacts_per_week: int = 0,
    followups: FollowupCounts | None = None,
    next_week: NextWeek | None = None,
    workdays: Workdays | None = None,
    sales_target: int | None = None,
    today: date | None = None,
    salesperson: str | None = None,
) -> Summary:
    from salesplan.core.workdays import prorated_weekly_target

    totals, day_rows = totals_for(rows, start, end, calls_per_day, workdays, today)
    previous, _ = totals_for(previous_rows, previous_start, previous_end, calls_per_day, workdays)
    worked = sum(1 for d in day_rows if d.workday)
    return Summary(
        start=start,
        end=end,
        label=label,
        days=tuple(day_rows),
        totals=totals,
        previous=previous,
        sections=build_sections(rows),
        targets=Targets(
            calls_per_day,
            prorated_weekly_target(visits_per_week, worked),
            new_contacts_per_week,
            worked,
            potential_contacts_per_week,
        ),
        followups=followups,
        next_week=next_week,
        sales_target=PeriodTarget(sales_target, totals.sales) if sales_target is not None else None,
        salesperson=salesperson or None,
        own_words=tuple(n for n in rows.notes if n.kind == "summary"),
    )


def summary_json(s: Summary) -> dict[str, Any]:
    return s.to_json()
