"""Who is due for a follow-up, and why. Pure: facts, ``today`` and the workday calendar in,
due items out.

A *real contact* is one that reached the person (``core.vocab.is_real_contact``): a kept visit
or meeting, an email sent, a call that got through. ``no-answer``, ``busy`` and
``wrong-number`` count toward the call target but never complete, restart or satisfy a rule.
Every cadence counts from the last real contact, never from a fixed calendar; a project's
counts from the last real contact with its contact (its creation only when there was none),
and a stage change is not a contact. A promise for day D (``--next``, or a callback, which
without a date means the next workday) stands until a real contact on or after the workday
before D, or a newer promise; a real contact earlier than that leaves it standing. An item
whose channel is a visit or an email is done by that channel (``core.vocab.CHANNEL_KINDS``). A cadence that lands on a day off moves to the next workday; a deadline before a
fixed date (bid documents, event notice, key project dates) moves to the workday before.
A one-day rule is due and has its deadline on the same day; a window rule is due when the
window opens and overdue after it closes. An item is done once a real contact is logged on or
after the day it falls due (the event letter needs an email).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from salesplan.core.settings import Settings
from salesplan.core.workdays import Workdays
from salesplan.i18n import N_

# Prospects to develop: every status short of a customer, and not given up.
PROSPECT_STATUSES = ("lead", "intent", "unclear")

# A sale or consultation older than this no longer raises after-sales items: by then the
# keep-in-touch cadence has taken over.
AFTER_SALES_HORIZON_DAYS = 60


RULES = (
    "explicit",
    "design-weekly",
    "stage-biweekly",
    "bid-docs",
    "bid-result",
    "delivery-confirm",
    "acceptance-docs",
    "collect-balance",
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
    # The last real contact (attempts that reached nobody are not contacts).
    last_contact: date | None = None
    last_kind: str | None = None
    # The latest promise: the day it was made and the day promised (None for a callback
    # without a date: the next workday after it was made), and whether the last real contact
    # came after it was made (it keeps it only on or after the workday before its day).
    next_date: date | None = None
    promise_made: date | None = None
    contact_since_promise: bool = False
    # The last real contact by each channel that only it can do: a visit (or meeting), an
    # email. Read for the contacts with such an item (bid documents, unclear prospects).
    last_visit: date | None = None
    last_email: date | None = None
    phone: str | None = None
    company: str | None = None
    area: str | None = None
    # After-sales: the latest win or consultation, and the first contact logged once the
    # first follow-up window had opened; ``after_sales_of`` says which it was: ``sale`` (an
    # order, a project won) or ``consultation`` — a consultation is not a sale.
    after_sales_from: date | None = None
    after_sales_first: date | None = None
    after_sales_of: str = "sale"


@dataclass(frozen=True)
class ProjectFacts:
    id: int
    name: str
    contact_id: int
    stage: str
    stage_since: date
    bid_date: date | None = None
    created: date | None = None
    amount: int | None = None
    collected: int = 0
    # Key dates other than the bid: name → day (delivery, acceptance, …).
    key_dates: tuple[tuple[str, date], ...] = ()
    # The day acceptance was done (the acceptance date once past, or the win), for collections.
    accepted_on: date | None = None


@dataclass(frozen=True)
class EventFacts:
    id: int
    name: str
    on: date
    # contact id → (day of the invitation call: the first real call after the event was created
    # and inside the notice window; whether an email went out since)
    contacted: dict[int, tuple[date, bool]] = field(default_factory=dict)
    contact_ids: tuple[int, ...] = ()
    created: date | None = None


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


def _why(message: str, **values: Any) -> Why:
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
    why: Why | None = field(default=None, compare=False)
    # An email item's suggested template (plans.emails fills it for unclear prospects).
    template: str | None = None

    @property
    def reason_words(self) -> str:
        """The reason in the reader's language (``reason`` stays English, for JSON)."""
        return self.why.words() if self.why is not None else self.reason

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
        if self.channel == "email":
            out["template"] = self.template
        return out


