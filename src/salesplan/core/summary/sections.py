"""The weekly report's eleven sections, from a period's rows."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from salesplan.core.money import to_number
from salesplan.core.summary import rows as period

SECTIONS = (
    ("sales_volume", "Sales volume", "销售量"),
    ("collections", "Collections", "回款"),
    ("customer_visits", "Customer visits", "客户拜访"),
    ("expenses", "Sales expenses", "销售费用"),
    ("promotions", "Advertising and promotions", "广告促销效果"),
    ("key_customers", "Key customers", "重点客户"),
    ("new_customers", "New customers", "新客户"),
    ("abnormal_customers", "Abnormal or poor-credit customers", "异常及信用不良客户"),
    ("to_develop", "Customers to develop", "待开发客户"),
    ("competitors", "Competitors' moves", "竞争对手动态"),
    ("policy", "Local policy changes", "当地政策变化"),
)


@dataclass(frozen=True)
class Visit:
    day: date
    contact: str
    area: str | None
    outcome: str
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "contact": self.contact,
            "area": self.area,
            "outcome": self.outcome,
            "note": self.note,
        }


@dataclass(frozen=True)
class SalesVolume:
    won: tuple[period.WonProject, ...]
    total: int  # minor units

    def to_json(self) -> dict[str, Any]:
        return {"won": [w.to_json() for w in self.won], "total": to_number(self.total)}


@dataclass(frozen=True)
class Collections:
    payments: tuple[period.PaymentRow, ...]
    total: int  # minor units

    def to_json(self) -> dict[str, Any]:
        return {"payments": [p.to_json() for p in self.payments], "total": to_number(self.total)}


@dataclass(frozen=True)
class CustomerVisits:
    visits: tuple[Visit, ...]

    @property
    def count(self) -> int:
        return len(self.visits)

    def to_json(self) -> dict[str, Any]:
        return {"visits": [v.to_json() for v in self.visits], "count": self.count}


@dataclass(frozen=True)
class Expenses:
    by_category: tuple[tuple[str, int], ...]  # (category, minor units), by category name
    items: tuple[period.ExpenseRow, ...]

    @property
    def travel(self) -> int:
        return dict(self.by_category).get("travel", 0)

    @property
    def other_than_travel(self) -> int:
        return sum(v for k, v in self.by_category if k != "travel")

    @property
    def total(self) -> int:
        return sum(v for _, v in self.by_category)

    def to_json(self) -> dict[str, Any]:
        return {
            "by_category": {k: to_number(v) for k, v in self.by_category},
            "travel": to_number(self.travel),
            "other_than_travel": to_number(self.other_than_travel),
            "total": to_number(self.total),
            "items": [e.to_json() for e in self.items],
        }


@dataclass(frozen=True)
class KeyCustomers:
    touched: tuple[period.KeyContact, ...]
    not_touched: tuple[period.KeyContact, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "touched": [k.to_json() for k in self.touched],
            "not_touched": [k.to_json() for k in self.not_touched],
        }


@dataclass(frozen=True)
class ToDevelop:
    contact: period.DevelopingContact
    last_outcome: str | None

    def to_json(self) -> dict[str, Any]:
        c = self.contact
        return {
            "id": c.id,
            "name": c.name,
            "status": c.status,
            "company": c.company,
            "last_outcome": self.last_outcome,
        }


@dataclass(frozen=True)
class ReportSections:
    """The weekly report's eleven sections, in the order of ``SECTIONS``."""

    sales_volume: SalesVolume
    collections: Collections
    customer_visits: CustomerVisits
    expenses: Expenses
    promotions: tuple[period.NoteRow, ...]
    key_customers: KeyCustomers
    new_customers: tuple[period.NewContact, ...]
    abnormal_customers: tuple[period.FlaggedContact, ...]
    to_develop: tuple[ToDevelop, ...]
    competitors: tuple[period.NoteRow, ...]
    policy: tuple[period.NoteRow, ...]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, _, _ in SECTIONS:
            value = getattr(self, key)
            out[key] = [i.to_json() for i in value] if isinstance(value, tuple) else value.to_json()
        return out


def build_sections(rows: period.PeriodRows) -> ReportSections:
    by_category: Counter[str] = Counter()
    for e in rows.expenses:
        by_category[e.category] += e.amount
    # A key customer is touched by a real contact only: unanswered calls reached nobody.
    touched = rows.reached()
    visits = tuple(
        Visit(a.day, a.contact or "(cold)", a.area, a.outcome, a.note)
        for a in rows.activities
        if a.kind == "visit"
    )
    last_outcome: dict[int, str] = {}
    for a in rows.activities:
        if a.contact_id is not None:
            last_outcome[a.contact_id] = a.outcome
    notes: dict[str, list[period.NoteRow]] = defaultdict(list)
    for n in rows.notes:
        notes[n.kind].append(n)
    return ReportSections(
        sales_volume=SalesVolume(tuple(rows.won), sum(w.amount or 0 for w in rows.won)),
        collections=Collections(tuple(rows.payments), sum(p.amount for p in rows.payments)),
        customer_visits=CustomerVisits(visits),
        expenses=Expenses(tuple(sorted(by_category.items())), tuple(rows.expenses)),
        promotions=tuple(notes.get("promotion", ())),
        key_customers=KeyCustomers(
            touched=tuple(k for k in rows.key_contacts if k.id in touched),
            not_touched=tuple(k for k in rows.key_contacts if k.id not in touched),
        ),
        new_customers=tuple(rows.new_contacts),
        abnormal_customers=tuple(rows.flagged),
        to_develop=tuple(
            ToDevelop(d, last_outcome.get(d.id)) for d in rows.developing if d.id in touched
        ),
        competitors=tuple(notes.get("competitor", ())),
        policy=tuple(notes.get("policy", ())),
    )
