"""The month: its weeks, the yearly target, and what went wrong."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from salesplan.core.followups import DueItem
from salesplan.core.money import to_number
from salesplan.core.periods import MonthWeek
from salesplan.core.scoring import Score
from salesplan.core.summary.rows import KeyContact, PeriodRows, _iso
from salesplan.core.summary.totals import DaySummary, Totals, sum_days
from salesplan.core.summary.week import PeriodTarget, share_of
from salesplan.core.workdays import Workdays


@dataclass(frozen=True)
class WeekRow:
    """One week of a month: the whole week names it, the month clips its days."""

    week: MonthWeek
    calls: int
    reached: int
    visits: int
    emails: int
    call_days_met: int

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week.label,
            "start": self.week.first.isoformat(),
            "end": self.week.last.isoformat(),
            "calls": self.calls,
            "reached": self.reached,
            "visits": self.visits,
            "emails": self.emails,
            "call_days_met": self.call_days_met,
        }


def week_rows(weeks: Iterable[MonthWeek], day_rows: Sequence[DaySummary]) -> tuple[WeekRow, ...]:
    """The month's days summed into its weeks."""
    return tuple(
        WeekRow(week, *sum_days(d for d in day_rows if week.holds(d.day))) for week in weeks
    )


@dataclass(frozen=True)
class YearlyTarget:
    target: int  # minor units
    sales_to_date: int  # minor units, won from January 1 to the month's end
    expected_share: float  # the share of the year gone

    @property
    def share(self) -> float | None:
        return share_of(self.sales_to_date, self.target)

    def to_json(self) -> dict[str, Any]:
        return {
            "target": to_number(self.target),
            "sales_to_date": to_number(self.sales_to_date),
            "share": self.share,
            "expected_share": self.expected_share,
        }


@dataclass(frozen=True)
class TargetMissed:
    what: str  # "visits" or "sales"
    period: str  # the week's label, or the month's
    done: int  # visits, or minor units of sales
    target: int

    def to_json(self) -> dict[str, Any]:
        money = self.what == "sales"
        return {
            "what": self.what,
            "period": self.period,
            "done": to_number(self.done) if money else self.done,
            "target": to_number(self.target) if money else self.target,
        }


@dataclass(frozen=True)
class WentWrong:
    """The month's big review: what went wrong, so it is not repeated."""

    days_missed: tuple[date, ...]  # workdays gone by with the call target not met
    targets_missed: tuple[TargetMissed, ...]
    followups_missed: tuple[DueItem, ...]  # fell due in the month, still overdue at its end
    key_not_touched: tuple[KeyContact, ...]  # no real contact all month

    def to_json(self) -> dict[str, Any]:
        return {
            "days_missed": [d.isoformat() for d in self.days_missed],
            "targets_missed": [t.to_json() for t in self.targets_missed],
            "followups_missed": [i.to_json() for i in self.followups_missed],
            "key_customers_not_touched": [k.to_json() for k in self.key_not_touched],
        }


def went_wrong(
    *,
    first: date,
    last: date,
    done_until: date,
    day_rows: Sequence[DaySummary],
    weeks: Sequence[WeekRow],
    rows: PeriodRows,
    items: Sequence[DueItem],
    visits_per_week: int,
    sales_target: PeriodTarget,
    workdays: Workdays,
    started: date | None = None,
) -> WentWrong:
    """What went wrong in the month ``first``–``last``, counting the days up to ``done_until``
    (the month's end once it is over): workdays under the call target, finished weeks under
    their (prorated) visit target, the sales share when the month is over, follow-ups that fell
    due in the month and were still overdue at ``done_until`` (``items`` as of that day), and
    key customers no real contact reached. A week wholly before ``started`` (the first day
    the store was used) misses nothing; the week it starts in is held to its days from then."""
    from salesplan.core.workdays import prorated_weekly_target

    missed_days = tuple(
        d.day for d in day_rows if d.workday and d.day <= done_until and not d.calls_target_met
    )
    targets: list[TargetMissed] = []
    for w in weeks:
        if w.week.last > done_until or (started is not None and w.week.last < started):
            continue
        since = max(w.week.first, started) if started is not None else w.week.first
        target = prorated_weekly_target(visits_per_week, workdays.count(since, w.week.last))
        if w.visits < target:
            targets.append(TargetMissed("visits", w.week.label, w.visits, target))
    if done_until >= last and sales_target.sales < sales_target.target:
        targets.append(
            TargetMissed("sales", first.strftime("%Y-%m"), sales_target.sales, sales_target.target)
        )
    followups = tuple(i for i in items if first <= i.due <= last and i.overdue_days > 0)
    reached = rows.reached()
    untouched = tuple(k for k in rows.key_contacts if k.id not in reached)
    return WentWrong(missed_days, tuple(targets), followups, untouched)


@dataclass(frozen=True)
class ContactTargets:
    """A period's new contacts and potential customers against their weekly targets, prorated
    by the period's workdays (as the visit target is)."""

    new: int
    new_target: int
    potential: int
    potential_target: int

    @classmethod
    def of(
        cls, totals: Totals, new_per_week: int, potential_per_week: int, workdays: int
    ) -> ContactTargets:
        from salesplan.core.workdays import prorated_weekly_target

        return cls(
            totals.new_contacts,
            prorated_weekly_target(new_per_week, workdays),
            totals.potential_contacts,
            prorated_weekly_target(potential_per_week, workdays),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "new_contacts": {"done": self.new, "target": self.new_target},
            "potential_contacts": {"done": self.potential, "target": self.potential_target},
        }


@dataclass(frozen=True)
class MonthSummary:
    first: date
    last: date
    weeks: tuple[WeekRow, ...]
    totals: Totals
    yearly_target: YearlyTarget
    score: Score | None = None  # only with the attendance_scoring setting on
    sales_target: PeriodTarget | None = None  # the month's share of the yearly target
    went_wrong: WentWrong | None = None
    contacts: ContactTargets | None = None
    # The first day counted: the month's first, or the day the store was first used if later.
    started: date | None = None

    @property
    def label(self) -> str:
        return self.first.strftime("%Y-%m")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "month": self.label,
            "start": self.first.isoformat(),
            "end": self.last.isoformat(),
            "weeks": [w.to_json() for w in self.weeks],
            "totals": self.totals.to_json(),
            "yearly_target": self.yearly_target.to_json(),
            "counted_from": _iso(self.started or self.first),
        }
        if self.contacts is not None:
            out["contacts"] = self.contacts.to_json()
        if self.score is not None:
            out["score"] = self.score.to_json()
        if self.sales_target is not None:
            out["sales_target"] = self.sales_target.to_json()
        if self.went_wrong is not None:
            out["went_wrong"] = self.went_wrong.to_json()
        return out
