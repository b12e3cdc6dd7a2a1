"""The defects of issue 12 as its own commands: real contacts, kept promises, project
cadences, the event invitation, key dates. Each literal, on an empty store."""

from __future__ import annotations

import json

import pytest


def N(run, now: str, *args: str, code: int = 0):  # noqa: N802 - the issue's N(){…} helper
    return run(*args, code=code, env={"SALESPLAN_NOW": now.replace(" ", "T")})


def due(run, now: str, until: str = "2026-12-31", rule: str | None = None):
    args = ["due", "--until", until, "--json"] + (["--rule", rule] if rule else [])
    return json.loads(N(run, now, *args).stdout)["items"]


def test_1_an_unanswered_call_does_not_erase_a_promise(run):
    N(run, "2026-12-01 10:00", "contact", "add", "孙丽")
    N(run, "2026-12-01 10:00", "log", "visit", "孙丽", "-o", "callback", "--next", "2026-12-07")
    N(run, "2026-12-02 12:00", "log", "call", "孙丽", "-o", "no-answer")
    items = due(run, "2026-12-02 12:01")
    assert [(i["rule"], i["due"]) for i in items] == [("explicit", "2026-12-07")]
    assert items[0]["reason"].startswith("promised on 12-01 for 12-07")
    text = N(run, "2026-12-02 12:01", "due", "--until", "2026-12-31").stdout
    assert "promised on 12-01 for 12-07" in text
    # busy and wrong-number keep it too; a reached call keeps the promise (it is done).
    N(run, "2026-12-03 09:00", "log", "call", "孙丽", "-o", "busy")
    N(run, "2026-12-03 09:05", "log", "call", "孙丽", "-o", "wrong-number")
    assert [i["rule"] for i in due(run, "2026-12-03 09:10")] == ["explicit"]
    N(run, "2026-12-04 09:00", "log", "call", "孙丽", "-o", "reached")
    assert due(run, "2026-12-04 09:01") == []
    # Undo the call that kept it: the promise is back, as it was.
    N(run, "2026-12-04 09:02", "log", "undo")
    assert [(i["rule"], i["due"]) for i in due(run, "2026-12-04 09:03")] == [
        ("explicit", "2026-12-07")
    ]


def test_a_newer_promise_replaces_the_older_and_rm_brings_the_older_back(run):
    N(run, "2026-12-01 10:00", "contact", "add", "孙丽")
    N(run, "2026-12-01 10:00", "log", "call", "孙丽", "--next", "2026-12-07")
    out = N(
        run, "2026-12-02 10:00", "log", "call", "孙丽", "-o", "no-answer", "--next", "2026-12-09"
    )
    newer = json.loads(N(run, "2026-12-02 10:01", "log", "list", "--json").stdout)[-1]["id"]
    assert out.exit_code == 0
    assert [(i["rule"], i["due"]) for i in due(run, "2026-12-02 11:00")] == [
        ("explicit", "2026-12-09")
    ]
    N(run, "2026-12-02 11:00", "log", "rm", str(newer))
    assert [(i["rule"], i["due"]) for i in due(run, "2026-12-02 11:01")] == [
        ("explicit", "2026-12-07")
    ]


def test_a_callback_without_a_date_is_due_the_next_workday(run):
    N(run, "2026-12-04 16:00", "contact", "add", "孙丽")  # a Friday
    N(run, "2026-12-04 16:00", "log", "call", "孙丽", "-o", "callback")
    items = due(run, "2026-12-04 16:01")
    assert [(i["rule"], i["due"]) for i in items] == [("explicit", "2026-12-07")]
    assert "next workday" in items[0]["reason"]
    # Before National Day: the next workday is 10-08.
    N(run, "2026-09-30 16:00", "contact", "add", "赵敏")
    N(run, "2026-09-30 16:00", "log", "call", "赵敏", "-o", "callback")
    got = [i for i in due(run, "2026-09-30 16:01", until="2026-10-31") if i["contact"] == "赵敏"]
    assert [(i["rule"], i["due"]) for i in got] == [("explicit", "2026-10-08")]


