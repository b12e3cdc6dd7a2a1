"""Database errors in the user's terms: each engine's driver errors (a busy store, a full disk,
a refused write, a server that cannot be reached) turned into our own exceptions, in one line
that never carries the SQL or its values (names, phones, notes)."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from pathlib import Path

from salesplan.errors import (
    NoSpace,
    SalesplanError,
    StoreBusy,
    StoreError,
    StoreUnavailable,
)
from salesplan.i18n import _
from salesplan.store.environment import connect_timeout_s, server_timeouts_ms


def is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


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
    return _connection_failure(first, label, committing)


def _connection_failure(first: str, label: str, committing: bool) -> BaseException:
    """A server that could not be reached, refused the login, or went away mid-command."""
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


def translate_sqlite_error(exc: BaseException, path: Path) -> BaseException:
    """Turn driver errors into our own so the CLI can answer in one line."""
    if isinstance(exc, SalesplanError):
        return exc
    if is_busy(exc):
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
    text = sqlite_reason(exc).lower()
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


def os_error(exc: OSError, target: Path) -> SalesplanError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return NoSpace(
            _("no space left on {parent}; nothing was changed").format(parent=target.parent)
        )
    return StoreError(
        _("cannot write {target}: {reason}").format(target=target, reason=os_reason(exc))
    )


def os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return (exc.strerror or str(exc)).lower()


def sqlite_reason(exc: BaseException) -> str:
    """What SQLite said, without any SQL or values it may quote."""
    return str(exc).split("\n")[0].split(" [SQL:")[0][:100]
