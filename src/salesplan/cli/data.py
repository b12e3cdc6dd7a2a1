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
)
from salesplan.cli.imports import import_app  # noqa: F401  (the app finds the group here)
from salesplan.i18n import NP_, _, is_chinese, pgettext

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
    from salesplan.core.validate import choose
    from salesplan.core.vocab import EXPENSE_CATEGORIES
    from salesplan.plans.records import add_expense
    from salesplan.render.records import expense_json

    cents = parse_amount(amount, allow_zero=False)
    cat = choose(category, EXPENSE_CATEGORIES, "category")
    st = state(ctx)
    with st.session(write=True) as s:
        on = parse_day(st, s, date, past=True)
        saved = add_expense(cents, cat, on, contact, project, note, session=s)
        record = expense_json(saved)
    if as_json:
        print_json(record)
    else:
        from salesplan.core.words import category_word

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
    from salesplan.plans.records import expenses_between
    from salesplan.render.records import expense_json

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
    from salesplan.core.vocab import NOTE_KINDS
    from salesplan.plans.records import add_note
    from salesplan.render.records import note_json

    body = clean_text(text, "note", required=True) or ""
    k = choose(kind, NOTE_KINDS, "kind")
    st = state(ctx)
    with st.session(write=True) as s:
        on = parse_day(st, s, date)
        record = note_json(add_note(session=s, text=body, kind=k, on=on, contact=contact))
    if as_json:
        print_json(record)
    else:
        from salesplan.core.words import note_kind_word

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
    from salesplan.core.validate import choose
    from salesplan.core.vocab import NOTE_KINDS
    from salesplan.plans.records import notes_of_kind
    from salesplan.render.records import note_json

    st = state(ctx)
    with st.session() as s:
        first, last = _range(st, s, from_, to)
        only = choose(kind, NOTE_KINDS, "kind") if kind else None
        rows = notes_of_kind(first, last, only, session=s)
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

    from salesplan.cli.imports import err_console
    from salesplan.plans.demo import demo_history, demo_start, write_demo

    st = state(ctx)
    with st.session() as s:
        start = demo_start(st, session=s)
    data = demo_history(
        start, years=years, seed=seed, force=force, label=st.store.label, chinese=is_chinese()
    )
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console(), transient=True) as bar:
        task = bar.add_task(_("demo history"), total=data.size)
        with st.session(write=True) as s:
            counts = write_demo(data, start, session=s, progress=lambda n: bar.advance(task, n))
    say(
        _("demo store ready: ")
        + _(", ").join(f"{v:,} {pgettext('table', k)}" for k, v in counts.items())
    )


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
    from salesplan.plans.backup import copy_store, refuse_team_backup

    st = state(ctx)
    if output is not None:
        resolve_target(output)  # the store, a folder, an empty name…: refused before any work
    with st.session() as s:
        stamp = st.now(s).strftime("%Y%m%d-%H%M%S")
    refuse_team_backup(st, output)  # pg_dump is the way
    target = output or st.db_path.with_name(f"{st.db_path.stem}-backup-{stamp}.db")
    resolve_target(target)
    with output_path(target, scratch=st.db_path.parent) as tmp:
        copy_store(st, tmp)
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
    from salesplan.plans.backup import restore_store

    st = state(ctx)
    with st.session() as s:
        stamp = st.now(s).strftime("%Y%m%d-%H%M%S")
    saved = restore_store(st, file, stamp)
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
    from salesplan.core.validate import choose
    from salesplan.formats.csv import CSV_TABLES
    from salesplan.plans.exports import export_rows, export_tables

    fmt = choose(fmt, ("json", "csv"), "format")
    what = choose(what, (*CSV_TABLES, "all"), "what")
    tables = export_tables()
    names = _export_names(fmt, what, output, tables, CSV_TABLES)
    st = state(ctx)
    with st.session() as s:
        data = export_rows(tables, names, st.settings(s).tz, session=s)
    if fmt == "json":
        _write_json(data, names, output)
    else:
        _write_csv(data, names, output, bom=not no_bom)


def _export_names(fmt: str, what: str, output: Path | None, tables, csv_tables) -> list[str]:
    """The tables to export, by file name; refused before any file is written when csv of
    several needs a folder, or when the output would be the store."""
    from salesplan.errors import BadInput
    from salesplan.formats.output import check_not_store

    if fmt == "json":
        names = list(tables) if what == "all" else [what]
    else:
        names = list(csv_tables) if what == "all" else [what]
    if fmt == "csv" and len(names) > 1 and (output is None or output.suffix):
        raise BadInput(_("csv of all tables needs -o DIR (a folder): one file per table"))
    if output is not None:  # the store is never an output: refused before any file is written
        if fmt == "csv" and len(names) > 1:
            for name in names:
                check_not_store(output / f"{name}.csv")
        else:
            check_not_store(output)
    return names


def _write_json(data, names: list[str], output: Path | None) -> None:
    import sys

    from salesplan.formats.dump import to_json
    from salesplan.formats.output import to_a_file, write_output
    from salesplan.render.safe import safe_json

    text = to_json(data)
    if output is None:
        sys.stdout.write(safe_json(text))  # the same values, C1 controls escaped
        return
    write_output(output, text)
    if to_a_file(output):
        say(_("exported {tables} to {output}").format(tables=", ".join(names), output=output))


def _write_csv(data, names: list[str], output: Path | None, *, bom: bool) -> None:
    import sys

    from salesplan.formats.csv import to_csv
    from salesplan.formats.output import (
        make_private_folder,
        remove_folders,
        to_a_file,
        write_output,
    )
    from salesplan.render.safe import safe_text

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
                write_output(written[-1], to_csv(data[name], bom=bom).encode("utf-8"))
        except BaseException:
            if made:  # a folder this run made holds only what this run wrote: take it back
                for path in written:
                    path.unlink(missing_ok=True)
                remove_folders(made)
            raise
    else:
        write_output(output, to_csv(data[names[0]], bom=bom).encode("utf-8"))
    if len(names) > 1 or to_a_file(output):
        say(_("exported {tables} to {output}").format(tables=", ".join(names), output=output))
