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
