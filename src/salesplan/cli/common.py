"""What every command shares: the state the root callback reads once, output helpers.

Only this package prints. Heavy modules (sqlalchemy, sqlmodel, the store) are imported inside
the functions that need them so that ``--help`` stays fast and never opens a database.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

import typer

from salesplan.cli.localize import LocalizedGroup
from salesplan.i18n import _
from salesplan.plans.run import Run, redact

if TYPE_CHECKING:
    from rich.console import Console
    from sqlmodel import Session


# The run context lives in plans (it opens the store); the commands know it as State.
State = Run


# The command running now (the root callback sets it): print_json adds the calendar's note.
_current: State | None = None


def set_current(st: State | None) -> None:
    global _current
    _current = st


def system_timezone() -> tzinfo:
    """The machine's zone with its DST rules: $TZ, else /etc/localtime, else dateutil's view.

    A real zone (not a fixed offset) so a 09:00 appointment stays 09:00 across a DST change;
    zoneinfo is also far faster than dateutil's tzlocal when converting thousands of rows.
    Read by the root callback, beside the clock.
    """
    import os
    from zoneinfo import ZoneInfo

    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except Exception:  # noqa: BLE001 - an odd $TZ falls through to the system file
            pass
    # By name where /etc/localtime points into the zone database, so the zone's name (which
    # decides the default holiday calendar) is known too.
    target = os.path.realpath("/etc/localtime")
    if "zoneinfo/" in target:
        try:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
        except Exception:  # noqa: BLE001 - not a zone name after all: read the file
            pass
    try:
        with open("/etc/localtime", "rb") as fh:
            return ZoneInfo.from_file(fh, key="localtime")
    except (OSError, ValueError):
        from dateutil.tz import tzlocal

        return tzlocal()


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    obj = root.obj
    if not isinstance(obj, State):  # pragma: no cover - the root callback always sets it
        raise RuntimeError("salesplan state missing")
    return obj


# --- output ------------------------------------------------------------------------------

_console: Console | None = None


def console() -> Console:
    global _console
    if _console is None:
        from rich.console import Console

        from salesplan.render.safe import TerminalSafe

        # No markup: stored text such as "[/]" or "[link=…]" is text, never a style or a
        # link; and whatever is printed is stripped of control characters (render.safe).
        class _Console(Console):
            def on_broken_pipe(self) -> None:
                # The reader left (| head): rich would exit 1, an error; the root handler
                # makes it the quiet exit a shell expects of a pipe's writer.
                self.quiet = True
                raise BrokenPipeError

        _console = _Console(highlight=False, markup=False)
        _console.push_render_hook(TerminalSafe())
    return _console


def reset_console() -> None:
    """Tests swap stdout between invocations; the next console must see the new one."""
    global _console
    _console = None


def print_json(data: Any) -> None:
    """One JSON document on stdout. An object whose numbers rested on a guessed year gets
    ``"calendar": {"guessed_years": [...]}``; nothing else changes."""
    from salesplan.render.safe import safe_json

    guessed = _current.guessed_years() if _current is not None else []
    if guessed and isinstance(data, dict) and "calendar" not in data:
        data = {**data, "calendar": {"guessed_years": guessed}}

    text = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)
    sys.stdout.write(safe_json(text) + "\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def say(text: str) -> None:
    """One plain line on stdout (no rich markup interpretation)."""
    console().print(text, markup=False, highlight=False, soft_wrap=True)


def warn(text: str) -> None:
    sys.stderr.write(_("warning: {message}").format(message=one_line(redact(text))) + "\n")


def one_line(text: str) -> str:
    """A message on one line, with no control character left to reach the terminal."""
    from salesplan.core.validate import strip_controls

    return " ".join(strip_controls(str(text))[0].split())


# The largest id (and count) a store can hold: SQLite's INTEGER; typed ids are checked against it.
MAX_ID = 2**63 - 1
JSON_OPTION = typer.Option(False, "--json", help="Print one JSON document instead of a table.")
HELP_SETTINGS = {"help_option_names": ["-h", "--help"]}


class HelpWhenBareGroup(LocalizedGroup):
    """A group given no arguments prints its help, as ``--help`` would, and exits 0.

    Done here rather than with ``no_args_is_help``, which reports the help as a usage error
    that the root (running click with ``standalone_mode=False``) would have to tell apart
    from real usage errors."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())
            ctx.exit(0)
        return super().parse_args(ctx, args)


