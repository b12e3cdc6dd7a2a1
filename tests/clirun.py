"""Running the CLI in-process the way the README's reader would on a demo store: one
environment (the pinned clock, the zone, the language, a terminal 140 columns wide) and one
invocation, shared by the tests that keep or check what commands print."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import NOW


def cli_env(db: Path, home: Path, language: str = "en") -> dict[str, str]:
    return {
        "SALESPLAN_DB": str(db),
        "SALESPLAN_NOW": NOW,
        "SALESPLAN_LANG": language,
        "TZ": "Asia/Shanghai",
        "COLUMNS": "140",
        "HOME": str(home),
        "EDITOR": "true",
        "NO_COLOR": "1",
    }


def invoke(argv: list[str], env: dict[str, str], stdin: str | None = None):  # noqa: ANN201
    from salesplan.cli.app import app
    from salesplan.cli.common import reset_console

    reset_console()
    return CliRunner().invoke(app, argv, env=env, input=stdin, catch_exceptions=False)
