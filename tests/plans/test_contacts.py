"""The contact book's use cases, on a store: each returns the contact with all its numbers."""

from datetime import UTC, datetime

import pytest

from salesplan.errors import BadInput
from salesplan.plans.contacts import (
    add_contact,
    archive_contact,
    edit_contact,
    find_contacts,
    flag_contact,
    show_contact,
)
from salesplan.store.activities import log_activity
from salesplan.store.db import Store

NOW = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "s.db", NOW)


def test_add_and_edit_return_every_number_and_address(store):
    with store.session(write=True) as s:
        card = add_contact(
            {"name": "王建国", "phone": "138 0013 8000", "email": "wjg@example.com"},
            session=s,
            now_utc=NOW,
        )
        assert card.contact.name == "王建国"
        assert card.phones == [("138 0013 8000", "mobile")]
        assert card.emails == ["wjg@example.com"]
        changed = edit_contact("wjg", {"phone": "13900000001"}, session=s, now_utc=NOW)
    assert changed.contact.id == card.contact.id
    assert [n for n, _kind in changed.phones] == ["13900000001"]


def test_a_phone_another_contact_has_is_refused_unless_forced(store):
    with store.session(write=True) as s:
        add_contact({"name": "王建国", "phone": "13800138000"}, session=s, now_utc=NOW)
        with pytest.raises(BadInput, match="already on #1"):
            add_contact({"name": "李娜", "phone": "+86 138 0013 8000"}, session=s, now_utc=NOW)
        forced = add_contact(
            {"name": "李娜", "phone": "+86 138 0013 8000"}, session=s, now_utc=NOW, force=True
        )
    assert forced.contact.id == 2


def test_find_lists_numbers_only_when_asked_and_archive_hides(store):
    with store.session(write=True) as s:
        for name, area in (("王建国", "朝阳"), ("李娜", "海淀"), ("张伟", "朝阳")):
            add_contact({"name": name, "area": area, "phone": None}, session=s, now_utc=NOW)
        add_contact({"name": "刘洋", "email": "ly@example.com"}, session=s, now_utc=NOW)
        gone = archive_contact("张伟", session=s)
    assert (gone.id, gone.name) == (3, "张伟")
    with store.session() as s:
        assert [c.contact.name for c in find_contacts(session=s, area="朝阳")] == ["王建国"]
        everyone = find_contacts(session=s, include_archived=True, numbers=True)
        plain = find_contacts(session=s, search="ly")
    assert [c.contact.name for c in everyone] == ["王建国", "李娜", "张伟", "刘洋"]
    assert everyone[3].emails == ["ly@example.com"]
    assert [c.contact.name for c in plain] == ["刘洋"] and plain[0].emails == []
    with store.session(write=True) as s:
        back = archive_contact("#3", session=s, undo=True)
    with store.session() as s:
        assert back.name == "张伟" and len(find_contacts(session=s, area="朝阳")) == 2


def test_flag_and_show_with_the_latest_entries_newest_first(store):
    with store.session(write=True) as s:
        c = add_contact({"name": "李四"}, session=s, now_utc=NOW).contact
        for hour in (1, 3, 2):
            at = NOW.replace(hour=hour)
            log_activity("call", session=s, at_utc=at, now_utc=at, contact=c, outcome="reached")
        flagged = flag_contact("李四", "credit", session=s, note="两次逾期付款")
    assert (flagged.id, flagged.name) == (1, "李四")
    with store.session() as s:
        shown = show_contact("#1", session=s)
        assert shown.card.contact.flag_credit and shown.card.contact.flag_note == "两次逾期付款"
        assert [a.at.hour for a in shown.recent] == [3, 2, 1]
    with store.session(write=True) as s:
        flag_contact("李四", "credit", session=s, on=False)
    with store.session() as s:
        assert find_contacts(session=s, flagged=True) == []
