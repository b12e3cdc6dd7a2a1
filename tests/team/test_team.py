"""A team on PostgreSQL: who sees what (through salesplan and by plain SQL as each role), the
manager's week against each rep's own, comments, and moving a personal store in and out."""

from __future__ import annotations

import json
import subprocess

from tests import pg
from tests.team.conftest import psql as _psql


def _work_a_day(run, env, name: str, calls: int, visits: int) -> None:
    run(
        "contact",
        "add",
        f"{name}的客户",
        "--phone",
        f"1390000{calls:04d}",
        "--tier",
        "key",
        env=env,
    )
    for n in range(calls):
        outcome = "reached" if n % 2 else "no-answer"
        run(
            "log",
            "call",
            f"{name}的客户",
            "-o",
            outcome,
            "--at",
            "2026-11-30 09:00",
            "--future",
            env=env,
        )
    for _ in range(visits):
        run("log", "visit", f"{name}的客户", "--at", "2026-11-30 15:00", "--future", env=env)


def _personal_store(run, tmp_path, who: str, contacts: list[str]):
    env = {"SALESPLAN_DB": str(tmp_path / f"{who}.db")}
    for i, name in enumerate(contacts):
        run("contact", "add", name, "--phone", f"1380000{i:04d}", env=env)
        run("log", "call", name, "--at", "2026-11-27 10:00", env=env)
    out = tmp_path / f"{who}.json"
    run("export", "--format", "json", "-o", str(out), env=env)
    return out


def test_team_commands_need_a_team_store(run):
    assert "team store" in run("team", "week", code=2).stderr


def test_a_team_of_three_moves_in_works_a_day_and_the_week_matches(run, team, tmp_path):
    days = {"alice": (31, 4), "bob": (12, 1), "carol": (0, 0)}
    for who, (calls, visits) in days.items():
        backup = _personal_store(run, tmp_path, who, [f"{who}甲", f"{who}乙"])
        env = team.env(who)
        assert "added" in run("import", "json", str(backup), env=env).stdout
        _work_a_day(run, env, who, calls, visits)
    week = run.json("team", "week", env=team.env("boss"))
    assert week["week"] == "2026-W49"
    rows = {r["rep"]: r for r in week["reps"]}
    assert set(rows) == {team.roles[w] for w in days}
    for who, (calls, visits) in days.items():
        own = run.json("week", env=team.env(who))
        row = rows[team.roles[who]]
        assert (row["calls"], row["visits"]) == (calls, visits)
        assert (row["calls"], row["visits"]) == (own["totals"]["calls"], own["totals"]["visits"])
        assert row["new_contacts"] == own["totals"]["new_contacts"]
        assert row["followups_missed"] == own["followups"]["missed"]
        assert row["followups_open"] == own["followups"]["open"]
        assert row["days_call_target_met"] == (1 if calls >= 30 else 0)
        assert row["workdays"] == 5
    assert week["total"]["calls"] == 43 and week["total"]["visits"] == 5
    assert week["total"]["reps"] == 3
    # Monday is today and still in progress: no call day is missed yet.
    assert "calls_target_missed" not in rows[team.roles["bob"]]["flags"]
    # The week is over by the next Monday: every short day and the visits are flagged.
    later = run.json(
        "team",
        "week",
        "--week",
        "2026-W49",
        env={**team.env("boss"), "SALESPLAN_NOW": "2026-12-07T09:00"},
    )
    bob = next(r for r in later["reps"] if r["rep"] == team.roles["bob"])
    assert bob["call_days_missed"] == [
        "2026-11-30",
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
        "2026-12-04",
    ]
    assert {"calls_target_missed", "visits_target_missed"} <= set(bob["flags"])


