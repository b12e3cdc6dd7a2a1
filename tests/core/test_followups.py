from dataclasses import replace
from datetime import date

from salesplan.core.followups import (
    ContactFacts,
    EventFacts,
    ProjectFacts,
    due_items,
    most_urgent_per_contact,
)
from salesplan.core.settings import Settings

TODAY = date(2026, 11, 30)
S = Settings()


def contact(id_=1, **kw):
    kw.setdefault("name", f"客户{id_}")
    kw.setdefault("created", date(2026, 1, 1))
    return ContactFacts(id=id_, **kw)


def items(contacts, projects=(), events=(), today=TODAY, settings=S):
    return [
        (i.contact_id, i.rule, i.due.isoformat(), i.deadline.isoformat(), i.overdue_days, i.channel)
        for i in due_items(contacts, list(projects), list(events), today, settings)
    ]


def test_design_stage_is_weekly_from_the_last_real_contact():
    c = contact(last_contact=date(2026, 11, 21), last_kind="call")
    p = ProjectFacts(7, "幕墙", 1, "design", stage_since=date(2026, 11, 1))
    got = due_items([c], [p], [], TODAY, S)
    # 11-28 is a Saturday: the cadence moves to Monday 11-30.
    assert [(i.rule, i.due, i.overdue_days, i.project_id) for i in got] == [
        ("design-weekly", date(2026, 11, 30), 0, 7)
    ]
    assert got[0].reason == "幕墙 in design stage: weekly follow-up; last call 9 days ago"


def test_a_stage_change_is_not_a_contact():
    c = contact(last_contact=date(2026, 11, 1), last_kind="visit")
    moved = ProjectFacts(7, "幕墙", 1, "detailing", stage_since=date(2026, 11, 25))
    # 11-01 + 14 = Sunday 11-15 → Monday 11-16, two weeks (ten workdays) overdue.
    assert items([c], [moved]) == [(1, "stage-biweekly", "2026-11-16", "2026-11-16", 10, "call")]


def test_bid_documents_two_days_before_and_the_result_the_day_after():
    c = contact(last_contact=date(2026, 11, 20))
    p = ProjectFacts(
        7, "幕墙", 1, "bidding", stage_since=date(2026, 11, 20), bid_date=date(2026, 12, 2)
    )
    got = items([c], [p])
    assert (1, "bid-docs", "2026-11-30", "2026-11-30", 0, "visit") in got
    assert (1, "bid-result", "2026-12-03", "2026-12-03", 0, "call") in got
    # Documents delivered (a visit logged on 11-30): bid-docs is done, the result is still to ask.
    done = contact(last_contact=date(2026, 11, 30), last_visit=date(2026, 11, 30))
    rules = [r[1] for r in items([done], [p])]
    assert "bid-docs" not in rules and "bid-result" in rules
    # A call that day (an unrelated invitation call) delivers no documents: still due.
    called = contact(last_contact=date(2026, 11, 30), last_kind="call")
    assert "bid-docs" in [r[1] for r in items([called], [p])]


def test_after_sales_first_window_then_second_counted_from_the_first_follow_up():
    won = date(2026, 11, 20)
    first = contact(after_sales_from=won, last_contact=won)
    # Closed Friday 11-27: on Monday 11-30 it is one workday late.
    assert items([first]) == [(1, "after-sales-1", "2026-11-23", "2026-11-27", 1, "call")]
    # First follow-up logged late, on 11-29: the second opens 7 days after it.
    second = contact(
        after_sales_from=won, after_sales_first=date(2026, 11, 29), last_contact=date(2026, 11, 29)
    )
    assert items([second], today=date(2026, 12, 8)) == [
        (1, "after-sales-2", "2026-12-07", "2026-12-14", 0, "call")
    ]
    assert items([second], today=date(2026, 12, 15))[0][4] == 1  # overdue after it closes (12-14)
    finished = contact(
        after_sales_from=won, after_sales_first=date(2026, 11, 24), last_contact=date(2026, 12, 2)
    )
    assert items([finished], today=date(2026, 12, 5)) == []


