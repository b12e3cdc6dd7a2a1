"""``team …``: a team store on PostgreSQL — set it up, add reps, and the manager's view."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from salesplan.cli.common import JSON_OPTION, console, print_json, say, state, sub_app
from salesplan.i18n import NP_, _

app = sub_app(
    "A team store on PostgreSQL: set-up, reps, and the manager's week.\n\n"
    "Example: salesplan --db postgresql://boss@db:5432/team team week"
)

WeekOpt = Annotated[
    str | None,
    typer.Option(
        "--week",
        help="The week: last, this, an ISO week such as 2026-W49 (上周, 第49周) or a DATE in it "
        "(default this week).",
    ),
]

NP_("metavar", "REP")


def _server(st) -> None:  # noqa: ANN001 - the CLI state
    from salesplan.errors import BadInput

    if not st.store.is_server:
        raise BadInput(
            _("team commands work on a team store: give --db postgresql://ROLE@HOST:PORT/DBNAME")
        )


@contextmanager
def _team_session(st, *, write: bool = False) -> Iterator[Any]:  # noqa: ANN001 - the CLI state
    """A session on a team store; refused (exit 2) on any other store, or before team init."""
    from salesplan.plans.team_admin import open_team

    _server(st)
    with st.session(write=write) as s:
        open_team(session=s)
        yield s


@app.command("init")
def team_init(ctx: typer.Context) -> None:
    """Set up the team on a PostgreSQL store (run once, by an administrator): the schema,
    row-level security on every table, the rep and manager group roles. Safe to run again.

    Example: salesplan --db postgresql://admin@db:5432/team team init
    """
    from salesplan.plans.team_admin import set_up_team

    st = state(ctx)
    _server(st)
    with st.session(write=True) as s:
        done = set_up_team(session=s)
    say(
        _(
            "team store ready: {count} tables under row-level security; roles {reps} and "
            "{managers}. Next: salesplan team add-rep NAME --manager M"
        ).format(count=len(done.tables), reps=done.reps, managers=done.managers)
    )


@app.command("add-rep")
def team_add_rep(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The rep's role name (lower case).")],
    manager: Annotated[
        str | None,
        typer.Option("--manager", "-m", help="Their manager's role (created if new)."),
    ] = None,
    no_password: Annotated[
        bool,
        typer.Option(
            "--no-password", help="Set no password (the server authenticates another way)."
        ),
    ] = False,
    display: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="The name people read (张丽) on every page and report; again to change it, "
            "'' to clear it.",
        ),
    ] = None,
) -> None:
    """Add a rep (and their manager, if new) as PostgreSQL login roles, and say how they connect.

    A new role gets a random password, shown once here. Role names are lower-case ASCII:
    give the name people read with --name (add-rep again changes it).

    Example: salesplan --db postgresql://admin@db:5432/team team add-rep zhangli --name 张丽 --manager wang
    """
    from salesplan.plans.team_admin import add_rep, check_new_rep

    st = state(ctx)
    _server(st)
    new = check_new_rep(name, manager, display)
    with _team_session(st, write=True) as s:
        added = add_rep(
            new, session=s, now_utc=st.now_utc(s), store=st.store, no_password=no_password
        )
    for role in added:
        # The first words stay English: scripts read "rep NAME added, password P".
        if role.created:
            shown = f", password {role.password} (shown once)" if role.password else ""
            say(f"{role.what} {role.role} added{shown}")
        else:
            say(f"{role.what} {role.role} " + _("already had a role: kept it"))
        say("  " + _("connect:") + f" export SALESPLAN_DB='{role.connect}'")
    say("  " + _("the password goes in ~/.pgpass or PGPASSWORD (or the URL as ROLE:PASSWORD@)"))
    if display is not None:
        say(
            _("{rep} is shown as {name}").format(rep=new.rep, name=new.name)
            if new.name
            else _("{rep} is shown by the role name").format(rep=new.rep)
        )


@app.command("list")
def team_list(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Everyone in the team: role, manager, and whether they manage.

    Example: salesplan team list --json
    """
    from salesplan.plans.team_admin import team_members

    st = state(ctx)
    with _team_session(st) as s:
        rows = team_members(session=s)
    if as_json:
        print_json(rows)
        return
    if not rows:
        say(_("no one in the team yet: salesplan team add-rep NAME --manager M"))
        return
    from salesplan.render.tables import table

    console().print(
        table(
            [_("role"), _("name"), _("manager"), _("manages")],
            [
                [
                    r["role"],
                    r["name"] or "",
                    r["manager"] or "—",
                    str(r["reps"]) if r["is_manager"] else "",
                ]
                for r in rows
            ],
        )
    )


def _team_read(st, read, week: str | None, untouched_days: int, overdue_over: int):  # noqa: ANN001, ANN202
    """``read`` (the team's week, or its board) for ``week``, each rep's as they read it, with
    the flag rules given; and the local time it was read."""
    from salesplan.core.team import FlagRules

    with _team_session(st) as s:
        own_tz = st.settings(s).tz
        result = read(
            week,
            st.moment.local,
            session=s,
            own_tz=own_tz,
            system_zone=st.moment.system_zone,
            rules=FlagRules(untouched_days=untouched_days, overdue_over=overdue_over),
        )
        return result, st.now(s)


