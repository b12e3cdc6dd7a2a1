"""A contact's status and tier through time (the contact_status and contact_tier rows):
written wherever either is set, read back as they stood at the end of a past day, so a
past period's report stays a record."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from salesplan.models import Contact, ContactStatus, ContactTier
from salesplan.store.team import viewed_rows


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
