"""``workday import``: the State Council's notice read in, the calendar's sources named, and
every command resting on a guessed year saying so once, in the reader's language."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from salesplan import models

NOTICES = Path(__file__).resolve().parents[1] / "fixtures" / "notices"
NOTICE_2026 = str(NOTICES / "2026.txt")
ZH = {"SALESPLAN_LANG": "zh-CN"}
EN = {"SALESPLAN_LANG": "en"}


def _at(now: str, **extra: str) -> dict[str, str]:
    return {"SALESPLAN_NOW": now, **extra}


def test_bid_documents_before_new_year_2027_are_due_on_the_last_workday_of_2026(run):
    """The issue's repro: a bid on Monday 2027-01-04 needs its documents 2 days before; the
    Saturday is off and so is 元旦 (statutory), so they are due Thursday 2026-12-31."""
    now = _at("2026-12-27 21:00", **ZH)
    run("contact", "add", "李娜", env=now)
    run(
        "project",
        "add",
        "X",
        "--contact",
        "李娜",
        "--stage",
        "招投标",
        "--bid-date",
        "2027-01-04",
        env=now,
    )
    due = run("due", "--until", "2027-01-10", "--json", env=now)
    data = json.loads(due.stdout)
    bid = {i["rule"]: i["due"] for i in data["items"]}
    assert bid["bid-docs"] == "2026-12-31"
    assert "2027-01-01" not in {i["due"] for i in data["items"]}
    assert data["calendar"] == {"guessed_years": [2027]}
    lines = due.stderr.strip().splitlines()
    assert lines == [
        "提示：2027 年的调休安排尚未公布：已按法定节假日计算（没有调休上班日）；"
        "国务院通知发布后运行 salesplan workday import 通知.txt"
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["today"],
        ["due", "--until", "2027-01-10"],
        ["week"],
        ["week", "--markdown"],
        ["month"],
        ["plan", "week"],
        ["review"],
        ["progress"],
        ["log", "call", "王建国", "-o", "no-answer"],
    ],
)
def test_every_command_on_a_guessed_year_says_so_once(run, command):
    now = _at("2027-01-04 09:00", **EN)
    run("contact", "add", "王建国", env=now)
    # "Call me back": the follow-up goes to the next workday, a 2027 day to place.
    run("log", "call", "王建国", "-o", "callback", env=now)
    result = run(*command, env=now)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "2027" in lines[0] and "statutory holidays" in lines[0]
    assert "salesplan workday import NOTICE.txt" in lines[0]
    zh = run(*command, env=_at("2027-01-04 09:00", **ZH))
    assert zh.stderr.count("2027 年的调休安排尚未公布") == 1
    assert "salesplan workday import 通知.txt" in zh.stderr


@pytest.mark.parametrize(
    "command", [["today"], ["week"], ["month"], ["progress"], ["due", "--until", "2027-01-10"]]
)
def test_json_on_a_guessed_year_carries_the_calendar_and_no_other_change(run, command):
    run("contact", "add", "王建国")
    run("log", "call", "王建国", "-o", "callback", env=_at("2027-01-04 09:00"))
    guessed = run.json(*command, env=_at("2027-01-04 09:00"))
    assert guessed["calendar"] == {"guessed_years": [2027]}
    # After a notice with the same days off, 2027 is no guess: the key is gone, every other
    # key as it was.
    run("workday", "import", "-", "--year", "2027", input=_STATUTORY_2027)
    known = run.json(*command, env=_at("2027-01-04 09:00"))
    assert "calendar" not in known
    assert known == {k: v for k, v in guessed.items() if k != "calendar"}


# Made for the tests (the 2027 notice is not out yet): weekdays checked against 2027.
_NOTICE_2027 = (
    "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
    "二、春节：2月5日（农历除夕、周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。\n"
    "三、清明节：4月3日（周六）至5日（周一）放假，共3天。\n"
    "四、劳动节：5月1日（周六）至2日（周日）放假，共2天。\n"
    "五、端午节：6月9日（周三）放假，共1天。\n"
    "六、中秋节：9月15日（周三）放假，共1天。\n"
    "七、国庆节：10月1日（周五）至3日（周日）放假，共3天。\n"
)


# The statutory days of 2027 as a notice would give them, with no 调休.
_STATUTORY_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至8日（周一）放假，共4天。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至2日（周日）放假，共2天。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至3日（周日）放假，共3天。
"""


