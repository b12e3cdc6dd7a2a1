"""The demo: a realistic history made up for an empty store, to try every command."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from salesplan.core.demo import DemoData, generate
from salesplan.core.settings import Settings
from salesplan.core.workdays import Workdays
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.plans.run import Run


@dataclass(frozen=True)
class DemoStart:
    """What the demo is made from: the store's settings, its day and calendar, and whether it
    holds anything yet."""

    settings: Settings
    today: date
    now_utc: datetime
    empty: bool
    workdays: Workdays


def demo_start(run: Run, *, session: Session) -> DemoStart:
    """The store as the demo finds it."""
    from salesplan.store.demo import store_is_empty
    from salesplan.store.workdays import load_workdays

    settings = run.settings(session)
    return DemoStart(
        settings=settings,
        today=run.today(session),
        now_utc=run.now_utc(session),
        empty=store_is_empty(session=session),
        workdays=load_workdays(settings, session=session),
    )


def demo_history(
    start: DemoStart, *, years: int, seed: int, force: bool, label: str, chinese: bool
) -> DemoData:
    """The history to write: refused for a store (``label``) that holds data, unless
    ``force``; the same ``seed`` gives the same history."""
    if not start.empty and not force:
        raise BadInput(
            _("{label} already holds data: use --force to add the demo history anyway").format(
                label=label
            )
        )
    return generate(
        today=start.today,
        years=years,
        seed=seed,
        settings=start.settings,
        workdays=start.workdays,
        chinese=chinese,
    )


def write_demo(
    data: DemoData, start: DemoStart, *, session: Session, progress: Callable[[int], None]
) -> dict[str, int]:
    """Write the history; how many rows of each table (by the words a person reads)."""
    from salesplan.store.demo import insert_demo

    return insert_demo(data, start.settings.tz, start.now_utc, session=session, progress=progress)
