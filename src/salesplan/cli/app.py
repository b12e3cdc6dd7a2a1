"""The root of the command tree: global options, the clock, and error handling.

This module must stay cheap to import: ``salesplan --help`` and shell completion load it, and
nothing here may import sqlalchemy or sqlmodel. Commands are imported when they are used.
"""

import importlib
import os
import sys
from datetime import UTC, datetime
from typing import Annotated, Any, NoReturn

import typer
import typer.main

from salesplan import __version__, i18n
from salesplan.cli.common import (
    HELP_SETTINGS,
    HelpWhenBareGroup,
    State,
    one_line,
    set_current,
    system_timezone,
    warn,
)
from salesplan.cli.localize import help_text, localize
from salesplan.cli.localize import usage_error_text as _usage_error_text
from salesplan.errors import SalesplanError
from salesplan.i18n import _
from salesplan.plans.run import Moment

# Newer typer vendors click and older typer uses click itself: find the exception classes
# through a public one rather than by a private import path.
_CLICK_BASES = {cls.__name__: cls for cls in typer.BadParameter.__mro__}
# Typed loosely: their attributes (ctx, exit_code, format_message) are click's.
UsageError: type[Any] = _CLICK_BASES["UsageError"]
ClickException: type[Any] = _CLICK_BASES["ClickException"]

# Commands are loaded when used: running one command builds only that command, and the
# root --help reads each module's help text without building the others. Order = help order.
COMMANDS: dict[str, tuple[str, str]] = {
    "today": ("salesplan.cli.reports", "today"),
    "due": ("salesplan.cli.reports", "due"),
    "progress": ("salesplan.cli.reports", "progress"),
    "calls": ("salesplan.cli.calls", "calls"),
    "plan": ("salesplan.cli.plan", "app"),
    "contact": ("salesplan.cli.contacts", "app"),
    "appt": ("salesplan.cli.appointments", "app"),
    "log": ("salesplan.cli.log", "app"),
    "project": ("salesplan.cli.projects", "app"),
    "event": ("salesplan.cli.projects", "event_app"),
    "week": ("salesplan.cli.review", "week"),
    "month": ("salesplan.cli.review", "month"),
    "review": ("salesplan.cli.review", "review"),
    "absent": ("salesplan.cli.review", "absent"),
    "expense": ("salesplan.cli.data", "expense_app"),
    "note": ("salesplan.cli.data", "note_app"),
    "todo": ("salesplan.cli.todo", "app"),
    "email-template": ("salesplan.cli.emails", "app"),
    "workday": ("salesplan.cli.workdays", "app"),
    "config": ("salesplan.cli.config", "app"),
    "demo": ("salesplan.cli.data", "demo"),
    "backup": ("salesplan.cli.data", "backup"),
    "restore": ("salesplan.cli.data", "restore"),
    "export": ("salesplan.cli.data", "export"),
    "import": ("salesplan.cli.data", "import_app"),
    "team": ("salesplan.cli.team", "app"),
}


def _target(name: str) -> Any:
    module, attr = COMMANDS[name]
    return getattr(importlib.import_module(module), attr)


def build_command(name: str) -> Any:
    """The click command for one top-level name (a Typer sub-app or a single function)."""
    target = _target(name)
    if not isinstance(target, typer.Typer):
        holder = typer.Typer(
            rich_markup_mode=None, add_completion=False, context_settings=HELP_SETTINGS
        )
        holder.command(name)(target)
        target = holder
    command = typer.main.get_command(target)
    command.name = name
    localize(command)
    return command


def short_help(name: str) -> str:
    target = _target(name)
    text = target.info.help if isinstance(target, typer.Typer) else target.__doc__
    return help_text(str(text or "")).strip().split("\n")[0]


# What a shell reports for a process whose reader left (128 + SIGPIPE): not an error of ours.
PIPE_GONE = 141


class _ReaderLeft(Exception):
    """stdout's reader left while a command wrote to it."""


class SalesplanGroup(HelpWhenBareGroup):
    """The root group: lazy commands, and every expected failure as one line and an exit code.

    Bad input → 2, a busy store → 75, Ctrl-C → 130. Unexpected errors also get one line
    (exit 1) unless SALESPLAN_DEBUG is set, which lets the traceback through.
    """

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *COMMANDS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        if self._listing:
            from typer.core import TyperCommand

            return TyperCommand(name=cmd_name, help=short_help(cmd_name))
        return build_command(cmd_name)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # click answers EPIPE with exit 1, an error; the reader leaving is not ours.
            raise _ReaderLeft from None

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = 0
        # Each run chooses its language afresh (tests run many in one process).
        i18n.reset()
        i18n.set_setting_reader(_stored_language(None))
        try:
            check_arguments(sys.argv[1:] if args is None else args)
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
            hint = (
                _(" (see {command} --help)").format(command=exc.ctx.command_path) if exc.ctx else ""
            )
            _fail(_usage_error_text(exc.format_message()) + hint)
            code = 2
        except SalesplanError as exc:
            _fail(str(exc))
            code = exc.exit_code
        except ClickException as exc:
            _fail(_usage_error_text(exc.format_message()))
            code = exc.exit_code
        except (typer.Abort, KeyboardInterrupt, EOFError):
            sys.stderr.write("\n" + _("interrupted") + "\n")
            code = 130
        except (BrokenPipeError, _ReaderLeft):
            code = PIPE_GONE
        except Exception as exc:
            if os.environ.get("SALESPLAN_DEBUG"):
                _debug_traceback(exc)
                code = 1
                if standalone_mode:
                    sys.exit(code)
                return code
            _fail(
                _("internal error: {error} (SALESPLAN_DEBUG=1 shows more)").format(
                    error=internal_error(exc)
                )
            )
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code


