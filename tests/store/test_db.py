import json
import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from salesplan import models
from salesplan.errors import StoreBusy, StoreError
from salesplan.store import migrations
from salesplan.store.db import Store

NOW = datetime(2026, 11, 30, 0, 5, tzinfo=UTC)


def test_every_connection_gets_the_pragmas(tmp_path):
    store = Store(tmp_path / "s.db", NOW)
    with store.session() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_write_sessions_take_the_lock_up_front(tmp_path):
    store = Store(tmp_path / "s.db", NOW)
    with store.session(write=True) as s:
        s.connection()
        # BEGIN IMMEDIATE holds the RESERVED lock: another writer cannot start.
        other = sqlite3.connect(tmp_path / "s.db", timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_a_held_lock_past_the_timeout_is_store_busy(tmp_path, monkeypatch):
    monkeypatch.setenv("SALESPLAN_BUSY_TIMEOUT_MS", "100")
    path = tmp_path / "s.db"
    Store(path, NOW).open()
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreBusy), Store(path, NOW).session(write=True) as s:
            s.connection()
    finally:
        holder.rollback()
        holder.close()


def test_file_and_folder_modes_under_umask_022(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "new" / "deeper" / "s.db"
        Store(path, NOW).open()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_loose_store_is_tightened_with_a_warning(tmp_path):
    path = tmp_path / "s.db"
    Store(path, NOW).open()
    os.chmod(path, 0o644)
    store = Store(path, NOW)
    store.open()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert store.warnings and "600" in store.warnings[0]


def test_files_that_are_not_stores_are_refused_untouched(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(StoreError, match="not a salesplan store"):
        Store(text, NOW).open()
    assert text.read_text() == "hello"
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(StoreError, match="not a salesplan store"):
        Store(other, NOW).open()
    assert other.read_bytes() == before


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    Store(path, NOW).open()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_info SET version = 999")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer salesplan"):
        Store(path, NOW).open()


CURRENT = models.SCHEMA_VERSION
NEXT = CURRENT + 1  # a pretend next version, for the migration machinery


def _pretend_next_version(monkeypatch, *statements):
    """Make this code one schema version newer, reached from the current one by ``statements``."""
    monkeypatch.setattr(models, "SCHEMA_VERSION", NEXT)
    monkeypatch.setitem(migrations.MIGRATIONS, NEXT, list(statements))


def _old_store(path):
    """A store one version behind, holding Chinese names, an appointment and a log entry."""
    store = Store(path, NOW)
    with store.session(write=True) as s:
        c = models.Contact(name="王建国", created_at=NOW)
        s.add(c)
        s.flush()
        s.add(models.Appointment(contact_id=c.id, start=NOW, created_at=NOW))
        s.add(models.Activity(kind="call", at=NOW, contact_id=c.id, created_at=NOW))
    store.dispose()


def test_migrations_back_up_first_and_keep_every_row(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    _old_store(path)
    _pretend_next_version(monkeypatch, "ALTER TABLE contact ADD COLUMN wechat VARCHAR")
    store = Store(path, NOW)
    with store.session() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("SELECT version FROM schema_info").scalar() == NEXT
        assert conn.exec_driver_sql("SELECT name, wechat FROM contact").all() == [("王建国", None)]
        assert conn.exec_driver_sql("SELECT count(*) FROM activity").scalar() == 1
    backups = list(tmp_path.glob(f"s.db.v{CURRENT}-*.bak"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT version FROM schema_info").fetchone() == (CURRENT,)
    old.close()


def test_a_failing_migration_leaves_the_old_store_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    _old_store(path)
    _pretend_next_version(
        monkeypatch, "ALTER TABLE contact ADD COLUMN wechat VARCHAR", "THIS IS NOT SQL"
    )
    with pytest.raises(Exception, match="syntax"):
        Store(path, NOW).open()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version FROM schema_info").fetchone() == (CURRENT,)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(contact)")]
    assert "wechat" not in columns
    assert conn.execute("SELECT name FROM contact").fetchall() == [("王建国",)]
    conn.close()


def test_explain_query_plan_uses_the_indexes(tmp_path):
    store = Store(tmp_path / "s.db", NOW)
    with store.session() as s:
        conn = s.connection()
        plans = {
            "log by period": "SELECT count(*) FROM activity WHERE at >= '2026-11-30' AND at < '2026-12-01'",
            "appointments by period": "SELECT * FROM appointment WHERE start >= '2026-11-30' AND start < '2026-12-01'",
            "latest per contact": "SELECT at FROM activity WHERE contact_id = 3 ORDER BY at DESC LIMIT 1",
            "contacts by phone": "SELECT * FROM contact WHERE phone = '13800138000'",
            "calls in a period": "SELECT count(*) FROM activity WHERE kind = 'call' "
            "AND outcome IN ('reached', 'order') AND at >= '2026-11-30' AND at < '2026-12-01'",
        }
        for what, sql in plans.items():
            detail = " ".join(
                r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all()
            )
            assert "USING" in detail and "INDEX" in detail, (what, detail)
        # Not the kind alone (every call in five years): the kind and the period together.
        calls = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + plans["calls in a period"]).all()
        assert "ix_activity_kind_at (kind=? AND at>? AND at<?)" in calls[0][-1]


def _shape(path):
    conn = sqlite3.connect(path)
    try:
        return sorted(
            (
                name,
                table,
                [r[2] for r in conn.execute("SELECT * FROM pragma_index_info(?)", (name,))],
            )
            for name, table in conn.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                "AND name NOT LIKE 'sqlite_autoindex%'"
            )
        ) + sorted(
            (table, [r[1:3] for r in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))])
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
    finally:
        conn.close()


