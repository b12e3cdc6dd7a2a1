"""``team board``: the team's week as one page, every number the one ``team week --json`` gives,
each rep's charts, the last 8 weeks side by side, red flags and the manager's comments."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.html_page import check_self_contained

OVER = {"SALESPLAN_NOW": "2026-12-07T09:00"}  # the week 2026-W49 is over
HOSTILE = "<script>alert(1)</script>"


def _work(run, env, name: str, calls: int, visits: int) -> None:
    run("contact", "add", name, "--phone", f"1390000{calls:04d}", "--tier", "key", env=env)
    for n in range(calls):
        outcome = "reached" if n % 2 else "no-answer"
        run("log", "call", name, "-o", outcome, "--at", "2026-11-30 09:00", "--future", env=env)
    for _ in range(visits):
        run("log", "visit", name, "--at", "2026-11-30 15:00", "--future", env=env)
    run("log", "visit", name, "--at", "2026-11-24 15:00", "--future", env=env)


@pytest.fixture
def worked(run, team):
    _work(run, team.env("alice"), HOSTILE, 31, 4)
    _work(run, team.env("bob"), "李四", 12, 1)
    run("project", "add", "幕墙", "--contact", "李四", "--amount", "120000", env=team.env("bob"))
    run("project", "won", "1", "--amount", "120000", "--date", "2026-12-01", env=team.env("bob"))
    run("project", "pay", "1", "3000.50", "--date", "2026-12-02", env=team.env("bob"))
    run(
        "team",
        "comment",
        team.roles["alice"],
        "--week",
        "2026-W49",
        '拜访量不错 "><img src=x onerror=alert(1)>',
        env=team.env("boss"),
    )
    return team


def _yuan(value) -> str:
    return f"{Decimal(str(value)):,.2f}"


def test_every_number_on_the_board_is_the_team_weeks(run, worked, tmp_path):
    team = worked
    env = {**team.env("boss"), **OVER}
    out = tmp_path / "团队周报.html"
    said = run("team", "board", "--week", "2026-W49", "-o", str(out), env=env).stdout
    assert str(out) in said
    text = out.read_text(encoding="utf-8")
    page = check_self_contained(text)
    data = run.json("team", "week", "--week", "2026-W49", env=env)
    assert len(data["reps"]) == 3
    for row in [*data["reps"], {**data["total"], "rep": "total"}]:
        cells = page.team_rows[row["rep"]]
        assert cells["calls"] == str(row["calls"])
        assert cells["days_call_target_met"] == f"{row['days_call_target_met']}/{row['workdays']}"
        assert cells["visits"] == f"{row['visits']}/{row['visits_target']}"
        for key in ("new_contacts", "followups_missed", "followups_open", "followups_overdue"):
            assert cells[key] == str(row[key]), key
        for key in ("sales", "collections", "expenses"):
            assert cells[key] == _yuan(row[key]), key
    bob = page.team_rows[team.roles["bob"]]
    assert (bob["calls"], bob["sales"], bob["collections"]) == ("12", "120,000.00", "3,000.50")
    assert page.team_rows["total"]["calls"] == "43"
    # Each rep's own charts, with the rep's own numbers; the rep names are on the page.
    for who in ("alice", "bob", "carol"):
        assert page.words.count(team.roles[who]) >= 3  # table, small multiple, section
    assert text.count('data-chart="calls"') == 3 and text.count('class="multiple"') == 3
    # Red flags as team week words them; the manager's comment, as text.
    bob_row = next(r for r in data["reps"] if r["rep"] == team.roles["bob"])
    assert {"calls_target_missed", "visits_target_missed"} <= set(bob_row["flags"])
    assert "calls target missed on 2026-11-30, 2026-12-01" in page.words
    assert "visits 1/20" in page.words
    assert '拜访量不错 "><img src=x onerror=alert(1)>' in page.words
    assert HOSTILE in page.words and HOSTILE not in text
    # Each rep's report below: the eleven sections, three times.
    assert page.words.count("11. Local policy changes · 当地政策变化") == 3


def test_the_board_in_chinese(run, worked, tmp_path):
    env = {**worked.env("boss"), **OVER, "SALESPLAN_LANG": "zh-CN"}
    out = tmp_path / "团队周报.html"
    run("team", "board", "--week", "2026-W49", "-o", str(out), env=env)
    page = check_self_contained(out.read_text(encoding="utf-8"))
    assert page.team_rows[worked.roles["bob"]]["sales"] == "12万元"
    for words in ("团队", "每天电话量与当天目标", "近 8 周电话与拜访", "一、销售量", "经理点评"):
        assert words in page.words


def test_only_a_manager_on_a_team_store_gets_a_board(run, team, tmp_path):
    out = tmp_path / "b.html"
    assert (
        "manage no reps"
        in run("team", "board", "-o", str(out), env=team.env("alice"), code=2).stderr
    )
    bad = run("team", "board", "-o", str(tmp_path / "b.md"), env=team.env("boss"), code=2)
    assert ".html" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_the_board_needs_a_team_store(run, tmp_path):
    assert "team store" in run("team", "board", "-o", str(tmp_path / "b.html"), code=2).stderr


def test_a_reps_own_page_carries_the_managers_comment_as_text(run, worked, tmp_path):
    out = tmp_path / "周报.html"
    run("week", "--html", "--week", "2026-W49", "-o", str(out), env={**worked.env("alice"), **OVER})
    text = out.read_text(encoding="utf-8")
    page = check_self_contained(text)
    assert '拜访量不错 "><img src=x onerror=alert(1)>' in page.words
    assert worked.roles["boss"] in page.words and HOSTILE in page.words
    assert page.tables["calls"][1][1] == "31"
