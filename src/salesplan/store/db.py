"""The store: where it lives, how connections are set up, schema migrations, and every
difference between the two engines.

A store is an SQLite file (``Store``, the default) or a team database on PostgreSQL
(``ServerStore``, when ``--db``/``SALESPLAN_DB`` is a ``postgresql://`` URL). Nothing here runs
at import time; ``sqlalchemy`` is imported only when a session is opened and the PostgreSQL
driver only when a URL asks for it, so ``salesplan --help`` never touches a database.

The dialect differences are decided here and nowhere else:

- write locking: SQLite write sessions start with ``BEGIN IMMEDIATE`` (one writer per file);
  PostgreSQL write sessions lock the connecting role's own row of ``team_writer`` (one no
  other role can see or lock; before ``team init``, an advisory lock keyed on the role), so
  one person's writes queue exactly as on their own file (``log undo`` sees the entry it
  removes, the calls session counts what is there) while different people never wait on each
  other. Both wait up to the busy timeout, then give up with exit 75; on PostgreSQL every
  session also has ``lock_timeout`` and ``statement_timeout`` from it, so a table someone
  holds locked is exit 75, never a hang.
- upserts: ``upsert()`` builds ``INSERT … ON CONFLICT DO UPDATE`` for either dialect.
- ids handed out in bulk: ``reserve_ids()`` (max + 1 on a file; the table's sequence on a server).
- instants: naive UTC on SQLite, ``timestamptz`` on PostgreSQL (``models.UTCDateTime``).
- schema: created from the models on both; on PostgreSQL every business table also gets an
  ``owner`` column (default ``current_user``) that the team's row-level security reads, and
  the tables keyed by a name (settings, absences) are keyed per owner. Migrations are
  append-only and run in one transaction on both, after a backup of the file on SQLite
  (PostgreSQL has ``pg_dump`` for that; DDL there is transactional).
- search: case folding and pinyin keys are computed in Python when a row is written, never
  with ``lower()`` in SQL, so both engines compare the same stored keys.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import re
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import quote

from salesplan.errors import (
    BadInput,
    NoSpace,
    SalesplanError,
    StoreBusy,
    StoreError,
    StoreUnavailable,
)
from salesplan.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

DEFAULT_BUSY_TIMEOUT_MS = 10_000
DEFAULT_CONNECT_TIMEOUT_S = 10
# The first key of every advisory lock salesplan takes on PostgreSQL ("sp" + "lp" in ASCII);
# the second is 0 for schema changes, else the hash of the role that writes.
ADVISORY_LOCK_SPACE = 0x7370_6C70
SERVER_SCHEMES = ("postgresql://", "postgres://")
# On PostgreSQL these tables are keyed per owner: each person has their own settings, days off
# and email templates.
OWNER_KEYED = {
    "setting": ("key",),
    "absence": ("on",),
    "workday_override": ("day",),
    "email_template": ("name",),
}
# Tables without an owner on PostgreSQL: the store's own version row, and the imported holiday
# notices, which are the team's (store.team gives them policies of their own).
UNOWNED = {"schema_info", "workday_notice"}


def _create_tables(*names: str) -> Callable[[Any], None]:
    """A migration step creating tables as the models declare them, in the connection's
    dialect (with the owner column on a server), so the result is what a new store gets."""

    def step(conn: Any) -> None:
        from sqlmodel import SQLModel

        from salesplan import models

        models.load_all()
        for name in names:
            table = SQLModel.metadata.tables[name]
            table.create(conn)
            if conn.dialect.name == "postgresql" and name not in UNOWNED:
                for statement in _owner_statements(conn, table):
                    conn.exec_driver_sql(statement)

    return step


def _fill_contact_keys(conn: Any) -> None:
    """Search keys for every contact already in the store (ids unchanged)."""
    import sqlalchemy as sa

    from salesplan.core.searchkeys import contact_keys

    # On a server each key belongs to its contact's owner, not to whoever runs the upgrade.
    if conn.dialect.name == "postgresql":
        read = "SELECT id, name, company, phone, owner FROM contact"
        write = (
            'INSERT INTO contact_key (contact_id, kind, "key", owner) '
            "VALUES (:contact_id, :kind, :key, :owner)"
        )
    else:
        read = "SELECT id, name, company, phone, NULL FROM contact"
        write = (
            'INSERT INTO contact_key (contact_id, kind, "key") VALUES (:contact_id, :kind, :key)'
        )
    keys = [
        {"contact_id": cid, "kind": kind, "key": key, "owner": owner}
        for cid, name, company, phone, owner in conn.execute(sa.text(read)).all()
        for kind, key in contact_keys(name, company, phone)
    ]
    if keys:
        conn.execute(sa.text(write), keys)


def _refill_contact_keys(conn: Any) -> None:
    """Search keys made again for every contact (after the rules that make them changed)."""
    import sqlalchemy as sa

    conn.execute(sa.text("DELETE FROM contact_key"))
    _fill_contact_keys(conn)


def _refresh_cadences(conn: Any) -> None:
    """Every contact's cadence columns (last real contact, latest promise) derived again from
    its log: a store written before the one real-contact rule holds them by the old rules (a
    promise cleared by an earlier call, an unanswered email taken as a contact), and the
    follow-up rules would read those until the contact's next log entry."""
    import sqlalchemy as sa

    from salesplan.store.activities import cadence_update

    statement = cadence_update("contact.id IS NOT NULL")
    conn.execute(sa.text(statement))


