"""Enumerated values as a person reads them: the English key in English, the Chinese word
(core.vocab) in Chinese. JSON never goes through here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from salesplan.core import vocab

# The renderers' word for a day and the reports' amounts, beside the other words.
from salesplan.core.dates import weekday_short as weekday_short
from salesplan.core.money import yuan as yuan
from salesplan.i18n import is_chinese


def word(key: str | None, table: Mapping[str, tuple[str, ...]]) -> str:
    if key is None:
        return ""
    return vocab.label(key, table) if is_chinese() else key


def kind_word(key: str | None) -> str:
    return word(key, vocab.ACTIVITY_KIND)


def outcome_word(key: str | None) -> str:
    return word(key, vocab.OUTCOME)


def status_word(key: str | None) -> str:
    return word(key, vocab.STATUS)


def tier_word(key: str | None) -> str:
    return word(key, vocab.TIER)


def stage_word(key: str | None) -> str:
    return word(key, vocab.STAGE)


def category_word(key: str | None) -> str:
    return word(key, vocab.EXPENSE_CATEGORY)


def note_kind_word(key: str | None) -> str:
    return word(key, vocab.NOTE_KIND)


def flag_word(key: str | None) -> str:
    return word(key, vocab.FLAG)


def appt_status_word(key: str | None) -> str:
    return word(key, vocab.APPT_STATUS)


# --- dates, weeks and amounts as a Chinese report writes them -------------------------------

_NUMERALS = ("〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def chinese_numeral(n: int) -> str:
    """1 → 一, 11 → 十一, 20 → 二十 (section numbers; 1–99)."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _NUMERALS[ones]
    return (_NUMERALS[tens] if tens > 1 else "") + "十" + (_NUMERALS[ones] if ones else "")


def month_day(day: date) -> str:
    """``11月30日``."""
    return f"{day.month}月{day.day}日"


def day_words(day: date) -> str:
    """A date in the reader's language: ``2026-11-30``, or 11月30日 in Chinese."""
    return month_day(day) if is_chinese() else day.isoformat()


def week_title(label: str, start: date, end: date) -> str:
    """``2026年第49周（11月30日–12月6日）`` for the week labelled ``2026-W49``."""
    year, _sep, number = label.partition("-W")
    last = month_day(end) if end.year == start.year else f"{end.year}年{month_day(end)}"
    return f"{year}年第{int(number)}周（{month_day(start)}–{last}）"
