"""``team week``'s key customers untouched: the last real contact up to the week's end (a past
week is a record), one look-up per key customer."""

from __future__ import annotations

OVER = {"SALESPLAN_NOW": "2026-12-07T09:00"}  # the week 2026-W49 is over
BEFORE = {"SALESPLAN_NOW": "2026-10-30T09:00"}  # the customers were there long before it


def test_key_customers_untouched_count_real_contacts_up_to_the_weeks_end(run, team):
    env = {**team.env("alice"), **OVER}
    for name in ("甲", "乙", "丙", "丁"):
        run("contact", "add", name, "--tier", "key", env={**env, **BEFORE})
    run("contact", "add", "戊", env={**env, **BEFORE})  # not a key customer: never flagged
    run("contact", "add", "己", "--tier", "key", env=env)  # added after the week: not then
    run("log", "call", "甲", "-o", "reached", "--at", "2026-11-10 10:00", env=env)
    run("log", "call", "甲", "-o", "reached", "--at", "2026-12-07 08:30", env=env)  # after the week
    run("log", "call", "乙", "-o", "reached", "--at", "2026-11-01 10:00", env=env)
    run("log", "call", "乙", "-o", "no-answer", "--at", "2026-12-01 10:00", env=env)  # not real
    run("log", "visit", "丙", "--at", "2026-12-02 15:00", env=env)
    week = run.json("team", "week", "--week", "2026-W49", env={**team.env("boss"), **OVER})
    row = next(r for r in week["reps"] if r["rep"] == team.roles["alice"])
    assert sorted(row["key_untouched"]) == sorted(["甲", "乙", "丁"])
    assert "key_untouched" in row["flags"]
