"""Contacts: adding, finding (REF resolution), listing, editing.

Every write of a name, company or phone rewrites the contact's search keys (contact_key
rows, made by ``core.searchkeys``); finding a contact only compares what was typed, folded by
``core.search``, with those rows, so reads never import the pinyin or conversion libraries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_
from sqlmodel import Session, col, select

from salesplan.core.followups import PROSPECT_STATUSES
from salesplan.core.search import (
    KEY_COMPANY,
    KEY_INITIALS,
    KEY_NAME,
    KEY_PHONE,
    KEY_PINYIN,
    KEY_SURNAME,
    fold,
    looks_like_phone,
    phone_digits,
    phone_key,
    pinyin_query,
    surname_and_title,
)
from salesplan.core.validate import CONTACT_FIELDS, choose, clean_text
from salesplan.errors import Ambiguous, BadInput, NotFound
from salesplan.i18n import _
from salesplan.models import (
    FLAGS,
    STATUSES,
    TIERS,
    Contact,
    ContactKey,
    ContactPoint,
    ContactStatus,
    ContactTier,
)
from salesplan.store.team import viewed_rows

# Free text, checked only for length and NUL bytes.
TEXT_FIELDS = tuple(f for f in CONTACT_FIELDS if f not in ("name", "phone", "tier", "status"))
# The fields search keys are made from: writing any of them rewrites the keys.
KEYED_FIELDS = ("name", "company", "phone")
_ID_REF = re.compile(r"^#?(\d{1,9})$")
SHOWN_CANDIDATES = 5


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


# --- search keys (written with the contact) ------------------------------------------------


def write_keys(contacts: Iterable[Contact], *, session: Session) -> None:
    """Replace the search keys of ``contacts`` (flushed, so they have ids)."""
    from salesplan.core.searchkeys import contact_keys

    contacts = list(contacts)
    if not contacts:
        return
    ids = [c.id for c in contacts]
    for i in range(0, len(ids), 500):
        session.execute(delete(ContactKey).where(col(ContactKey.contact_id).in_(ids[i : i + 500])))
    numbers = other_numbers([c.id or 0 for c in contacts], session=session)
    rows = [
        {"contact_id": c.id, "kind": kind, "key": key}
        for c in contacts
        for kind, key in contact_keys(c.name, c.company, c.phone, numbers.get(c.id or 0, ()))
    ]
    if rows:
        session.execute(insert(ContactKey), rows)


def write_keys_above(since_id: int, *, session: Session, chunk: int = 2000) -> int:
    """Search keys for every contact with an id above ``since_id`` (rows a bulk import
    inserted without objects), a chunk at a time so a large import stays small in memory.
    Returns the highest id keyed (``since_id`` if none)."""
    from salesplan.core.searchkeys import contact_keys

    last = since_id
    while True:
        rows = session.exec(
            select(Contact.id, Contact.name, Contact.company, Contact.phone)
            .where(col(Contact.id) > last)
            .order_by(col(Contact.id))
            .limit(chunk)
        ).all()
        if not rows:
            return last
        numbers = other_numbers([int(r[0] or 0) for r in rows], session=session)
        keys = [
            {"contact_id": cid, "kind": kind, "key": key}
            for cid, name, company, phone in rows
            for kind, key in contact_keys(name, company, phone, numbers.get(cid or 0, ()))
        ]
        if keys:  # a plain INSERT, not the ORM's bulk path: a third of the time on a large import
            session.execute(ContactKey.__table__.insert(), keys)  # type: ignore[attr-defined]
        last = int(rows[-1][0] or 0)


# --- every phone and email of a contact (contact_point) ----------------------------------


def other_numbers(ids: Iterable[int], *, session: Session) -> dict[int, list[str]]:
    """The numbers each of ``ids`` has in contact_point (its own phone among them): plain
    rows, not objects (a large import keys thousands of contacts a chunk at a time)."""
    wanted = sorted(set(ids))
    out: dict[int, list[str]] = {}
    for i in range(0, len(wanted), 500):
        for cid, value in session.exec(
            select(ContactPoint.contact_id, ContactPoint.value)
            .where(
                col(ContactPoint.contact_id).in_(wanted[i : i + 500]),
                ContactPoint.kind != "email",
            )
            .order_by(col(ContactPoint.contact_id), col(ContactPoint.position))
        ).all():
            out.setdefault(cid, []).append(value)
    return out


def points_of(ids: Iterable[int], *, session: Session) -> dict[int, list[ContactPoint]]:
    """The contact_point rows of each of ``ids``, in their order (numbers before addresses)."""
    wanted = sorted(set(ids))
    out: dict[int, list[ContactPoint]] = {}
    for i in range(0, len(wanted), 500):
        for point in session.exec(
            select(ContactPoint)
            .where(col(ContactPoint.contact_id).in_(wanted[i : i + 500]))
            .order_by(
                col(ContactPoint.contact_id),
                col(ContactPoint.kind) == "email",
                col(ContactPoint.position),
                col(ContactPoint.id),
            )
        ).all():
            out.setdefault(point.contact_id, []).append(point)
    return out


def phones_and_emails(
    contact: Contact, points: Iterable[ContactPoint]
) -> tuple[list[tuple[str, str]], list[str]]:
    """A contact's numbers as (number, kind) and its addresses, each once: its own phone and
    email first (a store written before contact_point, or a contact merged into, may hold
    numbers only there)."""
    from salesplan.core.importrules import EXT, phone_kind

    phones: dict[str, tuple[str, str]] = {}
    emails: dict[str, str] = {}
    if contact.phone:
        phones[phone_key(contact.phone) or contact.phone] = (
            contact.phone,
            phone_kind(contact.phone),
        )
    if contact.email:
        emails[contact.email.lower()] = contact.email
    for p in points:
        if p.kind == "email":
            emails.setdefault(p.value.lower(), p.value)
            continue
        key = phone_key(p.value.partition(EXT)[0]) or p.value
        if key not in phones or (EXT in p.value and EXT not in phones[key][0]):
            phones[key] = (p.value, p.kind)  # the contact's own number, with its extension
    return list(phones.values()), list(emails.values())


def numbers_of(
    contacts: Iterable[Contact], *, session: Session
) -> dict[int, tuple[list[tuple[str, str]], list[str]]]:
    """Every number (with its kind) and address of each of ``contacts``, by id."""
    contacts = list(contacts)
    points = points_of([c.id or 0 for c in contacts], session=session)
    return {c.id or 0: phones_and_emails(c, points.get(c.id or 0, [])) for c in contacts}


def write_points(
    contact_id: int, phones: list[str], emails: list[str], *, session: Session
) -> None:
    """Replace the contact_point rows of ``contact_id``: ``phones`` then ``emails``, each
    list in its order."""
    from salesplan.core.importrules import point_rows

    session.execute(delete(ContactPoint).where(col(ContactPoint.contact_id) == contact_id))
    rows = [
        {"contact_id": contact_id, "kind": kind, "value": value, "position": position}
        for kind, value, position in point_rows(phones, emails)
    ]
    if rows:
        session.execute(insert(ContactPoint), rows)


def _points_with_primary(
    contact: Contact, old_phone: str | None, old_email: str | None, *, session: Session
) -> None:
    """The contact's phone and email put first in its contact_point rows (after an add or an
    edit): a number or address it replaced leaves, the others stay."""
    points = points_of([contact.id or 0], session=session).get(contact.id or 0, [])
    shown_phones, shown_emails = phones_and_emails(contact, points)
    gone_phone = phone_key(old_phone) if old_phone and old_phone != contact.phone else None
    phones = [
        n
        for n, _kind in shown_phones
        if gone_phone is None or phone_key(n.partition(" ext ")[0]) != gone_phone
    ]
    gone = old_email.lower() if old_email and old_email != contact.email else None
    emails = [e for e in shown_emails if e.lower() != gone]
    write_points(contact.id or 0, phones, emails, session=session)


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
    _points_with_primary(contact, None, None, session=session)
    write_keys([contact], session=session)
    record_status(contact, now_utc, session=session)
    record_tier(contact, now_utc, session=session)
    return contact


def record_status(contact: Contact, at_utc: datetime, *, session: Session) -> None:
    """Keep the status ``contact`` has from ``at_utc`` on (potential customers are read
    from these rows)."""
    session.add(ContactStatus(contact_id=contact.id or 0, status=contact.status, at=at_utc))
    session.flush()


def record_tier(contact: Contact, at_utc: datetime, *, session: Session) -> int:
    """Keep the tier ``contact`` has from ``at_utc`` on (a past period's key customers are
    read from these rows); the row's id."""
    row = ContactTier(contact_id=contact.id or 0, tier=contact.tier, at=at_utc)
    session.add(row)
    session.flush()
    return int(row.id or 0)