def test_2_unanswered_calls_complete_no_after_sales_or_design_cadence(run):
    N(run, "2026-11-20 09:00", "contact", "add", "周杰", "--status", "customer")
    N(run, "2026-11-20 09:00", "project", "add", "门窗", "--contact", "周杰", "--amount", "50000")
    N(run, "2026-11-20 09:05", "project", "won", "1", "--date", "2026-11-20")
    # First after-sales call window 11-23..11-27; an unanswered call in it completes nothing.
    N(run, "2026-11-24 10:00", "log", "call", "周杰", "-o", "no-answer")
    rules = {i["rule"]: i for i in due(run, "2026-11-24 10:01")}
    assert rules["after-sales-1"]["due"] == "2026-11-23"
    assert "after-sales-2" not in rules
    # The real first call on 11-25: the second is counted from it (12-02 .. 12-09).
    N(run, "2026-11-25 10:00", "log", "call", "周杰", "-o", "reached")
    rules = {i["rule"]: i for i in due(run, "2026-11-25 10:01")}
    assert "after-sales-1" not in rules
    assert (rules["after-sales-2"]["due"], rules["after-sales-2"]["deadline"]) == (
        "2026-12-02",
        "2026-12-09",
    )
    # wrong-number does not reset a design-stage weekly cadence.
    N(run, "2026-11-23 09:00", "contact", "add", "吴磊")
    N(run, "2026-11-23 09:00", "log", "visit", "吴磊")
    N(run, "2026-11-23 09:01", "project", "add", "幕墙", "--contact", "吴磊")
    N(run, "2026-11-27 09:00", "log", "call", "吴磊", "-o", "wrong-number")
    design = due(run, "2026-11-27 09:01", rule="design-weekly")
    assert [(i["contact"], i["due"]) for i in design] == [("吴磊", "2026-11-30")]


def test_3_a_project_counts_from_the_last_real_contact_not_its_creation(run):
    N(run, "2026-11-23 10:00", "contact", "add", "郑浩")
    N(run, "2026-11-23 10:00", "log", "visit", "郑浩")
    N(run, "2026-11-29 10:00", "project", "add", "新楼", "--contact", "郑浩")
    items = due(run, "2026-11-29 10:01", rule="design-weekly")
    assert [(i["due"], i["reason"]) for i in items] == [
        ("2026-11-30", "新楼 in design stage: weekly follow-up; last visit 6 days ago")
    ]
    # A stage change is not a contact.
    N(run, "2026-11-30 10:00", "project", "stage", "1", "bidding")
    items = due(run, "2026-11-30 10:01", rule="stage-biweekly")
    assert [i["due"] for i in items] == ["2026-12-07"]
    # With no contact ever, the project's creation counts.
    N(run, "2026-11-30 10:00", "contact", "add", "钱多")
    N(run, "2026-11-30 10:00", "project", "add", "旧楼", "--contact", "钱多")
    items = [
        i for i in due(run, "2026-11-30 10:01", rule="design-weekly") if i["contact"] == "钱多"
    ]
    assert [i["due"] for i in items] == ["2026-12-07"]


