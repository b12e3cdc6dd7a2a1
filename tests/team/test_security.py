"""What a company meets in a team store's first month, each probe run as plain SQL (psql, as
the role itself) and as salesplan: no password printed, no rep able to block or break
another, teams kept apart, managers reading and commenting only, targets the manager's.

Every probe is bounded in time: a busy timeout of half a second, psql under a timeout.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from urllib.parse import quote

import pytest
from sqlalchemy.engine import make_url

from tests import pg

SECRET = "Zq9Sx/w0rd"  # a password with a '/' in it, as people type them
MARK = "Zq9Sx"  # what must never be printed, in any of its forms


def _psql(url: str, sql: str, timeout: float = 30) -> subprocess.CompletedProcess:
    psql = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"
    if not os.path.exists(psql):
        pytest.skip("psql is not installed")
    return subprocess.run(
        [psql, url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PGCONNECT_TIMEOUT": "5"},
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _forms(host: str, port: int, database: str, role: str = "bob") -> list[str]:
    """The password planted in every way a URL can carry it."""
    encoded = quote(SECRET, safe="")
    at = f"{host}:{port}/{database}"
    return [
        f"postgresql://{role}:{SECRET}@{at}",
        f"postgres://{role}:{encoded}@{at}",
        f"POSTGRESQL://{role}:{SECRET}@{at}",
        f"postgresql://{role}@{at}?password={encoded}",
        f"postgresql://{role}@{at}?sslmode=disable&password={encoded}",
        f"postgresql://{role}:{SECRET}@{at}?password={encoded}",
        f"postgresql://{role}:{SECRET}@{host}:notaport/{database}",
        f"postgresql://{role}:{SECRET}@{host}:{port}",
        f"postgresq://{role}:{SECRET}@{at}",
    ]


def _clean(result, *, why: str) -> None:
    shown = result.stdout + result.stderr
    assert MARK not in shown and quote(SECRET, safe="") not in shown, (why, shown)


def test_the_one_redaction_masks_every_form():
    from salesplan.store.db import redact

    for url in _forms("h", 5432, "team"):
        assert MARK not in redact(url), url
        assert MARK not in redact(f"error: cannot reach '{url}' now"), url
    assert redact("postgresql://bob:p@ss@h/team") == "postgresql://bob:***@h/team"
    assert redact("postgresql://bob@h/team?password=x&sslmode=require") == (
        "postgresql://bob@h/team?password=***&sslmode=require"
    )
    assert redact("host=h password='a b' user=bob") == "host=h password=*** user=bob"
    assert redact("postgresql://bob@h:5432/team") == "postgresql://bob@h:5432/team"
    assert redact("rep alice added, password Abc (shown once)").endswith("Abc (shown once)")


@pytest.mark.parametrize("debug", [True, False])
def test_no_failing_path_prints_a_password(run, pg_databases, monkeypatch, debug):
    """An unreachable server (75), a database that is not there and a wrong password (2), a
    bad URL (2), for today, config, backup, team init and --help, with and without debug."""
    if not debug:
        monkeypatch.delenv("SALESPLAN_DEBUG")
    monkeypatch.setenv("SALESPLAN_CONNECT_TIMEOUT", "3")
    admin = make_url(pg.admin_url())
    host, port = admin.host or "127.0.0.1", admin.port or 5432
    name, _url = pg_databases.new()
    role = f"sp_{uuid.uuid4().hex[:8]}"
    conn = pg.admin_connection()
    conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'the-right-one'")
    try:
        cases = [
            *((url, 75) for url in _forms("127.0.0.1", _free_port(), "team")[:6]),
            *((url, 2) for url in _forms(host, port, "no_such_db_here", role)[:6]),
            *((url, 2) for url in _forms(host, port, name, role)[:6]),  # a wrong password
            *((url, 2) for url in _forms(host, port, name, role)[6:]),  # not a URL
        ]
        commands = [["today"], ["config", "list"], ["backup"], ["team", "init"]]
        for url, code in cases:
            for command in commands:
                started = time.monotonic()
                result = run(*command, code=code, env={"SALESPLAN_DB": url})
                assert time.monotonic() - started < 20
                _clean(result, why=f"{command} {url}")
                assert result.stderr.count("\n") == 1 and result.stdout == ""
            _clean(run("--db", url, "today", code=code), why=f"--db {url}")
            _clean(run("today", "--help", env={"SALESPLAN_DB": url}), why="--help")
            _clean(run("--help", env={"SALESPLAN_DB": url}), why="--help")
    finally:
        pg_databases.drop(name)
        conn.execute(f"DROP ROLE IF EXISTS {role}")
        conn.close()


def test_a_traceback_under_debug_masks_the_password(run, monkeypatch):
    from salesplan.store import db

    def broken(self):
        raise RuntimeError(f"could not use {self.url} (the driver quoted it)")

    monkeypatch.setattr(db.ServerStore, "_make_engine", broken)
    url = f"postgresql://bob:{SECRET}@127.0.0.1:5432/team?password={quote(SECRET, safe='')}"
    result = run("today", code=1, env={"SALESPLAN_DB": url})
    assert "Traceback" in result.stderr and "RuntimeError" in result.stderr
    assert "postgresql://bob:***@127.0.0.1:5432/team?password=***" in result.stderr
    _clean(result, why="traceback")
    monkeypatch.delenv("SALESPLAN_DEBUG")
    result = run("today", code=1, env={"SALESPLAN_DB": url})
    assert "internal error: RuntimeError" in result.stderr
    _clean(result, why="internal error")


def test_add_rep_prints_the_new_roles_password_once_and_never_the_admins(run, team):
    admin = make_url(team.admin)
    planted = [
        admin.set(password=SECRET).render_as_string(hide_password=False),
        admin.update_query_dict({"password": SECRET}).render_as_string(hide_password=False),
    ]
    for n, url in enumerate(planted):
        if admin.password is None and _psql(url, "SELECT 1").returncode != 0:
            pytest.skip("the test server checks passwords: cannot plant a wrong one")
        rep = f"dan{n}_{team.database[-8:]}"
        team.roles[f"dan{n}"] = rep
        out = run("team", "add-rep", rep, env={"SALESPLAN_DB": url})
        _clean(out, why="add-rep")
        passwords = [line for line in out.stdout.splitlines() if "added, password " in line]
        assert len(passwords) == 1 and passwords[0].startswith(f"rep {rep} added, password ")
        own = passwords[0].split("password ", 1)[1].split()[0]
        assert out.stdout.count(own) == 1  # shown once, never inside the connect line
        connect = next(line for line in out.stdout.splitlines() if "SALESPLAN_DB=" in line)
        assert f"postgresql+psycopg://{rep}@" in connect or f"postgresql://{rep}@" in connect
        assert "password" not in connect and ":***" not in connect
