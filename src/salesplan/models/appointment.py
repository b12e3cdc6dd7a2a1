"""Appointments and their history."""

from datetime import datetime

from sqlmodel import Field

# The tables this one's foreign keys name: SQLAlchemy looks them up to order a flush.
import salesplan.models.contact  # noqa: F401
from salesplan.models import Table, instant


class Appointment(Table, table=True):
    __tablename__ = "appointment"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    title: str | None = None
    start: datetime = instant(index=True)
    minutes: int = 60
    travel: int | None = None  # None: the travel_minutes / same-area rule decides
    buffer: int | None = None  # None: buffer_minutes
    area: str | None = None
    location: str | None = None
    status: str = Field(default="planned", index=True)
    reason: str | None = None
    uid: str | None = Field(
        default=None, index=True
    )  # from an imported calendar: import is idempotent
    created_at: datetime = instant()


class AppointmentChange(Table, table=True):
    """History of an appointment: booked, moved, cancelled, done."""

    __tablename__ = "appointment_change"
    id: int | None = Field(default=None, primary_key=True)
    appointment_id: int = Field(foreign_key="appointment.id", index=True)
    at: datetime = instant()
    action: str
    old_start: datetime | None = instant(default=None)
    new_start: datetime | None = instant(default=None)
    note: str | None = None
