"""``salesplan plan …``: planning ahead (the week)."""

from typing import Annotated

import typer

from salesplan.cli.common import JSON_OPTION, console, print_json, state, sub_app

app = sub_app(
    help="Plan ahead: the coming week day by day.\n\nExample: salesplan plan week --week next",
)


@app.callback()
def plan_group() -> None:
    """Plan ahead: the coming week day by day.

    Example: salesplan plan week --week next
    """


@app.command("week")
def plan_week(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            help="this, next, an ISO week such as 2026-W49 (本周, 下周, 第49周), or a DATE in "
            "the week "
            "(default: the week ahead — next week once this week's last workday is here).",
        ),
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """The coming week day by day: appointments with leave-by times, follow-ups falling due
    (overdue ones on the first workday), the day's call target, and the free field time near
    the day's appointments where the visits still needed to the week's target could go.

    Example: salesplan plan week --week next
    """
    from salesplan.plans.weekplan import plan_week_ahead

    st = state(ctx)
    with st.session() as s:
        plan = plan_week_ahead(week, st.today(s), st.now(s), st.settings(s), session=s)
    if as_json:
        print_json(plan.to_json())
        return
    from salesplan.render.weekplan import render_week_plan

    console().print(render_week_plan(plan), highlight=False)
