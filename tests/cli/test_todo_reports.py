"""To-dos in the evening review (important ones flagged) and in the weekly report's next
week's plan, which lists what was open at the week's end whenever it is generated."""

import json


def at(moment: str) -> dict[str, str]:
    return {"SALESPLAN_NOW": moment}


def test_review_flags_the_important_todos_still_open(run):
    run("contact", "add", "王建国")
    run("todo", "add", "整理名片")
    run("todo", "add", "周五前发报价", "--contact", "王建国", "--due", "fri", "--important")
    run("todo", "add", "交投标文件", "--due", "2026-11-27")
    review = run.json("review")
    assert [(t["id"], t["important"], t["overdue_days"]) for t in review["todos"]] == [
        (2, True, 0),
        (3, False, 1),  # due Friday: late by one workday on Monday
        (1, False, 0),
    ]
    shown = run("review").stdout
    assert "to do (3 open):" in shown and "! #2 周五前发报价 · 王建国" in shown
    run("todo", "done", "2")
    assert [t["id"] for t in run.json("review")["todos"]] == [3, 1]
    zh = run("review", env={"SALESPLAN_LANG": "zh-CN"}).stdout
    assert "交投标文件" in zh and "to do" not in zh


def test_next_weeks_plan_carries_the_todos_open_at_the_weeks_end(run, tmp_path):
    week = at("2026-12-02T10:00")  # Wednesday of W49 (11-30 to 12-06); W50 is 12-07 to 12-13
    run("todo", "add", "整理名片", env=week)  # 1: no date, not important: not in the plan
    run("todo", "add", "交投标文件", "--due", "2026-12-09", env=week)  # 2
    run("todo", "add", "拜访前准备方案", "--important", env=week)  # 3: important, no date
    run("todo", "add", "月底对账", "--due", "2026-12-30", env=week)  # 4: after next week
    run("todo", "add", "回电孙总", "--due", "2026-12-03", env=week)  # 5: 1 workday late
    run("todo", "add", "已办完", "--due", "2026-12-08", env=week)  # 6: done before the end
    run("todo", "done", "6", env=at("2026-12-03T09:00"))
    friday = at("2026-12-04T18:00")
    plan = run.json("week", "--week", "2026-W49", env=friday)["next_week"]
    assert [(t["id"], t["overdue_days"]) for t in plan["todos"]] == [(3, 0), (5, 1), (2, 0)]
    # Generated again later: the same plan, though 5 is done and 7 was added since.
    run("todo", "done", "5", env=at("2026-12-08T09:00"))
    run("todo", "add", "下周新事", "--due", "2026-12-08", env=at("2026-12-07T09:00"))
    again = run.json("week", "--week", "2026-W49", env=at("2026-12-10T18:00"))["next_week"]
    assert again["todos"] == plan["todos"]
    out = tmp_path / "w49.md"
    later = at("2026-12-10T18:00")
    friday = later  # the files below are made after the week, from the record
    run("week", "--week", "2026-W49", "--markdown", "-o", str(out), env=friday)
    text = out.read_text()
    plan_part = text[text.index("## Next week's plan") :]
    assert "To do: 3" in plan_part
    assert "- no date important: 拜访前准备方案" in plan_part
    assert "- 1d overdue 回电孙总" in plan_part and "交投标文件" in plan_part
    assert "整理名片" not in plan_part and "月底对账" not in plan_part
    assert "已办完" not in plan_part and "下周新事" not in plan_part
    assert "3 to-dos" in run("week", "--week", "2026-W49", env=friday).stdout
    xlsx = tmp_path / "w49.xlsx"
    run("week", "--week", "2026-W49", "-o", str(xlsx), env=friday)
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx)["Report"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert "To do: 3" in cells and any(isinstance(c, str) and "拜访前准备方案" in c for c in cells)
    assert json.dumps(plan, ensure_ascii=False).count("整理名片") == 0
