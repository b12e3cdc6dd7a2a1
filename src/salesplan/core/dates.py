"""The dates and times users type, weeks, and local/UTC conversion.

Everything here is pure: "today" and "now" are always arguments, never read from a clock.
The grammar is the one in the contract::

    DATE      2026-11-30 | today | tomorrow | yesterday | mon..sun | +3d | -1d | +2w
    TIME      14:00 | 2pm | 2:30pm
    DATETIME  DATE TIME | TIME (today) | 2026-11-30T14:00
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from salesplan.errors import BadInput

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ALIASES = {name[:3]: i for i, name in enumerate(WEEKDAYS)}
_WEEKDAY_ALIASES.update({name: i for i, name in enumerate(WEEKDAYS)})
_WEEKDAY_ALIASES.update({"tues": 1, "thur": 3, "thurs": 3})
_WEEKDAY_ALIASES.update({f"周{c}": i for i, c in enumerate("一二三四五六日")})
_WEEKDAY_ALIASES["周天"] = 6

_NAMED_DAYS = {
    "today": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "今天": 0,
    "明天": 1,
    "昨天": -1,
    "后天": 2,
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_OFFSET = re.compile(r"^([+-])(\d{1,4})([dw])$")
_TIME_24 = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_TIME_12 = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)$")
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")

DATE_HELP = "YYYY-MM-DD, today, tomorrow, yesterday, mon..sun, +3d, -1d or +2w"
TIME_HELP = "14:00, 2pm or 2:30pm"
DATETIME_HELP = (
    f"a DATE ({DATE_HELP}) and a time ({TIME_HELP}), e.g. 'fri 2pm' or '2026-11-30T14:00'"
)


def parse_date(text: str, today: date) -> date:
    """Parse a DATE as users type it, relative to ``today``."""
    raw = text.strip()
    word = raw.lower()
    if word in _NAMED_DAYS:
        return today + timedelta(days=_NAMED_DAYS[word])
    if word in _WEEKDAY_ALIASES:
        # The next such day, today included: "fri" on a Friday is today.
        return today + timedelta(days=(_WEEKDAY_ALIASES[word] - today.weekday()) % 7)
    if m := _OFFSET.match(word):
        sign = 1 if m.group(1) == "+" else -1
        n = int(m.group(2)) * (7 if m.group(3) == "w" else 1)
        try:
            return today + timedelta(days=sign * n)
        except OverflowError:
            pass
    elif m := _ISO_DATE.match(word):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError as exc:
            raise BadInput(f"bad date {text!r}: {exc}; use {DATE_HELP}") from None
    raise BadInput(f"bad date {text!r}: use {DATE_HELP}")


def parse_time(text: str) -> time:
    """Parse a TIME: ``14:00``, ``9:05``, ``2pm``, ``2:30pm``."""
    word = text.strip().lower()
    hour = minute = -1
    if m := _TIME_24.match(word):
        hour, minute = int(m.group(1)), int(m.group(2))
    elif m := _TIME_12.match(word):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if not 1 <= hour <= 12:
            hour = -1
        elif m.group(3) == "pm":
            hour = hour % 12 + 12
        else:
            hour = hour % 12
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return time(hour, minute)
    raise BadInput(f"bad time {text!r}: use {TIME_HELP}")


def looks_like_time(text: str) -> bool:
    word = text.strip().lower()
    return bool(_TIME_24.match(word) or _TIME_12.match(word))


def parse_datetime(text: str, now: datetime, default_time: time | None = None) -> datetime:
    """Parse a DATETIME into a naive local date-time.

    ``default_time`` is used when only a DATE is given; without it a time is required.
    """
    raw = text.strip()
    if raw.lower() in ("now", "现在"):
        return now.replace(second=0, microsecond=0)
    if "T" in raw and _ISO_DATE.match(raw.split("T", 1)[0]):
        day_part, time_part = raw.split("T", 1)
    elif " " in raw:
        day_part, time_part = raw.rsplit(" ", 1)
        if not looks_like_time(time_part) and looks_like_time(raw.split(" ", 1)[-1]):
            day_part, time_part = raw.split(" ", 1)
    elif looks_like_time(raw):
        day_part, time_part = "today", raw
    else:
        day_part, time_part = raw, ""
    try:
        day = parse_date(day_part, now.date())
        if time_part:
            at = parse_time(time_part)
        elif default_time is not None:
            at = default_time
        else:
            raise BadInput("a time is needed")
    except BadInput:
        raise BadInput(f"bad date-time {text!r}: use {DATETIME_HELP}") from None
    return datetime.combine(day, at)


def parse_iso_datetime(text: str) -> datetime:
    """Parse the ``SALESPLAN_NOW`` form, ``2026-11-30T08:05`` (seconds allowed)."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(
            f"bad date-time {text!r}: use ISO local time such as 2026-11-30T08:05"
        ) from None
    return value.replace(tzinfo=None)


