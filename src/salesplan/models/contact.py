"""The contact book."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from salesplan.models import Table, instant


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
    created_at: datetime = instant(index=True)
    # Kept in step with the log (the latest real contact, and the latest promise), so the
    # follow-up rules read one row per contact instead of the whole log.
    last_contact_at: datetime | None = instant(default=None)
    last_kind: str | None = None
    next_date: date | None = None
    # When the latest promise (--next, or a callback) was made; None when none was ever made.
    # A callback without --next has promise_at and no next_date. Whether it still stands
    # (no real contact on or after the workday before its day) the follow-up rules decide.
    promise_at: datetime | None = instant(default=None)
    # Set when the contact was merged into another (contact merge): that contact's id.
    merged_into: int | None = Field(default=None, foreign_key="contact.id")
    # The cold list (a trade-fair list, a purchased list) an imported batch came from: the
    # calls session works through it after prospects and customers (import contacts --list).
    cold_list: str | None = Field(default=None, index=True)
    # Added by a batch import (import contacts): not one of the week's new contacts when it
    # was imported, only once it is first reached (new contacts are people met or called).
    imported: bool = False


class ContactStatus(Table, table=True):
    """A contact's status from a moment on: the status it was added with (a contact added by
    hand) and every change after. The week's potential customers are read from it (prospects
    added, and contacts moved to intent), so a past week's count never changes."""

    __tablename__ = "contact_status"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    status: str
    at: datetime = instant(index=True)


class ContactTier(Table, table=True):
    """A contact's tier (key or normal) from a moment on: the tier it was added with and every
    change after. A past period's report reads the key customers as they were at its end, so
    ``contact edit --tier`` today leaves last week's report as it was."""

    __tablename__ = "contact_tier"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    tier: str
    at: datetime = instant(index=True)


class ContactKey(Table, table=True):
    """What a contact is found by besides its id and exact name (kinds in core.search):
    derived from the name, company and phone whenever they are written, never when read."""

    __tablename__ = "contact_key"
    __table_args__ = (sa.Index("ix_contact_key_kind_key", "kind", "key"),)
    contact_id: int = Field(foreign_key="contact.id", primary_key=True)
    kind: str = Field(primary_key=True)
    key: str = Field(primary_key=True)


class ContactPoint(Table, table=True):
    """Every phone number and email address a contact has, in its order: ``kind`` is
    ``mobile``, ``landline`` or ``other`` for a number (an extension written after it as
    `` ext 801``), ``email`` for an address. The contact's own phone and email columns hold
    the first of each (a mainland mobile first), so whatever reads only those still works."""

    __tablename__ = "contact_point"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    kind: str
    value: str
    position: int = 0
