"""The workday calendar at the command line: targets on 调休 days, holidays, own days."""

from __future__ import annotations

import json


def _today(run, now: str, *extra: str, env: dict[str, str] | None = None):
    return run.json("today", *extra, env={"SALESPLAN_NOW": now, **(env or {})})


def test_a_makeup_saturday_expects_thirty_calls_and_national_day_none(run):
    # 2026-10-10 is a Saturday declared a workday; 2026-10-01 is National Day (a Thursday).
    assert _today(run, "2026-10-10T08:00")["calls"]["target"] == 30
    assert _today(run, "2026-10-01T08:00")["calls"]["target"] == 0
    assert _today(run, "2026-10-11T08:00")["calls"]["target"] == 0  # an ordinary Sunday
    # National Day week: Mon 9-28 – Sun 10-04 has Mon–Wed worked → 3 × 20 / 5 = 12 visits.
    assert _today(run, "2026-09-29T08:00")["visits_week"]["target"] == 12
    # The week after: Thu 10-08, Fri 10-09 and Sat 10-10 → 12.
    assert _today(run, "2026-10-08T08:00")["visits_week"]["target"] == 12


def test_holidays_none_is_monday_to_friday(run):
    run("config", "set", "holidays", "none")
    assert _today(run, "2026-10-01T08:00")["calls"]["target"] == 30
    assert _today(run, "2026-10-10T08:00")["calls"]["target"] == 0
    assert run.json("config", "list")["holidays"] == "none"


def test_holidays_default_follows_the_time_zone(run):
    assert run.json("config", "list")["holidays"] == "cn"  # the tests run in Asia/Shanghai
    run("config", "set", "timezone", "Europe/Berlin")
    assert run.json("config", "list")["holidays"] == "none"
    run("config", "set", "timezone", "Asia/Shanghai")
    assert run.json("config", "list")["holidays"] == "cn"


def test_own_days_override_the_calendar(run):
    run("workday", "set", "2026-10-02", "work")
    run("workday", "set", "2026-12-04", "off")
    assert _today(run, "2026-10-02T08:00")["calls"]["target"] == 30
    assert _today(run, "2026-12-04T08:00")["calls"]["target"] == 0
    # Week of 11-30 with Friday off: 4 workdays → 16 visits.
    assert _today(run, "2026-11-30T08:00")["visits_week"]["target"] == 16
    listed = {r["date"]: r for r in run.json("workday", "list")}
    assert listed["2026-12-04"] == {
        "date": "2026-12-04",
        "weekday": "Fri",
        "workday": False,
        "kind": "own-off",
        "source": "own",
    }
    assert listed["2026-10-02"]["kind"] == "own-work"
    assert listed["2026-10-10"]["kind"] == "makeup"
    assert listed["2026-10-01"]["kind"] == "holiday"
    run("workday", "set", "2026-12-04", "clear")
    assert "2026-12-04" not in {r["date"] for r in run.json("workday", "list")}
    assert _today(run, "2026-12-04T08:00")["calls"]["target"] == 30


def test_bad_mark_is_refused_and_changes_nothing(run, db_path, digest):
    run("workday", "set", "2026-12-05", "work")
    before = digest(db_path)
    result = run("workday", "set", "2026-12-06", "maybe", code=2)
    assert "use work, off or clear" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    run("workday", "set", "someday", "off", code=2)
    assert digest(db_path) == before


def test_an_unknown_year_falls_back_with_one_line_on_stderr(run):
    # January of a year the official data does not cover: no crash, the statutory holidays.
    result = run("today", "--json", env={"SALESPLAN_NOW": "2099-01-02T08:00"})  # a Friday
    assert json.loads(result.stdout)["calls"]["target"] == 30
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "2099" in lines[0]
    assert "statutory holidays" in lines[0]
    assert "salesplan workday import" in lines[0]
    new_year = run("today", "--json", env={"SALESPLAN_NOW": "2099-01-01T08:00"})  # Thursday
    assert json.loads(new_year.stdout)["calls"]["target"] == 0
    sat = run("today", "--json", env={"SALESPLAN_NOW": "2099-01-03T08:00"})
    assert json.loads(sat.stdout)["calls"]["target"] == 0
    listed = run("workday", "list", "--year", "2099")
    assert "not yet announced" in listed.stdout
    listed = run("workday", "list", "--year", "2201")
    assert "not yet known" in listed.stdout
