"""To-dos: adding, listing, marking done and undoing the last one done."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_
from sqlmodel import Session, col, select

from salesplan.core.todos import TodoItem
from salesplan.errors import BadInput, NotFound
from salesplan.i18n import _
from salesplan.models import Contact, Project, Todo


def add_todo(
    text: str,
    *,
    session: Session,
    now_utc: datetime,
    due: date | None = None,
    important: bool = False,
    contact_id: int | None = None,
    project_id: int | None = None,
) -> Todo:
    row = Todo(
        text=text,
        due=due,
        important=important,
        contact_id=contact_id,
        project_id=project_id,
        created_at=now_utc,
    )
    session.add(row)
    session.flush()
    return row


def list_todos(
    *, session: Session, include_done: bool = False, open_at: datetime | None = None
) -> list[TodoItem]:
    """The to-dos still open (every one with ``include_done``), by id. ``open_at``: those open
    at that instant instead — added before it and not done by then, each shown as open — so a
    past week's report lists what was open at its end, whenever it is generated."""
    # Columns, not model instances: the day sheet and due read this on every run.
    stmt = (
        select(  # type: ignore[call-overload,misc]
            Todo.id,
            Todo.text,
            Todo.due,
            Todo.important,
            Todo.done_at,
            Todo.contact_id,
            Contact.name,
            Todo.project_id,
            Project.name,
        )
        .join(Contact, col(Contact.id) == col(Todo.contact_id), isouter=True)
        .join(Project, col(Project.id) == col(Todo.project_id), isouter=True)
        .order_by(col(Todo.id))
    )
    if open_at is not None:
        stmt = stmt.where(
            col(Todo.created_at) < open_at,
            or_(col(Todo.done_at).is_(None), col(Todo.done_at) >= open_at),
        )
    elif not include_done:
        stmt = stmt.where(col(Todo.done_at).is_(None))
    return [
        TodoItem(
            id=tid,
            text=text,
            due=due,
            important=important,
            done=done_at is not None and open_at is None,
            contact_id=cid,
            contact=cname,
            project_id=pid,
            project=pname,
        )
        for tid, text, due, important, done_at, cid, cname, pid, pname in session.exec(stmt).all()
    ]


def mark_done(todo_id: int, *, session: Session, now_utc: datetime) -> Todo:
    row = session.get(Todo, todo_id)
    if row is None:
        raise NotFound(_("no to-do #{id}: see salesplan todo list").format(id=todo_id))
    if row.done_at is not None:
        raise BadInput(_("to-do #{id} is already done").format(id=todo_id))
    row.done_at = now_utc
    session.add(row)
    session.flush()
    return row


def reopen_last_done(*, session: Session) -> Todo:
    """Open again the to-do marked done last."""
    row = session.exec(
        select(Todo)
        .where(col(Todo.done_at).is_not(None))
        .order_by(col(Todo.done_at).desc(), col(Todo.id).desc())
        .limit(1)
    ).first()
    if row is None:
        raise BadInput(_("nothing to undo: no to-do is done"))
    row.done_at = None
    session.add(row)
    session.flush()
    return row
