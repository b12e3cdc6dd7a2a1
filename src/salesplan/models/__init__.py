"""The store's tables, in one package: the shared pieces here, one small module per group of
tables (contact, appointment, activity, project, pipeline, records, event, calendar,
merge, todo, email, store_info).

A table is built when first asked for, ``from salesplan.models import Contact`` as ever: each
costs ~3 ms of pydantic and SQLAlchemy set-up, and a command touching three tables should not
pay for fourteen.

Instants (when something happened or starts) are stored as UTC and come back timezone-aware;
calendar dates (a bid date, a follow-up day) are plain dates. Money is integer minor units.
"""

import importlib
from datetime import UTC
from typing import TYPE_CHECKING

import sqlalchemy as sa
from pydantic import ConfigDict
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from salesplan.core.vocab import EXPENSE_CATEGORIES as EXPENSE_CATEGORIES
from salesplan.core.vocab import NOTE_KINDS as NOTE_KINDS

SCHEMA_VERSION = 14

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
OPEN_STAGES = ("design", "bidding", "detailing", "delivery", "acceptance")
STAGES = (*OPEN_STAGES, "won", "lost")
FLAGS = ("credit", "abnormal")
# What a contact_point row is: a phone number of one of these kinds, or an email address.
PHONE_KINDS = ("mobile", "landline", "other")
POINT_KINDS = (*PHONE_KINDS, "email")


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out: stored as naive UTC on SQLite (which has
    no zone-aware type) and as ``timestamptz`` on PostgreSQL."""

    impl = sa.DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(sa.DateTime(timezone=True))
        return dialect.type_descriptor(sa.DateTime())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("salesplan stores only timezone-aware datetimes")
        utc = value.astimezone(UTC)
        return utc if dialect.name == "postgresql" else utc.replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)


def instant(**kw):
    return Field(sa_type=UTCDateTime, **kw)


class Table(SQLModel):
    """Base of every table. Table models are built without pydantic validation, so its
    schema is never needed: defer building it (a good part of this module's import time)."""

    model_config = ConfigDict(defer_build=True)  # type: ignore[assignment]


# The module each table lives in, for the lazy look-up below.
_HOME = {
    "SchemaInfo": "store_info",
    "Setting": "store_info",
    "Contact": "contact",
    "ContactKey": "contact",
    "ContactMerge": "merge",
    "ContactStatus": "contact",
    "ContactTier": "contact",
    "ContactPoint": "contact",
    "Appointment": "appointment",
    "AppointmentChange": "appointment",
    "Project": "project",
    "ProjectStage": "pipeline",
    "ProjectDate": "pipeline",
    "Payment": "pipeline",
    "Activity": "activity",
    "Expense": "records",
    "Note": "records",
    "Absence": "records",
    "Todo": "todo",
    "EmailTemplate": "email",
    "Event": "event",
    "WorkdayOverride": "calendar",
    "WorkdayNotice": "calendar",
}


def __getattr__(name: str):
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def load_all() -> None:
    """Build every table (to create a store's schema, or to export every table)."""
    for module in sorted(set(_HOME.values())):
        importlib.import_module(f"{__name__}.{module}")


if TYPE_CHECKING:  # what the lazy names are, for type checkers and readers
    from salesplan.models.activity import Activity as Activity
    from salesplan.models.appointment import Appointment as Appointment
    from salesplan.models.appointment import AppointmentChange as AppointmentChange
    from salesplan.models.calendar import WorkdayNotice as WorkdayNotice
    from salesplan.models.calendar import WorkdayOverride as WorkdayOverride
    from salesplan.models.contact import Contact as Contact
    from salesplan.models.contact import ContactKey as ContactKey
    from salesplan.models.contact import ContactPoint as ContactPoint
    from salesplan.models.contact import ContactStatus as ContactStatus
    from salesplan.models.contact import ContactTier as ContactTier
    from salesplan.models.email import EmailTemplate as EmailTemplate
    from salesplan.models.event import Event as Event
    from salesplan.models.merge import ContactMerge as ContactMerge
    from salesplan.models.pipeline import Payment as Payment
    from salesplan.models.pipeline import ProjectDate as ProjectDate
    from salesplan.models.pipeline import ProjectStage as ProjectStage
    from salesplan.models.project import Project as Project
    from salesplan.models.records import Absence as Absence
    from salesplan.models.records import Expense as Expense
    from salesplan.models.records import Note as Note
    from salesplan.models.store_info import SchemaInfo as SchemaInfo
    from salesplan.models.store_info import Setting as Setting
    from salesplan.models.todo import Todo as Todo