def test_status_and_tier_cadences():
    people = [
        contact(
            1, status="unclear", last_contact=date(2026, 11, 27), last_email=date(2026, 11, 27)
        ),
        contact(2, status="intent", last_contact=date(2026, 11, 26)),
        contact(3, tier="key", status="customer", last_contact=date(2026, 11, 10)),
        contact(4, status="customer", last_contact=date(2026, 11, 5)),
        contact(5, status="lead", last_contact=date(2026, 1, 5)),  # leads have no cadence
    ]
    # Most overdue first, then by due day (ties by contact). Late by workdays: 11-25 to 11-30.
    assert items(people) == [
        (3, "key-customer", "2026-11-24", "2026-11-24", 4, "call"),
        (1, "unclear-email", "2026-11-30", "2026-11-30", 0, "email"),  # Sun 11-29 → Mon
        (2, "intent", "2026-11-30", "2026-11-30", 0, "call"),
        (4, "keep-in-touch", "2026-12-07", "2026-12-07", 0, "call"),  # Sat 12-05 → Mon
        (3, "keep-in-touch", "2026-12-10", "2026-12-10", 0, "call"),
    ]


def test_the_explicit_date_is_its_own_item_and_sorts_by_urgency():
    c = contact(
        status="intent",
        last_contact=date(2026, 11, 28),
        next_date=date(2026, 12, 4),
        promise_made=date(2026, 11, 28),
        last_kind="call",
    )
    got = due_items([c], [], [], TODAY, S)
    assert [(i.rule, i.due) for i in got] == [
        ("intent", date(2026, 12, 1)),
        ("explicit", date(2026, 12, 4)),
    ]
    folded = most_urgent_per_contact(got)
    assert (
        len(folded) == 1
        and folded[0][0].rule == "intent"
        and [i.rule for i in folded[0][1]] == ["explicit"]
    )


def test_event_invitation_then_letter():
    c = contact(status="customer", last_contact=date(2026, 11, 25))
    e = EventFacts(3, "客户答谢日", date(2026, 12, 12), contact_ids=(1,))
    # The notice day, Saturday 11-28, is a deadline before a fixed date: Friday 11-27.
    assert (1, "event-invite", "2026-11-27", "2026-11-27", 1, "call") in items([c], events=[e])
    called = EventFacts(
        3,
        "客户答谢日",
        date(2026, 12, 12),
        contacted={1: (date(2026, 11, 29), False)},
        contact_ids=(1,),
    )
    assert (1, "event-letter", "2026-11-29", "2026-12-01", 0, "email") in items(
        [c], events=[called]
    )
    sent = EventFacts(
        3,
        "客户答谢日",
        date(2026, 12, 12),
        contacted={1: (date(2026, 11, 29), True)},
        contact_ids=(1,),
    )
    assert [r for r in items([c], events=[sent]) if r[1].startswith("event")] == []


def test_intervals_are_settings():
    c = contact(status="intent", last_contact=date(2026, 11, 26))
    assert items([c], settings=Settings(intent_days=5))[0][2] == "2026-12-01"


def test_reasons_in_chinese_json_stays_english(monkeypatch):
    from salesplan import i18n

    c = contact(
        last_contact=date(2026, 11, 21),
        last_kind="call",
        next_date=date(2026, 12, 2),
        promise_made=date(2026, 11, 27),
        status="intent",
    )
    design = ProjectFacts(7, "幕墙", 1, "design", stage_since=date(2026, 11, 1))
    delivery = ProjectFacts(
        8, "门窗", 1, "delivery", stage_since=date(2026, 11, 1), amount=12_000_000, collected=0
    )
    bidding = ProjectFacts(
        9, "照明", 1, "bidding", stage_since=date(2026, 11, 20), bid_date=date(2026, 12, 2)
    )
    event = EventFacts(3, "客户答谢日", date(2026, 12, 10), contact_ids=(1,))
    got = due_items([c], [design, delivery, bidding], [event], TODAY, S)
    english = {i.rule: i.reason for i in got}
    monkeypatch.setenv("SALESPLAN_LANG", "zh-CN")
    i18n.reset()
    try:
        chinese = {i.rule: i.reason_words for i in got}
        assert {i.rule: i.reason for i in got} == english  # what --json says is unchanged
    finally:
        monkeypatch.delenv("SALESPLAN_LANG")
        i18n.reset()
    assert english["explicit"] == "promised on 11-27 for 12-02; last call 9 days ago"
    assert chinese["explicit"] == "11月27日 约定 12月2日 跟进；上次电话：9 天前"
    assert chinese["intent"] == "意向客户：每 3 天联系一次；上次电话：9 天前"
    assert chinese["design-weekly"] == "幕墙 处于初步设计阶段：每周跟进；上次电话：9 天前"
    assert chinese["stage-biweekly"] in (
        "门窗 处于备货交付阶段：每 14 天跟进；上次电话：9 天前",
        "照明 处于招投标阶段：每 14 天跟进；上次电话：9 天前",
    )
    assert chinese["bid-docs"] == "照明：12月2日 投标，提前 2 天送达商务文件"
    assert chinese["event-invite"] == "客户答谢日（12月10日）：提前 14 天电话通知"
    never = due_items([contact(2, status="unclear")], [], [], TODAY, S)[0]
    monkeypatch.setenv("SALESPLAN_LANG", "zh-CN")
    i18n.reset()
    try:
        assert never.reason_words == "意向不明：每 2 天发一封邮件；从未联系"
    finally:
        monkeypatch.delenv("SALESPLAN_LANG")
        i18n.reset()
    assert never.reason == "intent unclear: an email every 2 days; never contacted"


