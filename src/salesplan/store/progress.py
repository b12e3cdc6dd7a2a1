"""Counts for the targets, bounded by the day and week asked for."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from salesplan.core.dates import local_day_bounds, week_bounds
from salesplan.core.settings import Settings
from salesplan.core.targets import REACHED_OUTCOMES, Progress, build_progress
from salesplan.models import Activity
from salesplan.store.activities import count_kinds, count_new_contacts, distinct_visited


def progress_for(day: date, settings: Settings, *, session: Session) -> Progress:
    tz = settings.tz
    week = week_bounds(day, settings.week_start_index)
    day_start, day_end = local_day_bounds(day, day, tz)
    week_start, week_end = local_day_bounds(week[0], week[1], tz)
    reached = session.exec(
        select(func.count()).where(
            Activity.kind == "call",
            col(Activity.outcome).in_(REACHED_OUTCOMES),
            Activity.at >= day_start,
            Activity.at < day_end,
        )
    ).one()
    return build_progress(
        day=day,
        week=week,
        today_counts=count_kinds(session=session, start_utc=day_start, end_utc=day_end),
        reached_today=int(reached),
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
    )
