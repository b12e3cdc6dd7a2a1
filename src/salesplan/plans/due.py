"""What is due up to a day (``due``): the follow-ups, overdue first, and the dated to-dos."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from salesplan.core.followups import DueItem, due_until
from salesplan.core.settings import Settings
from salesplan.core.todos import TodoItem, due_by, ordered
from salesplan.core.workdays import Workdays
from salesplan.plans.emails import with_templates
from salesplan.plans.followups import collect_due
from salesplan.store.todos import list_todos


@dataclass(frozen=True)
class DueList:
    items: list[DueItem]  # the follow-ups due by the last day, overdue first
    todos: list[TodoItem]  # the open to-dos dated by then (none when one rule is asked for)


def due_up_to(
    last: date,
    today: date,
    settings: Settings,
    *,
    session: Session,
    calendar: Workdays,
    rule: str | None = None,
) -> DueList:
    """The follow-ups open on ``today`` that fall due by ``last`` (only ``rule``'s, if given;
    an unclear-intent email with its next template), and the to-dos dated by then."""
    items = due_until(collect_due(today, settings, session=session), last)
    if rule in (None, "unclear-email"):
        items = with_templates(items, session=session)
    # To-dos with a date by then, unless only one follow-up rule is asked for.
    todos = [] if rule else due_by(ordered(list_todos(session=session), today, calendar), last)
    if rule:
        items = [i for i in items if i.rule == rule]
    return DueList(items, todos)
