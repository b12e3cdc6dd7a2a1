"""Which days are worked: the user's own days, and a State Council notice read into a year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from salesplan.core.dates import days
from salesplan.core.notices import Notice
from salesplan.core.workdays import build_workdays
from salesplan.store.workdays import (
    load_absences,
    load_notices,
    load_overrides,
    replace_notice,
    set_override,
)


@dataclass(frozen=True)
class NoticeRead:
    """What importing a notice does: the year's source it replaces, the year's workdays
    with it, and each day whose status it changes (day, was a workday, is one)."""

    notice: Notice
    replaced: str
    workdays: int
    changed: list[tuple[date, bool, bool]]


def set_own_day(day: date, work: bool | None, *, session: Session) -> None:
    """``workday set``: ``day`` a workday (True) or a day off (False) for the user whatever
    the calendar says; None goes back to the calendar."""
    set_override(day, work, session=session)


def import_notice(
    notice: Notice, *, session: Session, region: str, dry_run: bool = False
) -> NoticeRead:
    """``workday import``: the notice's holidays and make-up workdays become its year's
    calendar (the user's own days still win), compared with the calendar as it was under the
    ``region`` setting; with ``dry_run``, nothing is saved."""
    listed = notice.days()
    own, away = load_overrides(session=session), load_absences(session=session)
    stored = load_notices(session=session)
    others = [row for row in stored if row[0] != notice.year]
    before = build_workdays(region, own, away, stored)
    after = build_workdays(
        "cn", own, away, [*others, *((notice.year, d, w) for d, w in listed.items())]
    )
    first = min(date(notice.year, 1, 1), *listed)
    last = max(date(notice.year, 12, 31), *listed)
    changed = [
        (d, before.is_workday(d), after.is_workday(d))
        for d in days(first, last)
        if before.is_workday(d) != after.is_workday(d)
    ]
    was = before.year_source(notice.year)
    if not dry_run:
        replace_notice(notice.year, listed, session=session)
    workdays = after.count(date(notice.year, 1, 1), date(notice.year, 12, 31))
    return NoticeRead(notice, was, workdays, changed)
