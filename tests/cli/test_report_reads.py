"""The weekly and monthly reports as a manager reads them: every count with its lines, each
day against its own target, to-dos late in workdays as of the report's end, a month from the
first day used, the salesperson's name and the week's own words, a Chinese spreadsheet in
Chinese, and an evening review by person."""

from __future__ import annotations

import json

import pytest

ZH = {"SALESPLAN_LANG": "zh-CN"}
EN = {"SALESPLAN_LANG": "en"}
NEXT_MONDAY = "2026-12-07T09:00"


def _calls(run, day: str, n: int, who: str = "") -> None:
    for i in range(n):
        run("log", "call", who, "--at", f"{day} 09:{i % 60:02d}", "-o", "no-answer")


@pytest.fixture
def odd_days(run):
    """Week 2026-W49: 30 calls Monday, a half day absent Tuesday afternoon with 15 calls,
    nothing Wednesday to Friday, 3 calls on Saturday (a day off)."""
    _calls(run, "2026-11-30", 30)
    run("absent", "2026-12-01", "--half", "--afternoon")
    _calls(run, "2026-12-01", 15)
    _calls(run, "2026-12-05", 3)


@pytest.mark.parametrize("env", [ZH, EN])
def test_each_day_against_its_own_target(run, odd_days, env):
    zh = env is ZH
    env = {**env, "SALESPLAN_NOW": NEXT_MONDAY}
    data = run.json("week", "--date", "2026-12-01", env=env)
    days = {d["date"]: d for d in data["days"]}
    assert (days["2026-12-01"]["call_target"], days["2026-12-01"]["calls_target_met"]) == (15, True)
    assert (days["2026-12-05"]["call_target"], days["2026-12-05"]["calls_target_met"]) == (0, False)
    assert data["totals"]["call_days_met"] == 2
    md = run("week", "--markdown", "--date", "2026-12-01", env=env).stdout
    rows = {line.split("|")[1].strip(): line for line in md.splitlines() if line.startswith("| ")}
    saturday = next(v for k, v in rows.items() if "12-05" in k or "12月5日" in k)
    tuesday = next(v for k, v in rows.items() if "12-01" in k or "12月1日" in k)
    assert saturday.rstrip().endswith("| — |"), saturday
    met = "达标" if zh else "met"
    assert tuesday.rstrip().endswith(f"| {met} 15/15 |"), tuesday
    term = run("week", "--date", "2026-12-01", env=env).stdout
    assert "15/15 ✓" in term and "15/30" not in term
    assert "3/30" not in term and "3 —" in term