def _team_week(st, week: str | None, untouched_days: int, overdue_over: int):  # noqa: ANN001, ANN202
    from salesplan.plans.team import team_week

    return _team_read(st, team_week, week, untouched_days, overdue_over)[0]


UntouchedOpt = Annotated[
    int,
    typer.Option(
        "--untouched-days", min=1, help="Flag key customers with no real contact this long."
    ),
]
OverdueOpt = Annotated[
    int, typer.Option("--overdue-over", min=0, help="Flag more overdue follow-ups than this.")
]


@app.command("week")
def team_week_command(
    ctx: typer.Context,
    week: WeekOpt = None,
    untouched_days: UntouchedOpt = 14,
    overdue_over: OverdueOpt = 5,
    as_json: bool = JSON_OPTION,
) -> None:
    """Your reps' week side by side: calls, visits, new contacts, follow-ups, money, red flags.

    Each rep's numbers are those of their own ``week``.

    Example: salesplan team week --week 2026-W49
    """
    result = _team_week(state(ctx), week, untouched_days, overdue_over)
    if as_json:
        print_json(result.to_json())
        return
    from salesplan.render.team import render_team_week

    console().print(render_team_week(result.to_json()))


@app.command("due")
def team_due_command(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Your reps' overdue follow-ups, per rep, oldest first.

    Example: salesplan team due --json
    """
    from salesplan.plans.team import team_due

    st = state(ctx)
    with _team_session(st) as s:
        result = team_due(st.moment.local, session=s, system_zone=st.moment.system_zone)
    if as_json:
        print_json({"reps": [r.to_json() for r in result]})
        return
    from salesplan.render.team import render_team_due

    console().print(render_team_due(result))


@app.command("report")
def team_report(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("-o", "--output", metavar="FILE", help="team.md or team.xlsx.")
    ],
    week: WeekOpt = None,
    untouched_days: UntouchedOpt = 14,
    overdue_over: OverdueOpt = 5,
) -> None:
    """The team's week, then each rep's weekly report as a section, as Markdown or Excel.

    Example: salesplan team report --week 2026-W49 -o team.xlsx
    """
    from salesplan.errors import BadInput

    suffix = output.suffix.lower()
    if suffix not in (".md", ".markdown", ".xlsx"):
        raise BadInput(
            _("cannot write {name}: use a file ending in .md or .xlsx").format(name=output.name)
        )
    result = _team_week(state(ctx), week, untouched_days, overdue_over)
    from salesplan.formats.output import to_a_file, write_output
    from salesplan.formats.team_report import team_markdown, team_xlsx

    write_output(output, team_xlsx(result) if suffix == ".xlsx" else team_markdown(result))
    if to_a_file(output):
        say(_("team report {week} written to {path}").format(week=result.week, path=output))


@app.command("remove-rep")
def team_remove_rep(
    ctx: typer.Context,
    rep: Annotated[str, typer.Argument(metavar="REP", help="The rep who leaves.")],
    to: Annotated[str, typer.Option("--to", help="Who takes over their customers.")],
) -> None:
    """A rep leaves (the administrator runs it): their contacts and follow-ups, open projects
    and open to-dos go to another member in one transaction; their log stays theirs, as
    history; their role can no longer log in.

    Example: salesplan team remove-rep alice --to bob
    """
    from salesplan.plans.team_admin import remove_rep, role_name

    st = state(ctx)
    _server(st)
    leaving, taking = role_name(rep), role_name(to)
    with _team_session(st, write=True) as s:
        moved = remove_rep(leaving, taking, session=s, retired_on=st.today(s))
    say(
        _(
            "{rep} removed: {contacts} contacts (with their follow-ups), {projects} open projects and {todos} open to-dos are now {to}'s; the rest (the log, closed projects) stays {rep}'s history, as {departed}; {rep} can no longer log in, and whoever is given the name next starts empty"
        ).format(rep=leaving, to=taking, **moved)
    )


TARGET_OPTIONS = {
    "calls": "calls_per_day",
    "visits": "visits_per_week",
    "new": "new_contacts_per_week",
    "potential": "potential_contacts_per_week",
    "yearly": "yearly_sales_target",
}


@app.command("target")
def team_target(
    ctx: typer.Context,
    rep: Annotated[str, typer.Argument(metavar="REP", help="One of your reps.")],
    calls: Annotated[str | None, typer.Option("--calls", help="Calls each day.")] = None,
    visits: Annotated[str | None, typer.Option("--visits", help="Visits each week.")] = None,
    new: Annotated[str | None, typer.Option("--new", help="New contacts each week.")] = None,
    potential: Annotated[
        str | None, typer.Option("--potential", help="Potential customers each week.")
    ] = None,
    yearly: Annotated[
        str | None, typer.Option("--yearly", help="Sales target for the year, e.g. 100万.")
    ] = None,
) -> None:
    """Set a rep's targets (their manager only): on a team store they are yours to set, and
    every report of theirs, and your team week, counts against them.

    Example: salesplan team target alice --calls 30 --visits 20 --new 5 --potential 3 --yearly 100万
    """
    from salesplan.errors import BadInput
    from salesplan.plans.team_admin import parse_targets, role_name, set_rep_targets

    given = dict(zip(TARGET_OPTIONS.values(), (calls, visits, new, potential, yearly), strict=True))
    typed = parse_targets(given)
    if not typed:
        raise BadInput(
            _("give at least one target: {options}").format(
                options=", ".join(f"--{o}" for o in TARGET_OPTIONS)
            )
        )
    st = state(ctx)
    _server(st)
    name = role_name(rep)
    with _team_session(st, write=True) as s:
        shown = set_rep_targets(name, typed, session=s, now_utc=st.now_utc(s))
    say(
        _("targets of {rep}: {targets}").format(
            rep=name, targets=", ".join(f"{k} = {shown.display(k)}" for k in typed)
        )
    )


@app.command("board")
def team_board(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("-o", "--output", metavar="FILE", help="The page, e.g. team.html.")
    ],
    week: WeekOpt = None,
    untouched_days: UntouchedOpt = 14,
    overdue_over: OverdueOpt = 5,
) -> None:
    """The team's week as one self-contained HTML page: each rep's charts, the last 8 weeks
    side by side, red flags, your comments, and each rep's report below.

    Every number is the one ``team week --json`` gives for the same week.

    Example: salesplan team board --week 2026-W49 -o team.html
    """
    from salesplan.cli.board import check_html_output, team_board_html
    from salesplan.plans.board import team_board as board

    check_html_output(output)
    (team, pages), now = _team_read(state(ctx), board, week, untouched_days, overdue_over)
    team_board_html(team, pages, now, output)


@app.command("comment")
def team_comment(
    ctx: typer.Context,
    rep: Annotated[str, typer.Argument(metavar="REP", help="One of your reps.")],
    text: Annotated[str, typer.Argument(help="The comment.")],
    week: Annotated[
        str, typer.Option("--week", help="The week: an ISO week such as 2026-W49, last, 上周.")
    ],
) -> None:
    """Comment on a rep's week; they see it at the top of their ``week``. A second comment
    on the same week replaces yours.

    Example: salesplan team comment alice --week 2026-W49 "拜访量不错，下周跟进华远"
    """
    from salesplan.core.validate import clean_text
    from salesplan.plans.team_admin import comment_on_week, role_name

    st = state(ctx)
    _server(st)
    name = role_name(rep)
    body = clean_text(text, "comment", required=True, limit=2000) or ""
    with _team_session(st, write=True) as s:
        label = comment_on_week(
            name, week, body, session=s, today=st.today(s), now_utc=st.now_utc(s)
        )
    say(_("comment on {rep}'s week {week} saved").format(rep=name, week=label))


@app.command("show")
def team_show(
    ctx: typer.Context,
    rep: Annotated[str, typer.Argument(metavar="REP", help="One of your reps.")],
    week: WeekOpt = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """One rep's week as their own ``week`` reads it: days, targets, follow-ups, next week.
    A departed rep's history is shown under the name ``team list`` gives it (alice~2026-12-07).

    Example: salesplan team show alice --week 上周
    """
    from salesplan.plans.team import rep_show, shown_rep_name

    st = state(ctx)
    _server(st)
    name = shown_rep_name(rep)
    with _team_session(st) as s:
        shown = rep_show(
            name,
            week,
            st.moment.local,
            session=s,
            own_tz=st.settings(s).tz,
            system_zone=st.moment.system_zone,
        )
    if as_json:
        print_json({"rep": shown.rep, **shown.summary.to_json(), "comments": shown.comments})
        return
    from salesplan.render.report import render_week

    for c in shown.comments:
        say(_("{author}: {text} ({at:%Y-%m-%d %H:%M})").format(**c))
    console().print(render_week(shown.summary))


@app.command("month")
def team_month_command(
    ctx: typer.Context,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            help="YYYY-MM, this, last or a month alone (本月, 上月, 11月; default this month).",
        ),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Your reps' month side by side, each as their own ``month`` shows it.

    Example: salesplan team month --month 2026-11
    """
    from salesplan.plans.team import team_month

    st = state(ctx)
    with _team_session(st) as s:
        result = team_month(month, st.moment.local, session=s, system_zone=st.moment.system_zone)
    if as_json:
        print_json(result.to_json())
        return
    from salesplan.render.team import render_team_month

    console().print(render_team_month(result))


@app.command("pipeline")
def team_pipeline_command(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Your reps' open projects by stage: how many, and how much (万元 in Chinese).

    Example: salesplan team pipeline --json
    """
    from salesplan.plans.team import team_pipeline

    st = state(ctx)
    with _team_session(st) as s:
        result = team_pipeline(session=s, system_zone=st.moment.system_zone)
    if as_json:
        print_json(result.to_json())
        return
    from salesplan.render.team import render_team_pipeline

    console().print(render_team_pipeline(result))
