"""The HTML pages: ``week --html`` and ``team board``. Imported only by those two, so Jinja2 and
the page's plans never slow another command."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from salesplan.cli.common import say, week_day
from salesplan.core.board import RepPage, Section
from salesplan.i18n import _


def check_html_output(output: Path | None) -> None:
    """``-o`` with --html names an .html file, stdout (``-``) or a device."""
    from salesplan.formats.output import to_a_file

    if output is None or not to_a_file(output):
        return
    if output.suffix.lower() not in (".html", ".htm"):
        from salesplan.errors import BadInput

        raise BadInput(
            _("cannot write {name} as a page: use a file ending in .html").format(name=output.name)
        )


def _with_sections(page: RepPage, flag_lines: list[str] | None = None) -> RepPage:
    from salesplan.formats.report_lines import section_lines

    return replace(
        page,
        sections=tuple(
            Section(title, tuple(lines)) for title, lines in section_lines(page.summary)
        ),
        flag_lines=tuple(flag_lines or ()),
    )


def _made(now: datetime) -> str:
    return now.strftime("%Y-%m-%d %H:%M")


def _write(output: Path | None, html: str) -> None:
    from salesplan.formats.output import write_output

    write_output(output if output is not None else Path("-"), html)


def week_html(
    st: Any,
    date: str | None,
    iso_week: str | None,
    output: Path | None,
) -> None:
    """``week --html``: the person's own week as one page."""
    from salesplan.plans.board import page_for
    from salesplan.plans.week import week_comments, week_summary_and_due

    check_html_output(output)
    with st.session() as s:
        settings = st.settings(s)
        today = st.today(s)
        day = week_day(st, s, iso_week, date)
        summary, due = week_summary_and_due(day, today, settings, session=s)
        comments = week_comments(summary.label, settings, session=s, team=st.store.is_server)
        page = page_for(summary, today, settings, session=s, comments=comments, due=due)
        made = _made(st.now(s))
    from salesplan.core.reportwords import report_title
    from salesplan.formats.html import week_page

    _write(output, week_page(_with_sections(page), report_title(summary), made))
    if output is not None and _is_file(output):
        say(_("weekly page {week} written to {path}").format(week=summary.label, path=output))


def _is_file(output: Path) -> bool:
    from salesplan.formats.output import to_a_file

    return to_a_file(output)


def team_board_html(
    team: dict[str, Any], pages: list[RepPage], now: datetime, output: Path
) -> None:
    """``team board``: the team's week and each rep's page (read at ``now``), as one page."""
    from salesplan.core.teamwords import flag_lines
    from salesplan.formats.html import team_page

    pages = [_with_sections(p, flag_lines(p.row, team["rules"])) for p in pages]
    title = _("Team week {week} ({start} – {end})").format(
        week=team["week"], start=team["start"], end=team["end"]
    )
    _write(output, team_page(team, pages, title, _made(now)))
    if _is_file(output):
        say(_("team page {week} written to {path}").format(week=team["week"], path=output))
