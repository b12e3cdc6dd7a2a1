"""The evening review of one day, and a look at the day after."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlmodel import Session

from salesplan.core.dates import local_day_bounds, to_local
from salesplan.core.review import Review, ReviewEntry, build_review, tomorrow_from
from salesplan.core.settings import Settings
from salesplan.core.summary import NewContact
from salesplan.core.todos import ordered
from salesplan.plans.day import plan_day
from salesplan.store.activities import list_activities
from salesplan.store.contacts import new_contacts_between
from salesplan.store.todos import list_todos
from salesplan.store.workdays import load_workdays


def day_review(day: date, settings: Settings, *, session: Session) -> Review:
    """The review of ``day`` alone."""
    tz = settings.tz
    start, end = local_day_bounds(day, day, tz)
    entries = [
        ReviewEntry(
            a.id or 0,
            a.kind,
            to_local(a.at, tz),
            a.contact_id,
            name,
            a.outcome,
            a.note,
            a.next_date,
        )
        for a, name in list_activities(session=session, start_utc=start, end_utc=end)
    ]
    names = [
        NewContact(c.id or 0, c.name, c.company, c.area, c.status, phone=c.phone)
        for c in new_contacts_between(start, end, session=session)
    ]
    return build_review(day, entries, names)


def evening_review(day: date, now: datetime, settings: Settings, *, session: Session) -> Review:
    """The review of ``day`` with the day after's appointments, warnings and follow-ups."""
    review = day_review(day, settings, session=session)
    workdays = load_workdays(settings, session=session)
    tomorrow = plan_day(day + timedelta(days=1), now, settings, session=session, workdays=workdays)
    return replace(
        review,
        tomorrow=tomorrow_from(tomorrow.timetable, len(tomorrow.due)),
        todos=tuple(ordered(list_todos(session=session), day, workdays)),
        calendar=workdays,
    )
