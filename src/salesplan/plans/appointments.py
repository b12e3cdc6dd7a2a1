"""Appointments: booking one (and what it breaks of the day's rules), the list, moving,
cancelling, and keeping one (which logs its visit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from salesplan.core.dates import local_day_bounds, to_utc
from salesplan.core.settings import Settings
from salesplan.core.targets import Progress
from salesplan.core.timetable import PlanWarning
from salesplan.plans.day import warnings_for_booking
from salesplan.plans.progress import progress_for
from salesplan.plans.views import ActivityView, AppointmentView, activity_view, appointment_view
from salesplan.store import appointments as stored
from salesplan.store.contacts import resolve_contact


@dataclass(frozen=True)
class Booking:
    """A booked appointment and what it breaks of the travel-and-buffer rule on its day
    (allowed: the user decides, but it is said)."""

    appointment: AppointmentView
    warnings: tuple[PlanWarning, ...]


def book_appointment(
    contact_ref: str | None,
    start: datetime,
    settings: Settings,
    *,
    session: Session,
    now_utc: datetime,
    minutes: int = 60,
    travel: int | None = None,
    buffer: int | None = None,
    area: str | None = None,
    location: str | None = None,
    title: str | None = None,
) -> Booking:
    """Book an appointment at ``start`` (local) with the contact ``contact_ref`` names (or
    none: then ``title`` says what it is)."""
    contact = resolve_contact(contact_ref, session=session) if contact_ref else None
    appt = stored.add_appointment(
        session=session,
        start_utc=to_utc(start, settings.tz),
        now_utc=now_utc,
        contact=contact,
        minutes=minutes,
        travel=travel,
        buffer=buffer,
        area=area,
        location=location,
        title=title,
    )
    view = appointment_view(appt, contact.name if contact else None)
    warnings = warnings_for_booking(view.id, start.date(), settings, session=session)
    return Booking(view, tuple(warnings))


def appointments_between(
    first: date, last: date | None, settings: Settings, *, session: Session
) -> list[AppointmentView]:
    """The appointments from ``first`` to ``last`` (both included; None: onward), by start,
    with their contact's name and phone."""
    start_utc, end_utc = local_day_bounds(first, last or first, settings.tz)
    rows = stored.list_appointments(
        session=session, start_utc=start_utc, end_utc=end_utc if last else None
    )
    return [appointment_view(a, c.name if c else None, c.phone if c else None) for a, c in rows]


def move_appointment(
    appt_id: int, start: datetime, settings: Settings, *, session: Session, now_utc: datetime
) -> AppointmentView:
    """Move a planned appointment to ``start`` (local); the move is kept in its history."""
    appt = stored.get_appointment(appt_id, session=session)
    moved = stored.move_appointment(
        appt, to_utc(start, settings.tz), session=session, now_utc=now_utc
    )
    return appointment_view(moved)


def cancel_appointment(
    appt_id: int, reason: str | None, *, session: Session, now_utc: datetime
) -> None:
    appt = stored.get_appointment(appt_id, session=session)
    stored.cancel_appointment(appt, reason, session=session, now_utc=now_utc)


@dataclass(frozen=True)
class Kept:
    """An appointment kept: the one visit it logged, and the day's progress after it."""

    visit: ActivityView
    progress: Progress


def keep_appointment(
    appt_id: int,
    today: date,
    settings: Settings,
    *,
    session: Session,
    now_utc: datetime,
    outcome: str | None = None,
    note: str | None = None,
    next_date: date | None = None,
    at: datetime | None = None,
) -> Kept:
    """Mark an appointment done and log its visit: at ``at`` (local) when given, else at its
    start (or now, if that has not come yet)."""
    appt = stored.get_appointment(appt_id, session=session)
    visit = stored.complete_appointment(
        appt,
        session=session,
        now_utc=now_utc,
        outcome=outcome,
        note=note,
        next_date=next_date,
        at_utc=to_utc(at, settings.tz) if at is not None else None,
    )
    view = activity_view(visit)
    return Kept(view, progress_for(today, settings, session=session))
