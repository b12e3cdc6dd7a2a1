"""A Beijing salesperson's eight weeks across 元旦 and 春节 2027, in Chinese, day by day
(issue: a work calendar that never runs out).

2027's official schedule is not announced, so every number the calendar decides rests on the
statutory holidays fixed by law (全国年节及纪念日放假办法, 2025 revision): 元旦 January 1, and
春节 除夕 to 初三, which in 2027 (初一 = February 6) are February 5 to 8. The expected values are
computed here from that list alone, never by asking salesplan's own calendar.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

# The replay is about the calendar, which is the same on either engine.
pytestmark = pytest.mark.sqlite_only

ZH = {"SALESPLAN_LANG": "zh-CN", "TZ": "Asia/Shanghai"}
FIRST, LAST = date(2026, 12, 28), date(2027, 2, 19)
# 元旦; 春节: 除夕 2027-02-05, 初一–初三 02-06..02-08. No 调休 workday is known for 2027.
STATUTORY_2027 = {date(2027, 1, 1)} | {date(2027, 2, 5) + timedelta(days=i) for i in range(4)}


def is_workday(day: date) -> bool:
    return day.weekday() < 5 and day not in STATUTORY_2027


def workday_on_or_before(day: date) -> date:
    while not is_workday(day):
        day -= timedelta(days=1)
    return day


def workday_on_or_after(day: date) -> date:
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def workdays_late(deadline: date, today: date) -> int:
    """Workdays after ``deadline`` up to and including ``today``."""
    return sum(
        is_workday(deadline + timedelta(days=i)) for i in range(1, (today - deadline).days + 1)
    )


def test_eight_weeks_across_yuandan_and_chunjie_2027(run):
    def at(day: date, time: str = "09:00") -> dict[str, str]:
        return {**ZH, "SALESPLAN_NOW": f"{day.isoformat()}T{time}"}

    def due(day: date, time: str = "18:00", until: str = "+7d") -> dict[tuple[str, str], dict]:
        found = json.loads(run("due", "--until", until, "--json", env=at(day, time)).stdout)
        assert found["calendar"] == {"guessed_years": [2027]}
        return {(i["contact"], i["rule"]): i for i in found["items"]}

    # Ahead of the holidays: two prospects and a customer, two bids, a visit booked.
    run("contact", "add", "李娜", "--company", "华远建材", "--status", "意向", env=at(FIRST))
    run("contact", "add", "王强", "--company", "恒达装饰", "--status", "意向", env=at(FIRST))
    run("contact", "add", "赵磊", "--company", "城建集团", "--status", "客户", env=at(FIRST))
    bids = {"元旦标": ("李娜", date(2027, 1, 4)), "春节标": ("赵磊", date(2027, 2, 10))}
    for project, (who, bid) in bids.items():
        run(
            "project", "add", project, "--contact", who, "--stage", "招投标",
            "--bid-date", bid.isoformat(), env=at(FIRST),
        )  # fmt: skip
    run("appt", "add", "赵磊", "--at", "12月30日 下午2点", env=at(FIRST))
    items = due(FIRST, until="2027-02-10")
    for project, (who, bid) in bids.items():
        docs = items[(who, "bid-docs")]
        # Two days before the bid, moved back to a workday: never 元旦, never 春节.
        expected = workday_on_or_before(bid - timedelta(days=2))
        assert (project, docs["due"]) == (project, expected.isoformat())
        assert date.fromisoformat(docs["due"]) not in STATUTORY_2027
    assert items[("李娜", "bid-docs")]["due"] == "2026-12-31"
    assert items[("赵磊", "bid-docs")]["due"] == "2027-02-04"

    calls: dict[date, int] = {}  # calls logged, by day

    def call(day: date, *args: str, time: str = "09:30") -> None:
        run("log", "call", *args, env=at(day, time))
        calls[day] = calls.get(day, 0) + 1

    day = FIRST
    while day <= LAST:
        if is_workday(day):
            call(day, "-o", "未接通")  # a cold call nobody answered still counts
        if day == date(2026, 12, 30):
            # The visit kept; 赵磊 promises a call for the first workday of 2027.
            run("appt", "done", "1", "--next", "2027-01-04", env=at(day, "15:30"))
        if day == date(2026, 12, 31):
            run("log", "visit", "李娜", "--note", "送商务文件", env=at(day, "10:00"))
            call(day, "赵磊", time="16:00")
            items = due(day)
            assert ("李娜", "bid-docs") not in items  # delivered by a visit on its day
            # The workday before 01-04 is today (元旦 and a weekend between): today's call
            # keeps the promise.
            assert workday_on_or_before(date(2027, 1, 3)) == day
            assert ("赵磊", "explicit") not in items
        if day == date(2027, 1, 4):
            items = due(day, "08:30")
            # 王强 was never reached: due 12-31, late by workdays only (元旦 and the weekend
            # cost nothing).
            wang = items[("王强", "intent")]
            deadline = date.fromisoformat(wang["deadline"])
            assert deadline == workday_on_or_after(FIRST + timedelta(days=3))
            assert wang["overdue_days"] == workdays_late(deadline, day) == 1
            assert ("赵磊", "explicit") not in items
            ask = items[("李娜", "bid-result")]
            assert ask["due"] == workday_on_or_after(date(2027, 1, 5)).isoformat()
        if day == date(2027, 2, 2):
            call(day, "李娜", "-o", "已接通", time="10:00")
            li = due(day)[("李娜", "intent")]
            # Every 3 days from today: 02-05 is 除夕, then the weekend and 初三.
            assert li["due"] == workday_on_or_after(day + timedelta(days=3)).isoformat()
            assert li["due"] == "2027-02-09"
        if day in (date(2027, 2, 9), date(2027, 2, 10)):
            docs = due(day, "08:30")[("赵磊", "bid-docs")]  # never delivered
            assert docs["overdue_days"] == workdays_late(date(2027, 2, 4), day)
            assert docs["overdue_days"] == (day - date(2027, 2, 8)).days
        if abs((day - date(2027, 1, 1)).days) <= 3 or abs((day - date(2027, 2, 6)).days) <= 3:
            # The day sheet around the holidays (the week's days below check every day).
            today = json.loads(run("today", "--json", env=at(day, "18:00")).stdout)
            assert (today["date"], today["workday"]) == (day.isoformat(), is_workday(day))
            assert today["calls"] == {"done": calls.get(day, 0), "target": 30 * is_workday(day)}
            if day.year == 2027:
                assert today["calendar"] == {"guessed_years": [2027]}
        if day.weekday() == 6:  # Sunday: the week's report
            week = json.loads(run("week", "--json", env=at(day, "20:00")).stdout)
            days = [date.fromisoformat(d["date"]) for d in week["days"]]
            worked = [d for d in days if is_workday(d)]
            assert [d["workday"] for d in week["days"]] == [is_workday(d) for d in days]
            assert [d["call_target"] for d in week["days"]] == [30 * is_workday(d) for d in days]
            assert [d["calls"] for d in week["days"]] == [calls.get(d, 0) for d in days]
            assert week["targets"]["visits_per_week"] == round(20 * len(worked) / 5)
            assert week["calendar"] == {"guessed_years": [2027]}
        day += timedelta(days=1)

    # The weeks the holidays fall in: 4 workdays each (元旦; 除夕; 初三), the others 5.
    weeks = {
        label: json.loads(run("week", "--week", label, "--json", env=at(LAST, "20:00")).stdout)
        for label in ("2026-W53", "2027-W01", "2027-W05", "2027-W06", "2027-W07")
    }
    assert {label: w["targets"]["visits_per_week"] for label, w in weeks.items()} == {
        "2026-W53": 16,
        "2027-W01": 20,
        "2027-W05": 16,
        "2027-W06": 16,
        "2027-W07": 20,
    }
    assert all(w["calendar"] == {"guessed_years": [2027]} for w in weeks.values())


@pytest.mark.parametrize(
    ("lang", "due_line", "week_words"),
    [
        ("en", "4 due up to 2027-01-03 · 1 overdue", "1 overdue in all"),
        ("zh-CN", "截至 2027-01-03 共 4 项到期 · 1 项逾期", "共 1 项逾期"),
    ],
)
def test_due_and_week_count_overdue_alike_on_the_yuandan_saturday(run, lang, due_line, week_words):
    """On Saturday 2027-01-02 only 12-30's promise is a workday late: 12-31 (Thursday) and the
    holiday 01-01 have had no workday since. ``due`` and ``week`` say the same."""
    before = {**ZH, "SALESPLAN_NOW": "2026-12-21T18:00"}
    promised = {"甲": "2026-12-30", "乙": "2026-12-31", "丙": "2027-01-01", "丁": "2027-01-04"}
    for i, (who, day) in enumerate(promised.items()):
        run("contact", "add", who, "--phone", f"1380000000{i}", env=before)
        run("log", "call", who, "--at", "2026-12-21 10:00", "--next", day, env=before)
    run("contact", "add", "戊", "--status", "意向", env=before)
    run(
        "log",
        "call",
        "戊",
        "--at",
        "2026-12-28 10:00",
        env={**ZH, "SALESPLAN_NOW": "2026-12-28T18:00"},
    )
    env = {**ZH, "SALESPLAN_LANG": lang, "SALESPLAN_NOW": "2027-01-02T10:00"}
    items = json.loads(run("due", "--json", env=env).stdout)["items"]
    late = {i["contact"]: i["overdue_days"] for i in items}
    assert late == {
        "甲": workdays_late(date(2026, 12, 30), date(2027, 1, 2)),
        "乙": 0,
        "丙": 0,
        "戊": 0,
    }
    assert late["甲"] == 1
    said = run("due", env=env)
    assert due_line in said.stdout + said.stderr
    week = json.loads(run("week", "--json", env=env).stdout)
    assert week["followups"]["overdue_total"] == 1
    assert week_words in run("week", env=env).stdout
    # On Monday 01-04 a workday has passed after each of them.
    monday = {**env, "SALESPLAN_NOW": "2027-01-04T10:00"}
    assert (
        json.loads(run("week", "--week", "2026-W53", "--json", env=monday).stdout)["followups"][
            "overdue_total"
        ]
        == 1
    )  # the report of the week before is a record of its own end
    assert (
        sum(
            1
            for i in json.loads(run("due", "--json", env=monday).stdout)["items"]
            if i["overdue_days"]
        )
        == 4
    )
