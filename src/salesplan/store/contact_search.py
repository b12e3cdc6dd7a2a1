"""Finding a contact: its search keys (contact_key rows), written with the contact, and a
REF (``#12``, a phone, a name, pinyin, initials, 王总, part of the company) resolved by them.

Every write of a name, company or phone rewrites the contact's search keys (made by
``core.searchkeys``); finding a contact only compares what was typed, folded by
``core.search``, with those rows, so reads never import the pinyin or conversion libraries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, insert, or_
from sqlmodel import Session, col, select

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
from salesplan.errors import Ambiguous, BadInput, NotFound
from salesplan.i18n import _
from salesplan.models import Contact, ContactKey
from salesplan.store.contact_points import other_numbers

_ID_REF = re.compile(r"^#?(\d{1,9})$")
SHOWN_CANDIDATES = 5


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


def key_matches(text: str) -> Any:
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
