"""Contacts: adding, finding (REF resolution), listing, editing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from salesplan.core.validate import (
    CONTACT_FIELDS,
    choose,
    clean_text,
    looks_like_phone,
    normalize_phone,
)
from salesplan.errors import Ambiguous, BadInput, NotFound
from salesplan.models import FLAGS, STATUSES, TIERS, Contact

# Free text, checked only for length and NUL bytes.
TEXT_FIELDS = tuple(f for f in CONTACT_FIELDS if f not in ("name", "phone", "tier", "status"))
_ID_REF = re.compile(r"^#?(\d{1,9})$")


def check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalise contact fields given on the command line (None = not given)."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if value is None:
            continue
        if key == "name":
            out[key] = clean_text(value, "name", required=True, limit=200)
        elif key == "phone":
            out[key] = normalize_phone(value)
        elif key == "tier":
            out[key] = choose(value, TIERS, "tier")
        elif key == "status":
            out[key] = choose(value, STATUSES, "status")
        elif key == "email":
            email = clean_text(value, "email", limit=320)
            if email and ("@" not in email or " " in email):
                raise BadInput(f"bad email {value!r}: use an address such as name@example.com")
            out[key] = email
        elif key in TEXT_FIELDS:
            out[key] = clean_text(value, key.replace("_", " "))
        else:
            raise BadInput(f"unknown contact field {key!r}")
    return out


def phone_owner(phone: str, *, session: Session, exclude_id: int | None = None) -> Contact | None:
    stmt = select(Contact).where(Contact.phone == phone)
    if exclude_id is not None:
        stmt = stmt.where(Contact.id != exclude_id)
    return session.exec(stmt.limit(1)).first()


def add_contact(
    fields: dict[str, Any], *, session: Session, now_utc: datetime, force: bool = False
) -> Contact:
    values = check_fields(fields)
    if "name" not in values:
        raise BadInput("name is required")
    phone = values.get("phone")
    if phone and not force:
        other = phone_owner(phone, session=session)
        if other is not None:
            raise BadInput(
                f"phone {phone} is already on #{other.id} {other.name}; "
                "use that contact, or add with --force"
            )
    contact = Contact(**values, created_at=now_utc)
    session.add(contact)
    session.flush()
    return contact


def edit_contact(
    contact: Contact, fields: dict[str, Any], *, session: Session, force: bool = False
) -> Contact:
    values = check_fields(fields)
    phone = values.get("phone")
    if phone and not force:
        other = phone_owner(phone, session=session, exclude_id=contact.id)
        if other is not None:
            raise BadInput(
                f"phone {phone} is already on #{other.id} {other.name}; use --force to keep both"
            )
    for key, value in values.items():
        setattr(contact, key, value)
    session.add(contact)
    session.flush()
    return contact


def set_flag(
    contact: Contact, flag: str, on: bool, note: str | None, *, session: Session
) -> Contact:
    flag = choose(flag, FLAGS, "flag")
    setattr(contact, f"flag_{flag}", on)
    if note is not None or not (contact.flag_credit or contact.flag_abnormal):
        contact.flag_note = clean_text(note, "note") if on else None
    session.add(contact)
    session.flush()
    return contact


# Names are at most 200 characters; a longer reference or search matches nothing, and SQLite
# refuses LIKE patterns past 50,000 bytes.
MAX_SEARCH = 200


def get_contact(contact_id: int, *, session: Session) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound(f"no contact #{contact_id}; see salesplan contact list")
    return contact


def resolve_contact(ref: str, *, session: Session) -> Contact:
    """REF: ``#12``/``12`` (id), a phone number, an exact name, or a unique part of a name."""
    text = ref.strip()
    if not text:
        raise BadInput("empty contact reference: use #ID, a phone number or a name")
    if len(text) > MAX_SEARCH:
        raise BadInput(
            f"contact reference longer than {MAX_SEARCH} characters: "
            "use #ID, a phone number or a name"
        )
    m = _ID_REF.match(text)
    if m and (text.startswith("#") or len(text) < 5):
        return get_contact(int(m.group(1)), session=session)
    if looks_like_phone(text):
        phone = normalize_phone(text)
        found = session.exec(select(Contact).where(Contact.phone == phone).limit(3)).all()
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise Ambiguous(_ambiguous_message(text, found))
        if m:
            return get_contact(int(m.group(1)), session=session)
    exact = session.exec(
        select(Contact)
        .where(Contact.name == text)
        .order_by(col(Contact.archived), col(Contact.id))
        .limit(11)
    ).all()
    live = [c for c in exact if not c.archived]
    if len(live) == 1 or (len(exact) == 1 and not live):
        return live[0] if live else exact[0]
    if len(live) > 1:
        raise Ambiguous(_ambiguous_message(text, live))
    partial = session.exec(
        select(Contact)
        .where(
            col(Contact.archived).is_(False),
            func.lower(Contact.name).contains(text.lower(), autoescape=True),
        )
        .order_by(col(Contact.id))
        .limit(11)
    ).all()
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise Ambiguous(_ambiguous_message(text, partial))
    raise NotFound(f"no contact matches {ref!r}: use #ID, a phone number or a part of the name")


