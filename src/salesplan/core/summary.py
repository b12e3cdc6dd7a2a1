"""The weekly and monthly summaries and the weekly report, built from rows the store read for
one period. Pure.

Every result is a frozen dataclass holding dates and integer minor units; ``to_json()`` makes
the contract's JSON (ISO strings, amounts as numbers) at the edge.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from salesplan.core.dates import days, iso_minute
from salesplan.core.followups import DueItem, due_until, overdue
from salesplan.core.money import to_number
from salesplan.core.periods import MonthWeek
from salesplan.core.scoring import Score
from salesplan.core.todos import TodoItem, for_the_week, ordered
from salesplan.core.vocab import REACHED_OUTCOMES, is_real_contact
from salesplan.core.workdays import Workdays

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


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- the rows a period is built from -----------------------------------------------------


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
        return {
            "id": self.id,
            "name": self.name,
            "company": self.company,
            "phone": self.phone,
            "area": self.area,
            "status": self.status,
        }


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


# --- counts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DaySummary:
    day: date
    calls: int
    reached: int
    visits: int
    emails: int
    meetings: int
    appointments_kept: int
    appointments_cancelled: int
    calls_target_met: bool
    workday: bool = True  # by the work calendar; not part of the JSON
    # Not over yet (today, or a day to come): short of the target is not missed.
    pending: bool = False
    # The day's own call target (half on a half day absent, 0 on a day off); None: the
    # day was built without a calendar.
    call_target: int | None = None

    @property
    def missed(self) -> bool:
        """A workday over with fewer calls than its target."""
        return self.workday and not self.pending and not self.calls_target_met

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "calls": self.calls,
            "reached": self.reached,
            "visits": self.visits,
            "emails": self.emails,
            "meetings": self.meetings,
            "appointments_kept": self.appointments_kept,
            "appointments_cancelled": self.appointments_cancelled,
            "calls_target_met": self.calls_target_met,
            "call_target": self.call_target,
            "workday": self.workday,
        }


MONEY_TOTALS = ("sales", "collections", "expenses")


@dataclass(frozen=True)
class Totals:
    calls: int = 0
    reached: int = 0
    visits: int = 0
    emails: int = 0
    meetings: int = 0
    new_contacts: int = 0
    potential_contacts: int = 0
    appointments_kept: int = 0
    appointments_cancelled: int = 0
    sales: int = 0  # minor units
    collections: int = 0  # minor units
    expenses: int = 0  # minor units
    call_days_met: int = 0
    visited_customers: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            f.name: to_number(getattr(self, f.name))
            if f.name in MONEY_TOTALS
            else getattr(self, f.name)
            for f in fields(self)
        }

    def minus(self, other: Totals) -> Totals:
        """The change from ``other`` to this, field by field (money exact, in minor units)."""
        return Totals(
            **{f.name: getattr(self, f.name) - getattr(other, f.name) for f in fields(self)}
        )


def _change_number(now: int, before: int) -> int | float:
    """A money change for JSON: as exact as the totals, and a float when either side was not a
    whole amount (as the totals themselves are shown)."""
    value = to_number(now - before)
    if isinstance(value, int) and (now % 100 or before % 100):
        return float(value)
    return value if value is not None else 0


def sum_days(rows: Iterable[DaySummary]) -> tuple[int, int, int, int, int]:
    """(calls, reached, visits, emails, days the call target was met) over ``rows``."""
    rows = list(rows)
    return (
        sum(d.calls for d in rows),
        sum(d.reached for d in rows),
        sum(d.visits for d in rows),
        sum(d.emails for d in rows),
        sum(1 for d in rows if d.calls_target_met),
    )


def totals_for(
    rows: PeriodRows,
    first: date,
    last: date,
    calls_per_day: int,
    workdays: Workdays | None = None,
    today: date | None = None,
) -> tuple[Totals, list[DaySummary]]:
    """The period's totals and one summary per day; ``workdays`` marks the days worked
    (Monday to Friday when not given), ``today`` the days not over yet (from it on)."""
    calendar = workdays if workdays is not None else Workdays()
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
    for d in days(first, last):
        c = per_day.get(d, Counter())
        # Only a workday has a target to meet: a day off with calls is neither met nor missed
        # (the calls still count), and a half day absent is met at its own half target.
        target = calendar.call_target(d, calls_per_day)
        day_rows.append(
            DaySummary(
                day=d,
                calls=c["call"],
                reached=c["reached"],
                visits=c["visit"],
                emails=c["email"],
                meetings=c["meeting"],
                appointments_kept=c["kept"],
                appointments_cancelled=c["cancelled"],
                calls_target_met=target > 0 and c["call"] >= target,
                workday=calendar.is_workday(d),
                pending=today is not None and d >= today,
                call_target=target,
            )
        )
    totals = Totals(
        calls=sum(d.calls for d in day_rows),
        reached=sum(d.reached for d in day_rows),
        visits=sum(d.visits for d in day_rows),
        emails=sum(d.emails for d in day_rows),
        meetings=sum(d.meetings for d in day_rows),
        new_contacts=len(rows.new_contacts),
        potential_contacts=len(rows.potential),
        appointments_kept=sum(d.appointments_kept for d in day_rows),
        appointments_cancelled=sum(d.appointments_cancelled for d in day_rows),
        sales=sum(w.amount or 0 for w in rows.won),
        collections=sum(p.amount for p in rows.payments),
        expenses=sum(e.amount for e in rows.expenses),
        call_days_met=sum(1 for d in day_rows if d.calls_target_met),
        visited_customers=len(visited),
    )
    return totals, day_rows


# --- the report's sections -------------------------------------------------------------------


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
    won: tuple[WonProject, ...]
    total: int  # minor units

    def to_json(self) -> dict[str, Any]:
        return {"won": [w.to_json() for w in self.won], "total": to_number(self.total)}


@dataclass(frozen=True)
class Collections:
    payments: tuple[PaymentRow, ...]
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
    items: tuple[ExpenseRow, ...]

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
    touched: tuple[KeyContact, ...]
    not_touched: tuple[KeyContact, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "touched": [k.to_json() for k in self.touched],
            "not_touched": [k.to_json() for k in self.not_touched],
        }


@dataclass(frozen=True)
class ToDevelop:
    contact: DevelopingContact
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
    promotions: tuple[NoteRow, ...]
    key_customers: KeyCustomers
    new_customers: tuple[NewContact, ...]
    abnormal_customers: tuple[FlaggedContact, ...]
    to_develop: tuple[ToDevelop, ...]
    competitors: tuple[NoteRow, ...]
    policy: tuple[NoteRow, ...]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, _, _ in SECTIONS:
            value = getattr(self, key)
            out[key] = [i.to_json() for i in value] if isinstance(value, tuple) else value.to_json()
        return out


def build_sections(rows: PeriodRows) -> ReportSections:
    by_category: Counter[str] = Counter()
    for e in rows.expenses:
        by_category[e.category] += e.amount
    # A key customer is touched by a real contact only: unanswered calls reached nobody.
    touched = {
        a.contact_id
        for a in rows.activities
        if a.contact_id is not None and is_real_contact(a.kind, a.outcome)
    }
    visits = tuple(
        Visit(a.day, a.contact or "(cold)", a.area, a.outcome, a.note)
        for a in rows.activities
        if a.kind == "visit"
    )
    last_outcome: dict[int, str] = {}
    for a in rows.activities:
        if a.contact_id is not None:
            last_outcome[a.contact_id] = a.outcome
    notes: dict[str, list[NoteRow]] = defaultdict(list)
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


# --- the week --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Targets:
    calls_per_day: int
    visits_per_week: int  # prorated by the week's workdays
    new_contacts_per_week: int
    # The week's workdays: the days the call target applies to (5 in a plain week).
    workdays: int = 5
    potential_contacts_per_week: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "calls_per_day": self.calls_per_day,
            "visits_per_week": self.visits_per_week,
            "new_contacts_per_week": self.new_contacts_per_week,
            "potential_contacts_per_week": self.potential_contacts_per_week,
            "workdays": self.workdays,
        }


@dataclass(frozen=True)
class FollowupCounts:
    open: int = 0
    missed: int = 0
    overdue_total: int = 0
    contacts_followed_up: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "open": self.open,
            "missed": self.missed,
            "overdue_total": self.overdue_total,
            "contacts_followed_up": self.contacts_followed_up,
        }


def followup_counts(
    items: Sequence[DueItem], start: date, end: date, as_of: date, rows: PeriodRows
) -> FollowupCounts:
    """What is still open from the week ``start``–``end`` as of ``as_of`` (``items`` were
    collected as of that day), and how many people the week's log touched. An item whose
    deadline passed by ``as_of`` is missed, though no workday has come since (a Friday's item
    on the report's Sunday); it is overdue only once a workday has passed, as ``due`` counts."""
    in_week = [i for i in items if start <= i.due <= end]
    return FollowupCounts(
        open=len([i for i in in_week if i.due <= as_of <= i.deadline]),
        missed=len([i for i in in_week if i.deadline < as_of]),
        overdue_total=len(overdue(items)),
        contacts_followed_up=len({a.contact_id for a in rows.activities if a.contact_id}),
    )


@dataclass(frozen=True)
class BookedAppointment:
    id: int
    start: datetime  # local wall-clock time
    contact: str | None  # the contact's name, else the appointment's title
    area: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": iso_minute(self.start),
            "contact": self.contact,
            "area": self.area,
        }


