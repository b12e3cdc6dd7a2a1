"""Every command under hostile arguments: exit 0 or 2, one stderr line, store untouched on 2.

A bounded run here (CI); ``bench/fuzz`` runs the same property for as long as it is given.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.cli.fuzz import invocations, prepare_workdir, run_once, seed_store, walk_commands
from tests.conftest import file_digest

# The store here is a file handled directly (copied, planted, filled): SQLite only.
pytestmark = pytest.mark.sqlite_only

COMMANDS = walk_commands()
BUDGET_SECONDS = 15.0


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    template = tmp_path_factory.mktemp("fuzz-template") / "seed.db"
    seed_store(template)
    return template, file_digest(template)


def test_the_walk_finds_every_command():
    paths = {" ".join(c.path) for c in COMMANDS}
    assert {"today", "contact add", "log rm", "backup", "import json", "config template set"} <= (
        paths
    )
    assert len(paths) == len(COMMANDS) > 50


_started: list[float] = []


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=invocations(COMMANDS))
def test_hostile_command_lines_hold(case, seeded, tmp_path_factory):
    # Bounded in time as well as in count: a slow machine runs fewer examples, not longer.
    if not _started:
        _started.append(time.monotonic())
    if time.monotonic() - _started[0] > BUDGET_SECONDS:
        return
    argv, env = case
    template, template_digest = seeded
    work = tmp_path_factory.getbasetemp() / "fuzz-work"
    prepare_workdir(work, template)
    outcome = run_once(
        argv,
        env,
        db=work / "store.db",
        template=template,
        template_digest=template_digest,
        work=work,
    )
    assert outcome.problem() is None, (argv, env, outcome.stderr)