# The lines imports wrote into a contact's notes before a contact kept every number and
# address (in either language): schema 14 moves them to contact_point.
_NOTE_LINES = (
    ("phone", re.compile(r"^(?:other phones: |其他电话：)(.+)$")),
    ("email", re.compile(r"^(?:other emails: |其他邮箱：)(.+)$")),
)
_NOTE_SPLIT = re.compile(r", |、")


def _numbers_from_notes(notes: str | None) -> tuple[list[str], list[str], str | None]:
    """The numbers and addresses of the notes' "other phones:"/"other emails:" lines, and
    the notes without those lines (a line with anything that is not one stays as it is)."""
    from salesplan.core.importrules import EXT
    from salesplan.core.search import phone_key

    if not notes:
        return [], [], notes
    found: dict[str, list[str]] = {"phone": [], "email": []}
    kept = []
    for line in notes.split("\n"):
        for what, pattern in _NOTE_LINES:
            m = pattern.match(line)
            if m is None:
                continue
            values = [v.strip() for v in _NOTE_SPLIT.split(m.group(1))]
            good = all(
                phone_key(v.partition(EXT)[0]) if what == "phone" else ("@" in v and " " not in v)
                for v in values
            )
            if good:
                found[what] += values
                break
        else:
            kept.append(line)
    left = "\n".join(kept) if kept else None
    return found["phone"], found["email"], left


def _fill_contact_points(conn: Any) -> None:
    """Every contact's phone and email as its first contact_point rows, then the numbers and
    addresses imports had written into its notes (those lines leave the notes), each number
    found by its search key."""
    import sqlalchemy as sa

    from salesplan.core.importrules import EXT, point_rows
    from salesplan.core.search import KEY_PHONE, phone_key

    server = conn.dialect.name == "postgresql"
    owner = "owner" if server else "NULL"
    read = "SELECT id, phone, email, notes, " + owner + " FROM contact ORDER BY id"
    columns = "contact_id, kind, value, position" + (", owner" if server else "")
    values = ":contact_id, :kind, :value, :position" + (", :owner" if server else "")
    write_point = "INSERT INTO contact_point (" + columns + ") VALUES (" + values + ")"
    key_columns = 'contact_id, kind, "key"' + (", owner" if server else "")
    key_values = ":contact_id, :kind, :key" + (", :owner" if server else "")
    write_key = "INSERT INTO contact_key (" + key_columns + ") VALUES (" + key_values + ")"
    points: list[dict[str, Any]] = []
    keys: list[dict[str, Any]] = []
    notes_left: list[dict[str, Any]] = []
    for cid, phone, email, notes, who in conn.execute(sa.text(read)).all():
        more_phones, more_emails, left = _numbers_from_notes(notes)
        phones: dict[str, str] = {}
        for number in [phone] if phone else []:
            phones[phone_key(number) or number] = number
        for number in more_phones:
            key = phone_key(number.partition(EXT)[0]) or number
            if key not in phones:
                phones[key] = number
                keys.append({"contact_id": cid, "kind": KEY_PHONE, "key": key, "owner": who})
            elif EXT in number:  # the first number's extension was written in the notes
                phones[key] = number
        emails: dict[str, str] = {}
        for address in ([email] if email else []) + more_emails:
            emails.setdefault(address.lower(), address)
        points += [
            {"contact_id": cid, "kind": kind, "value": value, "position": position, "owner": who}
            for kind, value, position in point_rows(list(phones.values()), list(emails.values()))
        ]
        if left != notes:
            notes_left.append({"id": cid, "notes": left})
    if points:
        conn.execute(sa.text(write_point), points)
    if keys:
        conn.execute(sa.text(write_key), keys)
    if notes_left:
        conn.execute(sa.text("UPDATE contact SET notes = :notes WHERE id = :id"), notes_left)


