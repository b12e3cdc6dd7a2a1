"""The weekly report's facts as a manager reads them (issue: a report signed unedited): a
consultation is not a sale, existing customers are not new, a promise stands until its day,
a call delivers no documents, and "touched" means reached. Each case as it was met."""

from __future__ import annotations

import json


def at(moment: str) -> dict[str, str]:
    return {"SALESPLAN_NOW": moment}


ZH = {"SALESPLAN_LANG": "zh-CN"}


def test_a_consultation_is_followed_up_as_a_consultation_not_a_sale(run):
    monday = at("2026-11-30T10:00")
    run("contact", "add", "郑洁", "--phone", "13600000011", env=monday)
    run("log", "visit", "郑洁", "-o", "咨询", env=monday)
    later = at("2026-12-03T09:00")
    (item,) = [i for i in run.json("due", env=later)["items"] if i["rule"] == "after-sales-1"]
    assert item["reason"] == "first follow-up call, 3–7 days after the consultation of 2026-11-30"
    zh = run("due", env={**later, **ZH}).stdout
    assert "咨询" in zh and "成交" not in zh and "售后" not in zh
    # An order is a sale, and says so.
    run("contact", "add", "冯强", "--phone", "13600000012", env=monday)
    run("log", "call", "冯强", "-o", "成交", env=monday)
    reasons = {i["contact"]: i["reason"] for i in run.json("due", env=later)["items"]}
    assert "after the sale of 2026-11-30" in reasons["冯强"]


def test_new_customers_are_first_reached_in_the_week_and_not_entered_as_customers(run, tmp_path):
    before = at("2026-11-27T10:00")
    run("contact", "add", "老王", "--status", "客户", env=before)
    run("contact", "add", "流失李", "--status", "流失", env=before)
    run("contact", "add", "新张", "--status", "线索", env=before)
    run("contact", "add", "去年赵", env=before)
    run("log", "call", "去年赵", env=before)  # reached before the week
    sheet = tmp_path / "crm.csv"
    sheet.write_text(
        "name,phone,status\n旧客户甲,13900000001,customer\n新线索乙,13900000002,lead\n"
    )
    run("import", "contacts", str(sheet), env=before)
    week = at("2026-12-04T18:00")
    for who in ("老王", "流失李", "新张", "去年赵", "旧客户甲", "新线索乙"):
        run("log", "call", who, "--at", "2026-12-01 10:00", env=week)
    # A bare number from a cold call, never reached, is nobody yet; once reached it is new.
    run(
        "log",
        "call",
        "--phone",
        "13700000001",
        "-o",
        "未接通",
        "--at",
        "2026-12-02 10:00",
        env=week,
    )
    run("log", "call", "--phone", "13700000002", "--at", "2026-12-02 11:00", env=week)
    # Only unanswered calls: not reached, not new.
    run("contact", "add", "未接周", env=before)
    run("log", "call", "未接周", "-o", "未接通", "--at", "2026-12-02 12:00", env=week)
    report = run.json("week", env=week)
    names = [c["name"] for c in report["sections"]["new_customers"]]
    assert names == ["新张", "新线索乙", "13700000002"]
    assert report["totals"]["new_contacts"] == 3
    md = run("week", "--markdown", env={**week, **ZH}).stdout
    part = md.split("新客户", 1)[1]
    assert "老王" not in part and "旧客户甲" not in part and "流失李" not in part


def test_a_promise_for_a_day_is_not_kept_by_an_earlier_call(run):
    thursday = at("2026-12-10T10:00")
    run("contact", "add", "赵磊", "--phone", "13600000021", env=thursday)
    appt = run.json("appt", "add", "赵磊", "--at", "2026-12-10 09:00", env=thursday)["id"]
    run("appt", "done", str(appt), "--next", "2026-12-18", env=thursday)
    afternoon = at("2026-12-10T15:00")
    run("log", "call", "赵磊", "-o", "接通", env=afternoon)
    items = run.json("due", "--until", "2026-12-31", env=afternoon)["items"]
    (promise,) = [i for i in items if i["rule"] == "explicit"]
    assert promise["due"] == "2026-12-18"
    assert promise["reason"] == "promised on 12-10 for 12-18; the call of 12-10 came before it"
    zh = run("due", "--until", "2026-12-31", env={**afternoon, **ZH}).stdout
    assert "12月18日" in zh and "12月10日" in zh
    # A call on Thursday 12-17, the workday before, keeps it.
    run("log", "call", "赵磊", "-o", "接通", env=at("2026-12-17T10:00"))
    later = run.json("due", "--until", "2026-12-31", env=at("2026-12-17T11:00"))["items"]
    assert [i for i in later if i["rule"] == "explicit"] == []


