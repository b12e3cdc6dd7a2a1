"""Month, week and year arithmetic on literal dates."""

from datetime import date, timedelta

import pytest

from salesplan.core.periods import (
    MonthWeek,
    days_in_year,
    next_week,
    previous_week,
    weeks_of_month,
    year_elapsed_share,
)


def test_a_month_is_cut_into_its_weeks_clipped_to_the_month():
    weeks = weeks_of_month(date(2026, 11, 1))
    # 2026-11-01 is a Sunday: its week began on Monday 10-26, in October.
    assert weeks[0] == MonthWeek(date(2026, 10, 26), date(2026, 11, 1), date(2026, 11, 1))
    assert weeks[0].label == "2026-W44"
    assert [(w.first.day, w.last.day) for w in weeks] == [
        (1, 1),
        (2, 8),
        (9, 15),
        (16, 22),
        (23, 29),
        (30, 30),
    ]
    assert weeks[-1].label == "2026-W49"


def test_weeks_of_february_in_a_leap_year_and_not():
    assert weeks_of_month(date(2028, 2, 1))[-1].last == date(2028, 2, 29)
    assert weeks_of_month(date(2026, 2, 1))[-1].last == date(2026, 2, 28)
    # February 2021 began on a Monday and had exactly four weeks.
    assert [w.first for w in weeks_of_month(date(2021, 2, 1))] == [
        date(2021, 2, 1),
        date(2021, 2, 8),
        date(2021, 2, 15),
        date(2021, 2, 22),
    ]


def test_december_2026_ends_in_iso_week_53_which_crosses_the_year():
    weeks = weeks_of_month(date(2026, 12, 1))
    last = weeks[-1]
    assert last.label == "2026-W53"
    assert (last.week_start, last.first, last.last) == (
        date(2026, 12, 28),
        date(2026, 12, 28),
        date(2026, 12, 31),
    )
    # January 2027 opens with the same ISO week, clipped to its first three days.
    first = weeks_of_month(date(2027, 1, 1))[0]
    assert (first.label, first.first, first.last) == (
        "2026-W53",
        date(2027, 1, 1),
        date(2027, 1, 3),
    )


def test_weeks_starting_on_sunday_are_named_by_their_monday():
    weeks = weeks_of_month(date(2026, 12, 1), week_start=6)
    assert weeks[0] == MonthWeek(date(2026, 11, 29), date(2026, 12, 1), date(2026, 12, 5))
    assert weeks[0].label == "2026-W49"
    assert weeks[-1].week_start == date(2026, 12, 27) and weeks[-1].label == "2026-W53"


def test_a_day_belongs_to_the_week_of_the_month_that_holds_it():
    week = weeks_of_month(date(2026, 11, 1))[1]
    assert week.holds(date(2026, 11, 2)) and week.holds(date(2026, 11, 8))
    assert not week.holds(date(2026, 11, 9)) and not week.holds(date(2026, 11, 1))


def test_the_weeks_before_and_after_cross_the_year():
    assert previous_week(date(2027, 1, 4)) == (date(2026, 12, 28), date(2027, 1, 3))
    assert next_week(date(2026, 12, 27)) == (date(2026, 12, 28), date(2027, 1, 3))


@pytest.mark.parametrize(
    ("until", "today", "share"),
    [
        (date(2026, 1, 31), date(2026, 1, 1), round(1 / 365, 4)),  # the first day counts
        (date(2026, 11, 30), date(2026, 11, 30), round(334 / 365, 4)),
        (date(2026, 11, 30), date(2027, 2, 1), round(334 / 365, 4)),  # a past month: its end
        (date(2026, 12, 31), date(2026, 12, 31), 1.0),
        (date(2026, 3, 31), date(2025, 12, 31), 0.0),  # a month of a year not yet begun
    ],
)
def test_the_share_of_the_year_gone(until, today, share):
    assert year_elapsed_share(2026, until, today) == share


def test_a_leap_year_is_366_days_long_so_its_last_day_is_the_whole_year():
    assert days_in_year(2028) == 366 and days_in_year(2026) == 365 and days_in_year(2100) == 365
    assert year_elapsed_share(2028, date(2028, 12, 31), date(2028, 12, 31)) == 1.0
    assert year_elapsed_share(2028, date(2028, 2, 29), date(2028, 3, 1)) == round(60 / 366, 4)


def test_the_yearly_sales_target_is_split_by_workdays():
    from salesplan.core.periods import sales_target_share
    from salesplan.core.workdays import Workdays, build_workdays

    plain = Workdays()  # Monday to Friday: 2026 has 261 workdays
    assert plain.count(date(2026, 1, 1), date(2026, 12, 31)) == 261
    assert sales_target_share(261_000, date(2026, 11, 30), date(2026, 12, 6), plain) == 5_000
    assert sales_target_share(261_000, date(2026, 12, 5), date(2026, 12, 6), plain) == 0
    # Across New Year: 3 workdays of 2026 (of 261) and 1 of 2027 (of 261).
    assert sales_target_share(261_000, date(2026, 12, 29), date(2027, 1, 3), plain) == 4_000
    cn = build_workdays("cn")
    year = cn.count(date(2026, 1, 1), date(2026, 12, 31))
    # National Day week 2026 (Sep 28 – Oct 4): the holiday carries nothing.
    holiday_week = cn.count(date(2026, 9, 28), date(2026, 10, 4))
    assert holiday_week < 5
    assert sales_target_share(year * 100, date(2026, 9, 28), date(2026, 10, 4), cn) == (
        holiday_week * 100
    )
    months = [
        sales_target_share(
            100_000_000, date(2026, m, 1), date(2026 + m // 12, m % 12 + 1, 1) - timedelta(1), cn
        )
        for m in range(1, 13)
    ]
    assert abs(sum(months) - 100_000_000) <= 6  # each month rounded to a fen
