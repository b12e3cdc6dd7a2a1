"""The weekly and monthly reports as a manager reads them: every count with its lines, each
day against its own target, to-dos late in workdays as of the report's end, a month from the
first day used, the salesperson's name and the week's own words, a Chinese spreadsheet in
Chinese, and an evening review by person."""

from __future__ import annotations

import pytest

ZH = {"SALESPLAN_LANG": "zh-CN"}
EN = {"SALESPLAN_LANG": "en"}
NEXT_MONDAY = "2026-12-07T09:00"


def _calls(run, day: str, n: int, who: str = "") -> None:
    for i in range(n):
        run("log", "call", who, "--at", f"{day} 09:{i % 60:02d}", "-o", "no-answer", "--future")


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


@pytest.fixture
def many_due(run):
    """25 prospects with intent, each reached on Friday 12-04: 25 follow-ups fall due next week,
    and one of them has an appointment booked and a to-do."""
    for i in range(25):
        run("contact", "add", f"客户{i:02d}", "--status", "intent", "--area", "望京")
        run("log", "call", f"客户{i:02d}", "--at", "2026-12-04 10:00", "-o", "reached", "--future")
    run("appt", "add", "客户00", "--at", "2026-12-08 10:00", "--area", "朝阳")
    run("todo", "add", "送样品", "--due", "2026-12-09", "--contact", "客户01")


@pytest.mark.parametrize("env", [ZH, EN])
def test_every_count_has_its_lines(run, many_due, env, tmp_path):
    zh = env is ZH
    env = {**env, "SALESPLAN_NOW": "2026-12-06T20:00"}
    data = run.json("week", "--date", "2026-12-04", env=env)
    nxt = data["next_week"]
    assert nxt["followups_due"] == 25 == len(nxt["followups"])
    md = run("week", "--markdown", "--date", "2026-12-04", env=env).stdout.splitlines()
    head = "到期跟进：25 项" if zh else "Follow-ups falling due: 25"
    at = md.index(head)
    lines = [line for line in md[at + 2 :] if line.startswith("- ")]
    assert len([line for line in lines if "客户" in line and "送样品" not in line]) == 25
    out = tmp_path / "r.xlsx"
    run("week", "--date", "2026-12-04", "-o", str(out), env=env)
    from openpyxl import load_workbook

    cells = [c.value for c in load_workbook(out)["周报" if zh else "Report"]["A"] if c.value]
    at = cells.index(head)
    assert len([c for c in cells[at + 1 :] if str(c).count("客户") and "送样品" not in c]) == 25


def test_spreadsheet_has_no_english_in_chinese(run, many_due, tmp_path):
    """Every cell of the .xlsx in zh-CN: no word of English but the data typed by the user and
    the ISO dates and week labels."""
    import re

    from openpyxl import load_workbook

    run("contact", "add", "王建国", "--tier", "key", "--status", "customer")
    run("log", "visit", "王建国", "--at", "2026-12-03 14:00", "-o", "consultation", "--future")
    run("note", "add", "竞品降价", "--kind", "competitor", "--date", "2026-12-03")
    run("expense", "add", "86.5", "--category", "travel", "--date", "2026-12-03")
    out = tmp_path / "r.xlsx"
    run("week", "--date", "2026-12-04", "-o", str(out), env={**ZH, "SALESPLAN_NOW": NEXT_MONDAY})
    english = []
    for sheet in load_workbook(out):
        for row in sheet.iter_rows():
            for cell in row:
                text = str(cell.value or "")
                text = re.sub(r"\d{4}-W\d{2}", "", text)  # the week's label is data
                if re.search(r"[A-Za-z]{2,}", text):
                    english.append((sheet.title, cell.coordinate, text))
    assert english == []


@pytest.mark.parametrize("env", [ZH, EN])
def test_todos_late_in_workdays_as_of_the_reports_end(run, env):
    zh = env is ZH
    run(
        "todo",
        "add",
        "周五交方案",
        "--due",
        "2026-12-04",
        env={"SALESPLAN_NOW": "2026-12-01T09:00"},
    )
    monday = {**env, "SALESPLAN_NOW": NEXT_MONDAY}
    [todo] = run.json("week", "--week", "2026-W49", env=monday)["next_week"]["todos"]
    assert todo["overdue_days"] == 0  # due on the report's Friday: not late at its end
    md = run("week", "--week", "2026-W49", "--markdown", env=monday).stdout
    line = next(x for x in md.splitlines() if "周五交方案" in x)
    assert ("逾期" not in line and "12月4日" in line) if zh else ("overdue" not in line)
    # Due the day before 国庆 (2026-10-01 to 10-07 off): one workday late on 10-08, not eight.
    run("todo", "add", "节前报价", "--due", "2026-09-30", env={"SALESPLAN_NOW": "2026-09-28T09:00"})
    after = {**env, "SALESPLAN_NOW": "2026-10-08T09:00"}
    late = {t["text"]: t["overdue_days"] for t in run.json("todo", "list", env=after)}
    assert late["节前报价"] == 1
    assert {t["text"]: t["overdue_days"] for t in run.json("due", env=after)["todos"]}[
        "节前报价"
    ] == 1
    assert {t["text"]: t["overdue_days"] for t in run.json("today", env=after)["todos"]}[
        "节前报价"
    ] == 1
    shown = run("today", env=after).stdout
    assert ("逾期1天" if zh else "1d overdue") in shown and "8" not in shown.split("节前报价")[1][
        :12
    ]


