"""Two working weeks of a salesperson replayed, checked against a ledger kept by hand.

Weeks 2026-W49 and W50, Monday to Friday (holidays none), 3 calls a day and 5 visits a week
as the targets. Four contacts: 孙丽 a customer, 王强 a prospect with intent, 赵敏 a lead with a
project, 周杰 a key customer. Every call outcome, a promise kept, an undo, a project moving
stage, an event and its invitation, an order and a consultation starting the after-sales calls.
"""

from __future__ import annotations

import json

import pytest

DAYS = {
    # day: [(time, command...)]; each line is one entry of the ledger below.
    "2026-11-30": [
        ("09:00", "log", "call", "孙丽", "-o", "reached"),
        ("09:10", "log", "call", "王强", "-o", "no-answer"),
        ("09:20", "log", "call", "赵敏", "-o", "callback", "--next", "2026-12-02"),
        ("14:00", "log", "visit", "周杰"),
    ],
    "2026-12-01": [
        ("09:00", "log", "call", "王强", "-o", "busy"),
        ("09:10", "log", "call", "王强", "-o", "wrong-number"),
        ("10:00", "project", "add", "幕墙", "--contact", "赵敏"),
    ],
    "2026-12-02": [
        ("09:00", "log", "call", "赵敏", "-o", "reached"),  # keeps 11-30's promise
        ("09:10", "log", "call", "王强", "-o", "reached"),
        ("09:20", "log", "call", "-o", "no-answer"),
        ("15:00", "log", "visit", "孙丽", "-o", "order"),
    ],
    "2026-12-03": [
        ("09:00", "log", "call", "孙丽", "-o", "appointment"),
        ("09:01", "appt", "add", "孙丽", "--at", "2026-12-08 10:00"),
        ("09:10", "log", "call", "周杰", "-o", "not-interested"),
        ("09:20", "log", "call", "王强", "-o", "callback"),
        ("09:21", "log", "undo"),  # logged by mistake: the callback is gone
    ],
    "2026-12-04": [
        ("09:00", "log", "call", "王强", "-o", "consultation"),
        ("09:10", "log", "call", "赵敏", "-o", "no-answer"),
        ("09:20", "log", "call", "周杰", "-o", "reached"),
        ("10:00", "project", "stage", "1", "bidding"),
        ("11:00", "event", "add", "答谢会", "--on", "2026-12-20", "--status", "customer"),
        ("15:00", "log", "visit", "王强"),
    ],
    "2026-12-07": [
        ("09:00", "log", "call", "孙丽", "-o", "reached"),  # the event's invitation call
        ("09:10", "log", "call", "王强", "-o", "reached"),
        ("09:20", "log", "call", "赵敏", "-o", "busy"),
    ],
    "2026-12-08": [
        ("09:00", "log", "call", "周杰", "-o", "no-answer"),
        ("09:10", "log", "call", "-o", "reached"),
        ("10:00", "log", "visit", "孙丽"),
    ],
    "2026-12-09": [
        ("09:00", "log", "email", "孙丽"),  # the invitation letter
        ("09:10", "log", "call", "赵敏", "-o", "reached"),
        ("09:20", "log", "call", "赵敏", "-o", "reached"),
        ("09:30", "log", "call", "王强", "-o", "no-answer"),
    ],
    "2026-12-10": [
        ("09:00", "log", "call", "周杰", "-o", "wrong-number"),
    ],
}


def N(run, now: str, *args: str):  # noqa: N802 - the issue's N(){…} helper
    return run(*args, env={"SALESPLAN_NOW": now.replace(" ", "T")})


@pytest.fixture
def two_weeks(run):
    setup = "2026-11-29 20:00"
    for key, value in (("holidays", "none"), ("calls_per_day", "3"), ("visits_per_week", "5")):
        N(run, setup, "config", "set", key, value)
    N(run, setup, "contact", "add", "孙丽", "--status", "customer")
    N(run, setup, "contact", "add", "王强", "--status", "intent")
    N(run, setup, "contact", "add", "赵敏")
    N(run, setup, "contact", "add", "周杰", "--tier", "key")
    for day, entries in DAYS.items():
        for at, *command in entries:
            if command[:2] == ["log", "call"] or command[:2] == ["log", "visit"]:
                command += ["--at", f"{day} {at}"]
            elif command[:2] == ["log", "email"]:
                command += ["--at", f"{day} {at}"]
            N(run, f"{day} {at}", *command)


def week(run, label: str, now: str = "2026-12-14 08:00"):
    return json.loads(N(run, now, "week", "--week", label, "--json").stdout)


