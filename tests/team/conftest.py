"""A team on the test PostgreSQL server: an administrator (the superuser), a manager and three
reps, each a login role with a password, in a database of its own.

Roles belong to the whole server, so every name carries this test's tag, and the roles are
dropped when the test ends (after its database).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests import pg


@dataclass
class Team:
    admin: str  # the superuser's URL to the team database
    database: str
    urls: dict[str, str] = field(default_factory=dict)  # short name → the role's URL
    roles: dict[str, str] = field(default_factory=dict)  # short name → role name

    def env(self, who: str) -> dict[str, str]:
        return {"SALESPLAN_DB": self.urls[who]}


def _add(run, team: Team, short: str, manager: str | None) -> str:
    role = f"{short}_{team.database[-8:]}"
    args = ["team", "add-rep", role]
    if manager:
        args += ["--manager", team.roles[manager]]
    out = run(*args, env={"SALESPLAN_DB": team.admin}).stdout
    for line in out.splitlines():
        m = re.match(r"(rep|manager) (\S+) added, password (\S+) \(shown once\)", line)
        if m:
            name = next(k for k, v in {**team.roles, short: role}.items() if v == m.group(2))
            team.roles[name] = m.group(2)
            team.urls[name] = pg.with_database(team.admin, team.database, m.group(2), m.group(3))
    return out


@pytest.fixture
def team(run, pg_databases) -> Iterator[Team]:
    name, admin = pg_databases.new()
    t = Team(admin=admin, database=name)
    t.roles["boss"] = f"boss_{name[-8:]}"
    try:
        run("team", "init", env={"SALESPLAN_DB": admin})
        for rep in ("alice", "bob", "carol"):
            _add(run, t, rep, "boss")
        assert set(t.urls) == {"boss", "alice", "bob", "carol"}
        yield t
    finally:
        pg_databases.drop(name)
        drop_roles(*t.roles.values(), team_group(name))


def team_group(database: str) -> str:
    """The group role ``team init`` makes for a database (granted CONNECT on it)."""
    return f"salesplan_team_{database}"


def drop_roles(*roles: str) -> None:
    conn = pg.admin_connection()
    for role in roles:
        conn.execute(f'DROP ROLE IF EXISTS "{role}"')
    conn.close()


@pytest.fixture
def tag() -> str:
    return uuid.uuid4().hex[:8]


def psql(url: str, sql: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Plain SQL as the role in ``url``, through psql itself (a connection given 5 s)."""
    binary = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"
    if not os.path.exists(binary):
        pytest.skip("psql is not installed")
    return subprocess.run(
        [binary, url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PGCONNECT_TIMEOUT": "5"},
    )
