"""Expenses and notes (what the log can't know), and the store as a whole: demo, backup,
restore, export."""

from pathlib import Path
from typing import Annotated

import typer

from salesplan.cli.common import (
    JSON_OPTION,
    MAX_ID,
    emit_list,
    parse_day,
    parse_range,
    print_json,
    say,
    state,
    sub_app,
    warn,
)
from salesplan.i18n import NP_, _, is_chinese, ngettext, pgettext

expense_app = sub_app(
    help="Sales expenses (travel, meals, gifts, phone) for the weekly report.\n\n"
    "Example: salesplan expense add 86.50 --category travel --note 打车",
)
note_app = sub_app(
    help="Notes on competitors, local policy and promotions, for the weekly report.\n\n"
    "Example: salesplan note add '竞品降价10%' --kind competitor",
)
RangeFrom = Annotated[
    str | None, typer.Option("--from", help="First DATE (default: this week's start).")
]
RangeTo = Annotated[str | None, typer.Option("--to", help="Last DATE (default today).")]

# What the demo and a JSON import count, as a person reads it.
_TABLE_WORDS = (
    NP_("table", "contacts"),
    NP_("table", "log entries"),
    NP_("table", "appointments"),
    NP_("table", "projects"),
    NP_("table", "expenses"),
    NP_("table", "notes"),
    NP_("table", "log"),
    NP_("table", "appointment_history"),
    NP_("table", "contact_keys"),
    NP_("table", "contact_merges"),
    NP_("table", "events"),
    NP_("table", "project_stages"),
    NP_("table", "project_dates"),
    NP_("table", "payments"),
    NP_("table", "absences"),
    NP_("table", "workday_overrides"),
    NP_("table", "workday_notices"),
    NP_("table", "settings"),
    NP_("table", "todos"),
    NP_("table", "email_templates"),
    NP_("table", "contact_statuses"),
    NP_("table", "contact_tiers"),
    NP_("table", "contact_points"),
)


def _range(st, s, from_, to):
    """Default: this week so far."""
    from salesplan.core.dates import week_bounds

    today = st.today(s)
    week_start = week_bounds(today, st.settings(s).week_start_index)[0]
    first = parse_day(st, s, from_) if from_ else week_start
    return parse_range(st, s, None, from_, to, first_default=first, last_default=max(today, first))


