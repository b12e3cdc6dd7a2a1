"""The State Council's holiday notice, read as published: every form the notices use."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from salesplan.core.notices import notice_year, parse_notice
from salesplan.errors import BadInput

NOTICES = Path(__file__).resolve().parents[1] / "fixtures" / "notices"


def _d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def test_the_2026_notice_item_by_item():
    notice = parse_notice((NOTICES / "2026.txt").read_text(encoding="utf-8"))
    assert notice.year == 2026
    items = {i.label: i for i in notice.items}
    assert list(items) == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    assert items["元旦"].off == (_d(1, 1), _d(1, 2), _d(1, 3))
    assert items["元旦"].work == (_d(1, 4),)
    # 2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）: nine days, across no month.
    assert items["春节"].off == tuple(_d(2, d) for d in range(15, 24))
    assert items["春节"].work == (_d(2, 14), _d(2, 28))
    assert items["国庆节"].work == (_d(9, 20), _d(10, 10))
    days = notice.days()
    assert days[_d(1, 4)] is True and days[_d(10, 7)] is False
    assert len(days) == 3 + 1 + 9 + 2 + 3 + 5 + 1 + 3 + 3 + 7 + 2


def test_half_width_punctuation_and_xingqi_read_the_same():
    full = "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"
    half = "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦:1月1日(星期四)至3日(星期六)放假调休,共3天.1月4日(星期日)上班."
    assert parse_notice(full).days() == parse_notice(half).days()


def test_two_festivals_in_one_item_and_a_range_across_months():
    text = "六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。"
    notice = parse_notice(text, 2025)
    assert notice.items[0].label == "国庆节、中秋节"
    assert notice.items[0].off == tuple(date(2025, 10, d) for d in range(1, 9))
    assert notice.items[0].work == (date(2025, 9, 28), date(2025, 10, 11))
    spring = parse_notice(
        "二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。", 2025
    )
    assert spring.items[0].off[0] == date(2025, 1, 28)
    assert spring.items[0].off[-1] == date(2025, 2, 4)
    assert len(spring.items[0].off) == 8


def test_all_items_on_one_line():
    text = "一、元旦：1月1日放假，与周末连休。二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。"
    notice = parse_notice(text, 2024)
    assert [i.label for i in notice.items] == ["元旦", "春节"]
    assert notice.items[0].off == (date(2024, 1, 1),) and notice.items[0].work == ()
    assert notice.items[1].work == (date(2024, 2, 4), date(2024, 2, 18))


def test_buxiu_is_a_day_off_and_an_encouraged_day_off_is_not_one():
    old = parse_notice("三、清明节：4月5日放假，4月7日（星期一）补休。", 2014)
    assert old.items[0].off == (date(2014, 4, 5), date(2014, 4, 7))
    eve = parse_notice(
        "二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。"
        "鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。",
        2024,
    )
    assert date(2024, 2, 9) not in eve.days()


def test_years_written_in_a_range_and_one_running_into_the_next_year():
    explicit = parse_notice("一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。", 2023)
    assert explicit.items[0].off == (date(2022, 12, 31), date(2023, 1, 1), date(2023, 1, 2))
    implicit = parse_notice("一、元旦：12月30日至1月1日放假调休，共3天。", 2018)
    assert implicit.items[0].off == (date(2018, 12, 30), date(2018, 12, 31), date(2019, 1, 1))


def test_the_year_comes_from_the_title_or_the_first_sentence():
    assert notice_year("国务院办公厅关于2027年部分节假日安排的通知") == 2027
    assert notice_year("经国务院批准，现将2027年元旦、春节…") == 2027
    assert notice_year("一、元旦：1月1日放假。") is None


@pytest.mark.parametrize(
    ("text", "year", "words"),
    [
        ("", None, "no holiday found"),
        ("明天放假", 2027, "no holiday found"),
        ("一、元旦：1月1日（周五）放假。", None, "does not say its year"),
        ("一、元旦：1月1日（周四）放假。", 2027, "in 2027 it is not"),
        ("一、元旦：2月30日放假。", 2027, "cannot read the dates of 元旦"),
        ("一、元旦：3日放假。", 2027, "cannot read the dates of 元旦"),
        ("一、元旦：1月1日至3月30日放假。", 2027, "cannot read the dates of 元旦"),
        ("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日放假。", 2027, "is for 2026"),
    ],
)
def test_what_cannot_be_read_is_one_message(text, year, words):
    with pytest.raises(BadInput) as caught:
        parse_notice(text, year)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