def test_4_only_a_real_call_after_the_event_was_made_is_the_invitation(run):
    N(run, "2026-11-30 09:00", "contact", "add", "冯婷", "--status", "customer")
    N(run, "2026-11-30 09:00", "contact", "add", "陈晨", "--status", "customer")
    N(run, "2026-11-30 09:00", "contact", "add", "韩梅", "--status", "customer")
    N(run, "2026-12-01 09:00", "log", "call", "冯婷")  # before the event existed
    N(run, "2026-12-02 09:00", "event", "add", "客户答谢日", "--on", "2026-12-16")
    N(run, "2026-12-02 09:30", "log", "visit", "陈晨")  # a visit is not the phone call
    N(run, "2026-12-02 09:40", "log", "call", "韩梅", "-o", "no-answer")  # reached nobody
    invite = due(run, "2026-12-02 10:00", rule="event-invite")
    assert sorted(i["contact"] for i in invite) == ["冯婷", "陈晨", "韩梅"]
    # The notice day (12-16 - 14 = 12-02) is when it is due.
    assert {i["due"] for i in invite} == {"2026-12-02"}
    N(run, "2026-12-02 11:00", "log", "call", "冯婷")
    after = due(run, "2026-12-02 11:01")
    assert sorted(i["contact"] for i in after if i["rule"] == "event-invite") == ["陈晨", "韩梅"]
    letter = [i for i in after if i["rule"] == "event-letter"]
    assert [(i["contact"], i["due"], i["deadline"]) for i in letter] == [
        ("冯婷", "2026-12-02", "2026-12-04")
    ]
    N(run, "2026-12-03 09:00", "log", "email", "冯婷")
    assert [i for i in due(run, "2026-12-03 09:01") if i["contact"] == "冯婷"] == []


def test_key_dates_become_items_and_the_balance_is_collected(run):
    N(run, "2026-11-30 09:00", "contact", "add", "蒋总")
    N(run, "2026-11-30 09:00", "log", "visit", "蒋总")
    N(run, "2026-11-30 09:01", "project", "add", "厂房", "--contact", "蒋总", "--amount", "100000")
    N(run, "2026-11-30 09:02", "project", "stage", "1", "delivery")
    N(run, "2026-11-30 09:03", "project", "date", "1", "delivery", "2026-12-08")
    N(run, "2026-11-30 09:04", "project", "date", "1", "acceptance", "2026-12-21")
    items = {i["rule"]: i for i in due(run, "2026-11-30 09:05")}
    # 12-08 - 3 = Saturday 12-05: a deadline before a fixed date moves to Friday 12-04.
    assert items["delivery-confirm"]["due"] == "2026-12-04"
    assert "confirm stock and delivery" in items["delivery-confirm"]["reason"]
    assert items["acceptance-docs"]["due"] == "2026-12-18"  # 12-21 - 3
    assert "prepare the acceptance documents" in items["acceptance-docs"]["reason"]
    assert "collect-balance" not in items
    N(run, "2026-12-04 10:00", "log", "call", "蒋总")
    assert "delivery-confirm" not in {i["rule"] for i in due(run, "2026-12-04 10:01")}
    N(run, "2026-12-10 10:00", "project", "pay", "1", "30000")
    # After acceptance (12-21), while collections are below the amount: every 14 days from
    # acceptance or the last real contact, whichever is later: 01-04.
    items = {i["rule"]: i for i in due(run, "2026-12-22 09:00", until="2027-01-31")}
    assert items["collect-balance"]["due"] == "2027-01-04"
    assert "collect the balance (30,000 of 100,000 collected)" in items["collect-balance"]["reason"]
    N(run, "2026-12-22 10:00", "project", "pay", "1", "70000")
    assert "collect-balance" not in {
        i["rule"] for i in due(run, "2026-12-22 10:01", until="2027-01-31")
    }


@pytest.mark.sqlite_only
def test_a_fresh_demo_has_nothing_long_overdue(run):
    N(run, "2026-11-27 08:00", "demo", "--years", "1")
    items = due(run, "2026-11-27 08:00", until="2026-11-27")
    assert len(items) > 20  # the demo leaves today's work open, or this proves nothing
    assert max(i["overdue_days"] for i in items) <= 14
    assert [i for i in items if i["rule"] == "explicit" and i["overdue_days"] > 7] == []