# A migration step: an SQL statement, or a function given the connection when rows must be
# computed in Python (it runs on either dialect).
Step = str | Callable[[Any], None]

# Append-only: version N's steps turn a version N-1 store into version N. A fresh store gets
# the same shape from the models (a test compares the two). Where the dialects differ, a
# version holds one list per dialect name (see migration_statements).
MIGRATIONS: dict[int, list[Step] | dict[str, list[Step]]] = {
    2: [
        "CREATE INDEX ix_activity_kind_at ON activity (kind, at)",
        "DROP INDEX ix_activity_kind",
    ],
    # The user's own workdays and days off (salesplan workday set).
    3: {
        "sqlite": [
            "CREATE TABLE workday_override (day DATE NOT NULL, work BOOLEAN NOT NULL, "
            "PRIMARY KEY (day))",
        ],
        "postgresql": [
            "CREATE TABLE workday_override (day DATE NOT NULL, work BOOLEAN NOT NULL, "
            "owner text NOT NULL DEFAULT current_user, PRIMARY KEY (owner, day))",
        ],
    },
    # Promises kept until kept: when the standing promise was made (contact.promise_at).
    # Events remember when they were created: only a call after that is the invitation.
    # Log ids are never reused: the activity table is rebuilt with AUTOINCREMENT, ids kept
    # (a PostgreSQL sequence never hands an id out twice already).
    4: {
        "postgresql": [
            "ALTER TABLE contact ADD COLUMN promise_at TIMESTAMP WITH TIME ZONE",
            "ALTER TABLE event ADD COLUMN created_at TIMESTAMP WITH TIME ZONE",
        ],
        "sqlite": [
            "ALTER TABLE contact ADD COLUMN promise_at DATETIME",
            "ALTER TABLE event ADD COLUMN created_at DATETIME",
            "CREATE TABLE activity_next ("
            " id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,"
            " kind VARCHAR NOT NULL, at DATETIME NOT NULL, contact_id INTEGER,"
            " outcome VARCHAR NOT NULL, note VARCHAR, next_date DATE, minutes INTEGER,"
            " appointment_id INTEGER, project_id INTEGER, created_at DATETIME NOT NULL,"
            " FOREIGN KEY(contact_id) REFERENCES contact (id),"
            " FOREIGN KEY(appointment_id) REFERENCES appointment (id),"
            " FOREIGN KEY(project_id) REFERENCES project (id))",
            "INSERT INTO activity_next (id, kind, at, contact_id, outcome, note, next_date, minutes,"
            " appointment_id, project_id, created_at) SELECT id, kind, at, contact_id, outcome, note,"
            " next_date, minutes, appointment_id, project_id, created_at FROM activity",
            "DROP TABLE activity",
            "ALTER TABLE activity_next RENAME TO activity",
            "CREATE INDEX ix_activity_kind_at ON activity (kind, at)",
            "CREATE INDEX ix_activity_contact_at ON activity (contact_id, at)",
            "CREATE INDEX ix_activity_at ON activity (at)",
        ],
    },
    # Search keys of contacts (filled for those already there), and contact merges.
    5: [
        "ALTER TABLE contact ADD COLUMN merged_into INTEGER REFERENCES contact (id)",
        _create_tables("contact_key", "contact_merge"),
        _fill_contact_keys,
    ],
    # Search keys again: a surname has only its usual reading unless it is one read two ways
    # (王 is wang, never yu), so 王建国 is not found by yjg nor paired with 于建国.
    6: [_refill_contact_keys],
    # Cold lists: the batch an imported contact came from (import contacts --list).
    7: [
        "ALTER TABLE contact ADD COLUMN cold_list VARCHAR",
        "CREATE INDEX ix_contact_cold_list ON contact (cold_list)",
    ],
    # Half days absent say which half (absent --morning/--afternoon).
    8: ["ALTER TABLE absence ADD COLUMN part VARCHAR"],
    # To-dos: the important things not yet done (salesplan todo).
    9: [_create_tables("todo")],
    # Email templates for the unclear-intent cadence, and which one an email was sent from.
    10: [
        _create_tables("email_template"),
        "ALTER TABLE activity ADD COLUMN template VARCHAR",
    ],
    # Contacts imported in a batch are marked (they are new contacts once first reached, not
    # when imported), and every status a contact takes is kept with its moment (the week's
    # potential customers). A contact already there is taken as added with the status it has.
    11: {
        "sqlite": [
            "ALTER TABLE contact ADD COLUMN imported BOOLEAN NOT NULL DEFAULT 0",
            "UPDATE contact SET imported = 1 WHERE cold_list IS NOT NULL",
            _create_tables("contact_status"),
            "INSERT INTO contact_status (contact_id, status, at) "
            "SELECT id, status, created_at FROM contact WHERE NOT imported",
        ],
        "postgresql": [
            "ALTER TABLE contact ADD COLUMN imported BOOLEAN NOT NULL DEFAULT FALSE",
            "UPDATE contact SET imported = TRUE WHERE cold_list IS NOT NULL",
            _create_tables("contact_status"),
            # Each row belongs to its contact's owner, not to whoever runs the upgrade.
            "INSERT INTO contact_status (contact_id, status, at, owner) "
            "SELECT id, status, created_at, owner FROM contact WHERE NOT imported",
        ],
    },
    # The State Council's holiday notices as imported (salesplan workday import).
    12: [_create_tables("workday_notice")],
    # Every tier a contact takes is kept with its moment (a past week's key customers stay as
    # they were). A contact already there is taken as added with the tier it has. The cadence
    # columns are derived again by today's rules (one real-contact rule; a promise kept until
    # its day).
    13: {
        "sqlite": [
            _create_tables("contact_tier"),
            "INSERT INTO contact_tier (contact_id, tier, at) SELECT id, tier, created_at FROM contact",
            _refresh_cadences,
        ],
        "postgresql": [
            _create_tables("contact_tier"),
            # Each row belongs to its contact's owner, not to whoever runs the upgrade.
            "INSERT INTO contact_tier (contact_id, tier, at, owner) "
            "SELECT id, tier, created_at, owner FROM contact",
            _refresh_cadences,
        ],
    },
    # Every phone and email a contact has (contact_point), filled from the contact's own
    # columns and from the notes' "other phones:" lines imports used to write.
    14: [_create_tables("contact_point"), _fill_contact_points],
}


