"""The store: where the file lives, how connections are set up, and schema migrations.

Nothing here runs at import time and ``sqlalchemy`` is imported only when a session is
opened, so ``salesplan --help`` never touches (or creates) a database.

Every connection gets WAL, ``foreign_keys=ON`` and a busy timeout; write sessions start with
``BEGIN IMMEDIATE`` so two processes writing at once queue on the lock instead of failing
half-way. Migrations are append-only SQL, run in one transaction when the store opens, after
a backup of the file made with SQLite's backup API.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from salesplan.errors import BadInput, NoSpace, SalesplanError, StoreBusy, StoreError

if TYPE_CHECKING:
    from sqlmodel import Session

DEFAULT_BUSY_TIMEOUT_MS = 10_000

# Append-only: version N's statements turn a version N-1 store into version N. A fresh store
# gets the same shape from the models (a test compares the two).
MIGRATIONS: dict[int, list[str]] = {
    2: [
        "CREATE INDEX ix_activity_kind_at ON activity (kind, at)",
        "DROP INDEX ix_activity_kind",
    ],
    # The user's own workdays and days off (salesplan workday set).
    3: [
        "CREATE TABLE workday_override (day DATE NOT NULL, work BOOLEAN NOT NULL, PRIMARY KEY (day))",
    ],
}


def default_db_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("salesplan", appauthor=False) / "salesplan.db"


def resolve_db_path(option: str | None) -> Path:
    """``--db`` wins, then ``SALESPLAN_DB``, then the per-user data dir."""
    raw = option or os.environ.get("SALESPLAN_DB")
    if not raw:
        return default_db_path()
    if raw.strip() == ":memory:":
        # SQLite's name for a database that vanishes with its connection: nothing would last.
        raise BadInput(
            "the store cannot be :memory: (nothing would be kept): "
            "give a file path with --db or SALESPLAN_DB"
        )
    return Path(raw).expanduser()


MAX_BUSY_TIMEOUT_MS = 3_600_000


def busy_timeout_ms() -> int:
    """SALESPLAN_BUSY_TIMEOUT_MS: whole milliseconds (ASCII digits), at most an hour."""
    raw = os.environ.get("SALESPLAN_BUSY_TIMEOUT_MS", "").strip()
    if not raw:
        return DEFAULT_BUSY_TIMEOUT_MS
    if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_BUSY_TIMEOUT_MS:
        raise BadInput(
            f"bad SALESPLAN_BUSY_TIMEOUT_MS {raw[:40]!r}: use whole milliseconds "
            f"from 0 to {MAX_BUSY_TIMEOUT_MS}"
        )
    return int(raw)


def low_space(folder: Path) -> bool:
    """Less room than SQLite needs for a WAL index (-shm, 32 KiB) and a few pages."""
    try:
        return shutil.disk_usage(folder).free < 256 * 1024
    except OSError:
        return False


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


class Store:
    """A salesplan store file. Cheap to create; opens the database on first session."""

    def __init__(self, path: Path, now_utc: datetime) -> None:
        self.path = path
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
            raise StoreError(f"cannot use {path} as the store: {_os_reason(exc)}") from None
        if kind is not None and stat.S_ISDIR(kind):
            raise StoreError(f"cannot use {path} as the store: it is a directory; give a file path")
        if kind is not None and not stat.S_ISREG(kind):
            raise StoreError(
                f"cannot use {path} as the store: it is not a regular file; give a file path"
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
                self.read_only = not _can_write(path)
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
                f"cannot create the store at {path}: {exc.strerror or exc}; "
                "give a writable path with --db or SALESPLAN_DB"
            ) from None
        if path.stat().st_size:
            with open(path, "rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise StoreError(
                        f"{path} is not a salesplan store (not an SQLite database); "
                        "give another path with --db or SALESPLAN_DB"
                    )
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
                        r[0]
                        for r in probe.execute("SELECT name FROM sqlite_master WHERE type='table'")
                    }
                finally:
                    probe.close()
            except sqlite3.DatabaseError as exc:
                if _is_busy(exc):
                    # Held past the whole timeout (an EXCLUSIVE lock): waiting again on the
                    # next connection would double the time the user was promised.
                    raise _translate(exc, path) from None
                raise StoreError(f"{path} is not a salesplan store ({exc})") from None
            if names and "schema_info" not in names:
                raise StoreError(
                    f"{path} is an SQLite database but not a salesplan store; "
                    "give another path with --db or SALESPLAN_DB"
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

    def open(self) -> Any:
        """Create or migrate the store now (normally done by the first session)."""
        return self.engine

    @property
    def engine(self) -> Any:
        if self._engine is None:
            try:
                self._engine = self._make_engine()
            except Exception as exc:
                if self._created:  # set up by this run and failed: leave nothing behind
                    _remove_temp(self.path)
                raise _translate(exc, self.path) from None
        return self._engine

    def _migrate(self, engine: Any) -> None:
        from sqlmodel import SQLModel

        from salesplan import models

        def current(conn: Any) -> int | None:
            names = {
                r[0]
                for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "schema_info" in names:
                row = conn.exec_driver_sql("SELECT version FROM schema_info WHERE id = 1").first()
                return int(row[0]) if row else 0
            if names:
                raise StoreError(
                    f"{self.path} is an SQLite database but not a salesplan store; "
                    "give another path with --db or SALESPLAN_DB"
                )
            return None

        with engine.connect() as conn:
            version = current(conn)
            conn.rollback()
        if version == models.SCHEMA_VERSION:
            return
        if version is not None and version > models.SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was made by a newer salesplan (schema {version}, this one knows "
                f"{models.SCHEMA_VERSION}); upgrade salesplan"
            )
        if self.read_only:
            raise StoreError(
                f"the store {self.path} is read-only and needs "
                f"{'setting up' if version is None else 'upgrading'}; make it writable"
            )
        writer = engine.execution_options(salesplan_write=True)
        with writer.begin() as conn:
            # Another process may have created or migrated it while we waited for the lock.
            version = current(conn)
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
            for target in range(version + 1, models.SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[target]:
                    conn.exec_driver_sql(statement)
            conn.exec_driver_sql(
                "UPDATE schema_info SET version = ? WHERE id = 1", (models.SCHEMA_VERSION,)
            )

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

    # --- sessions -----------------------------------------------------------------------

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        from sqlmodel import Session

        engine = self.engine
        if write and self.read_only:
            raise StoreError(
                f"the store {self.path} is read-only: this command writes to it; "
                "make the file writable or give another store with --db"
            )
        bind = engine.execution_options(salesplan_write=True) if write else engine
        session = Session(bind=bind, expire_on_commit=False, autoflush=True)
        try:
            yield session
            if write:
                session.commit()
        except BaseException as exc:
            session.rollback()
            translated = _translate(exc, self.path)
            if translated is exc:
                raise
            raise translated from None
        finally:
            # close() (not rollback) so objects read here keep their loaded values.
            session.close()

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens ``path`` for reading only.

    For a file this process cannot write, and that no writer has open (no ``-shm`` beside
    it), the URI also says ``immutable``: otherwise SQLite would create ``-shm`` and ``-wal``
    files carrying the file's read-only mode, and those would stop the owner writing later.
    """
    uri = f"file:{quote(str(path))}?mode=ro"
    if not _can_write(path) and not Path(f"{path}-shm").exists():
        uri += "&immutable=1"
    return uri