def test_import_shows_what_it_read_and_what_changed_in_both_languages(run):
    shown = run("workday", "import", "-", "--year", "2027", "--dry-run", input=_NOTICE_2027, env=EN)
    out = shown.stdout
    assert "元旦: off 2027-01-01 (Fri) – 2027-01-03 (Sun); make-up workdays none" in out
    assert "春节: off 2027-02-05 (Fri) – 2027-02-11 (Thu); make-up workdays 2027-02-20 (Sat)" in out
    assert "2027-02-09 (Tue) is now a day off" in out
    assert "2027-04-05 (Mon) is now" not in out  # 清明 as the statutory days have it
    assert "dry run: nothing was saved" in out
    assert run.json("workday", "list", "--year", "2027")[0]["source"] == "statutory"
    zh = run("workday", "import", "-", "--year", "2027", input=_NOTICE_2027, env=ZH).stdout
    assert "春节：放假 2027-02-05 (周五) – 2027-02-11 (周四)；调休上班 2027-02-20 (周六)" in zh
    assert "2027 年：" in zh and "此前：法定节假日（推算）" in zh
    assert "已保存为 2027 年的放假通知" in zh
    listed = {r["date"]: r for r in run.json("workday", "list", "--year", "2027")}
    assert listed["2027-02-20"] == {
        "date": "2027-02-20",
        "weekday": "Sat",
        "workday": True,
        "kind": "makeup",
        "source": "notice",
    }
    assert listed["2027-02-10"]["source"] == "notice"
    assert listed["2027-04-05"]["source"] == "notice"  # the year is the notice's, all of it
    # Imported again: nothing changes, and it says so.
    again = run("workday", "import", "-", "--year", "2027", input=_NOTICE_2027, env=EN).stdout
    assert "no day changes" in again


def test_own_days_win_over_the_notice(run):
    run("workday", "import", "-", "--year", "2027", input=_NOTICE_2027)
    run("workday", "set", "2027-02-20", "off")
    listed = {r["date"]: r for r in run.json("workday", "list", "--year", "2027")}
    assert (listed["2027-02-20"]["source"], listed["2027-02-20"]["workday"]) == ("own", False)
    sat = run.json("today", env=_at("2027-02-20 09:00"))
    assert sat["calls"]["target"] == 0


def test_the_2026_notice_on_a_calendar_that_stops_at_2025_gives_248_workdays(run, monkeypatch):
    from salesplan.core import workdays

    monkeypatch.setattr(workdays, "OFFICIAL_UNTIL", 2025)
    before = run("workday", "list", "--year", "2026", env=EN).stdout
    assert "not yet announced" in before
    result = run.json("workday", "import", NOTICE_2026)
    assert result["year"] == 2026 and result["workdays"] == 248
    assert result["replaced"] == "statutory"
    assert {"date": "2026-01-04", "was_workday": False, "workday": True} in result["changed"]
    assert len(result["items"]) == 7
    assert (
        run("workday", "list", "--year", "2026", env=EN)
        .stdout.rstrip()
        .endswith("248 workdays in 2026 (holidays: cn, from the imported notice)")
    )
    assert "calendar" not in run.json("today", env=_at("2026-06-01 09:00"))


