"""What a company meets in a team store's first month, each probe run as plain SQL (psql, as
the role itself) and as salesplan: no password printed, no rep able to block or break
another, teams kept apart, managers reading and commenting only, targets the manager's.

Every probe is bounded in time: a busy timeout of half a second, psql under a timeout.
"""

from __future__ import annotations

import socket
import subprocess
import time
import uuid
from functools import partial
from urllib.parse import quote

import pytest
from sqlalchemy.engine import make_url

from tests import pg
from tests.team.conftest import drop_roles, psql, team_group

SECRET = "Zq9Sx/w0rd"  # a password with a '/' in it, as people type them
MARK = "Zq9Sx"  # what must never be printed, in any of its forms


_psql = partial(psql, timeout=30)


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


# --- nobody blocks or breaks another ---------------------------------------------------------


def _ids(url: str, sql: str) -> list[str]:
    result = _psql(url, sql)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def _refused(result: subprocess.CompletedProcess, why: str = "permission denied") -> None:
    assert result.returncode != 0 and why in result.stderr, (result.stdout, result.stderr)


def test_a_rep_can_truncate_alter_or_lock_no_shared_table_exclusively(run, team):
    alice = team.urls["alice"]
    for table in ("activity", "contact", "team_member", "team_comment", "team_writer"):
        _refused(_psql(alice, f"TRUNCATE {table}"))
        _refused(_psql(alice, f"ALTER TABLE {table} ADD COLUMN x int"), "must be owner")
    for table in ("team_member", "team_writer", "schema_info"):
        _refused(_psql(alice, f"BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE; COMMIT"))
        _refused(_psql(alice, f"BEGIN; LOCK TABLE {table} IN SHARE MODE; COMMIT"))


def test_a_table_a_rep_holds_locked_makes_others_wait_the_busy_timeout_not_for_ever(
    run, team, monkeypatch
):
    """PostgreSQL lets anyone who may delete rows LOCK the table: what it holds up is bounded."""
    run("log", "call", "--note", "x", env=team.env("bob"))
    holder = pg.admin_connection(team.urls["alice"])
    holder.execute("BEGIN")
    holder.execute("LOCK TABLE activity IN ACCESS EXCLUSIVE MODE")
    monkeypatch.setenv("SALESPLAN_BUSY_TIMEOUT_MS", "500")
    try:
        for who, command in (
            ("bob", ["today"]),
            ("bob", ["log", "call"]),
            ("boss", ["team", "week"]),
        ):
            started = time.monotonic()
            result = run(*command, code=75, env=team.env(who))
            assert time.monotonic() - started < 15
            assert result.stderr.count("\n") == 1 and "busy" in result.stderr
            assert "another salesplan of this role" not in result.stderr
        plain = _psql(team.urls["bob"], "SET lock_timeout = '500ms'; SELECT count(*) FROM activity")
        _refused(plain, "lock timeout")
    finally:
        holder.close()
    assert run.json("log", "list", env=team.env("bob"))[0]["note"] == "x"


def test_a_reps_write_lock_is_one_no_other_role_can_take(run, team, monkeypatch):
    from salesplan.store.db import ADVISORY_LOCK_SPACE

    bob = team.roles["bob"]
    run("log", "call", "--note", "first", env=team.env("bob"))  # bob's lock row exists
    alice = team.urls["alice"]
    assert _ids(alice, "SELECT count(*) FROM team_writer") == ["0"]
    assert _ids(alice, f"SELECT owner FROM team_writer WHERE owner = '{bob}' FOR UPDATE") == []
    _refused(
        _psql(alice, f"INSERT INTO team_writer (owner) VALUES ('{bob}')"), "row-level security"
    )
    _refused(_psql(alice, "BEGIN; LOCK TABLE team_writer IN ROW EXCLUSIVE MODE; COMMIT"))
    holder = pg.admin_connection(alice)
    holder.execute("BEGIN")
    holder.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (ADVISORY_LOCK_SPACE, bob))
    holder.execute("SELECT * FROM team_writer FOR UPDATE")
    monkeypatch.setenv("SALESPLAN_BUSY_TIMEOUT_MS", "500")
    try:
        run("log", "call", "--note", "second", env=team.env("bob"))  # not held up
        # bob's own second salesplan, mid-write, is what makes bob wait: told so.
        own = pg.admin_connection(team.urls["bob"])
        own.execute("BEGIN")
        own.execute("UPDATE team_writer SET at = now()")
        try:
            result = run("log", "call", code=75, env=team.env("bob"))
            assert "another salesplan of this role" in result.stderr
        finally:
            own.close()
    finally:
        holder.close()
    assert [e["note"] for e in run.json("log", "list", env=team.env("bob"))] == ["first", "second"]