def _can_write(path: Path) -> bool:
    """Whether this process may write the store at ``path``: the file itself (asked of the
    system, so a read-only mount or a file made read-only for its owner both count) and its
    folder, where SQLite keeps the ``-wal`` and ``-shm`` files of a WAL store."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    os.close(fd)
    return True


def _translate(exc: BaseException, path: Path) -> BaseException:
    """Turn driver errors into our own so the CLI can answer in one line."""
    if isinstance(exc, SalesplanError):
        return exc
    if _is_busy(exc):
        return StoreBusy(
            f"the store {path} is busy: another salesplan held it past the timeout; try again"
        )
    # Only the driver's own words: the SQL and its bound values (names, phones) stay out.
    text = _sqlite_reason(exc).lower()
    if "database or disk is full" in text:
        return NoSpace(f"no space left on {path.parent}; nothing was changed")
    if "file is not a database" in text or "malformed" in text:
        return StoreError(f"{path} is not a salesplan store (not an SQLite database)")
    if "unable to open database" in text or "readonly database" in text:
        return StoreError(
            f"cannot write the store at {path}: give a writable path with --db or SALESPLAN_DB"
        )
    return exc


def restore_from(store: Store, source: Path, stamp: str) -> Path:
    """Check ``source`` is a salesplan store we can read, save the current one, swap atomically."""
    from salesplan import models

    try:
        is_file = source.is_file()
    except OSError as exc:
        raise _os_error(exc, source) from None
    if not is_file:
        raise StoreError(f"cannot restore {source}: no such file")
    try:
        conn = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            row = conn.execute("SELECT version FROM schema_info WHERE id = 1").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise StoreError(f"cannot restore {source}: not a salesplan store") from None
    if ok != "ok" or row is None:
        raise StoreError(f"cannot restore {source}: not a salesplan store, or damaged ({ok})")
    if int(row[0]) > models.SCHEMA_VERSION:
        raise StoreError(f"cannot restore {source}: made by a newer salesplan (schema {row[0]})")
    if not os.access(store.path.parent, os.W_OK | os.X_OK) or (
        store.path.exists() and not _can_write(store.path)
    ):
        raise StoreError(f"cannot restore into {store.path}: the store or its folder is read-only")
    saved = store.path.with_name(f"{store.path.name}.before-restore-{stamp}.bak")
    if store.path.exists():
        store.backup_to(saved)
    store.dispose()
    tmp = _temp_beside(store.path)
    try:
        write_database_copy(source, tmp)
        os.chmod(tmp, 0o600)
        for suffix in ("-wal", "-shm"):
            Path(str(store.path) + suffix).unlink(missing_ok=True)
        os.replace(tmp, store.path)
    except OSError as exc:
        _remove_temp(tmp)
        raise _os_error(exc, store.path) from None
    except BaseException:
        _remove_temp(tmp)
        raise
    return saved


def copy_database(source: Path, target: Path) -> Path:
    """Copy an SQLite file with the backup API into ``target`` (mode 0600), checked, via a
    fresh temp file (``mkstemp``: an unpredictable name, created exclusively) and a rename, so
    a crash never leaves half a copy under the final name and a planted link is never
    followed. The temp file is removed on every failure."""
    tmp = _temp_beside(target)
    try:
        write_database_copy(source, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        _remove_temp(tmp)
        raise _os_error(exc, target) from None
    except BaseException:
        _remove_temp(tmp)
        raise
    return target


def write_database_copy(source: Path, into: Path) -> None:
    """Copy ``source`` with the backup API into the new, empty file ``into``; checked."""
    try:
        if low_space(source.parent) and _can_write(source):
            # No room for a -shm file beside it: read in EXCLUSIVE locking mode (see Store).
            src = sqlite3.connect(source)
            src.execute("PRAGMA locking_mode = EXCLUSIVE")
        else:
            src = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            dst = sqlite3.connect(into)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        translated = _translate(exc, into)
        if translated is exc:
            raise StoreError(f"cannot copy {source}: {_sqlite_reason(exc)}") from None
        raise translated from None
    if ok != "ok":
        raise StoreError(f"copy of {source} failed its integrity check")


def _temp_beside(target: Path) -> Path:
    try:
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name[:100]}.", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        raise _os_error(exc, target) from None
    os.close(fd)
    return Path(name)


def _remove_temp(tmp: Path) -> None:
    """A temp copy and the journal SQLite may have left beside it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(f"{tmp}{suffix}").unlink()
        except OSError:
            pass


def _os_error(exc: OSError, target: Path) -> SalesplanError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return NoSpace(f"no space left on {target.parent}; nothing was changed")
    return StoreError(f"cannot write {target}: {_os_reason(exc)}")


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return (exc.strerror or str(exc)).lower()


def _sqlite_reason(exc: BaseException) -> str:
    """What SQLite said, without any SQL or values it may quote."""
    return str(exc).split("\n")[0].split(" [SQL:")[0][:100]