@pytest.mark.parametrize("env", [ZH, EN])
def test_a_first_month_starts_on_the_first_day_used(run, env):
    zh = env is ZH
    first = {"SALESPLAN_NOW": "2026-12-02T08:00"}
    run("config", "set", "attendance_scoring", "on", env=first)
    run("contact", "add", "王建国", env=first)
    for day in ("2026-12-02", "2026-12-03", "2026-12-04"):
        _calls(run, day, 30)
    monday = {**env, "SALESPLAN_NOW": NEXT_MONDAY}
    data = run.json("month", env=monday)
    assert data["counted_from"] == "2026-12-02"
    assert data["went_wrong"]["days_missed"] == []  # 12-01 was before the first use
    assert (data["score"]["daily_work"], data["score"]["score"]) == (100.0, 100.0)
    shown = run("month", env=monday).stdout
    assert ("12月2日" if zh else "2026-12-02") in shown
    assert ("首次使用" if zh else "first day used") in shown
    md = run("month", "--markdown", env=monday).stdout
    assert ("首次使用" if zh else "first day used") in md
    # A month wholly after the first use counts from its first day.
    assert (
        run.json("month", "--month", "2027-01", env={"SALESPLAN_NOW": "2027-01-05T09:00"})[
            "counted_from"
        ]
        == "2027-01-01"
    )


@pytest.mark.parametrize("env", [ZH, EN])
def test_the_report_names_the_salesperson_and_keeps_the_weeks_own_words(run, env, tmp_path):
    from openpyxl import load_workbook

    zh = env is ZH
    friday = {**env, "SALESPLAN_NOW": "2026-12-04T17:00"}
    run("config", "set", "name", "张丽", env=friday)
    _calls(run, "2026-12-04", 3)
    run("week", "--summary", "本周签下望京项目，下周跟进三家意向客户。", env=friday)
    run("week", "--summary", "本周签下望京项目，下周跟进三家意向客户。", env=friday)  # kept once
    run("note", "add", "朝阳区客户普遍观望", "--kind", "summary", env=friday)
    words = ["本周签下望京项目，下周跟进三家意向客户。", "朝阳区客户普遍观望"]
    who = "销售员：张丽" if zh else "Salesperson: 张丽"
    heading = "本周小结" if zh else "The week in my words"
    data = run.json("week", env=friday)
    assert data["salesperson"] == "张丽"
    assert [w["text"] for w in data["week_summary"]] == words
    md = run("week", "--markdown", env=friday).stdout.splitlines()
    assert md[2] == who and md[4] == f"## {heading}"
    assert md[6] == words[0] and md[8] == words[1]
    term = run("week", env=friday).stdout
    assert who in term and heading in term and words[1] in term
    out = tmp_path / "r.xlsx"
    run("week", "-o", str(out), env=friday)
    book = load_workbook(out)
    assert who in book.worksheets[0]["A1"].value
    column = [c.value for c in book.worksheets[1]["A"]]
    assert column[:3] == [heading, *words]
    # A record: later, the same week's report is the same.
    later = {**env, "SALESPLAN_NOW": "2026-12-20T09:00"}
    again = run.json("week", "--week", "2026-W49", env=later)
    assert [w["text"] for w in again["week_summary"]] == words
    assert run.json("week", env=later)["week_summary"] == []
    # A bad name is refused in the reader's language, the store untouched.
    bad = run("config", "set", "name", "张" * 41, code=2, env=friday)
    assert ("最多 40 个字" if zh else "at most 40 characters") in bad.stderr
    assert run.json("week", env=friday)["salesperson"] == "张丽"


def test_without_a_name_the_report_names_no_one(run):
    data = run.json("week")
    assert data["salesperson"] is None
    assert not any(
        line.startswith("Salesperson") for line in run("week", "--markdown").stdout.splitlines()
    )


@pytest.mark.parametrize("env", [ZH, EN])
def test_review_names_people_by_contact_id_once_each(run, env):
    zh = env is ZH
    evening = {**env, "SALESPLAN_NOW": "2026-12-02T19:00"}
    for name in ("王建国", "李娜", "孙海涛"):
        run("contact", "add", name, env=evening)
    run(
        "log",
        "call",
        "王建国",
        "--at",
        "2026-12-02 09:00",
        "-o",
        "reached",
        "--next",
        "2026-12-09",
        env=evening,
    )
    run("log", "call", "孙海涛", "--at", "2026-12-02 09:10", "-o", "no-answer", env=evening)
    run("log", "call", "孙海涛", "--at", "2026-12-02 11:10", "-o", "no-answer", env=evening)
    run("log", "visit", "孙海涛", "--at", "2026-12-02 15:00", "-o", "consultation", env=evening)
    data = run.json("review", env=evening)
    assert data["loose_ends"] == [{"contact_id": 3, "contact": "孙海涛", "entries": [2, 3, 4]}]
    out = run("review", env=evening).stdout
    lines = [line for line in out.splitlines() if "孙海涛" in line and "log edit" in line]
    if zh:
        assert lines == [
            "  孙海涛（#3）：电话 未接通 ×2、拜访 咨询 → salesplan log edit 4 --next 下周一"
        ]
    else:
        assert lines == [
            "  孙海涛 (#3): call no-answer ×2, visit consultation → salesplan log edit 4 --next DATE"
        ]
    assert "#2 孙海涛" not in out
