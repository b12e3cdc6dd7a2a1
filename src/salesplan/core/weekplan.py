"""The week ahead, day by day: what is booked, what falls due, where the visits could go.

Made the evening before a week starts (Friday or Sunday): each workday of the week with its
appointments and leave-by times, the follow-ups falling due that day (the overdue ones on the
first workday planned), the day's call target, and the free field time near the day's
appointment areas, with the visits still needed to reach the week's visit target spread over
the days whose field time can hold them. Pure: the timetables, due items and calendar come in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from salesplan.core.dates import hhmm, week_bounds, week_label
from salesplan.core.followups import DueItem
from salesplan.core.template import Block
from salesplan.core.timetable import Timetable
from salesplan.core.workdays import Workdays


def parse_week_ahead(text: str, today: date, week_start: int = 0) -> date:
    """The first day of the week meant by ``text``: ``this``/``本周``, ``next``/``下周``, an ISO
    week (``2026-W49``, ``第49周``) or any DATE in it; a week or day named by number or name
    is the next such one, this one included."""
    from salesplan.core.dates import parse_week

    return parse_week(text, today, week_start)


def workday_blocks(day: date, template: Mapping[int, Sequence[Block]]) -> list[Block]:
    """The template blocks a worked day gets: its weekday's, or — for a 调休 Saturday or Sunday
    whose weekday has none — the first weekday's that has blocks (a make-up day is worked as a
    weekday)."""
    own = list(template.get(day.weekday(), []))
    if own:
        return own
    return next((list(template[d]) for d in range(7) if template.get(d)), [])


def week_ahead_start(today: date, week_start: int, workdays: Workdays) -> date:
    """The week ``plan week`` shows by default: this week while a workday of it is still to
    come after today, else next week."""
    first, last = week_bounds(today, week_start)
    ahead = workdays.workdays_in(today + timedelta(days=1), last)
    return first if ahead else first + timedelta(days=7)


@dataclass(frozen=True)
class PlannedVisit:
    """An appointment as the week plan shows it."""

    appointment_id: int
    start: str  # HH:MM
    end: str
    label: str
    area: str | None
    leave_by: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.appointment_id,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "area": self.area,
            "leave_by": self.leave_by,
        }


@dataclass(frozen=True)
class WeekDay:
    day: date
    kind: str  # workday | makeup | own-work (core.workdays kinds of a worked day)
    call_target: int
    appointments: tuple[PlannedVisit, ...]
    due: tuple[DueItem, ...]
    free_field_minutes: int
    field_areas: tuple[str, ...]  # areas the free field time sits near, nearest first
    visits_fit: int  # visits the day's free field time can hold
    visits_suggested: int  # of the visits still needed, how many to put on this day

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "kind": self.kind,
            "call_target": self.call_target,
            "appointments": [a.to_json() for a in self.appointments],
            "due": [i.to_json() for i in self.due],
            "free_field_minutes": self.free_field_minutes,
            "field_areas": list(self.field_areas),
            "visits_fit": self.visits_fit,
            "visits_suggested": self.visits_suggested,
        }


@dataclass(frozen=True)
class WeekPlan:
    start: date
    end: date
    days: tuple[WeekDay, ...]  # the workdays, in order
    off: tuple[tuple[date, str], ...]  # the days off in the week, with their kind
    visits_target: int
    visits_done: int
    visits_booked: int  # appointments still planned this week (each a visit when kept)
    visits_needed: int  # beyond those booked, to reach the target
    visits_fit: int  # what the week's free field time can hold

    def to_json(self) -> dict[str, Any]:
        return {
            "week": week_label(self.start),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": [d.to_json() for d in self.days],
            "off": [{"date": d.isoformat(), "kind": k} for d, k in self.off],
            "visits": {
                "target": self.visits_target,
                "done": self.visits_done,
                "booked": self.visits_booked,
                "needed": self.visits_needed,
                "fit": self.visits_fit,
            },
        }


def place_due(
    items: Sequence[DueItem], days: Sequence[date], last: date
) -> dict[date, list[DueItem]]:
    """Each item on the planned day it falls due: on its due day when that is planned, on the
    next planned day when it falls on a day off, on the first planned day when it is already due
    before the plan starts (overdue). Items due after ``last`` are left out."""
    placed: dict[date, list[DueItem]] = {d: [] for d in days}
    if not days:
        return placed
    for item in items:
        if item.due > last:
            continue
        target = next((d for d in days if d >= item.due), None)
        if target is None:  # due on a day off after the last workday planned
            continue
        placed[target].append(item)
    return placed


def spread_visits(needed: int, fits: Sequence[int]) -> list[int]:
    """``needed`` visits over days that can hold ``fits`` each: as even as the days allow, the
    earlier days first when it does not divide evenly; never more than a day holds."""
    out = [0] * len(fits)
    left = needed
    while left > 0:
        open_days = [i for i, f in enumerate(fits) if out[i] < f]
        if not open_days:
            break
        for i in open_days:
            if left == 0:
                break
            out[i] += 1
            left -= 1
    return out


def build_week_plan(
    start: date,
    end: date,
    *,
    today: date,
    workdays: Workdays,
    timetables: Mapping[date, Timetable],
    due: Sequence[DueItem],
    call_targets: Mapping[date, int],
    visits_target: int,
    visits_done: int,
    visits_fit: Mapping[date, int],
) -> WeekPlan:
    """The plan for the days of ``[start, end]`` from ``today`` on. ``timetables`` holds a
    timetable for each workday planned; ``call_targets`` and ``visits_fit`` each day's numbers."""
    first = max(start, today)
    worked = [d for d in workdays.workdays_in(first, end) if d in timetables]
    off = tuple(
        (d, workdays.kind(d))
        for d in (first + timedelta(days=n) for n in range((end - first).days + 1))
        if d not in worked
    )
    placed = place_due(due, worked, end)
    booked: dict[date, tuple[PlannedVisit, ...]] = {}
    areas: dict[date, tuple[str, ...]] = {}
    for d in worked:
        slots = timetables[d].slots
        booked[d] = tuple(
            PlannedVisit(
                s.appointment_id or 0,
                hhmm(s.start),
                hhmm(s.end),
                s.label,
                s.area,
                hhmm(s.leave_by) if s.leave_by else None,
            )
            for s in slots
            if s.kind == "appointment"
        )
        seen: list[str] = []
        for s in slots:
            if s.block_kind == "field" and s.area and s.area not in seen:
                seen.append(s.area)
        areas[d] = tuple(seen)
    n_booked = sum(len(v) for v in booked.values())
    needed = max(0, visits_target - visits_done - n_booked)
    fits = [visits_fit.get(d, 0) for d in worked]
    suggested = spread_visits(needed, fits)
    days = tuple(
        WeekDay(
            day=d,
            kind=workdays.kind(d),
            call_target=call_targets.get(d, 0),
            appointments=booked[d],
            due=tuple(placed[d]),
            free_field_minutes=timetables[d].free_field_minutes,
            field_areas=areas[d],
            visits_fit=fit,
            visits_suggested=n,
        )
        for d, fit, n in zip(worked, fits, suggested, strict=True)
    )
    return WeekPlan(
        start=start,
        end=end,
        days=days,
        off=off,
        visits_target=visits_target,
        visits_done=visits_done,
        visits_booked=n_booked,
        visits_needed=needed,
        visits_fit=sum(fits),
    )
