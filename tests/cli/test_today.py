from datetime import timedelta

import pytest


@pytest.fixture
def tomorrow_booked(run):
    run(
        "contact",
        "add",
        "王建国",
        "--area",
        "朝阳",
        "--company",
        "华远建材",
        "--phone",
        "13800138000",
    )
    run("contact", "add", "李娜", "--area", "望京", "--status", "intent")
    run("contact", "add", "张伟", "--area", "望京")
    run("appt", "add", "李娜", "--at", "tomorrow 10:00")
    run("appt", "add", "张伟", "--at", "tomorrow 11:40")
    run("appt", "add", "王建国", "--at", "tomorrow 14:00", "--title", "方案讲解")
    for _ in range(5):
        run("log", "call")


def test_today_json_follows_the_contract(run, tomorrow_booked):
    day = run.json("today", "--date", "tomorrow")
    assert day["date"] == "2026-12-01"
    assert set(day) >= {"date", "slots", "warnings", "calls", "visits_week", "due"}
    assert day["calls"] == {"done": 0, "target": 30}  # tomorrow's calls, not today's
    assert day["visits_week"] == {"done": 0, "target": 20}
    starts = [s["start"] for s in day["slots"]]
    assert starts == sorted(starts)
    appts = [s for s in day["slots"] if s["kind"] == "appointment"]
    assert [(a["start"], a["end"], a["leave_by"], a["area"]) for a in appts] == [
        ("10:00", "11:00", "09:00", "望京"),
        ("11:40", "12:40", "11:00", "望京"),  # same area: 10 min travel
        ("14:00", "15:00", "13:00", "朝阳"),
    ]
    for slot in day["slots"]:
        assert set(slot) >= {"start", "end", "kind", "label", "appointment_id", "area"}
        assert slot["kind"] in ("block", "appointment", "travel", "buffer")
    assert [(w["code"], w["appointment_ids"]) for w in day["warnings"]] == [("displaced", [1])]
    field = [s for s in day["slots"] if s.get("block") == "field"]
    assert field[0]["label"].endswith("prospect near 望京 · 朝阳")
    calls = [s for s in day["slots"] if s.get("pace")]
    assert calls[0]["start"] == "17:00" and calls[0]["pace"]["to_go"] == 30


def test_today_counts_calls_already_logged(run, tomorrow_booked):
    day = run.json("today")
    assert day["calls"]["done"] == 5
    paced = [s for s in day["slots"] if s.get("pace")]
    assert paced[0]["start"] == "09:00" and paced[0]["pace"]["to_go"] == 25


def test_due_items_listed_in_today(run, tomorrow_booked):
    run("log", "call", "王建国", "--next", "today", "--at", "yesterday 10:00")
    day = run.json("today")
    assert [(i["contact"], i["rule"]) for i in day["due"]] == [("王建国", "explicit")]
    out = run("today").stdout
    assert "☎ 王建国" in out
    assert out.index("☎ 王建国") > out.index("09:00–09:20")


def test_terminal_view(run, tomorrow_booked):
    out = run("today", "--date", "tomorrow").stdout
    assert "leave by 09:00" in out and "leave by 13:00" in out
    assert "warnings" in out and "displaced" in out
    assert "prospect near 望京 · 朝阳" in out
    assert "30 to go" in out


def test_a_day_off_says_so_and_what_the_next_workday_holds(run):
    assert run("today", "--date", "sat").stdout == (
        "2026-12-05 is a day off (the weekend): no calls expected.\n"
        "Next workday Mon 2026-12-07: no appointments booked; 0 follow-ups due (0 overdue).\n"
    )


def test_an_empty_day_still_counts_the_follow_ups_waiting(run):
    run("contact", "add", "王建国", "--status", "intent")
    run("log", "call", "王建国", "--at", "2026-11-20 10:00", "--next", "2026-12-01")
    run("contact", "add", "李娜")
    run("log", "call", "李娜", "--at", "2026-11-20 10:00", "--next", "2026-12-05")
    # As of that Saturday: 王's intent cadence and his 12-01 call are overdue, 李's is due;
    # by Monday all three are overdue.
    assert run("today", "--date", "sat").stdout == (
        "2026-12-05 is a day off (the weekend): no calls expected.\n"
        "3 follow-ups due (2 overdue): salesplan due\n"
        "Next workday Mon 2026-12-07: no appointments booked; 3 follow-ups due (3 overdue).\n"
    )


