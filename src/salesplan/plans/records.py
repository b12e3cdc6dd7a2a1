"""Expenses and notes: what the log can't know, written and listed for the weekly report."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, TypeVar

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


V = TypeVar("V", ExpenseView, NoteView)


def _view(view: type[V], row: Any) -> V:
    """The stored ``row`` as ``view``: each field read by its name."""
    return view(**{f.name: getattr(row, f.name) for f in fields(view)})


def add_expense(
    amount: int,
    category: str,
    on: date,
    contact: str | None,
    project: int | None,
    note: str | None,
    *,
    session: Session,
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
    return _view(ExpenseView, row)


def expenses_between(first: date, last: date, *, session: Session) -> list[ExpenseView]:
    """Expenses from ``first`` to ``last`` (both included), oldest first."""
    from salesplan.store.records import expenses_between as stored

    return [_view(ExpenseView, row) for row in stored(first, last, session=session)]


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
    return _view(NoteView, row)


def notes_of_kind(first: date, last: date, kind: str | None, *, session: Session) -> list[NoteView]:
    """Notes from ``first`` to ``last`` (of ``kind`` only, when given), by day."""
    from salesplan.store.records import notes_in

    return [_view(NoteView, row) for row in notes_in(first, last, kind, session=session)]
