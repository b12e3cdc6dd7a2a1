"""The demo history keeps its promises the way a diligent salesperson would."""

from __future__ import annotations

from datetime import date, timedelta

from salesplan.core.demo import generate
from salesplan.core.vocab import is_real_contact
from salesplan.core.workdays import build_workdays


def test_every_promise_in_the_demo_is_kept_on_or_near_its_day():
    today = date(2026, 11, 27)
    cal = build_workdays("cn")
    data = generate(today=today, years=1, seed=3, workdays=cal)
    log = [a for a in data.activities if a["contact"] is not None]
    promises = [a for a in log if a["outcome"] == "callback" or a["next"] is not None]
    assert len(promises) > 500  # a year of callbacks, or the check below proves nothing
    late = []
    for p in promises:
        owed = p["next"] or cal.next_workday(p["at"].date())
        if owed > today - timedelta(days=14):
            continue
        kept = next(
            (
                a["at"].date()
                for a in log
                if a["contact"] == p["contact"]
                and a["at"] > p["at"]
                and is_real_contact(a["kind"], a["outcome"])
            ),
            None,
        )
        # Late by workdays: a promise for the day before the Spring Festival is kept after it.
        if kept is None or cal.count(owed, kept) > 6:
            late.append((p["at"], owed, kept))
    assert late == []