def test_ids_come_only_from_the_database(run, team):
    """Rows put ahead of the sequence made another rep's next log call fail (exit 1)."""
    alice = team.urls["alice"]
    ahead = (
        "INSERT INTO activity (id, kind, at, outcome, created_at) "
        "VALUES ((SELECT last_value + {n} FROM activity_id_seq), 'call', now(), 'reached', now())"
    )
    for n in (1, 2, 3):
        _refused(_psql(alice, ahead.format(n=n)))
    run("contact", "add", "王建国", "--phone", "13800000001", env=team.env("alice"))
    _refused(_psql(alice, "UPDATE contact SET id = id + 1000"))
    _refused(_psql(alice, "INSERT INTO contact (id, name, created_at) VALUES (5000, 'x', now())"))
    # Without an id, a row is what it always was.
    assert (
        len(
            _ids(
                alice,
                "INSERT INTO activity (kind, at, outcome, created_at) "
                "VALUES ('call', now(), 'reached', now()) RETURNING id",
            )
        )
        == 1
    )
    for n in range(3):
        run("log", "call", "--note", f"n{n}", env=team.env("bob"))
    assert len(run.json("log", "list", env=team.env("bob"))) == 3


# --- teams apart -----------------------------------------------------------------------------


def test_a_role_of_another_team_cannot_connect(run, team, pg_databases):
    name, admin = pg_databases.new()
    other = pg.with_database(team.urls["alice"], name)
    try:
        run("team", "init", env={"SALESPLAN_DB": admin})
        result = run("contact", "add", "王建国", code=2, env={"SALESPLAN_DB": other})
        assert result.stderr.count("\n") == 1 and "cannot log in" in result.stderr
        assert "permission denied for database" in result.stderr
        _refused(_psql(other, "SELECT 1"))
        # A login role in no team at all is refused too (CONNECT is no longer PUBLIC's).
        stranger = f"sp_{uuid.uuid4().hex[:8]}"
        conn = pg.admin_connection()
        conn.execute(f"CREATE ROLE {stranger} LOGIN PASSWORD 'pw-{stranger}'")
        try:
            url = pg.with_database(team.admin, team.database, stranger, f"pw-{stranger}")
            run("today", code=2, env={"SALESPLAN_DB": url})
        finally:
            conn.execute(f"DROP ROLE {stranger}")
            conn.close()
        assert run("today", env=team.env("alice")).exit_code == 0  # own team: fine
    finally:
        pg_databases.drop(name)
        drop_roles(team_group(name))


def test_the_roster_shows_a_rep_themselves_and_their_manager(run, team):
    roles = team.roles
    mine = {roles["alice"], roles["boss"]}
    assert set(_ids(team.urls["alice"], "SELECT rep FROM team_member")) == mine
    assert {r["role"] for r in run.json("team", "list", env=team.env("alice"))} == mine
    everyone = {roles[w] for w in ("boss", "alice", "bob", "carol")}
    assert set(_ids(team.urls["boss"], "SELECT rep FROM team_member")) == everyone
    _refused(_psql(team.urls["alice"], f"UPDATE team_member SET manager = '{roles['alice']}'"))


# --- managers read and comment ---------------------------------------------------------------


def test_a_manager_writes_no_row_that_points_at_a_reps_records(run, team):
    run("contact", "add", "李四", "--phone", "13800000002", env=team.env("bob"))
    (bobs,) = _ids(team.admin, "SELECT id FROM contact")
    boss, bob = team.urls["boss"], team.roles["bob"]
    view = f"SET salesplan.view_as = '{bob}';"
    row = "INSERT INTO {table} (contact_id, {cols}) VALUES ({id}, {values}) RETURNING contact_id"
    tables = {
        "activity": ("kind, at, outcome, created_at", "'call', now(), 'reached', now()"),
        "note": ('text, kind, "on"', "'看过', 'general', current_date"),
        "todo": ("text, important, created_at", "'x', false, now()"),
    }
    for table, (cols, values) in tables.items():
        for prefix in ("", view):
            probe = _psql(boss, prefix + row.format(table=table, cols=cols, id=bobs, values=values))
            assert probe.returncode != 0, (table, prefix, probe.stdout)
            assert "row-level security" in probe.stderr or "permission denied" in probe.stderr
    # Nor a row of the rep's own, nor one changed while looking at the rep.
    _refused(
        _psql(boss, f"INSERT INTO contact (name, created_at, owner) VALUES ('x', now(), '{bob}')"),
        "row-level security",
    )
    assert _psql(boss, view + " UPDATE contact SET name = 'x' RETURNING id").stdout.split() == []
    assert _ids(team.admin, "SELECT name FROM contact") == ["李四"]
    assert "no contact" in run("log", "call", "李四", code=2, env=team.env("boss")).stderr


