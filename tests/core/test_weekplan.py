"""The week ahead on a literal week: National Day 2026 with its 调休 Saturday."""

from datetime import date, datetime

import pytest

from salesplan.core.followups import DueItem
from salesplan.core.settings import Settings
from salesplan.core.template import default_template
from salesplan.core.timetable import PlannedAppointment, build_timetable, visits_that_fit
from salesplan.core.weekplan import (
    build_week_plan,
    parse_week_ahead,
    place_due,
    spread_visits,
    week_ahead_start,
    workday_blocks,
)
from salesplan.core.workdays import build_workdays, prorated_weekly_target
from salesplan.errors import BadInput

# 2026-10-05 … 10-11: Mon–Wed still National Day, Thu and Fri worked, Sat 10-10 a 调休 workday.
MON, THU, FRI, SAT, SUN = (date(2026, 10, d) for d in (5, 8, 9, 10, 11))
TODAY = date(2026, 10, 4)  # Sunday evening, the last day of the holiday
NOW = datetime(2026, 10, 4, 20, 0)
CN = build_workdays("cn")


def item(cid: int, due: date, overdue: int = 0, rule: str = "intent") -> DueItem:
    return DueItem(cid, f"c{cid}", due, due, overdue, rule, "why", "call")


def appt(aid: int, start: datetime, area: str) -> PlannedAppointment:
    return PlannedAppointment(id=aid, start=start, minutes=60, label=f"a{aid}", area=area)


def test_the_week_ahead_with_a_makeup_saturday():
    settings = Settings()
    template = default_template()
    appts = {
        THU: [appt(1, datetime(2026, 10, 8, 14, 0), "朝阳")],
        SAT: [appt(2, datetime(2026, 10, 10, 10, 0), "望京")],
    }
    worked = CN.workdays_in(MON, SUN)
    assert worked == [THU, FRI, SAT]
    timetables = {
        d: build_timetable(d, appts.get(d, []), workday_blocks(d, template), settings, NOW)
        for d in worked
    }
    due = [
        item(1, date(2026, 9, 29), overdue=5),  # overdue before the holiday: first workday
        item(2, date(2026, 10, 6)),  # fell due in the holiday: first workday
        item(3, FRI),
        item(4, SAT),
        item(5, date(2026, 10, 12)),  # next week: not in this plan
    ]
    fits = {d: visits_that_fit(t.free_field_minutes, 60, 30) for d, t in timetables.items()}
    target = prorated_weekly_target(20, len(worked))
    plan = build_week_plan(
        MON,
        SUN,
        today=TODAY,
        workdays=CN,
        timetables=timetables,
        due=due,
        call_targets=dict.fromkeys(worked, 30),
        visits_target=target,
        visits_done=0,
        visits_fit=fits,
    )
    assert target == 12
    assert [d.day for d in plan.days] == [THU, FRI, SAT]
    assert [d.kind for d in plan.days] == ["workday", "workday", "makeup"]
    assert [d.call_target for d in plan.days] == [30, 30, 30]
    assert plan.off == (
        (MON, "holiday"),
        (date(2026, 10, 6), "holiday"),
        (date(2026, 10, 7), "holiday"),
        (SUN, "weekend"),
    )
    thu, fri, sat = plan.days
    assert [(a.appointment_id, a.start, a.leave_by, a.area) for a in thu.appointments] == [
        (1, "14:00", "13:00", "朝阳")
    ]
    assert [(a.appointment_id, a.leave_by) for a in sat.appointments] == [(2, "09:00")]
    assert [i.contact_id for i in thu.due] == [1, 2]
    assert [i.contact_id for i in fri.due] == [3]
    assert [i.contact_id for i in sat.due] == [4]
    # The make-up Saturday is worked as a weekday: it has the reference day's field time.
    assert sat.free_field_minutes > 0 and sat.field_areas == ("望京",)
    assert thu.field_areas == ("朝阳",)
    # Friday has no appointment: its field time is near nothing in particular.
    assert fri.field_areas == () and fri.free_field_minutes == 450
    # Two booked, ten more needed, spread as evenly as each day's field time holds.
    assert plan.visits_booked == 2 and plan.visits_needed == 10
    assert [d.visits_fit for d in plan.days] == [fits[THU], fits[FRI], fits[SAT]]
    assert sum(d.visits_suggested for d in plan.days) == min(10, plan.visits_fit)
    assert all(d.visits_suggested <= d.visits_fit for d in plan.days)
    assert plan.to_json()["week"] == "2026-W41"


def test_place_due_moves_overdue_to_the_first_day_and_drops_later_ones():
    days = [THU, FRI]
    placed = place_due([item(1, date(2026, 9, 1), 30), item(2, FRI), item(3, SAT)], days, SUN)
    # Due on the Saturday but only Thursday and Friday are planned: nowhere to put it.
    assert {d: [i.contact_id for i in v] for d, v in placed.items()} == {THU: [1], FRI: [2]}


@pytest.mark.parametrize(
    ("needed", "fits", "spread"),
    [
        (10, [4, 6, 6], [4, 3, 3]),
        (5, [1, 6, 6], [1, 2, 2]),
        (20, [2, 3, 1], [2, 3, 1]),  # more needed than the field time holds
        (0, [4, 4], [0, 0]),
        (4, [], []),
    ],
)
def test_spread_visits(needed, fits, spread):
    assert spread_visits(needed, fits) == spread


def test_the_default_week_is_next_week_from_friday_on():
    plain = build_workdays("none")
    tue, fri, sat = date(2026, 12, 1), date(2026, 12, 4), date(2026, 12, 5)
    assert week_ahead_start(tue, 0, plain) == date(2026, 11, 30)
    assert week_ahead_start(fri, 0, plain) == date(2026, 12, 7)
    assert week_ahead_start(sat, 0, plain) == date(2026, 12, 7)
    # The Friday before a 调休 Saturday still has a workday ahead in its week.
    assert week_ahead_start(FRI, 0, CN) == MON


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("next", date(2026, 12, 7)),
        ("下周", date(2026, 12, 7)),
        ("this", date(2026, 11, 30)),
        ("2026-W51", date(2026, 12, 14)),
        ("2026-12-24", date(2026, 12, 21)),
    ],
)
def test_parse_week_ahead(text, start):
    assert parse_week_ahead(text, date(2026, 12, 1)) == start


def test_parse_week_ahead_refuses_nonsense():
    with pytest.raises(BadInput, match="this, next"):
        parse_week_ahead("someday", date(2026, 12, 1))
