"""Each command family in Chinese: the values a Chinese salesperson reads (confirmations,
errors, lists), not only the absence of English. Rendering does not depend on the engine, so
these run on SQLite alone."""

from __future__ import annotations

import csv

import pytest

pytestmark = pytest.mark.sqlite_only

ZH = {"SALESPLAN_LANG": "zh-CN"}


def zh(run, *args, code=0):
    return run(*args, env=ZH, code=code)


def test_contacts_in_chinese(run):
    zh(run, "contact", "add", "王建国", "--phone", "13800000001")
    out = zh(run, "contact", "edit", "王建国", "--status", "意向").stdout
    assert out == "联系人 #1 王建国 已更新\n"
    assert (
        zh(run, "contact", "flag", "王建国", "credit").stdout
        == "联系人 #1 王建国 已标记为信用不良\n"
    )
    assert zh(run, "contact", "unflag", "王建国", "信用不良").stdout == (
        "联系人 #1 王建国：已去掉信用不良标记\n"
    )
    assert zh(run, "contact", "archive", "王建国").stdout == "联系人 #1 王建国 已归档\n"
    err = zh(run, "contact", "add", "张三", "--phone", "13800000001", code=2).stderr
    assert err == "错误：电话 13800000001 已属于 #1 王建国；请用这个联系人，或加 --force 仍然新建\n"
    assert zh(run, "contact", "show", "999", code=2).stderr == (
        "错误：没有联系人 #999；见 salesplan contact list\n"
    )
    assert zh(run, "contact", "add", "  ", code=2).stderr == "错误：姓名不能为空\n"


def test_appointments_in_chinese(run):
    zh(run, "contact", "add", "王建国")
    assert zh(run, "appt", "add", "王建国", "--at", "明天下午2点").stdout == (
        "约见 #1 王建国，时间 2026-12-01 14:00\n"
    )
    assert zh(run, "appt", "move", "1", "--at", "明天下午3点").stdout == (
        "约见 #1 已改到 2026-12-01 15:00\n"
    )
    assert zh(run, "appt", "cancel", "1").stdout == "约见 #1 已取消\n"
    assert zh(run, "appt", "cancel", "1", code=2).stderr == (
        "错误：约见 #1 已是“已取消”：只有待赴约的约见才能取消\n"
    )
    assert zh(run, "appt", "add", "--at", "明天", code=2).stderr.count("\n") == 1


def test_projects_in_chinese(run):
    zh(run, "contact", "add", "王建国")
    assert zh(run, "project", "add", "望京幕墙", "--contact", "王建国").stdout == (
        "项目 #1 望京幕墙（初步设计），客户 王建国\n"
    )
    assert zh(run, "project", "stage", "1", "深化设计").stdout == "项目 #1 进入深化设计阶段\n"
    assert zh(run, "project", "stage", "1", "深化", code=2).stderr == (
        "错误：项目 #1 已经处于深化设计阶段\n"
    )
    assert zh(run, "project", "date", "1", "delivery", "2026-12-20").stdout == (
        "项目 #1：交付 2026-12-20\n"
    )
    assert zh(run, "project", "won", "1", "--amount", "12万").stdout == "项目 #1 已成交 · 12万\n"
    assert zh(run, "project", "pay", "1", "5000").stdout == (
        "项目 #1 回款 5,000 · 累计已回款 5,000，合同 120,000\n"
    )
    show = zh(run, "project", "show", "1").stdout
    assert "成交（自 2026-11-30 起）" in show and "交付" in show
    assert zh(run, "project", "stage", "1", "验收", code=2).stderr == (
        "错误：项目 #1 已经成交：不能再改动\n"
    )
    assert zh(run, "project", "show", "9", code=2).stderr == (
        "错误：没有项目 #9；见 salesplan project list\n"
    )


