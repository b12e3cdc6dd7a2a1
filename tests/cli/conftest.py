"""Every CLI test runs on both engines: an SQLite file and a database on a PostgreSQL server.

A test that handles the store as a file (asks for ``db_path`` but not ``digest``, or is marked
``sqlite_only``) runs on SQLite alone; ``digest`` works on both (a file's bytes, a server's rows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests import pg
from tests.conftest import file_digest

ENGINES = ("sqlite", "postgresql")


def _sqlite_only(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    return item.get_closest_marker("sqlite_only") is not None or (
        "db_path" in names and "digest" not in names
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_server = callspec is not None and callspec.params.get("engine") == "postgresql"
        (drop if on_server and _sqlite_only(item) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(params=ENGINES, autouse=True)
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "sqlite":
        yield "sqlite"
        return
    databases: pg.Databases = request.getfixturevalue("pg_databases")
    name, url = databases.new()
    monkeypatch.setenv("SALESPLAN_DB", url)
    try:
        yield "postgresql"
    finally:
        databases.drop(name)


@pytest.fixture
def digest(engine: str) -> Callable[[Path], str]:
    if engine == "sqlite":
        return file_digest
    import os

    return lambda _path: pg.table_digest(os.environ["SALESPLAN_DB"])
