"""One setting read straight from the store, before (or without) opening it as a store.

The language must be known to print ``--help``, which never opens (or creates) a store: this
reads the ``setting`` table read-only — from a file with the standard library, from a team
server with one read-only query of the driver's own — and gives up quietly when the file is
missing, locked, foreign or older than the table, or the server cannot be asked.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from salesplan.store.environment import (
    connect_timeout_s,
    is_server_url,
    low_space,
    resolve_db_path,
)
from salesplan.store.files import read_only_uri


def stored_setting(path: Path, key: str) -> str | None:
    try:
        if not path.is_file():
            return None
        # A writable store is opened read-write (still only read): as the last connection to
        # close, it removes the -wal and -shm files a read-only one would leave behind.
        writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
        uri = f"file:{quote(str(path))}?mode=rw" if writable else read_only_uri(path)
        conn = sqlite3.connect(uri, uri=True, timeout=0.2)
    except (OSError, sqlite3.Error):
        return None
    try:
        if writable and low_space(path.parent):
            # No room for a -shm file: keep the WAL index in memory (see store.engine.Store).
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None


# A help text waits no longer than this for a team server it cannot reach.
PEEK_TIMEOUT_S = 3


def server_setting(url: str, key: str) -> str | None:
    """The connecting role's own setting ``key`` on a team server (None when it cannot tell)."""
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect(
            url.strip(),
            connect_timeout=min(connect_timeout_s(), PEEK_TIMEOUT_S),
            application_name="salesplan",
            autocommit=True,
        ) as conn:
            if conn.execute("SELECT to_regclass('setting') IS NULL").fetchone() != (False,):
                return None
            row = conn.execute(
                "SELECT value FROM setting WHERE key = %s AND owner = current_user", (key,)
            ).fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not known": the command will say more
        return None
    return str(row[0]) if row else None


def peek_setting(db_option: str | None, key: str) -> str | None:
    """The setting ``key`` of the store ``--db`` (else ``SALESPLAN_DB``, else the default) names,
    on either engine, without opening it as a store."""
    import os

    raw = db_option or os.environ.get("SALESPLAN_DB")
    if raw and is_server_url(raw):
        return server_setting(raw, key)
    return stored_setting(resolve_db_path(db_option), key)


def read_text(key: str, *, session: Any) -> str | None:
    """One stored setting by plain SQL, without building the settings model: every command
    reads the language this way, and ``contact list`` builds no other table than its own."""
    from sqlalchemy import text

    row = session.execute(text("SELECT value FROM setting WHERE key = :key"), {"key": key}).first()
    return None if row is None else str(row[0])
