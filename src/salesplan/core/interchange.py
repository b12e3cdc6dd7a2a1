"""The shapes that cross between a file format (``salesplan.formats``) and the store: records
read from a contact file, events read from a calendar, and what a table looks like in an
export. Pure data: reading and writing files lives in ``formats/``, queries in ``store/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from salesplan.i18n import _

# How a column's values are written in an export: an instant is an ISO time with its UTC
# offset, a date an ISO date, money a number of yuan (integer minor units in the store).
ColumnKind = Literal["instant", "date", "money", "int", "bool", "text"]


@dataclass(frozen=True)
class Record:
    where: str  # "line 12", "vCard 3", "event UID…"
    # A contact's fields; "phone" and "email" may be lists (every number a card or row has).
    fields: dict[str, Any]
    # The row or card as the file wrote it, for the rejects file beside the source.
    raw: tuple[str, ...] = ()
    # Set when the reader could not make a contact of it: (field or "", why).
    refused: tuple[str, str] | None = None


@dataclass(frozen=True)
class Problem:
    """A row an import could not write (``dropped`` is None), or one value of a row it wrote
    without that value (``dropped`` holds the value as the file had it)."""

    where: str
    field: str  # a contact field, or "" for the row as a whole
    why: str  # in the reader's language
    dropped: str | None = None


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    start: datetime  # aware
    minutes: int
    location: str | None
    status: str


@dataclass(frozen=True)
class Column:
    name: str
    kind: ColumnKind
    required: bool = False  # no default: a record without it is refused


@dataclass(frozen=True)
class TableShape:
    """One table as an export sees it: its columns, key, and the tables its ids point to."""

    table: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    refs: dict[str, str] = field(default_factory=dict)  # column → table it points to


@dataclass
class ImportCount:
    """What an import did: rows added, rows already there, control characters removed."""

    added: int = 0
    skipped: int = 0
    controls_removed: int = 0
    updated: int = 0  # contacts already there whose empty fields a row filled
    rejected: int = 0  # rows not written (each reported as a Problem)
    dropped: int = 0  # values not kept from rows that were written
    # Contacts imports: the highest contact id before, so what was added is above it.
    before_id: int = 0
    cancelled: int = 0  # calendar imports: occurrences the calendar no longer holds

    def merge(self, other: ImportCount) -> None:
        """Add what another part of the same import did."""
        for name in ("added", "skipped", "controls_removed", "updated", "rejected", "dropped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def place(where: str) -> str:
    """Where a record was read (``line 12``, ``vCard 3``), in the reader's language."""
    kind, _sep, number = where.partition(" ")
    if number.isdigit():
        if kind == "line":
            return _("line {n}").format(n=number)
        if kind == "vCard":
            return _("vCard {n}").format(n=number)
    return where
