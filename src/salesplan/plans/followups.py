"""The follow-ups open on a day: the store's facts through the rules of core/followups."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from salesplan.core.followups import DueItem, due_items
from salesplan.core.settings import Settings
from salesplan.core.workdays import Workdays
from salesplan.store.followups import follow_up_facts
from salesplan.store.workdays import load_workdays


def collect_due(
    today: date,
    settings: Settings,
    *,
    session: Session,
    workdays: Workdays | None = None,
    as_of: bool = False,
) -> list[DueItem]:
    """Every follow-up open on ``today``; dates moved by the workday calendar (read from the
    store when not given). ``as_of``: as the store stood at the end of ``today`` (a report on
    a past period), so it is the same whenever it is asked."""
    if workdays is None:
        workdays = load_workdays(settings, session=session)
    contacts, projects, events = follow_up_facts(
        today, settings, workdays, session=session, as_of=as_of
    )
    return due_items(contacts, projects, events, today, settings, workdays)
