from datetime import date, timedelta

from salesplan.core.summary import (
    ActivityRow,
    DevelopingContact,
    ExpenseRow,
    KeyContact,
    PaymentRow,
    PeriodRows,
    build_summary,
    summary_json,
    totals_for,
)

MON = date(2026, 11, 30)


def rows(*acts, **kw):
    return PeriodRows(activities=[ActivityRow(*a) for a in acts], **kw)


def summarise(week_rows, prev_rows=PeriodRows(), start=MON, end=date(2026, 12, 6)):
    from datetime import timedelta

    return build_summary(
        start=start,
        end=end,
        label="2026-W49",
        rows=week_rows,
        previous_rows=prev_rows,
        previous_start=start - timedelta(days=7),
        previous_end=start - timedelta(days=1),
        calls_per_day=2,
        visits_per_week=3,
        new_contacts_per_week=1,
    )


def test_days_totals_and_targets():
    s = summarise(
        rows(
            (MON, "call", "reached", 1),
            (MON, "call", "no-answer", 2),
            (MON, "visit", "order", 1),
            (date(2026, 12, 1), "call", "busy", None),
            (date(2026, 12, 1), "visit", "reached", 1),
            (date(2026, 12, 1), "visit", "reached", None),
            (date(2026, 12, 6), "email", "sent", 2),
        )
    )
    data = summary_json(s)
    assert [
        (d["date"], d["calls"], d["reached"], d["visits"], d["calls_target_met"])
        for d in data["days"][:3]
    ] == [
        ("2026-11-30", 2, 1, 1, True),
        ("2026-12-01", 1, 0, 2, False),
        ("2026-12-02", 0, 0, 0, False),
    ]
    assert len(data["days"]) == 7
    t = data["totals"]
    assert (t["calls"], t["visits"], t["emails"], t["call_days_met"], t["visited_customers"]) == (
        3,
        3,
        1,
        1,
        1,
    )
    assert data["visits_target_met"] is True


def test_amounts_are_summed_exactly_and_change_against_an_empty_week():
    s = summarise(
        rows(
            payments=[
                PaymentRow("p", "c", 10, date(2026, 11, 30), None),
                PaymentRow("p", "c", 20, date(2026, 12, 1), None),
            ],
            expenses=[
                ExpenseRow("travel", 10, date(2026, 11, 30), None),
                ExpenseRow("meal", 20, date(2026, 11, 30), None),
            ],
        )
    )
    data = summary_json(s)
    assert data["totals"]["collections"] == 0.3  # 0.10 + 0.20, not 0.30000000000000004
    assert data["sections"]["expenses"]["travel"] == 0.1
    assert data["sections"]["expenses"]["other_than_travel"] == 0.2
    assert data["change"]["collections"] == 0.3
    assert data["previous"]["calls"] == 0 and data["change"]["calls"] == 0


def test_a_week_across_a_month_end_and_the_year_end_week_53():
    start, end = date(2026, 12, 28), date(2027, 1, 3)
    s = build_summary(
        start=start,
        end=end,
        label="2026-W53",
        rows=rows(
            (date(2026, 12, 31), "call", "reached", 1), (date(2027, 1, 2), "visit", "reached", 1)
        ),
        previous_rows=rows((date(2026, 12, 21), "call", "reached", 1)),
        previous_start=date(2026, 12, 21),
        previous_end=date(2026, 12, 27),
        calls_per_day=30,
        visits_per_week=20,
        new_contacts_per_week=5,
    )
    data = summary_json(s)
    assert [d["date"] for d in data["days"]] == [
        "2026-12-28",
        "2026-12-29",
        "2026-12-30",
        "2026-12-31",
        "2027-01-01",
        "2027-01-02",
        "2027-01-03",
    ]
    assert (data["totals"]["calls"], data["totals"]["visits"]) == (1, 1)
    assert data["change"]["visits"] == 1


def test_sections_key_customers_and_development():
    s = summarise(
        rows(
            (MON, "call", "callback", 1, "王建国"),
            (MON, "visit", "reached", 3, "陈静", "朝阳"),
            key_contacts=[KeyContact(1, "王建国"), KeyContact(2, "李娜")],
            developing=[DevelopingContact(3, "陈静", "intent", None)],
        )
    )
    sec = s.sections
    assert [k.name for k in sec.key_customers.touched] == ["王建国"]
    assert [k.name for k in sec.key_customers.not_touched] == ["李娜"]
    assert [t.to_json() for t in sec.to_develop] == [
        {"id": 3, "name": "陈静", "status": "intent", "company": None, "last_outcome": "reached"}
    ]
    assert sec.customer_visits.visits[0].area == "朝阳"


def test_money_changes_stay_exact_and_show_as_the_totals_do():
    before = rows(payments=[PaymentRow("p", "c", 1050, MON - timedelta(days=7), None)])
    now = rows(
        payments=[PaymentRow("p", "c", 2050, MON, None)],
        expenses=[ExpenseRow("meal", 1, MON, None), ExpenseRow("meal", 2, MON, None)],
    )
    s = summarise(now, before)
    assert (s.totals.collections, s.change.collections, s.totals.expenses) == (2050, 1000, 3)
    data = summary_json(s)
    # 20.50 - 10.50 is a whole 10, shown as 10.0 because the totals were not whole.
    assert data["change"]["collections"] == 10.0
    assert isinstance(data["change"]["collections"], float)
    assert data["change"]["expenses"] == 0.03  # not 0.030000000000000002
    assert data["sections"]["expenses"]["by_category"] == {"meal": 0.03}


def test_days_off_come_from_the_work_calendar():
    from salesplan.core.workdays import Workdays

    # Tuesday 12-01 taken off, Saturday 12-05 worked (a make-up day).
    calendar = Workdays(overrides={date(2026, 12, 1): False, date(2026, 12, 5): True})
    _, days = totals_for(rows(), MON, date(2026, 12, 6), 30, calendar)
    assert [d.workday for d in days] == [True, False, True, True, True, True, False]
    _, plain = totals_for(rows(), MON, date(2026, 12, 6), 30)
    assert [d.workday for d in plain] == [True, True, True, True, True, False, False]


def test_the_contacts_reached_are_those_a_real_contact_reached():
    period = rows(
        (MON, "call", "reached", 1),
        (MON, "call", "no-answer", 2),
        (MON, "visit", "reached", 3),
        (MON, "email", "busy", 4),
        (MON, "call", "reached", None),
    )
    assert period.reached() == {1, 3}


def test_a_share_of_a_target_is_rounded_and_none_without_a_target():
    from salesplan.core.summary.week import share_of

    assert share_of(1, 3) == 0.3333
    assert share_of(5, 0) is None
