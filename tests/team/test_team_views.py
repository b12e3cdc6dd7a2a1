"""The manager's views of one rep's week, the team's month and the open pipeline: each rep's
numbers are those of the rep's own commands."""

from __future__ import annotations

import json


def _some_work(run, env, name: str, projects: list[tuple[str, str, str]]) -> None:
    run("contact", "add", f"{name}的客户", "--phone", "13900000001", env=env)
    run("log", "call", f"{name}的客户", "-o", "reached", "--at", "2026-11-27 10:00", env=env)
    run("log", "visit", f"{name}的客户", "--at", "2026-11-30 15:00", "--future", env=env)
    for title, stage, amount in projects:
        run(
            "project",
            "add",
            title,
            "--contact",
            f"{name}的客户",
            "--stage",
            stage,
            "--amount",
            amount,
            env=env,
        )


def test_show_month_and_pipeline_read_each_rep_as_their_own_commands_do(run, team):
    boss = team.env("boss")
    _some_work(
        run,
        team.env("alice"),
        "alice",
        [("华远大厦", "bidding", "85万"), ("望京SOHO", "design", "120万")],
    )
    _some_work(
        run, team.env("bob"), "bob", [("幕墙", "delivery", "30000"), ("旧单", "bidding", "5万")]
    )
    won = run.json("project", "list", env=team.env("bob"))
    run(
        "project",
        "won",
        str(next(p["id"] for p in won if p["name"] == "旧单")),
        env=team.env("bob"),
    )
    alice = team.roles["alice"]

    for week in ([], ["--week", "上周"]):
        shown = run.json("team", "show", alice, *week, env=boss)
        own = run.json("week", *week, env=team.env("alice"))
        assert shown.pop("rep") == alice
        assert shown == own
    assert run.json("team", "show", alice, env=boss)["totals"]["visits"] == 1
    assert run.json("team", "show", alice, "--week", "上周", env=boss)["totals"]["calls"] == 1
    assert (
        "not one of your reps" in run("team", "show", team.roles["boss"], env=boss, code=2).stderr
    )

    # alice is shown by her display name wherever the team's rows are listed.
    run("team", "add-rep", alice, "--name", "王丽", env={"SALESPLAN_DB": team.admin})
    month = run.json("team", "month", "--month", "2026-11", env=boss)
    assert month["month"] == "2026-11"
    rows = {r.pop("rep"): r for r in month["reps"]}
    names = {rep: row.pop("name") for rep, row in rows.items()}
    assert names[alice] == "王丽" and names[team.roles["bob"]] == team.roles["bob"]
    for who in ("alice", "bob", "carol"):
        assert rows[team.roles[who]] == run.json("month", "--month", "2026-11", env=team.env(who))
    assert f"王丽 ({alice})" in run("team", "month", "--month", "2026-11", env=boss).stdout
    assert (month["total"]["calls"], month["total"]["visits"]) == (2, 2)
    assert month["total"]["sales"] == 50000  # bob's won project, in yuan

    pipeline = run.json("team", "pipeline", env=boss)
    reps = {r["rep"]: r for r in pipeline["reps"]}
    assert reps[alice]["name"] == "王丽"
    assert reps[alice]["stages"]["bidding"] == {"projects": 1, "amount": 850000}
    assert reps[alice]["stages"]["design"] == {"projects": 1, "amount": 1200000}
    assert reps[alice]["amount"] == 2050000
    assert reps[team.roles["bob"]]["projects"] == 1  # the won one is closed
    assert reps[team.roles["carol"]]["projects"] == 0
    assert pipeline["total"]["amount"] == 2080000
    zh = run("team", "pipeline", env={**boss, "SALESPLAN_LANG": "zh-CN"}).stdout
    assert "205万元" in zh and "85万元" in zh and "投标" in zh
    en = run("team", "pipeline", env=boss).stdout
    assert "2,050,000" in en and "bidding" in en and f"王丽 ({alice})" in en
    text = run("team", "month", env={**boss, "SALESPLAN_LANG": "zh-CN"}).stdout
    bob_row = next(line for line in text.splitlines() if team.roles["bob"] in line)
    assert "5万元" in bob_row and "团队月报" in text
    # This month is the month of today (2026-11-30) unless --month says otherwise.
    assert json.loads(run("team", "month", "--json", env=boss).stdout)["month"] == "2026-11"
    assert run.json("team", "month", "--month", "2026-10", env=boss)["total"]["calls"] == 0


def test_looking_at_a_rep_lasts_as_long_as_the_transaction(run, team):
    from datetime import UTC, datetime

    from sqlmodel import select

    from salesplan.models import Contact
    from salesplan.store.db import ServerStore
    from salesplan.store.team import view_as, viewed_rows

    run("contact", "add", "alice的客户", env=team.env("alice"))
    run("contact", "add", "boss的客户", env=team.env("boss"))
    store = ServerStore(team.urls["boss"], datetime(2026, 11, 30, tzinfo=UTC))

    def names(s) -> list[str]:
        return sorted(s.exec(select(Contact.name).where(*viewed_rows(Contact, session=s))).all())

    with store.session() as s:
        view_as(team.roles["alice"], session=s)
        assert names(s) == ["alice的客户"]
        # The server's setting ends with the transaction, and so does the owner condition
        # that says it in the queries: the manager's own rows again, not none.
        s.commit()
        assert names(s) == ["boss的客户"]