def migration_statements(version: int, dialect: str) -> list[Step]:
    """The steps that make a version ``version`` store for ``dialect``."""
    steps = MIGRATIONS[version]
    return steps if isinstance(steps, list) else steps[dialect]


def default_db_path() -> Path:
    import platformdirs

    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    if os.name == "posix" and not os.environ.get("HOME", "").strip() and not xdg:
        # platformdirs would fail (or guess) without a home: say what to set instead.
        raise BadInput(
            _(
                "no place for the store: HOME is not set; set SALESPLAN_DB to the store file, or set HOME"
            )
        )
    try:
        return platformdirs.user_data_path("salesplan", appauthor=False) / "salesplan.db"
    except (RuntimeError, KeyError, OSError):
        raise BadInput(
            _(
                "no place for the store: HOME is not set; set SALESPLAN_DB to the store file, or set HOME"
            )
        ) from None


def resolve_db_path(option: str | None) -> Path:
    """``--db`` wins, then ``SALESPLAN_DB``, then the per-user data dir."""
    raw = option or os.environ.get("SALESPLAN_DB")
    if not raw:
        return default_db_path()
    if raw.strip() == ":memory:":
        # SQLite's name for a database that vanishes with its connection: nothing would last.
        raise BadInput(
            _(
                "the store cannot be :memory: (nothing would be kept): give a file path with --db or SALESPLAN_DB"
            )
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
            _(
                "bad SALESPLAN_BUSY_TIMEOUT_MS {raw!r}: use whole milliseconds from 0 to {MAX_BUSY_TIMEOUT_MS}"
            ).format(raw=raw[:40], MAX_BUSY_TIMEOUT_MS=MAX_BUSY_TIMEOUT_MS)
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


def is_server_url(text: str) -> bool:
    return text.strip().lower().startswith(SERVER_SCHEMES)


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


# A URL's user:password@ (the password may hold '/', ':' or '@' typed as is: up to the last
# '@' before a space or a quote), and a password given as a parameter (?password=…,
# &sslpassword=…, or password=… in a libpq connection string, quoted or not).
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*:/+)([^\s:/@'\"]*):([^\s'\"]*)@")
_PARAM_PASSWORD = re.compile(
    r"(?i)\b((?:ssl)?pass(?:word|wd)?\s*=\s*)('(?:[^'\\]|\\.)*'|\"[^\"]*\"|[^\s&#;'\"]*)"
)


def redact(text: str) -> str:
    """Text fit to be shown: every password in a URL or a connection string in it replaced by
    ``***`` (``postgresql://bob:***@host/team``, ``?password=***``). Every message, traceback
    and line that may hold a store's URL goes through this one function."""
    text = str(text)
    whole = text.strip()
    if "://" in whole and "@" in whole and not any(c.isspace() for c in whole.split("@")[-1]):
        # One URL on its own (a store's label): its user:password is everything up to the
        # last '@', spaces included.
        scheme, _sep, rest = whole.partition("://")
        userinfo, _at, host = rest.rpartition("@")
        user = userinfo.split(":", 1)[0]
        if (
            re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*", scheme)
            and ":" in userinfo
            and "://" not in userinfo
            and not re.search(r"[\s/@]", user)
        ):
            text = f"{scheme}://{user}:***@{host}"
    text = _URL_PASSWORD.sub(r"\1\2:***@", text)
    # A value already masked is left as it is (with what follows it: "?password=***: …").
    return _PARAM_PASSWORD.sub(
        lambda m: m.group(0) if m.group(2).startswith("***") else m.group(1) + "***", text
    )


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
                    path=path, reason=_os_reason(exc)
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
                self.read_only = not _can_write(path)
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
            _remove_temp(self.path)
        return _translate(exc, self.path)

    def _failed(self, exc: BaseException, committing: bool) -> BaseException:
        return _translate(exc, self.path)

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
                    _(
                        "{path} is an SQLite database but not a salesplan store; give another path with --db or SALESPLAN_DB"
                    ).format(path=self.path)
                )
            return None

        with engine.connect() as conn:
            version = current(conn)
            conn.rollback()
        if version == models.SCHEMA_VERSION:
            return
        if version is not None and version > models.SCHEMA_VERSION:
            raise StoreError(
                _(
                    "{path} was made by a newer salesplan (schema {version}, this one knows {SCHEMA_VERSION}); upgrade salesplan"
                ).format(path=self.path, version=version, SCHEMA_VERSION=models.SCHEMA_VERSION)
            )
        if self.read_only:
            raise StoreError(
                _("the store {path} is read-only and needs {work}; make it writable").format(
                    path=self.path, work=_("setting up") if version is None else _("upgrading")
                )
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
                run_steps(conn, migration_statements(target, "sqlite"))
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


# --- the team store on PostgreSQL -------------------------------------------------------------


def driver_missing() -> bool:
    """Whether the PostgreSQL driver (the ``team`` extra) is absent; not imported to find out."""
    return importlib.util.find_spec("psycopg") is None


def connect_timeout_s() -> int:
    raw = os.environ.get("SALESPLAN_CONNECT_TIMEOUT", "")
    return max(int(raw), 1) if raw.isdigit() else DEFAULT_CONNECT_TIMEOUT_S


def server_timeouts_ms() -> tuple[int, int]:
    """Every server session's ``lock_timeout`` and ``statement_timeout``, from the busy
    timeout: a lock is waited on that long (0 waits not at all: PostgreSQL's 0 would wait for
    ever), a statement a minute more or six times as long, whichever is longer."""
    busy = busy_timeout_ms()
    return max(busy, 1), max(busy * 6, busy + 60_000)


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

        with engine.connect() as conn:
            version = server_schema_version(conn, self.label)
            conn.rollback()
        if version == models.SCHEMA_VERSION:
            return
        if version is not None and version > models.SCHEMA_VERSION:
            raise StoreError(
                _(
                    "{label} was made by a newer salesplan (schema {version}, this one knows {SCHEMA_VERSION}); upgrade salesplan"
                ).format(label=self.label, version=version, SCHEMA_VERSION=models.SCHEMA_VERSION)
            )
        with engine.begin() as conn:
            # An upgrade of a large store may take longer than any one command should: only
            # its waits for locks are bounded.
            conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
            # One schema change at a time; whoever waited finds it done.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s, 0)", (ADVISORY_LOCK_SPACE,))
            version = server_schema_version(conn, self.label)
            if version == models.SCHEMA_VERSION:
                return
            try:
                if version is None:
                    create_server_schema(conn)
                else:
                    _upgrade(conn, version)
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


def server_schema_version(conn: Any, label: str) -> int | None:
    """The store's schema version on a server, None for an empty database."""
    if conn.exec_driver_sql("SELECT to_regclass('schema_info') IS NOT NULL").scalar():
        row = conn.exec_driver_sql("SELECT version FROM schema_info WHERE id = 1").first()
        return int(row[0]) if row else 0
    others = conn.exec_driver_sql(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    ).scalar()
    if others:
        raise StoreError(
            _("{label} holds other tables but no salesplan store; give an empty database").format(
                label=label
            )
        )
    return None


def create_server_schema(conn: Any) -> None:
    """The models' tables, plus each business row's owner (default: the role that writes)."""
    from sqlmodel import SQLModel

    from salesplan import models

    models.load_all()
    SQLModel.metadata.create_all(conn)
    for table in SQLModel.metadata.sorted_tables:
        if table.name in UNOWNED:
            continue
        for statement in _owner_statements(conn, table):
            conn.exec_driver_sql(statement)
    conn.exec_driver_sql(
        "INSERT INTO schema_info (id, version) VALUES (1, %s)", (models.SCHEMA_VERSION,)
    )


def run_steps(conn: Any, steps: list[Step]) -> None:
    """Run one version's steps: SQL as it is, a function with the connection."""
    for step in steps:
        if isinstance(step, str):
            conn.exec_driver_sql(step)
        else:
            step(conn)


def _owner_statements(conn: Any, table: Any) -> list[str]:
    """A server table's owner column, and its key or index."""
    quote = conn.dialect.identifier_preparer.quote
    # Identifiers from our own models, quoted; nothing here comes from a user.
    name = quote(table.name)
    statements = [f"ALTER TABLE {name} ADD COLUMN owner text NOT NULL DEFAULT current_user"]
    keys = OWNER_KEYED.get(table.name)
    if keys:
        columns = ", ".join(quote(k) for k in keys)
        statements.append(
            f"ALTER TABLE {name} DROP CONSTRAINT {quote(table.name + '_pkey')}, "
            f"ADD PRIMARY KEY (owner, {columns})"
        )
    else:
        statements.append(f"CREATE INDEX {quote('ix_' + table.name + '_owner')} ON {name} (owner)")
    return statements


def run_migrations(conn: Any, version: int) -> None:
    """Bring a store from ``version`` to the current schema, in the caller's transaction."""
    from salesplan import models

    for target in range(version + 1, models.SCHEMA_VERSION + 1):
        run_steps(conn, migration_statements(target, conn.dialect.name))
    conn.execute(
        _text("UPDATE schema_info SET version = :v WHERE id = 1"), {"v": models.SCHEMA_VERSION}
    )


def _upgrade(conn: Any, version: int) -> None:
    """A server store's migrations. On a team store the policies are lifted from the owner
    for the upgrade (a table's owner is otherwise held to them too, and would rewrite only
    its own rows) and put back, on every table the new version has, before the same
    transaction commits: no rep ever sees a table open or a half-upgraded store."""
    team = bool(conn.exec_driver_sql("SELECT to_regclass('team_member') IS NOT NULL").scalar())
    if team:
        from salesplan.store.team import lift_policies_from_owner

        lift_policies_from_owner(conn)
    run_migrations(conn, version)
    if team:
        from salesplan.store.team import secure_tables

        secure_tables(conn)


def _text(sql: str) -> Any:
    import sqlalchemy as sa

    return sa.text(sql)


# Words in a failed connection's message that mean the credentials or the URL are wrong.
_CREDENTIAL_WORDS = (
    "password",
    "does not exist",
    "pg_hba.conf",
    "permission denied",
    "not permitted to log in",
    "authentication",
    "invalid connection option",
    "invalid dsn",
    "invalid integer value",
    "invalid port",
)


def translate_server_error(
    exc: BaseException, label: str, *, committing: bool = False
) -> BaseException:
    """Driver errors from a team server as our own, in one line, without the user's data."""
    if isinstance(exc, StoreError | StoreBusy | StoreUnavailable):
        return exc
    psycopg = __import__("sys").modules.get("psycopg")
    if psycopg is None:
        return exc
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, psycopg.Error):
        return exc
    state = getattr(orig, "sqlstate", None) or ""
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if state == "55P03":
        lock_ms, _statement_ms = server_timeouts_ms()
        return StoreBusy(
            _(
                "the team store {label} is busy: this command waited {seconds} s for {what}, locked by another connection; try again"
            ).format(label=label, seconds=lock_ms / 1000, what=_waited_for(exc))
        )
    if state == "57014":
        _lock_ms, statement_ms = server_timeouts_ms()
        return StoreUnavailable(
            _(
                "the team store {label} did not finish a statement in {seconds} s; nothing of the command was written; try again"
            ).format(label=label, seconds=statement_ms / 1000)
        )
    if state.startswith("23"):
        diag = getattr(orig, "diag", None)
        table = getattr(diag, "table_name", None) or ""
        column = getattr(diag, "column_name", None) or ""
        detail = str(getattr(diag, "message_detail", None) or "")
        found = re.search(r'table "(\w+)"', detail)  # the referenced table, never the key
        return refused_write(
            _CONSTRAINT_KINDS.get(state, "check"),
            table,
            column,
            found.group(1) if found else "",
        )
    if state == "42501":
        return StoreError(
            _("{label}: this role may not do that ({first})").format(label=label, first=first)
        )
    if state.startswith("28") or state == "3D000":
        return StoreError(_("cannot log in to {label}: {first}").format(label=label, first=first))
    if not isinstance(orig, psycopg.OperationalError) and not state.startswith(("08", "57")):
        return exc
    if "timeout expired" in first:
        return StoreUnavailable(
            _(
                "cannot reach the team server {label}: it did not answer in {seconds} s; try again"
            ).format(label=label, seconds=connect_timeout_s())
        )
    if "connection failed" in first or "connection to server" in first:
        reason = first.rsplit("failed:", 1)[-1].strip()
        if any(word in reason.lower() for word in _CREDENTIAL_WORDS):
            hint = (
                " (give it in the URL, PGPASSWORD or ~/.pgpass)" if "no password" in reason else ""
            )
            return StoreError(
                _("cannot log in to {label}: {reason}{hint}").format(
                    label=label, reason=reason, hint=hint
                )
            )
        return StoreUnavailable(
            _("cannot reach the team server {label}: {reason}; try again").format(
                label=label, reason=reason
            )
        )
    if committing:
        return StoreUnavailable(
            _(
                "lost the connection to {label} while saving: the change may or may not have been kept; look (log list, contact list…) before trying again"
            ).format(label=label)
        )
    return StoreUnavailable(
        _(
            "lost the connection to {label} in the middle of the command: nothing of it was written (the server rolled it back); try again"
        ).format(label=label)
    )


