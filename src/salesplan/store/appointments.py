"""Appointments and their history (booked, moved, cancelled, done)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from salesplan.core import vocab
from salesplan.core.validate import clean_text
from salesplan.errors import BadInput, NotFound
from salesplan.i18n import N_, _
from salesplan.models import Activity, Appointment, AppointmentChange, Contact
from salesplan.store.activities import log_activity


def add_appointment(
    *,
    session: Session,
    start_utc: datetime,
    now_utc: datetime,
    contact: Contact | None,
    minutes: int = 60,
    travel: int | None = None,
    buffer: int | None = None,
    area: str | None = None,
    location: str | None = None,
    title: str | None = None,
    uid: str | None = None,
    status: str = "planned",
) -> Appointment:
    """A new appointment and its "booked" history row; ``uid`` is the calendar event's an
    import made it from (a cancelled one keeps its ``status``)."""
    title = clean_text(title, "title", limit=200)
    if contact is None and not title:
        raise BadInput(_("an appointment without a contact needs --title"))
    if minutes <= 0:
        raise BadInput(
            _("bad minutes {minutes}: an appointment lasts at least 1 minute").format(
                minutes=minutes
            )
        )
    appt = Appointment(
        contact_id=contact.id if contact else None,
        title=title,
        start=start_utc,
        minutes=minutes,
        travel=travel,
        buffer=buffer,
        area=clean_text(area, "area") or (contact.area if contact else None),
        location=clean_text(location, "location") or (contact.address if contact else None),
        created_at=now_utc,
        uid=uid,
        status=status,
    )
    session.add(appt)
    session.flush()
    session.add(
        AppointmentChange(
            appointment_id=_saved_id(appt.id), at=now_utc, action="booked", new_start=start_utc
        )
    )
    session.flush()
    return appt


def get_appointment(appt_id: int, *, session: Session) -> Appointment:
    appt = session.get(Appointment, appt_id)
    if appt is None:
        raise NotFound(
            _("no appointment #{appt_id}; see salesplan appt list").format(appt_id=appt_id)
        )
    return appt


def _require_planned(appt: Appointment, doing: str) -> None:
    if appt.status != "planned":
        raise BadInput(
            _("appointment #{id} is {status}: only a planned appointment can be {doing}").format(
                id=appt.id, status=vocab.shown(appt.status, vocab.APPT_STATUS), doing=_(doing)
            )
        )


def move_appointment(
    appt: Appointment, start_utc: datetime, *, session: Session, now_utc: datetime
) -> Appointment:
    _require_planned(appt, N_("moved"))
    session.add(
        AppointmentChange(
            appointment_id=_saved_id(appt.id),
            at=now_utc,
            action="moved",
            old_start=appt.start,
            new_start=start_utc,
        )
    )
    appt.start = start_utc
    session.add(appt)
    session.flush()
    return appt


def cancel_appointment(
    appt: Appointment, reason: str | None, *, session: Session, now_utc: datetime
) -> Appointment:
    _require_planned(appt, N_("cancelled"))
    appt.status = "cancelled"
    appt.reason = clean_text(reason, "reason")
    session.add(appt)
    session.add(
        AppointmentChange(
            appointment_id=_saved_id(appt.id), at=now_utc, action="cancelled", note=appt.reason
        )
    )
    session.flush()
    return appt


def complete_appointment(
    appt: Appointment,
    *,
    session: Session,
    now_utc: datetime,
    outcome: str | None,
    note: str | None,
    next_date: date | None,
    at_utc: datetime | None = None,
) -> Activity:
    """Mark kept and log exactly one visit, linked to the appointment: at ``at_utc`` when
    given, else at the appointment's start (or now, if it has not come yet)."""
    _require_planned(appt, N_("marked done"))
    contact = session.get(Contact, appt.contact_id) if appt.contact_id else None
    visit = log_activity(
        "visit",
        session=session,
        at_utc=at_utc if at_utc is not None else min(appt.start, now_utc),
        now_utc=now_utc,
        contact=contact,
        outcome=outcome,
        note=note or appt.title,
        next_date=next_date,
        minutes=appt.minutes,
        appointment_id=_saved_id(appt.id),
    )
    appt.status = "done"
    session.add(appt)
    session.add(AppointmentChange(appointment_id=_saved_id(appt.id), at=now_utc, action="done"))
    session.flush()
    return visit


def list_appointments(
    *,
    session: Session,
    start_utc: datetime,
    end_utc: datetime | None = None,
    include_cancelled: bool = True,
) -> list[tuple[Appointment, Contact | None]]:
    stmt = (
        select(Appointment, Contact)
        .join(Contact, col(Appointment.contact_id) == col(Contact.id), isouter=True)
        .where(Appointment.start >= start_utc)
    )
    if end_utc is not None:
        stmt = stmt.where(Appointment.start < end_utc)
    if not include_cancelled:
        stmt = stmt.where(Appointment.status != "cancelled")
    stmt = stmt.order_by(col(Appointment.start), col(Appointment.id))
    return [(a, c) for a, c in session.exec(stmt).all()]


def cancelled_before(appt: Appointment, cutoff: datetime, *, session: Session) -> bool:
    """Whether the appointment had been cancelled before ``cutoff`` (and not booked again)."""
    if appt.status != "cancelled":
        return False
    last = session.exec(
        select(AppointmentChange.action)
        .where(AppointmentChange.appointment_id == appt.id, AppointmentChange.at < cutoff)
        .order_by(col(AppointmentChange.at).desc(), col(AppointmentChange.id).desc())
        .limit(1)
    ).first()
    # An appointment cancelled with no history row (imported as cancelled) stays cancelled.
    return last is None or last == "cancelled"


def appointment_statuses(
    *, session: Session, start_utc: datetime, end_utc: datetime
) -> list[tuple[datetime, str]]:
    """(start, status) of every appointment starting in ``[start, end)``."""
    rows = session.exec(
        select(Appointment.start, Appointment.status).where(
            Appointment.start >= start_utc, Appointment.start < end_utc
        )
    ).all()
    return [(start, status) for start, status in rows]


def _saved_id(appointment_id: int | None) -> int:
    """The id of an appointment already flushed to the store (SQLite has given it one)."""
    if appointment_id is None:
        raise RuntimeError("appointment history written before the appointment was saved")
    return appointment_id
