import pytest

from salesplan.core.calls import Answer, parse_answer
from salesplan.errors import BadInput


@pytest.fixture
def due_today(run):
    run("contact", "add", "王建国", "--status", "intent", "--phone", "13800138000")
    run("contact", "add", "李娜", "--status", "customer")
    run("contact", "add", "张伟", "--status", "intent")  # never called: a prospect
    run("log", "call", "王建国", "--at", "2026-11-26 10:00")  # intent: due 11-29, overdue
    run("log", "call", "李娜", "--at", "2026-10-30 10:00", "--next", "today")  # explicit: today


def test_the_session_walks_the_queue_and_saves_each_answer(run, due_today):
    out = run("calls", input="c fri -- 周五再打\na tomorrow 2pm\nr -- 聊得不错\n").stdout
    assert out.index("王建国") < out.index("李娜") < out.index("张伟")  # overdue, today, prospect
    assert "3 to call (2 due, 1 prospects)" in out
    assert "logged 3 calls (3 reached) · today 3/30 calls" in out
    entries = run.json("log", "list")
    assert [(e["contact"], e["outcome"], e["next"], e["note"]) for e in entries] == [
        ("王建国", "callback", "2026-12-04", "周五再打"),
        ("李娜", "appointment", "2026-12-01", None),
        ("张伟", "reached", None, "聊得不错"),
    ]
    assert [(a["contact"], a["start"]) for a in run.json("appt", "list")] == [
        ("李娜", "2026-12-01T14:00")
    ]
    # Worked through: nothing is due today any more.
    assert list(run.json("due", "--until", "today")["items"]) == []


def test_skip_quit_and_end_of_input(run, due_today):
    out = run("calls", input="s\nq\n").stdout
    assert "logged 0 calls" in out
    assert run.json("log", "list") == []
    out = run("calls", "--limit", "1", input="n\n").stdout
    assert "1 to call" in out and "logged 1 call (0 reached)" in out


def test_a_bad_answer_stops_with_exit_2_after_keeping_what_was_confirmed(run, due_today):
    result = run("calls", input="n\nx\n", code=2)
    assert "unknown answer 'x'" in result.stderr
    assert [e["outcome"] for e in run.json("log", "list")] == ["no-answer"]


def test_nobody_due(run):
    assert "nobody due" in run("calls").stdout


def test_emails_and_visits_due_are_mentioned_not_called(run, due_today):
    run("contact", "add", "意向不明", "--status", "unclear")
    run("log", "call", "意向不明", "--at", "2026-11-27 10:00")  # unclear: an email due 11-29
    out = run("calls", input="q\n").stdout
    assert "意向不明" not in out.split("logged")[0]
    assert "1 more due today by email or visit" in out


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("r", Answer("reached")),
        ("N", Answer("no-answer")),
        ("c fri", Answer("callback", "fri")),
        ("a tomorrow 2pm -- 带样品", Answer("appointment", "tomorrow 2pm", "带样品")),
        ("q", Answer("quit")),
    ],
)
def test_parse_answer(line, answer):
    assert parse_answer(line) == answer


@pytest.mark.parametrize("line", ["", "x", "c", "a -- note"])
def test_bad_answers(line):
    with pytest.raises(BadInput):
        parse_answer(line)
