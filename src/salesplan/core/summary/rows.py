"""The rows the store reads for one period, which every summary and report is built from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from salesplan.core.money import to_number
from salesplan.core.vocab import is_real_contact


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def fields_json(row: Any, *names: str) -> dict[str, Any]:
    """The named fields of ``row`` as JSON, in that order (fields JSON shows as they are)."""
    return {name: getattr(row, name) for name in names}


@dataclass(frozen=True)
class ActivityRow:
    day: date
    kind: str
    outcome: str
    contact_id: int | None
    contact: str | None = None
    area: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class NewContact:
    """A contact created in the period (the day's review, the week's new customers)."""

    id: int
    name: str
    company: str | None
    area: str | None
    status: str
    phone: str | None = None

    def to_json(self) -> dict[str, Any]:
        return fields_json(self, "id", "name", "company", "phone", "area", "status")


@dataclass(frozen=True)
class WonProject:
    id: int
    name: str
    contact: str
    amount: int | None  # minor units
    on: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "contact": self.contact,
            "amount": to_number(self.amount),
            "on": _iso(self.on),
        }


@dataclass(frozen=True)
class PaymentRow:
    project: str
    contact: str
    amount: int  # minor units
    on: date
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "contact": self.contact,
            "amount": to_number(self.amount),
            "on": self.on.isoformat(),
            "note": self.note,
        }


@dataclass(frozen=True)
class ExpenseRow:
    category: str
    amount: int  # minor units
    on: date
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "amount": to_number(self.amount),
            "on": self.on.isoformat(),
            "note": self.note,
        }


@dataclass(frozen=True)
class NoteRow:
    kind: str
    text: str
    on: date
    contact: str | None

    def to_json(self) -> dict[str, Any]:
        """As a report section lists it (the section names the kind)."""
        return {"date": self.on.isoformat(), "text": self.text, "contact": self.contact}


@dataclass(frozen=True)
class KeyContact:
    id: int
    name: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class FlaggedContact:
    id: int
    name: str
    flags: tuple[str, ...]
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "flags": list(self.flags), "note": self.note}


@dataclass(frozen=True)
class DevelopingContact:
    id: int
    name: str
    status: str
    company: str | None


@dataclass(frozen=True)
class PeriodRows:
    """What the store read for one period (every list already bounded by the period)."""

    activities: Sequence[ActivityRow] = ()
    appointments: Sequence[tuple[date, str]] = ()  # (day, status)
    new_contacts: Sequence[NewContact] = ()
    won: Sequence[WonProject] = ()
    payments: Sequence[PaymentRow] = ()
    expenses: Sequence[ExpenseRow] = ()
    notes: Sequence[NoteRow] = ()
    key_contacts: Sequence[KeyContact] = ()  # every live key customer
    flagged: Sequence[FlaggedContact] = ()
    developing: Sequence[DevelopingContact] = ()  # leads, intent, unclear among those touched
    # Potential customers: ids of prospects added and of contacts moved to intent.
    potential: Sequence[int] = ()

    def reached(self) -> set[int]:
        """The contacts a real contact reached in the period (unanswered calls reached nobody)."""
        return {
            a.contact_id
            for a in self.activities
            if a.contact_id is not None and is_real_contact(a.kind, a.outcome)
        }