def test_a_rep_sees_only_their_own_through_salesplan(run, team):
    run("contact", "add", "王建国", "--phone", "13800000001", env=team.env("alice"))
    run("contact", "add", "李四", "--phone", "13800000002", env=team.env("bob"))
    assert [c["name"] for c in run.json("contact", "list", env=team.env("alice"))] == ["王建国"]
    assert [c["name"] for c in run.json("contact", "list", env=team.env("bob"))] == ["李四"]
    assert run("contact", "show", "李四", env=team.env("alice"), code=2).stderr.count("\n") == 1
    # The manager's own commands show the manager's own records, not the team's.
    assert run.json("contact", "list", env=team.env("boss")) == []
    # Ids are the server's: bob's contact id is not a way into it for alice.
    bob_id = run.json("contact", "list", env=team.env("bob"))[0]["id"]
    run("contact", "show", str(bob_id), env=team.env("alice"), code=2)
    run("log", "call", str(bob_id), env=team.env("alice"), code=2)
    # Email templates are each person's own, keyed by name per person.
    for rep, subject in (("alice", "您好"), ("bob", "问候")):
        run("email-template", "add", "介绍", "--subject", subject, "--body", "{name}",
            env=team.env(rep))  # fmt: skip
    run("email-template", "rm", "介绍", env=team.env("bob"))
    assert run.json("email-template", "list", env=team.env("bob")) == []
    assert [t["subject"] for t in run.json("email-template", "list", env=team.env("alice"))] == [
        "您好"
    ]


def test_a_rep_cannot_read_or_change_another_reps_rows_by_plain_sql(run, team):
    run("contact", "add", "李四", "--phone", "13800000002", env=team.env("bob"))
    bob = team.roles["bob"]
    alice = team.urls["alice"]
    assert _psql(alice, "SELECT count(*) FROM contact").stdout.strip() == "0"
    assert _psql(alice, f"SELECT count(*) FROM contact WHERE owner = '{bob}'").stdout.strip() == "0"
    assert _psql(alice, "UPDATE contact SET name = 'x' RETURNING id").stdout.strip() == ""
    assert _psql(alice, "DELETE FROM contact RETURNING id").stdout.strip() == ""
    forged = _psql(
        alice,
        f"INSERT INTO contact (name, tier, status, flag_credit, flag_abnormal, archived, created_at, owner) VALUES ('x', 'normal', 'lead', false, false, false, now(), '{bob}')",
    )
    assert forged.returncode != 0 and "row-level security" in forged.stderr
    # Pretending to be bob's manager does not help: alice manages no one.
    peek = _psql(
        alice,
        f"SELECT set_config('salesplan.view_as', '{bob}', false); SELECT count(*) FROM contact",
    )
    assert peek.stdout.split()[-1] == "0"
    # Nor can she make herself a manager, or turn the policies off.
    assert (
        _psql(alice, f"INSERT INTO team_member VALUES ('{bob}', current_user, now())").returncode
        != 0
    )
    assert _psql(alice, "ALTER TABLE contact DISABLE ROW LEVEL SECURITY").returncode != 0
    assert _psql(team.admin, "SELECT name FROM contact").stdout.strip() == "李四"


def test_a_reference_to_another_reps_row_is_refused_as_if_it_did_not_exist(run, team):
    """A foreign key is checked past every policy; the policies check references themselves,
    so which ids another rep has cannot be learnt from which inserts succeed."""
    run("contact", "add", "李四", "--phone", "13800000002", env=team.env("bob"))
    run("contact", "add", "王五", "--phone", "13800000003", env=team.env("alice"))
    ids = dict(
        line.split("|") for line in _psql(team.admin, "SELECT name, id FROM contact").stdout.split()
    )
    alice = team.urls["alice"]
    missing = 1 + max(int(i) for i in ids.values())

    def log_against(contact_id: int) -> subprocess.CompletedProcess:
        return _psql(
            alice,
            "INSERT INTO activity (kind, at, contact_id, outcome, created_at) "
            f"VALUES ('call', now(), {contact_id}, 'reached', now()) RETURNING contact_id",
        )

    bobs, nobodys, hers = (
        log_against(int(ids["李四"])),
        log_against(missing),
        log_against(int(ids["王五"])),
    )
    assert bobs.returncode != 0 and "row-level security" in bobs.stderr
    assert nobodys.returncode != 0 and "row-level security" in nobodys.stderr
    assert bobs.stderr.replace(ids["李四"], "N") == nobodys.stderr.replace(str(missing), "N")
    assert hers.returncode == 0 and hers.stdout.strip() == ids["王五"]
    # Pointing one of her own rows at bob's contact afterwards is refused the same way.
    moved = _psql(alice, f"UPDATE activity SET contact_id = {ids['李四']} RETURNING id")
    assert moved.returncode != 0 and "row-level security" in moved.stderr


