"""A store written before search keys existed gets them when it opens, ids unchanged."""

import sqlite3
from pathlib import Path

from salesplan.store.db import Store
from tests.store.test_db import FIXTURE_V1, NOW


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_first_schema_store_gets_search_keys_with_ids_unchanged(tmp_path, run):
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURE_V1.read_text(encoding="utf-8"))
    conn.close()
    contacts = "SELECT id, name, phone FROM contact ORDER BY id"
    before = _rows(path, contacts)
    Store(path, NOW).open()
    assert _rows(path, contacts) == before
    keys = set(_rows(path, "SELECT contact_id, kind, key FROM contact_key"))
    assert {
        (1, "pinyin", "wangjianguo"),
        (1, "initials", "wjg"),
        (1, "name", "王建國"),
        (1, "phone", "13800138000"),
        (3, "initials", "ly"),
    } <= keys
    assert {cid for cid, _, _ in keys} == {1, 2, 3}
    assert (1, "initials", "yjg") not in keys  # 王 is wang only
    env = {"SALESPLAN_DB": str(path)}
    assert run.json("contact", "show", "wjg", env=env)["id"] == 1
    assert run.json("contact", "show", "+86 138 0013 8000", env=env)["id"] == 1
    assert run.json("contact", "show", "liuyang", env=env)["id"] == 3


def test_a_version_5_store_has_its_keys_made_again(tmp_path, run):
    """Version 5 read every surname every way pypinyin lists (王 yu); version 6 does not."""
    path = tmp_path / "v5.db"
    env = {"SALESPLAN_DB": str(path)}
    run("contact", "add", "王建国", "--phone", "13600000002", env=env)
    run("contact", "add", "曾国藩", env=env)
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO contact_key (contact_id, kind, key) VALUES (1, ?, ?)",
        [("pinyin", "yujianguo"), ("initials", "yjg")],
    )
    # What later versions added is not in a version 5 store.
    for statement in (
        "DROP INDEX ix_contact_cold_list",
        "ALTER TABLE contact DROP COLUMN cold_list",
        "ALTER TABLE absence DROP COLUMN part",
        "DROP TABLE todo",
        "DROP TABLE email_template",
        "ALTER TABLE activity DROP COLUMN template",
        "DROP TABLE contact_status",
        "DROP TABLE workday_notice",
        "DROP TABLE contact_tier",
        "DROP TABLE contact_point",
        "ALTER TABLE contact DROP COLUMN imported",
        "UPDATE schema_info SET version = 5",
    ):
        conn.execute(statement)
    conn.commit()
    conn.close()
    before = _rows(path, "SELECT * FROM contact ORDER BY id")
    Store(path, NOW).open()
    after = _rows(path, "SELECT * FROM contact ORDER BY id")
    assert [row[: len(before[0])] for row in after] == before
    keys = set(_rows(path, "SELECT contact_id, kind, key FROM contact_key"))
    assert {(1, "initials", "wjg"), (1, "phone", "13600000002"), (2, "initials", "zgf"),
            (2, "initials", "cgf")} <= keys  # fmt: skip
    assert not {k for k in keys if k[2] in ("yujianguo", "yjg")}
    run("contact", "show", "yjg", env=env, code=2)
