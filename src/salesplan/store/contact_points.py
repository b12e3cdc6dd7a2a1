"""Every phone and email of a contact (the contact_point rows): read, merged with the
contact's own phone and email, and written."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from salesplan.core.search import phone_key
from salesplan.models import Contact, ContactPoint


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


def points_with_primary(
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
