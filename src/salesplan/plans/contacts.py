"""The contact book's use cases: add, list, show, edit, archive and flag a contact.

Each returns the contact with every number and address it has (a ``ContactCard``), or the id
and name the command names it by; the command makes its JSON and lines from those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from salesplan.models import Contact
from salesplan.store import contacts as contact_store

if TYPE_CHECKING:  # the log's tables are built only by the command that shows a contact's log
    from salesplan.models import Activity


@dataclass(frozen=True)
class ContactCard:
    """A contact with every number (with its kind) and every address it has."""

    contact: Contact
    phones: list[tuple[str, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ContactShown:
    """``contact show``: the contact's card and its latest log entries, newest first."""

    card: ContactCard
    recent: list[Activity]


@dataclass(frozen=True)
class Named:
    """The contact a write changed, as the command's line names it."""

    id: int | None
    name: str


def cards(contacts: list[Contact], *, session: Session) -> list[ContactCard]:
    """Each of ``contacts`` with its numbers and addresses, in their order."""
    numbers = contact_store.numbers_of(contacts, session=session)
    return [ContactCard(c, *numbers[c.id or 0]) for c in contacts]


def add_contact(
    fields: dict[str, Any], *, session: Session, now_utc: datetime, force: bool = False
) -> ContactCard:
    """``contact add``: the contact added (a phone another contact has is refused unless
    ``force``)."""
    contact = contact_store.add_contact(fields, session=session, now_utc=now_utc, force=force)
    return cards([contact], session=session)[0]


def edit_contact(
    ref: str, fields: dict[str, Any], *, session: Session, now_utc: datetime, force: bool = False
) -> ContactCard:
    """``contact edit``: the fields given changed on the contact ``ref`` names."""
    contact = contact_store.edit_contact(
        contact_store.resolve_contact(ref, session=session),
        fields,
        session=session,
        now_utc=now_utc,
        force=force,
    )
    return cards([contact], session=session)[0]


def find_contacts(*, session: Session, numbers: bool = False, **filters: Any) -> list[ContactCard]:
    """``contact list``: the contacts matching ``filters`` (``store.contacts.list_contacts``'
    area, tier, status, search, include_archived, flagged and limit), by id; with ``numbers``,
    each with its numbers and addresses (else those are left empty: the table shows only the
    phone)."""
    found = contact_store.list_contacts(session=session, **filters)
    if numbers:
        return cards(found, session=session)
    return [ContactCard(c) for c in found]


def show_contact(ref: str, *, session: Session) -> ContactShown:
    """``contact show``: the contact ``ref`` names, with its latest log entries."""
    from salesplan.store.activities import recent_for_contact

    contact = contact_store.resolve_contact(ref, session=session)
    card = cards([contact], session=session)[0]
    return ContactShown(card, recent_for_contact(contact.id, session=session))


def archive_contact(ref: str, *, session: Session, undo: bool = False) -> Named:
    """``contact archive``: the contact hidden from lists and follow-ups (``undo``: back)."""
    contact = contact_store.resolve_contact(ref, session=session)
    contact.archived = not undo
    session.add(contact)
    return Named(contact.id, contact.name)


def flag_contact(
    ref: str, flag: str, *, session: Session, on: bool = True, note: str | None = None
) -> Named:
    """``contact flag`` / ``unflag``: the credit or abnormal mark set (with why) or removed."""
    contact = contact_store.set_flag(
        contact_store.resolve_contact(ref, session=session), flag, on, note, session=session
    )
    return Named(contact.id, contact.name)