def test_an_upgrade_puts_the_tables_it_adds_under_the_policies(run, team):
    """A schema upgrade of a team store secures the tables it adds in the same transaction:
    the administrator's next command is enough, no second team init."""
    run("contact", "add", "李四", "--phone", "13800000002", env=team.env("bob"))
    admin = team.admin
    # The team store as version 4 left it: what versions 5 and later add is taken away (a new
    # migration's additions are dropped here too).
    downgrade = _psql(
        admin,
        "DROP TABLE contact_key, contact_merge; DROP POLICY salesplan_own ON contact; "
        "ALTER TABLE contact DROP COLUMN merged_into, DROP COLUMN cold_list; "
        "ALTER TABLE absence DROP COLUMN part; DROP TABLE todo, email_template, contact_status, workday_notice, contact_tier, contact_point; "
        "ALTER TABLE activity DROP COLUMN template; ALTER TABLE contact DROP COLUMN imported; "
        "UPDATE schema_info SET version = 4",
    )
    assert downgrade.returncode == 0, downgrade.stderr
    policies = "SELECT count(*) FROM pg_policies WHERE tablename = 'contact_key'"
    assert _psql(admin, policies).stdout.strip() == "0"
    run("workday", "list", env={"SALESPLAN_DB": admin})  # the owner's command upgrades
    assert _psql(admin, policies).stdout.strip() == "2"
    templates = "SELECT count(*) FROM pg_policies WHERE tablename = 'email_template'"
    assert _psql(admin, templates).stdout.strip() == "2"
    notices = "SELECT count(*) FROM pg_policies WHERE tablename = 'workday_notice'"
    assert _psql(admin, notices).stdout.strip() == "2"  # the team's calendar: read, write
    keys = "SELECT count(*) FROM contact_key"
    assert int(_psql(admin, keys).stdout) > 0  # bob's contact got its keys back
    assert _psql(team.urls["alice"], keys).stdout.strip() == "0"
    assert _psql(team.urls["bob"], keys).stdout.strip() == _psql(admin, keys).stdout.strip()
    points = "SELECT count(*) FROM contact_point"  # his number, his own as the contact is
    assert _psql(team.urls["bob"], points).stdout.strip() == "1"
    assert _psql(team.urls["alice"], points).stdout.strip() == "0"
    found = run.json("contact", "list", "--search", "ls", env=team.env("bob"))
    assert [c["name"] for c in found] == ["李四"]


def test_an_owner_who_is_no_superuser_upgrades_every_reps_rows(run, pg_databases, tag):
    """The administrator of a real team owns the database but is no superuser, so the
    policies hold it too; an upgrade must still rewrite every rep's rows, not only its own."""
    from tests.team.conftest import Team, _add

    owner, database = f"own_{tag}", f"salesplan_own_{tag}"
    admin = pg.admin_connection()
    admin.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD 'pw_{tag}'")
    admin.execute(f"CREATE DATABASE {database} OWNER {owner}")
    team = Team(
        admin=pg.with_database(pg.admin_url(), database, owner, f"pw_{tag}"), database=database
    )
    try:
        as_owner = {"SALESPLAN_DB": team.admin}
        run("team", "init", env=as_owner)
        for rep in ("amy", "bob"):
            _add(run, team, rep, None)
        run("contact", "add", "李四", "--company", "华远建材", env=team.env("bob"))
        run("contact", "add", "王五", env=team.env("amy"))
        # As a version 4 store was: what versions 5 and later add is taken away.
        downgrade = _psql(
            team.admin,
            "DROP TABLE contact_key, contact_merge; DROP POLICY salesplan_own ON contact; "
            "ALTER TABLE contact DROP COLUMN merged_into, DROP COLUMN cold_list; "
            "ALTER TABLE absence DROP COLUMN part; DROP TABLE todo, email_template, contact_status, workday_notice, contact_tier, contact_point; "
            "ALTER TABLE activity DROP COLUMN template; ALTER TABLE contact DROP COLUMN imported; "
            "UPDATE schema_info SET version = 4",
        )
        assert downgrade.returncode == 0, downgrade.stderr
        run("workday", "list", env=as_owner)  # the owner's command upgrades
        keys = "SELECT count(*) FROM contact_key"
        bobs, amys = (int(_psql(team.urls[r], keys).stdout) for r in ("bob", "amy"))
        assert bobs > amys > 0  # 李四's company gives him more keys than 王五
        assert _psql(team.admin, keys).stdout.strip() == "0"  # policies hold the owner again
        assert [
            c["name"] for c in run.json("contact", "list", "--search", "ls", env=team.env("bob"))
        ] == ["李四"]
        assert [
            c["name"] for c in run.json("contact", "list", "--search", "ww", env=team.env("amy"))
        ] == ["王五"]
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        for role in [*team.roles.values(), owner, f"salesplan_team_{database}"]:
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        admin.close()


