"""To-dos: adding one, the list in the order it is shown, marking one done, undoing that."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from salesplan.core.dates import parse_date
from salesplan.core.todos import TodoItem, ordered
from salesplan.core.workdays import Workdays
from salesplan.models import Todo
from salesplan.store import todos as stored
from salesplan.store.contacts import resolve_contact
from salesplan.store.projects import get_project


def add_todo(
    text: str,
    *,
    session: Session,
    now_utc: datetime,
    today: date,
    due: str | None = None,
    important: bool = False,
    contact_ref: str | None = None,
    project_id: int | None = None,
) -> TodoItem:
    """A new to-do (``text`` already checked), for the contact ``contact_ref`` names and the
    project ``project_id`` when given, as the list shows it. ``due``: the DATE as typed, read
    after the contact and the project are found (what is not there is said first)."""
    contact_id = resolve_contact(contact_ref, session=session).id if contact_ref else None
    project = get_project(project_id, session=session).id if project_id is not None else None
    row = stored.add_todo(
        text,
        session=session,
        now_utc=now_utc,
        due=parse_date(due, today) if due else None,
        important=important,
        contact_id=contact_id,
        project_id=project,
    )
    return next(t for t in stored.list_todos(session=session) if t.id == row.id)


def todo_list(
    today: date, calendar: Workdays, *, session: Session, include_done: bool = False
) -> list[TodoItem]:
    """The to-dos not yet done (every one with ``include_done``): important and overdue
    first, then by date."""
    return ordered(stored.list_todos(session=session, include_done=include_done), today, calendar)


@dataclass(frozen=True)
class TodoChange:
    """The to-do a command marked done or opened again."""

    id: int
    text: str


def _change(row: Todo) -> TodoChange:
    return TodoChange(row.id or 0, row.text)


def finish_todo(todo_id: int, *, session: Session, now_utc: datetime) -> TodoChange:
    return _change(stored.mark_done(todo_id, session=session, now_utc=now_utc))


def reopen_last_todo(*, session: Session) -> TodoChange:
    """Open again the to-do marked done last."""
    return _change(stored.reopen_last_done(session=session))
