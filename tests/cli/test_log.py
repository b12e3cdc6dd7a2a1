import pytest


@pytest.fixture
def people(run):
    run(
        "contact", "add", "王建国", "--phone", "13800138000", "--area", "朝阳", "--status", "intent"
    )
    run("contact", "add", "李娜", "--phone", "13911112222", "--area", "望京")


def test_log_call_prints_progress(run, people):
    out = run("log", "call", "王建国", "--outcome", "no-answer").stdout.strip()
    assert out == "call #1 → 王建国 (no-answer) · today 1/30 calls · week 0/20 visits"
    out = run("log", "call").stdout.strip()
    assert out == "call #2 → (cold) (reached) · today 2/30 calls · week 0/20 visits"


def test_thirty_calls_five_visits_with_an_undo(run, people):
    for i in range(12):
        run(
            "log",
            "call",
            "王建国" if i % 2 else "13911112222",
            "-o",
            "no-answer" if i % 3 else "reached",
        )
    for i in range(10):
        run("log", "call", "--new", f"新客户{i}", "--phone", f"1370000{i:04d}", "--area", "朝阳")
    for _ in range(8):
        run("log", "call")  # cold calls still count
    run("log", "call", "李娜", "--outcome", "busy")  # a wrong one …
    assert "removed call #31 → 李娜 (busy)" in run("log", "undo").stdout
    for _ in range(3):
        run("log", "visit", "王建国")
    run("log", "visit", "--new", "门店老板")
    run("log", "visit")
    last = run("log", "email", "李娜").stdout
    assert "today 30/30 calls · week 5/20 visits" in last
    progress = run.json("progress")
    assert progress["calls"] == {"done": 30, "reached": 22, "target": 30}
    assert progress["visits_week"] == {"done": 5, "target": 20, "customers": 2}
    assert progress["new_contacts_week"]["done"] == 13
    entries = run.json("log", "list")
    assert len(entries) == 36
    assert set(entries[0]) >= {
        "id",
        "kind",
        "at",
        "contact_id",
        "contact",
        "outcome",
        "note",
        "next",
    }
    assert sum(1 for e in entries if e["kind"] == "call" and e["contact"] is None) == 8


def test_next_date_and_last_contact_follow_the_log_and_undo_restores_them(run, people):
    run("log", "call", "王建国", "--next", "fri", "--at", "yesterday 17:30")
    shown = run.json("contact", "show", "王建国")
    assert (shown["next"], shown["last_contact"]) == ("2026-12-04", "2026-11-29T17:30")
    # A call on Monday is earlier than the workday before Friday: the promise stands.
    run("log", "call", "王建国", "--outcome", "reached")
    shown = run.json("contact", "show", "王建国")
    assert (shown["next"], shown["last_contact"]) == ("2026-12-04", "2026-11-30T08:05")
    assert [
        i["due"] for i in run.json("due", "--until", "fri")["items"] if i["rule"] == "explicit"
    ] == ["2026-12-04"]
    run("log", "undo")
    shown = run.json("contact", "show", "王建国")
    assert (shown["next"], shown["last_contact"]) == ("2026-12-04", "2026-11-29T17:30")
    # A back-dated entry does not move the last contact backwards.
    run("log", "call", "王建国", "--at", "2026-11-01 10:00")
    assert run.json("contact", "show", "王建国")["last_contact"] == "2026-11-29T17:30"


def test_list_ranges_kinds_and_contact(run, people):
    run("log", "call", "王建国", "--at", "2026-11-27 10:00")
    run("log", "visit", "王建国", "--at", "2026-11-28 15:00")
    run("log", "call", "李娜")
    assert len(run.json("log", "list")) == 1
    assert [e["at"] for e in run.json("log", "list", "--from", "2026-11-27")] == [
        "2026-11-27T10:00",
        "2026-11-28T15:00",
        "2026-11-30T08:05",
    ]
    assert len(run.json("log", "list", "--from", "-7d", "--kind", "visit")) == 1
    assert len(run.json("log", "list", "--from", "-7d", "--contact", "王建国")) == 2
    assert run.json("log", "list", "--date", "2026-11-28")[0]["kind"] == "visit"


def test_edit_and_rm(run, people):
    run("log", "call", "王建国", "-o", "no-answer")
    edited = run.json(
        "log", "edit", "1", "--outcome", "reached", "--note", "约了周五", "--next", "fri"
    )
    assert (edited["outcome"], edited["note"], edited["next"]) == (
        "reached",
        "约了周五",
        "2026-12-04",
    )
    assert run.json("contact", "show", "王建国")["next"] == "2026-12-04"
    assert run("log", "rm", "1").stdout.strip() == "removed call #1"
    assert run.json("contact", "show", "王建国")["last_contact"] is None


def test_undo_on_an_empty_log_is_refused(run):
    assert run("log", "undo", code=2).stderr == "error: nothing to undo: the log is empty\n"


@pytest.mark.parametrize(
    "args",
    [
        ("log", "call", "nobody"),
        ("log", "call", "王建国", "--outcome", "maybe"),
        ("log", "call", "王建国", "--at", "yesterday at noon"),
        ("log", "call", "王建国", "--next", "someday"),
        ("log", "call", "王建国", "--minutes", "-5"),
        ("log", "call", "王建国", "--new", "x"),
        ("log", "visit", "--phone", "13800000000"),  # a bare number keeps only cold calls
        ("log", "call", "--phone", "not a number"),
        ("log", "call", "王建国", "--phone", "13800000000"),
        ("log", "rm", "99"),
        ("log", "edit", "99", "--note", "x"),
        ("log", "list", "--from", "fri", "--to", "mon"),
        ("log", "call", "--new", "重复", "--phone", "13800138000"),
    ],
)
def test_bad_input(run, people, db_path, digest, args):
    run("log", "call", "王建国")
    before = digest(db_path)
    result = run(*args, code=2)
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert digest(db_path) == before


def test_the_machine_zone_is_read_per_invocation_beside_the_clock(run):
    """08:05 in Shanghai is 19:05 the evening before in New York: the CLI passes $TZ in."""
    run("log", "call", "--outcome", "no-answer", env={"TZ": "Asia/Shanghai"})
    shown = run.json("log", "list", "--date", "2026-11-29", env={"TZ": "America/New_York"})
    assert [(e["kind"], e["at"]) for e in shown] == [("call", "2026-11-29T19:05")]
    assert run.json("log", "list", env={"TZ": "Asia/Shanghai"})[0]["at"] == "2026-11-30T08:05"