def test_a_call_does_not_deliver_the_bid_documents(run):
    monday = at("2026-11-30T09:00")
    run("contact", "add", "李娜", "--phone", "13600000031", env=monday)
    run(
        "project",
        "add",
        "幕墙",
        "--contact",
        "李娜",
        "--stage",
        "招投标",
        "--bid-date",
        "2026-12-04",
        env=monday,
    )
    wednesday = at("2026-12-02T10:00")
    run("log", "call", "李娜", "-o", "接通", "--note", "邀请参加客户答谢日", env=wednesday)
    rules = [i["rule"] for i in run.json("due", env=wednesday)["items"]]
    assert "bid-docs" in rules
    run("log", "visit", "李娜", "--note", "送达商务文件", env=at("2026-12-02T14:00"))
    rules = [i["rule"] for i in run.json("due", env=at("2026-12-02T15:00"))["items"]]
    assert "bid-docs" not in rules


def test_a_key_customer_with_only_unanswered_calls_is_not_touched(run):
    monday = at("2026-11-30T09:00")
    run("contact", "add", "大客户钱", "--tier", "重点", "--status", "客户", env=monday)
    run("contact", "add", "大客户孙", "--tier", "重点", "--status", "客户", env=monday)
    run("log", "call", "大客户钱", "-o", "未接通", env=monday)
    run("log", "call", "大客户钱", "-o", "占线", env=at("2026-11-30T10:00"))
    run("log", "email", "大客户孙", env=monday)
    key = run.json("week", env=at("2026-12-04T18:00"))["sections"]["key_customers"]
    assert [k["name"] for k in key["touched"]] == ["大客户孙"]
    assert [k["name"] for k in key["not_touched"]] == ["大客户钱"]


def test_a_past_week_reads_statuses_as_they_stood_at_its_end(run):
    monday = at("2026-11-30T09:00")
    run("contact", "add", "周意向", "--status", "意向", env=monday)
    run("log", "call", "周意向", env=monday)
    before = run.json("week", "--week", "2026-W49", env=at("2026-12-04T18:00"))
    develop = before["sections"]["to_develop"]
    assert [(d["name"], d["status"]) for d in develop] == [("周意向", "intent")]
    run("contact", "edit", "周意向", "--status", "客户", env=at("2026-12-08T09:00"))
    after = run.json("week", "--week", "2026-W49", env=at("2026-12-08T10:00"))
    assert after["sections"] == before["sections"]


def test_a_past_week_reads_tiers_as_they_stood_at_its_end(run):
    """contact edit --tier after a week leaves that week's report exactly as it was: its key
    customers, the untouched ones and the key-customer follow-ups are read as of its end."""
    before_week = at("2026-11-16T09:00")
    run("contact", "add", "大客户钱", "--tier", "重点", "--status", "客户", env=before_week)
    run("contact", "add", "普通孙", "--status", "意向", env=before_week)
    run("contact", "add", "大客户周", "--tier", "key", env=before_week)
    run("log", "call", "大客户周", env=at("2026-12-01T10:00"))
    run("log", "call", "普通孙", env=at("2026-12-02T10:00"))
    later = at("2026-12-09T10:00")
    args = ("week", "--week", "2026-W49", "--json")
    before = run(*args, env=later).stdout
    key = json.loads(before)["sections"]["key_customers"]
    assert [k["name"] for k in key["touched"]] == ["大客户周"]
    assert [k["name"] for k in key["not_touched"]] == ["大客户钱"]
    run("contact", "edit", "大客户钱", "--tier", "普通", env=later)
    run("contact", "edit", "普通孙", "--tier", "重点", env=later)
    run("contact", "edit", "大客户周", "--tier", "normal", env=later)
    assert run(*args, env=later).stdout == before
    # Today's week reads the tiers as they are now.
    now = run.json("week", env=later)["sections"]["key_customers"]
    assert [k["name"] for k in now["touched"] + now["not_touched"]] == ["普通孙"]
    for lang in ({}, ZH):
        md = ("week", "--week", "2026-W49", "--markdown")
        assert "大客户钱" in run(*md, env={**later, **lang}).stdout


