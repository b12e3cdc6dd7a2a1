"""A realistic, reproducible history for one salesperson. Pure: a seed and a date in, rows out.

Shaped by the sales plans: ~30 calls every workday (the morning block and the office hour),
~20 visits a week in the field, new names every week, projects moving through the stages
with bids, wins, losses and collections, expenses and notes.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from salesplan.core.demo_world import (
    AREAS,
    CALL_OUTCOMES,
    CHINESE_COMPANIES,
    CHINESE_NAMES,
    COMPANIES,
    GIVEN,
    NOTES,
    PINYIN,
    PROJECT_NAMES,
    STAGES,
    SURNAMES,
    VISIT_OUTCOMES,
)
from salesplan.core.followups import (
    AFTER_SALES_HORIZON_DAYS,
    ContactFacts,
    ProjectFacts,
    due_items,
)
from salesplan.core.settings import Settings
from salesplan.core.vocab import is_real_contact
from salesplan.core.workdays import Workdays


@dataclass
class DemoData:
    contacts: list[dict[str, Any]] = field(default_factory=list)
    activities: list[dict[str, Any]] = field(default_factory=list)
    appointments: list[dict[str, Any]] = field(default_factory=list)
    projects: list[dict[str, Any]] = field(
        default_factory=list
    )  # with "stages" and "payments" lists
    expenses: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return (
            len(self.contacts)
            + len(self.activities)
            + len(self.appointments)
            + len(self.projects)
            + len(self.expenses)
            + len(self.notes)
            + len(self.events)
        )


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def _name(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return rng.choice(PINYIN)
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
    return rng.choice(SURNAMES) + given


def _at(day: date, start: str, end: str, rng: random.Random) -> datetime:
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    lo, hi = h1 * 60 + m1, h2 * 60 + m2
    minute = rng.randrange(lo, hi)
    return datetime.combine(day, time(minute // 60, minute % 60))


@dataclass
class _Seen:
    """What the follow-up rules know of one contact, kept as the simulated days pass."""

    last: date | None = None
    kind: str | None = None
    promise_made: date | None = None
    next_date: date | None = None
    since_promise: bool = False
    visit: date | None = None  # the last real visit or meeting, and email
    email: date | None = None
    sales_from: date | None = None
    sales_first: date | None = None
    sales_of: str = "sale"


def _stage_on(p: dict[str, Any], day: date) -> tuple[str, date] | None:
    current = None
    for stage, since in p["stages"]:
        if since <= day:
            current = (stage, since)
    return current


def _project_facts(index: int, p: dict[str, Any], day: date) -> ProjectFacts | None:
    """The project as the store would read it on ``day`` (None: not open, nothing owed)."""
    if p["created"] > day:
        return None
    at = _stage_on(p, day)
    if at is None or at[0] == "lost":
        return None
    stage, since = at
    collected = sum(pay["amount"] for pay in p["payments"] if pay["on"] <= day)
    if stage == "won" and collected >= p["amount"]:
        return None
    return ProjectFacts(
        index,
        p["name"],
        p["contact"],
        stage,
        since,
        p["bid"],
        created=p["created"],
        amount=p["amount"],
        collected=collected,
        accepted_on=since if stage == "won" else None,
    )


def generate(
    *,
    today: date,
    years: int = 1,
    seed: int = 42,
    settings: Settings | None = None,
    workdays: Workdays | None = None,
    chinese: bool = False,
) -> DemoData:
    """The history of a diligent salesperson up to ``today``.

    Follow-ups are worked the way ``due`` asks for them: the simulation keeps, for every
    contact, the facts the follow-up rules read (last real contact, the promise standing,
    after-sales, the projects' stages) and asks :func:`due_items` when the contact is next
    due, so a promise made is kept on or near its day and an unanswered call is tried again
    the next workday. Only today's work and a few unanswered retries are left open.

    Every step draws from the one ``rng`` in a fixed order, so a seed gives the same store.
    ``chinese`` writes the foreign names and companies in Chinese (after the draws).
    """
    settings = settings if settings is not None else Settings()
    cal = workdays if workdays is not None else Workdays()
    rng = random.Random(seed)
    data = DemoData()
    first = today - timedelta(days=365 * years)
    data.contacts = _make_contacts(rng, first, today, total=1000 * years)
    # Projects: about three a week, moving through the stages.
    for _ in range(150 * years):
        project = _make_project(rng, data.contacts, first, today)
        if project is not None:
            data.projects.append(project)
    follow = _FollowUps(data, settings, cal)
    day = first
    while day <= today:
        follow.start_day(day)
        if cal.is_workday(day) and follow.known:
            if day < today:
                _work_the_day(rng, day, data, follow, cal)
            if day.weekday() == 4:
                data.notes.append(_week_note(rng, day))
        day += timedelta(days=1)
    _book_the_days_ahead(rng, data, today, cal, follow.known)
    data.events.append(
        {
            "name": "客户答谢日",
            "on": today + timedelta(days=20),
            "tier": None,
            "status": "customer",
            "area": "朝阳",
        }
    )
    if chinese:
        for c in data.contacts:
            c["name"] = CHINESE_NAMES.get(c["name"], c["name"])
            c["company"] = CHINESE_COMPANIES.get(c["company"], c["company"])
    return data


def _make_contacts(
    rng: random.Random, first: date, today: date, total: int
) -> list[dict[str, Any]]:
    """A base list at the start, then new names every week, in the order they were entered.

    Most names stay leads; a few hundred customers and a handful of live prospects carry the
    cadences.
    """
    contacts: list[dict[str, Any]] = []
    base = total // 5
    for i in range(total):
        created = (
            first
            if i < base
            else first + timedelta(days=rng.randrange(0, (today - first).days + 1))
        )
        status = _pick(
            rng, (("lead", 73.4), ("intent", 0.3), ("unclear", 0.3), ("customer", 6), ("lost", 20))
        )
        contacts.append(
            {
                "name": _name(rng),
                "company": rng.choice(COMPANIES),
                "phone": f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}",
                "area": rng.choice(AREAS),
                "tier": "key" if rng.random() < 0.02 else "normal",
                "status": status,
                "created": datetime.combine(created, time(rng.randrange(9, 19), rng.randrange(60))),
                "flag_credit": rng.random() < 0.01,
                "flag_abnormal": rng.random() < 0.005,
                # Prospects written to have an address (the unclear ones get an email every
                # two days); made from the index, so the random draws stay as they were.
                "email": f"buyer{i}@example.cn" if status in ("intent", "unclear") else None,
            }
        )
    contacts.sort(key=lambda c: c["created"])
    return contacts


def _make_project(
    rng: random.Random, contacts: list[dict[str, Any]], first: date, today: date
) -> dict[str, Any] | None:
    """One project of a contact not lost, its stages up to ``today`` and its payments."""
    contact = rng.randrange(len(contacts))
    if contacts[contact]["status"] == "lost":
        return None
    created = max(
        contacts[contact]["created"].date(),
        first + timedelta(days=rng.randrange(0, max(1, (today - first).days))),
    )
    fate = rng.random()
    steps = rng.randint(0, 5)
    amount = rng.randrange(50_000, 2_000_000) * 100
    stages, bid = _stages_passed(rng, created, steps, today)
    payments = _project_end(rng, stages, fate, amount, today)
    return {
        "name": f"{contacts[contact]['area']}{rng.choice(PROJECT_NAMES)}",
        "contact": contact,
        "amount": amount,
        "bid": bid if bid and bid >= created else None,
        "stages": stages,
        "payments": payments,
        "created": created,
    }


def _stages_passed(
    rng: random.Random, created: date, steps: int, today: date
) -> tuple[list[tuple[str, date]], date | None]:
    """The stages a project reached by ``today`` (from design, ``steps`` on) and its bid day."""
    stage_day = created
    stages = [("design", created)]
    bid = None
    for stage in STAGES[1 : 1 + steps]:
        stage_day = stage_day + timedelta(days=rng.randint(7, 40))
        if stage_day > today:
            break
        stages.append((stage, stage_day))
        if stage == "bidding":
            bid = stage_day + timedelta(days=rng.randint(5, 20))
    return stages, bid


def _project_end(
    rng: random.Random, stages: list[tuple[str, date]], fate: float, amount: int, today: date
) -> list[dict[str, Any]]:
    """Win (adding the payments, returned) or lose the project: ``stages`` gets its end."""
    payments: list[dict[str, Any]] = []
    last_stage, last_day = stages[-1]
    if last_stage == "acceptance" and fate < 0.8:
        won_day = last_day + timedelta(days=rng.randint(3, 20))
        if won_day <= today:
            stages.append(("won", won_day))
            advance = amount * 3 // 10
            on = stages[1][1] if len(stages) > 1 else won_day
            payments.append({"amount": advance, "on": on, "note": "预付款"})
            if won_day + timedelta(days=30) <= today:
                rest_on = won_day + timedelta(days=30)
                payments.append({"amount": amount - advance, "on": rest_on, "note": "尾款"})
    elif (fate > 0.75 or last_day + timedelta(days=60) < today) and last_day + timedelta(
        days=30
    ) <= today:
        # Projects do not sit in a stage for years: those that stall are lost.
        stages.append(("lost", last_day + timedelta(days=rng.randint(5, 30))))
    return payments


class _FollowUps:
    """The salesperson's follow-up queue, kept the way ``due`` would list it as days pass."""

    def __init__(self, data: DemoData, settings: Settings, cal: Workdays) -> None:
        self.contacts = data.contacts
        self.projects = data.projects
        self.settings = settings
        self.cal = cal
        self.known: list[int] = []  # indices of contacts known so far, grown as days pass
        self.due: list[tuple[date, int]] = []  # (day due, contact), a heap
        self.scheduled: dict[int, date] = {}  # contact → the one day it is next due
        self.seen: dict[int, _Seen] = {}
        self.horizon = timedelta(days=AFTER_SALES_HORIZON_DAYS)
        self.first_from = timedelta(days=settings.after_sales_first_from)
        # The days something changes a contact's follow-ups besides a contact: a project is
        # entered, changes stage, or is paid; a win starts the after-sales calls.
        self.projects_of: dict[int, list[int]] = {}
        self.changes: dict[date, set[int]] = {}
        self.wins: dict[date, list[int]] = {}
        for n, p in enumerate(data.projects):
            self.projects_of.setdefault(p["contact"], []).append(n)
            days = [p["created"], *(d for _, d in p["stages"]), *(x["on"] for x in p["payments"])]
            for on in days:
                self.changes.setdefault(on, set()).add(p["contact"])
            for stage, on in p["stages"]:
                if stage == "won":
                    self.wins.setdefault(on, []).append(p["contact"])

    def start_day(self, day: date) -> None:
        """What the day brings before any work: wins, project changes, names entered."""
        for contact in self.wins.get(day, ()):
            k = self.seen.setdefault(contact, _Seen())
            if k.sales_from is None or day > k.sales_from:
                k.sales_from, k.sales_first = day, None
        for contact in self.changes.get(day, ()):
            if contact < len(self.known):
                self.plan(contact, day)
        while (
            len(self.known) < len(self.contacts)
            and self.contacts[len(self.known)]["created"].date() <= day
        ):
            self.known.append(len(self.known))
            self.plan(self.known[-1], day)

    def _facts(self, contact: int, day: date) -> ContactFacts:
        c = self.contacts[contact]
        k = self.seen.setdefault(contact, _Seen())
        sales = k.sales_from if k.sales_from and day - k.sales_from <= self.horizon else None
        return ContactFacts(
            id=contact,
            name=c["name"],
            tier=c["tier"],
            status=c["status"],
            created=c["created"].date(),
            last_contact=k.last,
            last_kind=k.kind,
            next_date=k.next_date,
            promise_made=k.promise_made,
            contact_since_promise=k.since_promise,
            last_visit=k.visit,
            last_email=k.email,
            after_sales_from=sales,
            after_sales_first=k.sales_first if sales else None,
            after_sales_of=k.sales_of,
        )

    def plan(self, contact: int, day: date) -> None:
        """Put the contact in the queue for its earliest open item, as ``due`` would list it."""
        facts = self._facts(contact, day)
        projects = [
            f
            for n in self.projects_of.get(contact, ())
            if (f := _project_facts(n, self.projects[n], day)) is not None
        ]
        items = due_items([facts], projects, (), day, self.settings, self.cal)
        if not items:
            self.scheduled.pop(contact, None)
            return
        on = min(i.due for i in items)
        self.scheduled[contact] = on
        heapq.heappush(self.due, (on, contact))

    def touched(self, contact: int, day: date, kind: str, outcome: str, nxt: date | None) -> None:
        """A contact logged: what the rules know of it changes, and so its place in the queue."""
        k = self.seen.setdefault(contact, _Seen())
        if is_real_contact(kind, outcome):
            k.last, k.kind = day, kind
            k.since_promise = k.promise_made is not None  # the rules say whether it kept it
            if kind in ("visit", "meeting"):
                k.visit = day
            elif kind == "email":
                k.email = day
            if k.sales_from and k.sales_first is None and day >= k.sales_from + self.first_from:
                k.sales_first = day
        if outcome in ("consultation", "order"):
            k.sales_from, k.sales_first = day, None
            k.sales_of = "consultation" if outcome == "consultation" else "sale"
        if outcome == "callback" or nxt is not None:
            k.promise_made, k.next_date, k.since_promise = day, nxt, False
        self.plan(contact, day)

    def take_due(self, day: date, limit: int) -> list[int]:
        """Up to ``limit`` contacts due by ``day``, earliest first."""
        picked: list[int] = []
        while self.due and self.due[0][0] <= day and len(picked) < limit:
            on, contact = heapq.heappop(self.due)
            if self.scheduled.get(contact) == on and contact not in picked:
                picked.append(contact)
        return picked


class _Made(NamedTuple):
    """One contact the day makes, as the log's row (the appointment only for a visit)."""

    kind: str
    at: datetime
    contact: int | None
    outcome: str
    next: date | None = None
    note: str | None = None
    appointment: int | None = None


def _work_the_day(
    rng: random.Random, day: date, data: DemoData, follow: _FollowUps, cal: Workdays
) -> None:
    """A finished workday: the visits booked, the calls, the log in time order, the expenses.

    Whoever is still due (an unanswered call, a full day) is tried the next workday, from the
    top of the queue.
    """
    made = _visits(rng, day, data, follow)
    if rng.random() < 0.08:
        contact = rng.choice(follow.known)
        start = _at(day, "10:00", "16:00", rng)
        data.appointments.append(_appointment(data, contact, start, 60, "cancelled"))
    made += _calls(rng, day, data, follow, cal)
    # In the order they happened, as the store reads them: a promise made at 17:00 is not
    # kept by a visit at 11:00.
    made.sort(key=lambda m: m.at)
    for m in made:
        row: dict[str, Any] = m._asdict()
        if m.appointment is None:
            del row["appointment"]
        data.activities.append(row)
        if m.contact is not None:
            follow.touched(m.contact, day, m.kind, m.outcome, m.next)
    data.expenses.append(
        {"amount": rng.randrange(3000, 15000), "category": "travel", "on": day, "note": "打车/油费"}
    )
    if rng.random() < 0.3:
        amount = rng.randrange(8000, 60000)
        category = rng.choice(("meal", "gift"))
        data.expenses.append({"amount": amount, "category": category, "on": day, "note": None})


def _appointment(
    data: DemoData, contact: int, start: datetime, minutes: int, status: str
) -> dict[str, Any]:
    """An appointment at the contact's own area, untitled."""
    area = data.contacts[contact]["area"]
    return {
        "contact": contact,
        "start": start,
        "minutes": minutes,
        "area": area,
        "status": status,
        "title": None,
    }


def _visits(rng: random.Random, day: date, data: DemoData, follow: _FollowUps) -> list[_Made]:
    """The day's visits (they are booked first): follow-ups due, then names known."""
    made: list[_Made] = []
    n_visits = rng.choice((3, 4, 4, 5))
    visiting = follow.take_due(day, n_visits)
    visiting += [rng.choice(follow.known) for _ in range(n_visits - len(visiting))]
    for contact in visiting:
        start = _at(day, "10:00", "16:00", rng).replace(minute=rng.choice((0, 30)))
        minutes = rng.choice((45, 60, 90))
        data.appointments.append(_appointment(data, contact, start, minutes, "done"))
        outcome = _pick(rng, VISIT_OUTCOMES)
        made.append(_Made("visit", start, contact, outcome, appointment=len(data.appointments) - 1))
        if data.contacts[contact]["status"] == "unclear":
            # Their cadence is by email (a visit does not send it): the materials go out
            # after the visit.
            made.append(
                _Made("email", start + timedelta(hours=2), contact, "sent", note="资料/报价")
            )
    return made


def _calls(
    rng: random.Random, day: date, data: DemoData, follow: _FollowUps, cal: Workdays
) -> list[_Made]:
    """The morning block and the office hour: follow-ups due (emails to the unclear), then
    new names and people known."""
    made: list[_Made] = []
    calls = rng.randint(28, 35)
    # A diligent salesperson clears the queue: more calls on a heavy day.
    followups = follow.take_due(day, calls + 30)
    emails = [c for c in followups if data.contacts[c]["status"] == "unclear"]
    phone = [c for c in followups if data.contacts[c]["status"] != "unclear"]
    for contact in emails:
        made.append(
            _Made("email", _at(day, "13:00", "14:00", rng), contact, "sent", note="资料/报价")
        )
    others = [
        None if rng.random() < 0.3 else rng.choice(follow.known)
        for _ in range(max(0, calls - len(phone)))
    ]
    for n, caller in enumerate(phone + others):
        when = _at(day, "09:00", "09:20", rng) if n % 3 == 0 else _at(day, "17:00", "18:00", rng)
        outcome = _pick(rng, CALL_OUTCOMES)
        # A callback names a day to call again, a workday a few days on.
        nxt = (
            cal.on_or_after(day + timedelta(days=rng.randint(2, 5)))
            if outcome == "callback"
            else None
        )
        made.append(_Made("call", when, caller, outcome, nxt))
    return made


def _week_note(rng: random.Random, day: date) -> dict[str, Any]:
    """Friday's note on the market."""
    kind, text = rng.choice(NOTES)
    return {
        "kind": kind,
        "text": text.format(area=rng.choice(AREAS), n=rng.randint(2, 9)),
        "on": day,
    }


def _book_the_days_ahead(
    rng: random.Random, data: DemoData, today: date, cal: Workdays, known: list[int]
) -> None:
    """The week ahead booked (two areas a day) and today's two visits, if a workday."""
    for offset in range(1, 8):
        d = today + timedelta(days=offset)
        if not cal.is_workday(d):
            continue
        areas = rng.sample(AREAS, 2)
        for slot, hour in enumerate((10, 14, 16)):
            contact = rng.choice(known)
            data.appointments.append(
                {
                    "contact": contact,
                    "start": datetime.combine(d, time(hour, 0)),
                    "minutes": 60,
                    "area": areas[slot // 2],
                    "status": "planned",
                    "title": rng.choice(("方案讲解", "现场测量", "合同洽谈", "回访")),
                }
            )
    today_hours = (10, 14) if cal.is_workday(today) else ()
    for hour in today_hours:
        contact = rng.choice(known)
        start = datetime.combine(today, time(hour, 30))
        data.appointments.append(
            {**_appointment(data, contact, start, 60, "planned"), "title": "拜访"}
        )
