import json

import pytest


@pytest.fixture
def week_of_work(run):
    run("contact", "add", "王建国", "--area", "朝阳", "--tier", "key", "--status", "customer")
    run("contact", "add", "李娜", "--area", "望京", "--status", "intent")
    run("contact", "add", "坏账户", "--area", "通州")
    run("contact", "flag", "坏账户", "credit", "--note", "逾期三个月")
    for day, calls in (("2026-11-30", 31), ("2026-12-01", 12), ("2026-12-02", 30)):
        for i in range(calls):
            run(
                "log",
                "call",
                "王建国" if i % 5 == 0 else "",
                "--at",
                f"{day} 09:{i % 60:02d}",
                "-o",
                "reached" if i % 2 else "no-answer",
            )
        run("log", "visit", "李娜", "--at", f"{day} 14:00", "--note", "现场测量")
    run("project", "add", "幕墙", "--contact", "王建国")
    run("project", "won", "1", "--amount", "120000.10")
    run("project", "pay", "1", "0.10")
    run("project", "pay", "1", "0.20")
    run("expense", "add", "86.50", "--category", "travel")
    run("expense", "add", "320", "--category", "meal", "--contact", "王建国")
    run("note", "add", "竞品降价10%", "--kind", "competitor")
    run("note", "add", "朝阳区周三限行", "--kind", "policy")


def test_week_json(run, week_of_work):
    data = run.json("week", "--date", "2026-12-02")
    assert (data["week"], data["start"], data["end"]) == ("2026-W49", "2026-11-30", "2026-12-06")
    assert [(d["date"], d["calls"], d["visits"]) for d in data["days"][:3]] == [
        ("2026-11-30", 31, 1),
        ("2026-12-01", 12, 1),
        ("2026-12-02", 30, 1),
    ]
    assert data["days"][0]["reached"] == 15
    assert data["totals"]["calls"] == 73 and data["totals"]["visits"] == 3
    assert data["totals"]["call_days_met"] == 2
    assert data["targets"] == {
        "calls_per_day": 30,
        "visits_per_week": 20,
        "new_contacts_per_week": 5,
        "workdays": 5,
    }
    assert data["totals"]["collections"] == 0.3
    assert data["sections"]["sales_volume"]["total"] == 120000.1
    assert data["sections"]["expenses"]["travel"] == 86.5
    assert [c["name"] for c in data["sections"]["abnormal_customers"]] == ["坏账户"]
    assert data["sections"]["competitors"][0]["text"] == "竞品降价10%"
    assert data["sections"]["promotions"] == []
    assert data == run.json("week", "--week", "2026-W49")


def test_week_markdown_has_every_section(run, week_of_work, tmp_path):
    target = tmp_path / "week.md"
    run("week", "--markdown", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    for heading in (
        "### 1. Sales volume",
        "### 2. Collections",
        "### 3. Customer visits",
        "### 4. Sales expenses",
        "### 5. Advertising and promotions",
        "### 6. Key customers",
        "### 7. New customers",
        "### 8. Abnormal or poor-credit customers",
        "### 9. Customers to develop",
        "### 10. Competitors' moves",
        "### 11. Local policy changes",
        "## Next week's plan",
    ):
        assert heading in text
    assert "| Tue 2026-12-01 | 12 |" in text and "missed" in text
    assert "### 5. Advertising and promotions · 广告促销效果\n\n_none recorded_" in text
    assert "- Travel: 86.5" in text
    assert "坏账户: credit — 逾期三个月" in text


def test_week_xlsx_reads_back(run, week_of_work, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "week.xlsx"
    run("week", "-o", str(target))
    wb = load_workbook(target)
    days = list(wb["Activity"].iter_rows(min_row=3, max_row=9, values_only=True))
    assert days[0][:4] == ("2026-11-30", 31, 15, 1)
    report = [r[0] for r in wb["Report"].iter_rows(values_only=True)]
    assert "10. Competitors' moves · 竞争对手动态" in report
    assert "2026-11-30 竞品降价10%" in report


def test_week_terminal_marks_short_days(run, week_of_work):
    out = run("week").stdout
    assert "12/30 ✗" in out and "31/30 ✓" in out
    assert "Sat 12-05" in out and " 0/30 ·" in out  # a weekend not worked is not a missed day
    assert "0.30" in out  # collections, exact


def test_sunday_weeks(run, week_of_work):
    run("config", "set", "week_start", "sunday")
    data = run.json("week", "--date", "2026-12-02")
    assert (data["week"], data["start"], data["end"]) == ("2026-W49", "2026-11-29", "2026-12-05")


def test_week_output_must_be_md_or_xlsx(run, tmp_path):
    assert run("week", "-o", str(tmp_path / "w.pdf"), code=2).stderr.count("\n") == 1


def test_month_and_review(run, week_of_work):
    month = run.json("month", "--month", "2026-12")
    assert month["totals"]["calls"] == 42 and len(month["weeks"]) == 5
    run("config", "set", "attendance_scoring", "on")
    run("absent", "2026-12-01", "--half")
    month = json.loads(run("month", "--month", "2026-11", "--json").stdout)
    assert month["score"]["attendance"] == 100
    review = run.json("review", "--date", "2026-12-01")
    assert sum(len(v) for v in review["by_outcome"].values()) == 13
    assert review["tomorrow"]["date"] == "2026-12-02"