@dataclass(frozen=True)
class NextWeek:
    start: date
    end: date
    appointments: tuple[BookedAppointment, ...]
    followups: tuple[DueItem, ...]  # every item falling due, most urgent first
    # To-dos open at the end of the week before: dated by ``end``, or important.
    todos: tuple[TodoItem, ...] = ()
    # The day the report reads the to-dos' lateness on (the report's end, or today while its
    # week runs), in workdays of ``calendar``.
    as_of: date | None = None
    calendar: Workdays | None = field(default=None, compare=False, repr=False)

    def todo_late(self, todo: TodoItem) -> int:
        return todo.overdue_days(self.as_of or self.start, self.calendar)

    @property
    def followups_due(self) -> int:
        return len(self.followups)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "appointments": [a.to_json() for a in self.appointments],
            "followups_due": self.followups_due,
            # Every item the count counts: a report is a record, and no list is cut short.
            "followups": [i.to_json() for i in self.followups],
            "todos": [t.to_json(self.as_of or self.start, self.calendar) for t in self.todos],
        }


def plan_next_week(
    start: date,
    end: date,
    booked: Iterable[BookedAppointment],
    items: Iterable[DueItem],
    todos: Iterable[TodoItem] = (),
    as_of: date | None = None,
    calendar: Workdays | None = None,
) -> NextWeek:
    """The week ``start``–``end``: what is booked, and every follow-up open at the end of the
    week before (``items``) that falls due by ``end``, the overdue ones included: they are
    next week's work too; so are the to-dos open then that are dated by ``end`` or important."""
    upcoming = tuple(due_until(items, end))
    late_on = as_of or start
    return NextWeek(
        start,
        end,
        tuple(booked),
        upcoming,
        tuple(for_the_week(ordered(todos, late_on, calendar), end)),
        as_of,
        calendar,
    )