def test_a_migrated_first_schema_store_has_the_shape_of_a_fresh_one(tmp_path):
    old = tmp_path / "v1.db"
    conn = sqlite3.connect(old)
    conn.executescript(FIXTURE_V1.read_text(encoding="utf-8"))
    conn.close()
    Store(old, NOW).open()
    fresh = tmp_path / "fresh.db"
    Store(fresh, NOW).open()
    assert _shape(old) == _shape(fresh)


def test_only_the_newest_automatic_backups_are_kept(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    _old_store(path)
    for n in range(7):
        stale = tmp_path / f"s.db.v{CURRENT}-2026010{n}T000000.bak"
        stale.write_bytes(b"old")
        os.utime(stale, (1_700_000_000 + n, 1_700_000_000 + n))
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO setting (key, value) VALUES ('backup_keep', '3')")
    conn.commit()
    conn.close()
    _pretend_next_version(monkeypatch, "ALTER TABLE contact ADD COLUMN wechat VARCHAR")
    Store(path, NOW).open()
    kept = sorted(p.name for p in tmp_path.glob(f"s.db.v{CURRENT}-*.bak"))
    assert len(kept) == 3
    assert f"s.db.v{CURRENT}-20261130T000500.bak" in kept  # the one just made survives


def test_two_openers_of_an_old_store_migrate_it_once(tmp_path, monkeypatch):
    import threading

    path = tmp_path / "s.db"
    _old_store(path)
    _pretend_next_version(monkeypatch, "ALTER TABLE contact ADD COLUMN wechat VARCHAR")
    errors = []

    def open_it():
        try:
            with Store(path, NOW).session() as s:
                s.connection().exec_driver_sql("SELECT wechat FROM contact").all()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(list(tmp_path.glob(f"s.db.v{CURRENT}-*.bak"))) == 1


def test_wal_and_shm_files_are_private_too(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "s.db"
        store = Store(path, NOW)
        with store.session(write=True) as s:
            s.add(models.Contact(name="王建国", created_at=NOW))
            s.flush()
            for suffix in ("-wal", "-shm"):
                side = Path(str(path) + suffix)
                assert side.exists()
                assert stat.S_IMODE(side.stat().st_mode) == 0o600
    finally:
        os.umask(old)


FIXTURE_V1 = Path(__file__).resolve().parents[1] / "fixtures" / "store_v1.sql"


def test_a_store_made_by_the_first_schema_opens_with_every_row(tmp_path, run):
    """The fixture was written by schema version 1; every later version must still open it."""
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURE_V1.read_text(encoding="utf-8"))
    conn.close()
    env = {"SALESPLAN_DB": str(path)}
    names = [c["name"] for c in json.loads(run("contact", "list", "--json", env=env).stdout)]
    assert names == ["王建国", "x'); DROP TABLE contact;--", "刘洋"]
    log = json.loads(run("log", "list", "--json", env=env).stdout)
    assert [(e["kind"], e["contact"], e["note"]) for e in log] == [
        ("call", "王建国", "周五再联系"),
        ("visit", "刘洋", None),
    ]
    appts = json.loads(run("appt", "list", "--json", env=env).stdout)
    assert [(a["start"], a["title"]) for a in appts] == [("2026-12-01T14:00", "方案讲解")]
    project = json.loads(run("project", "show", "1", "--json", env=env).stdout)
    assert (project["amount"], project["collected"]) == (850000.5, 100.1)
    if models.SCHEMA_VERSION > 1:
        assert list(tmp_path.glob("v1.db.v1-*.bak"))


def test_hostile_text_is_stored_and_matched_literally(run):
    run("contact", "add", "x'); DROP TABLE contact;--")
    run("contact", "add", "100%_sure")
    assert [c["name"] for c in json.loads(run("contact", "list", "--json").stdout)] == [
        "x'); DROP TABLE contact;--",
        "100%_sure",
    ]
    assert json.loads(run("contact", "show", "DROP TABLE", "--json").stdout)["id"] == 1
    assert [
        c["id"] for c in json.loads(run("contact", "list", "--search", "%_", "--json").stdout)
    ] == [2]
