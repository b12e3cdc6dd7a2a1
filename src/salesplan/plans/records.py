"""Expenses and notes: what the log can't know, written and listed for the weekly report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session


@dataclass(frozen=True)
class ExpenseView:
    """A stored expense (amount in minor units)."""

    id: int
    amount: int
    category: str
    on: date
    contact_id: int | None
    project_id: int | None
    note: str | None


@dataclass(frozen=True)
class NoteView:
    """A stored note."""

    id: int
    kind: str
    text: str
    on: date
    contact_id: int | None


def _expense_view(row: Any) -> ExpenseView:
    return ExpenseView(
        id=int(row.id),
        amount=row.amount,
        category=row.category,
        on=row.on,
        contact_id=row.contact_id,
        project_id=row.project_id,
        note=row.note,
    )


def _note_view(row: Any) -> NoteView:
    return NoteView(
        id=int(row.id), kind=row.kind, text=row.text, on=row.on, contact_id=row.contact_id
    )


def add_expense(
    *,
    session: Session,
    amount: int,
    category: str,
    on: date,
    contact: str | None,
    project: int | None,
    note: str | None,
) -> ExpenseView:
    """Record an expense of ``amount`` minor units, for the contact REF ``contact`` and the
    project ``project`` when given (each looked for in that order, then the note checked)."""
    from salesplan.core.validate import clean_text
    from salesplan.models import Expense
    from salesplan.store.contacts import resolve_contact
    from salesplan.store.projects import get_project

    row = Expense(
        amount=amount,
        category=category,
        on=on,
        contact_id=resolve_contact(contact, session=session).id if contact else None,
        project_id=get_project(project, session=session).id if project is not None else None,
        note=clean_text(note, "note"),
    )
    session.add(row)
    session.flush()
    return _expense_view(row)


def expenses_between(first: date, last: date, *, session: Session) -> list[ExpenseView]:
    """Expenses from ``first`` to ``last`` (both included), oldest first."""
    from salesplan.store.records import expenses_between as stored

    return [_expense_view(row) for row in stored(first, last, session=session)]


def add_note(*, session: Session, text: str, kind: str, on: date, contact: str | None) -> NoteView:
    """Record a note (already checked) on ``on``, about the contact REF ``contact`` if any."""
    from salesplan.models import Note
    from salesplan.store.contacts import resolve_contact

    row = Note(
        text=text,
        kind=kind,
        on=on,
        contact_id=resolve_contact(contact, session=session).id if contact else None,
    )
    session.add(row)
    session.flush()
    return _note_view(row)


def notes_of_kind(first: date, last: date, kind: str | None, *, session: Session) -> list[NoteView]:
    """Notes from ``first`` to ``last`` (of ``kind`` only, when given), by day."""
    from salesplan.store.records import notes_in

    return [_note_view(row) for row in notes_in(first, last, kind, session=session)]
