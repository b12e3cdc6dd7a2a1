"""Imports: contacts (CSV, vCard), a calendar's events (.ics) and a salesplan JSON export."""

from pathlib import Path
from typing import Annotated

import typer

from salesplan.cli.common import parse_day, say, state, sub_app, warn
from salesplan.i18n import _, ngettext

import_app = sub_app(
    "Import contacts (CSV, vCard), calendar events (.ics) or a salesplan JSON export.\n\n"
    "Example: salesplan import contacts 客户名单.csv --dry-run"
)

DryRun = Annotated[bool, typer.Option("--dry-run", help="Say what would be added; write nothing.")]

# Problems listed under an import's summary; the rest are counted.
SHOWN_PROBLEMS = 30


def err_console():
    """A console on stderr, for progress bars."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True  # stderr went away: the bars are not worth an error

    return _Console(stderr=True)


def _bar(file: Path):
    """A progress bar on stderr for files big enough to take a while."""
    from rich.progress import Progress

    try:
        size = file.stat().st_size
    except OSError:
        size = 0
    console = err_console()
    return Progress(
        console=console, transient=True, disable=size < 256 * 1024 or not console.is_terminal
    )


@import_app.command("contacts")
def import_contacts(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A .csv (with a heading row) or .vcf file.")],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Show the columns' use and what would be added; write nothing."
        ),
    ] = False,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="COLUMN=field", help="Which column holds which field."),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            help="The CSV's encoding, e.g. gb18030 (default: UTF-8, or GB18030 when the file "
            "is not UTF-8 but reads as GB18030, as a Chinese Excel saves CSV)."
        ),
    ] = None,
    cold_list: Annotated[
        str | None,
        typer.Option(
            "--list",
            metavar="NAME",
            help="Tag the contacts added as this cold list (salesplan calls --list NAME).",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="All or nothing: refuse the file at its first bad row or value."
        ),
    ] = False,
) -> None:
    """Import contacts from CSV or vCard: every row it can, nothing twice (the same name with
    a phone or email), the rows it cannot into FILE.rejected.csv (or .vcf) beside the file.

    Example: salesplan import contacts phone.vcf
    """
    from salesplan.core.calls import check_list_name
    from salesplan.core.interchange import Problem
    from salesplan.formats import contact_format
    from salesplan.formats.csv import parse_mapping

    kind = contact_format(file)
    columns = parse_mapping(mapping or [])
    list_name = check_list_name(cold_list) if cold_list is not None else None
    # A rejects file imported again leaves what is still wrong in its own place.
    stem = file.stem.removesuffix(".rejected")
    rejects_path = file.with_name(f"{stem}.rejected{file.suffix}")
    shown: list[Problem] = []
    st = state(ctx)
    with st.session() as s:
        now_utc = st.now_utc(s)
    count, plan, duplicate_lines, nothing = _import_file(
        st, file, kind, encoding, columns, strict, dry_run, list_name, rejects_path, now_utc, shown
    )
    _say_contacts_import(count, dry_run, shown, rejects_path, plan, duplicate_lines)
    if nothing:
        raise _nothing_imported(count, file)


def _import_file(
    st, file, kind, encoding, columns, strict, dry_run, list_name, rejects_path, now_utc, shown
):
    """Read and check the file, then write what it holds: the count, the CSV's column plan,
    the lines naming the duplicates it brought in, and whether nothing could be imported."""
    import tempfile
    from functools import partial

    # The file is read and checked whole before the write lock is taken; the checked rows
    # wait in a temporary file, and so do the rows not written (memory holds none of them),
    # which land beside the source when the import is done.
    with (
        tempfile.TemporaryFile(
            "w+", encoding="utf-8", errors="surrogateescape", newline=""
        ) as held,
        tempfile.TemporaryFile() as spill,
        _contacts_file(file, kind, encoding) as stream,
        _bar(file) as bar,
    ):
        task = bar.add_task(_("reading contacts"), total=None)
        plan, records, rejects = _read_contacts(file, kind, encoding, columns, stream, held)
        if plan is not None and dry_run:
            say(_("columns:"))
            for line in plan.lines():
                say("  " + line)
        count, checked = _check_rows(
            records, rejects, spill, strict, shown, partial(bar.advance, task)
        )
        task = bar.add_task(_("importing contacts"), total=checked)
        nothing, duplicate_lines = _write_contacts(
            st, spill, count, now_utc, list_name, dry_run, partial(bar.advance, task)
        )
        if count.rejected and not dry_run:
            _land_rejects(held, rejects_path, kind)
    return count, plan, duplicate_lines, nothing


def _contacts_file(file: Path, kind: str, encoding: str | None):
    """The contacts file open as text: a CSV in ``encoding`` (else UTF-8 or GB18030), a card
    in UTF-8 (it says its CHARSET), its bytes kept where they are not UTF-8."""
    from salesplan.formats.text import open_text

    return open_text(
        file,
        encoding if encoding or kind == "csv" else "utf-8",
        "surrogateescape" if kind == "vcard" else "strict",
    )


def _read_contacts(file: Path, kind: str, encoding: str | None, columns, stream, held):
    """The column plan (a CSV's), the records and where the rejected rows go."""
    from salesplan.formats.csv import CsvContacts, CsvRejects
    from salesplan.formats.vcard import VcardRejects, vcard_contacts

    if encoding is None and stream.encoding == "gb18030" and kind == "csv":
        warn(
            _(
                "{file} is not UTF-8: read as GB18030, as a Chinese Excel saves CSV (--encoding says otherwise)"
            ).format(file=file.name)
        )
    if kind == "vcard":
        return None, vcard_contacts(stream, file.name), VcardRejects(held)
    read_as = encoding or ("gb18030" if stream.encoding == "gb18030" else "utf-8")
    sheet = CsvContacts(stream, columns, file.name, read_as)
    return sheet.plan, iter(sheet), CsvRejects(held, sheet.header)


def _check_rows(records, rejects, spill, strict: bool, shown: list, progress):
    """The file's rows checked into ``spill``: what was counted, and how many rows are
    checked; the first problems are kept in ``shown``, the rows refused go to ``rejects``."""
    from salesplan.core.interchange import ImportCount, Problem
    from salesplan.plans.imports import check_contacts

    def report(found: Problem, raw: tuple[str, ...]) -> None:
        if len(shown) < SHOWN_PROBLEMS:
            shown.append(found)
        if found.dropped is None:
            rejects.add(raw)

    count = ImportCount()
    checked = check_contacts(records, count, spill, strict=strict, report=report, progress=progress)
    return count, checked


def _write_contacts(st, spill, count, now_utc, list_name, dry_run, progress):
    """Write the checked rows (rolled back on a dry run, or when every row was refused);
    whether nothing could be imported, and the lines naming the duplicates brought in."""
    from salesplan.plans.imports import import_contacts as plan_import

    with st.session(write=True) as s:
        plan_import(
            spill, session=s, now_utc=now_utc, count=count, progress=progress, cold_list=list_name
        )
        nothing = count.rejected and not (count.added or count.updated or count.skipped)
        if dry_run or nothing:
            duplicate_lines = _imported_duplicates(count, s)
            s.rollback()
    if not (dry_run or nothing):
        with st.session() as s:  # the lock is free again while they are looked for
            duplicate_lines = _imported_duplicates(count, s)
    return nothing, duplicate_lines


def _imported_duplicates(count, session) -> list[str]:
    """The lines naming the likely duplicates an import brought in (never merged here)."""
    from salesplan.plans.dupes import CHECKED_AFTER_IMPORT, likely_duplicates
    from salesplan.render.dupes import imported_duplicate_lines

    if count.added > CHECKED_AFTER_IMPORT:
        return [
            _(
                "too many contacts added to look for duplicates here: "
                "salesplan contact dupes lists them"
            )
        ]
    found = likely_duplicates(session=session, since_id=count.before_id) if count.added else []
    return imported_duplicate_lines(found)


def _say_contacts_import(count, dry_run, shown, rejects_path, plan, duplicate_lines) -> None:
    from salesplan.render.imports import contacts_summary, controls_note, problem_line

    say(contacts_summary(count, dry_run) + controls_note(count.controls_removed))
    for problem in shown:
        say("  " + problem_line(problem))
    more = count.rejected + count.dropped - len(shown)
    if more > 0:
        say("  " + ngettext("… and {n} more", "… and {n} more", more).format(n=more))
    if count.rejected:
        say(
            (
                _("would write the rows not imported to {file}")
                if dry_run
                else _("the rows not imported are in {file}: fix them there and import it")
            ).format(file=rejects_path)
        )
    if plan is not None and plan.unused():
        say(_("columns not imported: {columns}").format(columns=_(", ").join(plan.unused())))
    for line in duplicate_lines:
        say(line)


def _nothing_imported(count, file: Path):
    from salesplan.errors import BadInput

    return BadInput(
        ngettext(
            "nothing imported: the {n} row of {file} could not be",
            "nothing imported: none of the {n} rows of {file} could be",
            count.rejected,
        ).format(n=count.rejected, file=file.name)
    )


def _land_rejects(held, target: Path, kind: str) -> None:
    """The rows not imported, from the temporary file to ``target`` (UTF-8; a BOM for Excel
    on a CSV), replaced whole."""
    from salesplan.formats.output import open_output

    held.flush()
    held.seek(0)
    with open_output(target) as out:
        if kind == "csv":
            out.write(b"\xef\xbb\xbf")
        while chunk := held.read(1 << 16):
            out.write(chunk.encode("utf-8", "surrogateescape"))  # a card's own bytes kept


@import_app.command("calendar")
def import_calendar(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An .ics export of a calendar app.")],
    dry_run: DryRun = False,
    days: Annotated[
        int, typer.Option(min=1, max=730, help="Expand repeating events this many days ahead.")
    ] = 180,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Import from this day on (default: 30 days ago)."
        ),
    ] = None,
) -> None:
    """Import a calendar's events as appointments (repeats expanded within a bounded window).

    The file is read and checked before anything is written; the appointments are then written
    in batches, each its own short transaction, so the store stays usable meanwhile (stopped
    half way, importing again adds the rest: nothing is imported twice).

    Example: salesplan import calendar work.ics --days 90
    """
    from datetime import timedelta

    from salesplan.formats.ics import calendar_events
    from salesplan.formats.text import read_bounded
    from salesplan.render.imports import calendar_left_out, calendar_summary

    data = read_bounded(file)
    st = state(ctx)
    left_out: dict[str, int] = {}
    series: dict[str, bool] = {}
    with st.session() as s:
        today = st.today(s)
        start = parse_day(st, s, since) if since else today - timedelta(days=30)
        tz = st.settings(s).tz
        now_utc = st.now_utc(s)
    window = (min(start, today), today + timedelta(days=days))
    with _bar(file) as bar:
        task = bar.add_task(_("reading the calendar"), total=None)
        events = calendar_events(
            data, file.name, window, tz, left_out, lambda n: bar.advance(task, n), series
        )
        del data
        task = bar.add_task(_("importing"), total=len(events))
        count = _write_events(
            st, events, series, window, tz, now_utc, dry_run, lambda n: bar.advance(task, n)
        )
    say(calendar_summary(count, dry_run))
    for line in calendar_left_out(left_out, days):
        say(line)