def _ago(last: date | None, kind: str | None, today: date) -> Why:
    if last is None:
        return _why(N_("never contacted"))
    n = (today - last).days
    if kind is None:  # "last contact …": its own messages, as 联系 is not a kind of contact
        if n == 0:
            return _why(N_("last contact today"))
        if n < 0:
            return _why(N_("last contact on {day}"), day=Day(last))
        if n == 1:
            return _why(N_("last contact {n} day ago"), n=n)
        return _why(N_("last contact {n} days ago"), n=n)
    what = Term(kind, "kind")
    if n == 0:
        return _why(N_("last {what} today"), what=what)
    if n < 0:
        return _why(N_("last {what} on {day}"), what=what, day=Day(last))
    if n == 1:
        return _why(N_("last {what} {n} day ago"), what=what, n=n)
    return _why(N_("last {what} {n} days ago"), what=what, n=n)


def _item(
    c: ContactFacts,
    today: date,
    due: date,
    deadline: date,
    rule: str,
    why: Why,
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
        reason=why.english(),
        channel=channel,
        why=why,
        **ids,
    )


def _done(c: ContactFacts, opened: date, channel: str = "call") -> bool:
    """Whether a real contact by ``channel`` came on or after ``opened`` (a call item is done
    by any real contact; a visit's or an email's only by its own kind)."""
    last = {"visit": c.last_visit, "email": c.last_email}.get(channel, c.last_contact)
    return last is not None and last >= opened


def _last_by(c: ContactFacts, channel: str) -> date | None:
    """The base a cadence by ``channel`` counts from: the last real contact by that channel."""
    return {"visit": c.last_visit, "email": c.last_email}.get(channel, c.last_contact)


def _promise_item(c: ContactFacts, today: date, cal: Workdays, ago: Why) -> DueItem | None:
    """The item of the latest promise while it stands: until a real contact on or after the
    workday before the promised day (a callback's: the next workday after it). A real contact
    earlier than that leaves it standing, and the reason says so."""
    if c.promise_made is None:
        return None
    promised = c.next_date or cal.next_workday(c.promise_made)
    since = c.last_contact if c.contact_since_promise else None
    if since is not None and since >= cal.on_or_before(promised - timedelta(days=1)):
        return None
    made, due = Day(c.promise_made, short=True), Day(promised, short=True)
    if c.next_date is None:
        reason = _why(
            N_("callback on {made}: call back the next workday, {due}; {ago}"),
            made=made,
            due=due,
            ago=ago,
        )
    elif since is not None:
        reason = _why(
            N_("promised on {made} for {due}; the {what} of {day} came before it"),
            made=made,
            due=due,
            what=Term(c.last_kind or "call", "kind"),
            day=Day(since, short=True),
        )
    else:
        reason = _why(N_("promised on {made} for {due}; {ago}"), made=made, due=due, ago=ago)
    return _item(c, today, promised, promised, "explicit", reason, "call")