def test_records_config_and_workdays_in_chinese(run):
    assert zh(run, "expense", "add", "86.5", "--category", "交通").stdout == (
        "费用 #1 86.50元（交通），2026-11-30\n"
    )
    assert zh(run, "note", "add", "竞品降价", "--kind", "competitor").stdout == (
        "备注 #1（竞争对手），2026-11-30\n"
    )
    assert zh(run, "config", "set", "calls_per_day", "abc", code=2).stderr == (
        "错误：calls_per_day 的值 'abc' 无效：请用正整数\n"
    )
    listing = zh(run, "config", "list").stdout
    assert "每天要打的电话数" in listing and "每周客户拜访数" in listing
    assert (
        zh(run, "workday", "set", "2026-12-05", "上班").stdout == "2026-12-05（周六）现在：上班\n"
    )
    rows = zh(run, "workday", "list").stdout
    assert "2026-10-01   周四   否     法定节假日" in rows
    assert "2026-12-05   周六   是     自定上班" in rows
    assert "2026 年共 249 个工作日（节假日：cn）" in rows


def test_due_and_calls_in_chinese(run):
    zh(run, "contact", "add", "王建国", "--status", "意向")
    zh(run, "log", "call", "王建国", "-o", "接通", "--next", "2026-12-02")
    out = zh(run, "due").stdout
    assert "11月30日 约定 12月2日 跟进；上次电话：今天" in out
    assert "意向客户：每 3 天联系一次；上次电话：今天" in out
    assert out.endswith("截至 2026-12-06 共 2 项到期 · 0 项逾期\n")
    # --json keeps the English reason, for scripts.
    reasons = {i["rule"]: i["reason"] for i in run.json("due", env=ZH)["items"]}
    assert reasons["explicit"] == "promised on 11-30 for 12-02; last call today"


def test_export_headings_in_chinese_import_back(run, tmp_path, monkeypatch):
    zh(run, "contact", "add", "王建国", "--phone", "13800000001", "--company", "华远建材")
    zh(run, "contact", "edit", "王建国", "--tier", "重点", "--interests", "钓鱼")
    target = tmp_path / "客户.csv"
    zh(run, "export", "--format", "csv", "--what", "contacts", "-o", str(target))
    with target.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:5] == ["编号", "姓名", "公司", "电话", "邮箱"]
    assert (rows[0]["姓名"], rows[0]["级别"], rows[0]["兴趣爱好"]) == ("王建国", "key", "钓鱼")
    # English exports keep the keys as headings.
    english = tmp_path / "contacts.csv"
    run("export", "--format", "csv", "--what", "contacts", "-o", str(english))
    assert english.read_text(encoding="utf-8-sig").startswith("id,name,company,phone,email,")
    # The Chinese-headed file imports into an empty store with every field.
    monkeypatch.setenv("SALESPLAN_DB", str(tmp_path / "other.db"))
    assert zh(run, "import", "contacts", str(target)).stdout == ("已新增 1 位联系人 · 0 位已存在\n")
    back = run.json("contact", "show", "1")
    assert (back["name"], back["company"], back["tier"], back["interests"]) == (
        "王建国",
        "华远建材",
        "key",
        "钓鱼",
    )


def test_the_demo_in_chinese_has_chinese_names():
    from datetime import date

    from salesplan.core.demo import generate

    english = generate(today=date(2026, 11, 30), years=1)
    chinese = generate(today=date(2026, 11, 30), years=1, chinese=True)
    latin = [c for c in english.contacts if c["name"].isascii() or c["company"].isascii()]
    assert latin  # the English demo keeps its foreign names
    assert not [
        c
        for c in chinese.contacts
        if any(ch.isascii() and ch.isalpha() for ch in c["name"] + c["company"])
    ]
    # The same history otherwise, seed for seed.
    assert len(chinese.activities) == len(english.activities)
    assert [c["phone"] for c in chinese.contacts] == [c["phone"] for c in english.contacts]
