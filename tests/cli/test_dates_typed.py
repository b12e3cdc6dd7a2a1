"""What people type for when: back-dated log entries resolve to the past, a future one is
refused unless --future, spoken times, and weeks and months named as people name them."""

from __future__ import annotations

import pytest

SUNDAY_EVENING = {"SALESPLAN_NOW": "2026-12-27T20:00"}
MONDAY_MORNING = {"SALESPLAN_NOW": "2026-12-28T09:00"}


def zh(env: dict[str, str]) -> dict[str, str]:
    return {**env, "SALESPLAN_LANG": "zh-CN"}


@pytest.fixture
def zhao(run):
    run("contact", "add", "赵磊", env=SUNDAY_EVENING)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize(
    ("kind", "typed", "env", "at"),
    [
        ("visit", "12月18日 下午2点", SUNDAY_EVENING, "2026-12-18T14:00"),
        ("call", "周四 15:00", MONDAY_MORNING, "2026-12-24T15:00"),
        ("call", "thu 3pm", MONDAY_MORNING, "2026-12-24T15:00"),
        ("email", "8号 10:00", MONDAY_MORNING, "2026-12-08T10:00"),
        ("meeting", "周一 下午两点", MONDAY_MORNING, "2026-12-21T14:00"),
        ("visit", "昨天下午两点", MONDAY_MORNING, "2026-12-27T14:00"),
    ],
)
def test_back_dated_entries_land_in_the_past(run, zhao, kind, typed, env, at, lang):
    out = run.json("log", kind, "赵磊", "--at", typed, env={**env, "SALESPLAN_LANG": lang})
    assert out["at"] == at
    listed = run.json("log", "list", "--date", at[:10], env=env)
    assert [e["at"] for e in listed] == [at]


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "error: '明天 15:00' is 2026-12-29 15:00, which has not happened yet"),
        ("zh-CN", "错误：'明天 15:00' 是 2026-12-29 15:00，还没有发生"),
    ],
)
def test_a_future_moment_is_refused_unless_future(run, zhao, digest, db_path, lang, message):
    before = digest(db_path)
    env = {**MONDAY_MORNING, "SALESPLAN_LANG": lang}
    result = run("log", "call", "赵磊", "--at", "明天 15:00", code=2, env=env)
    assert result.stderr.startswith(message)
    assert "--future" in result.stderr and result.stderr.count("\n") == 1
    assert digest(db_path) == before
    # later today is the future too
    run("log", "call", "赵磊", "--at", "今晚7点", code=2, env=env)
    run("log", "visit", "赵磊", "--at", "17:00", code=2, env=env)
    out = run.json("log", "call", "赵磊", "--at", "明天 15:00", "--future", env=env)
    assert out["at"] == "2026-12-29T15:00"


def test_log_edit_moves_an_entry_into_the_past_only(run, zhao):
    entry = run.json("log", "call", "赵磊", env=MONDAY_MORNING)
    out = run.json("log", "edit", str(entry["id"]), "--at", "周四 15:00", env=MONDAY_MORNING)
    assert out["at"] == "2026-12-24T15:00"
    run("log", "edit", str(entry["id"]), "--at", "周五 9:00", env=MONDAY_MORNING)
    assert run.json("log", "list", "--date", "2026-12-25", env=MONDAY_MORNING)[0]["id"] == 1
    run("log", "edit", "1", "--at", "明天 9:00", code=2, env=MONDAY_MORNING)
    run("log", "edit", "1", "--at", "明天 9:00", "--future", env=MONDAY_MORNING)


def test_an_expense_on_a_weekday_is_the_one_spent(run):
    out = run.json("expense", "add", "86.5", "--date", "周四", env=MONDAY_MORNING)
    assert out["date"] == "2026-12-24"
    out = run.json("expense", "add", "20", "--date", "12月28日", env=MONDAY_MORNING)
    assert out["date"] == "2026-12-28"


def test_an_absence_is_recorded_as_it_happened_and_booked_ahead_by_its_date(run):
    # A weekday is the latest such day (last Thursday, as the contract says of absences); a
    # full date or tomorrow books one ahead.
    out = run("absent", "周四", env=MONDAY_MORNING).stdout
    assert out.startswith("2026-12-24")
    assert run("absent", "2026-12-31", env=MONDAY_MORNING).stdout.startswith("2026-12-31")
    assert run("absent", "明天", env=MONDAY_MORNING).stdout.startswith("2026-12-29")


@pytest.mark.parametrize(
    ("typed", "at"),
    [
        ("今天下午两点", "2026-12-28T14:00"),
        ("后天上午九点", "2026-12-30T09:00"),
        ("今晚7点", "2026-12-28T19:00"),
        ("明早9点", "2026-12-29T09:00"),
        ("中午12点", "2026-12-28T12:00"),
        ("傍晚6点", "2026-12-28T18:00"),
        ("晚上八点", "2026-12-28T20:00"),
        ("三点半", "2026-12-28T03:30"),
    ],
)
def test_spoken_times_book_appointments(run, zhao, typed, at):
    out = run.json("appt", "add", "赵磊", "--at", typed, env=zh(MONDAY_MORNING))
    assert out["start"] == at


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize(
    ("typed", "week"),
    [
        ("上周", "2026-W52"),
        ("last", "2026-W52"),
        ("本周", "2026-W53"),
        ("第50周", "2026-W50"),
        ("2026年第50周", "2026-W50"),
        ("2026-W50", "2026-W50"),
        ("2026-12-09", "2026-W50"),
    ],
)
def test_week_takes_the_week_as_people_name_it(run, typed, week, lang):
    env = {**MONDAY_MORNING, "SALESPLAN_LANG": lang}
    assert run.json("week", "--week", typed, env=env)["week"] == week


def test_a_week_number_in_january_is_last_december_s(run):
    env = {"SALESPLAN_NOW": "2027-01-05T09:00"}
    assert run.json("week", "--week", "第50周", env=env)["week"] == "2026-W50"
    assert run.json("week", "--week", "上周", env=env)["week"] == "2026-W53"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "error: bad week '第99周': use this, next, last, an ISO week such as 2026-W49"),
        ("zh-CN", "错误：周 '第99周' 无法识别：可以用 本周、上周、下周、第50周"),
    ],
)
def test_a_bad_week_is_one_line(run, lang, message):
    env = {**MONDAY_MORNING, "SALESPLAN_LANG": lang}
    result = run("week", "--week", "第99周", code=2, env=env)
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("上月", "2026-11"),
        ("本月", "2026-12"),
        ("11月", "2026-11"),
        ("2026-11", "2026-11"),
        ("last", "2026-11"),
        ("nov", "2026-11"),
    ],
)
def test_month_takes_the_month_as_people_name_it(run, typed, month, lang):
    env = {**MONDAY_MORNING, "SALESPLAN_LANG": lang}
    assert run.json("month", "--month", typed, env=env)["month"] == month


@pytest.mark.parametrize(("typed", "start"), [("下周", "2027-01-04"), ("第1周", "2027-01-04")])
def test_plan_week_and_due_look_ahead(run, typed, start):
    plan = run.json("plan", "week", "--week", typed, env=MONDAY_MORNING)
    assert plan["start"] == start
    due = run.json("due", "--week", typed, env=MONDAY_MORNING)
    assert due["as_of"] == "2026-12-28"


def test_bad_month_in_chinese(run):
    result = run("month", "--month", "13月", code=2, env=zh(MONDAY_MORNING))
    assert result.stderr.startswith("错误：月份 '13月' 无法识别：可以用 本月、上月")