def due_items(
    contacts: Iterable[ContactFacts],
    projects: Sequence[ProjectFacts],
    events: Sequence[EventFacts],
    today: date,
    settings: Settings,
    workdays: Workdays | None = None,
) -> list[DueItem]:
    """Every open item, one per contact and rule, most urgent first.

    ``workdays`` is the calendar cadences and deadlines move by (Monday to Friday if None).
    """
    cal = workdays if workdays is not None else Workdays()
    fwd, back = cal.on_or_after, cal.on_or_before
    by_id = {c.id: c for c in contacts}
    best: dict[tuple[int, str], DueItem] = {}

    def keep(item: DueItem) -> None:
        # Late by workdays: a weekend or a holiday after the deadline costs nothing.
        item = replace(item, overdue_days=cal.days_late(item.deadline, today))
        key = (item.contact_id, item.rule)
        if key not in best or item.sort_key() < best[key].sort_key():
            best[key] = item

    def cadence(
        c: ContactFacts, base: date, every: int, rule: str, reason: Why, channel: str
    ) -> None:
        due = fwd(base + timedelta(days=every))
        keep(_item(c, today, due, due, rule, reason, channel))

    days = timedelta
    for c in by_id.values():
        base = c.last_contact or c.created or today
        ago = _ago(c.last_contact, c.last_kind, today)
        promise = _promise_item(c, today, cal, ago)
        if promise is not None:
            keep(promise)
        if c.status == "unclear":
            n = settings.unclear_email_days
            emailed = _last_by(c, "email")
            cadence(
                c,
                emailed or c.created or today,
                n,
                "unclear-email",
                _why(
                    N_("intent unclear: an email every {n} days; {ago}"),
                    n=n,
                    ago=_ago(emailed, "email", today),
                ),
                "email",
            )
        elif c.status == "intent":
            n = settings.intent_days
            cadence(
                c,
                base,
                n,
                "intent",
                _why(N_("prospect with intent: contact every {n} days; {ago}"), n=n, ago=ago),
                "call",
            )
        if c.tier == "key" and c.status != "lost":
            n = settings.key_customer_days
            cadence(
                c,
                base,
                n,
                "key-customer",
                _why(N_("key customer: every {n} days; {ago}"), n=n, ago=ago),
                "call",
            )
        if c.status == "customer":
            n = settings.keep_in_touch_days
            cadence(
                c,
                base,
                n,
                "keep-in-touch",
                _why(N_("regular customer: keep in touch every {n} days; {ago}"), n=n, ago=ago),
                "call",
            )
        if c.after_sales_from is not None:
            first = c.after_sales_first
            raw_opens = c.after_sales_from + days(settings.after_sales_first_from)
            if first is None or first < raw_opens:
                opens = fwd(raw_opens)
                closes = max(opens, fwd(c.after_sales_from + days(settings.after_sales_first_to)))
                keep(
                    _item(
                        c,
                        today,
                        opens,
                        closes,
                        "after-sales-1",
                        _why(
                            N_("first after-sales call, {start}–{end} days after the sale of {day}")
                            if c.after_sales_of == "sale"
                            else N_(
                                "first follow-up call, {start}–{end} days after the consultation of {day}"
                            ),
                            start=settings.after_sales_first_from,
                            end=settings.after_sales_first_to,
                            day=Day(c.after_sales_from),
                        ),
                        "call",
                    )
                )
            else:
                opens2 = fwd(first + days(settings.after_sales_second_from))
                closes2 = max(opens2, fwd(first + days(settings.after_sales_second_to)))
                if not _done(c, first + days(settings.after_sales_second_from)):
                    keep(
                        _item(
                            c,
                            today,
                            opens2,
                            closes2,
                            "after-sales-2",
                            _why(
                                N_(
                                    "second after-sales call on a new topic, a week after the "
                                    "first ({day})"
                                )
                                if c.after_sales_of == "sale"
                                else N_(
                                    "second follow-up call after the consultation, on a new "
                                    "topic, a week after the first ({day})"
                                ),
                                day=Day(first),
                            ),
                            "call",
                        )
                    )

    for p in projects:
        owner = by_id.get(p.contact_id)
        if owner is None:
            continue
        c = owner
        # From the last real contact with the project's contact; the project's creation only
        # when there was none. A stage change is not a contact.
        base = c.last_contact or p.created or p.stage_since
        ago = _ago(c.last_contact, c.last_kind, today)
        ids = {"project_id": p.id}
        if p.stage == "design":
            due = fwd(base + days(settings.design_followup_days))
            keep(
                _item(
                    c,
                    today,
                    due,
                    due,
                    "design-weekly",
                    _why(
                        N_("{project} in design stage: weekly follow-up; {ago}"),
                        project=p.name,
                        ago=ago,
                    ),
                    "call",
                    **ids,
                )
            )
        elif p.stage in ("bidding", "detailing", "delivery", "acceptance"):
            due = fwd(base + days(settings.stage_followup_days))
            keep(
                _item(
                    c,
                    today,
                    due,
                    due,
                    "stage-biweekly",
                    _why(
                        N_("{project} in {stage} stage: follow up every {n} days; {ago}"),
                        project=p.name,
                        stage=Term(p.stage, "stage"),
                        n=settings.stage_followup_days,
                        ago=ago,
                    ),
                    "call",
                    **ids,
                )
            )
        if p.bid_date is not None and p.stage in ("design", "bidding"):
            raw = p.bid_date - days(settings.bid_docs_days_before)
            docs = back(raw)
            if not _done(c, docs, "visit") and today <= p.bid_date:
                keep(
                    _item(
                        c,
                        today,
                        docs,
                        docs,
                        "bid-docs",
                        _why(
                            N_(
                                "{project}: commercial documents delivered {n} days before "
                                "the bid on {day}"
                            ),
                            project=p.name,
                            n=settings.bid_docs_days_before,
                            day=Day(p.bid_date),
                        ),
                        "visit",
                        **ids,
                    )
                )
        if p.bid_date is not None and p.stage == "bidding":
            ask = fwd(p.bid_date + days(1))
            if not _done(c, p.bid_date + days(1)):
                keep(
                    _item(
                        c,
                        today,
                        ask,
                        ask,
                        "bid-result",
                        _why(
                            N_("{project}: ask the result of the bid on {day}"),
                            project=p.name,
                            day=Day(p.bid_date),
                        ),
                        "call",
                        **ids,
                    )
                )
        if p.stage in ("design", "bidding", "detailing", "delivery", "acceptance"):
            for name, on in p.key_dates:
                if name == "delivery":
                    rule, before = "delivery-confirm", settings.delivery_confirm_days_before
                    what = _why(
                        N_("{project}: confirm stock and delivery for {day}"),
                        project=p.name,
                        day=Day(on),
                    )
                elif name == "acceptance":
                    rule, before = "acceptance-docs", settings.acceptance_docs_days_before
                    what = _why(
                        N_("{project}: prepare the acceptance documents for {day}"),
                        project=p.name,
                        day=Day(on),
                    )
                else:
                    continue
                due = back(on - days(before))
                if today <= on and not _done(c, due):
                    keep(_item(c, today, due, due, rule, what, "call", **ids))
        if (
            p.accepted_on is not None
            and p.stage != "lost"
            and p.amount is not None
            and p.collected < p.amount
        ):
            since = max(p.accepted_on, c.last_contact or p.accepted_on)
            due = fwd(since + days(settings.stage_followup_days))
            keep(
                _item(
                    c,
                    today,
                    due,
                    due,
                    "collect-balance",
                    _why(
                        N_(
                            "{project}: collect the balance ({collected} of {amount} collected); {ago}"
                        ),
                        project=p.name,
                        collected=Money(p.collected),
                        amount=Money(p.amount),
                        ago=ago,
                    ),
                    "call",
                    **ids,
                )
            )

    for e in events:
        if e.on < today:
            continue
        notice = back(e.on - days(settings.event_notice_days))
        if e.created is not None and e.created > notice:
            notice = e.created  # made inside the window: due from the day it was made
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
                        _why(
                            N_("{event} on {day}: phone {n} days ahead"),
                            event=e.name,
                            day=Day(e.on),
                            n=settings.event_notice_days,
                        ),
                        "call",
                        event_id=e.id,
                    )
                )
            elif not contacted[1]:
                called = contacted[0]
                deadline = fwd(called + days(settings.event_letter_days))
                keep(
                    _item(
                        c,
                        today,
                        called,
                        deadline,
                        "event-letter",
                        _why(
                            N_("{event} on {day}: send the invitation within {n} days of the call"),
                            event=e.name,
                            day=Day(e.on),
                            n=settings.event_letter_days,
                        ),
                        "email",
                        event_id=e.id,
                    )
                )

    return sorted(best.values(), key=DueItem.sort_key)


def overdue(items: Iterable[DueItem]) -> list[DueItem]:
    """The items overdue on the day they were collected: late by at least one workday past
    the deadline. A deadline followed only by days off (a Thursday item on the 元旦 Saturday, a
    Friday item on the Sunday) is not overdue yet. ``due``, the day sheet and the reports all
    count with this."""
    return [i for i in items if i.overdue_days > 0]


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


def calls_due(items: Sequence[DueItem]) -> list[tuple[DueItem, list[DueItem]]]:
    """The follow-ups a call block works through: one call per person, for the items due by
    phone (sorted, most urgent first). Each person's most urgent item leads, with the others
    that one call settles. The call list under the day's call block and the ``calls``
    session both ask this, so both count the same people."""
    return most_urgent_per_contact([i for i in items if i.channel == "call"])
