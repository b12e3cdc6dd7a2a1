"""A write the store's own rules refuse (a unique key, a reference, a required value, a check)
is exit 2 with one line in the reader's language, naming the table and never the values, and
the store is as it was: on both engines."""

from __future__ import annotations

import pytest

SECRET = "秘密客户 13911112222"

# Each kind of rule, broken by plain SQL inside the command's own transaction (what a clashing
# writer, a hand-edited store or a row that went missing meanwhile would make the command do).
BREAKS = {
    "unique": (
        [
            "INSERT INTO setting (key, value) VALUES ('calls_per_day', :secret)",
            "INSERT INTO setting (key, value) VALUES ('calls_per_day', :secret)",
        ],
        "setting",
        "already holds a row with the same key",
        "已有同一键的一行",
    ),
    "reference": (
        ["INSERT INTO contact_key (contact_id, kind, key) VALUES (987654321, 'name', :secret)"],
        "contact_key",
        "that is not there",
        "不存在",
    ),
    "empty": (
        ["INSERT INTO setting (key, value) VALUES (:secret, NULL)"],
        "setting.value",
        "may not be empty",
        "不能为空",
    ),
    "check": (
        [
            "CREATE TEMPORARY TABLE probe_check (n integer CHECK (n > 0), s text)",
            "INSERT INTO probe_check (n, s) VALUES (-1, :secret)",
        ],
        "",
        "breaks a rule",
        "违反",
    ),
}


@pytest.fixture
def stored(run, db_path):
    run("contact", "add", "王建国", "--phone", "13800138000")
    return db_path


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("kind", list(BREAKS))
def test_a_broken_rule_is_exit_2_one_line_and_nothing_changed(
    run, stored, digest, engine, monkeypatch, kind, lang
):
    from sqlalchemy import text

    import salesplan.store.contacts as contacts

    statements, where, english, chinese = BREAKS[kind]

    def breaking_add(fields, *, session, **_):
        for statement in statements:
            session.exec(text(statement), params={"secret": SECRET})

    monkeypatch.setattr(contacts, "add_contact", breaking_add)
    monkeypatch.delenv("SALESPLAN_DEBUG")
    before = digest(stored)
    result = run(
        "contact", "add", "秘密客户", "--phone", "13911112222", code=2, env={"SALESPLAN_LANG": lang}
    )
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert (english if lang == "en" else chinese) in line
    if engine == "postgresql" or kind != "reference":  # SQLite names no table for a reference
        assert where in line
    assert "13911112222" not in line and "987654321" not in line and "INSERT" not in line
    assert digest(stored) == before
