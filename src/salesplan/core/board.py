"""What the HTML pages (``week --html``, ``team board``) show beyond the week's summary: the
day's call target beside each day, the pipeline as it stood at the week's end, the oldest
overdue follow-ups, the last weeks' trend. Pure: built from rows the store read.

The numbers the page shares with ``week --json`` and ``team week --json`` are never computed
here again: the page reads them from the very ``Summary`` (and team row) those commands print.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from salesplan.core.followups import DueItem
from salesplan.core.summary import Summary
from salesplan.core.workdays import Workdays

OPEN_STAGES = ("design", "bidding", "detailing", "delivery", "acceptance")
TREND_WEEKS = 8
OLDEST_SHOWN = 5


@dataclass(frozen=True)
class DayBar:
    """One day of the week: its calls against its own target (none on a day off, half on a
    half day absent)."""

    day: date
    calls: int
    target: int
    kind: str  # Workdays.kind: workday, weekend, holiday, makeup, own-work, own-off, absent
    half: str | None  # morning or afternoon when half the day was absent
    pending: bool  # today or later: short of the target is not missed yet

    @property
    def workday(self) -> bool:
        return self.target > 0

    @property
    def met(self) -> bool:
        return self.workday and self.calls >= self.target


def day_bars(summary: Summary, workdays: Workdays) -> tuple[DayBar, ...]:
    per_day = summary.targets.calls_per_day
    return tuple(
        DayBar(
            d.day,
            d.calls,
            workdays.call_target(d.day, per_day),
            workdays.kind(d.day),
            workdays.half_absent(d.day),
            d.pending,
        )
        for d in summary.days
    )


@dataclass(frozen=True)
class StageRow:
    stage: str
    projects: int
    amount: int  # minor units; projects with no amount count as 0


@dataclass(frozen=True)
class Pipeline:
    """Open projects by stage as they stood at the week's end; won and lost in the week."""

    stages: tuple[StageRow, ...]
    won: int
    lost: int

    @property
    def open_projects(self) -> int:
        return sum(s.projects for s in self.stages)

    @property
    def open_amount(self) -> int:
        return sum(s.amount for s in self.stages)


def pipeline_at(
    history: Iterable[tuple[int, str, date, int | None]], start: date, end: date
) -> Pipeline:
    """``history``: (project id, stage, since, amount) for every stage change, in the order the
    changes were made. A project's stage at ``end`` is its last change on or before it."""
    at_end: dict[int, tuple[str, int]] = {}
    won = lost = 0
    for project, stage, on, amount in history:
        if on > end:
            continue
        at_end[project] = (stage, amount or 0)
        if start <= on and stage == "won":
            won += 1
        elif start <= on and stage == "lost":
            lost += 1
    count: dict[str, int] = defaultdict(int)
    amount_by: dict[str, int] = defaultdict(int)
    for stage, amount in at_end.values():
        if stage in OPEN_STAGES:
            count[stage] += 1
            amount_by[stage] += amount
    return Pipeline(
        tuple(StageRow(s, count[s], amount_by[s]) for s in OPEN_STAGES), won=won, lost=lost
    )


@dataclass(frozen=True)
class TrendWeek:
    label: str
    start: date
    calls: int
    visits: int


def trend_starts(start: date, weeks: int = TREND_WEEKS) -> list[date]:
    """The first days of the ``weeks`` weeks ending with the one starting on ``start``."""
    return [start - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def trend(
    starts: Sequence[date], labels: Sequence[str], counts: Mapping[tuple[int, str], int]
) -> tuple[TrendWeek, ...]:
    """Calls and visits per week, from the count of each kind in week ``n`` of ``starts``
    (counted as the week's totals count them: every logged call and visit, whatever its
    outcome)."""
    return tuple(
        TrendWeek(label, first, counts.get((n, "call"), 0), counts.get((n, "visit"), 0))
        for n, (first, label) in enumerate(zip(starts, labels, strict=True))
    )


def oldest_overdue(items: Iterable[DueItem], shown: int = OLDEST_SHOWN) -> tuple[DueItem, ...]:
    """The most overdue follow-ups first (as ``due`` orders them)."""
    late = sorted((i for i in items if i.overdue_days > 0), key=lambda i: i.sort_key())
    return tuple(late[:shown])


@dataclass(frozen=True)
class Comment:
    author: str
    text: str
    at: str  # local, as the reader reads it


@dataclass(frozen=True)
class Section:
    """One of the report's eleven sections as the Markdown report words it, in plain text."""

    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class RepPage:
    """One person's week on the page."""

    rep: str | None  # the rep's name on a team page; None on one's own page
    summary: Summary
    bars: tuple[DayBar, ...]
    pipeline: Pipeline
    trend: tuple[TrendWeek, ...]
    overdue: int  # follow-ups overdue as of the week's end (or today)
    oldest: tuple[DueItem, ...]
    comments: tuple[Comment, ...] = ()
    sections: tuple[Section, ...] = ()
    # On a team page: the row ``team week --json`` gives for this rep (flags included), and
    # its red flags as ``team week`` words them.
    row: dict[str, Any] = field(default_factory=dict)
    flag_lines: tuple[str, ...] = ()
