"""A period counted: one summary per day and the totals, from its rows."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from salesplan.core.dates import days
from salesplan.core.money import to_number
from salesplan.core.summary.rows import PeriodRows
from salesplan.core.vocab import REACHED_OUTCOMES
from salesplan.core.workdays import Workdays


@dataclass(frozen=True)
class DaySummary:
    day: date
    calls: int
    reached: int
    visits: int
    emails: int
    meetings: int
    appointments_kept: int
    appointments_cancelled: int
    calls_target_met: bool
    workday: bool = True  # by the work calendar; not part of the JSON
    # Not over yet (today, or a day to come): short of the target is not missed.
    pending: bool = False
    # The day's own call target (half on a half day absent, 0 on a day off); None: the
    # day was built without a calendar.
    call_target: int | None = None

    @property
    def missed(self) -> bool:
        """A workday over with fewer calls than its target."""
        return self.workday and not self.pending and not self.calls_target_met

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "calls": self.calls,
            "reached": self.reached,
            "visits": self.visits,
            "emails": self.emails,
            "meetings": self.meetings,
            "appointments_kept": self.appointments_kept,
            "appointments_cancelled": self.appointments_cancelled,
            "calls_target_met": self.calls_target_met,
            "call_target": self.call_target,
            "workday": self.workday,
        }


MONEY_TOTALS = ("sales", "collections", "expenses")


@dataclass(frozen=True)
class Totals:
    calls: int = 0
    reached: int = 0
    visits: int = 0
    emails: int = 0
    meetings: int = 0
    new_contacts: int = 0
    potential_contacts: int = 0
    appointments_kept: int = 0
    appointments_cancelled: int = 0
    sales: int = 0  # minor units
    collections: int = 0  # minor units
    expenses: int = 0  # minor units
    call_days_met: int = 0
    visited_customers: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            f.name: to_number(getattr(self, f.name))
            if f.name in MONEY_TOTALS
            else getattr(self, f.name)
            for f in fields(self)
        }

    def change_json(self, before: Totals) -> dict[str, Any]:
        """The change from ``before`` to this, as JSON shows it (money as exact as the totals)."""
        return {
            f.name: _change_number(getattr(self, f.name), getattr(before, f.name))
            if f.name in MONEY_TOTALS
            else getattr(self, f.name) - getattr(before, f.name)
            for f in fields(self)
        }

    def minus(self, other: Totals) -> Totals:
        """The change from ``other`` to this, field by field (money exact, in minor units)."""
        return Totals(
            **{f.name: getattr(self, f.name) - getattr(other, f.name) for f in fields(self)}
        )


def _change_number(now: int, before: int) -> int | float:
    """A money change for JSON: as exact as the totals, and a float when either side was not a
    whole amount (as the totals themselves are shown)."""
    value = to_number(now - before)
    if isinstance(value, int) and (now % 100 or before % 100):
        return float(value)
    return value if value is not None else 0


def sum_days(rows: Iterable[DaySummary]) -> tuple[int, int, int, int, int]:
    """(calls, reached, visits, emails, days the call target was met) over ``rows``."""
    rows = list(rows)
    return (
        sum(d.calls for d in rows),
        sum(d.reached for d in rows),
        sum(d.visits for d in rows),
        sum(d.emails for d in rows),
        sum(1 for d in rows if d.calls_target_met),
    )


def totals_for(
    rows: PeriodRows,
    first: date,
    last: date,
    calls_per_day: int,
    workdays: Workdays | None = None,
    today: date | None = None,
) -> tuple[Totals, list[DaySummary]]:
    """The period's totals and one summary per day; ``workdays`` marks the days worked
    (Monday to Friday when not given), ``today`` the days not over yet (from it on)."""
    calendar = workdays if workdays is not None else Workdays()
    per_day: dict[date, Counter[str]] = defaultdict(Counter)
    visited: set[int] = set()
    for a in rows.activities:
        c = per_day[a.day]
        c[a.kind] += 1
        if a.kind == "call" and a.outcome in REACHED_OUTCOMES:
            c["reached"] += 1
        if a.kind == "visit" and a.contact_id is not None:
            visited.add(a.contact_id)
    for day, status in rows.appointments:
        if status == "done":
            per_day[day]["kept"] += 1
        elif status == "cancelled":
            per_day[day]["cancelled"] += 1
    day_rows = []
    for d in days(first, last):
        c = per_day.get(d, Counter())
        # Only a workday has a target to meet: a day off with calls is neither met nor missed
        # (the calls still count), and a half day absent is met at its own half target.
        target = calendar.call_target(d, calls_per_day)
        day_rows.append(
            DaySummary(
                day=d,
                calls=c["call"],
                reached=c["reached"],
                visits=c["visit"],
                emails=c["email"],
                meetings=c["meeting"],
                appointments_kept=c["kept"],
                appointments_cancelled=c["cancelled"],
                calls_target_met=target > 0 and c["call"] >= target,
                workday=calendar.is_workday(d),
                pending=today is not None and d >= today,
                call_target=target,
            )
        )
    totals = Totals(
        calls=sum(d.calls for d in day_rows),
        reached=sum(d.reached for d in day_rows),
        visits=sum(d.visits for d in day_rows),
        emails=sum(d.emails for d in day_rows),
        meetings=sum(d.meetings for d in day_rows),
        new_contacts=len(rows.new_contacts),
        potential_contacts=len(rows.potential),
        appointments_kept=sum(d.appointments_kept for d in day_rows),
        appointments_cancelled=sum(d.appointments_cancelled for d in day_rows),
        sales=sum(w.amount or 0 for w in rows.won),
        collections=sum(p.amount for p in rows.payments),
        expenses=sum(e.amount for e in rows.expenses),
        call_days_met=sum(1 for d in day_rows if d.calls_target_met),
        visited_customers=len(visited),
    )
    return totals, day_rows
