"""Progress against the targets for a day and its week."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from salesplan.core.dates import local_day_bounds, week_bounds
from salesplan.core.settings import Settings
from salesplan.core.targets import Progress, build_progress
from salesplan.core.vocab import REACHED_OUTCOMES
from salesplan.core.workdays import Workdays
from salesplan.store.activities import count_calls, count_kinds, distinct_visited
from salesplan.store.contacts import count_new_contacts, potential_contact_ids


def progress_for(
    day: date, settings: Settings, *, session: Session, workdays: Workdays | None = None
) -> Progress:
    """Counts for ``day`` and its week; targets by the workday calendar (read from the store
    when not given)."""
    if workdays is None:
        from salesplan.store.workdays import load_workdays

        workdays = load_workdays(settings, session=session)
    tz = settings.tz
    week = week_bounds(day, settings.week_start_index)
    day_start, day_end = local_day_bounds(day, day, tz)
    week_start, week_end = local_day_bounds(week[0], week[1], tz)
    return build_progress(
        day=day,
        week=week,
        today_counts=count_kinds(session=session, start_utc=day_start, end_utc=day_end),
        reached_today=count_calls(
            session=session, start_utc=day_start, end_utc=day_end, outcomes=REACHED_OUTCOMES
        ),
        week_counts=count_kinds(session=session, start_utc=week_start, end_utc=week_end),
        visited_customers_week=distinct_visited(
            session=session, start_utc=week_start, end_utc=week_end
        ),
        new_contacts_week=count_new_contacts(
            session=session, start_utc=week_start, end_utc=week_end
        ),
        calls_per_day=settings.calls_per_day,
        visits_per_week=settings.visits_per_week,
        new_contacts_per_week=settings.new_contacts_per_week,
        potential_contacts_week=len(potential_contact_ids(week_start, week_end, session=session)),
        potential_contacts_per_week=settings.potential_contacts_per_week,
        workdays=workdays,
    )
