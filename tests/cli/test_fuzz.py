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


# Every command given each input that once made exit 1 or lost the store, in every place it
# takes a file; and every command with no place for the store.
SEALED_PATHS = (
    "store.db",
    "store.db-wal",
    "link-to-store",
    "/dev/zero",
    "surrogate.json",
    "charset.vcf",
)


def _sealed_cases() -> list[list[str]]:
    cases = []
    for command in COMMANDS:
        for param in command.params:
            if param.kind != "path":
                continue
            for value in SEALED_PATHS:
                argv = list(command.path)
                positional = []
                for other in command.params:
                    if other is param:
                        chosen = value
                    elif other.required:
                        chosen = {"date": "today", "int": "1", "number": "1"}.get(
                            other.kind, "王建国" if other.kind == "text" else "contacts.csv"
                        )
                    else:
                        continue
                    if other.kind == "flag":
                        continue
                    if other.option is None:
                        positional.append(chosen)
                    else:
                        argv.extend([other.option, chosen])
                cases.append([*argv, "--", *positional] if positional else argv)
    return cases


SEALED_CASES = _sealed_cases()


def test_the_sealed_cases_reach_every_file_option():
    commands = {" ".join(c[:2]) for c in SEALED_CASES}
    assert {"export --format", "backup -o", "import contacts", "import json"} & commands or len(
        SEALED_CASES
    ) > 30


@pytest.mark.parametrize("argv", SEALED_CASES, ids=lambda a: " ".join(a)[:60])
def test_inputs_that_once_made_exit_1_or_lost_the_store_hold(argv, seeded, tmp_path):
    template, template_digest = seeded
    prepare_workdir(tmp_path, template)
    outcome = run_once(
        argv,
        {},
        db=tmp_path / "store.db",
        template=template,
        template_digest=template_digest,
        work=tmp_path,
    )
    assert outcome.problem() is None, (argv, outcome.stderr)
    writes_the_store = any(v in argv for v in ("store.db", "store.db-wal", "link-to-store"))
    if writes_the_store and argv[0] in ("export", "backup", "week", "today", "team"):
        assert outcome.code == 2 and "store" in outcome.stderr, outcome.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c.path))
def test_no_home_and_no_store_named_is_exit_2_for_every_command(command, seeded, tmp_path):
    template, template_digest = seeded
    prepare_workdir(tmp_path, template)
    argv = [*command.path]
    outcome = run_once(
        argv,
        {"SALESPLAN_DB": "", "HOME": "", "XDG_DATA_HOME": ""},
        db=tmp_path / "store.db",
        template=template,
        template_digest=template_digest,
        work=tmp_path,
    )
    assert outcome.problem() is None, (argv, outcome.stderr)
    if outcome.code == 2 and "HOME" in outcome.stderr:
        assert "SALESPLAN_DB" in outcome.stderr
