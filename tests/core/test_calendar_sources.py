"""Where each day's status comes from: the user's days, an imported notice, the official
schedule, the statutory holidays of a year not yet announced, Monday to Friday."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from salesplan.core import statutory
from salesplan.core.notices import parse_notice
from salesplan.core.workdays import build_workdays

NOTICES = Path(__file__).resolve().parents[1] / "fixtures" / "notices"


def _year(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


def _rows(year: int) -> list[tuple[int, date, bool]]:
    notice = parse_notice((NOTICES / f"{year}.txt").read_text(encoding="utf-8"))
    assert notice.year == year
    return [(year, day, work) for day, work in notice.days().items()]


def test_2027_has_the_statutory_holidays_and_says_it_is_a_guess():
    cal = build_workdays("cn")
    assert not cal.knows(2027)
    off = [
        date(2027, 1, 1),  # 元旦 (a Friday)
        date(2027, 2, 5),  # 除夕 (Friday)
        date(2027, 2, 6),  # 初一 (Saturday)
        date(2027, 2, 7),
        date(2027, 2, 8),  # 初三 (Monday)
        date(2027, 4, 5),  # 清明 (Monday)
        date(2027, 5, 3) - timedelta(days=2),  # 劳动节 May 1 (Saturday)
        date(2027, 5, 2),
        date(2027, 6, 9),  # 端午 (Wednesday)
        date(2027, 9, 15),  # 中秋 (Wednesday)
        date(2027, 10, 1),  # 国庆 (Friday) – 10-03
        date(2027, 10, 2),
        date(2027, 10, 3),
    ]
    assert not any(cal.is_workday(d) for d in off)
    assert all(cal.kind(d) == "holiday" and cal.source(d) == "statutory" for d in off)
    # No 调休 is guessed: the weekdays around them are ordinary, weekends stay off.
    assert cal.is_workday(date(2026, 12, 31))
    assert cal.is_workday(date(2027, 1, 4))
    assert cal.is_workday(date(2027, 2, 9))
    assert not cal.is_workday(date(2027, 2, 20))
    assert cal.kind(date(2027, 2, 9)) == "workday"
    # A deadline on 2027-01-02 (Saturday) moves to Thursday 2026-12-31, past 元旦.
    assert cal.on_or_before(date(2027, 1, 2)) == date(2026, 12, 31)
    assert cal.on_or_after(date(2027, 2, 5)) == date(2027, 2, 9)
    assert cal.guessed_years() == [2027]
    # 2027 has 261 weekdays; the statutory days on weekdays: 01-01, 02-05, 02-08, 04-05,
    # 06-09, 09-15, 10-01.
    assert cal.count(date(2027, 1, 1), date(2027, 12, 31)) == 261 - 7


def test_asking_only_about_a_known_year_guesses_nothing():
    cal = build_workdays("cn")
    assert cal.count(date(2026, 1, 1), date(2026, 12, 31)) == 248
    assert cal.guessed_years() == []
    assert build_workdays("none").is_guessed(2027) is False


def test_the_statutory_data_is_what_the_holidays_package_computes():
    """tools/statutory.py wrote core/statutory.py from the ``holidays`` package; made again
    now, it is the same (only the line naming the package's version may differ)."""
    pytest.importorskip("holidays")
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "statutory_tool", Path(__file__).resolve().parents[2] / "tools" / "statutory.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    written = (Path(statutory.__file__)).read_text(encoding="utf-8")
    assert tool.body(tool.render()) == tool.body(written)
    # And the law's days, read from it for 2027 (除夕 02-05, 清明 04-05, 端午 06-09, 中秋 09-15).
    assert statutory.DAYS[2027] == (
        101,
        205,
        206,
        207,
        208,
        405,
        501,
        502,
        609,
        915,
        1001,
        1002,
        1003,
    )
    # 2026: the official notice's core days are all statutory ones.
    official = build_workdays("cn")
    assert all(
        not official.is_workday(date(2026, md // 100, md % 100))
        or date(2026, md // 100, md % 100).weekday() >= 5
        for md in statutory.DAYS[2026]
    )


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024, 2025, 2026])
def test_each_published_notice_gives_exactly_the_official_days(year):
    official = build_workdays("cn")
    # A calendar whose packaged data stops before these years: the notice alone decides.
    imported = build_workdays("cn", notices=_rows(year), official_until=2003)
    assert imported.year_source(year) == "notice"
    assert [d for d in _year(year) if imported.is_workday(d) != official.is_workday(d)] == []
    assert imported.guessed_years() == []


def test_the_2020_notice_differs_only_by_the_later_spring_festival_extension():
    # The 2020 Spring Festival was extended to 02-02 by a second notice (国办发明电〔2020〕1号).
    official = build_workdays("cn")
    imported = build_workdays("cn", notices=_rows(2020), official_until=2003)
    assert [d for d in _year(2020) if imported.is_workday(d) != official.is_workday(d)] == [
        date(2020, 1, 31),
        date(2020, 2, 1),
    ]


def test_the_2026_notice_on_a_calendar_that_stops_at_2025_gives_248_workdays():
    stops = build_workdays("cn", official_until=2025)
    assert stops.year_source(2026) == "statutory"
    assert stops.count(date(2026, 1, 1), date(2026, 12, 31)) != 248
    imported = build_workdays("cn", notices=_rows(2026), official_until=2025)
    assert imported.count(date(2026, 1, 1), date(2026, 12, 31)) == 248
    assert imported.is_workday(date(2026, 1, 4))  # 调休 Sunday
    assert imported.kind(date(2026, 1, 4)) == "makeup"
    assert imported.source(date(2026, 1, 4)) == "notice"
    assert not imported.is_workday(date(2026, 2, 23))


def test_precedence_own_over_notice_over_official_over_statutory():
    notice_2026 = [(2026, date(2026, 10, 8), False)]  # a made-up notice: 10-08 off
    cal = build_workdays(
        "cn",
        overrides={date(2026, 10, 9): False, date(2027, 1, 1): True},
        notices=notice_2026,
    )
    # own > everything
    assert cal.source(date(2027, 1, 1)) == "own" and cal.is_workday(date(2027, 1, 1))
    assert cal.source(date(2026, 10, 9)) == "own" and not cal.is_workday(date(2026, 10, 9))
    # the notice is the whole year: its day off, and the official 调休 day it does not list
    # is an ordinary Saturday.
    assert not cal.is_workday(date(2026, 10, 8))
    assert cal.source(date(2026, 10, 8)) == "notice"
    assert not cal.is_workday(date(2026, 10, 10))
    assert cal.year_source(2026) == "notice"
    # official for a year without a notice; statutory past it.
    assert cal.year_source(2025) == "official"
    assert cal.source(date(2027, 2, 5)) == "statutory"
    # with holidays none: Monday to Friday plus own days, no guess.
    plain = build_workdays("none", overrides={date(2027, 1, 1): False})
    assert plain.is_workday(date(2027, 2, 5)) and not plain.is_workday(date(2027, 1, 1))
    assert plain.guessed_years() == []