def test_a_contacts_other_numbers_are_its_owners_alone(run, team, tmp_path):
    book = tmp_path / "b.csv"
    book.write_text(
        "姓名,手机,座机,邮箱\n李四,13800000002,010-6688 1234,li@x.cn\n", encoding="utf-8"
    )
    run("import", "contacts", str(book), env=team.env("bob"))
    (bobs,) = _ids(team.admin, "SELECT id FROM contact")
    boss, bob = team.urls["boss"], team.roles["bob"]
    points = "SELECT replace(value, ' ', '') FROM contact_point ORDER BY id"
    assert _ids(team.urls["bob"], points) == ["13800000002", "010-66881234", "li@x.cn"]
    assert _ids(team.urls["alice"], points) == []  # another rep sees none of them
    assert _ids(boss, points) == []  # the manager, only while looking at bob
    assert len(_ids(boss, f"SET salesplan.view_as = '{bob}'; " + points)) == 3
    # Nobody else finds bob's contact by its landline, nor adds a number to it.
    assert (
        "no contact" in run("contact", "show", "01066881234", code=2, env=team.env("alice")).stderr
    )
    for who in (team.urls["alice"], boss):
        probe = _psql(
            who,
            "INSERT INTO contact_point (contact_id, kind, value, position)"
            f" VALUES ({bobs}, 'mobile', '13900000000', 5)",
        )
        assert probe.returncode != 0
        assert "row-level security" in probe.stderr or "permission denied" in probe.stderr
    assert _psql(team.urls["alice"], "DELETE FROM contact_point RETURNING id").stdout.split() == []
    assert len(_ids(team.urls["bob"], points)) == 3


# --- targets are the manager's ---------------------------------------------------------------


def test_targets_are_set_by_the_manager_and_every_report_uses_them(run, team):
    boss, alice = team.env("boss"), team.env("alice")
    out = run(
        "team",
        "target",
        team.roles["alice"],
        "--calls",
        "3",
        "--visits",
        "20",
        "--new",
        "5",
        "--potential",
        "3",
        "--yearly",
        "100万",
        env=boss,
    )
    assert "calls_per_day = 3" in out.stdout and "yearly_sales_target = " in out.stdout
    for lang, words in (("en", "set by your manager"), ("zh-CN", "由你的经理")):
        result = run(
            "config", "set", "calls_per_day", "1", code=2, env={**alice, "SALESPLAN_LANG": lang}
        )
        assert result.stderr.count("\n") == 1 and words in result.stderr
        assert team.roles["boss"] in result.stderr
    # Lowered by plain SQL in the rep's own settings, the manager's target still counts.
    assert (
        _psql(
            team.urls["alice"],
            "INSERT INTO setting (key, value) VALUES "
            "('calls_per_day', '1'), ('visits_per_week', '1')",
        ).returncode
        == 0
    )
    _refused(
        _psql(
            team.urls["alice"],
            "INSERT INTO team_target (rep, key, value, at) VALUES "
            "(current_user, 'calls_per_day', '1', now())",
        ),
        "row-level security",
    )
    assert _ids(team.urls["alice"], "UPDATE team_target SET value = '1' RETURNING key") == []
    assert _ids(team.urls["bob"], "SELECT count(*) FROM team_target") == ["0"]
    for _n in range(2):
        run("log", "call", "--at", "2026-11-30 09:00", "--future", env=alice)
    assert run("config", "get", "calls_per_day", env=alice).stdout.strip() == "3"
    own = run.json("week", env=alice)
    assert own["targets"]["calls_per_day"] == 3 and own["targets"]["new_contacts_per_week"] == 5
    assert run.json("today", env=alice)["calls"]["target"] == 3
    week = run.json("team", "week", env=boss)
    rows = {r["rep"]: r for r in week["reps"]}
    mine = rows[team.roles["alice"]]
    assert mine["targets"] == {
        "calls_per_day": 3,
        "visits_per_week": 20,
        "new_contacts_per_week": 5,
        "potential_contacts_per_week": 3,
        "yearly_sales_target": 1_000_000,
    }
    assert mine["visits_target"] == 20 and mine["days_call_target_met"] == 0
    assert rows[team.roles["bob"]]["targets"]["calls_per_day"] == 30  # the default, unset
    for _n in range(1):
        run("log", "call", "--at", "2026-11-30 10:00", "--future", env=alice)
    again = {r["rep"]: r for r in run.json("team", "week", env=boss)["reps"]}
    assert again[team.roles["alice"]]["days_call_target_met"] == 1
    # Only the rep's manager sets them; a manager without one sets their own.
    assert (
        "not one of your reps"
        in run(
            "team", "target", team.roles["alice"], "--calls", "9", code=2, env=team.env("bob")
        ).stderr
    )
    assert (
        "calls_per_day"
        in run("team", "target", team.roles["alice"], "--calls", "0", code=2, env=boss).stderr
    )
    run("team", "target", team.roles["alice"], code=2, env=boss)
    run("config", "set", "calls_per_day", "40", env=boss)
    assert run("config", "get", "calls_per_day", env=boss).stdout.strip() == "40"


