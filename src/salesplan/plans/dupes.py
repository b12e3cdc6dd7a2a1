"""Likely duplicate contacts, and merging two into one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from salesplan.core.dupes import find_duplicates, plan_merge
from salesplan.models import Contact
from salesplan.store.contacts import contacts_by_id, resolve_contact
from salesplan.store.merges import MergeOutcome, duplicate_facts, merge_contacts, undo_last_merge


@dataclass(frozen=True)
class Duplicate:
    first: Contact
    second: Contact
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return self.reasons[0]


# An import adding more contacts than this does not look for the duplicates it brought in
# (every new contact's keys compared with the store's: memory grows with them); it says so,
# and `contact dupes` lists them.
CHECKED_AFTER_IMPORT = 20_000


def likely_duplicates(*, session: Session, since_id: int | None = None) -> list[Duplicate]:
    """Pairs of active contacts that look like one person, most certain first; with
    ``since_id``, only the pairs that include a contact with a higher id (those an import
    just added)."""
    facts = duplicate_facts(session=session, since_id=since_id)
    among = None if since_id is None else [f.contact_id for f in facts if f.contact_id > since_id]
    pairs = find_duplicates(facts, among)
    ids = sorted({i for p in pairs for i in (p.first_id, p.second_id)})
    contacts: dict[int, Contact] = {}
    for i in range(0, len(ids), 500):
        contacts.update(contacts_by_id(ids[i : i + 500], session=session))
    return [Duplicate(contacts[p.first_id], contacts[p.second_id], p.reasons) for p in pairs]


def _fields(contact: Contact) -> dict[str, Any]:
    return {c.name: getattr(contact, c.name) for c in Contact.__table__.columns}  # type: ignore[attr-defined]


def merge(keep_ref: str, other_ref: str, *, session: Session, now_utc: datetime) -> MergeOutcome:
    """``contact merge KEEP OTHER``: OTHER's history to KEEP, KEEP's gaps filled, OTHER archived."""
    keep = resolve_contact(keep_ref, session=session)
    other = resolve_contact(other_ref, session=session)
    from salesplan.core.searchkeys import simplified  # a write: the converter may load

    plan = plan_merge(_fields(keep), _fields(other), simplified)
    return merge_contacts(keep, other, plan, session=session, now_utc=now_utc)


def undo_merge(*, session: Session) -> MergeOutcome:
    """``contact merge --undo``: the latest merge reversed."""
    return undo_last_merge(session=session)
