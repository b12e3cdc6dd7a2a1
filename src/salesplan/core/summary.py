"""The weekly summary and report, built from rows the store read for one period. Pure."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from salesplan.core.dates import days
from salesplan.core.money import to_number
from salesplan.core.targets import REACHED_OUTCOMES

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
class ActivityRow:
    day: date
    kind: str
    outcome: str
    contact_id: int | None
    contact: str | None = None
    area: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class PeriodRows:
    """What the store read for one period (every list already bounded by the period)."""

    activities: Sequence[ActivityRow] = ()
    appointments: Sequence[tuple[date, str]] = ()  # (day, status)
    new_contacts: Sequence[dict[str, Any]] = ()
    won: Sequence[dict[str, Any]] = ()  # name, contact, amount (minor units), on
    payments: Sequence[dict[str, Any]] = ()  # project, contact, amount, on
    expenses: Sequence[dict[str, Any]] = ()  # category, amount, on, note
    notes: Sequence[dict[str, Any]] = ()  # kind, text, on, contact
    key_contacts: Sequence[dict[str, Any]] = ()  # id, name (every live key customer)
    flagged: Sequence[dict[str, Any]] = ()  # id, name, flags, note
    developing: Sequence[dict[str, Any]] = ()  # id, name, status, company (leads/intent)


@dataclass
class Totals:
    calls: int = 0
    reached: int = 0
    visits: int = 0
    emails: int = 0
    meetings: int = 0
    new_contacts: int = 0
    appointments_kept: int = 0
    appointments_cancelled: int = 0
    sales: int = 0  # minor units
    collections: int = 0
    expenses: int = 0
    call_days_met: int = 0
    visited_customers: int = 0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.__dict__)
        for k in ("sales", "collections", "expenses"):
            out[k] = to_number(out[k])
        return out


@dataclass
class Summary:
    start: date
    end: date
    label: str
    days: list[dict[str, Any]]
    totals: Totals
    previous: Totals
    sections: dict[str, Any]
    targets: dict[str, int]
    next_week: dict[str, Any] = field(default_factory=dict)
    followups: dict[str, int] = field(default_factory=dict)

    def change(self) -> dict[str, Any]:
        now, before = self.totals.to_json(), self.previous.to_json()
        out = {}
        for key, value in now.items():
            prev = before[key]
            diff = value - prev
            out[key] = round(diff, 2) if isinstance(diff, float) else diff
        return out


def totals_for(
    rows: PeriodRows, first: date, last: date, calls_per_day: int
) -> tuple[Totals, list[dict[str, Any]]]:
    per_day: dict[date, Counter[str]] = defaultdict(Counter)
    visited: set[int] = set()
    for a in rows.activities:
        c = per_day[a.day]
        c[a.kind] += 1
        if a.kind == "call" and a.outcome in REACHED_OUTCOMES:
            c["reached"] += 1
        if a.kind == "visit" and a.contact_id is not None:
            visited.add(a.contact_id)
    for day, status in rows.appointments:
        if status == "done":
            per_day[day]["kept"] += 1
        elif status == "cancelled":
            per_day[day]["cancelled"] += 1
    day_rows = []
    t = Totals()
    for d in days(first, last):
        c = per_day.get(d, Counter())
        day_rows.append(
            {
                "date": d.isoformat(),
                "calls": c["call"],
                "reached": c["reached"],
                "visits": c["visit"],
                "emails": c["email"],
                "meetings": c["meeting"],
                "appointments_kept": c["kept"],
                "appointments_cancelled": c["cancelled"],
                "calls_target_met": c["call"] >= calls_per_day,
            }
        )
        t.calls += c["call"]
        t.reached += c["reached"]
        t.visits += c["visit"]
        t.emails += c["email"]
        t.meetings += c["meeting"]
        t.appointments_kept += c["kept"]
        t.appointments_cancelled += c["cancelled"]
        t.call_days_met += 1 if c["call"] >= calls_per_day else 0
    t.visited_customers = len(visited)
    t.new_contacts = len(rows.new_contacts)
    t.sales = sum(w["amount"] or 0 for w in rows.won)
    t.collections = sum(p["amount"] for p in rows.payments)
    t.expenses = sum(e["amount"] for e in rows.expenses)
    return t, day_rows


def build_sections(rows: PeriodRows) -> dict[str, Any]:
    def money(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**i, "amount": to_number(i["amount"])} for i in items]

    by_category: Counter[str] = Counter()
    for e in rows.expenses:
        by_category[e["category"]] += e["amount"]
    touched = {a.contact_id for a in rows.activities if a.contact_id is not None}
    visits = [
        {
            "date": a.day.isoformat(),
            "contact": a.contact or "(cold)",
            "area": a.area,
            "outcome": a.outcome,
            "note": a.note,
        }
        for a in rows.activities
        if a.kind == "visit"
    ]
    last_outcome: dict[int, str] = {}
    for a in rows.activities:
        if a.contact_id is not None:
            last_outcome[a.contact_id] = a.outcome
    notes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in rows.notes:
        notes[n["kind"]].append({"date": n["on"], "text": n["text"], "contact": n.get("contact")})
    return {
        "sales_volume": {
            "won": money(rows.won),
            "total": to_number(sum(w["amount"] or 0 for w in rows.won)),
        },
        "collections": {
            "payments": money(rows.payments),
            "total": to_number(sum(p["amount"] for p in rows.payments)),
        },
        "customer_visits": {"visits": visits, "count": len(visits)},
        "expenses": {
            "by_category": {k: to_number(v) for k, v in sorted(by_category.items())},
            "travel": to_number(by_category.get("travel", 0)),
            "other_than_travel": to_number(sum(v for k, v in by_category.items() if k != "travel")),
            "total": to_number(sum(by_category.values())),
            "items": money(rows.expenses),
        },
        "promotions": notes.get("promotion", []),
        "key_customers": {
            "touched": [k for k in rows.key_contacts if k["id"] in touched],
            "not_touched": [k for k in rows.key_contacts if k["id"] not in touched],
        },
        "new_customers": list(rows.new_contacts),
        "abnormal_customers": list(rows.flagged),
        "to_develop": [
            {**d, "last_outcome": last_outcome.get(d["id"])}
            for d in rows.developing
            if d["id"] in touched
        ],
        "competitors": notes.get("competitor", []),
        "policy": notes.get("policy", []),
    }


def build_summary(
    *,
    start: date,
    end: date,
    label: str,
    rows: PeriodRows,
    previous_rows: PeriodRows,
    previous_start: date,
    previous_end: date,
    calls_per_day: int,
    visits_per_week: int,
    new_contacts_per_week: int,
) -> Summary:
    totals, day_rows = totals_for(rows, start, end, calls_per_day)
    previous, _ = totals_for(previous_rows, previous_start, previous_end, calls_per_day)
    return Summary(
        start=start,
        end=end,
        label=label,
        days=day_rows,
        totals=totals,
        previous=previous,
        sections=build_sections(rows),
        targets={
            "calls_per_day": calls_per_day,
            "visits_per_week": visits_per_week,
            "new_contacts_per_week": new_contacts_per_week,
        },
    )


def summary_json(s: Summary) -> dict[str, Any]:
    return {
        "week": s.label,
        "start": s.start.isoformat(),
        "end": s.end.isoformat(),
        "days": s.days,
        "totals": s.totals.to_json(),
        "previous": s.previous.to_json(),
        "change": s.change(),
        "targets": s.targets,
        "visits_target_met": s.totals.visits >= s.targets["visits_per_week"],
        "followups": s.followups,
        "sections": s.sections,
        "next_week": s.next_week,
    }
