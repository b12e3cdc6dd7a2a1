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


CADENCE = {"unclear": 2, "intent": 3, "customer": 30}
KEY_CADENCE = 14


def _interval(
    contact: dict[str, Any], day: date, windows: dict[int, list[tuple[date, date, int]]], index: int
) -> int | None:
    days = CADENCE.get(contact["status"]) if contact["status"] != "lost" else None
    if contact["tier"] == "key" and contact["status"] != "lost":
        days = min(days or KEY_CADENCE, KEY_CADENCE)
    for start, end, every in windows.get(index, ()):
        if start <= day <= end:
            days = min(days or every, every)
    return days


def generate(*, today: date, years: int = 1, seed: int = 42) -> DemoData:
    import heapq

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
    # While a project is open its customer is followed up weekly (design) or fortnightly.
    windows: dict[int, list[tuple[date, date, int]]] = {}
    for p in data.projects:
        stages = p["stages"]
        for (stage, since), nxt in zip(stages, [*stages[1:], (None, today)], strict=True):
            if stage in STAGES:
                windows.setdefault(p["contact"], []).append(
                    (since, nxt[1], 7 if stage == "design" else 14)
                )

    known: list[int] = []  # indices of contacts known so far, grown as days pass
    known_upto = 0
    due: list[tuple[date, int]] = []  # (next due day, contact): the salesperson's follow-up queue

    after_sales: dict[int, int] = {}  # contact → after-sales follow-ups still owed
    scheduled: dict[int, date] = {}  # contact → the one day it is next due

    def schedule(contact: int, on: date) -> None:
        scheduled[contact] = on
        heapq.heappush(due, (on, contact))

    def touched(contact: int, day: date, nxt: date | None, outcome: str = "reached") -> None:
        interval = _interval(data.contacts[contact], day, windows, contact)
        options = []
        if outcome in ("consultation", "order"):
            after_sales[contact] = 2
            options.append(day + timedelta(days=4))
        elif after_sales.get(contact):
            after_sales[contact] -= 1
            if after_sales[contact]:
                options.append(day + timedelta(days=8))
        if nxt is not None:
            options.append(nxt)
        if interval:
            options.append(day + timedelta(days=interval))
        pending = scheduled.get(contact)
        if pending is not None and pending > day:
            options.append(pending)  # a callback promised earlier that day still stands
        if options:
            schedule(contact, min(options))

    def take_due(day: date, limit: int) -> list[int]:
        picked: list[int] = []
        while due and due[0][0] <= day and len(picked) < limit:
            on, contact = heapq.heappop(due)
            if scheduled.get(contact) == on and contact not in picked:
                picked.append(contact)
        return picked

    day = first
    while day <= today:
        while (
            known_upto < len(data.contacts) and data.contacts[known_upto]["created"].date() <= day
        ):
            known.append(known_upto)
            interval = _interval(data.contacts[known_upto], day, windows, known_upto)
            if interval:
                schedule(known_upto, day + timedelta(days=interval))
            known_upto += 1
        if day.weekday() < 5 and known:
            finished = day < today
            # Visits first (they are booked), then the calls: follow-ups due, then new names.
            if finished:
                n_visits = rng.choice((3, 4, 4, 5))
                visiting = take_due(day, n_visits)
                visiting += [rng.choice(known) for _ in range(n_visits - len(visiting))]
                for contact in visiting:
                    start = _at(day, "10:00", "16:00", rng).replace(minute=rng.choice((0, 30)))
                    appt_index = len(data.appointments)
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
                    data.activities.append(
                        {
                            "kind": "visit",
                            "at": start,
                            "contact": contact,
                            "outcome": outcome,
                            "next": None,
                            "note": None,
                            "appointment": appt_index,
                        }
                    )
                    touched(contact, day, None, outcome)
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
                followups = take_due(day, calls + 10)
                emails = [c for c in followups if data.contacts[c]["status"] == "unclear"]
                phone = [c for c in followups if data.contacts[c]["status"] != "unclear"]
                for contact in emails:
                    data.activities.append(
                        {
                            "kind": "email",
                            "at": _at(day, "13:00", "14:00", rng),
                            "contact": contact,
                            "outcome": "sent",
                            "next": None,
                            "note": "资料/报价",
                        }
                    )
                    touched(contact, day, None)
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
                    nxt = day + timedelta(days=rng.randint(2, 5)) if outcome == "callback" else None
                    data.activities.append(
                        {
                            "kind": "call",
                            "at": when,
                            "contact": caller,
                            "outcome": outcome,
                            "next": nxt,
                            "note": None,
                        }
                    )
                    if caller is not None:
                        touched(caller, day, nxt, outcome)
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
        if d.weekday() >= 5:
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
    today_hours = (10, 14) if today.weekday() < 5 else ()
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
