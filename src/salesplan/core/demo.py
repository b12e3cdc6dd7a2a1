"""A realistic, reproducible history for one salesperson. Pure: a seed and a date in, rows out.

Shaped by the sales plans: ~30 calls every workday (the morning block and the office hour),
~20 visits a week in the field, new names every week, projects moving through the stages
with bids, wins, losses and collections, expenses and notes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from salesplan.core.followups import (
    AFTER_SALES_HORIZON_DAYS,
    ContactFacts,
    ProjectFacts,
    due_items,
)
from salesplan.core.settings import Settings
from salesplan.core.vocab import is_real_contact
from salesplan.core.workdays import Workdays

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建国建华志强海燕红梅晓东春生文博子涵雨桐浩然"
PINYIN = (
    "Li Wei",
    "Zhang Min",
    "Wang Fang",
    "Chen Jie",
    "Liu Yang",
    "Zhao Lei",
    "Anna Schmidt",
    "David Wong",
    "Maria Lopez",
    "Tom Becker",
    "Sarah Kim",
    "Kevin Zhou",
    "Emily Chan",
    "Peter Hansen",
    "Lucy Liu",
)
COMPANIES = (
    "华远建材",
    "中建三局",
    "万科物业",
    "龙湖地产",
    "金隅集团",
    "北辰实业",
    "首开股份",
    "居然之家",
    "红星美凯龙",
    "东方雨虹",
    "北新建材",
    "海尔智家",
    "美的楼宇",
    "远大科技",
    "欧派家居",
    "索菲亚",
    "Siemens Building",
    "Schindler",
    "ABB China",
    "Honeywell",
    "自营装修队",
    "个人业主",
)
# The same people and companies as Chinese colleagues write them: the demo a zh-CN user makes
# reads in Chinese only (the history is otherwise the same, seed for seed).
CHINESE_NAMES = dict(
    zip(
        PINYIN,
        (
            "李伟",
            "张敏",
            "王芳",
            "陈杰",
            "刘洋",
            "赵磊",
            "安娜·施密特",
            "黄大卫",
            "玛丽亚·洛佩斯",
            "汤姆·贝克尔",
            "金莎拉",
            "周凯文",
            "陈爱美",
            "彼得·汉森",
            "刘露西",
        ),
        strict=True,
    )
)
CHINESE_COMPANIES = {
    "Siemens Building": "西门子楼宇科技",
    "Schindler": "迅达电梯",
    "ABB China": "施耐德电气",
    "Honeywell": "霍尼韦尔",
}
AREAS = ("朝阳", "海淀", "望京", "东城", "西城", "丰台", "通州", "昌平", "顺义", "大兴")
CALL_OUTCOMES = (
    ("reached", 40),
    ("no-answer", 25),
    ("busy", 8),
    ("callback", 10),
    ("appointment", 6),
    ("not-interested", 8),
    ("consultation", 2),
    ("wrong-number", 1),
)
VISIT_OUTCOMES = (
    ("reached", 60),
    ("consultation", 15),
    ("order", 8),
    ("callback", 12),
    ("not-interested", 5),
)
NOTES = (
    ("competitor", "竞品在{area}推出九折促销"),
    ("competitor", "对手新开{area}展厅"),
    ("policy", "{area}区工作日限行，拜访改早班"),
    ("policy", "{area}装修审批流程简化"),
    ("promotion", "本周{area}小区推广活动带来{n}个新线索"),
    ("general", "与设计师对齐{area}项目需求"),
)
PROJECT_NAMES = (
    "幕墙改造",
    "空调系统",
    "地暖工程",
    "智能照明",
    "精装交付",
    "外墙保温",
    "新风系统",
    "门窗更换",
)
STAGES = ("design", "bidding", "detailing", "delivery", "acceptance")


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
    """The history (see :func:`_generate`); ``chinese`` writes the foreign names and companies
    in Chinese."""
    data = _generate(today=today, years=years, seed=seed, settings=settings, workdays=workdays)
    if chinese:
        for c in data.contacts:
            c["name"] = CHINESE_NAMES.get(c["name"], c["name"])
            c["company"] = CHINESE_COMPANIES.get(c["company"], c["company"])
    return data


def _generate(
    *,
    today: date,
    years: int = 1,
    seed: int = 42,
    settings: Settings | None = None,
    workdays: Workdays | None = None,
) -> DemoData:
    """The history of a diligent salesperson up to ``today``.

    Follow-ups are worked the way ``due`` asks for them: the simulation keeps, for every
    contact, the facts the follow-up rules read (last real contact, the promise standing,
    after-sales, the projects' stages) and asks :func:`due_items` when the contact is next
    due, so a promise made is kept on or near its day and an unanswered call is tried again
    the next workday. Only today's work and a few unanswered retries are left open.
    """
    import heapq

    settings = settings if settings is not None else Settings()
    cal = workdays if workdays is not None else Workdays()
    rng = random.Random(seed)
    data = DemoData()
    first = today - timedelta(days=365 * years)
    # Contacts: a base list at the start, then new names every week. Most names stay leads;
    # a few hundred customers and a handful of live prospects carry the cadences.
    total = 1000 * years
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
        data.contacts.append(
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
    data.contacts.sort(key=lambda c: c["created"])
    # Projects: about three a week, moving through the stages.
    n_projects = 150 * years
    for _ in range(n_projects):
        contact = rng.randrange(len(data.contacts))
        if data.contacts[contact]["status"] == "lost":
            continue
        created = max(
            data.contacts[contact]["created"].date(),
            first + timedelta(days=rng.randrange(0, max(1, (today - first).days))),
        )
        stage_day = created
        stages = [("design", created)]
        fate = rng.random()
        steps = rng.randint(0, 5)
        amount = rng.randrange(50_000, 2_000_000) * 100
        bid = None
        for stage in STAGES[1 : 1 + steps]:
            stage_day = stage_day + timedelta(days=rng.randint(7, 40))
            if stage_day > today:
                break
            stages.append((stage, stage_day))
            if stage == "bidding":
                bid = stage_day + timedelta(days=rng.randint(5, 20))
        end_stage = stages[-1][0]
        payments = []
        if end_stage == "acceptance" and fate < 0.8:
            won_day = stages[-1][1] + timedelta(days=rng.randint(3, 20))
            if won_day <= today:
                stages.append(("won", won_day))
                payments.append(
                    {
                        "amount": amount * 3 // 10,
                        "on": stages[1][1] if len(stages) > 1 else won_day,
                        "note": "预付款",
                    }
                )
                if won_day + timedelta(days=30) <= today:
                    payments.append(
                        {
                            "amount": amount - amount * 3 // 10,
                            "on": won_day + timedelta(days=30),
                            "note": "尾款",
                        }
                    )
        elif (fate > 0.75 or stages[-1][1] + timedelta(days=60) < today) and stages[-1][
            1
        ] + timedelta(days=30) <= today:
            # Projects do not sit in a stage for years: those that stall are lost.
            stages.append(("lost", stages[-1][1] + timedelta(days=rng.randint(5, 30))))
        data.projects.append(
            {
                "name": f"{data.contacts[contact]['area']}{rng.choice(PROJECT_NAMES)}",
                "contact": contact,
                "amount": amount,
                "bid": bid if bid and bid >= created else None,
                "stages": stages,
                "payments": payments,
                "created": created,
            }
        )
    # The days something changes a contact's follow-ups besides a contact: a project is
    # entered, changes stage, or is paid; a win starts the after-sales calls.
    projects_of: dict[int, list[int]] = {}
    changes: dict[date, set[int]] = {}
    wins: dict[date, list[int]] = {}
    for n, p in enumerate(data.projects):
        projects_of.setdefault(p["contact"], []).append(n)
        for on in [p["created"], *(d for _, d in p["stages"]), *(x["on"] for x in p["payments"])]:
            changes.setdefault(on, set()).add(p["contact"])
        for stage, on in p["stages"]:
            if stage == "won":
                wins.setdefault(on, []).append(p["contact"])

    known: list[int] = []  # indices of contacts known so far, grown as days pass
    known_upto = 0
    due: list[tuple[date, int]] = []  # (day due, contact): the salesperson's follow-up queue
    scheduled: dict[int, date] = {}  # contact → the one day it is next due
    seen: dict[int, _Seen] = {}
    horizon = timedelta(days=AFTER_SALES_HORIZON_DAYS)
    first_from = timedelta(days=settings.after_sales_first_from)

    def plan(contact: int, day: date) -> None:
        """Put the contact in the queue for its earliest open item, as ``due`` would list it."""
        c = data.contacts[contact]
        k = seen.setdefault(contact, _Seen())
        sales = k.sales_from if k.sales_from and day - k.sales_from <= horizon else None
        facts = ContactFacts(
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
        projects = [
            f
            for n in projects_of.get(contact, ())
            if (f := _project_facts(n, data.projects[n], day)) is not None
        ]
        items = due_items([facts], projects, (), day, settings, cal)
        if not items:
            scheduled.pop(contact, None)
            return
        on = min(i.due for i in items)
        scheduled[contact] = on
        heapq.heappush(due, (on, contact))

    def touched(contact: int, day: date, kind: str, outcome: str, nxt: date | None = None) -> None:
        k = seen.setdefault(contact, _Seen())
        if is_real_contact(kind, outcome):
            k.last, k.kind = day, kind
            k.since_promise = k.promise_made is not None  # the rules say whether it kept it
            if kind in ("visit", "meeting"):
                k.visit = day
            elif kind == "email":
                k.email = day
            if k.sales_from and k.sales_first is None and day >= k.sales_from + first_from:
                k.sales_first = day
        if outcome in ("consultation", "order"):
            k.sales_from, k.sales_first = day, None
            k.sales_of = "consultation" if outcome == "consultation" else "sale"
        if outcome == "callback" or nxt is not None:
            k.promise_made, k.next_date, k.since_promise = day, nxt, False
        plan(contact, day)

    def take_due(day: date, limit: int) -> list[int]:
        picked: list[int] = []
        while due and due[0][0] <= day and len(picked) < limit:
            on, contact = heapq.heappop(due)
            if scheduled.get(contact) == on and contact not in picked:
                picked.append(contact)
        return picked

    day = first
    while day <= today:
        for contact in wins.get(day, ()):
            k = seen.setdefault(contact, _Seen())
            if k.sales_from is None or day > k.sales_from:
                k.sales_from, k.sales_first = day, None
        for contact in changes.get(day, ()):
            if contact < known_upto:
                plan(contact, day)
        while (
            known_upto < len(data.contacts) and data.contacts[known_upto]["created"].date() <= day
        ):
            known.append(known_upto)
            plan(known_upto, day)
            known_upto += 1
        if cal.is_workday(day) and known:
            finished = day < today
            # Each contact the day makes: (time, kind, contact, outcome, next, note, appointment)
            made: list[tuple[datetime, str, int | None, str, date | None, str | None, int | None]]
            made = []
            # Visits first (they are booked), then the calls: follow-ups due, then new names.
            if finished:
                n_visits = rng.choice((3, 4, 4, 5))
                visiting = take_due(day, n_visits)
                visiting += [rng.choice(known) for _ in range(n_visits - len(visiting))]
                for contact in visiting:
                    start = _at(day, "10:00", "16:00", rng).replace(minute=rng.choice((0, 30)))
                    data.appointments.append(
                        {
                            "contact": contact,
                            "start": start,
                            "minutes": rng.choice((45, 60, 90)),
                            "area": data.contacts[contact]["area"],
                            "status": "done",
                            "title": None,
                        }
                    )
                    outcome = _pick(rng, VISIT_OUTCOMES)
                    made.append(
                        (start, "visit", contact, outcome, None, None, len(data.appointments) - 1)
                    )
                    if data.contacts[contact]["status"] == "unclear":
                        # Their cadence is by email (a visit does not send it): the materials
                        # go out after the visit.
                        at = start + timedelta(hours=2)
                        made.append((at, "email", contact, "sent", None, "资料/报价", None))
                if rng.random() < 0.08:
                    contact = rng.choice(known)
                    data.appointments.append(
                        {
                            "contact": contact,
                            "start": _at(day, "10:00", "16:00", rng),
                            "minutes": 60,
                            "area": data.contacts[contact]["area"],
                            "status": "cancelled",
                            "title": None,
                        }
                    )
                calls = rng.randint(28, 35)
                # A diligent salesperson clears the queue: more calls on a heavy day.
                followups = take_due(day, calls + 30)
                emails = [c for c in followups if data.contacts[c]["status"] == "unclear"]
                phone = [c for c in followups if data.contacts[c]["status"] != "unclear"]
                for contact in emails:
                    at = _at(day, "13:00", "14:00", rng)
                    made.append((at, "email", contact, "sent", None, "资料/报价", None))
                others = [
                    None if rng.random() < 0.3 else rng.choice(known)
                    for _ in range(max(0, calls - len(phone)))
                ]
                for n, caller in enumerate(phone + others):
                    when = (
                        _at(day, "09:00", "09:20", rng)
                        if n % 3 == 0
                        else _at(day, "17:00", "18:00", rng)
                    )
                    outcome = _pick(rng, CALL_OUTCOMES)
                    # A callback names a day to call again, a workday a few days on.
                    nxt = (
                        cal.on_or_after(day + timedelta(days=rng.randint(2, 5)))
                        if outcome == "callback"
                        else None
                    )
                    made.append((when, "call", caller, outcome, nxt, None, None))
                # In the order they happened, as the store reads them: a promise made at 17:00
                # is not kept by a visit at 11:00.
                made.sort(key=lambda m: m[0])
                for at, kind, whom, outcome, nxt, note, appointment in made:
                    row: dict[str, Any] = {
                        "kind": kind,
                        "at": at,
                        "contact": whom,
                        "outcome": outcome,
                        "next": nxt,
                        "note": note,
                    }
                    if appointment is not None:
                        row["appointment"] = appointment
                    data.activities.append(row)
                    if whom is not None:
                        touched(whom, day, kind, outcome, nxt)
                # Whoever is still due (an unanswered call, a full day) is tried the next
                # workday, from the top of the queue.
                data.expenses.append(
                    {
                        "amount": rng.randrange(3000, 15000),
                        "category": "travel",
                        "on": day,
                        "note": "打车/油费",
                    }
                )
                if rng.random() < 0.3:
                    data.expenses.append(
                        {
                            "amount": rng.randrange(8000, 60000),
                            "category": rng.choice(("meal", "gift")),
                            "on": day,
                            "note": None,
                        }
                    )
            if day.weekday() == 4:
                kind, text = rng.choice(NOTES)
                data.notes.append(
                    {
                        "kind": kind,
                        "text": text.format(area=rng.choice(AREAS), n=rng.randint(2, 9)),
                        "on": day,
                    }
                )
        day += timedelta(days=1)
    by_day_known = known

    # The week ahead: appointments booked, two areas a day.
    for offset in range(1, 8):
        d = today + timedelta(days=offset)
        if not cal.is_workday(d):
            continue
        areas = rng.sample(AREAS, 2)
        for slot, hour in enumerate((10, 14, 16)):
            contact = rng.choice(by_day_known)
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
        contact = rng.choice(by_day_known)
        data.appointments.append(
            {
                "contact": contact,
                "start": datetime.combine(today, time(hour, 30)),
                "minutes": 60,
                "area": data.contacts[contact]["area"],
                "status": "planned",
                "title": "拜访",
            }
        )

    data.events.append(
        {
            "name": "客户答谢日",
            "on": today + timedelta(days=20),
            "tier": None,
            "status": "customer",
            "area": "朝阳",
        }
    )
    return data
