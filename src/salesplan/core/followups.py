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

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

from salesplan.core.reasons import Day, Money, Term, Why, because, how_long_ago
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


def _last_by(c: ContactFacts, channel: str) -> date | None:
    """The last real contact by ``channel``: a visit's or an email's by its own kind, a call's
    by any (the base a cadence by that channel counts from)."""
    if channel == "visit":
        return c.last_visit
    if channel == "email":
        return c.last_email
    return c.last_contact


def _done(c: ContactFacts, opened: date, channel: str = "call") -> bool:
    """Whether a real contact by ``channel`` came on or after ``opened`` (a call item is done
    by any real contact; a visit's or an email's only by its own kind)."""
    last = _last_by(c, channel)
    return last is not None and last >= opened


class _Rules:
    """What every rule reads besides its facts (the day, the settings, the workday calendar),
    and the items it makes from them. (A plain class: made once per run, read all through it.)"""

    __slots__ = ("cal", "settings", "today")

    def __init__(self, today: date, settings: Settings, cal: Workdays) -> None:
        self.today, self.settings, self.cal = today, settings, cal

    def item(
        self,
        c: ContactFacts,
        due: date,
        rule: str,
        why: Why,
        channel: str = "call",
        deadline: date | None = None,
        **ids: Any,
    ) -> DueItem:
        """An item due on ``due`` (its deadline too, unless given), late by workdays: a weekend
        or a holiday after the deadline costs nothing."""
        deadline = due if deadline is None else deadline
        return DueItem(
            contact_id=c.id,
            contact=c.name,
            due=due,
            deadline=deadline,
            overdue_days=self.cal.days_late(deadline, self.today),
            rule=rule,
            reason=why.english(),
            channel=channel,
            why=why,
            **ids,
        )

    def cadence(
        self, c: ContactFacts, base: date, every: int, rule: str, why: Why, **ids: Any
    ) -> DueItem:
        """A call ``every`` days after ``base`` (the next workday, if that is a day off)."""
        return self.item(c, self.cal.on_or_after(base + timedelta(days=every)), rule, why, **ids)

    def window(self, c: ContactFacts, opens: date, closes: date, rule: str, why: Why) -> DueItem:
        """A call due when the window opens and late once it closes (each moved to a workday)."""
        due = self.cal.on_or_after(opens)
        return self.item(c, due, rule, why, deadline=max(due, self.cal.on_or_after(closes)))

    def before(self, on: date, days: int) -> date:
        """``days`` before a fixed date, moved to the workday before if that is a day off."""
        return self.cal.on_or_before(on - timedelta(days=days))


# --- the rule families: each makes the items of the rules it names ---------------------------
#
# A contact's families read its facts and how long ago it was last reached; a project's, the
# project and its contact; an event's, the event and every contact it invites. A new rule: its
# name in RULES, its condition in the family it belongs to (or a new family, named with
# ``_raises`` and listed in CONTACT_FAMILIES or PROJECT_FAMILIES).

FAMILIES: dict[str, tuple[str, ...]] = {}

_F = TypeVar("_F", bound=Callable[..., Iterator[DueItem]])


def _raises(*rules: str) -> Callable[[_F], _F]:
    """Names the rules of ``RULES`` a family raises (``FAMILIES``); the function is unchanged."""

    def named(family: _F) -> _F:
        assert set(rules) <= set(RULES), rules
        FAMILIES[family.__name__.lstrip("_")] = rules
        return family

    return named


@_raises("explicit")
def _promise(c: ContactFacts, ago: Why, r: _Rules) -> Iterator[DueItem]:
    """The latest promise while it stands: until a real contact on or after the workday before
    the promised day (a callback's: the next workday after it). A real contact earlier than that
    leaves it standing, and the reason says so."""
    if c.promise_made is None:
        return
    promised = c.next_date or r.cal.next_workday(c.promise_made)
    since = c.last_contact if c.contact_since_promise else None
    if since is not None and since >= r.before(promised, 1):
        return
    made, due = Day(c.promise_made, short=True), Day(promised, short=True)
    if c.next_date is None:
        reason = because(
            N_("callback on {made}: call back the next workday, {due}; {ago}"),
            made=made,
            due=due,
            ago=ago,
        )
    elif since is not None:
        reason = because(
            N_("promised on {made} for {due}; the {what} of {day} came before it"),
            made=made,
            due=due,
            what=Term(c.last_kind or "call", "kind"),
            day=Day(since, short=True),
        )
    else:
        reason = because(N_("promised on {made} for {due}; {ago}"), made=made, due=due, ago=ago)
    yield r.item(c, promised, "explicit", reason)