@dataclass(frozen=True)
class PeriodTarget:
    """A period's share of the yearly sales target (split by workdays) and what was won."""

    target: int  # minor units
    sales: int  # minor units, won in the period

    @property
    def progress(self) -> float | None:
        return round(self.sales / self.target, 4) if self.target else None

    def to_json(self) -> dict[str, Any]:
        return {
            "target": to_number(self.target),
            "sales": to_number(self.sales),
            "progress": self.progress,
        }


@dataclass(frozen=True)
class Summary:
    start: date
    end: date
    label: str
    days: tuple[DaySummary, ...]
    totals: Totals
    previous: Totals
    sections: ReportSections
    targets: Targets
    followups: FollowupCounts | None = None
    next_week: NextWeek | None = None
    sales_target: PeriodTarget | None = None
    # Who the report is of: the ``name`` setting, or the rep's role on a team store.
    salesperson: str | None = None
    # The week in the salesperson's own words (本周小结): the notes of kind summary.
    own_words: tuple[NoteRow, ...] = ()

    @property
    def change(self) -> Totals:
        return self.totals.minus(self.previous)

    @property
    def visits_target_met(self) -> bool:
        return self.totals.visits >= self.targets.visits_per_week

    def change_json(self) -> dict[str, Any]:
        now, before = self.totals, self.previous
        return {
            f.name: _change_number(getattr(now, f.name), getattr(before, f.name))
            if f.name in MONEY_TOTALS
            else getattr(now, f.name) - getattr(before, f.name)
            for f in fields(now)
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.label,
            "salesperson": self.salesperson,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": [d.to_json() for d in self.days],
            "totals": self.totals.to_json(),
            "previous": self.previous.to_json(),
            "change": self.change_json(),
            "targets": self.targets.to_json(),
            "visits_target_met": self.visits_target_met,
            "followups": self.followups.to_json() if self.followups else {},
            "sections": self.sections.to_json(),
            "next_week": self.next_week.to_json() if self.next_week else {},
            "sales_target": self.sales_target.to_json() if self.sales_target else {},
            "week_summary": [n.to_json() for n in self.own_words],
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
    potential_contacts_per_week: int = 0,
    followups: FollowupCounts | None = None,
    next_week: NextWeek | None = None,
    workdays: Workdays | None = None,
    sales_target: int | None = None,
    today: date | None = None,
    salesperson: str | None = None,
) -> Summary:
    from salesplan.core.workdays import prorated_weekly_target

    totals, day_rows = totals_for(rows, start, end, calls_per_day, workdays, today)
    previous, _ = totals_for(previous_rows, previous_start, previous_end, calls_per_day, workdays)
    worked = sum(1 for d in day_rows if d.workday)
    return Summary(
        start=start,
        end=end,
        label=label,
        days=tuple(day_rows),
        totals=totals,
        previous=previous,
        sections=build_sections(rows),
        targets=Targets(
            calls_per_day,
            prorated_weekly_target(visits_per_week, worked),
            new_contacts_per_week,
            worked,
            potential_contacts_per_week,
        ),
        followups=followups,
        next_week=next_week,
        sales_target=PeriodTarget(sales_target, totals.sales) if sales_target is not None else None,
        salesperson=salesperson or None,
        own_words=tuple(n for n in rows.notes if n.kind == "summary"),
    )


