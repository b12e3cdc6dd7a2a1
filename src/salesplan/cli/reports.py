"""``today``, ``due``, ``progress``, ``week``, ``month``, ``review``: the read side of the day."""

from pathlib import Path
from typing import Annotated

import typer

from salesplan.cli.common import JSON_OPTION, console, parse_day, print_json, say, state
from salesplan.i18n import _, ngettext

DateOpt = Annotated[str | None, typer.Option("--date", help="DATE, e.g. tomorrow (default today).")]


def progress(ctx: typer.Context, date: DateOpt = None, as_json: bool = JSON_OPTION) -> None:
    """Calls today, visits and new contacts this week, against the targets.

    Example: salesplan progress --date yesterday
    """
    from salesplan.plans.progress import progress_for

    st = state(ctx)
    with st.session() as s:
        settings = st.settings(s)
        day = parse_day(st, s, date)
        p = progress_for(day, settings, session=s, workdays=st.workdays(s, day))
    if as_json:
        print_json(p.to_json())
        return
    from salesplan.render.progress import render_progress

    console().print(render_progress(p))


def today(
    ctx: typer.Context,
    date: DateOpt = None,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", metavar="FILE", help="Also write the day's appointments as .ics."),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """The buffered timetable: appointments first, leave-by times, call pacing, who to call.

    Example: salesplan today --date tomorrow
    """
    from salesplan.core.followups import overdue as overdue_items
    from salesplan.plans.day import plan_day

    st = state(ctx)
    with st.session() as s:
        settings = st.settings(s)
        day = parse_day(st, s, date)
        plan = plan_day(day, st.now(s), settings, session=s, workdays=st.workdays(s, day))
        now_utc = st.now_utc(s)
    if ics is not None:
        from salesplan.formats.ics import day_to_ics
        from salesplan.formats.output import write_output

        write_output(ics, day_to_ics(plan.timetable, settings.tz, now_utc))
    if as_json:
        print_json(plan.to_json())
        return
    if not plan.workday:
        from salesplan.render.day import day_off_lines

        for line in day_off_lines(plan):
            say(line)
        if not plan.timetable.slots:
            return
    if not plan.timetable.slots:
        line = _("{day}: nothing planned — no template blocks and no appointments").format(
            day=day.isoformat()
        )
        if plan.due:  # a day off still shows what is waiting
            overdue = len(overdue_items(plan.due))
            line += ngettext(
                " · {n} follow-up due ({overdue} overdue): salesplan due",
                " · {n} follow-ups due ({overdue} overdue): salesplan due",
                len(plan.due),
            ).format(n=len(plan.due), overdue=overdue)
        say(line)
        return
    from salesplan.render.day import render_day

    console().print(render_day(plan))


def due(
    ctx: typer.Context,
    until: Annotated[
        str | None,
        typer.Option("--until", help="DATE: include items due up to it (default: end of week)."),
    ] = None,
    rule: Annotated[
        str | None, typer.Option("--rule", help="Only this rule, e.g. design-weekly.")
    ] = None,
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            help="Up to the end of this week: this, next (Friday evening), an ISO week or a "
            "DATE in it.",
        ),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Follow-ups due: overdue first, then today, then upcoming, each with its reason.

    Example: salesplan due --until +3d
    """
    from salesplan.core.followups import RULES
    from salesplan.core.validate import choose
    from salesplan.plans.due import due_up_to

    if rule is not None:
        rule = choose(rule, RULES, "rule")
    st = state(ctx)
    with st.session() as s:
        settings = st.settings(s)
        today_ = st.today(s)
        if until and week:
            from salesplan.errors import BadInput

            raise BadInput(_("give --until DATE or --week WEEK, not both"))
        last = _last_day_due(st, s, settings, until, week)
        calendar = st.workdays(s)
        found = due_up_to(last, today_, settings, session=s, calendar=calendar, rule=rule)
    items, todos = found.items, found.todos
    if as_json:
        from salesplan.render.due import due_json

        print_json(
            {**due_json(items, today_), "todos": [t.to_json(today_, calendar) for t in todos]}
        )
        return
    if todos:
        from salesplan.render.day import render_todos

        console().print(render_todos(todos, today_, calendar), highlight=False)
    if not items:
        say(_("nothing due up to {day}").format(day=last.isoformat()))
        return
    _print_due(items, today_, last)


def _last_day_due(st, s, settings, until: str | None, week: str | None):  # noqa: ANN001, ANN202
    """The last day ``due`` lists: the end of ``--week``, ``--until``, else this week's end."""
    from salesplan.core.dates import week_bounds

    today_ = st.today(s)
    if week:
        from salesplan.core.weekplan import parse_week_ahead

        return week_bounds(
            parse_week_ahead(week, today_, settings.week_start_index),
            settings.week_start_index,
        )[1]
    return parse_day(st, s, until) if until else week_bounds(today_, settings.week_start_index)[1]


def _print_due(items, today_, last) -> None:  # noqa: ANN001
    from salesplan.core.followups import overdue as overdue_items
    from salesplan.render.due import render_due

    out = console()
    if out.is_terminal:  # cut long reasons at the edge; piped output keeps whole lines
        out.print(render_due(items, today_), no_wrap=True, overflow="ellipsis")
    else:  # no styles to draw and nothing to fit: the text as it is, without rich's layout pass
        from salesplan.render.safe import safe_text

        out.file.write(safe_text(render_due(items, today_).plain) + "\n")
    overdue = len(overdue_items(items))
    say(
        _("{n} due up to {day} · {overdue} overdue").format(
            n=len(items), day=last.isoformat(), overdue=overdue
        )
    )