def test_a_manager_reads_their_reps_rows_but_never_changes_them(run, team):
    run("contact", "add", "李四", "--phone", "13800000002", env=team.env("bob"))
    boss, bob = team.urls["boss"], team.roles["bob"]
    view = f"SELECT set_config('salesplan.view_as', '{bob}', false);"
    assert _psql(boss, view + " SELECT name FROM contact").stdout.split()[-1] == "李四"
    assert _psql(boss, view + " UPDATE contact SET name = 'x' RETURNING id").stdout.split() == [bob]
    assert _psql(boss, view + " DELETE FROM contact RETURNING id").stdout.split() == [bob]
    assert run.json("contact", "list", env=team.env("bob"))[0]["name"] == "李四"


def test_comments_reach_the_rep_and_no_one_else(run, team):
    run(
        "team",
        "comment",
        team.roles["alice"],
        "--week",
        "2026-W49",
        "拜访量不错",
        env=team.env("boss"),
    )
    week = run("week", env=team.env("alice")).stdout
    assert (
        week.lstrip().startswith(f"{team.roles['boss']}:") and "拜访量不错" in week.splitlines()[0]
    )
    assert run.json("week", env=team.env("alice"))["comments"][0]["text"] == "拜访量不错"
    assert run.json("week", env=team.env("bob"))["comments"] == []
    assert _psql(team.urls["bob"], "SELECT count(*) FROM team_comment").stdout.strip() == "0"
    # Only the rep's manager comments.
    stranger = run(
        "team",
        "comment",
        team.roles["bob"],
        "--week",
        "2026-W49",
        "x",
        env=team.env("alice"),
        code=2,
    )
    assert "not one of your reps" in stranger.stderr
    # A second comment on the same week replaces the first.
    run(
        "team", "comment", team.roles["alice"], "--week", "2026-W49", "改一下", env=team.env("boss")
    )
    assert [c["text"] for c in run.json("week", env=team.env("alice"))["comments"]] == ["改一下"]
    row = run.json("team", "week", env=team.env("boss"))["reps"]
    assert [c["text"] for r in row if r["rep"] == team.roles["alice"] for c in r["comments"]] == [
        "改一下"
    ]


def test_moving_in_is_all_or_nothing_idempotent_and_moves_back_out(run, team, tmp_path):
    backup = _personal_store(run, tmp_path, "alice", ["王建国", "李四", "张伟"])
    env = team.env("alice")
    run("import", "json", str(backup), env=env)
    again = run("import", "json", str(backup), env=env).stdout
    assert "added 0" in again or "nothing" in again
    assert [c["name"] for c in run.json("contact", "list", env=env)] == ["王建国", "李四", "张伟"]
    # bob's half-bad file: nothing of it lands.
    bad = json.loads(backup.read_text(encoding="utf-8"))
    bad["log"].append({**bad["log"][0], "contact_id": 999})
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    run("import", "json", str(broken), env=team.env("bob"), code=2)
    assert run.json("contact", "list", env=team.env("bob")) == []
    # And back out: the rep's part, exported, is a personal store again.
    out = tmp_path / "out.json"
    run("export", "--format", "json", "-o", str(out), env=env)
    home = {"SALESPLAN_DB": str(tmp_path / "home.db")}
    run("import", "json", str(out), env=home)
    assert [c["name"] for c in run.json("contact", "list", env=home)] == ["王建国", "李四", "张伟"]
    assert len(run.json("log", "list", "--date", "2026-11-27", env=home)) == 3


