import json

import pytest


@pytest.fixture
def people(run):
    run(
        "contact",
        "add",
        "王建国",
        "--area",
        "朝阳",
        "--address",
        "建国路88号",
        "--phone",
        "13800138000",
    )


def test_book_list_move_cancel_done(run, people):
    booked = run.json("appt", "add", "王建国", "--at", "tomorrow 2pm", "--travel", "40")
    assert (
        booked["start"],
        booked["minutes"],
        booked["travel"],
        booked["area"],
        booked["location"],
    ) == ("2026-12-01T14:00", 60, 40, "朝阳", "建国路88号")
    run("appt", "add", "--at", "tomorrow 10:00", "--title", "展会", "--area", "国展")
    listed = run.json("appt", "list")
    assert [a["start"] for a in listed] == ["2026-12-01T10:00", "2026-12-01T14:00"]
    assert set(listed[0]) >= {
        "id",
        "contact_id",
        "contact",
        "start",
        "minutes",
        "travel",
        "buffer",
        "area",
        "status",
    }
    moved = run.json("appt", "move", "1", "--at", "wed 9:30")
    assert (moved["id"], moved["start"]) == (1, "2026-12-02T09:30")
    run("appt", "cancel", "2", "--reason", "展会取消")
    statuses = {
        a["id"]: a["status"] for a in run.json("appt", "list", "--from", "today", "--to", "+7d")
    }
    assert statuses == {1: "planned", 2: "cancelled"}
    out = run("appt", "done", "1", "--outcome", "order", "--next", "+3d").stdout
    assert "visit #1 logged" in out and "week 1/20 visits" in out
    assert run("appt", "done", "1", code=2).stderr.startswith("error: appointment #1 is done")
    assert len(run.json("log", "list", "--from", "-7d", "--to", "+7d", "--kind", "visit")) == 1
    # Undoing the visit re-opens the appointment.
    run("log", "undo")
    assert run.json("appt", "list", "--date", "wed")[0]["status"] == "planned"


@pytest.mark.parametrize(
    "args",
    [
        ("appt", "add", "--at", "tomorrow 2pm"),  # no contact, no title
        ("appt", "add", "王建国", "--at", "tomorrow"),  # no time
        ("appt", "add", "王建国", "--at", "tomorrow 2pm", "--minutes", "-5"),
        ("appt", "add", "王建国", "--at", "tomorrow 2pm", "--travel", "-1"),
        ("appt", "add", "nobody", "--at", "tomorrow 2pm"),
        ("appt", "move", "2", "--at", "fri 10:00"),  # cancelled
        ("appt", "move", "99", "--at", "fri 10:00"),
        ("appt", "cancel", "2"),
        ("appt", "list", "--date", "tomorrow", "--from", "today"),
    ],
)
def test_bad_input(run, people, db_path, digest, args):
    run("appt", "add", "王建国", "--at", "tomorrow 9am")
    run("appt", "add", "王建国", "--at", "tomorrow 3pm")
    run("appt", "cancel", "2")
    before = digest(db_path)
    result = run(*args, code=2)
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert digest(db_path) == before


@pytest.mark.parametrize(
    ("lang", "when", "later"),
    [
        ("en", "thu 3pm", "tomorrow 10:00"),
        ("zh-CN", "周四 15:00", "明天上午10点"),
    ],
)
def test_appt_done_at_is_a_past_moment(run, people, db_path, digest, lang, when, later):
    """--at of appt done is the latest such moment not after now (周四 typed on Monday is last
    Thursday), and a moment still to come is refused unless --future, the store untouched."""
    env = {"SALESPLAN_LANG": lang}
    run("appt", "add", "王建国", "--at", "2026-11-26 15:00")  # last Thursday
    run("appt", "add", "王建国", "--at", "2026-12-01 10:00")  # tomorrow
    before = digest(db_path)
    refused = run("appt", "done", "1", "--at", later, code=2, env=env)
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    assert ("--future" in refused.stderr) and (("还没有发生" in refused.stderr) == (lang != "en"))
    assert digest(db_path) == before
    visit = json.loads(run("appt", "done", "1", "--at", when, "--json", env=env).stdout)
    assert (visit["kind"], visit["at"]) == ("visit", "2026-11-26T15:00")
    ahead = json.loads(run("appt", "done", "2", "--at", later, "--future", "--json").stdout)
    assert ahead["at"] == "2026-12-01T10:00"
    assert [a["status"] for a in run.json("appt", "list", "--from", "-7d", "--to", "+7d")] == [
        "done",
        "done",
    ]


@pytest.mark.parametrize(
    ("lang", "workday", "day_off"),
    [
        ("en", "today 0/30 calls · week 1/20 visits", "today 0/— calls · week 2/20 visits"),
        ("zh-CN", "今日 0/30 通 · 本周拜访 1/20", "今日 0/— 通 · 本周拜访 2/20"),
    ],
)
def test_appt_done_on_a_day_off_shows_no_call_target(run, lang, workday, day_off):
    run("contact", "add", "王建国")
    run("appt", "add", "王建国", "--at", "2026-11-30 10:00")
    run("appt", "add", "王建国", "--at", "2026-12-05 10:00")  # a Saturday: the weekend
    monday = {"SALESPLAN_LANG": lang, "SALESPLAN_NOW": "2026-11-30T12:00"}
    assert workday in run("appt", "done", "1", env=monday).stdout
    saturday = {"SALESPLAN_LANG": lang, "SALESPLAN_NOW": "2026-12-05T12:00"}
    assert day_off in run("appt", "done", "2", env=saturday).stdout
