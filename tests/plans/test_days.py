"""The plans behind ``absent``, ``due``, ``plan week`` and ``week --summary``, on a store."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from salesplan.core.settings import Settings
from salesplan.errors import BadInput
from salesplan.models import Absence, Note
from salesplan.plans.absences import record_absence
from salesplan.plans.due import due_up_to
from salesplan.plans.week import keep_week_words, week_comments
from salesplan.plans.weekplan import plan_week_ahead
from salesplan.store.activities import log_activity
from salesplan.store.contacts import add_contact
from salesplan.store.db import Store
from salesplan.store.todos import add_todo
from salesplan.store.workdays import load_workdays

NOW = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)  # Tuesday 2026-12-01 08:30 in Shanghai
TODAY = date(2026, 12, 1)
LOCAL = datetime(2026, 12, 1, 8, 30)  # the same moment, on the local wall clock


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "s.db", NOW)


def test_an_absence_is_recorded_changed_and_removed(store):
    settings = Settings()
    with store.session(write=True) as s:
        record_absence(TODAY, settings, session=s)
    with store.session(write=True) as s:
        row = s.get(Absence, TODAY)
        assert (row.half, row.part) == (False, None)
        record_absence(TODAY, settings, session=s, half=True, part="afternoon")
    with store.session(write=True) as s:
        row = s.get(Absence, TODAY)
        assert (row.half, row.part) == (True, "afternoon")
        record_absence(TODAY, settings, session=s, undo=True)
    with store.session() as s:
        assert s.get(Absence, TODAY) is None


def test_only_a_workday_can_be_absent(store):
    with (
        store.session(write=True) as s,
        pytest.raises(BadInput, match="2026-12-05 is not a workday"),
    ):
        record_absence(date(2026, 12, 5), Settings(), session=s)


def test_due_lists_the_follow_ups_and_the_todos_dated_by_the_last_day(store):
    settings = Settings()
    with store.session(write=True) as s:
        old = add_contact(
            {"name": "老客户", "status": "customer", "phone": "13900000001"},
            session=s,
            now_utc=NOW - timedelta(days=400),
        )
        at = NOW - timedelta(days=200)  # keep-in-touch long overdue
        log_activity("call", session=s, at_utc=at, now_utc=at, contact=old, outcome="reached")
        add_todo("报价单", session=s, now_utc=NOW, due=date(2026, 12, 3))
        add_todo("下月的事", session=s, now_utc=NOW, due=date(2027, 1, 5))
    with store.session() as s:
        calendar = load_workdays(settings, session=s)
        found = due_up_to(date(2026, 12, 6), TODAY, settings, session=s, calendar=calendar)
        assert [t.text for t in found.todos] == ["报价单"]
        assert found.items and all(i.due <= date(2026, 12, 6) for i in found.items)
        assert {(i.contact, i.rule) for i in found.items} == {("老客户", "keep-in-touch")}
        rule = found.items[0].rule
        only = due_up_to(
            date(2026, 12, 6), TODAY, settings, session=s, calendar=calendar, rule=rule
        )
        assert only.todos == [] and {i.rule for i in only.items} == {rule}
        other = due_up_to(
            date(2026, 12, 6), TODAY, settings, session=s, calendar=calendar, rule="design-weekly"
        )
        assert other.items == []


def test_plan_week_ahead_is_this_week_until_its_last_workday(store):
    settings = Settings()
    with store.session() as s:
        assert plan_week_ahead(None, TODAY, LOCAL, settings, session=s).start == date(2026, 11, 30)
        friday = date(2026, 12, 4)
        assert plan_week_ahead(
            None, friday, LOCAL + timedelta(days=3), settings, session=s
        ).start == date(2026, 12, 7)
        assert plan_week_ahead("2026-W50", TODAY, LOCAL, settings, session=s).start == date(
            2026, 12, 7
        )


def test_the_week_own_words_are_kept_once_and_a_store_of_ones_own_has_no_comments(store):
    settings = Settings()
    with store.session(write=True) as s:
        keep_week_words("本周拜访量不错", date(2026, 11, 24), TODAY, settings, session=s)
        keep_week_words("本周拜访量不错", date(2026, 11, 26), TODAY, settings, session=s)
    with store.session() as s:
        notes = s.exec(select(Note)).all()
        assert [(n.text, n.kind, n.on) for n in notes] == [
            ("本周拜访量不错", "summary", date(2026, 11, 29))
        ]
        assert week_comments("2026-W49", settings, session=s, team=False) == []
