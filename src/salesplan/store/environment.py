"""What the environment says about the store: where it lives (``--db``, ``SALESPLAN_DB``, the
user data dir), how long to wait for it, whether the PostgreSQL driver is there, and how a
store's URL is shown (its password never).

Standard library only: ``--help`` reads the language setting through this module.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from pathlib import Path

from salesplan.errors import BadInput
from salesplan.i18n import _

DEFAULT_BUSY_TIMEOUT_MS = 10_000
DEFAULT_CONNECT_TIMEOUT_S = 10


SERVER_SCHEMES = ("postgresql://", "postgres://")


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


def is_server_url(text: str) -> bool:
    return text.strip().lower().startswith(SERVER_SCHEMES)


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