def summary_json(s: Summary) -> dict[str, Any]:
    return s.to_json()


# --- the month -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekRow:
    """One week of a month: the whole week names it, the month clips its days."""

    week: MonthWeek
    calls: int
    reached: int
    visits: int
    emails: int
    call_days_met: int

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week.label,
            "start": self.week.first.isoformat(),
            "end": self.week.last.isoformat(),
            "calls": self.calls,
            "reached": self.reached,
            "visits": self.visits,
            "emails": self.emails,
            "call_days_met": self.call_days_met,
        }


def week_rows(weeks: Iterable[MonthWeek], day_rows: Sequence[DaySummary]) -> tuple[WeekRow, ...]:
    """The month's days summed into its weeks."""
    return tuple(
        WeekRow(week, *sum_days(d for d in day_rows if week.holds(d.day))) for week in weeks
    )


@dataclass(frozen=True)
class YearlyTarget:
    target: int  # minor units
    sales_to_date: int  # minor units, won from January 1 to the month's end
    expected_share: float  # the share of the year gone

    @property
    def share(self) -> float | None:
        return round(self.sales_to_date / self.target, 4) if self.target else None

    def to_json(self) -> dict[str, Any]:
        return {
            "target": to_number(self.target),
            "sales_to_date": to_number(self.sales_to_date),
            "share": self.share,
            "expected_share": self.expected_share,
        }


@dataclass(frozen=True)
class TargetMissed:
    what: str  # "visits" or "sales"
    period: str  # the week's label, or the month's
    done: int  # visits, or minor units of sales
    target: int

    def to_json(self) -> dict[str, Any]:
        money = self.what == "sales"
        return {
            "what": self.what,
            "period": self.period,
            "done": to_number(self.done) if money else self.done,
            "target": to_number(self.target) if money else self.target,
        }


@dataclass(frozen=True)
class WentWrong:
    """The month's big review: what went wrong, so it is not repeated."""

    days_missed: tuple[date, ...]  # workdays gone by with the call target not met
    targets_missed: tuple[TargetMissed, ...]
    followups_missed: tuple[DueItem, ...]  # fell due in the month, still overdue at its end
    key_not_touched: tuple[KeyContact, ...]  # no real contact all month

    def to_json(self) -> dict[str, Any]:
        return {
            "days_missed": [d.isoformat() for d in self.days_missed],
            "targets_missed": [t.to_json() for t in self.targets_missed],
            "followups_missed": [i.to_json() for i in self.followups_missed],
            "key_customers_not_touched": [k.to_json() for k in self.key_not_touched],
        }


