"""Parameters go through typer's own checks on the way in, through salesplan's root group.

A probe command is mounted beside the real ones (as any command is, lazily by name) so typer's
validation features the commands may use are checked through the same path: a path that must
exist, a clamped range, a plain range.
"""

from pathlib import Path
from typing import Annotated

import pytest
import typer

import salesplan.cli.app as app_module


def probe(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    count: Annotated[int, typer.Option(min=1, max=5, clamp=True)] = 1,
    limit: Annotated[int | None, typer.Option(min=1)] = None,
) -> None:
    """A probe for the parameter tests.

    Example: salesplan probe day.toml --count 3
    """
    typer.echo(f"{type(file).__name__} {file.name} count={count} limit={limit}")


@pytest.fixture(autouse=True)
def _probe_mounted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app_module.COMMANDS, "probe", (__name__, "probe"))


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    path = tmp_path / "day.toml"
    path.write_text("x")
    return path


def test_an_existing_path_arrives_as_a_path(run, existing):
    assert run("probe", str(existing)).stdout.strip() == "PosixPath day.toml count=1 limit=None"


def test_a_path_that_must_exist_refuses_a_missing_file(run, tmp_path):
    err = run("probe", str(tmp_path / "missing.toml"), code=2).stderr
    assert err.count("\n") == 1
    assert err.startswith("error: ") and "missing.toml" in err and "does not exist" in err


def test_a_directory_is_refused_where_a_file_is_asked_for(run, tmp_path):
    err = run("probe", str(tmp_path), code=2).stderr
    assert "is a directory" in err


@pytest.mark.parametrize(("given", "kept"), [("9", 5), ("0", 1), ("3", 3)])
def test_a_clamped_option_is_brought_into_range(run, existing, given, kept):
    out = run("probe", str(existing), "--count", given).stdout
    assert f"count={kept} " in out


@pytest.mark.parametrize("given", ["0", "-2"])
def test_a_number_under_its_minimum_is_exit_2_naming_the_option_and_the_bound(run, existing, given):
    err = run("probe", str(existing), "--limit", given, code=2).stderr
    assert err.count("\n") == 1 and "'--limit'" in err and "1" in err.replace(given, "")
    assert "  " not in err  # no empty bound in the wording (once "use  to 5")


def test_a_word_where_a_number_is_asked_for_is_exit_2(run, existing):
    err = run("probe", str(existing), "--limit", "many", code=2).stderr
    assert err.count("\n") == 1 and "'--limit'" in err and "integer" in err


def test_real_commands_keep_their_bounds(run):
    assert "'--years'" in run("demo", "--years", "11", code=2).stderr
    assert "'--limit'" in run("calls", "--limit", "0", code=2).stderr
    assert "'--limit'" in run("contact", "list", "--limit", "x", code=2).stderr
