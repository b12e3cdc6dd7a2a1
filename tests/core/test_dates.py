from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesplan.core.dates import (
    local_day_bounds,
    parse_date,
    parse_datetime,
    parse_month,
    parse_time,
    parse_week,
    to_local,
    to_utc,
    week_bounds,
    week_label,
)
from salesplan.errors import BadInput

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-30", date(2026, 11, 30)),
        ("2026-2-3", date(2026, 2, 3)),
        ("today", MONDAY),
        ("Tomorrow", date(2026, 12, 1)),
        ("yesterday", date(2026, 11, 29)),
        ("明天", date(2026, 12, 1)),
        ("mon", MONDAY),  # the next such day, today included
        ("monday", MONDAY),
        ("tue", date(2026, 12, 1)),
        ("fri", date(2026, 12, 4)),
        ("sun", date(2026, 12, 6)),
        ("周五", date(2026, 12, 4)),
        ("+3d", date(2026, 12, 3)),
        ("-1d", date(2026, 11, 29)),
        ("+2w", date(2026, 12, 14)),
        ("+0d", MONDAY),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, MONDAY) == expected


def test_offsets_cross_month_ends_and_leap_days():
    assert parse_date("+1d", date(2028, 2, 28)) == date(2028, 2, 29)
    assert parse_date("+1d", date(2027, 2, 28)) == date(2027, 3, 1)
    assert parse_date("+1d", date(2026, 12, 31)) == date(2027, 1, 1)
    assert parse_date("-1d", date(2026, 3, 1)) == date(2026, 2, 28)
    assert parse_date("+1w", date(2026, 1, 28)) == date(2026, 2, 4)


@pytest.mark.parametrize(
    "text", ["2026-02-30", "2026-13-01", "someday", "+3x", "3d", "", "2026/11/30", "+99999d"]
)
def test_bad_dates_say_what_is_accepted(text):
    with pytest.raises(BadInput) as err:
        parse_date(text, MONDAY)
    assert "YYYY-MM-DD" in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00", time(14)),
        ("9:05", time(9, 5)),
        ("2pm", time(14)),
        ("2:30pm", time(14, 30)),
        ("12am", time(0)),
        ("12pm", time(12)),
        ("11:59PM", time(23, 59)),
        ("0:00", time(0)),
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "13pm", "0am", "14:60", "noon", "1430"])
def test_bad_times(text):
    with pytest.raises(BadInput):
        parse_time(text)


NOW = datetime(2026, 11, 30, 8, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fri 2pm", datetime(2026, 12, 4, 14)),
        ("tomorrow 14:00", datetime(2026, 12, 1, 14)),
        ("2:30pm", datetime(2026, 11, 30, 14, 30)),
        ("2026-12-01T10:00", datetime(2026, 12, 1, 10)),
        ("2026-12-01 10:00", datetime(2026, 12, 1, 10)),
        ("+2d 9am", datetime(2026, 12, 2, 9)),
    ],
)
def test_parse_datetime(text, expected):
    assert parse_datetime(text, NOW) == expected


def test_datetime_needs_a_time_unless_a_default_is_given():
    with pytest.raises(BadInput):
        parse_datetime("tomorrow", NOW)
    assert parse_datetime("yesterday", NOW, default_time=time(8, 5)) == datetime(2026, 11, 29, 8, 5)


def test_weeks_monday_and_sunday_start():
    assert week_bounds(date(2026, 12, 6), 0) == (MONDAY, date(2026, 12, 6))
    assert week_bounds(date(2026, 12, 7), 0) == (date(2026, 12, 7), date(2026, 12, 13))
    # With Sunday as the first day, Sunday 12-06 starts a new week.
    assert week_bounds(date(2026, 12, 6), 6) == (date(2026, 12, 6), date(2026, 12, 12))
    assert week_bounds(date(2026, 12, 5), 6) == (date(2026, 11, 29), date(2026, 12, 5))


def test_week_labels_include_iso_week_53():
    assert week_label(MONDAY) == "2026-W49"
    assert week_label(date(2026, 12, 28)) == "2026-W53"
    assert (
        week_label(date(2026, 11, 29)) == "2026-W49"
    )  # a Sunday-start week is named by its Monday
    assert parse_week("2026-W53", MONDAY) == date(2026, 12, 28)
    assert parse_week("2026-w49", MONDAY, 6) == date(2026, 11, 29)
    with pytest.raises(BadInput):
        parse_week("2025-W53", MONDAY)  # 2025 has only 52 ISO weeks


def test_months():
    assert parse_month("2026-11", MONDAY) == date(2026, 11, 1)
    assert parse_month("last", MONDAY) == date(2026, 10, 1)
    with pytest.raises(BadInput):
        parse_month("2026-13", MONDAY)


def test_a_nine_oclock_appointment_stays_at_nine_across_dst():
    berlin = ZoneInfo("Europe/Berlin")
    before = to_utc(datetime(2026, 3, 28, 9), berlin)
    after = to_utc(datetime(2026, 3, 30, 9), berlin)
    assert before.hour == 8 and after.hour == 7  # CET then CEST
    assert to_local(before, berlin) == datetime(2026, 3, 28, 9)
    assert to_local(after, berlin) == datetime(2026, 3, 30, 9)


def test_dst_day_is_23_hours_long():
    start, end = local_day_bounds(date(2026, 3, 29), date(2026, 3, 29), ZoneInfo("Europe/Berlin"))
    assert (end - start).total_seconds() == 23 * 3600


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 6))
def test_every_day_is_in_exactly_its_own_week(day, week_start):
    start, end = week_bounds(day, week_start)
    assert start <= day <= end
    assert start.weekday() == week_start
    assert (end - start).days == 6


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2080, 12, 31)))
def test_iso_dates_round_trip(day):
    assert parse_date(day.isoformat(), MONDAY) == day
