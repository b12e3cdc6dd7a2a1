"""A State Council notice read into its year, and the user's own days."""

from datetime import UTC, date, datetime

import pytest

from salesplan.core.notices import check_whole, parse_notice
from salesplan.plans.workdays import import_notice, set_own_day
from salesplan.store.db import Store
from salesplan.store.workdays import list_overrides, load_notices

NOW = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)
# Made for the tests: weekdays checked against 2027.
NOTICE_2027 = (
    "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
    "二、春节：2月5日（农历除夕、周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。\n"
    "三、清明节：4月3日（周六）至5日（周一）放假，共3天。\n"
    "四、劳动节：5月1日（周六）至2日（周日）放假，共2天。\n"
    "五、端午节：6月9日（周三）放假，共1天。\n"
    "六、中秋节：9月15日（周三）放假，共1天。\n"
    "七、国庆节：10月1日（周五）至3日（周日）放假，共3天。\n"
)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "s.db", NOW)


def test_a_dry_run_says_what_changes_and_saves_nothing_then_the_import_saves(store):
    notice = check_whole(parse_notice(NOTICE_2027, 2027))
    with store.session() as s:
        read = import_notice(notice, session=s, region="cn", dry_run=True)
        assert load_notices(session=s) == []
    changed = {d: (was, now) for d, was, now in read.changed}
    assert changed[date(2027, 2, 9)] == (True, False)  # 春节 beyond the statutory days
    assert changed[date(2027, 2, 20)] == (False, True)  # the 调休 Saturday
    assert date(2027, 1, 1) not in changed  # 元旦 is off either way
    assert read.replaced == "statutory"
    with store.session(write=True) as s:
        again = import_notice(notice, session=s, region="cn")
    assert again.workdays == read.workdays
    with store.session() as s:
        assert (2027, date(2027, 2, 20), True) in load_notices(session=s)
        assert import_notice(notice, session=s, region="cn", dry_run=True).changed == []


def test_own_days_are_set_and_cleared(store):
    with store.session(write=True) as s:
        set_own_day(date(2027, 2, 6), True, session=s)
        set_own_day(date(2027, 3, 1), False, session=s)
    with store.session(write=True) as s:
        assert list_overrides(session=s) == [(date(2027, 2, 6), True), (date(2027, 3, 1), False)]
        set_own_day(date(2027, 2, 6), None, session=s)
    with store.session() as s:
        assert list_overrides(session=s) == [(date(2027, 3, 1), False)]
