"""The store's tables, in one place.

Instants (when something happened or starts) are stored as UTC and come back timezone-aware;
calendar dates (a bid date, a follow-up day) are plain dates. Money is integer minor units.
"""

from datetime import UTC, date, datetime

import sqlalchemy as sa
from pydantic import ConfigDict
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

SCHEMA_VERSION = 2

TIERS = ("key", "normal")
STATUSES = ("lead", "intent", "unclear", "customer", "lost")
ACTIVITY_KINDS = ("call", "visit", "email", "meeting")
OUTCOMES = (
    "reached",
    "no-answer",
    "busy",
    "callback",
    "appointment",
    "not-interested",
    "order",
    "consultation",
    "sent",
    "wrong-number",
)
APPT_STATUSES = ("planned", "done", "cancelled")
OPEN_STAGES = ("design", "bidding", "detailing", "delivery", "acceptance")
STAGES = (*OPEN_STAGES, "won", "lost")
EXPENSE_CATEGORIES = ("travel", "meal", "gift", "phone", "other")
NOTE_KINDS = ("competitor", "policy", "promotion", "general")
FLAGS = ("credit", "abnormal")


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC (portable)."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("salesplan stores only timezone-aware datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def _instant(**kw):
    return Field(sa_type=UTCDateTime, **kw)


class Table(SQLModel):
    """Base of every table. Table models are built without pydantic validation, so its
    schema is never needed: defer building it (a good part of this module's import time)."""

    model_config = ConfigDict(defer_build=True)  # type: ignore[assignment]


class SchemaInfo(Table, table=True):
    __tablename__ = "schema_info"
    id: int = Field(default=1, primary_key=True)
    version: int


class Setting(Table, table=True):
    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str


class Contact(Table, table=True):
    __tablename__ = "contact"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    company: str | None = None
    phone: str | None = Field(default=None, index=True)
    email: str | None = None
    area: str | None = Field(default=None, index=True)
    address: str | None = None
    tier: str = "normal"
    status: str = "lead"
    business: str | None = None
    needs: str | None = None
    decision_maker: str | None = None
    interests: str | None = None
    notes: str | None = None
    flag_credit: bool = False
    flag_abnormal: bool = False
    flag_note: str | None = None
    archived: bool = Field(default=False, index=True)
    created_at: datetime = _instant(index=True)
    # Kept in step with the log (max of its contacts' times, and the latest entry's --next),
    # so the follow-up rules read one row per contact instead of the whole log.
    last_contact_at: datetime | None = _instant(default=None)
    last_kind: str | None = None
    next_date: date | None = None


class Appointment(Table, table=True):
    __tablename__ = "appointment"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    title: str | None = None
    start: datetime = _instant(index=True)
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
    created_at: datetime = _instant()


class AppointmentChange(Table, table=True):
    """History of an appointment: booked, moved, cancelled, done."""

    __tablename__ = "appointment_change"
    id: int | None = Field(default=None, primary_key=True)
    appointment_id: int = Field(foreign_key="appointment.id", index=True)
    at: datetime = _instant()
    action: str
    old_start: datetime | None = _instant(default=None)
    new_start: datetime | None = _instant(default=None)
    note: str | None = None


class Activity(Table, table=True):
    """One logged contact: a call, visit, email or meeting, with or without a known contact."""

    __tablename__ = "activity"
    # Counting one kind in a period (calls today) is the hottest query: (kind, at) answers it
    # from the index alone; an index on kind by itself would make SQLite walk every call.
    __table_args__ = (
        sa.Index("ix_activity_contact_at", "contact_id", "at"),
        sa.Index("ix_activity_kind_at", "kind", "at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    at: datetime = _instant(index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    outcome: str = "reached"
    note: str | None = None
    next_date: date | None = None
    minutes: int | None = None
    appointment_id: int | None = Field(default=None, foreign_key="appointment.id")
    project_id: int | None = Field(default=None, foreign_key="project.id")
    created_at: datetime = _instant()


class Project(Table, table=True):
    __tablename__ = "project"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    contact_id: int = Field(foreign_key="contact.id", index=True)
    stage: str = Field(default="design", index=True)
    amount: int | None = None  # minor units
    bid_date: date | None = None
    stage_since: date
    won_date: date | None = None
    lost_reason: str | None = None
    created_at: datetime = _instant()


class ProjectStage(Table, table=True):
    __tablename__ = "project_stage"
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    stage: str
    on: date
    note: str | None = None


class ProjectDate(Table, table=True):
    """Key dates of a project other than the bid: delivery, acceptance, site survey…"""

    __tablename__ = "project_date"
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    name: str
    on: date


class Payment(Table, table=True):
    """A collection received on a project."""

    __tablename__ = "payment"
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    amount: int
    on: date = Field(index=True)
    note: str | None = None


class Expense(Table, table=True):
    __tablename__ = "expense"
    id: int | None = Field(default=None, primary_key=True)
    amount: int
    category: str
    on: date = Field(index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    project_id: int | None = Field(default=None, foreign_key="project.id")
    note: str | None = None


class Note(Table, table=True):
    """What the log can't know: competitors' moves, policy changes, promotions."""

    __tablename__ = "note"
    id: int | None = Field(default=None, primary_key=True)
    text: str
    kind: str = "general"
    on: date = Field(index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")


class Event(Table, table=True):
    """A customer day, promotion or free-check week that customers are invited to."""

    __tablename__ = "event"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    on: date = Field(index=True)
    tier: str | None = None
    status: str | None = None
    area: str | None = None


class Absence(Table, table=True):
    __tablename__ = "absence"
    on: date = Field(primary_key=True)
    half: bool = False
