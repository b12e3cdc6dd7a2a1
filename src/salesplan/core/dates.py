"""The dates and times users type, weeks, and local/UTC conversion.

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
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TypeVar

from salesplan.errors import BadInput
from salesplan.i18n import N_, NP_, _, is_chinese, pgettext

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

# --- times as Chinese speakers say them ---------------------------------------------------

_CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# Hours 0–24 in Chinese numerals (两点, 十点, 十二点, 二十点) or digits.
_HOUR = r"\d{1,2}|二十[一二三四]?|十[一二三四五六七八九]?|[零〇一二两三四五六七八九]"
# Minutes after 点: digits, a tens form (十五, 四十五) or 零 and a digit (零五); a lone digit
# only with 分 (三点五分), as 三点五 says nothing clear.
_MINUTE = (
    r"\d{1,2}|[二三四五]十[一二三四五六七八九]?|十[一二三四五六七八九]?|[零〇][一二三四五六七八九]"
)
_LONE_MINUTE = r"[一二两三四五六七八九]"
# The parts of a day and how an hour in each is read: "pm" adds 12 to 1–11 (下午2点 = 14:00),
# "noon" adds 12 to 1–2 (中午1点), "small" reads 12 as 0 (凌晨12点), "am" keeps the hour; a
# part whose hours stop at 12 refuses a 24-hour clock hour past it (上午14点 says two things).
_DAY_PARTS = {
    "凌晨": "small",
    "半夜": "small",
    "清晨": "am",
    "早上": "am",
    "早晨": "am",
    "上午": "am",
    "早": "am",
    "中午": "noon",
    "午后": "pm",
    "下午": "pm",
    "傍晚": "pm",
    "晚上": "night",
    "夜里": "night",
    "夜间": "night",
    "夜晚": "night",
    "晚": "night",
}
# A day and a part of it in one word: 今晚7点 is 今天晚上7点.
_DAY_AND_PART = {
    "今晚": ("今天", "晚上"),
    "明晚": ("明天", "晚上"),
    "昨晚": ("昨天", "晚上"),
    "前晚": ("前天", "晚上"),
    "今早": ("今天", "早上"),
    "明早": ("明天", "早上"),
    "昨早": ("昨天", "早上"),
    "今晨": ("今天", "早上"),
    "明晨": ("明天", "早上"),
}
_PART = "|".join(sorted(_DAY_PARTS, key=len, reverse=True))
# 下午2点, 14点30, 上午10点半, 晚上7点15分, 下午2:30, 3点一刻, 两点, 三点半, 八点十五, 九点整.
_CHINESE_TIME = re.compile(
    rf"^(?P<part>{_PART})?\s*(?P<hour>{_HOUR})"
    rf"(?:(?:点钟?|时)(?:(?P<half>半)|(?P<quarter>一刻|三刻)|(?P<minute>{_MINUTE})分?"
    rf"|(?P<lone>{_LONE_MINUTE})分|整)?"
    r"|[:：](?P<colon>\d{2}))$"
)

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_OFFSET = re.compile(r"^([+-])(\d{1,4})([dw])$")
_TIME_24 = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_TIME_12 = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)$")
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
TIME_HELP = "14:00, 2pm or 2:30pm"
DATETIME_HELP = (
    f"a DATE ({DATE_HELP}) and a time ({TIME_HELP}), e.g. 'fri 2pm' or '2026-11-30T14:00'"
)
# What the Chinese interface says is accepted (the same grammar, its Chinese forms first).
ZH_DATE_HELP = "今天、明天、后天、周三、下周一、12月8日、8号、2026-12-08、+3d"
ZH_TIME_HELP = "下午2点、两点半、今晚7点、14点30、上午10点半、14:00"
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


def _chinese_number(word: str) -> int:
    """二十三 → 23, 十五 → 15, 两 → 2, 零五 → 5, 14 → 14."""
    if word.isdigit():
        return int(word)
    if "十" in word:
        tens, _sep, ones = word.partition("十")
        return _CHINESE_DIGITS.get(tens, 1) * 10 + (_CHINESE_DIGITS[ones] if ones else 0)
    return sum(_CHINESE_DIGITS[c] for c in word)  # 零五: the zero adds nothing


def _parse_chinese_time(word: str) -> tuple[int, int]:
    m = _CHINESE_TIME.match(word)
    if not m:
        return -1, -1
    hour = _chinese_number(m["hour"])
    if m["half"]:
        minute = 30
    elif m["quarter"]:
        minute = 15 if m["quarter"] == "一刻" else 45
    elif m["minute"] or m["lone"]:
        minute = _chinese_number(m["minute"] or m["lone"])
    else:
        minute = int(m["colon"] or 0)
    reading = _DAY_PARTS.get(m["part"] or "")
    if reading is None:
        return hour, minute
    if reading in ("pm", "night") and 1 <= hour <= 11:
        hour += 12
    elif reading == "noon" and 1 <= hour <= 2:
        hour += 12
    elif reading == "small" and hour == 12:
        hour = 0
    elif reading == "night" and hour == 12:
        hour = -1  # 晚上12点 is midnight: which day it belongs to is anyone's guess
    elif hour > 12 and reading not in ("pm", "night", "noon"):
        hour = -1  # 上午14点 says two different things
    return hour, minute


def parse_time(text: str) -> time:
    """Parse a TIME: ``14:00``, ``9:05``, ``2pm``, ``2:30pm``, ``下午2点``, ``14点30``, ``两点半``."""
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


def _with_day_part(raw: str) -> str:
    """今晚7点 → 今天 晚上7点: a word holding both a day and a part of it, taken apart."""
    for word, (day, part) in _DAY_AND_PART.items():
        if raw.startswith(word):
            return f"{day} {part}{raw[len(word) :].lstrip()}"
    return raw


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
    raw = _with_day_part(text.strip())
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


_WEEKDAY = (
    NP_("weekday", "Mon"),
    NP_("weekday", "Tue"),
    NP_("weekday", "Wed"),
    NP_("weekday", "Thu"),
    NP_("weekday", "Fri"),
    NP_("weekday", "Sat"),
    NP_("weekday", "Sun"),
)


def weekday_short(day: date) -> str:
    """``Mon`` … ``Sun``; 周一 … 周日 in Chinese."""
    return pgettext("weekday", _WEEKDAY[day.weekday()])
