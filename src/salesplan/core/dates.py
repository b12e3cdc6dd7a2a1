"""The dates and times users type, weeks, and local/UTC conversion.

Everything here is pure: "today" and "now" are always arguments, never read from a clock.
The grammar is the one in the contract::

    DATE      2026-11-30 | today | tomorrow | yesterday | mon..sun | +3d | -1d | +2w
    TIME      14:00 | 2pm | 2:30pm
    DATETIME  DATE TIME | TIME (today) | 2026-11-30T14:00

and its Chinese forms, accepted in every language setting::

    DATE      今天 明天 后天 大后天 昨天 前天 | 周三 星期三 礼拜三 | 下周一 本周五 上周二 |
              12月8日 2027年1月5日 | 8号 8日
    TIME      下午2点 14点30 上午10点半 晚上7点15分 下午2:30
    DATETIME  明天下午3点 | 周五 14:00 | 12月8日上午10点
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TypeVar

from salesplan.errors import BadInput
from salesplan.i18n import N_, _, is_chinese

N_("minutes")

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ALIASES = {name[:3]: i for i, name in enumerate(WEEKDAYS)}
_WEEKDAY_ALIASES.update({name: i for i, name in enumerate(WEEKDAYS)})
_WEEKDAY_ALIASES.update({"tues": 1, "thur": 3, "thurs": 3})
_CHINESE_WEEKDAYS = {c: i for i, c in enumerate("一二三四五六日")}
_CHINESE_WEEKDAYS["天"] = 6
_CHINESE_WEEKDAYS.update({str(i + 1): i for i in range(7)})  # 周1 … 周7
for _prefix in ("周", "星期", "礼拜"):
    _WEEKDAY_ALIASES.update({f"{_prefix}{c}": i for c, i in _CHINESE_WEEKDAYS.items()})

_NAMED_DAYS = {
    "today": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "今天": 0,
    "明天": 1,
    "昨天": -1,
    "后天": 2,
    "大后天": 3,
    "前天": -2,
    "大前天": -3,
}
# 下周一: that day of next week (weeks start on Monday, as Chinese calendars print them).
_RELATIVE_WEEKDAY = re.compile(
    r"^(?P<week>下下|下|本|这|上)(?:个)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天1-7])$"
)
_WEEK_OFFSETS = {"下下": 2, "下": 1, "本": 0, "这": 0, "上": -1}
_CHINESE_DATE = re.compile(r"^(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]?$")
_DAY_OF_MONTH = re.compile(r"^(?P<day>\d{1,2})[日号]$")
# 下午2点, 14点30, 上午10点半, 晚上7点15分, 下午2:30, 3点一刻.
_CHINESE_TIME = re.compile(
    r"^(?P<part>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)?\s*(?P<hour>\d{1,2})"
    r"(?:(?:点|时)(?:(?P<half>半)|(?P<quarter>一刻|三刻)|(?P<minute>\d{1,2})分?)?"
    r"|[:：](?P<colon>\d{2}))$"
)
_CHINESE_TIME_TAIL = re.compile(
    r"^(?P<day>.*?)\s*(?P<time>(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)?\s*\d{1,2}"
    r"(?:(?:点|时)(?:半|一刻|三刻|\d{1,2}分?)?|[:：]\d{2}))$"
)
_AFTERNOON = ("下午", "傍晚", "晚上", "夜里")

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_OFFSET = re.compile(r"^([+-])(\d{1,4})([dw])$")
_TIME_24 = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_TIME_12 = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)$")
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_CHINESE_MONTH = re.compile(r"^(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:份)?$")

DATE_HELP = "YYYY-MM-DD, today, tomorrow, yesterday, mon..sun, +3d, -1d or +2w"
TIME_HELP = "14:00, 2pm or 2:30pm"
DATETIME_HELP = (
    f"a DATE ({DATE_HELP}) and a time ({TIME_HELP}), e.g. 'fri 2pm' or '2026-11-30T14:00'"
)
# What the Chinese interface says is accepted (the same grammar, its Chinese forms first).
ZH_DATE_HELP = "今天、明天、后天、周三、下周一、12月8日、8号、2026-12-08、+3d"
ZH_TIME_HELP = "下午2点、14点30、上午10点半、14:00"


def _forms(english: str, chinese: str) -> str:
    return chinese if is_chinese() else english


def date_help() -> str:
    return _forms(DATE_HELP, ZH_DATE_HELP)


def datetime_help() -> str:
    return _forms(
        DATETIME_HELP, f"日期加时间，如 明天下午2点、周五 14:00、{ZH_DATE_HELP} 加 {ZH_TIME_HELP}"
    )


def _next_month_day(day: int, today: date) -> date | None:
    """The next date that is the ``day``-th of a month, today included."""
    year, month = today.year, today.month
    for _step in range(13):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _next_date(month: int, day: int, today: date) -> date | None:
    """The next ``month``/``day``, today included (29 February waits for a leap year)."""
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def _parse_chinese_date(raw: str, today: date) -> date | None:
    if m := _RELATIVE_WEEKDAY.match(raw):
        monday = today - timedelta(days=today.weekday())
        weeks = _WEEK_OFFSETS[m["week"]]
        return monday + timedelta(days=7 * weeks + _CHINESE_WEEKDAYS[m["day"]])
    if m := _CHINESE_DATE.match(raw):
        month, day = int(m["month"]), int(m["day"])
        if m["year"]:
            try:
                return date(int(m["year"]), month, day)
            except ValueError:
                return None
        return _next_date(month, day, today) if 1 <= month <= 12 else None
    if m := _DAY_OF_MONTH.match(raw):
        day = int(m["day"])
        return _next_month_day(day, today) if 1 <= day <= 31 else None
    return None


# Every date a user types (and SALESPLAN_NOW) must fall in this range: wide enough for any
# sales history and plan, narrow enough that a week, a month or a time zone around it never
# leaves what Python's dates can hold.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
_Parsed = TypeVar("_Parsed", date, datetime)


class OutOfRange(BadInput):
    """A date that parsed but falls outside FIRST_DAY..LAST_DAY."""

    def __init__(self, text: str) -> None:
        super().__init__(
            _("bad date {text}: dates from {first} to {last} are accepted").format(
                text=repr(text), first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()
            )
        )


def _in_range(parse: Callable[..., _Parsed]) -> Callable[..., _Parsed]:
    """Refuse (BadInput) a parsed date outside FIRST_DAY..LAST_DAY, or one past Python's."""

    @functools.wraps(parse)
    def checked(text: str, *args: object, **kwargs: object) -> _Parsed:
        try:
            value = parse(text, *args, **kwargs)
        except OverflowError:
            raise OutOfRange(text) from None
        day = value.date() if isinstance(value, datetime) else value
        if not FIRST_DAY <= day <= LAST_DAY:
            raise OutOfRange(text)
        return value

    return checked