# A contact's cadence: (rule, whom it applies to, the setting with its days, by which channel,
# the reason). It counts from the last real contact by that channel (the contact's creation
# when there was none).
_CADENCES: tuple[tuple[str, Callable[[ContactFacts], bool], str, str, str], ...] = (
    (
        "unclear-email",
        lambda c: c.status == "unclear",
        "unclear_email_days",
        "email",
        N_("intent unclear: an email every {n} days; {ago}"),
    ),
    (
        "intent",
        lambda c: c.status == "intent",
        "intent_days",
        "call",
        N_("prospect with intent: contact every {n} days; {ago}"),
    ),
    (
        "key-customer",
        lambda c: c.tier == "key" and c.status != "lost",
        "key_customer_days",
        "call",
        N_("key customer: every {n} days; {ago}"),
    ),
    (
        "keep-in-touch",
        lambda c: c.status == "customer",
        "keep_in_touch_days",
        "call",
        N_("regular customer: keep in touch every {n} days; {ago}"),
    ),
)


@_raises(*(rule for rule, *_ in _CADENCES))
def _cadences(c: ContactFacts, ago: Why, r: _Rules) -> Iterator[DueItem]:
    """Prospects, key and regular customers: every so many days from the last real contact."""
    for rule, applies, setting, channel, message in _CADENCES:
        if not applies(c):
            continue
        n = getattr(r.settings, setting)
        last = _last_by(c, channel)
        # A call's counts from any real contact; an email's says when the last email went.
        since = ago if channel == "call" else how_long_ago(last, channel, r.today)
        why = because(message, n=n, ago=since)
        due = r.cal.on_or_after((last or c.created or r.today) + timedelta(days=n))
        yield r.item(c, due, rule, why, channel)


@_raises("after-sales-1", "after-sales-2")
def _after_sales(c: ContactFacts, ago: Why, r: _Rules) -> Iterator[DueItem]:
    """After a sale or a consultation: a first call in its window, then a second on a new topic
    counted from the first (a consultation's say so: a consultation is not a sale)."""
    if c.after_sales_from is None:
        return
    s, sale, first = r.settings, c.after_sales_of == "sale", c.after_sales_first
    opens = c.after_sales_from + timedelta(days=s.after_sales_first_from)
    if first is None or first < opens:
        why = because(
            N_("first after-sales call, {start}–{end} days after the sale of {day}")
            if sale
            else N_("first follow-up call, {start}–{end} days after the consultation of {day}"),
            start=s.after_sales_first_from,
            end=s.after_sales_first_to,
            day=Day(c.after_sales_from),
        )
        closes = c.after_sales_from + timedelta(days=s.after_sales_first_to)
        yield r.window(c, opens, closes, "after-sales-1", why)
        return
    opens = first + timedelta(days=s.after_sales_second_from)
    if _done(c, opens):
        return
    why = because(
        N_("second after-sales call on a new topic, a week after the first ({day})")
        if sale
        else N_(
            "second follow-up call after the consultation, on a new topic, a week after the "
            "first ({day})"
        ),
        day=Day(first),
    )
    yield r.window(c, opens, first + timedelta(days=s.after_sales_second_to), "after-sales-2", why)


CONTACT_FAMILIES = (_promise, _cadences, _after_sales)

# Stages a project is followed up in every ``stage_followup_days`` (design: weekly), and the
# stages it is open in.
_FOLLOWED_STAGES = ("bidding", "detailing", "delivery", "acceptance")
_OPEN_STAGES = ("design", *_FOLLOWED_STAGES)


@_raises("design-weekly", "stage-biweekly")
def _stage_followup(p: ProjectFacts, c: ContactFacts, ago: Why, r: _Rules) -> Iterator[DueItem]:
    """A project in design weekly, in the later open stages every so many days: from the last
    real contact with its contact (its creation only when there was none; a stage change is not
    a contact)."""
    base = c.last_contact or p.created or p.stage_since
    s = r.settings
    if p.stage == "design":
        why = because(
            N_("{project} in design stage: weekly follow-up; {ago}"), project=p.name, ago=ago
        )
        yield r.cadence(c, base, s.design_followup_days, "design-weekly", why, project_id=p.id)
    elif p.stage in _FOLLOWED_STAGES:
        why = because(
            N_("{project} in {stage} stage: follow up every {n} days; {ago}"),
            project=p.name,
            stage=Term(p.stage, "stage"),
            n=s.stage_followup_days,
            ago=ago,
        )
        yield r.cadence(c, base, s.stage_followup_days, "stage-biweekly", why, project_id=p.id)


@_raises("bid-docs", "bid-result")
def _bid(p: ProjectFacts, c: ContactFacts, ago: Why, r: _Rules) -> Iterator[DueItem]:
    """The commercial documents delivered (a visit) before the bid, the result asked after."""
    if p.bid_date is None or p.stage not in ("design", "bidding"):
        return
    before = r.settings.bid_docs_days_before
    docs = r.before(p.bid_date, before)
    if not _done(c, docs, "visit") and r.today <= p.bid_date:
        why = because(
            N_("{project}: commercial documents delivered {n} days before the bid on {day}"),
            project=p.name,
            n=before,
            day=Day(p.bid_date),
        )
        yield r.item(c, docs, "bid-docs", why, "visit", project_id=p.id)
    day_after = p.bid_date + timedelta(days=1)
    if p.stage == "bidding" and not _done(c, day_after):
        why = because(
            N_("{project}: ask the result of the bid on {day}"),
            project=p.name,
            day=Day(p.bid_date),
        )
        yield r.item(c, r.cal.on_or_after(day_after), "bid-result", why, project_id=p.id)