@pytest.fixture
def w49(run):
    """A week (2026-W49) with promises kept and missed, a project and next week booked."""
    N(run, "2026-11-30 09:00", "contact", "add", "孙丽", "--status", "customer")
    N(run, "2026-11-30 09:00", "contact", "add", "王强", "--status", "intent")
    N(run, "2026-11-30 09:00", "contact", "add", "赵敏")
    N(run, "2026-11-30 09:05", "log", "call", "孙丽", "-o", "callback", "--next", "2026-12-03")
    for i in range(30):
        N(run, f"2026-12-01 09:{i:02d}", "log", "call", "-o", "reached" if i % 3 else "no-answer")
    N(run, "2026-12-01 10:00", "log", "visit", "王强")
    N(run, "2026-12-02 10:00", "log", "call", "赵敏", "-o", "callback", "--next", "2026-12-08")
    N(run, "2026-12-02 10:05", "project", "add", "幕墙", "--contact", "赵敏")
    N(run, "2026-12-03 10:00", "appt", "add", "王强", "--at", "2026-12-09 10:00")
    N(run, "2026-12-04 10:00", "appt", "add", "孙丽", "--at", "2026-12-10 15:00")


WEEK = ["week", "--week", "2026-W49"]


def test_a_past_weeks_report_is_the_same_whenever_it_is_generated(run, w49):
    week = [*WEEK, "--json"]
    first = json.loads(N(run, "2026-12-07 08:00", *week).stdout)
    # W49 at its end (12-06): 孙丽's promise for 12-03 and 王强's intent call (12-01 + 3 days)
    # missed, 1 and 0 workdays late (Friday 12-04 came after the one, none after the other);
    # 赵敏's promise for 12-08 and the project's weekly call ahead.
    assert first["followups"]["missed"] == 2
    plan = [(i["contact"], i["rule"], i["overdue_days"]) for i in first["next_week"]["followups"]]
    # The overdue ones at the week's end are next week's work too.
    assert plan == [
        ("孙丽", "explicit", 1),
        ("王强", "intent", 0),
        ("赵敏", "explicit", 0),
        ("赵敏", "design-weekly", 0),
    ]
    assert [a["contact"] for a in first["next_week"]["appointments"]] == ["王强", "孙丽"]
    # The following week happens: promises kept, a project moves, an event and an appointment
    # are made, one of W50's appointments is cancelled.
    N(run, "2026-12-08 09:00", "log", "call", "孙丽", "-o", "reached")
    N(run, "2026-12-08 09:05", "log", "call", "赵敏", "-o", "reached")
    N(run, "2026-12-08 09:10", "project", "stage", "1", "bidding")
    N(run, "2026-12-08 09:15", "appt", "add", "赵敏", "--at", "2026-12-11 10:00")
    N(run, "2026-12-08 09:20", "appt", "cancel", "2")
    N(
        run,
        "2026-12-09 09:00",
        "event",
        "add",
        "客户答谢日",
        "--on",
        "2026-12-20",
        "--status",
        "customer",
    )
    later = json.loads(N(run, "2026-12-11 18:00", *week).stdout)
    much_later = json.loads(N(run, "2027-01-20 18:00", *week).stdout)
    assert later == first
    assert much_later == first


