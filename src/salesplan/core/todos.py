"""To-dos: the important things not yet done, in the order they are shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from salesplan.core.workdays import Workdays
from salesplan.errors import BadInput
from salesplan.i18n import _

TEXT_MAX = 500
# Lateness without a calendar at hand: Monday to Friday.
_WEEKDAYS = Workdays()


def check_text(text: str) -> str:
    clean = text.strip()
    if not clean or len(clean) > TEXT_MAX or any(ord(ch) < 32 for ch in clean):
        raise BadInput(
            _("bad to-do {text}: give 1 to {max} characters on one line").format(
                text=repr(text[:40]), max=TEXT_MAX
            )
        )
    return clean


@dataclass(frozen=True)
class TodoItem:
    id: int
    text: str
    due: date | None
    important: bool
    done: bool
    contact_id: int | None = None
    contact: str | None = None
    project_id: int | None = None
    project: str | None = None

    def overdue_days(self, today: date, calendar: Workdays | None = None) -> int:
        """How late on ``today``, in workdays of ``calendar`` (Monday to Friday when not
        given): due on a Friday is not late on the Sunday, nor a day before a holiday late by
        the holiday's days."""
        if not self.due or self.done:
            return 0
        return (calendar if calendar is not None else _WEEKDAYS).days_late(self.due, today)

    def to_json(self, today: date, calendar: Workdays | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "due": self.due.isoformat() if self.due else None,
            "important": self.important,
            "done": self.done,
            "overdue_days": self.overdue_days(today, calendar),
            "contact_id": self.contact_id,
            "contact": self.contact,
            "project_id": self.project_id,
            "project": self.project,
        }


def ordered(
    items: Iterable[TodoItem], today: date, calendar: Workdays | None = None
) -> list[TodoItem]:
    """Open before done; then important and overdue first (important before overdue), then by
    due date (dated before undated), then in the order they were added."""

    def key(t: TodoItem) -> tuple[Any, ...]:
        late = t.overdue_days(today, calendar) > 0
        return (t.done, not t.important, not late, t.due is None, t.due or date.max, t.id)

    return sorted(items, key=key)


def due_by(items: Iterable[TodoItem], until: date) -> list[TodoItem]:
    """Open to-dos with a date on or before ``until``."""
    return [t for t in items if not t.done and t.due is not None and t.due <= until]


def for_the_week(items: Iterable[TodoItem], until: date) -> list[TodoItem]:
    """What a week's plan carries: the open to-dos dated by ``until`` (the late ones too) and
    the important ones without a date."""
    return [
        t for t in items if not t.done and (t.due <= until if t.due is not None else t.important)
    ]
