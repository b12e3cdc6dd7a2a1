"""The root of the command tree: global options, the clock, and error handling.

This module must stay cheap to import: ``salesplan --help`` and shell completion load it and
the sub-apps, and nothing here may import sqlalchemy or sqlmodel.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from salesplan import __version__
from salesplan.cli import appointments, config, contacts, data, log, projects, reports
from salesplan.cli.common import Moment, State, one_line
from salesplan.errors import SalesplanError

# Newer typer vendors click and older typer uses click itself: find the exception classes
# through a public one rather than by a private import path.
_CLICK_BASES = {cls.__name__: cls for cls in typer.BadParameter.__mro__}
UsageError: type[Exception] = _CLICK_BASES["UsageError"]
ClickException: type[Exception] = _CLICK_BASES["ClickException"]


class SalesplanGroup(TyperGroup):
    """Turns every expected failure into one line on stderr and an exit code.

    Bad input → 2, a busy store → 75, Ctrl-C → 130. Unexpected errors also get one line
    (exit 1) unless SALESPLAN_DEBUG is set, which lets the traceback through.
    """

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = 0
        try:
            rv = super().main(
                args=args,
                prog_name=prog_name or "salesplan",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
            if isinstance(rv, int):
                code = rv
        except UsageError as exc:
            hint = f" (see {exc.ctx.command_path} --help)" if exc.ctx else ""
            _fail(exc.format_message() + hint)
            code = 2
        except SalesplanError as exc:
            _fail(str(exc))
            code = exc.exit_code
        except ClickException as exc:
            _fail(exc.format_message())
            code = exc.exit_code
        except (typer.Abort, KeyboardInterrupt, EOFError):
            sys.stderr.write("\ninterrupted\n")
            code = 130
        except BrokenPipeError:
            code = 1
        except Exception as exc:
            if os.environ.get("SALESPLAN_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (SALESPLAN_DEBUG=1 shows more)")
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code


def _fail(message: str) -> None:
    sys.stderr.write(f"error: {one_line(message)}\n")
    sys.stderr.flush()


app = typer.Typer(
    cls=SalesplanGroup,
    name="salesplan",
    help=(
        "A personal sales planner: a buffered daily timetable, calls and visits against "
        "targets, follow-ups due and the weekly report.\n\n"
        "Example: salesplan today --date tomorrow"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"salesplan {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="The store file (default: $SALESPLAN_DB, else the user data dir).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Global options. The clock is read here and only here (SALESPLAN_NOW pins it)."""
    pinned = os.environ.get("SALESPLAN_NOW", "").strip()
    pinned_local = None
    if pinned:
        from salesplan.core.dates import parse_iso_datetime

        pinned_local = parse_iso_datetime(pinned)
    ctx.obj = State(db_option=db, moment=Moment(datetime.now(UTC), pinned_local))
    ctx.call_on_close(_close_store(ctx.obj))


def _close_store(st: State) -> Any:
    def close() -> None:
        if st._store is not None:
            st._store.dispose()

    return close


app.add_typer(contacts.app, name="contact")
app.add_typer(appointments.app, name="appt")
app.add_typer(log.app, name="log")
app.add_typer(projects.app, name="project")
app.add_typer(projects.event_app, name="event")
app.add_typer(config.app, name="config")
app.add_typer(data.expense_app, name="expense")
app.add_typer(data.note_app, name="note")
reports.register(app)
data.register(app)


def main() -> None:
    app()
