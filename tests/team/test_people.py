"""People come and go: a departed rep's history keeps their name, as NAME~DATE, and a new
employee given the old role name starts empty."""

from __future__ import annotations

from tests.team.conftest import _add


def test_a_new_employee_with_a_reused_name_starts_empty(run, team):
    bob, boss, admin = team.env("bob"), team.env("boss"), {"SALESPLAN_DB": team.admin}
    name = team.roles["bob"]
    run("contact", "add", "王建国", "--phone", "13600000001", env=bob)
    run("log", "call", "王建国", "-o", "reached", env=bob)
    run("project", "add", "旧单", "--contact", "王建国", "--amount", "5万", env=bob)
    run("project", "won", "1", env=bob)
    run("team", "target", name, "--calls", "12", env=boss)
    run("team", "comment", name, "--week", "本周", "好", env=boss)
    out = run("team", "remove-rep", name, "--to", team.roles["alice"], env=admin).stdout
    departed = f"{name}~2026-11-30"
    assert departed in out
    roster = {r["role"] for r in run.json("team", "list", env=admin)}
    assert departed in roster and name not in roster
    # The name is given to someone new: a fresh password, and nothing of the old bob.
    added = _add(run, team, "bob", "boss")
    assert f"rep {name} added, password" in added
    bob = team.env("bob")
    assert run.json("contact", "list", env=bob) == []
    assert run.json("project", "list", env=bob) == []
    own = run.json("week", env=bob)
    assert own["totals"]["calls"] == 0 and own["comments"] == []
    assert own["targets"]["calls_per_day"] == 30  # the old bob's target went with him
    rows = {r["rep"]: r for r in run.json("team", "week", env=boss)["reps"]}
    assert rows[name]["calls"] == 0 and departed not in rows
    assert run.json("team", "month", env=boss)["total"]["sales"] == 0
    # The manager still reads the old bob's week, under the departed name.
    old = run.json("team", "show", departed, env=boss)
    assert old["totals"]["calls"] == 1
    assert [c["text"] for c in old["comments"]] == ["好"]
    assert [c["name"] for c in run.json("contact", "list", env=team.env("alice"))] == ["王建国"]
    assert (
        "not one of your reps"
        in run("team", "show", departed, env=team.env("alice"), code=2).stderr
    )