# PostgreSQL's integrity violations by SQLSTATE: what kind of rule the write broke.
_CONSTRAINT_KINDS = {"23505": "unique", "23503": "reference", "23502": "empty", "23514": "check"}


def refused_write(kind: str, table: str, column: str = "", target: str = "") -> StoreError:
    """One line for a write the store's own rules refused (a unique key, a reference, a
    required value, a check), on either engine: which table and column, never the values."""
    where = f"{table}.{column}" if table and column else table or _("a table")
    if kind == "unique":
        message = _(
            "not saved: {where} already holds a row with the same key (written by another salesplan at the same time?); nothing was changed; look, then try again"
        )
    elif kind == "reference":
        message = _(
            "not saved: a row of {where} would point at a {target} that is not there (removed meanwhile, or not yours); nothing was changed"
        )
    elif kind == "empty":
        message = _("not saved: {where} may not be empty; nothing was changed")
    else:
        message = _("not saved: a value breaks a rule of {where}; nothing was changed")
    return StoreError(message.format(where=where, target=target or _("record")))


def _sqlite_refusal(text: str) -> StoreError | None:
    """SQLite's integrity messages (``UNIQUE constraint failed: setting.key``…) as one line."""
    found = re.search(r"(unique|not null|check|foreign key) constraint failed:?\s*([\w.]*)", text)
    if not found:
        return None
    kind = {"unique": "unique", "not null": "empty", "check": "check"}.get(
        found.group(1), "reference"
    )
    table, _dot, column = found.group(2).partition(".")
    if kind == "check":  # SQLite names the constraint (or its expression), not the table
        table, column = "", ""
    return refused_write(kind, table, column.split(",")[0])


