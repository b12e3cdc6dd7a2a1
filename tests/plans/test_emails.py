"""The email templates' use cases: kept in name order, changed, removed, filled for a contact."""

from datetime import UTC, datetime

import pytest

from salesplan.errors import NotFound
from salesplan.plans.contacts import add_contact
from salesplan.plans.emails import (
    add_template,
    edit_template,
    fill_for,
    remove_template,
    template,
    templates,
)
from salesplan.store.db import Store

NOW = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "s.db", NOW)


def test_templates_kept_in_name_order_changed_and_removed(store):
    with store.session(write=True) as s:
        add_template("b跟进", "再联系", "{name}您好", session=s, now_utc=NOW)
        add_template("a初次介绍", "{company}的方案", "附上资料", session=s, now_utc=NOW)
        changed = edit_template("b跟进", session=s, body="{name}，您好")
    assert (changed.subject, changed.body) == ("再联系", "{name}，您好")
    with store.session() as s:
        assert [t.name for t in templates(session=s)] == ["a初次介绍", "b跟进"]
    with store.session(write=True) as s:
        assert remove_template("a初次介绍", session=s).subject == "{company}的方案"
    with store.session() as s, pytest.raises(NotFound):
        template("a初次介绍", session=s)


def test_fill_for_a_contact_names_what_was_missing_and_where_it_goes(store):
    with store.session(write=True) as s:
        add_template("介绍", "{company}的{product}", "{name}您好", session=s, now_utc=NOW)
        add_contact(
            {"name": "王建国", "company": "华远建材", "email": "wjg@example.com"},
            session=s,
            now_utc=NOW,
        )
    with store.session() as s:
        made = fill_for("介绍", "王建国", session=s)
    assert (made.contact_id, made.contact, made.address) == (1, "王建国", "wjg@example.com")
    assert made.email.subject == "华远建材的" and made.email.body == "王建国您好"
    assert made.email.missing == ("product",)