@_in_range
def parse_date(text: str, today: date) -> date:
    """Parse a DATE as users type it, relative to ``today``."""
    raw = text.strip()
    word = raw.lower()
    if word in _NAMED_DAYS:
        return today + timedelta(days=_NAMED_DAYS[word])
    if word in _WEEKDAY_ALIASES:
        # The next such day, today included: "fri" on a Friday is today.
        return today + timedelta(days=(_WEEKDAY_ALIASES[word] - today.weekday()) % 7)
    chinese = _parse_chinese_date(raw, today)
    if chinese is not None:
        return chinese
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
            raise BadInput(
                _("bad date {text}: {problem}; use {forms}").format(
                    text=repr(text),
                    problem=_("that day does not exist") if is_chinese() else str(exc),
                    forms=date_help(),
                )
            ) from None
    raise BadInput(_("bad date {text}: use {forms}").format(text=repr(text), forms=date_help()))


def _parse_chinese_time(word: str) -> tuple[int, int]:
    m = _CHINESE_TIME.match(word)
    if not m:
        return -1, -1
    hour = int(m["hour"])
    if m["half"]:
        minute = 30
    elif m["quarter"]:
        minute = 15 if m["quarter"] == "一刻" else 45
    else:
        minute = int(m["minute"] or m["colon"] or 0)
    part = m["part"]
    if part in _AFTERNOON and 1 <= hour <= 11:
        hour += 12
    elif part == "中午" and 1 <= hour <= 2:
        hour += 12
    elif part in ("凌晨", "早上", "早晨", "上午") and hour == 12:
        hour = 0 if part == "凌晨" else hour
    elif part and hour > 12 and part not in _AFTERNOON and part != "中午":
        hour = -1  # 上午14点 says two different things
    return hour, minute