def _waited_for(exc: BaseException) -> str:
    """The table a statement that timed out on a lock was working on (from our own SQL,
    never its values), or what PostgreSQL said it was locking."""
    context = str(getattr(getattr(getattr(exc, "orig", None), "diag", None), "context", "") or "")
    found = re.search(r'relation "(\w+)"', context)
    if not found:
        statement = str(getattr(exc, "statement", "") or "")
        found = re.search(r'\b(?:FROM|INTO|UPDATE|JOIN)\s+"?(\w+)', statement, re.IGNORECASE)
    return _("the table {table}").format(table=found.group(1)) if found else _("a table")


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
            _(
                "the store {path} is busy: another salesplan held it past the timeout; try again"
            ).format(path=path)
        )
    if isinstance(exc, ValueError) and _raised_reading_a_row(exc):
        return StoreError(
            _(
                "the store {path} holds a malformed date-time (edited by hand?); salesplan export names the row"
            ).format(path=path)
        )
    # Only the driver's own words: the SQL and its bound values (names, phones) stay out.
    text = _sqlite_reason(exc).lower()
    if "database or disk is full" in text:
        return NoSpace(
            _("no space left on {parent}; nothing was changed").format(parent=path.parent)
        )
    if isinstance(getattr(exc, "orig", exc), sqlite3.IntegrityError):
        refused = _sqlite_refusal(text)
        if refused is not None:
            return refused
    if "file is not a database" in text or "malformed" in text:
        return StoreError(
            _("{path} is not a salesplan store (not an SQLite database)").format(path=path)
        )
    if "unable to open database" in text or "readonly database" in text:
        return StoreError(
            _(
                "cannot write the store at {path}: give a writable path with --db or SALESPLAN_DB"
            ).format(path=path)
        )
    return exc


