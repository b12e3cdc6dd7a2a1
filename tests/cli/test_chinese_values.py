"""Chinese typed wherever a value is typed, in either language; the store keeps English keys."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_day_typed_in_chinese_stores_the_english_keys(run, lang):
    env = {"SALESPLAN_LANG": lang}
    run("contact", "add", "王建国", "--tier", "重点", "--status", "意向", env=env)
    run("log", "call", "王建国", "-o", "未接通", "--next", "下周一", env=env)
    run("appt", "add", "王建国", "--at", "明天下午2点", env=env)
    run("project", "add", "望京幕墙", "--contact", "王建国", "--amount", "85万", env=env)
    run("project", "stage", "1", "深化设计", env=env)
    run("expense", "add", "320", "--category", "交通", env=env)
    run("note", "add", "竞品降价", "--kind", "竞争对手", env=env)
    run("contact", "flag", "王建国", "信用不良", env=env)

    contact = run.json("contact", "list")[0]
    assert (contact["tier"], contact["status"]) == ("key", "intent")
    entry = run.json("log", "list")[0]
    assert (entry["kind"], entry["outcome"], entry["next"]) == ("call", "no-answer", "2026-12-07")
    appt = run.json("appt", "list")[0]
    assert appt["start"] == "2026-12-01T14:00"
    project = run.json("project", "list")[0]
    assert (project["stage"], project["amount"]) == ("detailing", 850000)
    assert run.json("contact", "list", "--flagged")[0]["name"] == "王建国"
    assert [
        c["name"] for c in run.json("contact", "list", "--status", "意向", "--tier", "大客户")
    ] == ["王建国"]


def test_a_csv_in_chinese_words_imports(run, tmp_path):
    sheet = tmp_path / "客户名单.csv"
    sheet.write_text("姓名,电话,级别,状态\n李四,13900000001,重点,老客户\n", encoding="utf-8")
    run("import", "contacts", str(sheet))
    contact = run.json("contact", "list")[0]
    assert (contact["name"], contact["tier"], contact["status"]) == ("李四", "key", "customer")


def test_an_unknown_word_is_refused_in_the_user_s_language(run, db_path):
    result = run("contact", "add", "王", "--tier", "大大", code=2, env={"SALESPLAN_LANG": "zh-CN"})
    assert result.stderr == "错误：未知的级别 '大大'：请用以下之一：重点、普通\n"
    result = run("contact", "add", "王", "--tier", "大大", code=2)
    assert result.stderr == "error: unknown tier '大大': use one of key, normal\n"