def test_the_two_weeks_match_the_ledger(run, two_weeks):
    w49, w50 = week(run, "2026-W49"), week(run, "2026-W50")

    # Ledger, W49: calls 3 2 3 2 3 (the undone callback not counted); reached = reached,
    # callback, appointment, not-interested, order, consultation.
    assert [d["calls"] for d in w49["days"]] == [3, 2, 3, 2, 3, 0, 0]
    assert [d["reached"] for d in w49["days"]] == [2, 0, 2, 2, 2, 0, 0]
    assert [d["visits"] for d in w49["days"]] == [1, 0, 1, 0, 1, 0, 0]
    t = w49["totals"]
    assert (t["calls"], t["reached"], t["visits"], t["call_days_met"]) == (13, 8, 3, 3)
    assert (w49["targets"]["workdays"], w49["targets"]["visits_per_week"]) == (5, 5)
    # Open at the week's end (Sunday 12-06): 孙丽's event invitation (notice 12-06 is a
    # Sunday, so Friday 12-04, the day the event was made) missed; nothing else fell due. Not
    # overdue yet: no workday came after Friday, as `due` says that Sunday.
    assert w49["followups"] == {
        "open": 0,
        "missed": 1,
        "overdue_total": 0,
        "contacts_followed_up": 4,
    }
    # Next week: the invitation (overdue), 孙丽's first after-sales call after her order of
    # 12-02 (window 12-05, a Saturday, so from Monday 12-07), 王强's intent call (visit 12-04
    # + 3) and his first after-sales call after the consultation of 12-04; the 12-08 booking.
    plan = [(i["contact"], i["rule"], i["due"]) for i in w49["next_week"]["followups"]]
    assert plan == [
        ("孙丽", "event-invite", "2026-12-04"),
        ("孙丽", "after-sales-1", "2026-12-07"),
        ("王强", "after-sales-1", "2026-12-07"),
        ("王强", "intent", "2026-12-07"),
    ]
    assert [a["start"] for a in w49["next_week"]["appointments"]] == ["2026-12-08T10:00"]

    # Ledger, W50: calls 3 2 3 1 0.
    assert [d["calls"] for d in w50["days"]] == [3, 2, 3, 1, 0, 0, 0]
    assert [d["reached"] for d in w50["days"]] == [2, 1, 2, 0, 0, 0, 0]
    t = w50["totals"]
    assert (t["calls"], t["reached"], t["visits"], t["emails"], t["call_days_met"]) == (
        9,
        5,
        1,
        1,
        2,
    )
    # 王强 was last reached on 12-07: his intent call fell due 12-10 and was only attempted.
    assert w50["followups"] == {
        "open": 0,
        "missed": 1,
        "overdue_total": 1,
        "contacts_followed_up": 4,
    }
    plan = [(i["contact"], i["rule"], i["due"]) for i in w50["next_week"]["followups"]]
    assert plan == [
        ("王强", "intent", "2026-12-10"),
        ("孙丽", "after-sales-2", "2026-12-14"),
        ("王强", "after-sales-2", "2026-12-14"),
        ("周杰", "key-customer", "2026-12-18"),
    ]
    assert w50["next_week"]["appointments"] == []

    # due on Monday 12-14, to the week's end: the same four.
    due = json.loads(N(run, "2026-12-14 08:00", "due", "--until", "2026-12-20", "--json").stdout)
    assert [(i["contact"], i["rule"], i["overdue_days"]) for i in due["items"]] == [
        ("王强", "intent", 2),  # due Thu 12-10: Friday and Monday late
        ("孙丽", "after-sales-2", 0),
        ("王强", "after-sales-2", 0),
        ("周杰", "key-customer", 0),
    ]

    # The month so far: December's days of W49 (12-01 to 12-06) and W50.
    month = json.loads(N(run, "2026-12-14 08:00", "month", "--month", "2026-12", "--json").stdout)
    rows = {w["week"]: (w["calls"], w["reached"], w["visits"]) for w in month["weeks"]}
    assert rows["2026-W49"] == (10, 6, 2) and rows["2026-W50"] == (9, 5, 1)
    assert month["went_wrong"]["days_missed"] == [
        "2026-12-01",
        "2026-12-03",
        "2026-12-08",
        "2026-12-10",
        "2026-12-11",
    ]
    # Generated again a week later, both weeks are the same record.
    assert week(run, "2026-W49", "2026-12-21 08:00") == w49
    assert week(run, "2026-W50", "2026-12-21 08:00") == w50
