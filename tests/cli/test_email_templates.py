"""email-template add|list|show|edit|rm|render: the emails of the unclear-intent cadence."""

import sqlite3

import pytest

from salesplan.models import SCHEMA_VERSION
from salesplan.store.db import Store
from tests.store.test_db import NOW


@pytest.fixture
def people(run):
    run("contact", "add", "王建国", "--company", "华远建材", "--status", "unclear",
        "--phone", "13800138000", "--email", "wjg@example.com")  # fmt: skip
    run("contact", "add", "刘洋", "--status", "unclear", "--phone", "13911112222")
    run("project", "add", "望京SOHO幕墙", "--contact", "王建国")


def test_templates_are_added_listed_filled_changed_and_removed(run, people, tmp_path):
    run("email-template", "add", "b-案例", "--subject", "{company}的案例",
        "--body", "{name}您好，\n这是我们做过的{product}。")  # fmt: skip
    body = tmp_path / "intro.txt"
    body.write_text("{name}您好：\r\n\r\n附上{product}的资料。\r\n", encoding="utf-8")
    added = run.json("email-template", "add", "a-介绍", "--subject", "{product}方案",
                     "--body-file", str(body))  # fmt: skip
    assert added == {
        "name": "a-介绍",
        "subject": "{product}方案",
        "body": "{name}您好：\n\n附上{product}的资料。",
        "placeholders": ["name", "product"],
    }
    run("email-template", "add", "c-问候", "--subject", "问候", "--body", "-",
        input="{name}，天冷了注意保暖。\n")  # fmt: skip
    listed = run.json("email-template", "list")
    assert [t["name"] for t in listed] == ["a-介绍", "b-案例", "c-问候"]
    assert listed[2]["body"] == "{name}，天冷了注意保暖。"
    shown = run("email-template", "show", "b-案例").stdout
    assert shown == "Subject: {company}的案例\n\n{name}您好，\n这是我们做过的{product}。\n"
    # {product} is the contact's open project, else their needs.
    filled = run.json("email-template", "render", "a-介绍", "wjg")
    assert filled == {
        "template": "a-介绍",
        "subject": "望京SOHO幕墙方案",
        "body": "王建国您好：\n\n附上望京SOHO幕墙的资料。",
        "missing": [],
        "contact_id": 1,
        "contact": "王建国",
        "email": "wjg@example.com",
    }
    text = run("email-template", "render", "a-介绍", "王建国").stdout
    assert text.splitlines()[:3] == ["To: wjg@example.com", "Subject: 望京SOHO幕墙方案", ""]
    run("contact", "edit", "刘洋", "--needs", "铝单板")
    assert run.json("email-template", "render", "a-介绍", "刘洋")["subject"] == "铝单板方案"
    bare = run("email-template", "render", "b-案例", "刘洋")
    assert "Subject: 的案例" in bare.stdout
    assert "nothing to fill {company} for 刘洋: left empty" in bare.stderr
    run("email-template", "edit", "b-案例", "--subject", "{name}，{company}的案例")
    assert run.json("email-template", "show", "b-案例")["subject"] == "{name}，{company}的案例"
    assert run.json("email-template", "show", "b-案例")["body"].startswith("{name}您好")
    run("email-template", "rm", "c-问候")
    assert [t["name"] for t in run.json("email-template", "list")] == ["a-介绍", "b-案例"]


def test_bad_templates_are_refused_in_one_line_and_nothing_is_written(run, people):
    run("email-template", "add", "介绍", "--subject", "你好", "--body", "{name}您好")
    refused = run("email-template", "add", "报价", "--subject", "{name}", "--body",
                  "价格见{price}", code=2)  # fmt: skip
    assert refused.stderr == (
        "error: unknown placeholder {price} in the template: use {name}, {company}, {product}\n"
    )
    run("email-template", "edit", "介绍", "--body", "{公司}您好", code=2)
    assert run.json("email-template", "show", "介绍")["body"] == "{name}您好"
    run("email-template", "add", "介绍", "--subject", "again", "--body", "x", code=2)
    run("email-template", "add", "报价", "--subject", "x", code=2)  # no body
    run("email-template", "add", "报价", "--subject", "x", "--body", "y",
        "--body-file", "f.txt", code=2)  # fmt: skip
    run("email-template", "add", "报价", "--subject", "x", "--body-file", "nowhere.txt", code=2)
    run("email-template", "add", "  ", "--subject", "x", "--body", "y", code=2)
    run("email-template", "edit", "介绍", code=2)  # nothing to change
    run("email-template", "edit", "没有", "--subject", "x", code=2)
    run("email-template", "render", "没有", "王建国", code=2)
    run("email-template", "render", "介绍", "nobody", code=2)
    run("email-template", "rm", "没有", code=2)
    assert [t["name"] for t in run.json("email-template", "list")] == ["介绍"]


def test_templates_and_the_template_of_an_email_go_through_export_and_import(run, people,
                                                                              tmp_path):  # fmt: skip
    run("email-template", "add", "介绍", "--subject", "{company}", "--body", "第一行\n第二行")
    dump = tmp_path / "all.json"
    run("export", "--format", "json", "-o", str(dump))
    import json

    data = json.loads(dump.read_text(encoding="utf-8"))
    assert data["email_templates"][0]["body"] == "第一行\n第二行"
    other = {"SALESPLAN_DB": str(tmp_path / "other.db")}
    run("import", "json", str(dump), env=other)
    assert run.json("email-template", "show", "介绍", env=other)["body"] == "第一行\n第二行"
    run("import", "json", str(dump), env=other)  # twice: nothing added
    assert len(run.json("email-template", "list", env=other)) == 1


@pytest.mark.sqlite_only
def test_a_version_9_store_gets_email_templates_with_every_row_kept(tmp_path, run):
    path = tmp_path / "v9.db"
    env = {"SALESPLAN_DB": str(path)}
    run("contact", "add", "王建国", env=env)
    run("log", "email", "王建国", "--note", "资料已发", env=env)
    conn = sqlite3.connect(path)
    for statement in (  # what versions 10 to 14 added is not in a version 9 store
        "DROP TABLE email_template",
        "ALTER TABLE activity DROP COLUMN template",
        "DROP TABLE contact_status",
        "DROP TABLE workday_notice",
        "DROP TABLE contact_tier",
        "DROP TABLE contact_point",
        "ALTER TABLE contact DROP COLUMN imported",
        "UPDATE schema_info SET version = 9",
    ):
        conn.execute(statement)
    conn.commit()
    before = conn.execute("SELECT * FROM activity").fetchall()
    conn.close()
    Store(path, NOW).open()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version FROM schema_info").fetchone() == (SCHEMA_VERSION,)
        assert [row[:-1] for row in conn.execute("SELECT * FROM activity")] == before
        assert conn.execute("SELECT template FROM activity").fetchall() == [(None,)]
    finally:
        conn.close()
    run("email-template", "add", "介绍", "--subject", "你好", "--body", "{name}", env=env)
    assert run.json("email-template", "render", "介绍", "王建国", env=env)["body"] == "王建国"
