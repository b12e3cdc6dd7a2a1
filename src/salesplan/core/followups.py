"""Who is due for a follow-up, and why. Pure: facts and ``today`` in, due items out.

Every cadence is counted from the last real contact (the latest logged call, visit, email or
meeting with that person), never from a fixed calendar; a project's cadence restarts when it
changes stage. A one-day rule is due and has its deadline on the same day; a window rule is
due when the window opens and overdue after it closes. An item is done once any contact is
logged on or after the day it falls due (the event letter needs an email).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from salesplan.core.settings import Settings

RULES = (
    "explicit",
    "design-weekly",
    "stage-biweekly",
    "bid-docs",
    "bid-result",
    "after-sales-1",
    "after-sales-2",
    "unclear-email",
    "intent",
    "key-customer",
    "keep-in-touch",
    "event-invite",
    "event-letter",
)


@dataclass(frozen=True)
class ContactFacts:
    id: int
    name: str
    tier: str = "normal"
    status: str = "lead"
    created: date | None = None
    last_contact: date | None = None
    last_kind: str | None = None
    next_date: date | None = None
    phone: str | None = None
    company: str | None = None
    area: str | None = None
    # After-sales: the latest win or consultation, and the first contact logged once the
    # first follow-up window had opened.
    after_sales_from: date | None = None
    after_sales_first: date | None = None


@dataclass(frozen=True)
class ProjectFacts:
    id: int
    name: str
    contact_id: int
    stage: str
    stage_since: date
    bid_date: date | None = None


@dataclass(frozen=True)
class EventFacts:
    id: int
    name: str
    on: date
    # contact id → (date of the first contact once the invitation window opened, emailed since)
    contacted: dict[int, tuple[date, bool]] = field(default_factory=dict)
    contact_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class DueItem:
    contact_id: int
    contact: str
    due: date
    deadline: date
    overdue_days: int
    rule: str
    reason: str
    channel: str
    project_id: int | None = None
    event_id: int | None = None

    def sort_key(self) -> tuple[Any, ...]:
        return (-self.overdue_days, self.due, self.contact_id, RULES.index(self.rule))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "contact_id": self.contact_id,
            "contact": self.contact,
            "due": self.due.isoformat(),
            "deadline": self.deadline.isoformat(),
            "overdue_days": self.overdue_days,
            "rule": self.rule,
            "reason": self.reason,
            "channel": self.channel,
        }
        if self.project_id is not None:
            out["project_id"] = self.project_id
        if self.event_id is not None:
            out["event_id"] = self.event_id
        return out


def _ago(last: date | None, kind: str | None, today: date) -> str:
    if last is None:
        return "never contacted"
    n = (today - last).days
    what = kind or "contact"
    if n == 0:
        return f"last {what} today"
    if n < 0:
        return f"last {what} on {last.isoformat()}"
    return f"last {what} {n} day{'s' if n != 1 else ''} ago"


def _item(
    c: ContactFacts,
    today: date,
    due: date,
    deadline: date,
    rule: str,
    reason: str,
    channel: str,
    **ids: Any,
) -> DueItem:
    return DueItem(
        contact_id=c.id,
        contact=c.name,
        due=due,
        deadline=deadline,
        overdue_days=max(0, (today - deadline).days),
        rule=rule,
        reason=reason,
        channel=channel,
        **ids,
    )


def _done(c: ContactFacts, opened: date) -> bool:
    return c.last_contact is not None and c.last_contact >= opened


def due_items(
    contacts: Iterable[ContactFacts],
    projects: Sequence[ProjectFacts],
    events: Sequence[EventFacts],
    today: date,
    settings: Settings,
) -> list[DueItem]:
    """Every open item, one per contact and rule, most urgent first."""
    by_id = {c.id: c for c in contacts}
    best: dict[tuple[int, str], DueItem] = {}

    def keep(item: DueItem) -> None:
        key = (item.contact_id, item.rule)
        if key not in best or item.sort_key() < best[key].sort_key():
            best[key] = item

    days = timedelta
    for c in by_id.values():
        base = c.last_contact or c.created or today
        ago = _ago(c.last_contact, c.last_kind, today)
        if c.next_date is not None:
            keep(
                _item(
                    c,
                    today,
                    c.next_date,
                    c.next_date,
                    "explicit",
                    f"follow-up you set for {c.next_date.isoformat()}; {ago}",
                    "call",
                )
            )
        if c.status == "unclear":
            due = base + days(settings.unclear_email_days)
            keep(
                _item(
                    c,
                    today,
                    due,
                    due,
                    "unclear-email",
                    f"intent unclear: an email every {settings.unclear_email_days} days; {ago}",
                    "email",
                )
            )
        elif c.status == "intent":
            due = base + days(settings.intent_days)
            keep(
                _item(
                    c,
                    today,
                    due,
                    due,
                    "intent",
                    f"prospect with intent: contact every {settings.intent_days} days; {ago}",
                    "call",
                )
            )
        if c.tier == "key" and c.status != "lost":
            due = base + days(settings.key_customer_days)
            keep(
                _item(
                    c,
                    today,
                    due,
                    due,
                    "key-customer",
                    f"key customer: every {settings.key_customer_days} days; {ago}",
                    "call",
                )
            )
        if c.status == "customer":
            due = base + days(settings.keep_in_touch_days)
            keep(
                _item(
                    c,
                    today,
                    due,
                    due,
                    "keep-in-touch",
                    f"regular customer: keep in touch every {settings.keep_in_touch_days} days; {ago}",
                    "call",
                )
            )
        if c.after_sales_from is not None:
            opens = c.after_sales_from + days(settings.after_sales_first_from)
            closes = c.after_sales_from + days(settings.after_sales_first_to)
            first = c.after_sales_first
            if first is None or first < opens:
                keep(
                    _item(
                        c,
                        today,
                        opens,
                        closes,
                        "after-sales-1",
                        f"first after-sales call, {settings.after_sales_first_from}–"
                        f"{settings.after_sales_first_to} days after the sale of "
                        f"{c.after_sales_from.isoformat()}",
                        "call",
                    )
                )
            else:
                opens2 = first + days(settings.after_sales_second_from)
                closes2 = first + days(settings.after_sales_second_to)
                if not _done(c, opens2):
                    keep(
                        _item(
                            c,
                            today,
                            opens2,
                            closes2,
                            "after-sales-2",
                            f"second after-sales call on a new topic, a week after the first "
                            f"({first.isoformat()})",
                            "call",
                        )
                    )

    for p in projects:
        owner = by_id.get(p.contact_id)
        if owner is None:
            continue
        c = owner
        base = max(d for d in (c.last_contact, p.stage_since) if d is not None)
        ago = _ago(c.last_contact, c.last_kind, today)
        if p.stage == "design":
            due = base + days(settings.design_followup_days)
            keep(
                _item(
                    c,
                    today,
                    due,
                    due,
                    "design-weekly",
                    f"{p.name} in design stage: weekly follow-up; {ago}",
                    "call",
                    project_id=p.id,
                )
            )
        elif p.stage in ("bidding", "detailing", "delivery", "acceptance"):
            due = base + days(settings.stage_followup_days)
            keep(
                _item(
                    c,
                    today,
                    due,
                    due,
                    "stage-biweekly",
                    f"{p.name} in {p.stage} stage: follow up every {settings.stage_followup_days} days; {ago}",
                    "call",
                    project_id=p.id,
                )
            )
        if p.bid_date is not None and p.stage in ("design", "bidding"):
            docs = p.bid_date - days(settings.bid_docs_days_before)
            if not _done(c, docs) and today <= p.bid_date:
                keep(
                    _item(
                        c,
                        today,
                        docs,
                        docs,
                        "bid-docs",
                        f"{p.name}: commercial documents delivered {settings.bid_docs_days_before} "
                        f"days before the bid on {p.bid_date.isoformat()}",
                        "visit",
                        project_id=p.id,
                    )
                )
        if p.bid_date is not None and p.stage == "bidding":
            ask = p.bid_date + days(1)
            if not _done(c, ask):
                keep(
                    _item(
                        c,
                        today,
                        ask,
                        ask,
                        "bid-result",
                        f"{p.name}: ask the result of the bid on {p.bid_date.isoformat()}",
                        "call",
                        project_id=p.id,
                    )
                )

    for e in events:
        if e.on < today:
            continue
        notice = e.on - days(settings.event_notice_days)
        for cid in e.contact_ids:
            invited = by_id.get(cid)
            if invited is None:
                continue
            c = invited
            contacted = e.contacted.get(cid)
            if contacted is None:
                keep(
                    _item(
                        c,
                        today,
                        notice,
                        notice,
                        "event-invite",
                        f"{e.name} on {e.on.isoformat()}: phone {settings.event_notice_days} days ahead",
                        "call",
                        event_id=e.id,
                    )
                )
            elif not contacted[1]:
                called = contacted[0]
                deadline = called + days(settings.event_letter_days)
                keep(
                    _item(
                        c,
                        today,
                        called,
                        deadline,
                        "event-letter",
                        f"{e.name} on {e.on.isoformat()}: send the invitation within "
                        f"{settings.event_letter_days} days of the call",
                        "email",
                        event_id=e.id,
                    )
                )

    return sorted(best.values(), key=DueItem.sort_key)


def due_until(items: Iterable[DueItem], until: date) -> list[DueItem]:
    return [i for i in items if i.due <= until]


def most_urgent_per_contact(items: Sequence[DueItem]) -> list[tuple[DueItem, list[DueItem]]]:
    """Fold a contact's items under its most urgent one (items must be sorted)."""
    groups: dict[int, tuple[DueItem, list[DueItem]]] = {}
    for item in items:
        if item.contact_id in groups:
            groups[item.contact_id][1].append(item)
        else:
            groups[item.contact_id] = (item, [])
    return list(groups.values())
