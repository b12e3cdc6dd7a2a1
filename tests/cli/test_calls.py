import pytest

from salesplan.core.calls import Answer, parse_answer
from salesplan.errors import BadInput


@pytest.fixture
def due_today(run):
    run("contact", "add", "王建国", "--status", "intent", "--phone", "13800138000")
    run("contact", "add", "李娜", "--status", "customer")
    # never called: a prospect (the fill offers only people with a number)
    run("contact", "add", "张伟", "--status", "intent", "--phone", "13700000001")
    run("log", "call", "王建国", "--at", "2026-11-26 10:00")  # intent: due 11-29, overdue
    run("log", "call", "李娜", "--at", "2026-10-30 10:00", "--next", "today")  # explicit: today


def test_the_session_walks_the_queue_and_saves_each_answer(run, due_today):
    out = run("calls", input="c fri -- 周五再打\na tomorrow 2pm\nr -- 聊得不错\n").stdout
    assert out.index("王建国") < out.index("李娜") < out.index("张伟")  # overdue, today, prospect
    assert "30 to the target · 2 due, then prospects, customers and cold lists" in out
    assert "[due]  30 to the target" in out and "[prospect]  28 to the target" in out
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
    assert "logged 1 call (0 reached)" in out and "李娜" not in out


def test_a_bad_answer_stops_with_exit_2_after_keeping_what_was_confirmed(run, due_today):
    result = run("calls", input="n\nx\n", code=2)
    assert "unknown answer 'x'" in result.stderr
    assert [e["outcome"] for e in run.json("log", "list")] == ["no-answer"]


def test_nobody_due(run):
    assert "nobody to call" in run("calls").stdout


def test_emails_and_visits_due_are_mentioned_not_called(run, due_today):
    run("contact", "add", "意向不明", "--status", "unclear", "--email", "yb@example.com")
    # Unclear: the emails' cadence counts from the last email, due 11-29 (a Sunday) → Monday.
    run("log", "email", "意向不明", "--at", "2026-11-27 10:00")
    out = run("calls", input="q\n").stdout
    assert "意向不明" not in out.split("logged")[0]
    # The unclear prospect's email is offered in the end's batch, not mentioned again.
    assert "1 email due today to a prospect whose intent is unclear:" in out
    assert "more due today by email or visit" not in out


def _cold_list(tmp_path, n, prefix="展会"):
    rows = "".join(f"{prefix}{i},1360000{i:04d}\n" for i in range(n))
    path = tmp_path / "list.csv"
    path.write_text("name,phone\n" + rows, encoding="utf-8")
    return path


def test_the_session_reaches_the_target_through_prospects_and_a_cold_list(run, due_today, tmp_path):
    run("import", "contacts", str(_cold_list(tmp_path, 40)), "--list", "建材展")
    run("log", "call", "--phone", "13911112222", "-o", "no-answer")  # a cold call: 1 done
    out = run("calls", input="n\n" * 60).stdout
    assert "calls 1/30" in out and "29 to the target" in out
    # 2 due, then the prospects (张伟, and the lead the cold call kept), then the cold list.
    order = [out.index(name) for name in ("王建国", "李娜", "张伟", "展会0", "展会25")]
    assert order == sorted(order)
    assert "[cold list]  1 to the target" in out and "展会26" not in out
    assert "call target reached: 30 calls today" in out
    assert "logged 29 calls (0 reached) · today 30/30 calls" in out
    calls = [e for e in run.json("log", "list") if e["kind"] == "call"]
    assert len(calls) == 30
    # Tomorrow's session: the cold numbers not answered today come round again.
    tomorrow = {"SALESPLAN_NOW": "2026-12-01T08:05"}
    out = run("calls", "--list", "建材展", input="q\n", env=tomorrow).stdout
    assert "30 to the target" in out and "展会0" in out.split("logged")[0]


def test_calls_from_one_cold_list_only(run, due_today, tmp_path):
    run("import", "contacts", str(_cold_list(tmp_path, 3)), "--list", "建材展")
    run("contact", "add", "别的名单", "--phone", "13599990000")
    out = run("calls", "--list", "建材展", input="r\ns\nq\n").stdout
    assert "cold list 建材展" in out and "王建国" not in out and "张伟" not in out
    assert out.index("展会0") < out.index("展会1") < out.index("展会2")
    assert "别的名单" not in out and "logged 1 call (1 reached)" in out
    # Reached: no longer a cold number, but a lead to develop.
    out = run("calls", "--list", "建材展", input="q\n").stdout
    assert "展会0" not in out and "展会1" in out
    run("calls", "--list", " ", code=2)


def test_a_cold_call_keeps_the_number_as_a_lead(run):
    run("log", "call", "--phone", "139 1111 2222", "-o", "no-answer")
    run("log", "call", "--phone", "13911112222", "-o", "callback")
    run("log", "call", "--phone", "13500000000", "-o", "wrong-number")
    people = run.json("contact", "list")
    assert [(c["name"], c["phone"], c["status"]) for c in people] == [
        ("139 1111 2222", "139 1111 2222", "lead")
    ]
    calls = run.json("log", "list")
    assert [c["contact"] for c in calls] == ["139 1111 2222", "139 1111 2222", None]
    run("log", "visit", "--phone", "13911112222", code=2)


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("r", Answer("reached")),
        ("N", Answer("no-answer")),
        ("c fri", Answer("callback", "fri")),
        ("a tomorrow 2pm -- 带样品", Answer("appointment", "tomorrow 2pm", "带样品")),
        ("q", Answer("quit")),
        ("t fri -- 发报价", Answer("todo", "fri", "发报价")),
        ("待办 -- 寄样品", Answer("todo", None, "寄样品")),
    ],
)
def test_parse_answer(line, answer):
    assert parse_answer(line) == answer


@pytest.mark.parametrize("line", ["", "x", "c", "a -- note", "t fri", "t fri -- "])
def test_bad_answers(line):
    with pytest.raises(BadInput):
        parse_answer(line)


@pytest.mark.parametrize(
    ("lang", "refusal"),
    [("en", "error: bad date 'someday'"), ("zh-CN", "错误：日期 'someday' 无法识别")],
)
def test_on_a_terminal_a_bad_date_is_asked_again_before_the_note(
    run, due_today, monkeypatch, lang, refusal
):
    """Keys and answers piped into the terminal session: the callback date is checked as soon
    as it is typed and asked again; the note typed after it is kept."""
    from salesplan.cli import calls

    monkeypatch.setattr(calls, "_on_a_terminal", lambda: True)
    # c, a bad date, a good one, the note; then a, a bad date-time, a good one, no note; q.
    keys = (
        "c"
        + "someday\n"
        + "fri\n"
        + "周五再打\n"
        + "a"
        + "明天下下午\n"
        + "明天下午两点\n"
        + "\n"
        + "q"
    )
    out = run("calls", input=keys, env={"SALESPLAN_LANG": lang}).stdout
    assert out.count(refusal) == 1
    # the note is asked once, after the date was good
    asked = out.index("someday")
    assert out.index(refusal) > asked and "周五再打" not in out[:asked]
    entries = run.json("log", "list")
    assert [(e["contact"], e["outcome"], e["next"], e["note"]) for e in entries] == [
        ("王建国", "callback", "2026-12-04", "周五再打"),
        ("李娜", "appointment", "2026-12-01", None),
    ]
    assert [a["start"] for a in run.json("appt", "list")] == ["2026-12-01T14:00"]
