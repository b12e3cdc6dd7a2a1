"""``salesplan workday …``: the days worked, official holidays and the user's own days."""

from typing import Annotated

import typer

from salesplan.cli.common import JSON_OPTION, emit_list, parse_day, say, state, sub_app
from salesplan.i18n import N_, NP_, _

app = sub_app(
    help="Workdays: China's public holidays and 调休 make-up days (setting holidays), "
    "and your own days off and extra workdays.\n\n"
    "Example: salesplan workday set 2027-02-06 work",
)

NP_("metavar", "MARK")

_MARKS = {"work": True, "on": True, "off": False, "clear": None, "上班": True, "休息": False}


@app.command("set")
def workday_set(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument(metavar="DATE", help="A DATE.")],
    mark: Annotated[
        str,
        typer.Argument(
            metavar="MARK", help="work (a workday whatever the calendar says), off, or clear."
        ),
    ],
) -> None:
    """Mark one day as a workday or a day off for you; clear goes back to the calendar.

    Example: salesplan workday set 2027-02-06 work
    """
    from salesplan.errors import BadInput
    from salesplan.store.workdays import set_override

    key = mark.strip().lower()
    if key not in _MARKS:
        raise BadInput(_("bad mark {mark!r}: use work, off or clear").format(mark=mark))
    st = state(ctx)
    with st.session(write=True) as s:
        on = parse_day(st, s, day)
        set_override(on, _MARKS[key], session=s)
    st.forget_settings()
    from salesplan.render.words import weekday_short

    what = {True: _("a workday"), False: _("a day off"), None: _("as the calendar says")}
    say(
        _("{day} ({weekday}) is now {what}").format(
            day=on.isoformat(), weekday=weekday_short(on), what=what[_MARKS[key]]
        )
    )


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
            raise BadInput(_("bad year {shown}: use a year such as 2027").format(shown=shown))
        first, last = date(shown, 1, 1), date(shown, 12, 31)
        calendar = st.workdays(s, first, last)
        region = st.settings(s).holiday_calendar
    from salesplan.core.dates import days
    from salesplan.render.words import weekday_short

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
    known = "" if region == "none" or calendar.knows(shown) else _(", not yet known")
    emit_list(
        records,
        as_json,
        empty=_(
            "{year}: Monday to Friday, no holidays or own days (holidays: {region}{known})"
        ).format(year=shown, region=region, known=known),
        columns=["date", "day", "worked", "why"],
        row=lambda r: (
            r["date"],
            weekday_short(date.fromisoformat(r["date"])),
            _("yes") if r["workday"] else _("no"),
            _(_WHY[r["kind"]]),
        ),
        footer=_("{n} workdays in {year} (holidays: {region}{known})").format(
            n=calendar.count(first, last), year=shown, region=region, known=known
        ),
    )


_WHY = {
    "holiday": N_("public holiday"),
    "makeup": N_("调休 make-up workday"),
    "own-work": N_("your extra workday"),
    "own-off": N_("your day off"),
    "absent": N_("absent"),
}
