"""The two engines: an SQLite file (``Store``, the default) and a team database on PostgreSQL
(``ServerStore``). Each makes its engine on the first session — ``sqlalchemy`` is imported
then, and the PostgreSQL driver only when a URL asks for it — sets up every connection (SQLite's
pragmas, the server's timeouts), brings the schema up to date (``store.schema``), runs each
session in one transaction, and turns its driver's errors into ours (``store.failures``).

Write locking is decided here: SQLite write sessions start with ``BEGIN IMMEDIATE`` (one writer
per file); PostgreSQL write sessions lock the connecting role's own row of ``team_writer`` (one
no other role can see or lock; before ``team init``, an advisory lock keyed on the role), so one
person's writes queue exactly as on their own file while different people never wait on each
other. Both wait up to the busy timeout, then give up with exit 75.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from salesplan.errors import StoreBusy, StoreError
from salesplan.i18n import _
from salesplan.store.environment import (
    busy_timeout_ms,
    connect_timeout_s,
    driver_missing,
    low_space,
    redact,
    server_timeouts_ms,
)
from salesplan.store.failures import (
    is_busy,
    os_reason,
    translate_server_error,
    translate_sqlite_error,
)
from salesplan.store.files import (
    can_write,
    copy_database,
    read_only_uri,
    remove_temp,
    write_database_copy,
)
from salesplan.store.schema import (
    create_server_schema,
    run_migrations,
    schema_to_bring_up,
    stored_version,
    upgrade_server,
)

if TYPE_CHECKING:
    from sqlmodel import Session

# The first key of every advisory lock salesplan takes on PostgreSQL ("sp" + "lp" in ASCII);
# the second is 0 for schema changes, else the hash of the role that writes.
ADVISORY_LOCK_SPACE = 0x7370_6C70


class _Engine:
    """What both kinds of store share: the engine made on first use, one transaction per
    session, and each kind's own translation of a database error into the user's terms."""

    label: str
    read_only: bool
    _engine: Any

    def _make_engine(self) -> Any:
        raise NotImplementedError

    def _opening_failed(self, exc: Exception) -> BaseException:
        """What a failure to open or migrate the store is, for the user."""
        raise NotImplementedError

    def _failed(self, exc: BaseException, committing: bool) -> BaseException:
        """What a failure inside a session is, for the user (``exc`` itself if nothing known)."""
        raise NotImplementedError

    def open(self) -> Any:
        """Create or migrate the store now (normally done by the first session)."""
        return self.engine

    @property
    def is_open(self) -> bool:
        """Whether the store has been opened (and migrated) by this run."""
        return self._engine is not None

    @property
    def engine(self) -> Any:
        if self._engine is None:
            try:
                self._engine = self._make_engine()
            except Exception as exc:
                raise self._opening_failed(exc) from None
        return self._engine

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        from sqlmodel import Session

        engine = self.engine
        if write and self.read_only:
            raise StoreError(
                _(
                    "the store {label} is read-only: this command writes to it; make the file writable or give another store with --db"
                ).format(label=self.label)
            )
        bind = engine.execution_options(salesplan_write=True) if write else engine
        session = Session(bind=bind, expire_on_commit=False, autoflush=True)
        committing = False
        try:
            yield session
            if write:
                committing = True
                session.commit()
        except BaseException as exc:
            try:
                session.rollback()
            except Exception:  # noqa: BLE001 - the connection may be gone; the server rolls back
                pass
            translated = self._failed(exc, committing)
            if translated is exc:
                raise
            raise translated from None
        finally:
            try:
                # close() (not rollback) so objects read here keep their loaded values.
                session.close()
            except Exception:  # noqa: BLE001
                pass

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


class Store(_Engine):
    """A salesplan store file. Cheap to create; opens the database on first session."""

    is_server = False

    def __init__(self, path: Path, now_utc: datetime) -> None:
        self.path = path
        self.label = str(path)
        self.now_utc = now_utc
        self.warnings: list[str] = []
        self.read_only = False
        # Almost no space left where the store lives: connections use EXCLUSIVE locking mode,
        # which keeps SQLite's WAL index in memory instead of a -shm file it could not grow,
        # so read commands keep working; a write then fails as "disk full" (exit 74).
        self.low_space = False
        self._created = False
        self._engine: Any = None

    # --- opening ------------------------------------------------------------------------

    def _prepare_file(self) -> None:
        path = self.path
        try:
            kind = path.stat().st_mode if path.exists() else None
        except OSError as exc:
            raise StoreError(
                _("cannot use {path} as the store: {reason}").format(
                    path=path, reason=os_reason(exc)
                )
            ) from None
        if kind is not None and stat.S_ISDIR(kind):
            raise StoreError(
                _("cannot use {path} as the store: it is a directory; give a file path").format(
                    path=path
                )
            )
        if kind is not None and not stat.S_ISREG(kind):
            raise StoreError(
                _(
                    "cannot use {path} as the store: it is not a regular file; give a file path"
                ).format(path=path)
            )
        try:
            if not path.parent.exists():
                path.parent.mkdir(parents=True, mode=0o700)
                os.chmod(path.parent, 0o700)
            if not path.exists():
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
                os.close(fd)
                self._created = True
                os.chmod(path, 0o600)
            else:
                self.read_only = not can_write(path)
                self._refuse_foreign()  # before our chmod: someone else's file stays as it is
                mode = stat.S_IMODE(path.stat().st_mode)
                if mode & 0o077:
                    # Take away group and other; a file the owner made read-only stays so.
                    try:
                        os.chmod(path, mode & 0o700)
                        self.warnings.append(
                            f"tightened {path} from {mode:o} to {mode & 0o700:o}: "
                            "it holds personal data"
                        )
                    except PermissionError:
                        pass
        except OSError as exc:
            raise StoreError(
                _(
                    "cannot create the store at {path}: {reason}; give a writable path with --db or SALESPLAN_DB"
                ).format(path=path, reason=exc.strerror or exc)
            ) from None
        if path.stat().st_size:
            self._check_contents()

    def _check_contents(self) -> None:
        """StoreError unless the (non-empty) file is an SQLite database holding a store."""
        path = self.path
        self._refuse_foreign()
        # Look before our pragmas touch it: someone else's database must stay byte-identical.
        self.low_space = not self.read_only and low_space(path.parent)
        try:
            if self.low_space:
                probe = sqlite3.connect(self.path, timeout=busy_timeout_ms() / 1000)
                probe.execute("PRAGMA locking_mode = EXCLUSIVE")
            else:
                probe = sqlite3.connect(
                    read_only_uri(self.path), uri=True, timeout=busy_timeout_ms() / 1000
                )
            try:
                names = {
                    r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
            finally:
                probe.close()
        except sqlite3.DatabaseError as exc:
            if is_busy(exc):
                # Held past the whole timeout (an EXCLUSIVE lock): waiting again on the
                # next connection would double the time the user was promised.
                raise translate_sqlite_error(exc, path) from None
            raise StoreError(
                _("{path} is not a salesplan store ({exc})").format(path=path, exc=exc)
            ) from None
        if names and "schema_info" not in names:
            raise StoreError(
                _(
                    "{path} is an SQLite database but not a salesplan store; give another path with --db or SALESPLAN_DB"
                ).format(path=path)
            )

    def _refuse_foreign(self) -> None:
        """StoreError when the file holds something other than an SQLite database."""
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(16)
        except OSError:
            return  # unreadable: opening it says so
        if head and head != b"SQLite format 3\x00":
            raise StoreError(
                _(
                    "{path} is not a salesplan store (not an SQLite database); give another path with --db or SALESPLAN_DB"
                ).format(path=self.path)
            )

    def _make_engine(self) -> Any:
        import sqlalchemy as sa
        from sqlalchemy import event
        from sqlalchemy.pool import NullPool

        self._prepare_file()
        # The driver's timeout is SQLite's busy timeout (PRAGMA busy_timeout reads it back).
        target, uri = (
            (read_only_uri(self.path), True) if self.read_only else (str(self.path), False)
        )
        timeout = busy_timeout_ms() / 1000
        engine = sa.create_engine(
            "sqlite://",
            poolclass=NullPool,
            creator=lambda: sqlite3.connect(
                target, timeout=timeout, uri=uri, check_same_thread=False
            ),
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
            # We issue BEGIN ourselves (below), so the driver must not.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            if self.low_space:
                cur.execute("PRAGMA locking_mode = EXCLUSIVE")
            cur.execute("PRAGMA foreign_keys = ON")
            if not self.read_only:
                cur.execute("PRAGMA journal_mode = WAL")
                cur.execute("PRAGMA synchronous = NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            write = conn.get_execution_options().get("salesplan_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        self._migrate(engine)
        return engine

    def _opening_failed(self, exc: Exception) -> BaseException:
        if self._created:  # set up by this run and failed: leave nothing behind
            remove_temp(self.path)
        return translate_sqlite_error(exc, self.path)

    def _failed(self, exc: BaseException, committing: bool) -> BaseException:
        return translate_sqlite_error(exc, self.path)

    def _migrate(self, engine: Any) -> None:
        from sqlmodel import SQLModel

        from salesplan import models

        version = schema_to_bring_up(engine, self.label)
        if version == models.SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(
                _("the store {path} is read-only and needs {work}; make it writable").format(
                    path=self.path, work=_("setting up") if version is None else _("upgrading")
                )
            )
        writer = engine.execution_options(salesplan_write=True)
        with writer.begin() as conn:
            # Another process may have created or migrated it while we waited for the lock.
            version = stored_version(conn, self.label)
            if version is None:
                models.load_all()
                SQLModel.metadata.create_all(conn)
                conn.exec_driver_sql(
                    "INSERT INTO schema_info (id, version) VALUES (1, ?)", (models.SCHEMA_VERSION,)
                )
                return
            if version == models.SCHEMA_VERSION:
                return
            self.backup_to(self.migration_backup_path(version))
            self._prune_backups(conn)
            run_migrations(conn, version)

    # --- backups ------------------------------------------------------------------------

    def _prune_backups(self, conn: Any) -> None:
        """Keep the newest ``backup_keep`` automatic backups (the setting; 5 by default)."""
        row = conn.exec_driver_sql("SELECT value FROM setting WHERE key = 'backup_keep'").first()
        keep = int(row[0]) if row and str(row[0]).isdigit() and int(row[0]) > 0 else 5
        backups = sorted(
            self.path.parent.glob(f"{self.path.name}.v*-*.bak"), key=lambda p: p.stat().st_mtime
        )
        for old in backups[:-keep]:
            old.unlink(missing_ok=True)

    def migration_backup_path(self, version: int) -> Path:
        stamp = self.now_utc.strftime("%Y%m%dT%H%M%S")
        return self.path.with_name(f"{self.path.name}.v{version}-{stamp}.bak")

    def copy_into(self, into: Path) -> None:
        """Copy the live store into the new, empty file ``into`` (the caller renames it)."""
        write_database_copy(self.path, into)

    def backup_to(self, target: Path) -> Path:
        """Copy the live store with SQLite's backup API (consistent during writes), mode 0600."""
        return copy_database(self.path, target)


