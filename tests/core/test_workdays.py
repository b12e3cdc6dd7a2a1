"""The workday calendar: official Chinese holidays and 调休 days, fallback, overrides."""

from datetime import date

import pytest

from salesplan.core.workdays import build_workdays, default_holidays, prorated_weekly_target

CN = build_workdays("cn")


def test_spring_festival_week_2026_is_off_and_its_saturdays_are_worked():
    # 2026: 2-15 (Sun) to 2-23 (Mon) off; Saturdays 2-14 and 2-28 are make-up workdays.
    assert [CN.is_workday(date(2026, 2, d)) for d in range(14, 25)] == [
        True,  # Sat 14: 调休
        *[False] * 9,  # Sun 15 .. Mon 23
        True,  # Tue 24
    ]
    assert CN.is_workday(date(2026, 2, 28))
    assert CN.kind(date(2026, 2, 28)) == "makeup"
    assert CN.kind(date(2026, 2, 17)) == "holiday"
    # Mon 16 – Sun 22: no workday at all; the week after has six (Tue–Sat 28).
    assert CN.count(date(2026, 2, 16), date(2026, 2, 22)) == 0
    assert CN.count(date(2026, 2, 23), date(2026, 3, 1)) == 5


def test_national_day_week_2026():
    assert not any(CN.is_workday(date(2026, 10, d)) for d in range(1, 8))
    assert CN.is_workday(date(2026, 9, 20))  # Sunday before: 调休
    assert CN.is_workday(date(2026, 10, 10))  # Saturday after: 调休
    assert not CN.is_workday(date(2026, 10, 11))  # an ordinary Sunday
    # A cadence landing on National Day moves to Thu 10-08; a deadline to Wed 09-30.
    assert CN.on_or_after(date(2026, 10, 3)) == date(2026, 10, 8)
    assert CN.on_or_before(date(2026, 10, 3)) == date(2026, 9, 30)
    assert CN.next_workday(date(2026, 9, 30)) == date(2026, 10, 8)
    assert CN.next_workday(date(2026, 10, 9)) == date(2026, 10, 10)


def test_without_the_official_calendar_it_is_monday_to_friday():
    plain = build_workdays("none")
    assert plain.is_workday(date(2026, 10, 1))  # a Thursday
    assert not plain.is_workday(date(2026, 2, 14))  # a Saturday
    assert plain.unknown_years(date(2020, 1, 1), date(2030, 1, 1)) == []


def test_a_year_the_data_does_not_know_falls_back_and_is_reported():
    cal = build_workdays("cn")
    assert cal.knows(2026)
    assert not cal.knows(2099)
    assert cal.unknown_years(date(2026, 12, 28), date(2027, 1, 3)) == [2027] or cal.knows(2027)
    # 2099 is past the official data: its statutory 元旦 (a Thursday) is off, never an exception.
    assert not cal.is_workday(date(2099, 1, 1))
    assert cal.is_workday(date(2099, 1, 2))
    assert not cal.is_workday(date(2099, 1, 3))
    assert cal.next_workday(date(2099, 1, 2)) == date(2099, 1, 5)
    assert cal.unknown_years(date(2098, 12, 1), date(2099, 1, 31)) == [2098, 2099]
    # Past the statutory data (2100): Monday to Friday, still a guess. 2201-01-01 is a Monday.
    assert cal.is_workday(date(2201, 1, 1))
    assert cal.year_source(2201) == "weekdays"
    assert cal.guessed_years() == [2027, 2098, 2099, 2201]


def test_overrides_win_over_the_calendar():
    own = build_workdays("cn", {date(2026, 10, 2): True, date(2026, 12, 4): False})
    assert own.is_workday(date(2026, 10, 2))
    assert own.kind(date(2026, 10, 2)) == "own-work"
    assert not own.is_workday(date(2026, 12, 4))
    assert own.kind(date(2026, 12, 4)) == "own-off"
    # Week of 11-30: Friday off → 4 workdays.
    assert own.count(date(2026, 11, 30), date(2026, 12, 6)) == 4
    # In a year with no official data the override still counts.
    far = build_workdays("cn", {date(2099, 1, 3): True})
    assert far.is_workday(date(2099, 1, 3))