def _sql(engine: str, statements: list[str]) -> list[tuple]:
    """Run statements on the test's store (either engine); the last one's rows."""
    import os
    import sqlite3

    target = os.environ["SALESPLAN_DB"]
    rows: list[tuple] = []
    if engine == "sqlite":
        conn = sqlite3.connect(target)
        for statement in statements:
            rows = conn.execute(statement).fetchall()
        conn.commit()
        conn.close()
        return rows
    import psycopg

    with psycopg.connect(target, autocommit=True) as pg_conn:
        for statement in statements:
            cursor = pg_conn.execute(statement)
            rows = cursor.fetchall() if cursor.description else []
    return rows


def test_a_version_12_store_gets_each_contacts_tier_from_when_it_was_added(run, engine):
    """Schema 13 adds contact_tier: a store of version 12 opens with one row per contact, its
    tier at the moment it was added, so an edit afterwards leaves past weeks as they were."""
    from salesplan import models

    before_week = at("2026-11-16T09:00")
    run("contact", "add", "大客户钱", "--tier", "key", env=before_week)
    run("contact", "add", "普通孙", env=at("2026-11-17T09:00"))
    _sql(
        engine,
        [
            "DROP TABLE contact_point",
            "DROP TABLE contact_tier",
            "UPDATE schema_info SET version = 12",
        ],
    )
    later = at("2026-12-09T10:00")
    args = ("week", "--week", "2026-W49", "--json")
    before = run(*args, env=later).stdout  # the first command upgrades
    rows = _sql(
        engine,
        [
            "SELECT c.name, t.tier, t.at = c.created_at FROM contact_tier t "
            "JOIN contact c ON c.id = t.contact_id ORDER BY t.id"
        ],
    )
    assert [(name, tier, bool(same)) for name, tier, same in rows] == [
        ("大客户钱", "key", True),
        ("普通孙", "normal", True),
    ]
    assert _sql(engine, ["SELECT version FROM schema_info"]) == [(models.SCHEMA_VERSION,)]
    run("contact", "edit", "大客户钱", "--tier", "normal", env=later)
    assert run(*args, env=later).stdout == before
    assert json.loads(before)["sections"]["key_customers"]["not_touched"][0]["name"] == "大客户钱"


def test_a_version_12_store_has_its_promises_derived_again_by_todays_rule(run, engine):
    """A store written before a promise was kept until its day holds the promise a same-day
    call cleared (and a last contact by the old rule): schema 13 derives every contact's
    cadence columns again, so due shows the 12-18 promise without waiting for a new entry."""
    thursday = at("2026-12-10T09:00")
    run("contact", "add", "孙海涛", "--phone", "13600000021", env=thursday)
    run("log", "call", "孙海涛", "--next", "2026-12-18", env=thursday)
    run("log", "call", "孙海涛", "-o", "已接通", env=at("2026-12-10T15:00"))
    derived = "SELECT promise_at IS NOT NULL, next_date, last_kind FROM contact"
    expected = _sql(engine, [derived])
    assert [(bool(made), str(day), kind) for made, day, kind in expected] == [
        (True, "2026-12-18", "call")
    ]
    # As the old rules left it: the promise cleared by the afternoon's call, no last contact.
    _sql(
        engine,
        [
            "UPDATE contact SET promise_at = NULL, next_date = NULL, last_contact_at = NULL, "
            "last_kind = NULL",
            "DROP TABLE contact_point",
            "DROP TABLE contact_tier",
            "UPDATE schema_info SET version = 12",
        ],
    )
    items = run.json("due", "--until", "2026-12-18", env=at("2026-12-11T09:00"))["items"]
    assert [(i["rule"], i["due"]) for i in items] == [("explicit", "2026-12-18")]
    assert _sql(engine, [derived]) == expected