def test_ics_has_an_alarm_at_leave_by(run, tomorrow_booked, tmp_path):
    from icalendar import Calendar

    target = tmp_path / "day.ics"
    run("today", "--date", "tomorrow", "--ics", str(target))
    cal = Calendar.from_ical(target.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["李娜", "张伟", "王建国 · 方案讲解"]
    first = events[0]
    assert first.decoded("dtstart").isoformat() == "2026-12-01T02:00:00+00:00"  # 10:00 in Shanghai
    alarm = first.walk("VALARM")[0]
    assert alarm.decoded("trigger") == -timedelta(hours=1)
    assert target.stat().st_mode & 0o777 == 0o600


def test_template_edits_change_the_day(run, tmp_path):
    path = tmp_path / "day.toml"
    path.write_text(
        'saturday = [{ start = "09:00", end = "12:00", kind = "field", label = "展厅值班" }]\n',
        encoding="utf-8",
    )
    run("config", "template", "set", str(path))
    day = run.json("today", "--date", "sat")
    assert [(s["start"], s["end"], s["label"]) for s in day["slots"]] == [
        ("09:00", "12:00", "展厅值班")
    ]
    assert run.json("today", "--date", "mon")["slots"] == []  # the weekdays were not in the file
    shown = run("config", "template", "show").stdout
    assert "saturday = [" in shown and "展厅值班" in shown


@pytest.mark.parametrize(
    "text",
    [
        'monday = [{ start = "09:00", end = "08:00", kind = "calls" }]',
        'monday = [{ start = "09:00", end = "10:00", kind = "nap" }]',
        'monday = [{ start = "09:00", end = "10:00", kind = "calls" }, { start = "09:30", end = "11:00", kind = "field" }]',
        "funday = []",
        'monday = [{ start = "25:00", end = "26:00", kind = "calls" }]',
        "not toml",
    ],
)
def test_bad_templates_are_refused(run, tmp_path, text):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    result = run("config", "template", "set", str(path), code=2)
    assert result.stderr.count("\n") == 1


def test_the_call_list_under_the_call_block_is_capped(run):
    for i in range(20):
        run("contact", "add", f"客户{i:02d}")
        run("log", "call", f"客户{i:02d}", "--next", "today", "--at", "yesterday 10:00")
    out = run("today").stdout
    assert out.count("☎") == 15
    assert "… and 5 more: salesplan due" in out
    assert len(run.json("today")["due"]) == 20


def test_a_day_packed_with_appointments_says_where_its_calls_fit(run):
    run("contact", "add", "王建国", "--phone", "13800138000")
    run("appt", "add", "王建国", "--at", "2026-12-01 09:30", "--area", "朝阳")
    run("appt", "add", "王建国", "--at", "2026-12-01 14:00", "--area", "海淀")
    run("appt", "add", "王建国", "--at", "2026-12-01 17:00", "--area", "海淀")
    day = run.json("today", "--date", "2026-12-01")
    room = day["call_room"]
    assert (room["to_go"], room["in_call_blocks"], room["squeezed"], room["short"]) == (
        30,
        0,
        True,
        0,
    )
    assert [(g["start"], g["end"], g["kind"], g["holds"], g["planned"]) for g in room["gaps"]] == [
        ("10:30", "13:00", "field", 75, 30),
        ("15:00", "16:20", "field", 40, 0),
    ]
    out = run("today", "--date", "2026-12-01").stdout
    assert "the call blocks left hold 0 of the 30 calls to go" in out
    assert "10:30–13:00  field time: 30 calls (room for 75)" in out
    # An ordinary day says nothing about it.
    assert "where the calls fit" not in run("today", "--date", "2026-12-02").stdout
    assert run.json("today", "--date", "2026-12-02")["call_room"]["squeezed"] is False


@pytest.mark.parametrize(
    ("lang", "also", "elsewhere"),
    [
        ("en", "also: promised on 11-20 for 11-30", "1 follow-up due by email or visit"),
        ("zh-CN", "另：11月20日 约定 11月30日 跟进", "另有 1 项要发邮件或拜访"),
    ],
)
def test_the_call_block_calls_each_person_once_as_calls_does(run, lang, also, elsewhere):
    run("contact", "add", "赵丽", "--status", "intent", "--phone", "13800000001")
    run("contact", "add", "孙海涛", "--status", "intent", "--phone", "13800000002")
    run("contact", "add", "王建国", "--phone", "13800000003")
    run("contact", "add", "意向不明", "--status", "unclear", "--email", "yb@example.com")
    # 赵丽: her intent cadence is overdue and she promised a call for today; 孙海涛: a callback
    # and his intent cadence, both overdue; 王建国: one promise. Five items, three people.
    run("log", "call", "赵丽", "--at", "2026-11-20 10:00", "--next", "2026-11-30")
    run("log", "call", "孙海涛", "--at", "2026-11-20 10:00", "--outcome", "callback")
    run("log", "call", "王建国", "--at", "2026-11-20 10:00", "--next", "today")
    run("log", "email", "意向不明", "--at", "2026-11-27 10:00")  # an email due, not a call
    env = {"SALESPLAN_LANG": lang}
    assert len(run.json("today", env=env)["due"]) == 6  # the JSON keeps every item
    out = run("today", env={**env, "COLUMNS": "400"}).stdout
    called = [line.split()[1] for line in out.splitlines() if "☎" in line]
    assert called == ["赵丽", "孙海涛", "王建国"]
    assert also in next(line for line in out.splitlines() if "☎ 赵丽" in line)
    assert elsewhere in out and "意向不明" not in out
    # The calling session offers the same three people, and says so.
    session = run("calls", input="q\n", env=env).stdout
    assert ("3 due, then prospects" if lang == "en" else "3 个到期跟进") in session
