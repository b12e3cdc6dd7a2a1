"""Every test gets its own store and a pinned clock (Monday 2026-11-30 08:05, Shanghai)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

NOW = "2026-11-30T08:05"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "store" / "salesplan.db"
    monkeypatch.setenv("SALESPLAN_DB", str(db))
    monkeypatch.setenv("SALESPLAN_NOW", NOW)
    monkeypatch.setenv("SALESPLAN_DEBUG", "1")
    monkeypatch.setenv("COLUMNS", "140")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    # English unless a test asks otherwise, whatever the machine's locale.
    for name in ("SALESPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    from salesplan import i18n

    i18n.reset()
    return db


@pytest.fixture
def db_path(_isolated: Path) -> Path:
    return _isolated


class Run:
    """Invoke the CLI in-process; ``run("contact", "add", "王建国")``."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(
        self, *args: str, code: int = 0, env: dict[str, str] | None = None, input: str | None = None
    ):
        from salesplan.cli.app import app
        from salesplan.cli.common import reset_console

        reset_console()
        result = self.runner.invoke(app, list(args), catch_exceptions=False, env=env, input=input)
        assert result.exit_code == code, (
            f"exit {result.exit_code} != {code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        )
        return result

    def json(self, *args: str, env: dict[str, str] | None = None):
        return json.loads(self(*args, "--json", env=env).stdout)


@pytest.fixture
def run() -> Run:
    return Run()


def file_digest(path: Path) -> str:
    """The store's bytes, after folding in any WAL so 'unchanged' means what the user sees."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def digest() -> Callable[[Path], str]:
    return file_digest


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[object]:
    """Fresh databases on the test PostgreSQL server (skips, or fails under CI, without one)."""
    from tests import pg

    databases = pg.Databases()
    yield databases
    databases.close()


@pytest.fixture
def server_db(pg_databases, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database of its own on the test server, as the store: its superuser URL."""
    name, url = pg_databases.new()
    monkeypatch.setenv("SALESPLAN_DB", url)
    yield url
    pg_databases.drop(name)