def tier_then(until_utc: datetime) -> Any:
    """The tier of the contact of the row at hand just before ``until_utc``, from its tier
    history; the tier it has when it has no row by then."""
    return _then(ContactTier, "tier", until_utc)


def was_key(until_utc: datetime, *, session: Session) -> Any:
    """The contact of the row at hand was a key customer just before ``until_utc``.

    ``tier_then`` alone is one history look-up per contact; a contact can only have been key
    if it is key now or its history ever says key, so those few are looked up alone."""
    ever_key = select(ContactTier.contact_id).where(
        col(ContactTier.tier) == "key", *viewed_rows(ContactTier, session=session)
    )
    return and_(
        or_(col(Contact.tier) == "key", col(Contact.id).in_(ever_key)),
        tier_then(until_utc) == "key",
        *viewed_rows(Contact, session=session),
    )


def status_then(until_utc: datetime) -> Any:
    """The status of the contact of the row at hand just before ``until_utc``, from its
    status history; the status it has when it has no row by then."""
    return _then(ContactStatus, "status", until_utc)


def _then(history: Any, field: str, until_utc: datetime) -> Any:
    then = (
        select(getattr(history, field))
        .where(col(history.contact_id) == col(Contact.id), col(history.at) < until_utc)
        .order_by(col(history.at).desc(), col(history.id).desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(then, getattr(Contact, field))


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
        _points_with_primary(contact, old_phone, old_email, session=session)
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


# Names are at most 200 characters; a longer reference or search matches nothing, and SQLite
# refuses LIKE patterns past 50,000 bytes.
MAX_SEARCH = 200


def get_contact(contact_id: int, *, session: Session) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound(
            _("no contact #{contact_id}; see salesplan contact list").format(contact_id=contact_id)
        )
    return contact


# --- finding a contact --------------------------------------------------------------------


def _key_matches(text: str) -> Any:
    """A condition on contact_key rows: any key the text finds a contact by (list --search)."""
    folded = fold(text)
    conditions = [
        and_(
            col(ContactKey.kind).in_((KEY_NAME, KEY_COMPANY)),
            col(ContactKey.key).contains(folded, autoescape=True),
        )
    ]
    spelled = pinyin_query(text)
    if spelled:
        conditions.append(
            and_(
                col(ContactKey.kind) == KEY_PINYIN,
                col(ContactKey.key).startswith(spelled, autoescape=True),
            )
        )
        conditions.append(
            and_(col(ContactKey.kind) == KEY_INITIALS, col(ContactKey.key) == spelled)
        )
    surname = surname_and_title(text)
    if surname:
        conditions.append(and_(col(ContactKey.kind) == KEY_SURNAME, col(ContactKey.key) == surname))
    digits = phone_key(text) or phone_digits(text)
    if digits and digits.lstrip("+").isdigit():
        conditions.append(
            and_(
                col(ContactKey.kind) == KEY_PHONE,
                col(ContactKey.key).contains(digits, autoescape=True),
            )
        )
    return or_(*conditions)


def _keyed(kind: str, condition: Any) -> Any:
    """Ids of active contacts with a key of ``kind`` meeting ``condition``."""
    return (
        select(ContactKey.contact_id)
        .join(Contact, col(Contact.id) == col(ContactKey.contact_id))
        .where(ContactKey.kind == kind, condition, col(Contact.archived).is_(False))
        .distinct()
    )


def _ref_stages(text: str) -> list[tuple[str, Any]]:
    """The ways a REF can name an active contact, in the order they are tried."""
    folded = fold(text)
    stages: list[tuple[str, Any]] = [
        ("name", _keyed(KEY_NAME, col(ContactKey.key).contains(folded, autoescape=True)))
    ]
    spelled = pinyin_query(text)
    if spelled:
        stages += [
            ("pinyin", _keyed(KEY_PINYIN, col(ContactKey.key) == spelled)),
            ("initials", _keyed(KEY_INITIALS, col(ContactKey.key) == spelled)),
            (
                "pinyin",
                _keyed(KEY_PINYIN, col(ContactKey.key).startswith(spelled, autoescape=True)),
            ),
        ]
    surname = surname_and_title(text)
    if surname:
        stages.append(("surname", _keyed(KEY_SURNAME, col(ContactKey.key) == surname)))
    stages.append(
        ("company", _keyed(KEY_COMPANY, col(ContactKey.key).contains(folded, autoescape=True)))
    )
    return stages


def resolve_contact(ref: str, *, session: Session) -> Contact:
    """REF: ``#12``/``12`` (id), a phone number in any format, an exact name; else the first
    of these that matches active contacts: part of the name (in simplified or traditional
    characters), full pinyin, pinyin initials, the start of the pinyin, a surname with a title
    (王总), part of the company name. One match is the contact; several are an error that
    lists them."""
    text = ref.strip()
    if not text:
        raise BadInput(_("empty contact reference: use #ID, a phone number or a name"))
    if len(text) > MAX_SEARCH:
        raise BadInput(
            _(
                "contact reference longer than {MAX_SEARCH} characters: use #ID, a phone number or a name"
            ).format(MAX_SEARCH=MAX_SEARCH)
        )
    m = _ID_REF.match(text)
    if m and (text.startswith("#") or len(text) < 5):
        return get_contact(int(m.group(1)), session=session)
    if looks_like_phone(text):
        key = phone_key(text)
        found = list(
            session.exec(
                select(Contact)
                .join(ContactKey, col(ContactKey.contact_id) == col(Contact.id))
                .where(ContactKey.kind == KEY_PHONE, ContactKey.key == key)
                .order_by(col(Contact.archived), col(Contact.id))
                .limit(11)
            ).all()
        )
        live = [c for c in found if not c.archived] or found
        if len(live) == 1:
            return live[0]
        if len(live) > 1:
            raise Ambiguous(_ambiguous_message(text, [c.id for c in live if c.id], session=session))
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
        raise Ambiguous(_ambiguous_message(text, [c.id for c in live if c.id], session=session))
    for _how, stmt in _ref_stages(text):
        ids = list(session.exec(stmt.order_by(col(ContactKey.contact_id))).all())
        if len(ids) == 1:
            return get_contact(ids[0], session=session)
        if ids:
            raise Ambiguous(_ambiguous_message(text, ids, session=session))
    raise NotFound(
        _(
            "no contact matches {ref!r}: use #ID, a phone number, a name or part of it, its "
            "pinyin or initials (wjg), a surname with a title (王总), or part of the company name"
        ).format(ref=ref)
    )


def _ambiguous_message(ref: str, ids: list[int], *, session: Session) -> str:
    """``王建国 #1 华远建材·朝阳, 王建国 #32 美的楼宇·海淀 … and 3 more``: enough to pick one."""
    shown = session.exec(
        select(Contact).where(col(Contact.id).in_(ids[:SHOWN_CANDIDATES])).order_by(col(Contact.id))
    ).all()
    parts = []
    for c in shown:
        where = "·".join(x for x in (c.company, c.area) if x)
        parts.append(f"{c.name} #{c.id}" + (f" {where}" if where else ""))
    more = len(ids) - len(shown)
    tail = _(" … and {count} more").format(count=more) if more > 0 else ""
    return _("{ref!r} matches several contacts: {candidates}{more}; use #ID to pick one").format(
        ref=ref, candidates=", ".join(parts), more=tail
    )


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
        keyed = select(ContactKey.contact_id).where(_key_matches(search.strip()))
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


# A contact entered as one of these is an existing relationship: never a new customer.
_EXISTING = ("customer", "lost")


def _really_contacted(
    since_utc: datetime | None, until_utc: datetime, also: Iterable[Any] = ()
) -> Any:
    """The ids of contacts with a real contact (core.vocab.is_real_contact) in
    ``[since, until)``, from the beginning with ``since`` None: read by the log's time index.
    ``also``: more conditions on the log's entries."""
    from salesplan.models import Activity  # built only by the reports that read the log
    from salesplan.store.activities import real_contact

    conds = [
        col(Activity.contact_id).is_not(None),
        col(Activity.at) < until_utc,
        real_contact(),
        *also,
    ]
    if since_utc is not None:
        conds.append(col(Activity.at) >= since_utc)
    return select(Activity.contact_id).where(*conds)


def _entered_existing() -> Any:
    """Whether the contact of the row at hand was entered as a customer or lost: the status
    it was added (or imported) with, kept as its first status row; a contact with no status
    row at all (an older store) by the status it has."""
    entry = (
        select(ContactStatus.status)
        .where(
            col(ContactStatus.contact_id) == col(Contact.id),
            col(ContactStatus.at) == col(Contact.created_at),
        )
        .order_by(col(ContactStatus.id))
        .limit(1)
        .scalar_subquery()
    )
    any_row = select(ContactStatus.id).where(col(ContactStatus.contact_id) == col(Contact.id))
    return or_(
        func.coalesce(entry, "").in_(_EXISTING),
        and_(~any_row.exists(), col(Contact.status).in_(_EXISTING)),
    )


def _new_between(start_utc: datetime, end_utc: datetime, also: Iterable[Any] = ()) -> Any:
    """New customers (DOMAIN.md): people whose first real contact ever falls in the period and
    who were not entered as a customer or lost. Recording an existing relationship, by hand or
    by import, does not make it new; a number from a cold list is new once someone there is
    first reached."""
    from salesplan.models import Activity
    from salesplan.store.activities import real_contact

    before = (
        select(Activity.id)
        .where(
            col(Activity.contact_id) == col(Contact.id),
            col(Activity.at) < start_utc,
            real_contact(),
        )
        .exists()
    )
    return and_(
        col(Contact.id).in_(_really_contacted(start_utc, end_utc, also)),
        ~before,
        ~_entered_existing(),
    )


def new_contacts_between(
    start_utc: datetime, end_utc: datetime, *, session: Session, by_id: bool = False
) -> list[Contact]:
    """The new contacts of ``[start, end)`` (see ``_new_between``), in the order they were
    created (or by id)."""
    stmt = (
        select(Contact)
        .where(_new_between(start_utc, end_utc, _viewed_log(session)))
        .order_by(col(Contact.id) if by_id else col(Contact.created_at))
    )
    return list(session.exec(stmt).all())


def _viewed_log(session: Session) -> list[Any]:
    from salesplan.models import Activity

    return viewed_rows(Activity, session=session)


def count_new_contacts(*, session: Session, start_utc: datetime, end_utc: datetime) -> int:
    return int(
        session.exec(
            select(func.count()).select_from(Contact).where(_new_between(start_utc, end_utc))
        ).one()
    )


def potential_contact_ids(start_utc: datetime, end_utc: datetime, *, session: Session) -> list[int]:
    """The potential customers of ``[start, end)``: prospects added by hand in it (the
    status a contact was added with is its first status row, at the moment it was created)
    and contacts moved to intent in it, each once, by id."""
    rows = session.exec(
        select(col(ContactStatus.contact_id))
        .join(Contact, col(Contact.id) == col(ContactStatus.contact_id))
        .where(
            col(ContactStatus.at) >= start_utc,
            col(ContactStatus.at) < end_utc,
            or_(
                col(ContactStatus.status) == "intent",
                and_(
                    col(ContactStatus.status).in_(PROSPECT_STATUSES),
                    col(ContactStatus.at) == col(Contact.created_at),
                    col(Contact.imported).is_(False),
                ),
            ),
        )
        .distinct()
        .order_by(col(ContactStatus.contact_id))
    ).all()
    return [int(cid) for cid in rows]


def key_contacts(until_utc: datetime, *, session: Session) -> list[tuple[int, str]]:
    """(id, name) of every live contact that was a key customer just before ``until_utc`` (a
    period's end: a past week's report stays as it was), by id."""
    rows = session.exec(
        select(Contact.id, Contact.name)
        .where(
            was_key(until_utc, session=session),
            col(Contact.created_at) < until_utc,
            col(Contact.archived).is_(False),
        )
        .order_by(col(Contact.id))
    ).all()
    return [(int(cid or 0), name) for cid, name in rows]


def flagged_contacts(*, session: Session) -> list[Contact]:
    """Contacts with a credit or abnormal flag, by id."""
    stmt = (
        select(Contact)
        .where(
            or_(col(Contact.flag_credit), col(Contact.flag_abnormal)),
            *viewed_rows(Contact, session=session),
        )
        .order_by(col(Contact.id))
    )
    return list(session.exec(stmt).all())


def contacts_with_status(
    ids: Iterable[int],
    statuses: Iterable[str],
    *,
    session: Session,
    until_utc: datetime | None = None,
) -> list[tuple[int, str, str, str | None]]:
    """(id, name, status, company) of those of ``ids`` whose status is one of ``statuses``;
    with ``until_utc``, the status they had then (a past week's report stays as it was)."""
    wanted = tuple(ids)
    rows = session.exec(
        select(Contact.id, Contact.name, Contact.status, Contact.company)
        .where(col(Contact.id).in_(wanted))
        .order_by(col(Contact.id))
    ).all()
    then = statuses_at(wanted, until_utc, session=session) if until_utc is not None else {}
    keep = set(statuses)
    out = []
    for cid, name, status, company in rows:
        status = then.get(int(cid or 0), status)
        if status in keep:
            out.append((int(cid or 0), name, status, company))
    return out


def statuses_at(ids: Iterable[int], until_utc: datetime, *, session: Session) -> dict[int, str]:
    """The status each of ``ids`` had just before ``until_utc``, from its status history
    (a contact with no row by then is left out: its status is the one it has)."""
    wanted = tuple(ids)
    if not wanted:
        return {}
    out: dict[int, str] = {}
    for cid, status in session.exec(
        select(ContactStatus.contact_id, ContactStatus.status)
        .where(col(ContactStatus.contact_id).in_(wanted), col(ContactStatus.at) < until_utc)
        .order_by(col(ContactStatus.at), col(ContactStatus.id))
    ).all():
        out[cid] = status
    return out


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


def _callable_not_called_since(since_utc: datetime) -> list[Any]:
    """Live contacts with a phone and no call logged since ``since``: who may be offered."""
    from salesplan.models import Activity

    called = select(Activity.contact_id).where(
        Activity.kind == "call", Activity.at >= since_utc, col(Activity.contact_id).is_not(None)
    )
    return [
        col(Contact.archived).is_(False),
        col(Contact.phone).is_not(None),
        col(Contact.id).not_in(called),
    ]


def _never_reached_cold() -> Any:
    return and_(col(Contact.cold_list).is_not(None), col(Contact.last_contact_at).is_(None))


def prospects_to_develop(
    statuses: Iterable[str], since_utc: datetime, limit: int, *, session: Session
) -> list[int]:
    """Ids of prospects (contacts with one of ``statuses``) to call, not called since
    ``since``: key before normal, then the longest without a real contact first (never first).
    Cold-list contacts nobody has reached yet are left to their list."""
    rows = session.exec(
        select(Contact.id)
        .where(
            col(Contact.status).in_(tuple(statuses)),
            ~_never_reached_cold(),
            *_callable_not_called_since(since_utc),
        )
        .order_by(
            col(Contact.tier) != "key",
            col(Contact.last_contact_at).is_not(None),
            col(Contact.last_contact_at),
            col(Contact.id),
        )
        .limit(limit)
    ).all()
    return [int(cid or 0) for cid in rows]


def customers_longest_untouched(since_utc: datetime, limit: int, *, session: Session) -> list[int]:
    """Ids of customers not called since ``since``, the longest without a real contact first."""
    rows = session.exec(
        select(Contact.id)
        .where(Contact.status == "customer", *_callable_not_called_since(since_utc))
        .order_by(
            col(Contact.last_contact_at).is_not(None),
            col(Contact.last_contact_at),
            col(Contact.id),
        )
        .limit(limit)
    ).all()
    return [int(cid or 0) for cid in rows]


def cold_list_contacts(
    list_name: str | None, since_utc: datetime, limit: int, *, session: Session
) -> list[int]:
    """Ids of cold-list contacts (of ``list_name``, or of any list) nobody has reached yet and
    not called since ``since``, in the order they were imported; lost ones are left out."""
    conds: list[Any] = [_never_reached_cold(), Contact.status != "lost"]
    if list_name is not None:
        conds.append(Contact.cold_list == list_name)
    rows = session.exec(
        select(Contact.id)
        .where(*conds, *_callable_not_called_since(since_utc))
        .order_by(col(Contact.id))
        .limit(limit)
    ).all()
    return [int(cid or 0) for cid in rows]


def cold_list_names(*, session: Session) -> list[str]:
    """Every cold list's name."""
    rows = session.exec(
        select(Contact.cold_list).where(col(Contact.cold_list).is_not(None)).distinct()
    ).all()
    return sorted(str(name) for name in rows)
