"""The contacts a period's report counts: new customers, potential customers, key customers
and the flagged ones."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from salesplan.core.followups import PROSPECT_STATUSES
from salesplan.models import Contact, ContactStatus
from salesplan.store.contact_history import was_key
from salesplan.store.team import viewed_rows

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
