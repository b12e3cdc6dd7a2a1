"""``week``, ``month``, ``review`` and ``absent``: looking back, and the weekly report."""

from pathlib import Path
from typing import Annotated

import typer

from salesplan.cli.common import JSON_OPTION, console, parse_day, print_json, say, state, week_day
from salesplan.i18n import _


def week(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option("--date", help="A DATE in the week (default today).")
    ] = None,
    iso_week: Annotated[
        str | None,
        typer.Option(
            "--week",
            help="The week: last, this, an ISO week such as 2026-W49 (上周, 本周, 第49周, "
            "2026年第49周) or a DATE in it.",
        ),
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the report as Markdown.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar="FILE", help="Write the report to FILE (.md or .xlsx)."
        ),
    ] = None,
    summary_text: Annotated[
        str | None,
        typer.Option(
            "--summary",
            help="Keep this text as the week's own words (本周小结), shown in its report.",
        ),
    ] = None,
    as_json: bool = JSON_OPTION,
    html: Annotated[
        bool,
        typer.Option(
            "--html", help="The week as one self-contained HTML page with charts (-o FILE.html)."
        ),
    ] = False,
) -> None:
    """The week against the targets, and the weekly report drafted from the log.

    Example: salesplan week --markdown -o week.md
    """
    from salesplan.errors import BadInput

    if date and iso_week:
        raise BadInput(_("give --date or --week, not both"))
    if html:
        if as_json or markdown:
            raise BadInput(_("give --html, --markdown or --json, one of them"))
        from salesplan.cli.board import week_html

        week_html(state(ctx), date, iso_week, output)
        return
    stream, suffix = _report_form(output, as_json)
    from salesplan.core.validate import clean_text

    words = clean_text(summary_text, "note", required=True) if summary_text is not None else None
    summary, comments = _read_week(state(ctx), date, iso_week, words)
    if output is not None:
        _write_week(output, suffix, summary, say_where=not as_json)
    if as_json:
        if not (stream and str(output) in ("-", "/dev/stdout")):  # not twice on stdout
            print_json({**summary.to_json(), "comments": comments})
        return
    # The manager's comments on a team store come first.
    for c in comments:
        say(_("{author}: {text} ({at:%Y-%m-%d %H:%M})").format(**c))
    if output is not None:  # --markdown with -o names the file's form; the file is the report
        return
    if markdown:
        from salesplan.formats.markdown import week_markdown
        from salesplan.render.safe import safe_text

        typer.echo(safe_text(week_markdown(summary)))
    else:
        from salesplan.render.report import render_week

        console().print(render_week(summary))


REPORT_SUFFIXES = (".md", ".markdown", ".xlsx", ".json")


def _report_form(output: Path | None, as_json: bool) -> tuple[bool, str]:
    """Whether ``-o`` is a stream, and the form the report takes there (its suffix). `-`, a
    device or a fifo is written as a stream: Markdown, or JSON with --json; a file says its
    form by its ending."""
    from salesplan.errors import BadInput
    from salesplan.formats.output import to_a_file

    stream = output is not None and not to_a_file(output)
    suffix = output.suffix.lower() if output is not None else ""
    if stream and suffix not in REPORT_SUFFIXES:
        suffix = ".json" if as_json else ".md"
    if output is not None and suffix not in REPORT_SUFFIXES:
        raise BadInput(
            _("cannot write {name}: use a file ending in .md, .xlsx or .json").format(
                name=output.name
            )
        )
    return stream, suffix


def _read_week(st, date: str | None, iso_week: str | None, words: str | None):  # noqa: ANN001, ANN202
    """The week's summary and the manager's comments on it, once ``words`` (if given) are kept
    as the week's own."""
    from salesplan.plans.week import keep_week_words, week_comments, week_summary

    if words is not None:
        with st.session(write=True) as s:
            settings = st.settings(s)
            day = week_day(st, s, iso_week, date)
            keep_week_words(words, day, st.today(s), settings, session=s)
    with st.session() as s:
        settings = st.settings(s)
        today = st.today(s)
        day = week_day(st, s, iso_week, date)
        summary = week_summary(day, today, settings, session=s)
        comments = week_comments(summary.label, settings, session=s, team=st.store.is_server)
    return summary, comments


