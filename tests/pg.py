"""The PostgreSQL server the tests use, when there is one.

``SALESPLAN_TEST_PG`` is a superuser's URL on a throwaway server (``.ci/pg start`` prints it).
Unset, and PostgreSQL installed where the distribution puts it, the first test that needs it
starts one the same way and stops it when the run ends (``SALESPLAN_TEST_PG=off`` does not).
Each test that needs a store there gets a database of its own, copied from a template that
already holds the schema (CREATE DATABASE … TEMPLATE is a file copy: fast). Without a server
those tests are skipped, saying how to run them; under CI (``SALESPLAN_REQUIRE_PG=1``, set by
``.ci/run``) they fail instead, so a run that skipped them cannot pass.
"""

from __future__ import annotations

import atexit
import glob
import os
import subprocess
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

URL_VAR = "SALESPLAN_TEST_PG"
REQUIRED_VAR = "SALESPLAN_REQUIRE_PG"
HOW = (
    'needs a PostgreSQL server: run `bash .ci/run`, or `eval "$(.ci/pg start)"` and then '
    "pytest (PostgreSQL 15 from the distribution's packages, psycopg from the test extra)"
)


ROOT = Path(__file__).resolve().parents[1]
_autostart: dict[str, str | None] = {}


def _start_a_server() -> str | None:
    """Start a throwaway server with .ci/pg (once per run) when PostgreSQL is installed."""
    if "url" in _autostart:
        return _autostart["url"]
    _autostart["url"] = None
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        return None
    try:
        out = subprocess.run(
            ["bash", str(ROOT / ".ci" / "pg"), "start"],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    exports = dict(
        line.removeprefix("export ").split("=", 1)
        for line in out.splitlines()
        if line.startswith("export ")
    )
    folder = exports.get("SALESPLAN_TEST_PG_DIR")
    if folder:
        atexit.register(
            subprocess.run, ["bash", str(ROOT / ".ci" / "pg"), "stop", folder], check=False
        )
    _autostart["url"] = exports.get(URL_VAR)
    return _autostart["url"]


def admin_url() -> str:
    """The superuser's URL, or skip (fail under CI) with a reason saying how to run it."""
    url = os.environ.get(URL_VAR, "").strip()
    missing = None
    try:
        import psycopg  # noqa: F401
    except ImportError:
        missing = "psycopg is not installed"
    if not missing and not url:
        url = _start_a_server() or ""
        if not url:
            missing = f"{URL_VAR} is not set and no PostgreSQL server could be started"
    elif url == "off":
        missing = f"{URL_VAR}=off"
    if missing:
        if os.environ.get(REQUIRED_VAR):
            pytest.fail(f"PostgreSQL tests may not be skipped under CI: {missing}")
        pytest.skip(f"{missing}: this test {HOW}")
    return url


def with_database(url: str, name: str, role: str | None = None, password: str | None = None) -> str:
    """``url`` pointed at another database (and, if given, another role)."""
    from sqlalchemy.engine import make_url

    made = make_url(url).set(database=name)
    if role is not None:
        made = made.set(username=role, password=password)
    return made.render_as_string(hide_password=False)


def admin_connection(url: str | None = None) -> Any:
    import psycopg

    return psycopg.connect(url or admin_url(), autocommit=True)


class Databases:
    """Fresh databases on the test server, each a copy of one template holding the schema."""

    def __init__(self) -> None:
        self.url = admin_url()
        self.conn = admin_connection(self.url)
        self.tag = uuid.uuid4().hex[:10]
        self.template: str | None = None

    def _template(self) -> str:
        if self.template is None:
            from salesplan.store.db import ServerStore

            name = f"salesplan_tpl_{self.tag}"
            self.conn.execute(f"CREATE DATABASE {name}")
            store = ServerStore(with_database(self.url, name), datetime(2026, 1, 1, tzinfo=UTC))
            store.open()
            store.dispose()
            self.template = name
        return self.template

    def new(self) -> tuple[str, str]:
        """A new database with the schema: (its name, the superuser's URL to it)."""
        name = f"salesplan_t_{self.tag}_{uuid.uuid4().hex[:8]}"
        self.conn.execute(f"CREATE DATABASE {name} TEMPLATE {self._template()}")
        return name, with_database(self.url, name)

    def drop(self, name: str) -> None:
        self.conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def close(self) -> None:
        if self.template is not None:
            self.drop(self.template)
        self.conn.close()


def table_digest(url: str) -> str:
    """Every row of every table, hashed: 'the store is exactly as before' on a server."""
    import hashlib

    import psycopg

    h = hashlib.sha256()
    with psycopg.connect(url) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() ORDER BY table_name"
            )
        ]
        for table in tables:
            h.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                h.update(repr(row).encode())
        for seq in conn.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"):
            h.update(repr(seq).encode())
    return h.hexdigest()
