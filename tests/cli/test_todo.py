"""todo: the important things not yet done, on the day sheet and in due until done."""


def test_todos_through_the_day_sheet_and_due(run):
    run("contact", "add", "王建国", "--phone", "13800138000")
    run("todo", "add", "整理名片")  # 1: no date
    run("todo", "add", "周五前发报价", "--contact", "王建国", "--due", "fri", "--important")  # 2
    run("todo", "add", "交投标文件", "--due", "2026-11-27")  # 3: overdue (Friday: 1 workday)
    added = run.json("todo", "add", "下周回访", "--due", "2026-12-08")  # 4
    assert added == {
        "id": 4,
        "text": "下周回访",
        "due": "2026-12-08",
        "important": False,
        "done": False,
        "overdue_days": 0,
        "contact_id": None,
        "contact": None,
        "project_id": None,
        "project": None,
    }
    # Important first, then overdue, then by date, undated last.
    listed = run.json("todo", "list")
    assert [(t["id"], t["overdue_days"]) for t in listed] == [(2, 0), (3, 1), (4, 0), (1, 0)]
    assert listed[0]["contact"] == "王建国"
    today = run.json("today")
    assert [t["id"] for t in today["todos"]] == [2, 3, 4, 1]
    sheet = run("today").stdout
    assert "to do (4 open):" in sheet and "! #2 周五前发报价 · 王建国  due 2026-12-04" in sheet
    assert "#3 交投标文件  1d overdue" in sheet
    # due lists those with a date by its end.
    assert [t["id"] for t in run.json("due")["todos"]] == [2, 3]
    assert [t["id"] for t in run.json("due", "--week", "next")["todos"]] == [2, 3, 4]
    assert "周五前发报价" in run("due").stdout
    run("todo", "done", "2")
    run("todo", "done", "3")
    assert [t["id"] for t in run.json("todo", "list")] == [4, 1]
    assert run("todo", "undo").stdout.startswith("to-do #3 open again")
    assert [t["id"] for t in run.json("todo", "list")] == [3, 4, 1]
    everything = run.json("todo", "list", "--all")
    assert [(t["id"], t["done"]) for t in everything][-1] == (2, True)


def test_todo_bad_input(run):
    run("todo", "done", "9", code=2)
    run("todo", "undo", code=2)
    run("todo", "add", "   ", code=2)
    run("todo", "add", "x", "--contact", "nobody", code=2)
    run("todo", "add", "x", "--due", "someday", code=2)
    run("todo", "add", "x")
    run("todo", "done", "1")
    run("todo", "done", "1", code=2)
    assert run.json("todo", "list") == []