def _write_week(output: Path, suffix: str, summary, *, say_where: bool) -> None:  # noqa: ANN001
    """The weekly report written to ``output`` in the form ``suffix`` names."""
    from salesplan.formats.output import to_a_file, write_output

    if suffix == ".xlsx":
        from salesplan.formats.xlsx import week_xlsx

        write_output(output, week_xlsx(summary))
    elif suffix == ".json":
        import json

        write_output(output, json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        from salesplan.formats.markdown import week_markdown

        write_output(output, week_markdown(summary))
    if say_where and to_a_file(output):
        say(_("weekly report {week} written to {path}").format(week=summary.label, path=output))


def month(
    ctx: typer.Context,
    month_: Annotated[
        str | None,
        typer.Option(
            "--month",
            help="YYYY-MM, this, last or a month alone (本月, 上月, 11月: the latest such "
            "month; default this month).",
        ),
    ] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print as Markdown.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """The month: a row per week, sales against the yearly target, the attendance score.

    Example: salesplan month --month 2026-11
    """
    from salesplan.core.dates import parse_month
    from salesplan.plans.month import month_summary
    from salesplan.render.safe import safe_text

    st = state(ctx)
    with st.session() as s:
        settings = st.settings(s)
        today = st.today(s)
        first = parse_month(month_, today, past=True) if month_ else today.replace(day=1)
        data = month_summary(first, today, settings, session=s)
    if as_json:
        print_json(data.to_json())
        return
    from salesplan.render.month import month_markdown, render_month

    if markdown:
        typer.echo(safe_text(month_markdown(data)))
    else:
        console().print(render_month(data))


def review(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option("--date", help="The DATE to review (default today).")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """The evening review: today's contacts by outcome, loose ends, today's names, tomorrow.

    Example: salesplan review
    """
    from salesplan.plans.review import evening_review

    st = state(ctx)
    with st.session() as s:
        settings = st.settings(s)
        day = parse_day(st, s, date)
        data = evening_review(day, st.now(s), settings, session=s)
    if as_json:
        print_json(data.to_json())
        return
    from salesplan.render.review import render_review

    console().print(render_review(data))


def absent(
    ctx: typer.Context,
    on: Annotated[str, typer.Argument(metavar="DATE", help="The day absent.")],
    half: Annotated[
        bool, typer.Option("--half", help="Half a day (counts as a day in the score).")
    ] = False,
    morning: Annotated[
        bool, typer.Option("--morning", help="With --half: the morning is away (the default).")
    ] = False,
    afternoon: Annotated[
        bool, typer.Option("--afternoon", help="With --half: the afternoon is away.")
    ] = False,
    undo: Annotated[bool, typer.Option("--undo", help="Remove the record.")] = False,
) -> None:
    """Record a day absent, for the monthly attendance score and the day's targets.

    A whole day absent has no targets and is not a missed day. Half a day takes that half of
    the day template away (before or after noon) and halves the day's call target.

    Example: salesplan absent 2026-11-20 --half --afternoon
    """
    from salesplan.errors import BadInput
    from salesplan.plans.absences import record_absence

    if morning and afternoon:
        raise BadInput(_("give --morning or --afternoon, not both"))
    if (morning or afternoon) and not half:
        raise BadInput(_("--morning and --afternoon go with --half"))
    part = ("afternoon" if afternoon else "morning") if half else None
    st = state(ctx)
    with st.session(write=True) as s:
        # Recorded as it happened (CONTRACT): a weekday or 12月18日 is the latest such day not
        # after today; a full date, or tomorrow, books one ahead.
        day = parse_day(st, s, on, past=True)
        record_absence(day, st.settings(s), session=s, half=half, part=part, undo=undo)
    if undo:
        what = _("absence removed")
    elif part == "afternoon":
        what = _("afternoon absent: half the call target")
    elif part == "morning":
        what = _("morning absent: half the call target")
    else:
        what = _("absent: no targets")
    say(f"{day.isoformat()}: {what}")