def test_a_promise_stands_until_a_real_contact_on_or_after_the_workday_before_its_day():
    # appt done 5 --next 12月18日 on Thu 12-10, then an answered call that afternoon.
    early = contact(
        status="lead",
        last_contact=date(2026, 12, 10),
        last_kind="call",
        promise_made=date(2026, 12, 10),
        next_date=date(2026, 12, 18),
        contact_since_promise=True,
    )
    got = due_items([early], [], [], date(2026, 12, 11), S)
    assert [(i.rule, i.due) for i in got] == [("explicit", date(2026, 12, 18))]
    assert got[0].reason == "promised on 12-10 for 12-18; the call of 12-10 came before it"
    # A call on Thursday 12-17, the workday before, keeps it.
    kept = replace(early, last_contact=date(2026, 12, 17))
    assert due_items([kept], [], [], date(2026, 12, 17), S) == []
    # For Monday 12-21 the workday before is Friday 12-18: a call that Friday keeps it, and
    # one on Thursday does not.
    monday = replace(early, next_date=date(2026, 12, 21), last_contact=date(2026, 12, 18))
    assert due_items([monday], [], [], date(2026, 12, 18), S) == []
    thursday = replace(monday, last_contact=date(2026, 12, 17))
    assert [i.due for i in due_items([thursday], [], [], date(2026, 12, 18), S)] == [
        date(2026, 12, 21)
    ]
    # No contact after it: it stands whatever came before.
    before = replace(early, contact_since_promise=False)
    assert [i.rule for i in due_items([before], [], [], date(2026, 12, 11), S)] == ["explicit"]


def test_a_callback_is_kept_by_any_real_contact_after_it():
    c = contact(
        status="lead",
        last_contact=date(2026, 12, 4),
        promise_made=date(2026, 12, 4),  # Friday: call back Monday 12-07
        contact_since_promise=False,
    )
    assert [(i.rule, i.due) for i in due_items([c], [], [], date(2026, 12, 4), S)] == [
        ("explicit", date(2026, 12, 7))
    ]
    assert due_items([replace(c, contact_since_promise=True)], [], [], date(2026, 12, 4), S) == []


def test_a_consultation_is_not_called_a_sale():
    asked = contact(after_sales_from=date(2026, 11, 20), after_sales_of="consultation")
    (item,) = due_items([asked], [], [], TODAY, S)
    assert item.rule == "after-sales-1"
    assert item.reason == "first follow-up call, 3–7 days after the consultation of 2026-11-20"
    assert "sale" not in item.reason
    sold = replace(asked, after_sales_of="sale")
    assert "after the sale of 2026-11-20" in due_items([sold], [], [], TODAY, S)[0].reason


def test_an_unclear_prospect_is_emailed_on_its_own_cadence():
    # A call on 11-27 is not the email the rule asks for: it counts from the last email.
    c = contact(
        status="unclear",
        last_contact=date(2026, 11, 27),
        last_kind="call",
        last_email=date(2026, 11, 24),
    )
    (item,) = due_items([c], [], [], TODAY, S)
    assert (item.rule, item.due, item.channel) == ("unclear-email", date(2026, 11, 26), "email")
    assert item.overdue_days == 2  # 11-27 and 11-30


def test_overdue_days_skip_the_holiday():
    from salesplan.core.workdays import build_workdays

    cal = build_workdays("cn")
    # Promised for Wednesday 2026-09-30; on Friday 10-09 after 国庆 it is 2 workdays late.
    c = contact(
        status="lead", promise_made=date(2026, 9, 25), next_date=date(2026, 9, 30), created=None
    )
    (item,) = due_items([c], [], [], date(2026, 10, 9), S, cal)
    assert item.overdue_days == 2


def test_every_rule_is_raised_by_exactly_one_family():
    from salesplan.core.followups import FAMILIES, RULES

    named = [rule for rules in FAMILIES.values() for rule in rules]
    assert sorted(named) == sorted(RULES)
    assert FAMILIES["after_sales"] == ("after-sales-1", "after-sales-2")
