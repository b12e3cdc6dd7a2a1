"""Data moves both ways: a rep's export from the team store into a personal store and back,
merges included, a merged contact pointing to the id its contact got where it landed."""

from __future__ import annotations

import json


def _a_reps_month(run, env) -> None:
    run("contact", "add", "王建国", "--phone", "13600000001", "--tier", "key", env=env)
    run(
        "contact",
        "add",
        "王建国",
        "--company",
        "华远",
        "--phone",
        "13600000001",
        "--force",
        env=env,
    )
    run("contact", "add", "李娜", "--phone", "13600000003", env=env)
    run("contact", "merge", "#" + _ids(run, env)["王建国/"], "华远", env=env)
    run("log", "call", "李娜", "-o", "reached", "--at", "2026-11-27 10:00", env=env)
    run("project", "add", "华远大厦", "--contact", "李娜", "--amount", "85万", env=env)
    run("todo", "add", "报价", "--contact", "李娜", env=env)


def _dump(run, env) -> dict:
    return json.loads(run("export", "--format", "json", env=env).stdout)


def _ids(run, env) -> dict[str, str]:
    return {f"{c['name']}/{c['company'] or ''}": str(c["id"]) for c in _dump(run, env)["contacts"]}


def _merges(run, env) -> list[tuple[str, str]]:
    """Each merged contact and the contact it points to (an archived one marked ~)."""
    contacts = _dump(run, env)["contacts"]
    name = {c["id"]: c["name"] + ("~" if c["archived"] else "") for c in contacts}
    return [(name[c["id"]], name[c["merged_into"]]) for c in contacts if c["merged_into"]]


def _moved(run, env) -> tuple:
    dump = _dump(run, env)
    contact = {c["id"]: c["name"] for c in dump["contacts"]}
    return (
        sorted(c["name"] + ("~" if c["archived"] else "") for c in dump["contacts"]),
        _merges(run, env),
        [(contact[a["contact_id"]], a["outcome"]) for a in dump["log"]],
        [(p["name"], contact[p["contact_id"]], p["amount"]) for p in dump["projects"]],
        [(t["text"], contact[t["contact_id"]]) for t in dump["todos"]],
    )


def test_a_reps_export_moves_to_a_personal_store_and_back_with_its_merges(run, team, tmp_path):
    alice = team.env("alice")
    # Someone else's contacts come first on the server: alice's ids are not 1, 2, 3.
    run("contact", "add", "别人", "--phone", "13700000000", env=team.env("bob"))
    _a_reps_month(run, alice)
    merged = [("王建国~", "王建国")]
    assert _merges(run, alice) == merged
    before = _moved(run, alice)
    # Into a laptop store that already has contacts of its own.
    home = {"SALESPLAN_DB": str(tmp_path / "home.db")}
    run("contact", "add", "张三", "--phone", "13900000009", env=home)
    run("contact", "add", "赵四", "--phone", "13900000008", env=home)
    out = tmp_path / "alice.json"
    out.write_text(run("export", "--format", "json", env=alice).stdout, encoding="utf-8")
    run("import", "json", str(out), env=home)
    at_home = _moved(run, home)
    assert at_home[1] == merged
    assert at_home[2:] == before[2:]
    assert "nothing new" in run("import", "json", str(out), env=home).stdout
    # And back: into carol's part of the team store, which has contacts too.
    carol = team.env("carol")
    run("contact", "add", "钱五", "--phone", "13900000007", env=carol)
    back = tmp_path / "home.json"
    back.write_text(run("export", "--format", "json", env=home).stdout, encoding="utf-8")
    run("import", "json", str(back), env=carol)
    in_team = _moved(run, carol)
    assert in_team[0] == sorted(["钱五", *before[0], "张三", "赵四"])
    assert in_team[1] == merged
    assert in_team[2:] == before[2:]


def test_the_demo_fills_a_reps_own_rows_on_a_team_store(run, team):
    alice = team.env("alice")
    run("demo", "--years", "1", env=alice)
    contacts = run.json("contact", "list", env=alice)
    assert len(contacts) > 50
    assert run.json("contact", "list", env=team.env("bob")) == []
    dump = _dump(run, alice)
    ids = {c["id"] for c in dump["contacts"]}
    assert {a["contact_id"] for a in dump["log"]} - {None} <= ids
    assert {a["contact_id"] for a in dump["appointments"]} - {None} <= ids
    own = run.json("week", env=alice)["totals"]["calls"]
    rows = {r["rep"]: r for r in run.json("team", "week", env=team.env("boss"))["reps"]}
    assert rows[team.roles["alice"]]["calls"] == own
    assert "already holds data" in run("demo", env=alice, code=2).stderr
