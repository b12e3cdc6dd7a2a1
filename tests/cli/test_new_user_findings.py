"""What a new user met on a first week: each reproduction as it was met, and what it must do."""

import re

import pytest


def at(moment: str) -> dict[str, str]:
    return {"SALESPLAN_NOW": moment}


def test_an_email_logged_without_an_outcome_was_sent(run):
    run("contact", "add", "徐敏雨", "--email", "xu@example.com")
    entry = run.json("log", "email", "徐敏雨", "--note", "手写邮件")
    assert entry["outcome"] == "sent"
    assert run.json("log", "call", "徐敏雨")["outcome"] == "reached"  # calls keep theirs


def test_only_a_workday_can_be_absent(run):
    result = run("absent", "2026-12-05", code=2)  # a Saturday
    assert result.stderr.count("\n") == 1 and "2026-12-05 is not a workday" in result.stderr
    run("absent", "2026-12-04")  # the Friday is
    run("absent", "2026-12-05", "--undo")  # taking nothing away is no error
    run("config", "set", "attendance_scoring", "on")
    score = run.json("month", "--month", "2026-12", env=at("2026-12-31T20:00"))["score"]
    assert (score["absences"], score["attendance"]) == (1, 96)


def test_days_to_come_are_not_missed(run, tmp_path):
    tuesday = at("2026-12-01T20:00")
    for i in range(30):
        run("log", "call", "--at", f"2026-11-30 09:{i:02d}", env=tuesday)
    run("log", "call", "--at", "2026-12-01 09:00", env=tuesday)
    table = run("week", env=tuesday).stdout
    marks = re.findall(r"/30 (\S)", table)
    assert marks[:2] == ["✓", "·"]  # Monday met; Tuesday not over yet
    assert "✗" not in table
    out = tmp_path / "w.md"
    run("week", "--markdown", "-o", str(out), env=tuesday)
    rows = [line for line in out.read_text().splitlines() if line.startswith("| ")]
    assert "met" in rows[1] and "to come" in rows[2] and "to come" in rows[5]
    assert not any("missed" in r for r in rows[1:8])
    later = run("week", "--week", "2026-W49", env=at("2026-12-08T09:00")).stdout
    assert later.count("✗") == 4  # once the week is over, Tuesday to Friday were missed


def test_calls_from_a_list_that_is_not_there(run, tmp_path):
    result = run("calls", "--list", "不存在", code=2)
    assert "no cold list 不存在: import one first" in result.stderr
    fair = tmp_path / "fair.csv"
    fair.write_text("name,phone\n甲一,13800000001\n")
    run("import", "contacts", str(fair), "--list", "展会")
    result = run("calls", "--list", "不存在", code=2)
    assert result.stderr.strip().endswith("no cold list 不存在: the lists are 展会")


@pytest.mark.parametrize(
    ("moment", "header"),
    [
        ("2026-12-01T09:05", "15 min left in the call block until 09:20"),
        ("2026-12-01T10:00", "next call block 17:00–18:00"),
    ],
)
def test_the_calls_header_names_the_block(run, moment, header):
    run("contact", "add", "王建国", "--phone", "13800138000", "--status", "intent")
    out = run("calls", input="q\n", env=at(moment)).stdout
    assert header in out.splitlines()[0]


def test_an_appointment_in_the_half_day_absent_is_said(run):
    run("contact", "add", "邓浩燕", "--area", "通州")
    run("appt", "add", "邓浩燕", "--at", "2026-12-02 14:00")
    run("appt", "add", "--title", "晨会", "--at", "2026-12-02 10:00")
    run("absent", "2026-12-02", "--half", "--afternoon")
    sheet = run.json("today", "--date", "2026-12-02")
    warnings = [w for w in sheet["warnings"] if w["code"] == "absent"]
    assert [w["message"] for w in warnings] == [
        "14:00 邓浩燕 is booked in the afternoon you are absent: move or cancel it"
    ]
    zh = run("today", "--date", "2026-12-02", env={"SALESPLAN_LANG": "zh-CN"}).stdout
    assert "请假：14:00 邓浩燕 约在你请假的下午：请改期或取消" in zh
    # The evening before, the review says what the warning is, not only how many.
    review = run("review", "--date", "2026-12-01").stdout
    assert "⚠ absent: 14:00 邓浩燕 is booked in the afternoon you are absent" in review


def test_someone_tried_today_is_offered_again_saying_so(run):
    run("contact", "add", "郭建", "--phone", "13289159165", "--status", "intent")
    run("log", "call", "郭建", "--at", "2026-11-26 10:00")  # intent: due again 11-29
    run("log", "call", "郭建", "-o", "no-answer", env=at("2026-11-30T08:01"))
    out = run("calls", input="q\n", env=at("2026-11-30T08:05")).stdout
    assert "tried today 08:01 (no-answer)" in out
    zh = run("calls", input="q\n", env={**at("2026-11-30T08:05"), "SALESPLAN_LANG": "zh-CN"})
    assert "今天 08:01 已打过（未接通）" in zh.stdout
    run("log", "call", "郭建", "-o", "reached", env=at("2026-11-30T08:03"))
    assert "tried today" not in run("calls", input="q\n", env=at("2026-11-30T08:05")).stdout
