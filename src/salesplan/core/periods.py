"""Weeks, months and years as spans of dates: which weeks a month holds, the weeks around a
week, how much of a year has gone. Pure: every "today" is an argument. Which days are worked is
the work calendar's (core/workdays.py).

Everything is computed on ``date`` objects, never by comparing ISO strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from salesplan.core.dates import month_end, week_bounds, week_label
from salesplan.core.workdays import Workdays


@dataclass(frozen=True)
class MonthWeek:
    """One week as a month sees it: the whole week names it, the month clips it."""

    week_start: date  # the first day of the whole week (it may fall in the month before)
    first: date  # the first day of the week inside the month
    last: date  # the last day of the week inside the month

    @property
    def label(self) -> str:
        return week_label(self.week_start)

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last


def weeks_of_month(first: date, week_start: int = 0) -> list[MonthWeek]:
    """Every week that has a day in the month starting on ``first``, clipped to the month."""
    last = month_end(first)
    out = []
    start = week_bounds(first, week_start)[0]
    while start <= last:
        end = start + timedelta(days=6)
        out.append(MonthWeek(start, max(start, first), min(end, last)))
        start += timedelta(days=7)
    return out


def previous_week(start: date) -> tuple[date, date]:
    """The week before the one starting on ``start``."""
    return start - timedelta(days=7), start - timedelta(days=1)


def next_week(end: date) -> tuple[date, date]:
    """The week after the one ending on ``end``."""
    return end + timedelta(days=1), end + timedelta(days=7)


def days_in_year(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


def year_elapsed_share(year: int, until: date, today: date) -> float:
    """The share of ``year`` gone by ``today``, counted no further than ``until``; both days
    included, so the year's first day is one day gone. Rounded to four places."""
    year_start = date(year, 1, 1)
    if today < year_start:
        return 0.0
    elapsed = (min(until, today) - year_start).days + 1
    return round(max(0, elapsed) / days_in_year(year), 4)


def sales_target_share(yearly: int, first: date, last: date, workdays: Workdays) -> int:
    """The part of the yearly sales target (minor units) that falls on ``[first, last]``: the
    year's target split over its workdays, so a week of National Day carries little and a week
    with a 调休 Saturday a sixth more. A span across New Year takes from both years."""
    share = Fraction(0)
    day = first
    while day <= last:
        year_last = min(last, date(day.year, 12, 31))
        in_year = workdays.count(date(day.year, 1, 1), date(day.year, 12, 31))
        if in_year:
            share += Fraction(yearly * workdays.count(day, year_last), in_year)
        day = year_last + timedelta(days=1)
    return round(share)