def test_team_list_and_due(run, team):
    members = {m["role"]: m for m in run.json("team", "list", env={"SALESPLAN_DB": team.admin})}
    assert members[team.roles["boss"]]["is_manager"] and members[team.roles["boss"]]["reps"] == 3
    assert members[team.roles["alice"]]["manager"] == team.roles["boss"]
    env = team.env("alice")
    run("contact", "add", "王建国", "--phone", "13800000001", env=env)
    run("log", "call", "王建国", "--next", "2026-11-25", "--at", "2026-11-20 10:00", env=env)
    due = run.json("team", "due", env=team.env("boss"))["reps"]
    alice = next(r for r in due if r["rep"] == team.roles["alice"])
    assert alice["overdue"] == 1 and alice["items"][0]["contact"] == "王建国"
    assert alice["items"][0]["overdue_days"] == 3  # workdays: 11-26, 11-27, 11-30
    assert all(r["overdue"] == 0 for r in due if r["rep"] != team.roles["alice"])


def test_team_report_has_the_team_then_each_rep(run, team, tmp_path):
    run("log", "call", env=team.env("alice"))
    md = tmp_path / "team.md"
    run("team", "report", "-o", str(md), env=team.env("boss"))
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Team week 2026-W49")
    for who in ("alice", "bob", "carol"):
        assert f"\n# {team.roles[who]}\n" in text
    xlsx = tmp_path / "team.xlsx"
    run("team", "report", "-o", str(xlsx), env=team.env("boss"))
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    assert wb.sheetnames[0] == "Team"
    rows = {r[0]: r for r in wb["Team"].iter_rows(values_only=True) if r and r[0]}
    assert rows[team.roles["alice"]][1] == 1


def test_add_rep_refuses_bad_names_and_needs_init(run, team, pg_databases):
    assert (
        "bad rep name"
        in run("team", "add-rep", "Robert'); --", env={"SALESPLAN_DB": team.admin}, code=2).stderr
    )
    name, url = pg_databases.new()
    try:
        assert "team init" in run("team", "list", env={"SALESPLAN_DB": url}, code=2).stderr
    finally:
        pg_databases.drop(name)
    assert pg.admin_url()


def test_team_weeks_are_named_as_people_name_them(run, team):
    tuesday = {"SALESPLAN_NOW": "2026-12-08T09:00"}
    boss = {**team.env("boss"), **tuesday}
    assert run.json("team", "week", "--week", "上周", env=boss)["week"] == "2026-W49"
    assert run.json("team", "week", "--week", "第49周", env=boss)["week"] == "2026-W49"
    assert run.json("team", "week", "--week", "本周", env=boss)["week"] == "2026-W50"
    run("team", "comment", team.roles["alice"], "--week", "上周", "拜访量不错", env=boss)
    alice = {**team.env("alice"), **tuesday}
    comments = run.json("week", "--week", "2026-W49", env=alice)["comments"]
    assert [c["text"] for c in comments] == ["拜访量不错"]
    bad = run("team", "week", "--week", "第99周", env={**boss, "SALESPLAN_LANG": "zh-CN"}, code=2)
    assert bad.stderr.startswith("错误：周 '第99周' 无法识别")


def test_each_reps_report_carries_their_name(run, team):
    alice, bob = team.env("alice"), team.env("bob")
    assert run.json("week", env=alice)["salesperson"] == team.roles["alice"]
    run("config", "set", "name", "张丽", env=alice)
    assert run.json("week", env=alice)["salesperson"] == "张丽"
    assert run.json("week", env=bob)["salesperson"] == team.roles["bob"]
    md = run("week", "--markdown", env={**alice, "SALESPLAN_LANG": "zh-CN"}).stdout
    assert "销售员：张丽" in md.splitlines()[2]
