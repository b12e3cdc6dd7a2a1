"""The week ahead (``plan week``): each workday's appointments, follow-ups falling due, call
target, and the free field time where the visits still needed could go."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session

from salesplan.core.settings import Settings
from salesplan.core.template import half_day_blocks
from salesplan.core.timetable import build_timetable, visits_that_fit
from salesplan.core.weekplan import WeekPlan, build_week_plan, workday_blocks
from salesplan.plans.day import planned_appointments
from salesplan.plans.followups import collect_due
from salesplan.plans.progress import progress_for
from salesplan.store.settings import load_template
from salesplan.store.workdays import load_workdays

VISIT_MINUTES = 60  # a visit's length when planning where visits fit (as the day sheet does)


def plan_week(
    start: date, today: date, now: datetime, settings: Settings, *, session: Session
) -> WeekPlan:
    """The plan for the week starting ``start``, from ``today`` on (a week already begun
    shows its days still ahead)."""
    end = start + timedelta(days=6)
    workdays = load_workdays(settings, session=session)
    template = load_template(session=session)
    first = max(start, today)
    appts = planned_appointments(first, end, settings, session=session)
    timetables = {}
    for day in workdays.workdays_in(first, end):
        # Only what is still to happen: a visit already done is counted as done.
        booked = [a for a in appts.get(day, []) if a.status == "planned"]
        blocks = half_day_blocks(workday_blocks(day, template), workdays.half_absent(day))
        timetables[day] = build_timetable(
            day,
            booked,
            blocks,
            settings,
            now,
            calls_target=workdays.call_target(day, settings.calls_per_day),
        )
    progress = progress_for(
        max(start, min(today, end)), settings, session=session, workdays=workdays
    )
    return build_week_plan(
        start,
        end,
        today=today,
        workdays=workdays,
        timetables=timetables,
        due=collect_due(today, settings, session=session, workdays=workdays),
        call_targets={d: workdays.call_target(d, settings.calls_per_day) for d in timetables},
        visits_target=progress.visits_target,
        visits_done=progress.visits_week if start <= today else 0,
        visits_fit={
            d: visits_that_fit(t.free_field_minutes, VISIT_MINUTES, settings.travel_minutes)
            for d, t in timetables.items()
        },
    )


def plan_week_ahead(
    week: str | None, today: date, now: datetime, settings: Settings, *, session: Session
) -> WeekPlan:
    """``plan week``: the plan for ``week`` (this, next, an ISO week or a date in it), else for
    the week ahead (next week once this week's last workday is here)."""
    from salesplan.core.weekplan import parse_week_ahead, week_ahead_start

    if week is None:
        start = week_ahead_start(
            today, settings.week_start_index, load_workdays(settings, session=session)
        )
    else:
        start = parse_week_ahead(week, today, settings.week_start_index)
    return plan_week(start, today, now, settings, session=session)
