"""A time of day as people type it: ``14:00``, ``2pm``, ``2:30pm`` and the Chinese forms
(``下午2点``, ``14点30``, ``两点半``, ``十点一刻``, ``晚上7点15分``), a part of the day included.

Pure. The days these times fall on, and the grammar as a whole, are core/dates.py's.
"""

from __future__ import annotations

import re
from datetime import time

from salesplan.errors import BadInput
from salesplan.i18n import _, is_chinese

TIME_HELP = "14:00, 2pm or 2:30pm"
ZH_TIME_HELP = "下午2点、两点半、今晚7点、14点30、上午10点半、14:00"

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
_TIME_24 = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_TIME_12 = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)$")


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
            text=repr(text), forms=ZH_TIME_HELP if is_chinese() else TIME_HELP
        )
    )


def looks_like_time(text: str) -> bool:
    word = text.strip().lower()
    return bool(_TIME_24.match(word) or _TIME_12.match(word) or _CHINESE_TIME.match(word))


def with_day_part(raw: str) -> str:
    """今晚7点 → 今天 晚上7点: a word holding both a day and a part of it, taken apart."""
    for word, (day, part) in _DAY_AND_PART.items():
        if raw.startswith(word):
            return f"{day} {part}{raw[len(word) :].lstrip()}"
    return raw
