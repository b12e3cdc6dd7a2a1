"""The unclear-intent emails through log, due and the calls session: which template each
prospect gets next, the day's emails marked sent in one key, and a to-do in one key."""

import pytest


@pytest.fixture
def prospects(run):
    run("contact", "add", "王建国", "--status", "intent", "--phone", "13800138000")
    run("log", "call", "王建国", "--at", "2026-11-26 10:00")  # intent: due 11-29, overdue
    # Intent unclear, no phone (so never in the calling list): an email every 2 days.
    run("contact", "add", "陈静", "--status", "unclear", "--email", "cj@example.com")
    run("contact", "add", "赵敏", "--status", "unclear")
    for name, subject in (("c-报价", "报价"), ("a-介绍", "介绍"), ("b-案例", "案例")):
        run("email-template", "add", name, "--subject", subject, "--body", "{name}您好")
    run("log", "email", "陈静", "--template", "a-介绍", "--at", "2026-11-27 10:00")
    run("log", "email", "赵敏", "--at", "2026-11-27 10:00")  # sent without a template


def _templates(run):
    return {
        i["contact"]: i.get("template", "-")
        for i in run.json("due", "--until", "+7d")["items"]
        if i["channel"] == "email"
    }


def test_log_email_records_its_template_and_due_suggests_the_next(run, prospects):
    sent = run.json("log", "list", "--from", "2026-11-27", "--kind", "email")
    assert [(e["contact"], e["outcome"], e["template"]) for e in sent] == [
        ("陈静", "sent", "a-介绍"),  # --template: sent unless told otherwise
        ("赵敏", "sent", None),  # an email logged was sent, template or not
    ]
    # Next in name order after the last sent; the first for one never sent a template.
    assert _templates(run) == {"陈静": "b-案例", "赵敏": "a-介绍"}
    run("log", "email", "陈静", "--template", "c-报价", "--at", "2026-11-28 10:00")
    assert _templates(run)["陈静"] == "a-介绍"  # wraps round, never c-报价 twice in a row
    # A later email without a template leaves the rotation where it was.
    run("log", "email", "陈静", "-o", "sent")
    assert _templates(run)["陈静"] == "a-介绍"
    text = run("due", "--until", "+7d").stdout
    assert "intent unclear: an email every 2 days; last email today · template a-介绍" in text
    # Only email items carry the key; the intent call does not.
    items = run.json("due", "--until", "+7d")["items"]
    assert "template" not in next(i for i in items if i["contact"] == "王建国")
    run("log", "call", "陈静", "--template", "a-介绍", code=2)
    run("log", "email", "陈静", "--template", "没有", code=2)
    assert len(run.json("log", "list")) == 1  # today's: only the one above


def test_with_no_templates_the_key_is_there_and_empty(run):
    run("contact", "add", "陈静", "--status", "unclear")
    run("log", "email", "陈静", "--at", "2026-11-27 10:00")
    [item] = run.json("due")["items"]
    assert (item["rule"], item["template"]) == ("unclear-email", None)


def test_the_session_adds_todos_answers_the_call_and_marks_the_emails_sent(run, prospects):
    answers = "t fri -- 发报价\nt -- 寄样品\nc tue -- 再联系\nm\n"  # then nobody left
    out = run("calls", input=answers).stdout
    assert "✓ to-do #1: 发报价 · due 2026-12-04" in out
    assert "✓ to-do #2: 寄样品" in out
    assert "1 email due today to a prospect whose intent is unclear:" in out
    assert "陈静  cj@example.com  → b-案例" in out
    # Nothing can be sent to 赵敏: named apart, and not marked sent.
    assert "1 prospect due an email has no address (赵敏): call instead" in out
    assert "✓ 1 email logged as sent: #5" in out
    todos = run.json("todo", "list")
    assert [(t["id"], t["text"], t["due"], t["contact"]) for t in todos] == [
        (1, "发报价", "2026-12-04", "王建国"),
        (2, "寄样品", None, "王建国"),
    ]
    # The to-dos did not take the turn: the call was answered after them.
    logged = run.json("log", "list")
    assert [(e["id"], e["kind"], e["contact"], e["outcome"], e["next"], e["template"])
            for e in logged] == [
        (4, "call", "王建国", "callback", "2026-12-01", None),
        (5, "email", "陈静", "sent", None, "b-案例"),
    ]  # fmt: skip
    # Sent today: next due in two days, with the next template; 赵敏 still waits for hers.
    assert _templates(run) == {"陈静": "c-报价", "赵敏": "a-介绍"}
    waiting = run.json("due", "--until", "today")["items"]
    assert [i["contact"] for i in waiting if i["channel"] == "email"] == ["赵敏"]


@pytest.mark.parametrize("last_line", ["s\n", "x\n", ""])
def test_anything_but_m_leaves_the_emails(run, prospects, last_line):
    out = run("calls", input="q\n" + last_line).stdout
    assert "emails left as they are" in out or last_line == ""
    assert [e["kind"] for e in run.json("log", "list")] == []
    assert _templates(run) == {"陈静": "b-案例", "赵敏": "a-介绍"}


def test_the_batch_is_offered_when_nobody_is_left_to_call(run, prospects):
    run("log", "call", "王建国", "--at", "2026-11-30 08:00")
    out = run("calls", input="m\n").stdout
    assert "nobody to call" in out and "✓ 1 email logged as sent" in out


def test_a_bad_todo_stops_the_piped_session_with_what_was_kept(run, prospects):
    result = run("calls", input="t fri -- 发报价\nt someday -- 寄样品\n", code=2)
    assert "someday" in result.stderr
    assert [t["text"] for t in run.json("todo", "list")] == ["发报价"]
    assert run.json("log", "list") == []
