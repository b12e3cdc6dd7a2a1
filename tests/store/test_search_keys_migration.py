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
    env = {"SALESPLAN_DB": str(path)}
    assert run.json("contact", "show", "wjg", env=env)["id"] == 1
    assert run.json("contact", "show", "+86 138 0013 8000", env=env)["id"] == 1
    assert run.json("contact", "show", "liuyang", env=env)["id"] == 3