def _ambiguous_message(ref: str, found: Sequence[Contact]) -> str:
    shown = ", ".join(f"#{c.id} {c.name}" for c in found[:10])
    more = " …" if len(found) > 10 else ""
    return f"{ref!r} matches several contacts: {shown}{more}; use #ID to pick one"


def list_contacts(
    *,
    session: Session,
    area: str | None = None,
    tier: str | None = None,
    status: str | None = None,
    search: str | None = None,
    include_archived: bool = False,
    flagged: bool = False,
    limit: int | None = None,
) -> list[Contact]:
    stmt = select(Contact)
    if not include_archived:
        stmt = stmt.where(col(Contact.archived).is_(False))
    if area:
        stmt = stmt.where(Contact.area == area.strip())
    if tier:
        stmt = stmt.where(Contact.tier == choose(tier, TIERS, "tier"))
    if status:
        stmt = stmt.where(Contact.status == choose(status, STATUSES, "status"))
    if flagged:
        stmt = stmt.where(or_(col(Contact.flag_credit), col(Contact.flag_abnormal)))
    if search:
        if len(search.strip()) > MAX_SEARCH:
            raise BadInput(f"search text longer than {MAX_SEARCH} characters: use a shorter one")
        needle = search.strip().lower()
        conditions = [
            func.lower(func.coalesce(column, "")).contains(needle, autoescape=True)
            for column in (Contact.name, Contact.company, Contact.notes, Contact.area)
        ]
        digits = re.sub(r"[\s\-().]", "", needle)
        if digits:
            conditions.append(func.coalesce(Contact.phone, "").contains(digits, autoescape=True))
        stmt = stmt.where(or_(*conditions))
    stmt = stmt.order_by(col(Contact.id))
    if limit:
        stmt = stmt.limit(limit)
    return list(session.exec(stmt).all())


def contacts_created_between(
    start_utc: datetime, end_utc: datetime, *, session: Session, by_id: bool = False
) -> list[Contact]:
    """Contacts created in ``[start, end)``, in the order they were created (or by id)."""
    stmt = (
        select(Contact)
        .where(Contact.created_at >= start_utc, Contact.created_at < end_utc)
        .order_by(col(Contact.id) if by_id else col(Contact.created_at))
    )
    return list(session.exec(stmt).all())


def key_contacts(*, session: Session) -> list[tuple[int, str]]:
    """(id, name) of every live key customer, by id."""
    rows = session.exec(
        select(Contact.id, Contact.name)
        .where(Contact.tier == "key", col(Contact.archived).is_(False))
        .order_by(col(Contact.id))
    ).all()
    return [(int(cid or 0), name) for cid, name in rows]


def flagged_contacts(*, session: Session) -> list[Contact]:
    """Contacts with a credit or abnormal flag, by id."""
    stmt = (
        select(Contact)
        .where(or_(col(Contact.flag_credit), col(Contact.flag_abnormal)))
        .order_by(col(Contact.id))
    )
    return list(session.exec(stmt).all())


def contacts_with_status(
    ids: Iterable[int], statuses: Iterable[str], *, session: Session
) -> list[tuple[int, str, str, str | None]]:
    """(id, name, status, company) of those of ``ids`` whose status is one of ``statuses``."""
    rows = session.exec(
        select(Contact.id, Contact.name, Contact.status, Contact.company).where(
            col(Contact.status).in_(tuple(statuses)), col(Contact.id).in_(tuple(ids))
        )
    ).all()
    return [(int(cid or 0), name, status, company) for cid, name, status, company in rows]


def contacts_by_id(ids: Iterable[int], *, session: Session) -> dict[int, Contact]:
    wanted = tuple(ids)
    if not wanted:
        return {}
    rows = session.exec(select(Contact).where(col(Contact.id).in_(wanted))).all()
    return {c.id or 0: c for c in rows}


def not_called_since(status: str, since_utc: datetime, *, session: Session) -> list[int]:
    """Ids of live contacts with ``status`` and no call logged since ``since``, the longest
    untouched first."""
    from salesplan.models import Activity  # only the calls queue asks: list needs no log table

    called = select(Activity.contact_id).where(
        Activity.kind == "call", Activity.at >= since_utc, col(Activity.contact_id).is_not(None)
    )
    rows = session.exec(
        select(Contact.id)
        .where(
            Contact.status == status,
            col(Contact.archived).is_(False),
            col(Contact.id).not_in(called),
        )
        .order_by(col(Contact.last_contact_at))
    ).all()
    return [int(cid or 0) for cid in rows]
