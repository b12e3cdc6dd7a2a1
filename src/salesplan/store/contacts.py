"""Contacts: checking their fields, adding, editing, flagging, listing.

Finding one by a REF and its search keys are ``contact_search``; its phones and emails
``contact_points``; its status and tier through time ``contact_history``; the contacts a
report counts ``contact_reports``; who the calls queue offers ``contact_queues``. Their names
are kept here too, where most of the code asks for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from salesplan.core.search import KEY_PHONE, phone_key
from salesplan.core.validate import CONTACT_FIELDS, choose, clean_text
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.models import FLAGS, STATUSES, TIERS, Contact, ContactKey
from salesplan.store.contact_history import (
    contacts_with_status,
    record_status,
    record_tier,
    status_then,
    statuses_at,
    tier_then,
    was_key,
)
from salesplan.store.contact_points import (
    numbers_of,
    other_numbers,
    phones_and_emails,
    points_of,
    points_with_primary,
    write_points,
)
from salesplan.store.contact_queues import (
    cold_list_contacts,
    cold_list_names,
    customers_longest_untouched,
    not_called_since,
    prospects_to_develop,
)
from salesplan.store.contact_reports import (
    count_new_contacts,
    flagged_contacts,
    key_contacts,
    new_contacts_between,
    potential_contact_ids,
)
from salesplan.store.contact_search import (
    MAX_SEARCH,
    get_contact,
    key_matches,
    resolve_contact,
    write_keys,
    write_keys_above,
)

__all__ = [
    "KEYED_FIELDS",
    "MAX_SEARCH",
    "add_contact",
    "check_fields",
    "check_phone",
    "cold_list_contacts",
    "cold_list_names",
    "contact_for_cold_call",
    "contacts_by_id",
    "contacts_with_status",
    "count_new_contacts",
    "customers_longest_untouched",
    "edit_contact",
    "flagged_contacts",
    "get_contact",
    "key_contacts",
    "list_contacts",
    "new_contacts_between",
    "not_called_since",
    "numbers_of",
    "other_numbers",
    "phone_owner",
    "phones_and_emails",
    "points_of",
    "potential_contact_ids",
    "prospects_to_develop",
    "record_status",
    "record_tier",
    "resolve_contact",
    "set_flag",
    "status_then",
    "statuses_at",
    "tier_then",
    "was_key",
    "write_keys",
    "write_keys_above",
    "write_points",
]

# Free text, checked only for length and NUL bytes.
TEXT_FIELDS = tuple(f for f in CONTACT_FIELDS if f not in ("name", "phone", "tier", "status"))
# The fields search keys are made from: writing any of them rewrites the keys.
KEYED_FIELDS = ("name", "company", "phone")


def check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalise contact fields given on the command line (None = not given)."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if value is None:
            continue
        if key == "name":
            out[key] = clean_text(value, "name", required=True, limit=200)
        elif key == "phone":
            out[key] = check_phone(value)
        elif key == "tier":
            out[key] = choose(value, TIERS, "tier")
        elif key == "status":
            out[key] = choose(value, STATUSES, "status")
        elif key == "email":
            email = clean_text(value, "email", limit=320)
            if email and ("@" not in email or " " in email):
                raise BadInput(
                    _("bad email {value!r}: use an address such as name@example.com").format(
                        value=value
                    )
                )
            out[key] = email
        elif key in TEXT_FIELDS:
            out[key] = clean_text(value, key.replace("_", " "))
        else:
            raise BadInput(_("unknown contact field {key!r}").format(key=key))
    return out


def check_phone(value: str) -> str | None:
    """A phone number is kept as it was typed (trimmed); it must be digits, optionally with
    a leading + or 00, spaces, dashes and brackets."""
    text = clean_text(value, "phone", limit=40)
    if text is None:
        return None
    if phone_key(text) is None:
        raise BadInput(
            _(
                "bad phone {value!r}: use digits, optionally with a leading +, spaces or dashes"
            ).format(value=value)
        )
    return text


def phone_owner(phone: str, *, session: Session, exclude_id: int | None = None) -> Contact | None:
    """A contact with the same number however it was typed (``+86 136…`` = ``136…``)."""
    key = phone_key(phone)
    if key is None:
        return None
    stmt = (
        select(Contact)
        .join(ContactKey, col(ContactKey.contact_id) == col(Contact.id))
        .where(ContactKey.kind == KEY_PHONE, ContactKey.key == key)
    )
    if exclude_id is not None:
        stmt = stmt.where(Contact.id != exclude_id)
    return session.exec(stmt.order_by(col(Contact.id)).limit(1)).first()


def add_contact(
    fields: dict[str, Any], *, session: Session, now_utc: datetime, force: bool = False
) -> Contact:
    values = check_fields(fields)
    if "name" not in values:
        raise BadInput(_("name is required"))
    phone = values.get("phone")
    if phone and not force:
        other = phone_owner(phone, session=session)
        if other is not None:
            raise BadInput(
                _(
                    "phone {phone} is already on #{id} {name}; use that contact, or add with --force"
                ).format(phone=phone, id=other.id, name=other.name)
            )
    contact = Contact(**values, created_at=now_utc)
    session.add(contact)
    session.flush()
    points_with_primary(contact, None, None, session=session)
    write_keys([contact], session=session)
    record_status(contact, now_utc, session=session)
    record_tier(contact, now_utc, session=session)
    return contact


def contact_for_cold_call(
    phone: str,
    *,
    area: str | None = None,
    company: str | None = None,
    session: Session,
    now_utc: datetime,
) -> Contact:
    """Whoever already has ``phone`` (however typed), else a new lead named by the number."""
    number = check_phone(phone)
    if number is None:
        raise BadInput(_("--phone needs a phone number, e.g. 13911112222"))
    owner = phone_owner(number, session=session)
    if owner is not None:
        return owner
    return add_contact(
        {"name": number, "phone": number, "area": area, "company": company, "status": "lead"},
        session=session,
        now_utc=now_utc,
    )


def edit_contact(
    contact: Contact,
    fields: dict[str, Any],
    *,
    session: Session,
    now_utc: datetime,
    force: bool = False,
) -> Contact:
    values = check_fields(fields)
    phone = values.get("phone")
    if phone and not force:
        other = phone_owner(phone, session=session, exclude_id=contact.id)
        if other is not None:
            raise BadInput(
                _("phone {phone} is already on #{id} {name}; use --force to keep both").format(
                    phone=phone, id=other.id, name=other.name
                )
            )
    moved = "status" in values and values["status"] != contact.status
    regraded = "tier" in values and values["tier"] != contact.tier
    old_phone, old_email = contact.phone, contact.email
    for key, value in values.items():
        setattr(contact, key, value)
    session.add(contact)
    session.flush()
    if "phone" in values or "email" in values:
        points_with_primary(contact, old_phone, old_email, session=session)
    if any(k in values for k in KEYED_FIELDS):
        write_keys([contact], session=session)
    if moved:
        record_status(contact, now_utc, session=session)
    if regraded:
        record_tier(contact, now_utc, session=session)
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
    if search and search.strip():
        if len(search.strip()) > MAX_SEARCH:
            raise BadInput(
                _("search text longer than {MAX_SEARCH} characters: use a shorter one").format(
                    MAX_SEARCH=MAX_SEARCH
                )
            )
        # Name, company, pinyin, initials, 王总 and phone through the keys; area and notes as
        # text (lower() folds only ASCII; Chinese has no case to fold).
        needle = search.strip().lower()
        keyed = select(ContactKey.contact_id).where(key_matches(search.strip()))
        stmt = stmt.where(
            or_(
                col(Contact.id).in_(keyed),
                *(
                    func.lower(func.coalesce(column, "")).contains(needle, autoescape=True)
                    for column in (Contact.notes, Contact.area)
                ),
            )
        )
    stmt = stmt.order_by(col(Contact.id))
    if limit:
        stmt = stmt.limit(limit)
    return list(session.exec(stmt).all())


def contacts_by_id(ids: Iterable[int], *, session: Session) -> dict[int, Contact]:
    wanted = tuple(ids)
    if not wanted:
        return {}
    rows = session.exec(select(Contact).where(col(Contact.id).in_(wanted))).all()
    return {c.id or 0: c for c in rows}