@pytest.mark.parametrize(
    ("text", "args", "words"),
    [
        ("这不是通知", [], "no holiday found in the notice"),
        ("一、元旦：1月1日（周五）放假。", [], "does not say its year"),
        ((NOTICES / "2026.txt").read_text(encoding="utf-8"), ["--year", "2027"], "is for 2026"),
        ("一、元旦：1月1日（周四）放假。", ["--year", "2027"], "in 2027 it is not"),
        ("一、元旦：2月30日放假。", ["--year", "2027"], "cannot read the dates of 元旦"),
    ],
)
def test_an_unreadable_notice_is_one_line_and_changes_nothing(
    run, db_path, digest, text, args, words
):
    run("workday", "set", "2027-03-01", "off")
    before = digest(db_path)
    result = run("workday", "import", "-", *args, input=text, code=2, env=EN)
    assert result.stderr.count("\n") == 1 and words in result.stderr
    zh = run("workday", "import", "-", *args, input=text, code=2, env=ZH)
    assert zh.stderr.startswith("错误：") and zh.stderr.count("\n") == 1
    assert digest(db_path) == before


def test_a_missing_file_is_bad_input(run, tmp_path):
    result = run("workday", "import", str(tmp_path / "nope.txt"), code=2)
    assert "cannot read" in result.stderr


def test_a_version_11_store_gets_the_notice_table_with_every_row_kept(run, engine, tmp_path):
    """Schema 12 adds workday_notice: a store of version 11 opens, keeps its own days, and
    takes a notice (on SQLite and on PostgreSQL)."""
    import os

    run("workday", "set", "2027-03-01", "off")
    target = os.environ["SALESPLAN_DB"]
    downgrade = [
        "DROP TABLE workday_notice",
        "DROP TABLE contact_tier",
        "DROP TABLE contact_point",
        "UPDATE schema_info SET version = 11",
    ]
    if engine == "sqlite":
        conn = sqlite3.connect(target)
        for statement in downgrade:
            conn.execute(statement)
        conn.commit()
        conn.close()
    else:
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            for statement in downgrade:
                conn.execute(statement)
    assert run.json("workday", "list", "--year", "2027")[0]["source"] in ("statutory", "own")
    run("workday", "import", "-", "--year", "2027", input=_NOTICE_2027)
    listed = {r["date"]: r["source"] for r in run.json("workday", "list", "--year", "2027")}
    assert listed["2027-03-01"] == "own" and listed["2027-02-20"] == "notice"
    if engine == "sqlite":
        conn = sqlite3.connect(target)
        version = conn.execute("SELECT version FROM schema_info").fetchone()[0]
        conn.close()
    else:
        import psycopg

        with psycopg.connect(target) as conn:
            version = conn.execute("SELECT version FROM schema_info").fetchone()[0]
    assert version == models.SCHEMA_VERSION


def test_workday_list_names_the_years_source_in_both_languages(run):
    en = run("workday", "list", "--year", "2027", env=EN)
    assert en.stdout.rstrip().endswith(
        "254 workdays in 2027 (holidays: cn, not yet announced: statutory holidays only)"
    )
    assert "statutory (guess)" in en.stdout
    zh = run("workday", "list", "--year", "2027", env=ZH)
    assert "法定节假日（推算）" in zh.stdout
    assert zh.stdout.rstrip().endswith("尚未公布：仅按法定节假日）")
    assert "2027 年的调休安排尚未公布" in zh.stderr
    official = run("workday", "list", "--year", "2026", env=ZH)
    assert "官方安排" in official.stdout and official.stderr == ""
    assert official.stdout.rstrip().endswith("2026 年共 248 个工作日（节假日：cn）")


@pytest.mark.parametrize(
    ("env", "said"),
    [
        (
            {},
            "the notice names no 劳动、端午、中秋、国庆: a year's notice names all seven festivals",
        ),
        (ZH, "通知里没有 劳动、端午、中秋、国庆"),
    ],
)
def test_a_half_pasted_notice_is_refused_before_it_makes_festivals_workdays(run, env, said):
    half = "".join(_STATUTORY_2027.splitlines(keepends=True)[:4])  # 元旦, 春节, 清明
    err = run("workday", "import", "-", input=half, code=2, env=env).stderr
    assert said in err and err.count("\n") == 1
    # Nothing taken: 国庆 2027 is still a statutory holiday.
    listed = {r["date"]: r for r in run.json("workday", "list", "--year", "2027")}
    assert listed["2027-10-01"]["source"] == "statutory"
    assert listed["2027-10-01"]["workday"] is False