@expense_app.command("add", context_settings={"ignore_unknown_options": True})
def expense_add(
    ctx: typer.Context,
    amount: Annotated[str, typer.Argument(help="Amount, e.g. 86.50.")],
    category: Annotated[str, typer.Option(help="travel, meal, gift, phone or other.")] = "other",
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="DATE it was spent (default today); a weekday or 12月18日 is the latest such day.",
        ),
    ] = None,
    contact: Annotated[str | None, typer.Option(help="REF of the contact it was for.")] = None,
    project: Annotated[
        int | None, typer.Option(min=1, max=MAX_ID, help="Project id it was for.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="What it was.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a sales expense.

    Example: salesplan expense add 320 --category meal --contact 王建国 --note 午餐
    """
    from salesplan.core.money import format_amount, parse_amount
    from salesplan.core.validate import choose, clean_text
    from salesplan.models import EXPENSE_CATEGORIES, Expense
    from salesplan.render.records import expense_json
    from salesplan.store.contacts import resolve_contact
    from salesplan.store.projects import get_project

    cents = parse_amount(amount, allow_zero=False)
    cat = choose(category, EXPENSE_CATEGORIES, "category")
    st = state(ctx)
    with st.session(write=True) as s:
        row = Expense(
            amount=cents,
            category=cat,
            on=parse_day(st, s, date, past=True),
            contact_id=resolve_contact(contact, session=s).id if contact else None,
            project_id=get_project(project, session=s).id if project is not None else None,
            note=clean_text(note, "note"),
        )
        s.add(row)
        s.flush()
        record = expense_json(row)
    if as_json:
        print_json(record)
    else:
        from salesplan.render.words import category_word

        say(
            _("expense #{id} {amount} ({category}) on {day}").format(
                id=record["id"],
                amount=format_amount(cents),
                category=category_word(cat),
                day=record["date"],
            )
        )


@expense_app.command("list")
def expense_list(
    ctx: typer.Context, from_: RangeFrom = None, to: RangeTo = None, as_json: bool = JSON_OPTION
) -> None:
    """List expenses in a range (default: this week so far).

    Example: salesplan expense list --from 2026-11-01
    """
    from salesplan.core.money import format_amount
    from salesplan.render.records import expense_json
    from salesplan.store.records import expenses_between

    st = state(ctx)
    with st.session() as s:
        first, last = _range(st, s, from_, to)
        rows = expenses_between(first, last, session=s)
    # The table shows the stored minor units; the JSON records are for --json only.
    by_id = {e.id: e for e in rows}
    emit_list(
        [expense_json(e) for e in rows],
        as_json,
        empty=_("no expenses"),
        columns=["#", "date", "category", "amount", "note"],
        row=lambda r: (
            r["id"],
            r["date"],
            r["category"],
            format_amount(by_id[r["id"]].amount),
            r["note"],
        ),
        footer=_("total {amount}").format(amount=format_amount(sum(e.amount for e in rows))),
    )


@note_app.command("add")
def note_add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The note.")],
    kind: Annotated[
        str, typer.Option(help="competitor, policy, promotion or general.")
    ] = "general",
    contact: Annotated[str | None, typer.Option(help="REF of a contact it concerns.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="DATE (default today).")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a note for the weekly report.

    Example: salesplan note add '朝阳区周三起限行' --kind policy
    """
    from salesplan.core.validate import choose, clean_text
    from salesplan.models import NOTE_KINDS, Note
    from salesplan.render.records import note_json
    from salesplan.store.contacts import resolve_contact

    body = clean_text(text, "note", required=True) or ""
    k = choose(kind, NOTE_KINDS, "kind")
    st = state(ctx)
    with st.session(write=True) as s:
        row = Note(
            text=body,
            kind=k,
            on=parse_day(st, s, date),
            contact_id=resolve_contact(contact, session=s).id if contact else None,
        )
        s.add(row)
        s.flush()
        record = note_json(row)
    if as_json:
        print_json(record)
    else:
        from salesplan.render.words import note_kind_word

        say(
            _("note #{id} ({kind}) on {day}").format(
                id=record["id"], kind=note_kind_word(k), day=record["date"]
            )
        )


@note_app.command("list")
def note_list(
    ctx: typer.Context,
    from_: RangeFrom = None,
    to: RangeTo = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """List notes in a range (default: this week so far).

    Example: salesplan note list --kind competitor
    """
    from sqlmodel import col, select

    from salesplan.core.validate import choose
    from salesplan.models import NOTE_KINDS, Note
    from salesplan.render.records import note_json

    st = state(ctx)
    with st.session() as s:
        first, last = _range(st, s, from_, to)
        stmt = select(Note).where(Note.on >= first, Note.on <= last)
        if kind:
            stmt = stmt.where(Note.kind == choose(kind, NOTE_KINDS, "kind"))
        rows = s.exec(stmt.order_by(col(Note.on))).all()
    records = [note_json(n) for n in rows]
    emit_list(
        records,
        as_json,
        empty=_("no notes"),
        columns=["#", "date", "kind", "note"],
        row=lambda r: (r["id"], r["date"], r["kind"], r["text"]),
    )


def demo(
    ctx: typer.Context,
    years: Annotated[int, typer.Option(min=1, max=10, help="Years of history to generate.")] = 1,
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed gives the same store.")
    ] = 42,
    force: Annotated[
        bool, typer.Option("--force", help="Fill a store that already has data.")
    ] = False,
) -> None:
    """Fill an empty store with a realistic history, to try every command.

    Example: salesplan --db /tmp/demo.db demo --years 5
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from salesplan.core.demo import generate
    from salesplan.errors import BadInput
    from salesplan.store.demo import insert_demo, store_is_empty
    from salesplan.store.workdays import load_workdays

    st = state(ctx)
    with st.session() as s:
        settings = st.settings(s)
        today = st.today(s)
        now_utc = st.now_utc(s)
        empty = store_is_empty(session=s)
        workdays = load_workdays(settings, session=s)
    if not empty and not force:
        raise BadInput(
            _("{label} already holds data: use --force to add the demo history anyway").format(
                label=st.store.label
            )
        )
    data = generate(
        today=today,
        years=years,
        seed=seed,
        settings=settings,
        workdays=workdays,
        chinese=is_chinese(),
    )
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=_err_console(), transient=True) as bar:
        task = bar.add_task(_("demo history"), total=data.size)
        with st.session(write=True) as s:
            counts = insert_demo(
                data, settings.tz, now_utc, session=s, progress=lambda n: bar.advance(task, n)
            )
    say(
        _("demo store ready: ")
        + _(", ").join(f"{v:,} {pgettext('table', k)}" for k, v in counts.items())
    )


def _err_console():
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True  # stderr went away: the bars are not worth an error

    return _Console(stderr=True)


def backup(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="Where to write it.")
    ] = None,
) -> None:
    """Copy the store with SQLite's backup API (safe while in use) and verify the copy.

    Example: salesplan backup -o ~/salesplan-2026-11-30.db
    """
    from salesplan.formats.output import output_path, remove_stale_parts, resolve_target, to_a_file

    st = state(ctx)
    if output is not None:
        resolve_target(output)  # the store, a folder, an empty name…: refused before any work
    with st.session() as s:
        stamp = st.now(s).strftime("%Y%m%d-%H%M%S")
    from salesplan.store.db import ServerStore

    if isinstance(st.store, ServerStore):
        st.store.backup_to(output or Path("team.dump"))  # refuses: pg_dump is the way
    target = output or st.db_path.with_name(f"{st.db_path.stem}-backup-{stamp}.db")
    resolve_target(target)
    with output_path(target, scratch=st.db_path.parent) as tmp:
        st.store.copy_into(tmp)
    remove_stale_parts(st.db_path.parent, st.db_path.name, st.moment.real_utc.timestamp())
    if to_a_file(target):
        say(_("backup written to {target} (integrity ok)").format(target=target))


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup made by salesplan backup.")],
) -> None:
    """Replace the store with a backup, after backing up the current one.

    Example: salesplan restore ~/salesplan-2026-11-30.db
    """
    from salesplan.formats.output import remove_stale_parts
    from salesplan.store.db import restore_from

    st = state(ctx)
    with st.session() as s:
        stamp = st.now(s).strftime("%Y%m%d-%H%M%S")
    saved = restore_from(st.store, file, stamp)
    remove_stale_parts(st.db_path.parent, st.db_path.name, st.moment.real_utc.timestamp())
    say(
        _("restored {file}; the previous store was saved as {saved}").format(file=file, saved=saved)
    )


def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="json or csv.")] = "json",
    what: Annotated[
        str, typer.Option(help="contacts, log, appointments, projects or all.")
    ] = "all",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE|DIR",
            help="File (a folder for csv of all); default stdout.",
        ),
    ] = None,
    no_bom: Annotated[
        bool, typer.Option("--no-bom", help="CSV without the UTF-8 BOM Excel needs.")
    ] = False,
) -> None:
    """Export the store: complete JSON (every table), or formula-safe CSV that opens in Excel.

    Example: salesplan export --format csv --what contacts -o contacts.csv
    """
    import sys

    from salesplan.core.validate import choose
    from salesplan.errors import BadInput
    from salesplan.formats.csv import CSV_TABLES, to_csv
    from salesplan.formats.dump import by_file_name, to_json, to_plain
    from salesplan.formats.output import (
        check_not_store,
        make_private_folder,
        remove_folders,
        to_a_file,
        write_output,
    )
    from salesplan.render.safe import safe_json, safe_text
    from salesplan.store.interchange import dump_rows, table_shapes

    fmt = choose(fmt, ("json", "csv"), "format")
    what = choose(what, (*CSV_TABLES, "all"), "what")
    tables = by_file_name(table_shapes())
    if fmt == "json":
        names = list(tables) if what == "all" else [what]
    else:
        names = list(CSV_TABLES) if what == "all" else [what]
    if fmt == "csv" and len(names) > 1 and (output is None or output.suffix):
        raise BadInput(_("csv of all tables needs -o DIR (a folder): one file per table"))
    if output is not None:  # the store is never an output: refused before any file is written
        if fmt == "csv" and len(names) > 1:
            for name in names:
                check_not_store(output / f"{name}.csv")
        else:
            check_not_store(output)
    st = state(ctx)
    with st.session() as s:
        tz = st.settings(s).tz
        data = {
            name: to_plain(tables[name], dump_rows(tables[name], session=s), tz) for name in names
        }
    if fmt == "json":
        text = to_json(data)
        if output is None:
            sys.stdout.write(safe_json(text))  # the same values, C1 controls escaped
        else:
            write_output(output, text)
            if to_a_file(output):
                say(
                    _("exported {tables} to {output}").format(
                        tables=", ".join(names), output=output
                    )
                )
        return
    if output is None:
        text = to_csv(data[names[0]], bom=False)
        # A terminal gets no control characters; a pipe or file gets the data as it is.
        sys.stdout.write(safe_text(text) if sys.stdout.isatty() else text)
        return
    if len(names) > 1:
        made = make_private_folder(output)
        written: list[Path] = []
        try:
            for name in names:
                written.append(output / f"{name}.csv")
                write_output(written[-1], to_csv(data[name], bom=not no_bom).encode("utf-8"))
        except BaseException:
            if made:  # a folder this run made holds only what this run wrote: take it back
                for path in written:
                    path.unlink(missing_ok=True)
                remove_folders(made)
            raise
    else:
        write_output(output, to_csv(data[names[0]], bom=not no_bom).encode("utf-8"))
    if len(names) > 1 or to_a_file(output):
        say(_("exported {tables} to {output}").format(tables=", ".join(names), output=output))


import_app = sub_app(
    "Import contacts (CSV, vCard), calendar events (.ics) or a salesplan JSON export.\n\n"
    "Example: salesplan import contacts 客户名单.csv --dry-run"
)


def _bar(file: Path):
    """A progress bar on stderr for files big enough to take a while."""
    from rich.progress import Progress

    try:
        size = file.stat().st_size
    except OSError:
        size = 0
    console = _err_console()
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
    import pickle
    import tempfile

    from salesplan.core.calls import check_list_name
    from salesplan.core.interchange import ImportCount, Problem
    from salesplan.errors import BadInput
    from salesplan.formats import contact_format
    from salesplan.formats.csv import CsvContacts, CsvRejects, parse_mapping
    from salesplan.formats.text import open_text
    from salesplan.formats.vcard import VcardRejects, vcard_contacts
    from salesplan.store.interchange import check_contact_rows
    from salesplan.store.interchange import import_contacts as store_import

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
    # The file is read and checked whole before the write lock is taken; the checked rows
    # wait in a temporary file, and so do the rows not written (memory holds none of them),
    # which land beside the source when the import is done.
    with (
        tempfile.TemporaryFile(
            "w+", encoding="utf-8", errors="surrogateescape", newline=""
        ) as held,
        tempfile.TemporaryFile() as spill,
        open_text(
            file,
            encoding if encoding or kind == "csv" else "utf-8",  # a card says its CHARSET
            "surrogateescape" if kind == "vcard" else "strict",
        ) as stream,
        _bar(file) as bar,
    ):
        task = bar.add_task(_("reading contacts"), total=None)
        if encoding is None and stream.encoding == "gb18030" and kind == "csv":
            warn(
                _(
                    "{file} is not UTF-8: read as GB18030, as a Chinese Excel saves CSV (--encoding says otherwise)"
                ).format(file=file.name)
            )
        plan = None
        if kind == "vcard":
            records = vcard_contacts(stream, file.name)
            rejects: CsvRejects | VcardRejects = VcardRejects(held)
        else:
            read_as = encoding or ("gb18030" if stream.encoding == "gb18030" else "utf-8")
            sheet = CsvContacts(stream, columns, file.name, read_as)
            plan, records = sheet.plan, iter(sheet)
            rejects = CsvRejects(held, sheet.header)
            if dry_run:
                say(_("columns:"))
                for line in plan.lines():
                    say("  " + line)

        def report(found: Problem, raw: tuple[str, ...]) -> None:
            if len(shown) < SHOWN_PROBLEMS:
                shown.append(found)
            if found.dropped is None:
                rejects.add(raw)

        count = ImportCount()
        checked = 0
        for row in check_contact_rows(records, count, strict=strict, report=report):
            pickle.dump(row, spill, protocol=pickle.HIGHEST_PROTOCOL)
            checked += 1
            bar.advance(task, 1)
        spill.seek(0)
        task = bar.add_task(_("importing contacts"), total=checked)
        with st.session(write=True) as s:
            store_import(
                _unspilled(spill),
                session=s,
                now_utc=now_utc,
                count=count,
                progress=lambda n: bar.advance(task, n),
                cold_list=list_name,
            )
            nothing = count.rejected and not (count.added or count.updated or count.skipped)
            if dry_run or nothing:
                duplicate_lines = _imported_duplicates(count, s)
                s.rollback()
        if not (dry_run or nothing):
            with st.session() as s:  # the lock is free again while they are looked for
                duplicate_lines = _imported_duplicates(count, s)
        if count.rejected and not dry_run:
            _land_rejects(held, rejects_path, kind)
    say(_import_summary(count, dry_run) + _controls_note(count.controls_removed))
    for problem in shown:
        say("  " + _problem_line(problem))
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
    if nothing:
        raise BadInput(
            ngettext(
                "nothing imported: the {n} row of {file} could not be",
                "nothing imported: none of the {n} rows of {file} could be",
                count.rejected,
            ).format(n=count.rejected, file=file.name)
        )


def _unspilled(spill):
    """The checked rows a contacts import wrote to ``spill``, read back one at a time."""
    import pickle

    while True:
        try:
            yield pickle.load(spill)
        except EOFError:
            return


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


# Problems listed under an import's summary; the rest are counted.
SHOWN_PROBLEMS = 30


def _import_summary(count, dry_run: bool) -> str:
    text = (
        ngettext(
            "would add {n} contact · {skipped} already in the store",
            "would add {n} contacts · {skipped} already in the store",
            count.added,
        )
        if dry_run
        else ngettext(
            "added {n} contact · {skipped} already in the store",
            "added {n} contacts · {skipped} already in the store",
            count.added,
        )
    ).format(n=count.added, skipped=count.skipped)
    if count.updated:
        text += (
            ngettext(" · would fill in {n} contact", " · would fill in {n} contacts", count.updated)
            if dry_run
            else ngettext(" · filled in {n} contact", " · filled in {n} contacts", count.updated)
        ).format(n=count.updated)
    if count.rejected:
        text += ngettext(
            " · {n} row not imported", " · {n} rows not imported", count.rejected
        ).format(n=count.rejected)
    if count.dropped:
        text += ngettext(" · {n} value not kept", " · {n} values not kept", count.dropped).format(
            n=count.dropped
        )
    return text


def _problem_line(problem) -> str:
    from salesplan.core.interchange import place
    from salesplan.render.safe import safe_text

    where = place(problem.where)
    if problem.dropped is None:
        line = _("{where} not imported: {why}").format(where=where, why=problem.why)
    else:
        line = _("{where}: {why} (the contact is kept without this {field})").format(
            where=where, field=pgettext("what", problem.field.replace("_", " ")), why=problem.why
        )
    return safe_text(line)


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


def _if_any(n: int, note: str) -> str:
    """``note`` said of ``n`` things, or nothing when there are none."""
    return note.format(n=n) if n else ""


def _controls_note(removed: int) -> str:
    return _if_any(
        removed,
        ngettext(" · {n} control character removed", " · {n} control characters removed", removed),
    )


@import_app.command("calendar")
def import_calendar(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An .ics export of a calendar app.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be added; write nothing.")
    ] = False,
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
    import time
    from datetime import datetime, timedelta

    from salesplan.core.dates import to_utc
    from salesplan.core.interchange import ImportCount
    from salesplan.formats.ics import calendar_events
    from salesplan.formats.text import read_bounded
    from salesplan.store.interchange import cancel_vanished, import_events

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
        count = ImportCount()
        opens, closes = (to_utc(datetime.combine(day, datetime.min.time()), tz) for day in window)
        done = 0
        while True:
            with st.session(write=not dry_run) as s:
                # A batch is as many events as fit in WRITE_SECONDS, however busy the machine.
                began = time.monotonic()
                while done < len(events) and time.monotonic() - began < WRITE_SECONDS:
                    part = events[done : done + EVENTS_PER_STEP]
                    count.merge(import_events(part, session=s, now_utc=now_utc, dry_run=dry_run))
                    done += len(part)
                    bar.advance(task, len(part))
                if done >= len(events):
                    # Occurrences the calendar no longer holds, where the file holds the
                    # whole series in the window (not capped).
                    count.cancelled = cancel_vanished(
                        [uid for uid, capped in series.items() if not capped],
                        {ev.uid for ev in events},
                        (opens, closes),
                        session=s,
                        dry_run=dry_run,
                    )
                    break
            # SQLite's lock is no queue: a writer waiting for it looks again every 100 ms at
            # most, so the next batch leaves it that long to take its turn.
            time.sleep(LOCK_TURN_SECONDS)
    say(
        (
            ngettext(
                "would add {n} appointment · {skipped} already imported",
                "would add {n} appointments · {skipped} already imported",
                count.added,
            )
            if dry_run
            else ngettext(
                "added {n} appointment · {skipped} already imported",
                "added {n} appointments · {skipped} already imported",
                count.added,
            )
        ).format(n=count.added, skipped=count.skipped)
        + _if_any(
            count.updated,
            ngettext(
                " · {n} changed in the calendar since, updated",
                " · {n} changed in the calendar since, updated",
                count.updated,
            ),
        )
        + _if_any(
            count.cancelled,
            ngettext(
                " · {n} no longer in the calendar, cancelled",
                " · {n} no longer in the calendar, cancelled",
                count.cancelled,
            ),
        )
        + _controls_note(count.controls_removed)
    )
    past, all_day, later = (left_out.get(k, 0) for k in ("past", "all_day", "later"))
    for n, said in (
        (
            past,
            ngettext(
                "skipped {n} past event (--since DATE imports it)",
                "skipped {n} past events (--since DATE imports them)",
                past,
            ),
        ),
        (
            all_day,
            ngettext(
                "skipped {n} all-day event (holidays, birthdays: not appointments)",
                "skipped {n} all-day events (holidays, birthdays: not appointments)",
                all_day,
            ),
        ),
        (
            later,
            ngettext(
                "skipped {n} event more than {days} days ahead (--days widens the window)",
                "skipped {n} events more than {days} days ahead (--days widens the window)",
                later,
            ),
        ),
    ):
        if n:
            say(said.format(n=n, days=days))


# A calendar import writes its appointments in batches, each its own transaction holding the
# write lock for about WRITE_SECONDS (steps of EVENTS_PER_STEP until the time is up), and leaves
# the lock free between batches long enough for a waiting writer to take it.
WRITE_SECONDS = 0.4
EVENTS_PER_STEP = 50
LOCK_TURN_SECONDS = 0.15


@import_app.command("json")
def import_json(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A file made by salesplan export --format json.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be added; write nothing.")
    ] = False,
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
    from salesplan.formats.dump import file_name, parse_json, read_export
    from salesplan.formats.text import MAX_JSON_BYTES, read_text
    from salesplan.store.interchange import load, table_shapes

    data = parse_json(read_text(file, limit=MAX_JSON_BYTES), file.name)
    st = state(ctx)
    with _bar(file) as bar:
        task = bar.add_task(_("importing"), total=None)
        with st.session(write=True) as s:
            shapes = table_shapes()
            result = load(
                read_export(data, shapes),
                session=s,
                replace_settings=settings,
                progress=lambda n: bar.advance(task, n),
            )
            if dry_run:
                s.rollback()
    names = {shape.table: file_name(shape) for shape in shapes}
    shown = _(", ").join(
        f"{n} {pgettext('table', names[table])}" for table, n in result.added.items() if n
    ) or _("nothing new")
    kept = result.settings_kept
    if kept:
        shown += _(
            " · kept this store's {settings} (the file's value differs; --settings takes the file's)"
        ).format(settings=", ".join(kept))
    verb = _("would add {what}") if dry_run else _("added {what}")
    say(verb.format(what=shown) + _controls_note(result.controls_removed))
