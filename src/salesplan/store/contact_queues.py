"""Who the calls queue may offer: prospects to develop, customers long untouched and the
cold lists' numbers nobody has reached yet, each not called lately."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_
from sqlmodel import Session, col, select

from salesplan.models import Contact


def _called_since(since_utc: datetime) -> Any:
    """The ids of contacts with a call logged since ``since``."""
    from salesplan.models import Activity  # only the calls queue asks: list needs no log table

    return select(Activity.contact_id).where(
        Activity.kind == "call", Activity.at >= since_utc, col(Activity.contact_id).is_not(None)
    )


def _ids(
    conds: Iterable[Any], order: Iterable[Any], *, session: Session, limit: int | None = None
) -> list[int]:
    """The ids of the contacts meeting ``conds``, in ``order``, at most ``limit``."""
    stmt = select(Contact.id).where(*conds).order_by(*order)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [int(cid or 0) for cid in session.exec(stmt).all()]


def not_called_since(status: str, since_utc: datetime, *, session: Session) -> list[int]:
    """Ids of live contacts with ``status`` and no call logged since ``since``, the longest
    untouched first."""
    live_uncalled = [
        Contact.status == status,
        col(Contact.archived).is_(False),
        col(Contact.id).not_in(_called_since(since_utc)),
    ]
    return _ids(live_uncalled, [col(Contact.last_contact_at)], session=session)


def _callable_not_called_since(since_utc: datetime) -> list[Any]:
    """Live contacts with a phone and no call logged since ``since``: who may be offered."""
    return [
        col(Contact.archived).is_(False),
        col(Contact.phone).is_not(None),
        col(Contact.id).not_in(_called_since(since_utc)),
    ]


def _never_reached_cold() -> Any:
    return and_(col(Contact.cold_list).is_not(None), col(Contact.last_contact_at).is_(None))


# The longest without a real contact first (never first), then by id.
_LONGEST_UNTOUCHED = (
    col(Contact.last_contact_at).is_not(None),
    col(Contact.last_contact_at),
    col(Contact.id),
)


def prospects_to_develop(
    statuses: Iterable[str], since_utc: datetime, limit: int, *, session: Session
) -> list[int]:
    """Ids of prospects (contacts with one of ``statuses``) to call, not called since
    ``since``: key before normal, then the longest without a real contact first (never first).
    Cold-list contacts nobody has reached yet are left to their list."""
    conds = [
        col(Contact.status).in_(tuple(statuses)),
        ~_never_reached_cold(),
        *_callable_not_called_since(since_utc),
    ]
    order = [col(Contact.tier) != "key", *_LONGEST_UNTOUCHED]
    return _ids(conds, order, session=session, limit=limit)


def customers_longest_untouched(since_utc: datetime, limit: int, *, session: Session) -> list[int]:
    """Ids of customers not called since ``since``, the longest without a real contact first."""
    conds = [Contact.status == "customer", *_callable_not_called_since(since_utc)]
    return _ids(conds, _LONGEST_UNTOUCHED, session=session, limit=limit)


def cold_list_contacts(
    list_name: str | None, since_utc: datetime, limit: int, *, session: Session
) -> list[int]:
    """Ids of cold-list contacts (of ``list_name``, or of any list) nobody has reached yet and
    not called since ``since``, in the order they were imported; lost ones are left out."""
    conds: list[Any] = [_never_reached_cold(), Contact.status != "lost"]
    if list_name is not None:
        conds.append(Contact.cold_list == list_name)
    conds += _callable_not_called_since(since_utc)
    return _ids(conds, [col(Contact.id)], session=session, limit=limit)


def cold_list_names(*, session: Session) -> list[str]:
    """Every cold list's name."""
    rows = session.exec(
        select(Contact.cold_list).where(col(Contact.cold_list).is_not(None)).distinct()
    ).all()
    return sorted(str(name) for name in rows)
