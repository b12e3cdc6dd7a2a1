"""Enumerated values as a person reads them: the English key in English, the Chinese word
(core.vocab) in Chinese. JSON never goes through here."""

from __future__ import annotations

from collections.abc import Mapping

from salesplan.core import vocab
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
