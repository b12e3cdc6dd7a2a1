"""Reading many reps side by side: counts per span done by the server, and more sessions that
read one snapshot of the store (the team page's readers), on both engines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from salesplan.models import Activity
from salesplan.store.activities import kinds_per_span
from salesplan.store.db import ServerStore, Store
from salesplan.store.readers import snapshot_readers

NOW = datetime(2026, 11, 30, 0, 5, tzinfo=UTC)
# Three spans: [B0, B1), [B1, B2), [B2, B3).
B = [datetime(2026, 11, d, 16, 0, tzinfo=UTC) for d in (15, 22, 29)] + [
    datetime(2026, 12, 6, 16, 0, tzinfo=UTC)
]


def _log(session, kind: str, at: datetime) -> None:
    session.add(Activity(kind=kind, at=at, created_at=at))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return Store(tmp_path / "s.db", NOW)
    return ServerStore(request.getfixturevalue("server_db"), NOW)


def test_each_entry_counts_in_the_span_it_falls_in(store):
    second = timedelta(seconds=1)
    with store.session(write=True) as s:
        _log(s, "call", B[0] - second)  # before the first span: not counted
        _log(s, "call", B[0])  # the first instant of span 0
        _log(s, "visit", B[1] - second)  # the last second of span 0
        _log(s, "call", B[1])  # span 1
        _log(s, "call", B[1] + timedelta(days=2))
        _log(s, "email", B[2])  # a kind not asked for
        _log(s, "visit", B[3] - second)  # the last second of span 2
        _log(s, "call", B[3])  # after the last span: not counted
    with store.session() as s:
        counts = kinds_per_span(B, ("call", "visit"), session=s)
    assert counts == {(0, "call"): 1, (0, "visit"): 1, (1, "call"): 2, (2, "visit"): 1}


def test_sqlite_gives_no_second_reader(tmp_path):
    store = Store(tmp_path / "s.db", NOW)
    with store.session() as s, snapshot_readers(s, 3) as readers:
        assert readers == []


def test_readers_see_the_store_as_it_stood_when_they_were_opened(server_db):
    store = ServerStore(server_db, NOW)
    with store.session(write=True) as s:
        _log(s, "call", B[0])
    with store.session() as s, snapshot_readers(s, 2) as readers:
        assert len(readers) == 2
        # Written and committed by someone else after the snapshot was taken.
        with ServerStore(server_db, NOW).session(write=True) as other:
            _log(other, "call", B[1])
        seen = [kinds_per_span(B, ("call",), session=r) for r in readers]
        assert seen == [{(0, "call"): 1}, {(0, "call"): 1}]
    with store.session() as s:
        assert kinds_per_span(B, ("call",), session=s) == {(0, "call"): 1, (1, "call"): 1}


def test_a_week_s_pipeline_reads_no_project_closed_before_it(store):
    """The team page reads the stage changes of the projects open now or closed since the
    week began; the pipeline it makes is the one every change gives."""
    from datetime import date

    from salesplan.core.board import pipeline_at
    from salesplan.models import Contact, Project, ProjectStage
    from salesplan.store.projects import stage_changes

    start, end = date(2026, 11, 30), date(2026, 12, 6)
    # (name, [(stage, on)…]): the last change is the project's stage now.
    projects = [
        ("won long ago", [("design", date(2025, 3, 1)), ("won", date(2025, 6, 1))]),
        ("lost long ago", [("design", date(2025, 3, 1)), ("lost", date(2025, 9, 1))]),
        ("won this week", [("design", date(2026, 9, 1)), ("won", date(2026, 12, 2))]),
        ("lost after it", [("bidding", date(2026, 10, 1)), ("lost", date(2026, 12, 9))]),
        ("open", [("design", date(2026, 1, 5)), ("detailing", date(2026, 11, 3))]),
        ("not yet begun", [("design", date(2026, 12, 8))]),
    ]
    with store.session(write=True) as s:
        s.add(Contact(id=1, name="王建国", created_at=NOW))
        for n, (name, changes) in enumerate(projects, start=1):
            stage, since = changes[-1]
            s.add(
                Project(
                    id=n,
                    name=name,
                    contact_id=1,
                    stage=stage,
                    stage_since=since,
                    amount=100 * n,
                    created_at=NOW,
                )
            )
            s.flush()
            for stage, on in changes:
                s.add(ProjectStage(project_id=n, stage=stage, on=on))
    with store.session() as s:
        every = stage_changes(session=s, until=end)
        read = stage_changes(session=s, until=end, closed_since=start)
    assert sorted({p for p, *_rest in every}) == [1, 2, 3, 4, 5]
    assert sorted({p for p, *_rest in read}) == [3, 4, 5]
    pipeline = pipeline_at(read, start, end)
    assert pipeline == pipeline_at(every, start, end)
    assert (pipeline.won, pipeline.lost) == (1, 0)
    assert {r.stage: (r.projects, r.amount) for r in pipeline.stages if r.projects} == {
        "bidding": (1, 400),
        "detailing": (1, 500),
    }
