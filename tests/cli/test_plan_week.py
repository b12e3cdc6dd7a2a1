"""plan week and due --week: Friday evening, the week after, day by day."""

FRIDAY_EVENING = {"SALESPLAN_NOW": "2026-12-04T19:00"}


def _week(run):
    run("contact", "add", "王建国", "--status", "intent", "--phone", "13800138000")
    run("contact", "add", "李娜", "--status", "customer", "--phone", "13800138001")
    run("log", "call", "王建国", "--at", "2026-11-20 10:00")  # intent every 3 days: overdue
    run("log", "call", "李娜", "--at", "2026-11-30 10:00", "--next", "2026-12-09", "--future")
    run("appt", "add", "王建国", "--at", "2026-12-08 14:00", "--area", "朝阳")
    run("appt", "add", "李娜", "--at", "2026-12-10 10:00", "--area", "望京", "--minutes", "90")
    run("workday", "set", "2026-12-12", "work")  # an extra Saturday


def test_friday_evening_plans_next_week_day_by_day(run):
    _week(run)
    plan = run.json("plan", "week", env=FRIDAY_EVENING)
    assert (plan["week"], plan["start"], plan["end"]) == ("2026-W50", "2026-12-07", "2026-12-13")
    days = {d["date"]: d for d in plan["days"]}
    assert list(days) == [f"2026-12-{n:02d}" for n in range(7, 13)]
    assert days["2026-12-12"]["kind"] == "own-work"
    assert plan["off"] == [{"date": "2026-12-13", "kind": "weekend"}]
    assert [d["call_target"] for d in plan["days"]] == [30] * 6
    # Overdue on the first workday, a promise on its day.
    assert [(i["contact"], i["rule"]) for i in days["2026-12-07"]["due"]] == [("王建国", "intent")]
    assert [(i["contact"], i["rule"]) for i in days["2026-12-09"]["due"]] == [("李娜", "explicit")]
    assert days["2026-12-08"]["appointments"] == [
        {
            "id": 1,
            "start": "14:00",
            "end": "15:00",
            "label": "王建国",
            "area": "朝阳",
            "leave_by": "13:00",
        }
    ]
    assert days["2026-12-08"]["field_areas"] == ["朝阳"]
    assert days["2026-12-10"]["appointments"][0]["leave_by"] == "09:00"
    # Six workdays: 24 visits, 2 booked, 22 to place in the free field time.
    assert plan["visits"] == {
        "target": 24,
        "done": 0,
        "booked": 2,
        "needed": 22,
        "fit": sum(d["visits_fit"] for d in plan["days"]),
    }
    assert sum(d["visits_suggested"] for d in plan["days"]) == 22
    assert all(d["visits_suggested"] <= d["visits_fit"] for d in plan["days"])
    # The same week asked for by name gives the same plan; a Tuesday shows the rest of its week.
    assert run.json("plan", "week", "--week", "2026-W50", env=FRIDAY_EVENING) == plan
    tuesday = run.json("plan", "week")
    assert tuesday["start"] == "2026-11-30" and tuesday["days"][0]["date"] == "2026-11-30"


def test_plan_week_reads_as_a_sheet(run):
    _week(run)
    out = run("plan", "week", "--week", "next", env=FRIDAY_EVENING).stdout
    assert "Week 2026-W50 (2026-12-07 – 2026-12-13)" in out
    assert "Tue 2026-12-08" in out and "14:00–15:00  王建国 (朝阳)  leave by 13:00" in out
    assert "Sat 2026-12-12 (your extra workday)" in out
    assert "王建国 · call" in out.split("Tue 2026-12-08")[0]  # overdue: on Monday
    zh = run("plan", "week", "--week", "下周", env={**FRIDAY_EVENING, "SALESPLAN_LANG": "zh-CN"})
    assert "13:00 前出发" in zh.stdout
    run("plan", "week", "--week", "someday", code=2)


def test_due_week_next_lists_next_weeks_items(run):
    _week(run)
    this_week = run.json("due", env=FRIDAY_EVENING)["items"]
    next_week = run.json("due", "--week", "next", env=FRIDAY_EVENING)["items"]
    assert "李娜" not in [i["contact"] for i in this_week]
    assert [(i["contact"], i["due"]) for i in next_week if i["contact"] == "李娜"] == [
        ("李娜", "2026-12-09")
    ]
    assert all(i["due"] <= "2026-12-13" for i in next_week)
    run("due", "--week", "next", "--until", "fri", code=2)
