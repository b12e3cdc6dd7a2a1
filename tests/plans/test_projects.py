"""The project plans on a store: what each move leaves, and one project's history."""

from datetime import UTC, date, datetime

import pytest

from salesplan.errors import BadInput, NotFound
from salesplan.plans.events import add_event, upcoming_events
from salesplan.plans.projects import (
    add_key_date,
    add_project,
    lose_project,
    move_project,
    project_detail,
    project_list,
    record_payment,
    win_project,
)
from salesplan.store.activities import log_activity
from salesplan.store.contacts import add_contact
from salesplan.store.db import Store

NOW = datetime(2026, 11, 30, 0, 5, tzinfo=UTC)  # Monday 2026-11-30 08:05 in Shanghai
TODAY = date(2026, 11, 30)


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "s.db", NOW)
    with store.session(write=True) as s:
        add_contact({"name": "王建国", "phone": "13800138000"}, session=s, now_utc=NOW)
        add_contact({"name": "李娜"}, session=s, now_utc=NOW)
    return store


def test_a_project_through_its_stages_to_won(store):
    with store.session(write=True) as s:
        added = add_project(
            "望京SOHO幕墙", "王建国", session=s, today=TODAY, now_utc=NOW, amount=85_000_000
        )
        assert (added.id, added.contact, added.stage, added.stage_since) == (
            1,
            "王建国",
            "design",
            TODAY,
        )
        moved = move_project(1, "bidding", "2026-12-02", session=s, today=TODAY)
        assert (moved.stage, moved.stage_since, moved.contact) == (
            "bidding",
            date(2026, 12, 2),
            None,
        )
        add_key_date(1, "bid", date(2026, 12, 10), session=s)
        won = win_project(1, None, 82_000_000, session=s, today=TODAY)
        assert (won.stage, won.won_date, won.amount) == ("won", TODAY, 82_000_000)
        paid = record_payment(1, 20_000_000, "2026-12-01", "预付款", session=s, today=TODAY)
        assert (paid.total, paid.amount) == (20_000_000, 82_000_000)
        paid = record_payment(1, 5_000_000, None, None, session=s, today=TODAY)
        assert paid.total == 25_000_000
    with store.session() as s:
        detail = project_detail(1, session=s)
    assert detail.project.bid_date == date(2026, 12, 10)
    assert [(x.stage, x.on, x.note) for x in detail.stages] == [
        ("design", TODAY, "created"),
        ("bidding", date(2026, 12, 2), None),
        ("won", TODAY, None),
    ]
    assert [(x.amount, x.on) for x in detail.payments] == [
        (5_000_000, TODAY),
        (20_000_000, date(2026, 12, 1)),
    ]
    assert detail.collected == 25_000_000
    assert [(x.name, x.on) for x in detail.dates] == [("bid", date(2026, 12, 10))]


def test_lost_keeps_the_reason_and_the_list_filters_by_stage(store):
    with store.session(write=True) as s:
        add_project("甲", "王建国", session=s, today=TODAY, now_utc=NOW)
        add_project("乙", "李娜", session=s, today=TODAY, now_utc=NOW, stage="bidding")
        lose_project(1, "2026-11-27", "价格高于竞品", session=s, today=TODAY)
    with store.session() as s:
        assert [(p.id, p.contact, p.stage) for p in project_list(session=s)] == [
            (1, "王建国", "lost"),
            (2, "李娜", "bidding"),
        ]
        assert [p.name for p in project_list(session=s, stage="lost")] == ["甲"]
        detail = project_detail(1, session=s)
    assert detail.project.lost_reason == "价格高于竞品"
    assert detail.stages[-1].on == date(2026, 11, 27)


def test_a_missing_project_is_said_before_a_bad_date(store):
    with store.session(write=True) as s, pytest.raises(NotFound):
        move_project(9, "bidding", "not a date", session=s, today=TODAY)
    with store.session(write=True) as s, pytest.raises(NotFound):
        record_payment(9, 100, "not a date", None, session=s, today=TODAY)


def test_the_detail_lists_the_customers_latest_contacts(store):
    with store.session(write=True) as s:
        add_project("甲", "王建国", session=s, today=TODAY, now_utc=NOW)
        who = add_contact({"name": "张伟"}, session=s, now_utc=NOW)
        log_activity("visit", session=s, at_utc=NOW, now_utc=NOW, contact=who)
        wang = s.get(type(who), 1)
        log_activity("call", session=s, at_utc=NOW, now_utc=NOW, contact=wang, note="约时间")
    with store.session() as s:
        detail = project_detail(1, session=s)
    assert [(a.kind, a.note, a.contact_id) for a in detail.contacts] == [("call", "约时间", 1)]


def test_events_to_come(store):
    with store.session(write=True) as s:
        added = add_event("客户答谢日", date(2026, 12, 20), session=s, now_utc=NOW, tier="key")
        add_event("旧活动", date(2026, 11, 1), session=s, now_utc=NOW)
        with pytest.raises(BadInput):
            add_event("坏", date(2026, 12, 20), session=s, now_utc=NOW, tier="nonsense")
    assert added.to_json() == {
        "id": 1,
        "name": "客户答谢日",
        "on": "2026-12-20",
        "tier": "key",
        "status": None,
        "area": None,
    }
    with store.session() as s:
        assert [e.name for e in upcoming_events(session=s, since=TODAY)] == ["客户答谢日"]
        assert len(upcoming_events(session=s, since=date(2026, 1, 1))) == 2
