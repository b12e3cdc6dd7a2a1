"""Expenses, notes and absences: the records the reviews read."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, func, select

from salesplan.models import Absence, Activity, Contact, Expense, Note


def expenses_between(first: date, last: date, *, session: Session) -> list[Expense]:
    """Expenses from ``first`` to ``last`` (both included), oldest first."""
    stmt = select(Expense).where(Expense.on >= first, Expense.on <= last).order_by(col(Expense.on))
    return list(session.exec(stmt).all())


def notes_between(first: date, last: date, *, session: Session) -> list[tuple[Note, str | None]]:
    """Notes from ``first`` to ``last``, oldest first (in the order written within a day), with the contact's name if any."""
    rows = session.exec(
        select(Note, Contact.name)
        .join(Contact, col(Note.contact_id) == col(Contact.id), isouter=True)
        .where(Note.on >= first, Note.on <= last)
        .order_by(col(Note.on), col(Note.id))
    ).all()
    return [(n, name) for n, name in rows]


def keep_week_summary(
    text: str, day: date, today: date, week_start: int, *, session: Session
) -> None:
    """Keep ``text`` as the own words of the week holding ``day``: a note of kind summary, dated
    today when today is in that week, else on the week's last day. The same words twice in one
    week are kept once."""
    from salesplan.core.dates import week_bounds

    first, last = week_bounds(day, week_start)
    kept = session.exec(
        select(Note.text).where(Note.kind == "summary", Note.on >= first, Note.on <= last)
    ).all()
    if text not in kept:
        session.add(Note(text=text, kind="summary", on=min(max(today, first), last)))


def first_use_utc(*, session: Session) -> datetime | None:
    """When the store was first used: the earliest of its first log entry (at the moment it
    records, back-dated or not) and its first contact's creation; None in an empty store."""
    moments = [
        session.exec(select(func.min(Activity.at))).one(),
        session.exec(select(func.min(Contact.created_at))).one(),
    ]
    found = [m for m in moments if m is not None]
    return min(found) if found else None


def absences_between(first: date, last: date, *, session: Session) -> list[Absence]:
    stmt = select(Absence).where(Absence.on >= first, Absence.on <= last)
    return list(session.exec(stmt).all())


def notes_in(first: date, last: date, kind: str | None, *, session: Session) -> list[Note]:
    """Notes from ``first`` to ``last`` (both included; of ``kind`` only, when given), by day."""
    stmt = select(Note).where(Note.on >= first, Note.on <= last)
    if kind:
        stmt = stmt.where(Note.kind == kind)
    return list(session.exec(stmt.order_by(col(Note.on))).all())
