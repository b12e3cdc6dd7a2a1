"""absent: a half day halves the call target and removes that half of the day; a whole day
absent has no targets and is not a missed day."""


def _slots(day):
    return [(s["start"], s["end"], s.get("block")) for s in day["slots"] if s["kind"] == "block"]


def test_half_a_day_absent(run):
    run("absent", "2026-11-30", "--half", "--afternoon")
    today = run.json("today")
    assert today["calls"]["target"] == 15
    # The afternoon is gone: the field block stops at noon, no office calls, no review.
    assert _slots(today) == [
        ("08:00", "08:40", "meeting"),
        ("08:40", "09:00", "meeting"),
        ("09:00", "09:20", "calls"),
        ("09:30", "12:00", "field"),
    ]
    assert run.json("progress")["calls"]["target"] == 15
    run("absent", "2026-11-30", "--half", "--morning")
    today = run.json("today")
    assert today["calls"]["target"] == 15
    assert [s[0] for s in _slots(today)] == ["12:00", "17:00", "20:00"]
    run("absent", "2026-11-30", "--undo")
    assert run.json("today")["calls"]["target"] == 30


def test_a_whole_day_absent_has_no_targets_and_is_not_missed(run):
    run("absent", "2026-12-01")
    assert run.json("today", "--date", "2026-12-01")["calls"]["target"] == 0
    # Four workdays in the week: 20 × 4 / 5 visits.
    assert run.json("progress")["visits_week"]["target"] == 16
    run("config", "set", "attendance_scoring", "on")
    month = run.json("month", "--month", "2026-12", env={"SALESPLAN_NOW": "2026-12-02T20:00"})
    assert month["score"]["absences"] == 1 and month["score"]["attendance"] == 96
    plan = run.json("plan", "week", "--week", "this")
    assert "2026-12-01" not in [d["date"] for d in plan["days"]]
    assert {"date": "2026-12-01", "kind": "absent"} in plan["off"]


def test_absent_options_are_checked(run):
    run("absent", "tomorrow", "--morning", code=2)
    run("absent", "tomorrow", "--half", "--morning", "--afternoon", code=2)
