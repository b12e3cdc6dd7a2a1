"""The team's calendar: the manager's imported notice applies to every rep, a rep's own days
on top; a rep cannot change the team's notice."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_workday_import import _NOTICE_2027

NOTICE = Path(__file__).resolve().parents[1] / "fixtures" / "notices" / "2026.txt"
# The 2026 notice read as 2027's would fail its weekday check; a 2027 notice of our own,
# with its title.
NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知\n" + _NOTICE_2027


def test_the_managers_notice_is_every_reps_calendar(run, team, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    env = {"SALESPLAN_NOW": "2027-02-19T09:00"}
    # Before: 2027 is a guess for everyone.
    before = run.json("today", env={**team.env("bob"), **env})
    assert before["calendar"] == {"guessed_years": [2027]}
    run("workday", "import", str(notice), env=team.env("boss"))
    bob = run.json("workday", "list", "--year", "2027", env=team.env("bob"))
    assert {r["date"]: r["source"] for r in bob}["2027-02-20"] == "notice"
    assert [r["date"] for r in bob if r["kind"] == "makeup"] == ["2027-02-20"]
    # Saturday 2027-02-20 is a make-up workday for bob, and no year is a guess any more.
    sat = run.json("today", env={**team.env("bob"), "SALESPLAN_NOW": "2027-02-20T09:00"})
    assert sat["calls"]["target"] == 30
    assert "calendar" not in sat
    # A rep's own day wins over the team's notice, for that rep alone.
    run("workday", "set", "2027-02-20", "off", env=team.env("bob"))
    assert (
        run.json("today", env={**team.env("bob"), "SALESPLAN_NOW": "2027-02-20T09:00"})["calls"][
            "target"
        ]
        == 0
    )
    assert (
        run.json("today", env={**team.env("alice"), "SALESPLAN_NOW": "2027-02-20T09:00"})["calls"][
            "target"
        ]
        == 30
    )


def test_a_rep_cannot_change_the_teams_notice(run, team, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    refused = run("workday", "import", str(notice), code=2, env=team.env("alice"))
    assert refused.stderr.count("\n") == 1
    assert "manager imports the holiday notice" in refused.stderr
    # A dry run reads and shows; nothing is written, so a rep may look.
    shown = run("workday", "import", str(notice), "--dry-run", env=team.env("alice"))
    assert "2027-02-20" in shown.stdout
    # The administrator (the tables' owner) may import too.
    run("workday", "import", str(NOTICE), env={"SALESPLAN_DB": team.admin})
    alice = run.json("workday", "list", "--year", "2026", env=team.env("alice"))
    assert {r["source"] for r in alice} == {"notice"}


def test_each_reps_own_days_count_in_the_team_week(run, team):
    # A rep's own day off is theirs alone, in the manager's view too: each rep read in turn
    # gets their own calendar, not the one read for the rep before.
    run("workday", "set", "2026-12-02", "off", env=team.env("alice"))
    week = run.json("team", "week", "--json", env=team.env("boss"))
    assert {r["rep"]: r["workdays"] for r in week["reps"]} == {
        team.roles["alice"]: 4,
        team.roles["bob"]: 5,
        team.roles["carol"]: 5,
    }
