"""``restore``: a saved store file checked, brought up to this version's schema, and swapped in
under the store's own write lock (SQLite only; a team store has PostgreSQL's own tools)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from salesplan.errors import StoreError
from salesplan.i18n import _
from salesplan.store.engine import ServerStore, Store
from salesplan.store.environment import busy_timeout_ms
from salesplan.store.failures import os_error, translate_sqlite_error
from salesplan.store.files import (
    can_write,
    copy_database,
    glob_escape,
    quote_identifier,
    read_only_uri,
    remove_temp,
    temp_beside,
    write_database_copy,
)


def restore_from(store: Store | ServerStore, source: Path, stamp: str) -> Path:
    """Check ``source`` is a salesplan store we can read, save the current one, swap atomically."""
    from salesplan import models

    if isinstance(store, ServerStore):
        raise StoreError(
            _("a team store is restored with PostgreSQL's own tools: pg_restore (see the README)")
        )
    try:
        is_file = source.is_file()
    except OSError as exc:
        raise os_error(exc, source) from None
    if not is_file:
        raise StoreError(_("cannot restore {source}: no such file").format(source=source))
    try:
        conn = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            row = conn.execute("SELECT version FROM schema_info WHERE id = 1").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise StoreError(
            _("cannot restore {source}: not a salesplan store").format(source=source)
        ) from None
    if ok != "ok" or row is None:
        raise StoreError(
            _("cannot restore {source}: not a salesplan store, or damaged ({ok})").format(
                source=source, ok=ok
            )
        )
    if int(row[0]) > models.SCHEMA_VERSION:
        raise StoreError(
            _("cannot restore {source}: made by a newer salesplan (schema {row})").format(
                source=source, row=row[0]
            )
        )
    if not os.access(store.path.parent, os.W_OK | os.X_OK) or (
        store.path.exists() and not can_write(store.path)
    ):
        raise StoreError(
            _("cannot restore into {path}: the store or its folder is read-only").format(
                path=store.path
            )
        )
    saved = store.path.with_name(f"{store.path.name}.before-restore-{stamp}.bak")
    n = 1
    while saved.exists():  # two restores in one second: each keeps its own
        n += 1
        saved = store.path.with_name(f"{store.path.name}.before-restore-{stamp}-{n}.bak")
    store.dispose()
    tmp = temp_beside(store.path)
    try:
        write_database_copy(source, tmp)
        os.chmod(tmp, 0o600)
        if not store.path.exists() or not store.path.stat().st_size:
            os.replace(tmp, store.path)  # nothing to keep: the copy becomes the store
            return saved
        _bring_up_to_date(tmp, store.now_utc)
        _swap_in(store, tmp, saved)
    except OSError as exc:
        raise os_error(exc, store.path) from None
    finally:
        remove_temp(tmp)
    return saved


def _bring_up_to_date(copy: Path, now_utc: datetime) -> None:
    """Migrate the restored copy to this version's schema, as opening it would."""
    temp_store = Store(copy, now_utc)
    try:
        temp_store.open()
    finally:
        temp_store.dispose()
        for left in copy.parent.glob(f"{glob_escape(copy.name)}.v*-*.bak"):
            left.unlink(missing_ok=True)


def _swap_in(store: Store, copy: Path, saved: Path) -> None:
    """Replace the store's rows with ``copy``'s in one write transaction on the store itself.

    The write lock is held from before the saved copy is taken to the commit: a writer that
    comes meanwhile waits, then lands in the restored store (or gives up with exit 75); no
    write that was told yes falls between the saved copy and the restored one. The file is
    never renamed under a running process, so nobody writes into an unlinked file.
    """
    conn = sqlite3.connect(store.path, timeout=busy_timeout_ms() / 1000, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("ATTACH DATABASE ? AS restored", (str(copy),))
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read by another connection while ours holds the write lock: nothing can commit
            # between this copy and the swap.
            copy_database(store.path, saved)
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM main.sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%'"
                )
            ]
            theirs = {
                r[0]
                for r in conn.execute(
                    "SELECT name FROM restored.sqlite_master WHERE type = 'table'"
                )
            }
            for table in tables:
                # Names read from the two files' own catalogs, quoted as identifiers.
                quoted = quote_identifier(table)
                conn.execute("DELETE FROM main." + quoted)
                if table not in theirs:
                    continue
                mine = [r[1] for r in conn.execute("PRAGMA main.table_info(" + quoted + ")")]
                have = {r[1] for r in conn.execute("PRAGMA restored.table_info(" + quoted + ")")}
                columns = ", ".join(quote_identifier(c) for c in mine if c in have)
                insert = "INSERT INTO main." + quoted + " (" + columns + ") SELECT " + columns
                conn.execute(insert + " FROM restored." + quoted)
            if "sqlite_sequence" in theirs:
                conn.execute("DELETE FROM main.sqlite_sequence")
                conn.execute(
                    "INSERT INTO main.sqlite_sequence SELECT * FROM restored.sqlite_sequence"
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, store.path) from None
    finally:
        conn.close()
