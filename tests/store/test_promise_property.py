"""The promise rule as a property: whatever is logged, a promise leaves ``due`` only through a
real contact on or after the workday before its day, or a newer promise; unanswered attempts never take it away, and undoing
the contact that kept it brings it back. Run against the store (the rule lives in its SQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesplan.core.settings import Settings
from salesplan.core.workdays import Workdays
from salesplan.plans.followups import collect_due
from salesplan.store.activities import log_activity, remove_activity
from salesplan.store.contacts import add_contact
from salesplan.store.db import Store

START = date(2026, 11, 30)  # a Monday
CAL = Workdays()  # Monday to Friday
SETTINGS = Settings(timezone="UTC", holidays="none")
NOW = datetime(2026, 11, 29, tzinfo=UTC)

ATTEMPTS = ("no-answer", "busy", "wrong-number")
REAL = ("reached", "not-interested", "appointment", "order", "consultation")

step = st.one_of(
    # A promise: a callback with a date, or without one (the next workday).
    st.tuples(st.just("promise"), st.one_of(st.none(), st.integers(1, 10))),
    # An attempt that reached nobody, sometimes with a new date promised all the same.
    st.tuples(st.sampled_from(ATTEMPTS), st.one_of(st.none(), st.integers(1, 10))),
    st.tuples(st.sampled_from(REAL), st.none()),
    st.tuples(st.just("undo"), st.none()),
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return Store(tmp_path_factory.mktemp("promise") / "p.db", NOW)


class _Rollback(Exception):
    pass


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, min_size=1, max_size=8))
def test_a_promise_leaves_due_only_through_a_real_contact_or_a_newer_promise(store, steps):
    try:
        with store.session(write=True) as s:
            contact = add_contact({"name": "孙丽"}, session=s, now_utc=NOW)
            log = []  # (activity, outcome, made on, promised day or None) in order
            for n, (what, days_ahead) in enumerate(steps):
                day = START + timedelta(days=n)
                at = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
                if what == "undo":
                    if log:
                        remove_activity(log.pop()[0], session=s, now_utc=at)
                else:
                    outcome = "callback" if what == "promise" else what
                    promised = day + timedelta(days=days_ahead) if days_ahead else None
                    activity = log_activity(
                        "call",
                        session=s,
                        at_utc=at,
                        now_utc=at,
                        contact=contact,
                        outcome=outcome,
                        next_date=promised,
                    )
                    log.append((activity, outcome, day, promised))
                # The model: the latest promise, unless a real contact after it came on or
                # after the workday before its day (an earlier one leaves it standing).
                standing = None
                for i, (_a, outcome, made, promised) in enumerate(log):
                    if outcome == "callback" or promised is not None:
                        day_of = promised or CAL.next_workday(made)
                        keeps_from = CAL.on_or_before(day_of - timedelta(days=1))
                        kept = any(
                            o not in ATTEMPTS and m >= keeps_from for _b, o, m, _p in log[i + 1 :]
                        )
                        standing = None if kept else day_of
                items = collect_due(day, SETTINGS, session=s, workdays=CAL)
                explicit = [i.due for i in items if i.rule == "explicit"]
                assert explicit == ([standing] if standing else []), (n, steps)
            raise _Rollback
    except _Rollback:
        pass
