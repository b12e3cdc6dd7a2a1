"""The workday calendar every target, cadence and "missed" day follows.

A day is a workday when the user said so (``workday set D work|off`` wins over everything),
else when the official calendar says so (``holidays`` = ``cn``: China's public holidays off,
the 调休 make-up Saturdays and Sundays on), else when it is Monday to Friday.

The official dates come from the ``chinesecalendar`` package: plain Python data, official
announcements only (no guessed future years). It is imported when a calendar is first built,
never at module import, and its dictionaries are used as they are, without copying. A year it
does not know falls back to Monday–Friday plus the overrides; ``unknown_years`` tells the
caller, who says so once. Pure: no clock, no I/O beyond importing that data module.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

HOLIDAY_CALENDARS = ("cn", "none")
# An absence: the whole day, or the half of it away.
ABSENCE_PARTS = ("day", "morning", "afternoon")
HALF_DAY_PARTS = ("morning", "afternoon")

# The IANA zones of mainland China (not Hong Kong, Macau or Taiwan, which keep other holidays).
MAINLAND_CHINA_ZONES = frozenset(
    {
        "Asia/Shanghai",
        "Asia/Chongqing",
        "Asia/Chungking",
        "Asia/Harbin",
        "Asia/Urumqi",
        "Asia/Kashgar",
        "PRC",
    }
)


def default_holidays(zone_name: str | None) -> str:
    """``cn`` for a mainland-China time zone, else ``none``."""
    return "cn" if zone_name in MAINLAND_CHINA_ZONES else "none"


@dataclass(frozen=True)
class Workdays:
    """Which days are worked. Build with :func:`build_workdays`; plain Monday–Friday by default."""

    # Official days off that would otherwise be worked, and official make-up workdays.
    official_off: Mapping[date, object] = field(default_factory=dict)
    official_on: Mapping[date, object] = field(default_factory=dict)
    # The years the official data covers, as (first, last); None: no official calendar.
    official_years: tuple[int, int] | None = None
    # The user's own days: True = worked, False = off.
    overrides: Mapping[date, bool] = field(default_factory=dict)
    region: str = "none"
    # The person's absences: a whole day (``day``) or half of one (``morning``/``afternoon``).
    # A whole day absent is not worked (no targets, not a missed day); a half day halves the
    # day's call target.
    absences: Mapping[date, str] = field(default_factory=dict)

    def is_workday(self, day: date) -> bool:
        return self.absences.get(day) != "day" and self.scheduled(day)

    def scheduled(self, day: date) -> bool:
        """Whether the calendar has ``day`` worked, absences aside: only such a day can be
        absent, or cost attendance."""
        own = self.overrides.get(day)
        if own is not None:
            return own
        if self.knows(day.year):
            if day in self.official_on:
                return True
            if day in self.official_off:
                return False
        return day.weekday() < 5

    def knows(self, year: int) -> bool:
        """Whether the official calendar covers ``year`` (False with no official calendar)."""
        span = self.official_years
        return span is not None and span[0] <= year <= span[1]

    def unknown_years(self, first: date, last: date) -> list[int]:
        """Years in ``[first, last]`` the chosen official calendar does not cover."""
        if self.official_years is None:
            return []
        return [y for y in range(first.year, last.year + 1) if not self.knows(y)]

    def kind(self, day: date) -> str:
        """Why the day is what it is: ``workday``, ``weekend``, ``holiday``, ``makeup``
        (an official 调休 workday), ``own-work`` or ``own-off`` (the user's overrides), or
        ``absent`` (a whole day absent)."""
        if self.absences.get(day) == "day":
            return "absent"
        own = self.overrides.get(day)
        if own is not None:
            return "own-work" if own else "own-off"
        if self.knows(day.year):
            if day in self.official_on:
                return "makeup"
            if day in self.official_off:
                return "holiday"
        return "workday" if day.weekday() < 5 else "weekend"

    def half_absent(self, day: date) -> str | None:
        """``morning`` or ``afternoon`` when half of a worked ``day`` is absent, else None."""
        part = self.absences.get(day)
        return part if part in HALF_DAY_PARTS and self.is_workday(day) else None

    def call_target(self, day: date, per_day: int) -> int:
        """The day's call target: ``per_day`` on a workday, half of it (rounded up) on a half
        day absent, none on a day off or a day absent."""
        if not self.is_workday(day):
            return 0
        return (per_day + 1) // 2 if self.half_absent(day) else per_day

    def on_or_after(self, day: date) -> date:
        """``day`` if it is worked, else the next workday (a cadence moves forward)."""
        return self._walk(day, 1)

    def on_or_before(self, day: date) -> date:
        """``day`` if it is worked, else the workday before (a deadline moves earlier)."""
        return self._walk(day, -1)

    def next_workday(self, day: date) -> date:
        """The first workday strictly after ``day``."""
        return self._walk(day + timedelta(days=1), 1)

    def _walk(self, day: date, step: int) -> date:
        probe = day
        # A calendar with no workday at all would loop forever; a year is far more than any
        # real run of days off (the longest official one is nine).
        for _ in range(366):
            if self.is_workday(probe):
                return probe
            probe += timedelta(days=step)
        return day

    def days_late(self, deadline: date, as_of: date) -> int:
        """How late something due by ``deadline`` is on ``as_of``, in workdays: the workdays
        after the deadline up to and including ``as_of`` (a Thursday deadline is 1 day late
        on Monday after a weekend, and 0 on the Sunday; a holiday in between costs nothing)."""
        if as_of <= deadline:
            return 0
        return self.count(deadline + timedelta(days=1), as_of)

    def workdays_in(self, first: date, last: date) -> list[date]:
        """The workdays in ``[first, last]``, in order."""
        return [d for d in _days(first, last) if self.is_workday(d)]

    def count(self, first: date, last: date) -> int:
        return len(self.workdays_in(first, last))


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def build_workdays(
    region: str,
    overrides: Mapping[date, bool] | None = None,
    absences: Mapping[date, str] | None = None,
) -> Workdays:
    """The calendar for ``region`` (``cn`` or ``none``) with the user's overrides and
    absences (``day``, ``morning`` or ``afternoon`` by date)."""
    own = dict(overrides or {})
    away = dict(absences or {})
    if region != "cn":
        return Workdays(overrides=own, region="none", absences=away)
    off, on, years = _china_official()
    return Workdays(off, on, years, own, "cn", away)


def _china_official() -> tuple[Mapping[date, object], Mapping[date, object], tuple[int, int]]:
    # The package's own lookups raise for a year they do not know; its data tables do not.
    from chinese_calendar import constants

    off = constants.holidays
    return off, constants.workdays, (min(off).year, max(off).year)


def prorated_weekly_target(per_week: int, workdays: int) -> int:
    """A weekly target (visits, new contacts, potential customers) prorated by the workdays
    of the period: per week × workdays / 5, rounded half up (20 × 3 / 5 = 12, 20 × 1 / 5 = 4)."""
    return (per_week * workdays * 2 + 5) // 10