def _write_events(st, events, series, window, tz, now_utc, dry_run, progress):
    """Write the events in batches, each its own transaction, then cancel the occurrences of
    the file's whole series that the calendar no longer holds; what was done, counted."""
    import time
    from datetime import datetime

    from salesplan.core.dates import to_utc
    from salesplan.core.interchange import ImportCount
    from salesplan.plans.imports import (
        LOCK_TURN_SECONDS,
        cancel_vanished_series,
        import_event_batch,
    )

    count = ImportCount()
    opens, closes = (to_utc(datetime.combine(day, datetime.min.time()), tz) for day in window)
    done = 0
    while True:
        with st.session(write=not dry_run) as s:
            done = import_event_batch(
                events, done, count, session=s, now_utc=now_utc, dry_run=dry_run, progress=progress
            )
            if done >= len(events):
                # Occurrences the calendar no longer holds, where the file holds the
                # whole series in the window (not capped).
                count.cancelled = cancel_vanished_series(
                    series, events, (opens, closes), session=s, dry_run=dry_run
                )
                return count
        # SQLite's lock is no queue: a writer waiting for it looks again every 100 ms at
        # most, so the next batch leaves it that long to take its turn.
        time.sleep(LOCK_TURN_SECONDS)


@import_app.command("json")
def import_json(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A file made by salesplan export --format json.")],
    dry_run: DryRun = False,
    settings: Annotated[
        bool,
        typer.Option(
            "--settings", help="Take the file's settings where they differ from this store's."
        ),
    ] = False,
) -> None:
    """Import a salesplan JSON export: every table, all or nothing, nothing twice.

    Example: salesplan import json all.json
    """
    from salesplan.formats.dump import parse_json
    from salesplan.formats.text import MAX_JSON_BYTES, read_text
    from salesplan.plans.imports import import_dump
    from salesplan.render.imports import controls_note, dump_summary

    data = parse_json(read_text(file, limit=MAX_JSON_BYTES), file.name)
    st = state(ctx)
    with _bar(file) as bar:
        task = bar.add_task(_("importing"), total=None)
        with st.session(write=True) as s:
            result = import_dump(
                data,
                session=s,
                replace_settings=settings,
                progress=lambda n: bar.advance(task, n),
            )
            if dry_run:
                s.rollback()
    say(
        dump_summary(result.added, result.settings_kept, dry_run)
        + controls_note(result.controls_removed)
    )
