"""A rep's display name (``team add-rep ROLE --name 张丽``): role names stay lower-case ASCII,
and the name people read is on every page and report where the rep appears."""

from __future__ import annotations

import pytest

from tests.html_page import check_self_contained

OVER = {"SALESPLAN_NOW": "2026-12-07T09:00"}  # the week 2026-W49 is over
OWN_WORDS = '本周<script>alert("小结")</script>签了华远'


def _admin(team) -> dict[str, str]:
    return {"SALESPLAN_DB": team.admin}


@pytest.fixture
def named(run, team):
    """alice is 张丽 on the roster and wrote her week's 小结; bob has no display name."""
    said = run("team", "add-rep", team.roles["alice"], "--name", "张丽", env=_admin(team)).stdout
    assert f"{team.roles['alice']} is shown as 张丽" in said
    run(
        "week",
        "--summary",
        OWN_WORDS,
        "--date",
        "2026-12-02",
        env={**team.env("alice"), **OVER},
    )
    return team


def test_a_role_name_in_chinese_is_refused_with_the_role_and_name_to_use(run, team):
    before = run.json("team", "list", env=_admin(team))
    bad = run("team", "add-rep", "张丽", "--manager", team.roles["boss"], env=_admin(team), code=2)
    assert bad.stderr.strip().splitlines() == [
        "error: bad rep name '张丽': role names are lower-case ASCII; use e.g. zhangli and "
        "--name 张丽"
    ]
    zh = run("team", "add-rep", "张丽", env={**_admin(team), "SALESPLAN_LANG": "zh-CN"}, code=2)
    assert "zhangli" in zh.stderr and "--name 张丽" in zh.stderr and "角色名" in zh.stderr
    boss = run("team", "add-rep", "zhangli", "--manager", "王强", env=_admin(team), code=2)
    assert "wangqiang" in boss.stderr
    assert run.json("team", "list", env=_admin(team)) == before


def test_the_display_name_is_on_the_roster_and_in_the_team_week(run, named):
    team = named
    alice, bob = team.roles["alice"], team.roles["bob"]
    roster = {r["role"]: r["name"] for r in run.json("team", "list", env=_admin(team))}
    assert roster[alice] == "张丽" and roster[bob] is None
    assert "张丽" in run("team", "list", env=_admin(team)).stdout
    week = run.json("team", "week", "--week", "2026-W49", env={**team.env("boss"), **OVER})
    names = {r["rep"]: r["name"] for r in week["reps"]}
    assert names == {alice: "张丽", bob: bob, team.roles["carol"]: team.roles["carol"]}
    assert all("calls" in r and "flags" in r for r in week["reps"])  # the keys kept
    due = run.json("team", "due", env={**team.env("boss"), **OVER})
    assert {r["rep"]: r["name"] for r in due["reps"]} == names
    assert f"张丽 ({alice})" in run("team", "due", env={**team.env("boss"), **OVER}).stdout
    # The rep's own report is headed with it.
    own = run.json("week", "--week", "2026-W49", env={**team.env("alice"), **OVER})
    assert own["salesperson"] == "张丽"
    assert own["week_summary"][0]["text"] == OWN_WORDS


def test_the_team_report_and_the_reps_markdown_name_the_rep(run, named, tmp_path):
    team = named
    alice = team.roles["alice"]
    out = tmp_path / "team.md"
    run("team", "report", "--week", "2026-W49", "-o", str(out), env={**team.env("boss"), **OVER})
    text = out.read_text(encoding="utf-8")
    assert f"# 张丽 ({alice})" in text and f"| 张丽 ({alice}) |" in text
    assert "Salesperson: 张丽" in text
    md = run("week", "--markdown", "--week", "2026-W49", env={**team.env("alice"), **OVER})
    assert "Salesperson: 张丽" in md.stdout


@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "The week in my words"), ("zh-CN", "本周小结")]
)
def test_the_pages_show_the_name_and_the_reps_own_words_as_text(
    run, named, tmp_path, lang, heading
):
    team = named
    alice = team.roles["alice"]
    board = tmp_path / "团队周报.html"
    env = {**team.env("boss"), **OVER, "SALESPLAN_LANG": lang}
    run("team", "board", "--week", "2026-W49", "-o", str(board), env=env)
    text = board.read_text(encoding="utf-8")
    page = check_self_contained(text)
    assert f"张丽 {alice}" in page.words  # the team table and the rep's heading
    assert page.words.count("张丽") >= 3  # table, small multiple, section
    squeezed = "".join(page.words.split())
    assert "".join(f"{heading}{OWN_WORDS}".split()) in squeezed
    assert "<script>" not in text
    # The rep's own page names them too.
    mine = tmp_path / "周报.html"
    env = {**team.env("alice"), **OVER, "SALESPLAN_LANG": lang}
    run("week", "--html", "--week", "2026-W49", "-o", str(mine), env=env)
    own = check_self_contained(mine.read_text(encoding="utf-8"))
    assert ("销售员：张丽" if lang == "zh-CN" else "Salesperson: 张丽") in own.words
    assert "".join(f"{heading}{OWN_WORDS}".split()) in "".join(own.words.split())


def test_the_name_changes_and_clears_by_adding_the_rep_again(run, named):
    team = named
    alice = team.roles["alice"]
    run("team", "add-rep", alice, "--name", "张丽丽", env=_admin(team))
    week = run.json("team", "week", env=team.env("boss"))
    assert next(r["name"] for r in week["reps"] if r["rep"] == alice) == "张丽丽"
    bad = run("team", "add-rep", alice, "--name", "张\n丽", env=_admin(team), code=2)
    assert "line break" in bad.stderr
    said = run("team", "add-rep", alice, "--name", "", env=_admin(team)).stdout
    assert f"{alice} is shown by the role name" in said
    roster = {r["role"]: r["name"] for r in run.json("team", "list", env=_admin(team))}
    assert roster[alice] is None
    assert run.json("week", env=team.env("alice"))["salesperson"] == alice


def test_a_roster_from_an_older_version_gets_its_names_column_on_the_first_name(run, team):
    from tests.team.conftest import psql

    dropped = psql(team.admin, "ALTER TABLE team_member DROP COLUMN name")
    assert dropped.returncode == 0, dropped.stderr
    alice = team.roles["alice"]
    week = run.json("team", "week", env=team.env("boss"))
    assert {r["name"] for r in week["reps"]} == {r["rep"] for r in week["reps"]}
    assert all(r["name"] is None for r in run.json("team", "list", env=_admin(team)))
    run("team", "add-rep", alice, "--name", "张丽", env=_admin(team))
    week = run.json("team", "week", env=team.env("boss"))
    assert next(r["name"] for r in week["reps"] if r["rep"] == alice) == "张丽"