def went_wrong(
    *,
    first: date,
    last: date,
    done_until: date,
    day_rows: Sequence[DaySummary],
    weeks: Sequence[WeekRow],
    rows: PeriodRows,
    items: Sequence[DueItem],
    visits_per_week: int,
    sales_target: PeriodTarget,
    workdays: Workdays,
    started: date | None = None,
) -> WentWrong:
    """What went wrong in the month ``first``–``last``, counting the days up to ``done_until``
    (the month's end once it is over): workdays under the call target, finished weeks under
    their (prorated) visit target, the sales share when the month is over, follow-ups that fell
    due in the month and were still overdue at ``done_until`` (``items`` as of that day), and
    key customers no real contact reached. A week wholly before ``started`` (the first day
    the store was used) misses nothing; the week it starts in is held to its days from then."""
    from salesplan.core.workdays import prorated_weekly_target

    missed_days = tuple(
        d.day for d in day_rows if d.workday and d.day <= done_until and not d.calls_target_met
    )
    targets: list[TargetMissed] = []
    for w in weeks:
        if w.week.last > done_until or (started is not None and w.week.last < started):
            continue
        since = max(w.week.first, started) if started is not None else w.week.first
        target = prorated_weekly_target(visits_per_week, workdays.count(since, w.week.last))
        if w.visits < target:
            targets.append(TargetMissed("visits", w.week.label, w.visits, target))
    if done_until >= last and sales_target.sales < sales_target.target:
        targets.append(
            TargetMissed("sales", first.strftime("%Y-%m"), sales_target.sales, sales_target.target)
        )
    followups = tuple(i for i in items if first <= i.due <= last and i.overdue_days > 0)
    reached = {
        a.contact_id
        for a in rows.activities
        if a.contact_id is not None and is_real_contact(a.kind, a.outcome)
    }
    untouched = tuple(k for k in rows.key_contacts if k.id not in reached)
    return WentWrong(missed_days, tuple(targets), followups, untouched)


@dataclass(frozen=True)
class ContactTargets:
    """A period's new contacts and potential customers against their weekly targets, prorated
    by the period's workdays (as the visit target is)."""

    new: int
    new_target: int
    potential: int
    potential_target: int

    @classmethod
    def of(
        cls, totals: Totals, new_per_week: int, potential_per_week: int, workdays: int
    ) -> ContactTargets:
        from salesplan.core.workdays import prorated_weekly_target

        return cls(
            totals.new_contacts,
            prorated_weekly_target(new_per_week, workdays),
            totals.potential_contacts,
            prorated_weekly_target(potential_per_week, workdays),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "new_contacts": {"done": self.new, "target": self.new_target},
            "potential_contacts": {"done": self.potential, "target": self.potential_target},
        }


@dataclass(frozen=True)
class MonthSummary:
    first: date
    last: date
    weeks: tuple[WeekRow, ...]
    totals: Totals
    yearly_target: YearlyTarget
    score: Score | None = None  # only with the attendance_scoring setting on
    sales_target: PeriodTarget | None = None  # the month's share of the yearly target
    went_wrong: WentWrong | None = None
    contacts: ContactTargets | None = None
    # The first day counted: the month's first, or the day the store was first used if later.
    started: date | None = None

    @property
    def label(self) -> str:
        return self.first.strftime("%Y-%m")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "month": self.label,
            "start": self.first.isoformat(),
            "end": self.last.isoformat(),
            "weeks": [w.to_json() for w in self.weeks],
            "totals": self.totals.to_json(),
            "yearly_target": self.yearly_target.to_json(),
            "counted_from": _iso(self.started or self.first),
        }
        if self.contacts is not None:
            out["contacts"] = self.contacts.to_json()
        if self.score is not None:
            out["score"] = self.score.to_json()
        if self.sales_target is not None:
            out["sales_target"] = self.sales_target.to_json()
        if self.went_wrong is not None:
            out["went_wrong"] = self.went_wrong.to_json()
        return out