def test_the_four_forms_of_a_weeks_report_carry_the_same_numbers(run, w49, tmp_path):
    from openpyxl import load_workbook

    now = "2026-12-07 08:00"
    data = json.loads(N(run, now, *WEEK, "--json").stdout)
    t, target, f, nxt = data["totals"], data["targets"], data["followups"], data["next_week"]
    # The numbers themselves: one day of 30 calls out of 5 workdays; 1 visit of 20.
    assert (t["call_days_met"], target["workdays"], t["visits"], target["visits_per_week"]) == (
        1,
        5,
        1,
        20,
    )
    assert (f["missed"], f["open"], nxt["followups_due"], len(nxt["appointments"])) == (2, 0, 4, 2)

    N(run, now, *WEEK, "--markdown", "-o", str(tmp_path / "w.md"))
    md = (tmp_path / "w.md").read_text(encoding="utf-8")
    assert "| days the call target was met | 1 | 5 |" in md
    assert "| visits | 1 | 20 |" in md
    assert "| follow-ups missed / open | 2 / 0 |" in md
    assert "Follow-ups falling due: 4" in md
    plan = md.split("## Next week's plan")[1].split("## Judgement")[0]
    assert plan.count("\n- 2026-12-") == 2 + 4  # the appointments and the follow-ups

    N(run, now, *WEEK, "-o", str(tmp_path / "w.xlsx"))
    wb = load_workbook(tmp_path / "w.xlsx")
    rows = [[v for v in r if v is not None] for r in wb["Activity"].iter_rows(values_only=True)]
    totals = {r[0]: r[1] for r in rows if r and r[0] in ("call_days_met", "visits")}
    assert totals == {"call_days_met": 1, "visits": 1}
    head = ["targets", "calls per day", "visits", "new contacts", "potential customers"]
    at = rows.index([*head, "workdays", "sales"])
    assert rows[at + 1] == [30, 20, 5, 3, 5, data["sales_target"]["target"]]
    at = rows.index(["follow-ups", "missed", "open", "overdue in all"])
    assert rows[at + 1] == [2, 0, 1]  # overdue by workdays: 孙丽's 12-03, not 王强's Friday call
    report = [r[0] for r in wb["Report"].iter_rows(values_only=True)]
    plan_rows = report[report.index("Next week's plan") + 1 :]
    assert "Follow-ups falling due: 4" in plan_rows
    assert sum(1 for r in plan_rows if r and r.startswith("2026-12-")) == 2 + 4

    text = N(run, now, *WEEK).stdout
    assert "follow-ups missed / open" in text and "2 / 0" in text
    assert "next week: 2 appointments booked, 4 follow-ups falling due" in text


def test_the_month_says_what_went_wrong_as_of_its_end(run):
    N(run, "2026-11-01 08:00", "config", "set", "holidays", "none")  # Monday to Friday
    N(run, "2026-11-01 08:00", "config", "set", "calls_per_day", "2")
    N(run, "2026-11-01 08:00", "contact", "add", "孙丽", "--tier", "key")
    N(run, "2026-11-01 08:00", "contact", "add", "王强")
    N(run, "2026-11-02 09:00", "log", "call", "王强")
    N(run, "2026-11-02 09:10", "log", "call", "王强", "-o", "callback", "--next", "2026-11-27")
    N(run, "2026-11-02 09:20", "project", "add", "幕墙", "--contact", "王强", "--amount", "50000")
    N(run, "2026-11-20 10:00", "project", "won", "1", "--amount", "50000")
    month = ["month", "--month", "2026-11", "--json"]
    first = json.loads(N(run, "2026-12-01 08:00", *month).stdout)
    wrong = first["went_wrong"]
    # 21 workdays in November 2026; the call target met on 11-02 only.
    assert len(wrong["days_missed"]) == 20 and "2026-11-02" not in wrong["days_missed"]
    # No visits: every finished week under its target, prorated (W49 has one November workday).
    assert [(t["what"], t["period"], t["target"]) for t in wrong["targets_missed"]] == [
        ("visits", "2026-W45", 20),
        ("visits", "2026-W46", 20),
        ("visits", "2026-W47", 20),
        ("visits", "2026-W48", 20),
        ("visits", "2026-W49", 4),
        ("sales", "2026-11", 80459.77),
    ]
    # Sales 50,000 against November's share of 1,000,000 (21 of 2026's 261 workdays).
    assert first["sales_target"] == {
        "target": 80459.77,
        "sales": 50000,
        "progress": round(50000 / 80459.77, 4),
    }
    # Due in November, still overdue at its end: the key customer's fortnightly call (11-15, a
    # Sunday, so 11-16), the first after-sales call after the win (11-23 to 11-27), the promise.
    assert [(i["contact"], i["rule"], i["overdue_days"]) for i in wrong["followups_missed"]] == [
        ("孙丽", "key-customer", 10),  # workdays late on 11-30
        ("王强", "after-sales-1", 1),
        ("王强", "explicit", 1),
    ]
    assert [k["name"] for k in wrong["key_customers_not_touched"]] == ["孙丽"]
    # December happens; November's review does not change.
    N(run, "2026-12-02 09:00", "log", "call", "王强", "-o", "reached")
    N(run, "2026-12-02 09:05", "log", "visit", "孙丽")
    assert json.loads(N(run, "2027-01-05 08:00", *month).stdout) == first
    text = N(run, "2026-12-01 08:00", "month", "--month", "2026-11").stdout
    assert "What went wrong" in text
    assert "follow-ups missed: 3 (孙丽, 王强)" in text
    assert "key customers not touched: 1 (孙丽)" in text