# No value a command takes is longer (notes are capped at 10,000 characters).
MAX_ARGUMENT = 10_000


def check_arguments(args: Any) -> None:
    """Every argument must be UTF-8 text without control characters, before click reads any.

    Python hands undecodable bytes over as lone surrogates, which would fail much later
    (writing to SQLite); a control character typed into a name would reach every terminal that
    ever shows it. Both are refused here, naming the argument by position, not by content.
    """
    from salesplan.core.validate import find_control
    from salesplan.errors import BadInput

    for position, arg in enumerate(args, 1):
        text = str(arg)
        if len(text) > MAX_ARGUMENT:
            raise BadInput(
                _(
                    "argument {position} is longer than {MAX_ARGUMENT:,} characters: shorten it"
                ).format(position=position, MAX_ARGUMENT=MAX_ARGUMENT)
            )
        if any("\udc80" <= char <= "\udcff" for char in text):
            raise BadInput(
                _("argument {position} is not valid UTF-8: use UTF-8 text").format(
                    position=position
                )
            )
        char = find_control(text.replace("\r\n", "\n"))
        if char is not None:
            raise BadInput(
                _(
                    "argument {position} contains the control character U+{code:04X}: use printable text (tabs and line breaks are fine)"
                ).format(position=position, code=ord(char))
            )


def internal_error(exc: BaseException) -> str:
    """What failed and where, for an unexpected error's one line; never the data.

    An exception's text may quote the SQL with its bound values (names, phones, notes) or a
    value being parsed, so only its type and the innermost line of salesplan's own code are
    named; SALESPLAN_DEBUG=1 lets the whole traceback through.
    """
    where = ""
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename.replace(os.sep, "/")
        if "/salesplan/" in filename:
            module = filename.rsplit("/salesplan/", 1)[1]
            where = f" in salesplan/{module}:{tb.tb_lineno} ({tb.tb_frame.f_code.co_name})"
        tb = tb.tb_next
    return f"{type(exc).__name__}{where}"


def _fail(message: str) -> None:
    from salesplan.plans.run import redact

    try:
        sys.stderr.write(_("error: {message}").format(message=one_line(redact(message))) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr went away: the exit code still tells
        pass


def _debug_traceback(exc: BaseException) -> None:
    """SALESPLAN_DEBUG=1: the whole traceback, with every password in it masked (a driver's
    error may quote the URL it was given)."""
    import traceback

    from salesplan.plans.run import redact

    sys.stderr.write(redact("".join(traceback.format_exception(exc))))
    sys.stderr.flush()


app = typer.Typer(
    cls=SalesplanGroup,
    name="salesplan",
    help=(
        "A personal sales planner: a buffered daily timetable, calls and visits against "
        "targets, follow-ups due and the weekly report.\n\n"
        "Example: salesplan today --date tomorrow"
    ),
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=HELP_SETTINGS,
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
    ctx.obj = State(
        db_option=db, moment=Moment(datetime.now(UTC), pinned_local, system_timezone()), warn=warn
    )
    set_current(ctx.obj)
    i18n.set_setting_reader(ctx.obj.stored_language)
    from salesplan.formats.output import guard_store

    guard_store(_store_file(db))
    ctx.call_on_close(_close_store(ctx.obj))


def _store_file(db_option: str | None) -> Any:
    """The store's file, for the outputs to keep away from (None for a team store)."""

    def where() -> Any:
        from salesplan.plans.run import store_file

        return store_file(db_option, os.environ.get("SALESPLAN_DB") or "")

    return where


def _stored_language(db_option: str | None) -> Any:
    """The ``language`` setting of the store this run uses, read without opening it as a store
    (until the root callback knows the run's state: see ``State.stored_language``)."""

    def read() -> str | None:
        from salesplan.plans.run import peek_language

        return peek_language(db_option)

    return read


def _close_store(st: State) -> Any:
    def close() -> None:
        st.close()

    return close


def keep_standard_streams() -> None:
    """A closed stdin, stdout or stderr (``>&-``) is given /dev/null before anything opens a
    file: otherwise the store, opened next, would take descriptor 1 or 2, and a line printed
    later would be written into it. Output then goes nowhere, as the user asked."""
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        try:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            setattr(sys, name, open(fd, mode, encoding="utf-8", closefd=False))  # noqa: SIM115
        except OSError:
            continue


def run(args: list[str] | None = None) -> int:
    """Run one command line; its exit code. Leaving the process is the caller's business."""
    keep_standard_streams()
    try:
        app(args)
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        sys.stderr.write(f"{exc.code}\n")
        return 1
    return 0


def flushed(code: int) -> int:
    """Flush both streams now, while a closed pipe can still be told apart; the exit code."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        # salesplan due | head: the reader left. Nothing more to save; point stdout at
        # /dev/null so the interpreter's own flush at exit does not complain again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        code = code or PIPE_GONE
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return code


def leave(code: int) -> NoReturn:
    """Leave the ordinary way (``sys.exit``: exit handlers run; a profiler, or a caller of
    ``runpy``, gets control back), after ``gc.freeze()``.

    A plain exit after loading sqlalchemy, pydantic and rich spends about 0.15 s in the
    collections of interpreter teardown, walking every object those modules made. Frozen,
    they are out of the collector's reach and the exit costs within a few hundredths of
    ``os._exit`` (bench/run measures both). SALESPLAN_DEBUG skips the freeze, so objects
    left unclosed still warn as they are collected.
    """
    code = flushed(code)
    if not os.environ.get("SALESPLAN_DEBUG"):
        import gc

        gc.freeze()
    sys.exit(code)


def main() -> None:
    """The console script (``salesplan``)."""
    leave(run())