def _raised_reading_a_row(exc: BaseException) -> bool:
    """Whether SQLAlchemy raised ``exc`` turning a stored value into a Python one."""
    tb = exc.__traceback__
    while tb is not None:
        if "/sqlalchemy/" in tb.tb_frame.f_code.co_filename.replace(os.sep, "/"):
            return True
        tb = tb.tb_next
    return False


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
        raise _os_error(exc, source) from None
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
        store.path.exists() and not _can_write(store.path)
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
    tmp = _temp_beside(store.path)
    try:
        write_database_copy(source, tmp)
        os.chmod(tmp, 0o600)
        if not store.path.exists() or not store.path.stat().st_size:
            os.replace(tmp, store.path)  # nothing to keep: the copy becomes the store
            return saved
        _bring_up_to_date(tmp, store.now_utc)
        _swap_in(store, tmp, saved)
    except OSError as exc:
        raise _os_error(exc, store.path) from None
    finally:
        _remove_temp(tmp)
    return saved


def _bring_up_to_date(copy: Path, now_utc: datetime) -> None:
    """Migrate the restored copy to this version's schema, as opening it would."""
    temp_store = Store(copy, now_utc)
    try:
        temp_store.open()
    finally:
        temp_store.dispose()
        for left in copy.parent.glob(f"{_glob_escape(copy.name)}.v*-*.bak"):
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
                quoted = _quote_identifier(table)
                conn.execute("DELETE FROM main." + quoted)
                if table not in theirs:
                    continue
                mine = [r[1] for r in conn.execute("PRAGMA main.table_info(" + quoted + ")")]
                have = {r[1] for r in conn.execute("PRAGMA restored.table_info(" + quoted + ")")}
                columns = ", ".join(_quote_identifier(c) for c in mine if c in have)
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
        raise _translate(exc, store.path) from None
    finally:
        conn.close()


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


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
            raise StoreError(
                _("cannot copy {source}: {reason}").format(
                    source=source, reason=_sqlite_reason(exc)
                )
            ) from None
        raise translated from None
    if ok != "ok":
        raise StoreError(_("copy of {source} failed its integrity check").format(source=source))


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
        return NoSpace(
            _("no space left on {parent}; nothing was changed").format(parent=target.parent)
        )
    return StoreError(
        _("cannot write {target}: {reason}").format(target=target, reason=_os_reason(exc))
    )


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return (exc.strerror or str(exc)).lower()


def _sqlite_reason(exc: BaseException) -> str:
    """What SQLite said, without any SQL or values it may quote."""
    return str(exc).split("\n")[0].split(" [SQL:")[0][:100]


def _quote_identifier(name: str) -> str:
    """An SQLite identifier in double quotes, any quote in it doubled."""
    return '"' + name.replace('"', '""') + '"'