# --- people come and go ----------------------------------------------------------------------


def test_a_rep_who_leaves_hands_their_customers_over_in_one_go(run, team):
    alice, bob = team.env("alice"), team.env("bob")
    run("contact", "add", "王建国", "--phone", "13800000001", env=alice)
    run("contact", "add", "李四", "--phone", "13800000002", env=alice)
    run("log", "call", "王建国", "--next", "2026-12-02", env=alice)
    run("project", "add", "望京幕墙", "--contact", "王建国", "--amount", "85万", env=alice)
    run("todo", "add", "周五前发报价", "--contact", "王建国", "--due", "fri", env=alice)
    run("todo", "add", "做完了", env=alice)
    run("todo", "done", "2", env=alice)
    run("contact", "add", "赵六", "--phone", "13800000003", env=bob)
    # Only the database's owner hands over.
    refused = run(
        "team",
        "remove-rep",
        team.roles["alice"],
        "--to",
        team.roles["bob"],
        code=2,
        env=team.env("boss"),
    )
    assert "owner" in refused.stderr and refused.stderr.count("\n") == 1
    run(
        "team",
        "remove-rep",
        team.roles["alice"],
        "--to",
        "nobody_here",
        code=2,
        env={"SALESPLAN_DB": team.admin},
    )
    out = run(
        "team",
        "remove-rep",
        team.roles["alice"],
        "--to",
        team.roles["bob"],
        env={"SALESPLAN_DB": team.admin},
    ).stdout
    assert "2 contacts" in out and "1 open projects" in out and "1 open to-dos" in out
    names = sorted(c["name"] for c in run.json("contact", "list", env=bob))
    assert names == ["李四", "王建国", "赵六"]
    assert [c["name"] for c in run.json("contact", "list", "--search", "wjg", env=bob)] == [
        "王建国"
    ]
    # Every number goes with the contact: found by it, shown with it.
    assert run.json("contact", "show", "13800000001", env=bob)["phones"] == [
        {"number": "13800000001", "kind": "mobile"}
    ]
    assert [t["text"] for t in run.json("todo", "list", env=bob)] == ["周五前发报价"]
    assert [p["name"] for p in run.json("project", "list", env=bob)] == ["望京幕墙"]
    run("todo", "done", "1", env=bob)  # bob's own now, changed as his
    owners = _ids(team.admin, "SELECT DISTINCT owner FROM activity")
    departed = f"{team.roles['alice']}~2026-11-30"
    assert owners == [departed]  # the log stays alice's history, under her departed name
    assert "cannot log in" in run("today", code=2, env=alice).stderr
    # The roster still lists her, and team list works whatever roles exist.
    _psql(team.admin, f"DROP ROLE {team.roles['alice']}")
    listed = {r["role"]: r for r in run.json("team", "list", env={"SALESPLAN_DB": team.admin})}
    assert departed in listed and listed[team.roles["boss"]]["is_manager"]
    assert not listed[departed]["is_manager"]
    assert _ids(team.urls["bob"], "SELECT count(*) FROM contact WHERE owner <> current_user") == [
        "0"
    ]
    # The contacts' status and tier history went with them (bob's reports read them).
    for history in ("contact_status", "contact_tier"):
        held = _ids(team.admin, "SELECT DISTINCT owner FROM " + history)
        assert held == [team.roles["bob"]], history


def test_a_masked_message_keeps_its_words():
    from salesplan.store.db import redact

    label = redact("postgresql://x@h:1/t?password=Zq9")  # a store's label, then its message
    once = redact(f"cannot reach {label}: refused")
    assert once == "cannot reach postgresql://x@h:1/t?password=***: refused"
    assert redact(once) == once