def parse_minutes(text: str | int, what: str = "minutes") -> int:
    """A non-negative whole number of minutes."""
    try:
        value = int(str(text).strip())
    except ValueError:
        raise BadInput(f"bad {what} {text!r}: use a whole number of minutes, 0 or more") from None
    if value < 0 or value > 24 * 60:
        raise BadInput(f"bad {what} {text!r}: use a whole number of minutes from 0 to 1440")
    return value


# --- weeks and months -------------------------------------------------------------------


def weekday_index(name: str) -> int:
    key = name.strip().lower()
    if key not in _WEEKDAY_ALIASES:
        raise BadInput(f"bad weekday {name!r}: use {', '.join(WEEKDAYS)}")
    return _WEEKDAY_ALIASES[key]


def week_bounds(day: date, week_start: int = 0) -> tuple[date, date]:
    """First and last day of the week holding ``day``; weeks start on weekday ``week_start``."""
    start = day - timedelta(days=(day.weekday() - week_start) % 7)
    return start, start + timedelta(days=6)


def week_label(start: date) -> str:
    """The ISO week that contains the week's Monday, e.g. ``2026-W49``."""
    monday = start + timedelta(days=(0 - start.weekday()) % 7)
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str, week_start: int = 0) -> date:
    """``2026-W49`` → the first day of that week (the week holding that ISO week's Monday)."""
    m = _ISO_WEEK.match(text.strip())
    if m:
        try:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            monday = None
        if monday is not None:
            return week_bounds(monday, week_start)[0]
    raise BadInput(f"bad week {text!r}: use an ISO week such as 2026-W49")


def parse_month(text: str, today: date) -> date:
    """``2026-11`` (or ``this``/``last``) → the first day of that month."""
    word = text.strip().lower()
    if word in ("this", "current"):
        return today.replace(day=1)
    if word in ("last", "previous"):
        return (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    m = _ISO_MONTH.match(word)
    if m and 1 <= int(m.group(2)) <= 12:
        return date(int(m.group(1)), int(m.group(2)), 1)
    raise BadInput(f"bad month {text!r}: use YYYY-MM such as 2026-11, this or last")


def month_end(first: date) -> date:
    nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt - timedelta(days=1)


def days(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end``, both included."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


# --- local wall-clock time <-> stored UTC instants --------------------------------------


def to_utc(local: datetime, tz: tzinfo) -> datetime:
    """A naive local wall-clock time in ``tz`` → an aware UTC instant."""
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    return local.replace(tzinfo=tz).astimezone(UTC)


def to_local(instant: datetime, tz: tzinfo) -> datetime:
    """An aware instant (naive means UTC) → a naive local wall-clock time in ``tz``."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(tz).replace(tzinfo=None)


def local_day_start(day: date, tz: tzinfo) -> datetime:
    """The UTC instant a local calendar day begins."""
    return to_utc(datetime.combine(day, time()), tz)


def local_day_bounds(first: date, last: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """UTC instants ``[start of first, start of the day after last)`` in local time."""
    return local_day_start(first, tz), local_day_start(last + timedelta(days=1), tz)


def hhmm(value: datetime | time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def iso_minute(value: datetime) -> str:
    """The contract's JSON date-time form: ``2026-12-01T10:00``."""
    return value.strftime("%Y-%m-%dT%H:%M")
