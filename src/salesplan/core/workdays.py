"""The workday calendar every target, cadence and "missed" day follows.

Each year has one source, under the user's own days (``workday set D work|off`` wins over
everything):

- ``notice``: the State Council's notice for that year, as the user imported it
  (``workday import``): its holidays off, its 调休 make-up days on;
- ``official``: the packaged official schedule (the ``chinesecalendar`` package: official
  announcements only, never guessed years), holidays off and make-up days on;
- ``statutory``: for a year not yet announced, the days the law fixes (``core.statutory``:
  元旦, 春节 除夕–初三, 清明, 劳动节 May 1–2, 端午, 中秋, 国庆 Oct 1–3) off, and no make-up day;
- else Monday to Friday.

With the setting ``holidays`` = ``none`` every year is Monday to Friday plus the user's days.
A ``statutory`` year (or one past the statutory data) is a guess: the calendar remembers each
such year it was asked about (``guessed_years``), so the caller says so once. The official
data is imported when a calendar is first built, never at module import, and its dictionaries
are used as they are, without copying. Pure: no clock, no I/O beyond importing that data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache

HOLIDAY_CALENDARS = ("cn", "none")
# An absence: the whole day, or the half of it away.
ABSENCE_PARTS = ("day", "morning", "afternoon")
HALF_DAY_PARTS = ("morning", "afternoon")
# Where a day's status comes from (``workday list --json`` "source"); the last two are guesses.
SOURCES = ("own", "notice", "official", "statutory", "weekdays")
GUESSED_SOURCES = frozenset({"statutory", "weekdays"})
# The last year the packaged official data may be taken for (None: every year it holds).
# Tests set it to pretend the package stops earlier, as an older release would.
OFFICIAL_UNTIL: int | None = None

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
    # Imported notices: the days each lists (True = a make-up workday, False = off), and the
    # years they are the notices of (a listed day may fall in the year before, 12-31 of 元旦).
    notice_days: Mapping[date, bool] = field(default_factory=dict)
    notice_years: frozenset[int] = frozenset()
    # The guessed years asked about so far (filled as days are looked up; not part of equality).
    seen_guesses: set[int] = field(default_factory=set, compare=False, repr=False)
    _sources: dict[int, str] = field(default_factory=dict, compare=False, repr=False)
    # Each day's answer once found: the rules ask about the same days thousands of times.
    _known: dict[date, bool] = field(default_factory=dict, init=False, compare=False, repr=False)

    def is_workday(self, day: date) -> bool:
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self.absences.get(day) != "day" and self.scheduled(day)
        return known

    def scheduled(self, day: date) -> bool:
        """Whether the calendar has ``day`` worked, absences aside: only such a day can be
        absent, or cost attendance."""
        own = self.overrides.get(day)
        if own is not None:
            return own
        return self._calendar_says(day)

    def _calendar_says(self, day: date) -> bool:
        listed = self.notice_days.get(day)
        if listed is not None:
            return listed
        source = self.year_source(day.year)
        if source == "official":
            if day in self.official_on:
                return True
            if day in self.official_off:
                return False
        elif source == "statutory":
            if day in statutory_days(day.year):
                return False
        return day.weekday() < 5

    def year_source(self, year: int) -> str:
        """Where ``year``'s days come from: ``notice``, ``official``, ``statutory`` or
        ``weekdays`` (Monday to Friday). Asking about a guessed year remembers it."""
        source = self._sources.get(year)
        if source is None:
            source = self._sources[year] = self._find_source(year)
        if source in GUESSED_SOURCES and self.region == "cn":
            self.seen_guesses.add(year)
        return source

    def _find_source(self, year: int) -> str:
        if self.region != "cn":
            return "weekdays"
        if year in self.notice_years:
            return "notice"
        if self.knows(year):
            return "official"
        if year in _statutory_years():
            return "statutory"
        return "weekdays"

    def is_guessed(self, year: int) -> bool:
        """Whether ``year``'s holidays are a guess: no notice and no official schedule (only
        with the China calendar; Monday to Friday by choice is no guess)."""
        return self.region == "cn" and self.year_source(year) in GUESSED_SOURCES

    def guessed_years(self) -> list[int]:
        """The guessed years asked about so far, in order."""
        return sorted(self.seen_guesses)

    def source(self, day: date) -> str:
        """Where ``day``'s status comes from: ``own`` (the user's own day or absence),
        ``notice``, ``official``, ``statutory`` or ``weekdays``."""
        if day in self.overrides or self.absences.get(day) == "day":
            return "own"
        if day in self.notice_days:
            return "notice"
        return self.year_source(day.year)

    def knows(self, year: int) -> bool:
        """Whether the official calendar covers ``year`` (False with no official calendar)."""
        span = self.official_years
        return span is not None and span[0] <= year <= span[1]

    def unknown_years(self, first: date, last: date) -> list[int]:
        """Guessed years in ``[first, last]`` (remembered as asked about)."""
        return [y for y in range(first.year, last.year + 1) if self.is_guessed(y)]

    def kind(self, day: date) -> str:
        """Why the day is what it is: ``workday``, ``weekend``, ``holiday``, ``makeup``
        (an official 调休 workday), ``own-work`` or ``own-off`` (the user's overrides), or
        ``absent`` (a whole day absent)."""
        if self.absences.get(day) == "day":
            return "absent"
        own = self.overrides.get(day)
        if own is not None:
            return "own-work" if own else "own-off"
        worked, weekday = self._calendar_says(day), day.weekday() < 5
        if worked != weekday:
            return "makeup" if worked else "holiday"
        if not worked and self._listed_off(day):
            return "holiday"  # a holiday on a weekend (春节 on a Sunday) is still one
        return "workday" if weekday else "weekend"

    def _listed_off(self, day: date) -> bool:
        if day in self.notice_days:
            return not self.notice_days[day]
        source = self.year_source(day.year)
        if source == "official":
            return day in self.official_off
        return source == "statutory" and day in statutory_days(day.year)

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
    notices: Iterable[tuple[int, date, bool]] = (),
    official_until: int | None = None,
) -> Workdays:
    """The calendar for ``region`` (``cn`` or ``none``) with the user's overrides, absences
    (``day``, ``morning`` or ``afternoon`` by date) and imported notices (``(year, day,
    worked)`` rows). ``official_until`` (default ``OFFICIAL_UNTIL``) caps the years the
    packaged official data is taken for."""
    own = dict(overrides or {})
    away = dict(absences or {})
    if region != "cn":
        return Workdays(overrides=own, region="none", absences=away)
    off, on, (first, last) = _china_official()
    cap = OFFICIAL_UNTIL if official_until is None else official_until
    years = (first, min(last, cap) if cap is not None else last)
    listed: dict[date, bool] = {}
    notice_years: set[int] = set()
    for year, day, worked in notices:
        listed[day] = worked
        notice_years.add(year)
    return Workdays(off, on, years, own, "cn", away, listed, frozenset(notice_years))


def _china_official() -> tuple[Mapping[date, object], Mapping[date, object], tuple[int, int]]:
    # The package's own lookups raise for a year they do not know; its data tables do not.
    from chinese_calendar import constants

    off = constants.holidays
    return off, constants.workdays, (min(off).year, max(off).year)


@cache
def _statutory_years() -> range:
    from salesplan.core import statutory

    return range(statutory.FIRST_YEAR, statutory.LAST_YEAR + 1)


@lru_cache(maxsize=64)
def statutory_days(year: int) -> frozenset[date]:
    """The days off the law fixes in ``year`` (empty outside the statutory data)."""
    from salesplan.core import statutory

    return frozenset(date(year, md // 100, md % 100) for md in statutory.DAYS.get(year, ()))


def prorated_weekly_target(per_week: int, workdays: int) -> int:
    """A weekly target (visits, new contacts, potential customers) prorated by the workdays
    of the period: per week × workdays / 5, rounded half up (20 × 3 / 5 = 12, 20 × 1 / 5 = 4)."""
    return (per_week * workdays * 2 + 5) // 10