def test_appt_add_warns_of_a_buffer_under_the_rule_and_a_tight_booking(run):
    N(run, "2026-11-30 08:00", "contact", "add", "王建国")
    N(run, "2026-11-30 08:00", "contact", "add", "李娜")
    out = N(
        run,
        "2026-11-30 08:01",
        "appt",
        "add",
        "王建国",
        "--at",
        "2026-12-01 14:00",
        "--buffer",
        "0",
    )
    assert (
        out.stderr == "warning: #1 王建国 keeps 0 min of slack before it, under the 30 min rule\n"
    )
    out = N(run, "2026-11-30 08:02", "appt", "add", "李娜", "--at", "2026-12-01 15:30")
    assert out.stderr == (
        "warning: #2 李娜 needs you to leave at 14:30, 30 min before #1 王建国 ends at 15:00\n"
    )
    # Booked all the same: the user decides.
    day = json.loads(N(run, "2026-11-30 08:03", "today", "--date", "2026-12-01", "--json").stdout)
    assert [(w["code"], w["appointment_ids"]) for w in day["warnings"]] == [
        ("tight", [1, 2]),
        ("short-buffer", [1]),
    ]


def test_today_on_national_day_is_a_day_off_and_shows_the_next_workday(run):
    N(run, "2026-09-30 18:00", "config", "set", "holidays", "cn")
    N(run, "2026-09-30 18:00", "contact", "add", "王建国", "--area", "朝阳")
    N(run, "2026-09-30 18:01", "appt", "add", "王建国", "--at", "2026-10-08 10:00")
    N(run, "2026-09-30 18:02", "log", "call", "王建国", "-o", "callback", "--next", "2026-10-08")
    day = json.loads(N(run, "2026-10-01 09:00", "today", "--json").stdout)
    assert (day["workday"], day["day_kind"], day["calls"]["target"]) == (False, "holiday", 0)
    assert [s for s in day["slots"] if s["kind"] == "block"] == []  # no workday template
    assert day["next_workday"] == {
        "date": "2026-10-08",
        "first_appointment": "王建国",
        "first_start": "10:00",
        "leave_by": "09:00",
        "due": 1,
        "overdue": 0,
    }
    text = N(run, "2026-10-01 09:00", "today").stdout
    assert "2026-10-01 is a day off (a public holiday): no calls expected." in text
    assert (
        "Next workday Thu 2026-10-08: first appointment 10:00 王建国, leave by 09:00; "
        "1 follow-ups due (0 overdue)." in text
    )
    # The 调休 Saturday after it is a workday: 30 calls expected, the workday sheet.
    sat = json.loads(N(run, "2026-10-10 08:00", "today", "--json").stdout)
    assert (sat["workday"], sat["day_kind"], sat["calls"]["target"]) == (True, "makeup", 30)
    assert "next_workday" not in sat
    paced = [s for s in sat["slots"] if s.get("pace")]
    assert [s["start"] for s in paced] == ["09:00", "17:00"]
