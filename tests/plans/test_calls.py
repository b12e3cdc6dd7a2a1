"""The calling list as the store fills it: who is in which group, and in which order."""

from datetime import UTC, date, datetime, timedelta

import pytest

from salesplan.core.settings import Settings
from salesplan.plans.calls import call_queue
from salesplan.store.activities import log_activity
from salesplan.store.contacts import add_contact
from salesplan.store.db import Store

NOW = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)  # Tuesday 2026-12-01 08:30 in Shanghai
TODAY = date(2026, 12, 1)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "s.db", NOW)


def add(s, name, status, tier="normal", *, last=None, phone=True, cold=None):
    """A contact; ``last``: days since its last real contact (a reached call)."""
    n = add.counter = getattr(add, "counter", 0) + 1
    c = add_contact(
        {
            "name": name,
            "status": status,
            "tier": tier,
            "phone": f"139{n:08d}" if phone else None,
        },
        session=s,
        now_utc=NOW - timedelta(days=400),
    )
    if cold:
        c.cold_list = cold
        s.add(c)
    if last is not None:
        at = NOW - timedelta(days=last)
        log_activity("call", session=s, at_utc=at, now_utc=at, contact=c, outcome="reached")
    return c


def test_groups_and_their_order(store):
    settings = Settings()
    with store.session(write=True) as s:
        add(s, "老客户近", "customer", last=20)
        add(s, "老客户远", "customer", last=200)  # keep-in-touch overdue: due
        add(s, "老客户中", "customer", last=25)
        add(s, "线索新", "lead")  # never reached
        add(s, "线索远", "lead", last=90)
        add(s, "重点线索近", "lead", "key", last=10)
        add(s, "不明", "unclear", last=40)
        add(s, "本周已打", "lead", last=1)  # called Monday: not again this week
        add(s, "无电话", "lead", phone=False)
        add(s, "流失", "lost", last=300)
        add(s, "展会甲", "lead", cold="建材展")
        add(s, "展会乙", "lead", cold="建材展")
        add(s, "名单丙", "lead", cold="买的名单")
        add(s, "展会已联系", "lead", last=30, cold="建材展")  # reached: now a prospect
    with store.session() as s:
        q = call_queue(TODAY, settings, session=s, calls_done=0, calls_target=30)
        only = call_queue(
            TODAY, settings, session=s, calls_done=0, calls_target=30, list_name="建材展"
        )
    assert [i.name for i in q.due] == ["老客户远"]
    assert [i.name for i in q.prospects] == ["重点线索近", "线索新", "线索远", "不明", "展会已联系"]
    assert [i.name for i in q.customers] == ["老客户远", "老客户中", "老客户近"]
    assert [i.name for i in q.cold] == ["展会甲", "展会乙", "名单丙"]
    # Each person once, in the first group that holds them.
    assert [(i.name, i.group) for i in q.ordered()] == [
        ("老客户远", "due"),
        ("重点线索近", "prospect"),
        ("线索新", "prospect"),
        ("线索远", "prospect"),
        ("不明", "prospect"),
        ("展会已联系", "prospect"),
        ("老客户中", "customer"),
        ("老客户近", "customer"),
        ("展会甲", "cold"),
        ("展会乙", "cold"),
        ("名单丙", "cold"),
    ]
    assert q.prospects[0].reason == "key lead to develop: no real contact for 10 days"
    assert q.prospects[1].reason == "lead to develop: never reached"
    assert q.prospects[3].reason == "prospect whose intent is unclear: no real contact for 40 days"
    assert q.customers[1].reason == "regular customer: no real contact for 25 days"
    assert q.cold[0].reason == "cold list 建材展: not reached yet"
    assert [i.name for i in only.ordered()] == ["展会甲", "展会乙"]


def test_a_cold_number_tried_today_waits_for_another_day(store):
    with store.session(write=True) as s:
        c = add(s, "展会甲", "lead", cold="建材展")
        add(s, "展会乙", "lead", cold="建材展")
        log_activity("call", session=s, at_utc=NOW, now_utc=NOW, contact=c, outcome="no-answer")
    with store.session() as s:
        q = call_queue(TODAY, Settings(), session=s, calls_done=1, calls_target=30)
    assert [i.name for i in q.ordered()] == ["展会乙"]
