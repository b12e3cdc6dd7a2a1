"""The dates and times users type, weeks and months.

A time of day alone is read in core/typed_time.py, local/UTC conversion and the written forms
of a time are core/local_time.py's; both are named here too, as every caller imports them
from here.

Everything here is pure: "today" and "now" are always arguments, never read from a clock.
The grammar is the one in the contract::

    DATE      2026-11-30 | today | tomorrow | yesterday | mon..sun | +3d | -1d | +2w
    TIME      14:00 | 2pm | 2:30pm
    DATETIME  DATE TIME | TIME (today) | 2026-11-30T14:00

and its Chinese forms, accepted in every language setting::

    DATE      今天 明天 后天 大后天 昨天 前天 | 周三 星期三 礼拜三 | 下周一 本周五 上周二 |
              12月8日 2027年1月5日 | 8号 8日
    TIME      下午2点 14点30 上午10点半 晚上7点15分 下午2:30 | 两点 三点半 十点一刻 八点十五 |
              with a part of the day: 凌晨 早上 上午 中午 下午 傍晚 晚上 夜里 …
    DATETIME  明天下午3点 | 周五 14:00 | 12月8日上午10点半 | 今晚7点 明早9点 (今天晚上, 明天早上)
    WEEK      2026-W50 | this next last | 本周 上周 下周 | 第50周 | 2026年第50周 | a DATE in it
    MONTH     2026-11 | this last next | 本月 上月 下月 | 11月 | 2026年11月 | nov

A form that names a day that comes round again (a weekday, ``8号``, ``12月18日``) is the next
such day, today included; given ``past=True`` (a moment that already happened: the ``--at``
of ``log``) it is the latest such day not after today. Weeks and months named by number
(``第50周``, ``11月``) follow the same direction.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from salesplan.core.local_time import hhmm as hhmm
from salesplan.core.local_time import iso_minute as iso_minute
from salesplan.core.local_time import local_day_bounds as local_day_bounds
from salesplan.core.local_time import local_day_start as local_day_start
from salesplan.core.local_time import to_local as to_local
from salesplan.core.local_time import to_utc as to_utc
from salesplan.core.local_time import weekday_short as weekday_short
from salesplan.core.typed_time import TIME_HELP, ZH_TIME_HELP, looks_like_time, with_day_part
from salesplan.core.typed_time import parse_time as parse_time
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

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_OFFSET = re.compile(r"^([+-])(\d{1,4})([dw])$")
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_NUMBERED_WEEK = re.compile(
    r"^(?:(?P<year>\d{4})\s*年\s*)?第\s*(?P<week>\d{1,2})\s*周$|^w(?P<bare>\d{1,2})$",
    re.IGNORECASE,
)
_ISO_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")
_CHINESE_MONTH = re.compile(r"^(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:份)?$")
# Weeks and months named from this one: 上周 is the week before this one.
_WEEK_WORDS = {
    **dict.fromkeys(("this", "current", "this week", "本周", "这周", "这个星期", "这星期"), 0),
    **dict.fromkeys(("本星期", "这礼拜", "本礼拜"), 0),
    **dict.fromkeys(("last", "previous", "last week", "上周", "上个星期", "上星期", "上礼拜"), -1),
    **dict.fromkeys(("next", "next week", "下周", "下个星期", "下星期", "下礼拜"), 1),
    "上上周": -2,
    "下下周": 2,
}
_MONTH_WORDS = {
    **dict.fromkeys(("this", "current", "this month", "本月", "这个月", "这月"), 0),
    **dict.fromkeys(("last", "previous", "last month", "上月", "上个月"), -1),
    **dict.fromkeys(("next", "next month", "下月", "下个月"), 1),
}
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ALIASES = {name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)}
_MONTH_ALIASES.update({name: i + 1 for i, name in enumerate(_MONTH_NAMES)})
_MONTH_ALIASES["sept"] = 9

DATE_HELP = "YYYY-MM-DD, today, tomorrow, yesterday, mon..sun, +3d, -1d or +2w"
DATETIME_HELP = (
    f"a DATE ({DATE_HELP}) and a time ({TIME_HELP}), e.g. 'fri 2pm' or '2026-11-30T14:00'"
)
# What the Chinese interface says is accepted (the same grammar, its Chinese forms first).
ZH_DATE_HELP = "今天、明天、后天、周三、下周一、12月8日、8号、2026-12-08、+3d"
WEEK_HELP = "this, next, last, an ISO week such as 2026-W49, or a DATE in the week"
ZH_WEEK_HELP = "本周、上周、下周、第50周、2026年第50周、2026-W50 或该周中的某天"
MONTH_HELP = "YYYY-MM such as 2026-11, this, last, next or a month's name (nov)"
ZH_MONTH_HELP = "本月、上月、下月、11月、2026年11月 或 2026-11"


def _forms(english: str, chinese: str) -> str:
    return chinese if is_chinese() else english


def date_help() -> str:
    return _forms(DATE_HELP, ZH_DATE_HELP)


def datetime_help() -> str:
    return _forms(
        DATETIME_HELP, f"日期加时间，如 明天下午2点、周五 14:00、{ZH_DATE_HELP} 加 {ZH_TIME_HELP}"
    )


# --- days that come round again --------------------------------------------------------------
# A weekday, a day of the month or a day of the year names a day that recurs: each such form
# gives the candidates around today in the direction asked (+1 onward, -1 back), nearest
# first; the first on the right side of today (today included) is the day meant.

Candidates = Callable[[date, int], Iterator[date]]


def _weekday_candidates(index: int) -> Candidates:
    def candidates(today: date, step: int) -> Iterator[date]:
        this_week = today + timedelta(days=index - today.weekday())
        yield this_week
        yield this_week + timedelta(days=7 * step)

    return candidates


def _month_day_candidates(day: int) -> Candidates:
    def candidates(today: date, step: int) -> Iterator[date]:
        year, month = today.year, today.month
        for _i in range(13):
            try:
                yield date(year, month, day)
            except ValueError:
                pass
            month += step
            if month in (0, 13):
                year, month = year + step, 12 if month == 0 else 1

    return candidates


def _year_day_candidates(month: int, day: int) -> Candidates:
    """29 February waits (or looks back) up to eight years for a leap year."""

    def candidates(today: date, step: int) -> Iterator[date]:
        for i in range(9):
            try:
                yield date(today.year + step * i, month, day)
            except ValueError:
                continue

    return candidates


def _recurring(word: str, raw: str) -> Candidates | None:
    """The candidates of a form that names a recurring day, or None for any other form."""
    if word in _WEEKDAY_ALIASES:
        return _weekday_candidates(_WEEKDAY_ALIASES[word])
    if (m := _CHINESE_DATE.match(raw)) and not m["year"]:
        month, day = int(m["month"]), int(m["day"])
        return _year_day_candidates(month, day) if 1 <= month <= 12 else None
    if m := _DAY_OF_MONTH.match(raw):
        day = int(m["day"])
        return _month_day_candidates(day) if 1 <= day <= 31 else None
    return None


def occurrence(candidates: Iterable[date], today: date, past: bool) -> date | None:
    """The first candidate not before today (``past``: not after today)."""
    for candidate in candidates:
        if (candidate <= today) if past else (candidate >= today):
            return candidate
    return None


def _parse_chinese_date(raw: str) -> Callable[[date], date | None] | None:
    """A Chinese form that names one day whatever the direction: 下周一, 2027年1月5日."""
    if m := _RELATIVE_WEEKDAY.match(raw):
        weeks = _WEEK_OFFSETS[m["week"]]
        day = _CHINESE_WEEKDAYS[m["day"]]
        return lambda today: today + timedelta(days=7 * weeks + day - today.weekday())
    if (m := _CHINESE_DATE.match(raw)) and m["year"]:
        try:
            fixed = date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError:
            return lambda _today: None
        return lambda _today: fixed
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


def _resolve_date(text: str, today: date, past: bool) -> tuple[date, bool]:
    """The day ``text`` names, and whether it is a recurring form (a weekday, 8号, 12月8日)."""
    raw = text.strip()
    word = raw.lower()
    if word in _NAMED_DAYS:
        return today + timedelta(days=_NAMED_DAYS[word]), False
    recurring = _recurring(word, raw)
    if recurring is not None:
        found = occurrence(recurring(today, -1 if past else 1), today, past)
        if found is not None:
            return found, True
        raise BadInput(_("bad date {text}: use {forms}").format(text=repr(text), forms=date_help()))
    fixed = _parse_chinese_date(raw)
    if fixed is not None:
        one = fixed(today)
        if one is not None:
            return one, False
    elif m := _OFFSET.match(word):
        sign = 1 if m.group(1) == "+" else -1
        n = int(m.group(2)) * (7 if m.group(3) == "w" else 1)
        try:
            return today + timedelta(days=sign * n), False
        except OverflowError:
            pass
    elif m := _ISO_DATE.match(word):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), False
        except ValueError as exc:
            raise BadInput(
                _("bad date {text}: {problem}; use {forms}").format(
                    text=repr(text),
                    problem=_("that day does not exist") if is_chinese() else str(exc),
                    forms=date_help(),
                )
            ) from None
    raise BadInput(_("bad date {text}: use {forms}").format(text=repr(text), forms=date_help()))


@_in_range
def parse_date(text: str, today: date, *, past: bool = False) -> date:
    """Parse a DATE as users type it, relative to ``today``. A recurring form (``fri``, ``周四``,
    ``8号``, ``12月18日``) is the next such day, today included; with ``past`` the latest such
    day not after today."""
    return _resolve_date(text, today, past)[0]


def _day_time_splits(raw: str) -> Iterator[tuple[str, str]]:
    """The ways to read ``raw`` as a DATE then a TIME, most likely first: the whole of it a
    time (today), at a space (the last first: 'fri 2:30 pm'), then written together
    (明天下午3点, 周二十点 — the shortest day first)."""
    yield "today", raw
    spaces = [i for i, c in enumerate(raw) if c == " "]
    for i in reversed(spaces):
        yield raw[:i].strip(), raw[i + 1 :].strip()
    for i in range(1, len(raw)):
        if raw[i - 1] != " " and raw[i] != " ":
            yield raw[:i], raw[i:]


def _split_datetime(raw: str, today: date, past: bool) -> tuple[str, time | None]:
    """The DATE text of ``raw`` and its TIME (None when there is none)."""
    if "T" in raw and _ISO_DATE.match(raw.split("T", 1)[0]):
        day_text, time_text = raw.split("T", 1)
        return day_text, parse_time(time_text)
    for day_text, time_text in _day_time_splits(raw):
        if not day_text or not looks_like_time(time_text):
            continue
        try:
            at = parse_time(time_text)
            _resolve_date(day_text, today, past)
        except BadInput:
            continue
        return day_text, at
    return raw, None


def parse_datetime(
    text: str, now: datetime, default_time: time | None = None, *, past: bool = False
) -> datetime:
    """Parse a DATETIME into a naive local date-time.

    ``default_time`` is used when only a DATE is given; without it a time is required. With
    ``past`` a recurring day is the latest such moment not after ``now``: ``周一 下午2点``
    typed on a Monday morning is last Monday's afternoon.
    """
    raw = with_day_part(text.strip())
    if raw.lower() in ("now", "现在"):
        return now.replace(second=0, microsecond=0)
    try:
        day_text, at = _split_datetime(raw, now.date(), past)
        day, recurring = _resolve_date(day_text, now.date(), past)
        if at is None:
            if default_time is None:
                raise BadInput(_("a time is needed"))
            at = default_time
        if past and recurring and datetime.combine(day, at) > now:
            # The latest such day is today, but not yet this late: the one before it.
            day = _resolve_date(day_text, day - timedelta(days=1), True)[0]
        if not FIRST_DAY <= day <= LAST_DAY:
            raise OutOfRange(text)
    except (OutOfRange, OverflowError):
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


def _iso_week_start(year: int, week: int, week_start: int) -> date | None:
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return week_bounds(monday, week_start)[0]


@_in_range
def parse_week(text: str, today: date, week_start: int = 0, *, past: bool = False) -> date:
    """The first day of the week ``text`` names: ``2026-W49``, ``2026年第49周``, ``this``/
    ``本周``, ``last``/``上周``, ``next``/``下周``, or any DATE in it. A week number without a
    year (``第50周``) is the next such week, this one included; with ``past`` the latest that
    has begun."""
    word = text.strip().lower()
    this_start = week_bounds(today, week_start)[0]
    if word in _WEEK_WORDS:
        return this_start + timedelta(days=7 * _WEEK_WORDS[word])
    if m := _ISO_WEEK.match(word):
        found = _iso_week_start(int(m.group(1)), int(m.group(2)), week_start)
        if found is not None:
            return found
    elif m := _NUMBERED_WEEK.match(word):
        number = int(m["week"] or m["bare"])
        if m["year"]:
            found = _iso_week_start(int(m["year"]), number, week_start)
        else:
            year = this_start.isocalendar()[0]
            step = -1 if past else 1
            starts = (_iso_week_start(year + step * i, number, week_start) for i in range(3))
            found = occurrence((s for s in starts if s is not None), this_start, past)
        if found is not None:
            return found
    else:
        try:
            return week_bounds(parse_date(text, today, past=past), week_start)[0]
        except OutOfRange:
            raise
        except BadInput:
            pass
    raise BadInput(
        _("bad week {text}: use {forms}").format(
            text=repr(text), forms=_forms(WEEK_HELP, ZH_WEEK_HELP)
        )
    )


@_in_range
def parse_month(text: str, today: date, *, past: bool = False) -> date:
    """The first day of the month ``text`` names: ``2026-11``, ``2026年11月``, ``this``/``本月``,
    ``last``/``上月``, ``next``/``下月``, or a month alone (``11月``, ``nov``): the next such
    month, this one included; with ``past`` the latest that has begun."""
    word = text.strip().lower()
    first = today.replace(day=1)
    if word in _MONTH_WORDS:
        months = first.year * 12 + first.month - 1 + _MONTH_WORDS[word]
        return date(months // 12, months % 12 + 1, 1)
    month = _MONTH_ALIASES.get(word)
    year = None
    if m := _CHINESE_MONTH.match(word):
        month, year = int(m["month"]), int(m["year"]) if m["year"] else None
    elif m := _ISO_MONTH.match(word):
        month, year = int(m.group(2)), int(m.group(1))
    if month is not None and 1 <= month <= 12:
        if year is not None:
            try:
                return date(year, month, 1)
            except ValueError:
                raise OutOfRange(text) from None
        step = -1 if past else 1
        found = occurrence((date(first.year + step * i, month, 1) for i in range(2)), first, past)
        if found is not None:
            return found
    raise BadInput(
        _("bad month {text}: use {forms}").format(
            text=repr(text), forms=_forms(MONTH_HELP, ZH_MONTH_HELP)
        )
    )


def month_end(first: date) -> date:
    nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt - timedelta(days=1)


def days(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end``, both included."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]
