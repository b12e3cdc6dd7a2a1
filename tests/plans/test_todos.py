"""The to-do plans on a store: adding, the order of the list, done and undone."""

from datetime import UTC, date, datetime

import pytest

from salesplan.core.workdays import Workdays
from salesplan.errors import BadInput, NotFound
from salesplan.plans.todos import add_todo, finish_todo, reopen_last_todo, todo_list
from salesplan.store.contacts import add_contact
from salesplan.store.db import Store

NOW = datetime(2026, 11, 30, 0, 5, tzinfo=UTC)  # Monday 2026-11-30 08:05 in Shanghai
TODAY = date(2026, 11, 30)


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "s.db", NOW)
    with store.session(write=True) as s:
        add_contact({"name": "王建国"}, session=s, now_utc=NOW)
    return store


def test_add_list_done_undo(store):
    with store.session(write=True) as s:
        add_todo("整理名片", session=s, now_utc=NOW, today=TODAY)
        item = add_todo(
            "周五前发报价",
            session=s,
            now_utc=NOW,
            today=TODAY,
            due="fri",
            important=True,
            contact_ref="王建国",
        )
        assert (item.id, item.due, item.important, item.contact) == (
            2,
            date(2026, 12, 4),
            True,
            "王建国",
        )
        add_todo("交投标文件", session=s, now_utc=NOW, today=TODAY, due="2026-11-27")
        assert [t.id for t in todo_list(TODAY, Workdays(), session=s)] == [2, 3, 1]
        done = finish_todo(2, session=s, now_utc=NOW)
        assert (done.id, done.text) == (2, "周五前发报价")
        assert [t.id for t in todo_list(TODAY, Workdays(), session=s)] == [3, 1]
        assert [t.id for t in todo_list(TODAY, Workdays(), session=s, include_done=True)] == [
            3,
            1,
            2,
        ]
        assert reopen_last_todo(session=s).id == 2
        with pytest.raises(NotFound):
            finish_todo(9, session=s, now_utc=NOW)


def test_a_missing_project_is_said_before_a_bad_due_date(store):
    with store.session(write=True) as s:
        with pytest.raises(NotFound):
            add_todo("x", session=s, now_utc=NOW, today=TODAY, due="nonsense", project_id=5)
        with pytest.raises(BadInput):
            add_todo("x", session=s, now_utc=NOW, today=TODAY, due="nonsense")
