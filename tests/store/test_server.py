"""The team store on PostgreSQL: opening, faults, locking and the schema's dialect parts.

Tests that need a server ask for ``server_db`` (a database of its own on the test server; see
tests/pg.py for how to get one); the rest need only the driver.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

import pytest

from salesplan import models
from salesplan.errors import StoreError, StoreUnavailable
from salesplan.store import db as store_db
from salesplan.store import engine as store_engine
from salesplan.store import migrations
from salesplan.store.db import ServerStore, Store, open_store, redact, reserve_ids, upsert
from tests import pg

NOW = datetime(2026, 11, 30, 0, 5, tzinfo=UTC)


def _one_line_error(result) -> str:
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    return result.stderr


def test_a_url_names_a_server_store_and_a_path_a_file(tmp_path, monkeypatch):
    url = "postgresql://alice@127.0.0.1:5432/team"
    assert isinstance(open_store(url, NOW), ServerStore)
    assert isinstance(open_store(str(tmp_path / "s.db"), NOW), Store)
    monkeypatch.setenv("SALESPLAN_DB", "postgres://alice@127.0.0.1/team")
    assert isinstance(open_store(None, NOW), ServerStore)
    assert open_store(str(tmp_path / "x.db"), NOW).path == tmp_path / "x.db"  # --db wins


def test_passwords_never_reach_a_message():
    assert redact("postgresql://alice:s3cret@h:5432/team") == "postgresql://alice:***@h:5432/team"
    assert redact("postgresql://alice@h/team") == "postgresql://alice@h/team"


def test_a_url_without_the_driver_says_what_to_install(run, monkeypatch):
    monkeypatch.setattr(store_engine, "driver_missing", lambda: True)
    result = run("--db", "postgresql://alice@127.0.0.1:5432/team", "today", code=2)
    assert "pip install 'salesplan[team]'" in _one_line_error(result)


def test_a_bad_url_is_bad_input(run):
    result = run("--db", "postgresql://alice@127.0.0.1:notaport/team", "today", code=2)
    assert "postgresql://ROLE@HOST:PORT/DBNAME" in _one_line_error(result)
    result = run("--db", "postgresql://alice@127.0.0.1:5432", "today", code=2)
    assert "names no database" in _one_line_error(result)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_server_is_try_again(run):
    result = run("--db", f"postgresql://alice@127.0.0.1:{_free_port()}/team", "today", code=75)
    assert "cannot reach the team server" in _one_line_error(result)


def test_a_server_that_never_answers_times_out_as_try_again(run, monkeypatch):
    monkeypatch.setenv("SALESPLAN_CONNECT_TIMEOUT", "1")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts the connection, never says a word
        port = silent.getsockname()[1]
        started = time.monotonic()
        result = run("--db", f"postgresql://alice@127.0.0.1:{port}/team", "today", code=75)
        assert time.monotonic() - started < 30
    assert "cannot reach the team server" in _one_line_error(result)


@pytest.fixture
def role_with_password(server_db):
    """A login role with a password on the test server (roles are server-wide: unique name)."""
    import uuid

    name = f"sp_{uuid.uuid4().hex[:8]}"
    conn = pg.admin_connection()
    conn.execute(f"CREATE ROLE {name} LOGIN PASSWORD 'right-one'")
    yield name
    conn.execute(f"DROP ROLE {name}")
    conn.close()


def test_a_wrong_password_or_role_is_bad_input(run, server_db, role_with_password):
    wrong = pg.with_database(server_db, server_db.rsplit("/", 1)[1], role_with_password, "nope")
    result = run("--db", wrong, "today", code=2)
    error = _one_line_error(result)
    assert "cannot log in" in error and "password authentication failed" in error
    assert "nope" not in error
    nobody = pg.with_database(server_db, server_db.rsplit("/", 1)[1], "no_such_role_x", "pw")
    assert "cannot log in" in _one_line_error(run("--db", nobody, "today", code=2))


def test_a_fresh_database_becomes_a_store_with_owners(server_db):
    store = ServerStore(server_db, NOW)
    with store.session(write=True) as s:
        s.add(models.Contact(name="王建国", created_at=NOW))
        upsert(s, models.Setting, {"key": "calls_per_day", "value": "25"}, ("key",))
        upsert(s, models.Setting, {"key": "calls_per_day", "value": "26"}, ("key",))
    with store.session() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("SELECT name, owner FROM contact").all() == [
            ("王建国", "postgres")
        ]
        assert conn.exec_driver_sql("SELECT key, value, owner FROM setting").all() == [
            ("calls_per_day", "26", "postgres")
        ]
        kinds = dict(
            conn.exec_driver_sql(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = 'activity'"
            ).all()
        )
        assert kinds["at"] == "timestamp with time zone"
        assert "owner" in kinds
        contact = s.exec(models.Contact.__table__.select()).first()
        assert contact.created_at == NOW and contact.created_at.tzinfo is not None
    store.dispose()


def test_upsert_is_one_statement_on_sqlite_too(tmp_path):
    store = Store(tmp_path / "s.db", NOW)
    with store.session(write=True) as s:
        upsert(s, models.Setting, {"key": "calls_per_day", "value": "25"}, ("key",))
        upsert(s, models.Setting, {"key": "calls_per_day", "value": "26"}, ("key",))
    with store.session() as s:
        rows = s.connection().exec_driver_sql("SELECT key, value FROM setting").all()
    assert rows == [("calls_per_day", "26")]


def test_reserved_ids_are_never_handed_out_again(server_db):
    store = ServerStore(server_db, NOW)
    with store.session(write=True) as s:
        s.add(models.Contact(name="一", created_at=NOW))
        s.flush()
        ids = reserve_ids(s, models.Contact, 3)
        for i in ids:
            s.add(models.Contact(id=i, name=f"#{i}", created_at=NOW))
        s.flush()
        later = models.Contact(name="二", created_at=NOW)
        s.add(later)
        s.flush()
    assert len(set(ids)) == 3 and min(ids) > 1 and later.id > max(ids)
    store.dispose()


def test_a_held_write_lock_past_the_timeout_is_store_busy(server_db, run, monkeypatch):
    ServerStore(server_db, NOW).open()
    monkeypatch.setenv("SALESPLAN_BUSY_TIMEOUT_MS", "200")
    holder = pg.admin_connection(server_db)
    holder.execute(
        "SELECT pg_advisory_lock(%s, hashtext(current_user))", (store_db.ADVISORY_LOCK_SPACE,)
    )
    try:
        result = run("contact", "add", "王建国", code=75)
        assert "busy" in _one_line_error(result)
        run("contact", "list")  # reading never waits for the lock
    finally:
        holder.close()
    run("contact", "add", "王建国")


def test_writers_of_one_role_take_turns(server_db):
    """The advisory lock makes a second writer of the same role wait for the first."""
    ServerStore(server_db, NOW).open()
    order: list[str] = []
    first_has_lock = threading.Event()

    def first():
        with ServerStore(server_db, NOW).session(write=True) as s:
            s.connection()
            first_has_lock.set()
            time.sleep(0.3)
            order.append("first")

    thread = threading.Thread(target=first)
    thread.start()
    first_has_lock.wait(10)
    with ServerStore(server_db, NOW).session(write=True) as s:
        s.connection()
        order.append("second")
    thread.join()
    assert order == ["first", "second"]


def test_a_connection_lost_mid_write_leaves_nothing_and_says_so(server_db):
    store = ServerStore(server_db, NOW)
    store.open()
    admin = pg.admin_connection(server_db)
    with pytest.raises(StoreUnavailable, match="nothing of it was written"):  # noqa: PT012
        with store.session(write=True) as s:
            s.add(models.Contact(name="王建国", created_at=NOW))
            s.flush()
            pid = s.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            s.add(models.Contact(name="李四", created_at=NOW))
            s.flush()
    assert admin.execute("SELECT count(*) FROM contact").fetchone() == (0,)
    admin.close()
    store.dispose()


def test_a_newer_schema_on_the_server_is_refused(server_db):
    ServerStore(server_db, NOW).open()
    admin = pg.admin_connection(server_db)
    admin.execute("UPDATE schema_info SET version = 999")
    admin.close()
    with pytest.raises(StoreError, match="newer salesplan"):
        ServerStore(server_db, NOW).open()


def test_a_database_holding_other_tables_is_refused_untouched(server_db, pg_databases):
    name, url = pg_databases.new()
    admin = pg.admin_connection(url)
    admin.execute("DROP TABLE schema_info")
    admin.execute("CREATE TABLE other (x int)")
    try:
        with pytest.raises(StoreError, match="other tables but no salesplan store"):
            ServerStore(url, NOW).open()
        assert admin.execute("SELECT to_regclass('schema_info')").fetchone() == (None,)
    finally:
        admin.close()
        pg_databases.drop(name)


def _pretend_next_version(monkeypatch, *statements):
    monkeypatch.setattr(models, "SCHEMA_VERSION", models.SCHEMA_VERSION + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, models.SCHEMA_VERSION, list(statements))


def test_migrations_on_the_server_run_in_one_transaction(server_db, monkeypatch):
    current = models.SCHEMA_VERSION
    ServerStore(server_db, NOW).open()
    _pretend_next_version(
        monkeypatch, "ALTER TABLE contact ADD COLUMN wechat VARCHAR", "THIS IS NOT SQL"
    )
    with pytest.raises(Exception, match="syntax"):
        ServerStore(server_db, NOW).open()
    admin = pg.admin_connection(server_db)
    assert admin.execute("SELECT version FROM schema_info").fetchone() == (current,)
    assert admin.execute(
        "SELECT count(*) FROM information_schema.columns WHERE column_name = 'wechat'"
    ).fetchone() == (0,)
    migrations.MIGRATIONS[models.SCHEMA_VERSION] = ["ALTER TABLE contact ADD COLUMN wechat VARCHAR"]
    store = ServerStore(server_db, NOW)
    with store.session() as s:
        assert s.connection().exec_driver_sql("SELECT version FROM schema_info").scalar() == (
            current + 1
        )
    store.dispose()
    admin.close()


def test_backup_and_restore_point_to_pg_dump(run, server_db, tmp_path):
    assert "pg_dump" in _one_line_error(run("backup", code=2))
    assert "pg_restore" in _one_line_error(run("restore", str(tmp_path / "x.db"), code=2))


def _salesplan(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "salesplan", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.e2e
def test_concurrent_calls_and_undos_of_one_role_each_land_once(server_db, run):
    """Processes of one role writing at once queue on its lock: every call lands once, and
    concurrent undos each remove a different entry (never the same one twice)."""
    env = {**os.environ, "SALESPLAN_DB": server_db}
    env.pop("SALESPLAN_DEBUG", None)
    calls = [_salesplan("log", "call", "--note", f"n{i}", env=env) for i in range(6)]
    assert [p.wait(120) for p in calls] == [0] * 6
    log = run.json("log", "list")
    assert sorted(e["note"] for e in log) == [f"n{i}" for i in range(6)]
    undos = [_salesplan("log", "undo", env=env) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in undos]
    assert [p.returncode for p in undos] == [0, 0, 0], outs
    removed = sorted(re.search(r"#(\d+)", out).group(1) for out, _ in outs)
    assert len(set(removed)) == 3
    left = run.json("log", "list")
    assert len(left) == 3 and not {str(e["id"]) for e in left} & set(removed)
