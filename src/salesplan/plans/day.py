"""The day: its timetable, the targets so far, the follow-ups due, the visits that still fit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlmodel import Session

from salesplan.core.callroom import call_room
from salesplan.core.dates import local_day_bounds, to_local, to_utc, week_bounds
from salesplan.core.day import DayPlan, NextWorkday
from salesplan.core.followups import due_until, overdue
from salesplan.core.settings import Settings
from salesplan.core.template import Block, Template, half_day_blocks
from salesplan.core.timetable import (
    PlannedAppointment,
    PlanWarning,
    Timetable,
    absent_half_warnings,
    booking_warnings,
    build_timetable,
    visits_that_fit,
)
from salesplan.core.todos import ordered
from salesplan.core.workdays import Workdays
from salesplan.plans.followups import collect_due
from salesplan.plans.progress import progress_for
from salesplan.store.activities import count_calls
from salesplan.store.appointments import list_appointments
from salesplan.store.settings import load_template
from salesplan.store.todos import list_todos
from salesplan.store.workdays import load_workdays


def blocks_for(day: date, template: Template, workdays: Workdays | None) -> list[Block]:
    """The template's blocks for ``day`` by the workday calendar: none on a public holiday or
    a day the user took off; a 调休 Saturday (or a weekend day the user works) with no blocks of
    its own is worked as a Monday."""
    blocks = list(template.get(day.weekday(), []))
    if workdays is None:
        return blocks
    kind = workdays.kind(day)
    if kind in ("holiday", "own-off"):
        return []
    if kind in ("makeup", "own-work") and not blocks:
        return list(template.get(0, []))
    return blocks


def planned_appointments(
    first: date, last: date, settings: Settings, *, session: Session
) -> dict[date, list[PlannedAppointment]]:
    """The appointments from ``first`` to ``last`` by local day, as the timetable takes them."""
    tz = settings.tz
    start_utc, end_utc = local_day_bounds(first, last, tz)
    by_day: dict[date, list[PlannedAppointment]] = {}
    for appt, contact in list_appointments(session=session, start_utc=start_utc, end_utc=end_utc):
        start = to_local(appt.start, tz)
        by_day.setdefault(start.date(), []).append(
            PlannedAppointment(
                id=appt.id or 0,
                start=start,
                minutes=appt.minutes,
                label=(contact.name if contact else None)
                or appt.title
                or f"appointment #{appt.id}",
                travel=appt.travel,
                buffer=appt.buffer,
                area=appt.area,
                status=appt.status,
                contact=contact.name if contact else None,
                company=contact.company if contact else None,
                phone=contact.phone if contact else None,
                location=appt.location,
                title=appt.title,
            )
        )
    return by_day


def warnings_for_booking(
    appointment_id: int, day: date, settings: Settings, *, session: Session
) -> list[PlanWarning]:
    """What a new or moved appointment breaks of the travel-and-buffer rule on its day."""
    appointments = planned_appointments(day, day, settings, session=session).get(day, [])
    return booking_warnings(appointment_id, appointments, settings)


def calls_before(day: date, now: datetime, settings: Settings, *, session: Session) -> int:
    """Calls logged on ``day`` up to ``now``."""
    start_utc, end_utc = local_day_bounds(day, day, settings.tz)
    return count_calls(
        session=session, start_utc=start_utc, end_utc=end_utc, until_utc=to_utc(now, settings.tz)
    )


def day_timetable(
    day: date,
    now: datetime,
    settings: Settings,
    *,
    session: Session,
    template: Template | None = None,
    appointments: dict[date, list[PlannedAppointment]] | None = None,
    workdays: Workdays | None = None,
) -> Timetable:
    """One day's timetable, with the calls already logged before ``now`` for pacing; half a
    day absent takes that half of the template away and halves the call target."""
    template = template if template is not None else load_template(session=session)
    if appointments is None:
        appointments = planned_appointments(day, day, settings, session=session)
    if workdays is None:
        workdays = load_workdays(settings, session=session)
    away = workdays.half_absent(day)
    timetable = build_timetable(
        day,
        appointments.get(day, []),
        half_day_blocks(blocks_for(day, template, workdays), away),
        settings,
        now,
        calls_done=calls_before(day, now, settings, session=session),
        calls_target=workdays.call_target(day, settings.calls_per_day),
    )
    clashes = absent_half_warnings(timetable.slots, away)
    return replace(timetable, warnings=[*timetable.warnings, *clashes]) if clashes else timetable


def plan_day(
    day: date,
    now: datetime,
    settings: Settings,
    *,
    session: Session,
    template: Template | None = None,
    workdays: Workdays | None = None,
) -> DayPlan:
    template = template if template is not None else load_template(session=session)
    week = week_bounds(day, settings.week_start_index)
    appts = planned_appointments(min(day, week[0]), week[1], settings, session=session)
    if workdays is None:
        workdays = load_workdays(settings, session=session)
    timetable = day_timetable(
        day,
        now,
        settings,
        session=session,
        template=template,
        appointments=appts,
        workdays=workdays,
    )
    # Free field time from now to the end of the week, for "how many visits still fit".
    free = timetable.free_field_minutes
    d = day + timedelta(days=1)
    while d <= week[1]:
        blocks = half_day_blocks(blocks_for(d, template, workdays), workdays.half_absent(d))
        other = build_timetable(d, appts.get(d, []), blocks, settings, now)
        free += other.free_field_minutes
        d += timedelta(days=1)
    progress = progress_for(day, settings, session=session, workdays=workdays)
    due = due_until(collect_due(day, settings, session=session, workdays=workdays), day)
    kind = workdays.kind(day) if workdays is not None else "workday"
    following = None
    if workdays is not None and not workdays.is_workday(day):
        following = _next_workday(
            workdays.next_workday(day), now, settings, workdays, template, session=session
        )
    to_go = max(0, progress.calls_target - progress.calls_today) if day >= now.date() else 0
    return DayPlan(
        timetable=timetable,
        progress=progress,
        due=due,
        visits_fit=visits_that_fit(free, 60, settings.travel_minutes),
        call_room=call_room(timetable, now, to_go, minutes_per_call=settings.minutes_per_call),
        todos=tuple(ordered(list_todos(session=session), day, workdays)),
        calendar=workdays,
        day_kind=kind,
        next_workday=following,
    )


def _next_workday(
    day: date,
    now: datetime,
    settings: Settings,
    workdays: Workdays,
    template: Template,
    *,
    session: Session,
) -> NextWorkday:
    """The summary a day off gives of the next workday."""
    timetable = day_timetable(
        day, now, settings, session=session, template=template, workdays=workdays
    )
    first = next((s for s in timetable.slots if s.kind == "appointment"), None)
    items = due_until(collect_due(day, settings, session=session, workdays=workdays), day)
    return NextWorkday(
        day=day,
        first_appointment=first.label if first else None,
        first_start=first.start if first else None,
        leave_by=first.leave_by if first else None,
        due=len(items),
        overdue=len(overdue(items)),
    )