def parse_time(text: str) -> time:
    """Parse a TIME: ``14:00``, ``9:05``, ``2pm``, ``2:30pm``, ``下午2点``, ``14点30``."""
    word = text.strip().lower()
    hour = minute = -1
    if _CHINESE_TIME.match(word):
        hour, minute = _parse_chinese_time(word)
    elif m := _TIME_24.match(word):
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
    raise BadInput(
        _("bad time {text}: use {forms}").format(
            text=repr(text), forms=_forms(TIME_HELP, ZH_TIME_HELP)
        )
    )


def looks_like_time(text: str) -> bool:
    word = text.strip().lower()
    return bool(_TIME_24.match(word) or _TIME_12.match(word) or _CHINESE_TIME.match(word))


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
    elif m := _CHINESE_TIME_TAIL.match(raw):
        # 明天下午3点: the day and the time written together.
        day_part, time_part = m["day"].strip() or "today", m["time"]
    else:
        day_part, time_part = raw, ""
    try:
        day = parse_date(day_part, now.date())
        if time_part:
            at = parse_time(time_part)
        elif default_time is not None:
            at = default_time
        else:
            raise BadInput(_("a time is needed"))
    except OutOfRange:
        raise BadInput(
            _("bad date-time {text}: dates from {first} to {last} are accepted").format(
                text=repr(text), first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()
            )
        ) from None
    except BadInput:
        raise BadInput(
            _("bad date-time {text}: use {forms}").format(text=repr(text), forms=datetime_help())
        ) from None
    return datetime.combine(day, at)


@_in_range
def parse_iso_datetime(text: str) -> datetime:
    """Parse the ``SALESPLAN_NOW`` form, ``2026-11-30T08:05`` (seconds allowed)."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(
            _("bad date-time {text}: use ISO local time such as 2026-11-30T08:05").format(
                text=repr(text)
            )
        ) from None
    return value.replace(tzinfo=None)


def parse_minutes(text: str | int, what: str = "minutes") -> int:
    """A non-negative whole number of minutes."""
    try:
        value = int(str(text).strip())
    except ValueError:
        raise BadInput(
            _("bad {what} {text}: use a whole number of minutes, 0 or more").format(
                what=_(what), text=repr(text)
            )
        ) from None
    if value < 0 or value > 24 * 60:
        raise BadInput(
            _("bad {what} {text}: use a whole number of minutes from 0 to 1440").format(
                what=_(what), text=repr(text)
            )
        )
    return value


# --- weeks and months -------------------------------------------------------------------


def weekday_index(name: str) -> int:
    key = name.strip().lower()
    if key not in _WEEKDAY_ALIASES:
        raise BadInput(
            _("bad weekday {text}: use {forms}").format(
                text=repr(name), forms=_forms(", ".join(WEEKDAYS), "周一、周二……周日")
            )
        )
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


@_in_range
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
    raise BadInput(_("bad week {text}: use an ISO week such as 2026-W49").format(text=repr(text)))


@_in_range
def parse_month(text: str, today: date) -> date:
    """``2026-11`` (or ``this``/``last``) → the first day of that month."""
    word = text.strip().lower()
    if word in ("this", "current", "本月", "这个月"):
        return today.replace(day=1)
    if word in ("last", "previous", "上月", "上个月"):
        return (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    if m := _CHINESE_MONTH.match(word):
        if 1 <= int(m["month"]) <= 12:
            return date(int(m["year"] or today.year), int(m["month"]), 1)
    m = _ISO_MONTH.match(word)
    if m and 1 <= int(m.group(2)) <= 12:
        return date(int(m.group(1)), int(m.group(2)), 1)
    raise BadInput(
        _("bad month {text}: use YYYY-MM such as 2026-11, this or last").format(text=repr(text))
    )


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