# --- the team store on PostgreSQL -------------------------------------------------------------


class ServerStore(_Engine):
    """A team store on PostgreSQL: the same sessions as ``Store``, on a server.

    Each person connects as their own role; the rows they write carry that role as their
    owner, and (once ``team init`` has run) row-level security shows each role only its own
    rows, and a manager the rows of their reps as well.
    """

    is_server = True
    read_only = False

    def __init__(self, url: str, now_utc: datetime) -> None:
        self.url = url.strip()
        self.label = redact(self.url)
        self.now_utc = now_utc
        self.warnings: list[str] = []
        self._engine: Any = None
        self._row_lock: bool | None = None

    def _make_engine(self) -> Any:
        busy_timeout_ms()  # a bad SALESPLAN_BUSY_TIMEOUT_MS is refused here, as on a file
        if driver_missing():
            raise StoreError(
                _(
                    "{label} is a team store on PostgreSQL and its driver is not installed: pip install 'salesplan[team]'"
                ).format(label=self.label)
            )
        import sqlalchemy as sa
        from sqlalchemy import event
        from sqlalchemy.pool import NullPool

        try:
            url = sa.engine.make_url(self.url).set(drivername="postgresql+psycopg")
        except (sa.exc.ArgumentError, ValueError):
            raise StoreError(
                _("{label} is not a database URL: give postgresql://ROLE@HOST:PORT/DBNAME").format(
                    label=self.label
                )
            ) from None
        if not url.database:
            raise StoreError(
                _("{label} names no database: give postgresql://ROLE@HOST:PORT/DBNAME").format(
                    label=self.label
                )
            )
        lock_ms, statement_ms = server_timeouts_ms()
        engine = sa.create_engine(
            url,
            poolclass=NullPool,
            connect_args={
                "connect_timeout": connect_timeout_s(),
                "application_name": "salesplan",
                # Whatever someone else holds (a table locked from psql, a long transaction),
                # every statement gives up within the busy timeout: exit 75, never a hang.
                # No JIT: the row-level security policies' sub-plans inflate the estimates of
                # short queries past the JIT thresholds, and compiling them costs a second
                # where running them costs milliseconds.
                "options": f"-c lock_timeout={lock_ms} -c statement_timeout={statement_ms}"
                " -c jit=off",
                # A server that vanishes mid-command is noticed, not waited on for ever.
                "keepalives": 1,
                "keepalives_idle": 10,
                "keepalives_interval": 5,
                "keepalives_count": 3,
            },
        )

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            if conn.get_execution_options().get("salesplan_write", False):
                self._take_write_lock(conn)

        self._migrate(engine)
        return engine

    def _take_write_lock(self, conn: Any) -> None:
        """The connecting role's write lock, held to the end of the transaction.

        On a team store it is the role's own row of ``team_writer``, which row-level security
        lets no other role see, lock or create; before ``team init`` (one person's server
        store) a transaction-scoped advisory lock keyed on the role."""
        if self._row_lock is None:
            self._row_lock = bool(
                conn.exec_driver_sql("SELECT to_regclass('team_writer') IS NOT NULL").scalar()
            )
        try:
            if self._row_lock:
                conn.exec_driver_sql(
                    "INSERT INTO team_writer (owner, at) VALUES (current_user, now()) "
                    "ON CONFLICT (owner) DO UPDATE SET at = excluded.at"
                )
            else:
                conn.exec_driver_sql(
                    "SELECT pg_advisory_xact_lock(%s, hashtext(current_user))",
                    (ADVISORY_LOCK_SPACE,),
                )
        except Exception as exc:
            if getattr(getattr(exc, "orig", None), "sqlstate", None) == "55P03":
                raise StoreBusy(
                    _(
                        "the team store {label} is busy: another salesplan of this role held it past the timeout; try again"
                    ).format(label=self.label)
                ) from None
            raise

    def _opening_failed(self, exc: Exception) -> BaseException:
        return translate_server_error(exc, self.label)

    def _failed(self, exc: BaseException, committing: bool) -> BaseException:
        return translate_server_error(exc, self.label, committing=committing)

    def _migrate(self, engine: Any) -> None:
        from salesplan import models

        if schema_to_bring_up(engine, self.label) == models.SCHEMA_VERSION:
            return
        with engine.begin() as conn:
            # An upgrade of a large store may take longer than any one command should: only
            # its waits for locks are bounded.
            conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
            # One schema change at a time; whoever waited finds it done.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s, 0)", (ADVISORY_LOCK_SPACE,))
            version = stored_version(conn, self.label)
            if version == models.SCHEMA_VERSION:
                return
            try:
                if version is None:
                    create_server_schema(conn)
                else:
                    upgrade_server(conn, version)
            except Exception as exc:
                if getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501":
                    raise StoreError(
                        _(
                            "{label} needs {work} and this role may not change its schema: the database's owner runs any salesplan command once (or salesplan team init)"
                        ).format(
                            label=self.label,
                            work=_("setting up") if version is None else _("upgrading"),
                        )
                    ) from None
                raise

    def migration_backup_path(self, version: int) -> Path:  # pragma: no cover - SQLite only
        raise StoreError(_("a team store has no backup file"))

    def backup_to(self, target: Path) -> NoReturn:
        raise StoreError(
            _(
                "a team store is backed up with PostgreSQL's own tools: pg_dump --format=custom --file=team.dump '{label}'"
            ).format(label=self.label)
        )
