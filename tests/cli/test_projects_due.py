import pytest


@pytest.fixture
def pipeline(run):
    run("contact", "add", "王建国", "--area", "朝阳")
    run("contact", "add", "李娜", "--area", "望京")
    run("log", "call", "王建国", "--at", "2026-11-21 10:00")
    run("log", "call", "李娜", "--at", "2026-11-25 10:00")
    run("project", "add", "望京SOHO幕墙", "--contact", "王建国", "--amount", "850000")
    run(
        "project",
        "add",
        "朝阳空调",
        "--contact",
        "李娜",
        "--stage",
        "bidding",
        "--bid-date",
        "2026-12-02",
    )


def test_projects_and_their_history(run, pipeline):
    listed = run.json("project", "list")
    assert [(p["id"], p["name"], p["stage"], p["amount"], p["bid_date"]) for p in listed] == [
        (1, "望京SOHO幕墙", "design", 850000, None),
        (2, "朝阳空调", "bidding", None, "2026-12-02"),
    ]
    assert set(listed[0]) >= {"id", "name", "contact_id", "stage", "amount", "bid_date"}
    run("project", "stage", "1", "bidding", "--date", "2026-11-28")
    run("project", "won", "1", "--amount", "820000.50", "--date", "2026-11-30")
    run("project", "pay", "1", "246000.15", "--note", "预付款")
    run("project", "pay", "1", "0.05")
    run("project", "date", "1", "acceptance", "2027-03-15")
    shown = run.json("project", "show", "1")
    assert [(s["stage"], s["on"]) for s in shown["stages"]] == [
        ("design", "2026-11-30"),
        ("bidding", "2026-11-28"),
        ("won", "2026-11-30"),
    ]
    assert shown["amount"] == 820000.5
    assert shown["collected"] == 246000.2
    assert shown["dates"] == [{"name": "acceptance", "on": "2027-03-15"}]
    run("project", "lost", "2", "--reason", "价格高")
    assert run.json("project", "list", "--stage", "lost")[0]["id"] == 2


def test_due_follows_the_rules(run, pipeline):
    due = run.json("due", "--until", "+7d")
    assert due["as_of"] == "2026-11-30"
    got = [
        (i["contact"], i["rule"], i["due"], i["overdue_days"], i["channel"]) for i in due["items"]
    ]
    # 李娜's bidding cadence (11-25 + 14 days = 12-09) falls after --until and is left out.
    # 王建国's design project counts from his last real contact (11-21), not from the day it
    # was entered: 11-28, a Saturday, so Monday 11-30.
    assert got == [
        ("王建国", "design-weekly", "2026-11-30", 0, "call"),
        ("李娜", "bid-docs", "2026-11-30", 0, "visit"),
        ("李娜", "bid-result", "2026-12-03", 0, "call"),
    ]
    assert set(due["items"][0]) >= {
        "contact_id",
        "contact",
        "due",
        "deadline",
        "overdue_days",
        "rule",
        "reason",
        "channel",
    }
    only = run.json("due", "--until", "+7d", "--rule", "bid-result")["items"]
    assert [i["rule"] for i in only] == ["bid-result"]


def test_a_visit_clears_the_bid_docs_item(run, pipeline):
    run("log", "visit", "李娜", "--note", "商务标书已送达")
    rules = [i["rule"] for i in run.json("due", "--until", "+7d")["items"]]
    assert "bid-docs" not in rules and "bid-result" in rules


def test_events_invite_matching_contacts(run, pipeline):
    run("contact", "edit", "王建国", "--status", "customer")
    run("event", "add", "客户答谢日", "--on", "2026-12-12", "--status", "customer")
    items = run.json("due", "--rule", "event-invite")["items"]
    # The notice day (12-12 - 14 = Sat 11-28) was past when the event was made on 11-30:
    # due from the day it was made.
    assert [(i["contact"], i["due"], i["overdue_days"]) for i in items] == [
        ("王建国", "2026-11-30", 0)
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("project", "add", "x", "--contact", "王建国", "--stage", "dreaming"),
        ("project", "add", "x", "--contact", "nobody"),
        ("project", "add", "x", "--contact", "王建国", "--amount", "-5"),
        ("project", "add", "x", "--contact", "王建国", "--amount", "1.234"),
        ("project", "stage", "1", "nowhere"),
        ("project", "pay", "2", "100"),  # lost
        ("project", "pay", "1", "-100"),
        ("project", "pay", "1", "0"),
        ("project", "won", "9"),
        ("due", "--rule", "whenever"),
        ("due", "--until", "later"),
    ],
)
def test_bad_input(run, pipeline, db_path, digest, args):
    run("project", "lost", "2")
    before = digest(db_path)
    result = run(*args, code=2)
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert digest(db_path) == before


def test_after_sales_counts_only_contact_once_the_first_window_opened(run):
    """A consultation on 11-20 opens the first after-sales window on 11-23 (3-7 days)."""
    for name in ("王建国", "李娜"):
        run("contact", "add", name, "--status", "customer")
        run("log", "call", name, "--at", "2026-11-20 10:00", "--outcome", "consultation")
        run("log", "call", name, "--at", "2026-11-22 16:00")  # before the window: not it
    run("log", "call", "王建国", "--at", "2026-11-23 00:30")  # 16:30 UTC the day before: in
    items = [
        (i["contact"], i["rule"], i["due"], i["overdue_days"])
        for i in run.json("due", "--until", "+7d")["items"]
        if i["rule"].startswith("after-sales")
    ]
    assert items == [
        ("李娜", "after-sales-1", "2026-11-23", 1),  # closed Fri 11-27: 1 workday late on Mon
        ("王建国", "after-sales-2", "2026-11-30", 0),
    ]
