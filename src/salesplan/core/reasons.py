"""Why a follow-up is due, as data: a message marked for the catalog and its values (days,
enumerated terms, amounts, other reasons), said in English for ``--json`` and in the reader's
language for a person. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from salesplan.i18n import N_


@dataclass(frozen=True)
class Day:
    """A date inside a reason: ``12-03`` (short) or ``2026-12-03``; 12月3日 in Chinese."""

    on: date
    short: bool = False


@dataclass(frozen=True)
class Term:
    """An enumerated value inside a reason (a stage, a kind of contact): the English key, the
    Chinese word (core.vocab) in Chinese."""

    key: str
    table: str


@dataclass(frozen=True)
class Money:
    minor: int


@dataclass(frozen=True)
class Why:
    """Why an item is due, as data: an English message marked for the catalog and its values.
    ``--json`` says it in English (scripts read it); a person reads it in their language."""

    message: str
    values: tuple[tuple[str, Any], ...] = ()

    def english(self) -> str:
        return self.message.format(**{k: _value(v, chinese=False) for k, v in self.values})

    def words(self) -> str:
        """In the reader's language."""
        from salesplan.i18n import _, is_chinese

        if not is_chinese():
            return self.english()
        return _(self.message).format(**{k: _value(v, chinese=True) for k, v in self.values})


def because(message: str, **values: Any) -> Why:
    """A reason: ``message`` (marked for the catalog) with its values."""
    return Why(message, tuple(values.items()))


def _value(value: Any, chinese: bool) -> str:
    if isinstance(value, Why):
        return value.words() if chinese else value.english()
    if isinstance(value, Day):
        if chinese:
            return f"{value.on.month}月{value.on.day}日"
        return value.on.strftime("%m-%d") if value.short else value.on.isoformat()
    if isinstance(value, Term):
        if not chinese:
            return value.key
        from salesplan.core import vocab

        return vocab.label(value.key, vocab.TABLES[value.table])
    if isinstance(value, Money):
        from salesplan.core.money import format_amount

        return format_amount(value.minor) + ("元" if chinese else "")
    return str(value)


def how_long_ago(last: date | None, kind: str | None, today: date) -> Why:
    """When ``last`` was, counted back from ``today`` (``kind`` names the contact; None: any)."""
    if last is None:
        return because(N_("never contacted"))
    n = (today - last).days
    if kind is None:  # "last contact …": its own messages, as 联系 is not a kind of contact
        if n == 0:
            return because(N_("last contact today"))
        if n < 0:
            return because(N_("last contact on {day}"), day=Day(last))
        if n == 1:
            return because(N_("last contact {n} day ago"), n=n)
        return because(N_("last contact {n} days ago"), n=n)
    what = Term(kind, "kind")
    if n == 0:
        return because(N_("last {what} today"), what=what)
    if n < 0:
        return because(N_("last {what} on {day}"), what=what, day=Day(last))
    if n == 1:
        return because(N_("last {what} {n} day ago"), what=what, n=n)
    return because(N_("last {what} {n} days ago"), what=what, n=n)