# A project's key date: its rule, the setting with the days before it, and the reason.
_KEY_DATES = {
    "delivery": (
        "delivery-confirm",
        "delivery_confirm_days_before",
        N_("{project}: confirm stock and delivery for {day}"),
    ),
    "acceptance": (
        "acceptance-docs",
        "acceptance_docs_days_before",
        N_("{project}: prepare the acceptance documents for {day}"),
    ),
}


@_raises(*(rule for rule, _, _ in _KEY_DATES.values()))
def _key_dates(p: ProjectFacts, c: ContactFacts, ago: Why, r: _Rules) -> Iterator[DueItem]:
    """Delivery and acceptance prepared so many days before their dates, while the project is
    open."""
    if p.stage not in _OPEN_STAGES:
        return
    for name, on in p.key_dates:
        if name not in _KEY_DATES or r.today > on:
            continue
        rule, setting, message = _KEY_DATES[name]
        due = r.before(on, getattr(r.settings, setting))
        if not _done(c, due):
            why = because(message, project=p.name, day=Day(on))
            yield r.item(c, due, rule, why, project_id=p.id)


@_raises("collect-balance")
def _collect_balance(p: ProjectFacts, c: ContactFacts, ago: Why, r: _Rules) -> Iterator[DueItem]:
    """Once accepted, the balance asked for every so many days until it is collected."""
    if p.accepted_on is None or p.stage == "lost" or p.amount is None or p.collected >= p.amount:
        return
    since = max(p.accepted_on, c.last_contact or p.accepted_on)
    why = because(
        N_("{project}: collect the balance ({collected} of {amount} collected); {ago}"),
        project=p.name,
        collected=Money(p.collected),
        amount=Money(p.amount),
        ago=ago,
    )
    n = r.settings.stage_followup_days
    yield r.cadence(c, since, n, "collect-balance", why, project_id=p.id)


PROJECT_FAMILIES = (_stage_followup, _bid, _key_dates, _collect_balance)


@_raises("event-invite", "event-letter")
def _event_invitations(
    e: EventFacts, by_id: dict[int, ContactFacts], r: _Rules
) -> Iterator[DueItem]:
    """An upcoming event: each invited contact phoned so many days ahead (from the day the event
    was made, if inside that window), then sent the letter within so many days of the call."""
    s = r.settings
    notice = r.before(e.on, s.event_notice_days)
    if e.created is not None and e.created > notice:
        notice = e.created  # made inside the window: due from the day it was made
    invite = because(
        N_("{event} on {day}: phone {n} days ahead"),
        event=e.name,
        day=Day(e.on),
        n=s.event_notice_days,
    )
    letter = because(
        N_("{event} on {day}: send the invitation within {n} days of the call"),
        event=e.name,
        day=Day(e.on),
        n=s.event_letter_days,
    )
    for cid in e.contact_ids:
        c = by_id.get(cid)
        if c is None:
            continue
        contacted = e.contacted.get(cid)
        if contacted is None:
            yield r.item(c, notice, "event-invite", invite, event_id=e.id)
        elif not contacted[1]:
            called = contacted[0]
            deadline = r.cal.on_or_after(called + timedelta(days=s.event_letter_days))
            yield r.item(c, called, "event-letter", letter, "email", deadline, event_id=e.id)


def due_items(
    contacts: Iterable[ContactFacts],
    projects: Sequence[ProjectFacts],
    events: Sequence[EventFacts],
    today: date,
    settings: Settings,
    workdays: Workdays | None = None,
) -> list[DueItem]:
    """Every open item, one per contact and rule (the most urgent), most urgent first: each
    contact through ``CONTACT_FAMILIES``, each project with its contact through
    ``PROJECT_FAMILIES``, each event to come through its invitations.

    ``workdays`` is the calendar cadences and deadlines move by (Monday to Friday if None).
    """
    r = _Rules(today, settings, workdays if workdays is not None else Workdays())
    by_id = {c.id: c for c in contacts}
    best: dict[tuple[int, str], DueItem] = {}

    def keep(items: Iterable[DueItem]) -> None:
        for item in items:
            key = (item.contact_id, item.rule)
            kept = best.get(key)
            if kept is None or item.sort_key() < kept.sort_key():
                best[key] = item

    for c in by_id.values():
        ago = how_long_ago(c.last_contact, c.last_kind, today)
        for family in CONTACT_FAMILIES:
            keep(family(c, ago, r))
    for p in projects:
        owner = by_id.get(p.contact_id)
        if owner is not None:
            ago = how_long_ago(owner.last_contact, owner.last_kind, today)
            for project_family in PROJECT_FAMILIES:
                keep(project_family(p, owner, ago, r))
    for e in events:
        if e.on >= today:
            keep(_event_invitations(e, by_id, r))
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
