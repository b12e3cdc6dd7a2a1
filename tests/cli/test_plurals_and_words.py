"""English counts in the right number, and the status word help and calls use (prospect)."""

from __future__ import annotations

import pytest

ZH = {"SALESPLAN_LANG": "zh-CN"}


@pytest.fixture
def one_of_each(run):
    run("contact", "add", "王建国", "--status", "intent", "--phone", "13800138000")
    run("appt", "add", "王建国", "--at", "tomorrow 10:00")
    run("log", "visit", "王建国")


def test_one_appointment_tomorrow_is_one_appointment(run, one_of_each):
    out = run("review").stdout
    assert "tomorrow 2026-12-01: 1 appointment, " in out
    assert "1 appointments" not in out
    zh = run("review", env=ZH).stdout
    assert "明天 12月1日：1 个约见，" in zh


def test_two_appointments_are_appointments(run, one_of_each):
    run("appt", "add", "王建国", "--at", "tomorrow 15:00")
    assert "tomorrow 2026-12-01: 2 appointments, " in run("review").stdout


def test_one_customer_visited(run, one_of_each):
    out = run("progress").stdout
    assert "1 customer · 1 today" in out and "1 customers" not in out
    assert "客户 1 位 · 今天 1 次" in run("progress", env=ZH).stdout


@pytest.mark.parametrize("typed", ["prospect", "Prospect", "lead", "线索", "潜在客户"])
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_prospect_is_the_status_lead(run, typed, lang):
    env = {"SALESPLAN_LANG": lang}
    out = run.json("contact", "add", "刘洋", "--status", typed, env=env)
    assert out["status"] == "lead"
    listed = run.json("contact", "list", "--status", typed, env=env)
    assert [c["name"] for c in listed] == ["刘洋"]


def test_an_unknown_status_still_lists_the_keys(run):
    err = run("contact", "add", "刘洋", "--status", "suspect", code=2).stderr
    assert "use one of lead, intent, unclear, customer, lost" in err
