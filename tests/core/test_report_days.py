"""The report's day marks, to-do lateness and a month's first day used, on literal dates."""

from datetime import date

from salesplan.core.summary import ActivityRow, PeriodRows, totals_for
from salesplan.core.todos import TodoItem
from salesplan.core.workdays import build_workdays


def _calls(day: date, n: int) -> list[ActivityRow]:
    return [ActivityRow(day, "call", "no-answer", None) for _ in range(n)]


def test_each_day_has_its_own_target():
    calendar = build_workdays("cn", absences={date(2026, 12, 1): "afternoon"})
    rows = PeriodRows(
        activities=[
            *_calls(date(2026, 11, 30), 30),
            *_calls(date(2026, 12, 1), 15),
            *_calls(date(2026, 12, 5), 40),
        ]
    )
    totals, days = totals_for(rows, date(2026, 11, 30), date(2026, 12, 6), 30, calendar)
    by_day = {d.day: d for d in days}
    assert [(d.call_target, d.calls_target_met) for d in days] == [
        (30, True),
        (15, True),  # a half day absent: met at 15
        (30, False),
        (30, False),
        (30, False),
        (0, False),  # Saturday: 40 calls, no target, not met
        (0, False),
    ]
    assert not by_day[date(2026, 12, 5)].missed and by_day[date(2026, 12, 2)].missed
    assert (totals.calls, totals.call_days_met) == (85, 2)


def test_a_todo_is_late_by_workdays():
    cn = build_workdays("cn")
    before_holiday = TodoItem(1, "节前报价", date(2026, 9, 30), False, False)
    assert before_holiday.overdue_days(date(2026, 10, 8), cn) == 1  # not 8: 国庆 costs nothing
    assert before_holiday.overdue_days(date(2026, 10, 7), cn) == 0
    assert before_holiday.overdue_days(date(2026, 10, 10), cn) == 3  # 10-10 is a 调休 Saturday
    friday = TodoItem(2, "周五交方案", date(2026, 12, 4), False, False)
    assert friday.overdue_days(date(2026, 12, 6)) == 0  # the weekend after costs nothing
    assert friday.overdue_days(date(2026, 12, 7)) == 1
    done = TodoItem(3, "已办", date(2026, 12, 1), False, True)
    assert done.overdue_days(date(2026, 12, 7), cn) == 0