@pytest.mark.parametrize(
    ("workdays", "target"), [(5, 20), (4, 16), (3, 12), (6, 24), (0, 0), (1, 4)]
)
def test_weekly_visit_target_is_prorated(workdays, target):
    assert prorated_weekly_target(20, workdays) == target


def test_visit_target_rounds_half_up():
    assert prorated_weekly_target(18, 3) == 11  # 10.8
    assert prorated_weekly_target(15, 1) == 3  # 3.0
    assert prorated_weekly_target(5, 1) == 1  # 1.0
    assert prorated_weekly_target(7, 2) == 3  # 2.8


@pytest.mark.parametrize(
    ("zone", "region"),
    [
        ("Asia/Shanghai", "cn"),
        ("Asia/Urumqi", "cn"),
        ("PRC", "cn"),
        ("Asia/Hong_Kong", "none"),
        ("Asia/Taipei", "none"),
        ("Europe/Berlin", "none"),
        (None, "none"),
    ],
)
def test_default_holidays_follow_the_time_zone(zone, region):
    assert default_holidays(zone) == region


def test_absences_whole_and_half_days():
    from salesplan.core.template import Block, half_day_blocks

    tue, wed, thu, sat = date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3), date(2026, 12, 5)
    cal = build_workdays(
        "none", absences={tue: "day", wed: "afternoon", thu: "morning", sat: "morning"}
    )
    # A whole day absent is not worked: no target, not counted among the week's workdays.
    assert not cal.is_workday(tue) and cal.kind(tue) == "absent"
    assert cal.call_target(tue, 30) == 0
    assert cal.count(date(2026, 11, 30), date(2026, 12, 6)) == 4
    # A cadence falling on it moves to the next workday.
    assert cal.on_or_after(tue) == wed
    # Half a day: worked, half the target (rounded up).
    assert cal.is_workday(wed) and cal.half_absent(wed) == "afternoon"
    assert (cal.call_target(wed, 30), cal.call_target(thu, 25)) == (15, 13)
    # Half of a day off is nothing.
    assert cal.half_absent(sat) is None and cal.call_target(sat, 30) == 0
    day = [
        Block(8 * 60, 9 * 60, "meeting", "m"),
        Block(9 * 60 + 30, 17 * 60, "field", "f"),
        Block(17 * 60, 18 * 60, "office", "o"),
    ]
    assert [(b.start, b.end, b.kind) for b in half_day_blocks(day, "morning")] == [
        (12 * 60, 17 * 60, "field"),
        (17 * 60, 18 * 60, "office"),
    ]
    assert [(b.start, b.end, b.kind) for b in half_day_blocks(day, "afternoon")] == [
        (8 * 60, 9 * 60, "meeting"),
        (9 * 60 + 30, 12 * 60, "field"),
    ]
    assert half_day_blocks(day, None) == day


def test_days_late_counts_workdays_after_the_deadline():
    from datetime import date

    from salesplan.core.workdays import build_workdays

    cal = build_workdays("cn")
    # Thu 2026-10-01 is 国庆: a deadline of Wed 09-30 is late by the workdays after it only.
    assert cal.days_late(date(2026, 9, 30), date(2026, 10, 9)) == 2  # 10-08 Thu, 10-09 Fri
    assert cal.days_late(date(2026, 12, 3), date(2026, 12, 6)) == 1  # Fri 12-04 only
    assert cal.days_late(date(2026, 12, 4), date(2026, 12, 6)) == 0  # due Friday, read Sunday
    assert cal.days_late(date(2026, 12, 7), date(2026, 12, 7)) == 0
    assert cal.days_late(date(2026, 12, 7), date(2026, 12, 1)) == 0
