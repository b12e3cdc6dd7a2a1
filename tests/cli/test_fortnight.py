"""A fortnight of work, checked day by day: who `due` names each morning, and why."""

import json

import pytest


def day_env(day: str, time: str = "08:05") -> dict[str, str]:
    return {"SALESPLAN_NOW": f"{day}T{time}"}


def due_today(run, day):
    data = json.loads(run("due", "--until", "today", "--json", env=day_env(day)).stdout)
    return sorted((i["contact"], i["rule"], i["overdue_days"]) for i in data["items"])


@pytest.fixture
def book(run):
    start = day_env("2026-11-30", "07:00")
    run("contact", "add", "设计院王工", "--status", "intent", env=start)  # #1
    run("contact", "add", "老客户李总", "--status", "customer", env=start)  # #2
    run("contact", "add", "意向不明张", "--status", "unclear", env=start)  # #3
    run("project", "add", "幕墙", "--contact", "设计院王工", env=start)
    run("log", "call", "老客户李总", "--at", "2026-11-05 10:00", env=start)


def test_a_fortnight(run, book):
    # Monday 11-30: nobody contacted the prospects yet; Li was last called 25 days ago.
    assert due_today(run, "2026-11-30") == []
    # Tuesday: nothing logged Monday, so the unclear prospect's email is a day late… not yet:
    # created 11-30, every 2 days → due Wednesday.
    assert due_today(run, "2026-12-01") == []
    assert due_today(run, "2026-12-02") == [("意向不明张", "unclear-email", 0)]
    run("log", "email", "意向不明张", env=day_env("2026-12-02", "10:00"))
    # Thursday: the intent prospect (every 3 days from creation) falls due.
    assert due_today(run, "2026-12-03") == [("设计院王工", "intent", 0)]
    run("log", "call", "设计院王工", "--next", "2026-12-08", env=day_env("2026-12-03", "09:10"))
    assert due_today(run, "2026-12-04") == [("意向不明张", "unclear-email", 0)]
    # Friday's email is skipped: Monday it is 1 workday overdue. Li's 30 days ran out on Saturday
    # 12-05 and Wang's 3 on Sunday 12-06: a cadence on a day off moves to Monday.
    assert due_today(run, "2026-12-07") == [
        ("意向不明张", "unclear-email", 1),
        ("老客户李总", "keep-in-touch", 0),
        ("设计院王工", "intent", 0),
    ]
    run("calls", input="n\nr\n", env=day_env("2026-12-07", "09:05"))  # Wang no answer, Li reached
    run("log", "email", "意向不明张", env=day_env("2026-12-07", "13:00"))
    # An unanswered call completes nothing: Wang is still due.
    assert due_today(run, "2026-12-07") == [("设计院王工", "intent", 0)]
    # Tuesday 12-08: the promise made on 12-03 stands (the no-answer did not keep it).
    assert due_today(run, "2026-12-08") == [
        ("设计院王工", "explicit", 0),
        ("设计院王工", "intent", 1),
    ]
    # Thursday 12-10: Zhang's next email was due 12-09; the design project counts a week from
    # the last real contact with Wang (12-03): 12-10.
    assert due_today(run, "2026-12-10") == [
        ("意向不明张", "unclear-email", 1),
        ("设计院王工", "design-weekly", 0),
        ("设计院王工", "explicit", 2),
        ("设计院王工", "intent", 3),
    ]
    run(
        "project",
        "stage",
        "1",
        "bidding",
        "--date",
        "2026-12-10",
        env=day_env("2026-12-10", "11:00"),
    )
    run(
        "project",
        "add",
        "空调",
        "--contact",
        "老客户李总",
        "--stage",
        "bidding",
        "--bid-date",
        "2026-12-16",
        env=day_env("2026-12-10", "11:05"),
    )
    run("log", "call", "设计院王工", env=day_env("2026-12-10", "11:10"))
    # 12-14 (Mon): bid documents for Li two days before the 12-16 bid; Zhang's email overdue.
    assert ("老客户李总", "bid-docs", 0) in due_today(run, "2026-12-14")
    run("log", "visit", "老客户李总", "--note", "标书送达", env=day_env("2026-12-14", "10:00"))
    assert [r for r in due_today(run, "2026-12-14") if r[0] == "老客户李总"] == []
    # The day after the bid: ask the result.
    assert ("老客户李总", "bid-result", 0) in due_today(run, "2026-12-17")
