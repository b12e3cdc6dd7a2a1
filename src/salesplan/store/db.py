"""The store's front door: ``open_store`` (an SQLite file, or a team database on PostgreSQL
when ``--db``/``SALESPLAN_DB`` is a ``postgresql://`` URL), and the statements whose SQL
differs between the two engines, for the query modules. Nothing here runs at import time;
``sqlalchemy`` is imported only when a session is opened and the PostgreSQL driver only when a
URL asks for it, so ``salesplan --help`` never touches a database.

The dialect differences are decided in the store and nowhere else:

- write locking, pragmas, sessions and each driver's errors: ``store.engine`` (with
  ``store.failures``); where the store lives and how long it is waited on:
  ``store.environment``.
- upserts: ``upsert()`` builds ``INSERT … ON CONFLICT DO UPDATE`` for either dialect.
- ids handed out in bulk: ``reserve_ids()`` (max + 1 on a file; the table's sequence on a server).
- instants: naive UTC on SQLite, ``timestamptz`` on PostgreSQL (``models.UTCDateTime``).
- schema: created from the models on both (``store.schema``); on PostgreSQL every business
  table also gets an ``owner`` column (default ``current_user``) that the team's row-level
  security reads, and the tables keyed by a name (settings, absences) are keyed per owner.
  Migrations (``store.migrations``, one module per version) are append-only and run in one
  transaction on both, after a backup of the file on SQLite (PostgreSQL has ``pg_dump`` for
  that; DDL there is transactional).
- search: case folding and pinyin keys are computed in Python when a row is written, never
  with ``lower()`` in SQL, so both engines compare the same stored keys.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.store.engine import ADVISORY_LOCK_SPACE, ServerStore, Store
from salesplan.store.environment import (
    connect_timeout_s,
    default_db_path,
    driver_missing,
    is_server_url,
    low_space,
    redact,
    resolve_db_path,
)
from salesplan.store.files import copy_database, read_only_uri
from salesplan.store.restore import restore_from
from salesplan.store.schema import OWNER_KEYED, UNOWNED

if TYPE_CHECKING:
    from sqlmodel import Session

__all__ = [
    "ADVISORY_LOCK_SPACE",
    "OWNER_KEYED",
    "UNOWNED",
    "ServerStore",
    "Store",
    "connect_timeout_s",
    "copy_database",
    "default_db_path",
    "driver_missing",
    "is_server_url",
    "low_space",
    "open_store",
    "read_only_uri",
    "redact",
    "reserve_ids",
    "resolve_db_path",
    "restore_from",
    "upsert",
]


def open_store(option: str | None, now_utc: datetime) -> Store | ServerStore:
    """The store ``--db`` (else ``SALESPLAN_DB``, else the user data dir) names; nothing is
    opened until the first session."""
    raw = option or os.environ.get("SALESPLAN_DB")
    if raw and is_server_url(raw):
        return ServerStore(raw, now_utc)
    if raw and re.match(r"^\s*[A-Za-z][A-Za-z0-9+.\-]*://", raw):
        # A mistyped URL is no file name: it would become folders named after its password.
        raise BadInput(
            _("{label} is not a database URL: give postgresql://ROLE@HOST:PORT/DBNAME").format(
                label=redact(raw)
            )
        )
    return Store(resolve_db_path(option), now_utc)


def upsert(session: Session, model: Any, values: dict[str, Any], keys: tuple[str, ...]) -> None:
    """Insert a row, or update the one with the same ``keys``: one statement on either engine
    (on a server the row's owner is part of its key)."""
    table = model.__table__
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert

        target = ["owner", *keys] if table.name in OWNER_KEYED else list(keys)
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]

        target = list(keys)
    statement = insert(table).values(**values)
    changed = {k: statement.excluded[k] for k in values if k not in keys}
    statement = (
        statement.on_conflict_do_update(index_elements=target, set_=changed)
        if changed
        else statement.on_conflict_do_nothing(index_elements=target)
    )
    session.execute(statement)


def reserve_ids(session: Session, model: Any, count: int) -> list[int]:
    """``count`` fresh ids for rows inserted in bulk with their ids given: past the largest on
    a file (its write lock keeps them free), from the table's sequence on a server (where
    other people's rows are invisible but their ids are taken)."""
    if count <= 0:
        return []
    table = model.__table__.name
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        rows = conn.exec_driver_sql(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            (table, count),
        ).all()
        return [int(r[0]) for r in rows]
    import sqlalchemy as sa

    top = conn.execute(sa.select(sa.func.max(model.__table__.c.id))).scalar() or 0
    if conn.dialect.name == "sqlite":
        # An AUTOINCREMENT table (the log) never reuses an id, even one undone at the top.
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'"
        ).all()
        if names:
            seq = conn.exec_driver_sql(
                "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)
            ).scalar()
            top = max(int(top), int(seq or 0))
    return list(range(int(top) + 1, int(top) + count + 1))
