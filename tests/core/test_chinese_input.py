"""Every Chinese form a salesperson types, parsed in core beside the English ones."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from salesplan import i18n
from salesplan.core import vocab
from salesplan.core.dates import parse_date, parse_datetime, parse_month, parse_time, weekday_index
from salesplan.core.money import parse_amount
from salesplan.core.validate import choose
from salesplan.errors import BadInput
from salesplan.models import (
    ACTIVITY_KINDS,
    EXPENSE_CATEGORIES,
    FLAGS,
    NOTE_KINDS,
    OPEN_STAGES,
    OUTCOMES,
    STAGES,
    STATUSES,
    TIERS,
)

MONDAY = date(2026, 11, 30)  # the pinned day: Monday of ISO week 49
NOW = datetime(2026, 11, 30, 8, 5)


@pytest.mark.parametrize(
    ("what", "options", "typed", "key"),
    [
        ("status", STATUSES, "线索", "lead"),
        ("status", STATUSES, "意向", "intent"),
        ("status", STATUSES, "不明确", "unclear"),
        ("status", STATUSES, "意向不明", "unclear"),
        ("status", STATUSES, "客户", "customer"),
        ("status", STATUSES, "老客户", "customer"),
        ("status", STATUSES, "流失", "lost"),
        ("tier", TIERS, "重点", "key"),
        ("tier", TIERS, "大客户", "key"),
        ("tier", TIERS, "普通", "normal"),
        ("stage", OPEN_STAGES, "初步设计", "design"),
        ("stage", OPEN_STAGES, "设计", "design"),
        ("stage", OPEN_STAGES, "招投标", "bidding"),
        ("stage", OPEN_STAGES, "投标", "bidding"),
        ("stage", STAGES, "深化设计", "detailing"),
        ("stage", STAGES, "深化", "detailing"),
        ("stage", STAGES, "备货", "delivery"),
        ("stage", STAGES, "供货", "delivery"),
        ("stage", STAGES, "交付", "delivery"),
        ("stage", STAGES, "验收", "acceptance"),
        ("stage", STAGES, "成交", "won"),
        ("stage", STAGES, "丢单", "lost"),
        ("outcome", OUTCOMES, "接通", "reached"),
        ("outcome", OUTCOMES, "未接通", "no-answer"),
        ("outcome", OUTCOMES, "无人接听", "no-answer"),
        ("outcome", OUTCOMES, "忙", "busy"),
        ("outcome", OUTCOMES, "占线", "busy"),
        ("outcome", OUTCOMES, "回电", "callback"),
        ("outcome", OUTCOMES, "稍后再打", "callback"),
        ("outcome", OUTCOMES, "约见", "appointment"),
        ("outcome", OUTCOMES, "已约", "appointment"),
        ("outcome", OUTCOMES, "无意向", "not-interested"),
        ("outcome", OUTCOMES, "成交", "order"),
        ("outcome", OUTCOMES, "下单", "order"),
        ("outcome", OUTCOMES, "咨询", "consultation"),
        ("outcome", OUTCOMES, "已发送", "sent"),
        ("outcome", OUTCOMES, "空号", "wrong-number"),
        ("outcome", OUTCOMES, "错号", "wrong-number"),
        ("category", EXPENSE_CATEGORIES, "交通", "travel"),
        ("category", EXPENSE_CATEGORIES, "差旅", "travel"),
        ("category", EXPENSE_CATEGORIES, "餐费", "meal"),
        ("category", EXPENSE_CATEGORIES, "礼品", "gift"),
        ("category", EXPENSE_CATEGORIES, "话费", "phone"),
        ("category", EXPENSE_CATEGORIES, "其他", "other"),
        ("kind", NOTE_KINDS, "竞争对手", "competitor"),
        ("kind", NOTE_KINDS, "政策", "policy"),
        ("kind", NOTE_KINDS, "促销", "promotion"),
        ("kind", NOTE_KINDS, "其他", "general"),
        ("kind", ACTIVITY_KINDS, "电话", "call"),
        ("kind", ACTIVITY_KINDS, "拜访", "visit"),
        ("kind", ACTIVITY_KINDS, "邮件", "email"),
        ("kind", ACTIVITY_KINDS, "会面", "meeting"),
        ("flag", FLAGS, "信用不良", "credit"),
        ("flag", FLAGS, "异常", "abnormal"),
        ("status", STATUSES, "Intent", "intent"),  # the English keys still work
        ("outcome", OUTCOMES, "no-answer", "no-answer"),
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_chinese_words_name_the_english_keys(what, options, typed, key, language):
    i18n.use_language(language)
    assert choose(typed, options, what) == key


def test_every_table_covers_exactly_its_enumeration():
    pairs = [
        (vocab.TIER, TIERS),
        (vocab.STATUS, STATUSES),
        (vocab.STAGE, STAGES),
        (vocab.OUTCOME, OUTCOMES),
        (vocab.ACTIVITY_KIND, ACTIVITY_KINDS),
        (vocab.EXPENSE_CATEGORY, EXPENSE_CATEGORIES),
        (vocab.NOTE_KIND, NOTE_KINDS),
        (vocab.FLAG, FLAGS),
    ]
    for table, keys in pairs:
        assert tuple(table) == keys
        words = [w for key in keys for w in table[key]]
        assert len(words) == len(set(words)), f"a word names two keys in {keys}"


def test_an_unknown_word_lists_what_is_accepted_in_the_user_s_language():
    i18n.use_language("en")
    with pytest.raises(BadInput, match=r"^unknown tier '大大': use one of key, normal$"):
        choose("大大", TIERS, "tier")
    i18n.use_language("zh-CN")
    with pytest.raises(BadInput, match=r"^未知的级别 '大大'：请用以下之一：重点、普通$"):
        choose("大大", TIERS, "tier")


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("85万", 85_000_000),
        ("8.5万元", 8_500_000),
        ("¥12,000", 1_200_000),
        ("￥12,000.50", 1_200_050),
        ("1.2亿", 12_000_000_000),
        ("12,000元", 1_200_000),
        ("3千", 300_000),
        ("85 万元", 85_000_000),
        ("人民币5000元", 500_000),
        ("320", 32_000),
        ("86.50", 8_650),
    ],
)
def test_amounts_in_chinese(typed, cents):
    assert parse_amount(typed) == cents


@pytest.mark.parametrize("typed", ["万", "85万万", "1.2345678万元", "-5万", "abc元"])
def test_bad_chinese_amounts_are_refused(typed):
    with pytest.raises(BadInput):
        parse_amount(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("今天", date(2026, 11, 30)),
        ("明天", date(2026, 12, 1)),
        ("后天", date(2026, 12, 2)),
        ("大后天", date(2026, 12, 3)),
        ("昨天", date(2026, 11, 29)),
        ("前天", date(2026, 11, 28)),
        ("周一", date(2026, 11, 30)),  # the next such day, today included
        ("周三", date(2026, 12, 2)),
        ("星期三", date(2026, 12, 2)),
        ("礼拜三", date(2026, 12, 2)),
        ("星期天", date(2026, 12, 6)),
        ("周日", date(2026, 12, 6)),
        ("下周一", date(2026, 12, 7)),  # Monday of next week
        ("下星期五", date(2026, 12, 11)),
        ("下礼拜天", date(2026, 12, 13)),
        ("本周五", date(2026, 12, 4)),
        ("上周二", date(2026, 11, 24)),
        ("12月8日", date(2026, 12, 8)),
        ("12月8号", date(2026, 12, 8)),
        ("11月30日", date(2026, 11, 30)),
        ("11月29日", date(2027, 11, 29)),  # passed this year: next year's
        ("2027年1月5日", date(2027, 1, 5)),
        ("8号", date(2026, 12, 8)),
        ("30号", date(2026, 11, 30)),
        ("29日", date(2026, 12, 29)),
        ("31号", date(2026, 12, 31)),
    ],
)
def test_chinese_dates(typed, expected):
    assert parse_date(typed, MONDAY) == expected


def test_a_day_of_month_skips_months_without_it():
    assert parse_date("31号", date(2027, 4, 2)) == date(2027, 5, 31)
    assert parse_date("2月29日", date(2026, 3, 1)) == date(2028, 2, 29)


@pytest.mark.parametrize("typed", ["13月1日", "2月30日", "32号", "0号", "下周八", "2026年2月30日"])
def test_impossible_chinese_dates_are_refused(typed):
    with pytest.raises(BadInput):
        parse_date(typed, MONDAY)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("下午2点", time(14, 0)),
        ("14点30", time(14, 30)),
        ("14点30分", time(14, 30)),
        ("上午10点半", time(10, 30)),
        ("晚上7点15分", time(19, 15)),
        ("下午2:30", time(14, 30)),
        ("9点", time(9, 0)),
        ("3点一刻", time(3, 15)),
        ("下午3点三刻", time(15, 45)),
        ("中午12点", time(12, 0)),
        ("中午1点", time(13, 0)),
        ("早上8点", time(8, 0)),
        ("凌晨12点", time(0, 0)),
        ("下午14点", time(14, 0)),
    ],
)
def test_chinese_times(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["上午14点", "25点", "下午2点61", "下午"])
def test_impossible_chinese_times_are_refused(typed):
    with pytest.raises(BadInput):
        parse_time(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("明天下午3点", datetime(2026, 12, 1, 15, 0)),
        ("明天 下午3点", datetime(2026, 12, 1, 15, 0)),
        ("下午2点", datetime(2026, 11, 30, 14, 0)),
        ("周五14:00", datetime(2026, 12, 4, 14, 0)),
        ("周五 14点30", datetime(2026, 12, 4, 14, 30)),
        ("下周一上午9点", datetime(2026, 12, 7, 9, 0)),
        ("12月8日上午10点半", datetime(2026, 12, 8, 10, 30)),
        ("8号下午2点", datetime(2026, 12, 8, 14, 0)),
        ("后天 2pm", datetime(2026, 12, 2, 14, 0)),
        ("tomorrow 14:00", datetime(2026, 12, 1, 14, 0)),
    ],
)
def test_chinese_date_times(typed, expected):
    assert parse_datetime(typed, NOW) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("本月", date(2026, 11, 1)),
        ("上个月", date(2026, 10, 1)),
        ("2026年9月", date(2026, 9, 1)),
        ("12月", date(2026, 12, 1)),
    ],
)
def test_chinese_months(typed, expected):
    assert parse_month(typed, MONDAY) == expected


@pytest.mark.parametrize(("typed", "index"), [("周日", 6), ("星期一", 0), ("礼拜六", 5)])
def test_weekday_settings_in_chinese(typed, index):
    assert weekday_index(typed) == index


def test_date_errors_speak_the_user_s_language():
    i18n.use_language("zh-CN")
    with pytest.raises(BadInput, match=r"^日期 'someday' 无法识别：可以用 今天、明天"):
        parse_date("someday", MONDAY)
    i18n.use_language("en")
    with pytest.raises(BadInput, match=r"^bad date 'someday': use YYYY-MM-DD, today"):
        parse_date("someday", MONDAY)
