"""Dates, times, weeks and months as people say them: Chinese numerals and parts of the day,
moments that already happened, weeks and months named from today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesplan import i18n
from salesplan.core.dates import (
    parse_date,
    parse_datetime,
    parse_month,
    parse_time,
    parse_week,
    week_bounds,
)
from salesplan.errors import BadInput

MONDAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 8, 5)
SUNDAY_EVENING = datetime(2026, 12, 27, 20, 0)  # the back-dating evening
MONDAY_AFTER = datetime(2026, 12, 28, 9, 0)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("两点", time(2, 0)),
        ("三点半", time(3, 30)),
        ("十点一刻", time(10, 15)),
        ("十点三刻", time(10, 45)),
        ("十点", time(10, 0)),
        ("十一点", time(11, 0)),
        ("十二点", time(12, 0)),
        ("二十点", time(20, 0)),
        ("二十三点", time(23, 0)),
        ("八点十五", time(8, 15)),
        ("八点十五分", time(8, 15)),
        ("三点零五", time(3, 5)),
        ("三点五分", time(3, 5)),
        ("三点四十五", time(3, 45)),
        ("九点整", time(9, 0)),
        ("三点钟", time(3, 0)),
        ("下午两点", time(14, 0)),
        ("下午三点半", time(15, 30)),
        ("上午九点", time(9, 0)),
        ("晚上八点", time(20, 0)),
        ("晚8点", time(20, 0)),
        ("傍晚6点", time(18, 0)),
        ("中午12点", time(12, 0)),
        ("中午一点", time(13, 0)),
        ("凌晨三点", time(3, 0)),
        ("凌晨十二点", time(0, 0)),
        ("早上七点半", time(7, 30)),
        ("夜里十一点", time(23, 0)),
        # the forms that worked before still do
        ("下午2点", time(14, 0)),
        ("14点30", time(14, 30)),
        ("上午10点半", time(10, 30)),
        ("晚上7点15分", time(19, 15)),
        ("3点一刻", time(3, 15)),
    ],
)
def test_chinese_numerals_and_parts_of_the_day(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    "typed", ["上午十四点", "三十点", "两点六十", "晚上12点", "三三点", "三点五", "下午"]
)
def test_impossible_spoken_times_are_refused(typed):
    with pytest.raises(BadInput):
        parse_time(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("今天下午两点", datetime(2026, 11, 30, 14, 0)),
        ("后天上午九点", datetime(2026, 12, 2, 9, 0)),
        ("今晚7点", datetime(2026, 11, 30, 19, 0)),
        ("今晚 7点", datetime(2026, 11, 30, 19, 0)),
        ("明早9点", datetime(2026, 12, 1, 9, 0)),
        ("明晚八点半", datetime(2026, 12, 1, 20, 30)),
        ("中午12点", datetime(2026, 11, 30, 12, 0)),
        ("傍晚6点", datetime(2026, 11, 30, 18, 0)),
        ("晚上八点", datetime(2026, 11, 30, 20, 0)),
        ("明天 下午三点", datetime(2026, 12, 1, 15, 0)),
        ("周二十点", datetime(2026, 12, 1, 10, 0)),  # 周二 十点, not 周 二十点
        ("12月8日上午十点半", datetime(2026, 12, 8, 10, 30)),
        ("fri 2:30 pm", datetime(2026, 12, 4, 14, 30)),
    ],
)
def test_spoken_date_times(typed, expected):
    assert parse_datetime(typed, NOW) == expected


@pytest.mark.parametrize(
    ("typed", "now", "expected"),
    [
        # 12月18日 typed on 2026-12-27 is the one nine days ago, not next year's
        ("12月18日 下午2点", SUNDAY_EVENING, datetime(2026, 12, 18, 14, 0)),
        ("12月18日下午两点", SUNDAY_EVENING, datetime(2026, 12, 18, 14, 0)),
        # 周四 typed on a Monday is the Thursday before
        ("周四 15:00", MONDAY_AFTER, datetime(2026, 12, 24, 15, 0)),
        ("星期四下午三点", MONDAY_AFTER, datetime(2026, 12, 24, 15, 0)),
        ("thu 3pm", MONDAY_AFTER, datetime(2026, 12, 24, 15, 0)),
        ("thursday 15:00", MONDAY_AFTER, datetime(2026, 12, 24, 15, 0)),
        # the latest 8th not after today
        ("8号 10:00", MONDAY_AFTER, datetime(2026, 12, 8, 10, 0)),
        ("28号 8:00", MONDAY_AFTER, datetime(2026, 12, 28, 8, 0)),
        # today's weekday, but later than now: last week's
        ("周一 下午2点", MONDAY_AFTER, datetime(2026, 12, 21, 14, 0)),
        ("mon 8:30", MONDAY_AFTER, datetime(2026, 12, 28, 8, 30)),
        ("28号 10:00", MONDAY_AFTER, datetime(2026, 11, 28, 10, 0)),
        # what names one day whatever the direction stays that day
        ("昨天下午两点", MONDAY_AFTER, datetime(2026, 12, 27, 14, 0)),
        ("上周五 9:00", MONDAY_AFTER, datetime(2026, 12, 25, 9, 0)),
        ("2026-12-01 09:00", MONDAY_AFTER, datetime(2026, 12, 1, 9, 0)),
        ("明天 9:00", MONDAY_AFTER, datetime(2026, 12, 29, 9, 0)),
    ],
)
def test_a_moment_that_happened_is_the_latest_such(typed, now, expected):
    assert parse_datetime(typed, now, past=True) == expected


def test_without_past_a_recurring_day_is_still_the_next_one():
    assert parse_datetime("12月18日 下午2点", SUNDAY_EVENING) == datetime(2027, 12, 18, 14, 0)
    assert parse_datetime("周四 15:00", MONDAY_AFTER) == datetime(2026, 12, 31, 15, 0)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("周四", date(2026, 11, 26)),
        ("thu", date(2026, 11, 26)),
        ("周一", MONDAY),  # today included
        ("8号", date(2026, 11, 8)),
        ("31号", date(2026, 10, 31)),  # November has no 31st
        ("12月1日", date(2025, 12, 1)),
        ("11月30日", MONDAY),
        ("今天", MONDAY),
        ("下周一", date(2026, 12, 7)),  # says its own week: not turned back
    ],
)
def test_past_dates(typed, expected):
    assert parse_date(typed, MONDAY, past=True) == expected


def test_29_february_looks_back_to_a_leap_year():
    assert parse_date("2月29日", date(2026, 3, 1), past=True) == date(2024, 2, 29)


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2950, 12, 31)),
    st.sampled_from(["周一", "周四", "sun", "8号", "31号", "12月18日", "2月29日", "1月1日"]),
)
def test_the_past_day_is_the_latest_such_day_not_after_today(today, typed):
    before = parse_date(typed, today, past=True)
    after = parse_date(typed, today)
    assert before <= today <= after
    # each is a day of that form, and none lies between them but today itself
    assert parse_date(typed, before) == before and parse_date(typed, after, past=True) == after
    assert parse_date(typed, before + timedelta(days=1)) == after or before == today
    assert parse_date(typed, after - timedelta(days=1), past=True) == before or after == today


@pytest.mark.parametrize(
    ("typed", "past", "expected"),
    [
        ("本周", True, MONDAY),
        ("上周", True, date(2026, 11, 23)),
        ("下周", False, date(2026, 12, 7)),
        ("this", True, MONDAY),
        ("last", True, date(2026, 11, 23)),
        ("next", False, date(2026, 12, 7)),
        ("第50周", False, date(2026, 12, 7)),
        ("第 50 周", False, date(2026, 12, 7)),
        ("2026年第50周", True, date(2026, 12, 7)),
        ("2026-W50", True, date(2026, 12, 7)),
        ("W50", False, date(2026, 12, 7)),
        ("第48周", True, date(2026, 11, 23)),
        ("第48周", False, date(2027, 11, 29)),  # the next such week: next year's
        ("2026-12-24", True, date(2026, 12, 21)),
        ("周四", True, date(2026, 11, 23)),  # a day in the week, the latest Thursday
    ],
)
def test_weeks_as_people_say_them(typed, past, expected):
    assert parse_week(typed, MONDAY, past=past) == expected


def test_a_week_number_in_january_looks_back_to_december():
    assert parse_week("第50周", date(2027, 1, 5), past=True) == date(2026, 12, 7)
    assert parse_week("第1周", date(2026, 12, 28), past=False) == date(2027, 1, 4)


def test_weeks_follow_the_week_start():
    # A week starting on Sunday is named by the ISO week of its Monday.
    assert parse_week("上周", MONDAY, 6, past=True) == date(2026, 11, 22)
    assert parse_week("第49周", MONDAY, 6, past=True) == date(2026, 11, 29)
    assert week_bounds(parse_week("本周", MONDAY, 6), 6)[0] == date(2026, 11, 29)


@pytest.mark.parametrize(
    ("typed", "past", "expected"),
    [
        ("本月", True, date(2026, 11, 1)),
        ("上月", True, date(2026, 10, 1)),
        ("下月", False, date(2026, 12, 1)),
        ("11月", True, date(2026, 11, 1)),
        ("12月", True, date(2025, 12, 1)),  # the latest December that has begun
        ("12月", False, date(2026, 12, 1)),
        ("2026-11", True, date(2026, 11, 1)),
        ("2026年11月", True, date(2026, 11, 1)),
        ("nov", True, date(2026, 11, 1)),
        ("December", True, date(2025, 12, 1)),
        ("last", True, date(2026, 10, 1)),
    ],
)
def test_months_as_people_say_them(typed, past, expected):
    assert parse_month(typed, MONDAY, past=past) == expected


def test_last_month_in_january_is_last_year_s_december():
    assert parse_month("上月", date(2027, 1, 4), past=True) == date(2026, 12, 1)


@pytest.mark.parametrize(("lang", "words"), [("en", "this, next, last"), ("zh-CN", "本周、上周")])
def test_a_bad_week_says_what_is_accepted(lang, words):
    i18n.use_language(lang)
    with pytest.raises(BadInput) as err:
        parse_week("第99周", MONDAY)
    assert words in str(err.value) and "第99周" in str(err.value)


@pytest.mark.parametrize(("lang", "words"), [("en", "this, last"), ("zh-CN", "本月、上月")])
def test_a_bad_month_says_what_is_accepted(lang, words):
    i18n.use_language(lang)
    with pytest.raises(BadInput) as err:
        parse_month("13月", MONDAY)
    assert words in str(err.value)