def sub_app(help: str) -> typer.Typer:
    """A command group. Plain click help (no rich markup): rendering help through rich
    costs more than the rest of ``--help`` together."""
    return typer.Typer(
        help=help,
        cls=HelpWhenBareGroup,
        rich_markup_mode=None,
        add_completion=False,  # completion belongs to the root only
        context_settings=HELP_SETTINGS,
    )


# --- what users type, parsed against the pinned clock --------------------------------------


def parse_day(st: State, session: Session, text: str | None, *, past: bool = False) -> date:
    """A DATE option (None: today). ``past``: a day that already happened, so a weekday or
    12月18日 is the latest such day not after today."""
    from salesplan.core.dates import parse_date

    today = st.today(session)
    return today if text is None else parse_date(text, today, past=past)


def week_day(st: State, session: Session, week: str | None, day: str | None) -> date:
    """A day in the week a report is asked for: ``--week`` as people name it (上周, 第50周,
    2026-W50: the latest such week that has begun), else ``--date`` (default today)."""
    from salesplan.core.dates import parse_week

    if week:
        return parse_week(week, st.today(session), st.settings(session).week_start_index, past=True)
    return parse_day(st, session, day)


def parse_when(
    st: State,
    session: Session,
    text: str,
    default_now_time: bool = False,
    *,
    past: bool = False,
    future_ok: bool = True,
) -> datetime:
    """A DATETIME option → a naive local datetime. ``past``: a moment that already happened (a
    weekday or 12月18日 is the latest such one); unless ``future_ok``, one after now is refused."""
    from salesplan.core.dates import parse_datetime

    now = st.now(session)
    when = parse_datetime(
        text,
        now,
        default_time=now.time().replace(second=0, microsecond=0) if default_now_time else None,
        past=past,
    )
    if not future_ok and when > now.replace(second=0, microsecond=0):
        from salesplan.errors import BadInput

        raise BadInput(
            _(
                "{text} is {when}, which has not happened yet: the log holds what happened; "
                "give --future to log it ahead"
            ).format(text=repr(text), when=f"{when:%Y-%m-%d %H:%M}")
        )
    return when


def parse_range(
    st: State,
    session: Session,
    day: str | None,
    from_: str | None,
    to: str | None,
    *,
    first_default: date,
    last_default: date | None,
) -> tuple[date, date | None]:
    """``--date D`` or ``--from A --to B`` (each defaulted); ``last`` None means open-ended."""
    from salesplan.errors import BadInput

    if day and (from_ or to):
        raise BadInput(_("give --date or --from/--to, not both"))
    if day:
        one = parse_day(st, session, day)
        return one, one
    first = parse_day(st, session, from_) if from_ else first_default
    last = parse_day(st, session, to) if to else last_default
    if last is not None and last < first:
        raise BadInput(_("--to is before --from"))
    return first, last


def emit_list(
    records: list[dict[str, Any]],
    as_json: bool,
    *,
    empty: str,
    columns: list[str],
    row: Any,
    footer: str | None = None,
) -> None:
    """A list command's output: the JSON array, or a table (or one line when empty)."""
    if as_json:
        print_json(records)
        return
    if not records:
        say(empty)
        return
    from salesplan.render.tables import table

    console().print(table(columns, [row(r) for r in records]))
    if footer:
        say(footer)
