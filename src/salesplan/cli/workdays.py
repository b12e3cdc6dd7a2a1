"""``salesplan workday …``: the days worked, official holidays and the user's own days."""

from typing import Annotated

import typer

from salesplan.cli.common import JSON_OPTION, emit_list, parse_day, say, state, sub_app

app = sub_app(
    help="Workdays: China's public holidays and 调休 make-up days (setting holidays), "
    "and your own days off and extra workdays.\n\n"
    "Example: salesplan workday set 2027-02-06 work",
)

_MARKS = {"work": True, "on": True, "off": False, "clear": None, "上班": True, "休息": False}


@app.command("set")
def workday_set(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument(help="A DATE.")],
    mark: Annotated[
        str, typer.Argument(help="work (a workday whatever the calendar says), off, or clear.")
    ],
) -> None:
    """Mark one day as a workday or a day off for you; clear goes back to the calendar.

    Example: salesplan workday set 2027-02-06 work
    """
    from salesplan.errors import BadInput
    from salesplan.store.workdays import set_override

    key = mark.strip().lower()
    if key not in _MARKS:
        raise BadInput(f"bad mark {mark!r}: use work, off or clear")
    st = state(ctx)
    with st.session(write=True) as s:
        on = parse_day(st, s, day)
        set_override(on, _MARKS[key], session=s)
    st.forget_settings()
    what = {True: "a workday", False: "a day off", None: "as the calendar says"}[_MARKS[key]]
    say(f"{on.isoformat()} ({on.strftime('%a')}) is now {what}")


@app.command("list")
def workday_list(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", help="The year to show (default this year).")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """The year's days that differ from plain Monday to Friday: holidays, 调休 workdays and
    your own days.

    Example: salesplan workday list --year 2027 --json
    """
    from datetime import date

    from salesplan.errors import BadInput

    st = state(ctx)
    with st.session() as s:
        shown = year or st.today(s).year
        if not 1900 <= shown <= 9999:
            raise BadInput(f"bad year {shown}: use a year such as 2027")
        first, last = date(shown, 1, 1), date(shown, 12, 31)
        calendar = st.workdays(s, first, last)
        region = st.settings(s).holiday_calendar
    from salesplan.core.dates import days

    records = [
        {
            "date": d.isoformat(),
            "weekday": d.strftime("%a"),
            "workday": calendar.is_workday(d),
            "kind": calendar.kind(d),
        }
        for d in days(first, last)
        if calendar.kind(d) not in ("workday", "weekend")
    ]
    known = "" if region == "none" or calendar.knows(shown) else ", not yet known"
    emit_list(
        records,
        as_json,
        empty=f"{shown}: Monday to Friday, no holidays or own days (holidays: {region}{known})",
        columns=["date", "day", "worked", "why"],
        row=lambda r: (r["date"], r["weekday"], "yes" if r["workday"] else "no", _WHY[r["kind"]]),
        footer=f"{calendar.count(first, last)} workdays in {shown} (holidays: {region}{known})",
    )


_WHY = {
    "holiday": "public holiday",
    "makeup": "调休 make-up workday",
    "own-work": "your extra workday",
    "own-off": "your day off",
}
