"""The page's facts beside the week's summary, with literal dates."""

from __future__ import annotations

from datetime import date

from salesplan.core.board import day_bars, oldest_overdue, pipeline_at, trend, trend_starts
from salesplan.core.followups import DueItem
from salesplan.core.summary import PeriodRows, build_summary
from salesplan.core.workdays import build_workdays

MON, SUN = date(2026, 11, 30), date(2026, 12, 6)


def test_the_pipeline_is_as_it_stood_at_the_weeks_end():
    history = [
        (1, "design", date(2026, 11, 2), 100_00),
        (1, "bidding", date(2026, 11, 20), 100_00),
        (1, "detailing", date(2026, 12, 8), 100_00),  # after the week: not yet
        (2, "design", date(2026, 11, 3), None),
        (2, "won", date(2026, 12, 1), None),  # won in the week: no longer open
        (3, "bidding", date(2026, 11, 4), 50_00),
        (3, "lost", date(2026, 11, 27), 50_00),  # lost the week before
        (4, "design", date(2026, 12, 2), 7_00),
        (4, "lost", date(2026, 12, 4), 7_00),
        (5, "design", date(2026, 12, 9), 1_00),  # added after the week
    ]
    p = pipeline_at(history, MON, SUN)
    stages = {s.stage: (s.projects, s.amount) for s in p.stages}
    assert stages["bidding"] == (1, 100_00) and stages["design"] == (0, 0)
    assert stages["detailing"] == (0, 0)
    assert (p.won, p.lost, p.open_projects, p.open_amount) == (1, 1, 1, 100_00)


def test_the_trend_counts_calls_and_visits_per_week_ending_with_this_one():
    starts = trend_starts(MON)
    assert (len(starts), starts[0], starts[-1]) == (8, date(2026, 10, 12), MON)
    counts = {(0, "call"): 1, (0, "visit"): 1, (6, "call"): 1, (7, "call"): 1, (7, "visit"): 1}
    weeks = trend(starts, [f"W{n}" for n in range(42, 50)], counts)
    assert [w.label for w in weeks] == [f"W{n}" for n in range(42, 50)]
    assert [w.start for w in weeks] == starts
    assert [(w.calls, w.visits) for w in weeks] == [
        (1, 1),
        (0, 0),
        (0, 0),
        (0, 0),
        (0, 0),
        (0, 0),
        (1, 0),
        (1, 1),
    ]


def test_a_half_day_halves_the_bar_and_a_day_absent_has_none():
    workdays = build_workdays(
        "none", absences={date(2026, 12, 1): "afternoon", date(2026, 12, 2): "day"}
    )
    summary = build_summary(
        start=MON,
        end=SUN,
        label="2026-W49",
        rows=PeriodRows(),
        previous_rows=PeriodRows(),
        previous_start=date(2026, 11, 23),
        previous_end=date(2026, 11, 29),
        calls_per_day=30,
        visits_per_week=20,
        new_contacts_per_week=5,
        workdays=workdays,
        today=date(2026, 12, 3),
    )
    bars = day_bars(summary, workdays)
    assert [b.target for b in bars] == [30, 15, 0, 30, 30, 0, 0]
    assert [b.half for b in bars][:2] == [None, "afternoon"]
    assert [b.kind for b in bars][2:] == ["absent", "workday", "workday", "weekend", "weekend"]
    assert [b.pending for b in bars] == [False, False, False, True, True, True, True]


def test_the_oldest_overdue_come_first_and_at_most_five():
    def item(n: int, late: int) -> DueItem:
        return DueItem(
            n, f"c{n}", date(2026, 11, 1), date(2026, 11, 1), late, "explicit", "", "call"
        )

    items = [item(n, late) for n, late in enumerate([0, 3, 9, 1, 4, 7, 2])]
    assert [i.overdue_days for i in oldest_overdue(items)] == [9, 7, 4, 3, 2]
