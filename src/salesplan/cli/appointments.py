"""``salesplan appt …``: appointments come first in the day."""

from typing import Annotated

import typer

from salesplan.cli.common import (
    JSON_OPTION,
    MAX_ID,
    emit_list,
    parse_day,
    parse_range,
    parse_when,
    print_json,
    say,
    state,
    sub_app,
    warn,
)
from salesplan.i18n import _

app = sub_app(
    help="Appointments: book, list, move, cancel, mark done.\n\n"
    "Example: salesplan appt add 王建国 --at 'tomorrow 2pm' --travel 40",
)

Ref = Annotated[
    str | None, typer.Argument(help="#ID, phone number or (part of) a name; omit with --title.")
]
MinutesOpt = Annotated[
    int | None, typer.Option("--minutes", help="How long it lasts (default 60).")
]


def _minutes(value: int | None, what: str) -> int | None:
    from salesplan.core.dates import parse_minutes

    return None if value is None else parse_minutes(value, what)


@app.command("add")
def appt_add(
    ctx: typer.Context,
    ref: Ref = None,
    at: Annotated[
        str, typer.Option("--at", help="DATETIME, e.g. 'tomorrow 14:00' or 'fri 2pm'.")
    ] = ...,  # type: ignore[assignment]
    minutes: MinutesOpt = None,
    travel: Annotated[
        int | None, typer.Option(help="Travel minutes (default: the travel setting).")
    ] = None,
    buffer: Annotated[
        int | None, typer.Option(help="Slack minutes before it (default 30).")
    ] = None,
    area: Annotated[str | None, typer.Option(help="Area (default: the contact's).")] = None,
    location: Annotated[
        str | None, typer.Option(help="Where (default: the contact's address).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="What it is about.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Book an appointment and print its id.

    Example: salesplan appt add 王建国 --at 'tomorrow 14:00' --minutes 90 --title 方案讲解
    """
    from salesplan.core.dates import to_utc
    from salesplan.errors import BadInput
    from salesplan.plans.day import warnings_for_booking
    from salesplan.render.records import appointment_json
    from salesplan.store.appointments import add_appointment
    from salesplan.store.contacts import resolve_contact

    length = _minutes(minutes, "minutes")
    if length == 0:
        raise BadInput(_("bad minutes 0: an appointment lasts at least 1 minute"))
    travel_m, buffer_m = _minutes(travel, "travel"), _minutes(buffer, "buffer")
    st = state(ctx)
    with st.session(write=True) as s:
        tz = st.settings(s).tz
        start = parse_when(st, s, at)
        contact = resolve_contact(ref, session=s) if ref else None
        appt = add_appointment(
            session=s,
            start_utc=to_utc(start, tz),
            now_utc=st.now_utc(s),
            contact=contact,
            minutes=length or 60,
            travel=travel_m,
            buffer=buffer_m,
            area=area,
            location=location,
            title=title,
        )
        record = appointment_json(appt, contact.name if contact else None, tz)
        # Allowed (the user decides), but said: slack under the rule, a window that collides.
        warnings = warnings_for_booking(appt.id or 0, start.date(), st.settings(s), session=s)
    if as_json:
        print_json(record)
    else:
        who = record["contact"] or record["title"]
        say(
            _("appointment #{id} {who} at {start}").format(
                id=record["id"], who=who, start=record["start"].replace("T", " ")
            )
        )
    for w in warnings:
        warn(w.message)


@app.command("list")
def appt_list(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option("--date", help="One day (default: today onward).")
    ] = None,
    from_: Annotated[str | None, typer.Option("--from", help="First day of a range.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day of a range.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """List appointments: today onward, one day, or a range.

    Example: salesplan appt list --date tomorrow
    """
    from salesplan.core.dates import local_day_bounds
    from salesplan.render.records import appointment_json
    from salesplan.store.appointments import list_appointments

    st = state(ctx)
    with st.session() as s:
        tz = st.settings(s).tz
        today = st.today(s)
        first, last = parse_range(st, s, date, from_, to, first_default=today, last_default=None)
        start_utc, end_utc = local_day_bounds(first, last or first, tz)
        rows = list_appointments(session=s, start_utc=start_utc, end_utc=end_utc if last else None)
        records = [appointment_json(a, c.name if c else None, tz) for a, c in rows]
        phones = {a.id: c.phone if c else None for a, c in rows}
    emit_list(
        records,
        as_json,
        empty=_("no appointments"),
        columns=["#", "start", "min", "who", "area", "phone", "status"],
        row=lambda r: (
            r["id"],
            r["start"].replace("T", " "),
            r["minutes"],
            r["contact"] or r["title"],
            r["area"],
            phones[r["id"]],
            r["status"],
        ),
    )


@app.command("move")
def appt_move(
    ctx: typer.Context,
    appt_id: Annotated[
        int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="Appointment id.")
    ],
    at: Annotated[str, typer.Option("--at", help="The new DATETIME.")] = ...,  # type: ignore[assignment]
    as_json: bool = JSON_OPTION,
) -> None:
    """Move a planned appointment to a new time (its history is kept).

    Example: salesplan appt move 12 --at 'thu 10:00'
    """
    from salesplan.core.dates import to_utc
    from salesplan.render.records import appointment_json
    from salesplan.store.appointments import get_appointment, move_appointment

    st = state(ctx)
    with st.session(write=True) as s:
        tz = st.settings(s).tz
        start = parse_when(st, s, at)
        appt = move_appointment(
            get_appointment(appt_id, session=s), to_utc(start, tz), session=s, now_utc=st.now_utc(s)
        )
        record = appointment_json(appt, None, tz)
    if as_json:
        print_json(record)
    else:
        say(
            _("appointment #{id} moved to {start}").format(
                id=appt_id, start=record["start"].replace("T", " ")
            )
        )


@app.command("cancel")
def appt_cancel(
    ctx: typer.Context,
    appt_id: Annotated[
        int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="Appointment id.")
    ],
    reason: Annotated[str | None, typer.Option(help="Why it was cancelled.")] = None,
) -> None:
    """Cancel a planned appointment (kept in the history, out of the timetable).

    Example: salesplan appt cancel 12 --reason 客户出差
    """
    from salesplan.store.appointments import cancel_appointment, get_appointment

    st = state(ctx)
    with st.session(write=True) as s:
        cancel_appointment(
            get_appointment(appt_id, session=s), reason, session=s, now_utc=st.now_utc(s)
        )
    say(_("appointment #{id} cancelled").format(id=appt_id))


@app.command("done")
def appt_done(
    ctx: typer.Context,
    appt_id: Annotated[
        int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="Appointment id.")
    ],
    outcome: Annotated[
        str | None, typer.Option(help="reached, order, callback, … (default reached).")
    ] = None,
    note: Annotated[str | None, typer.Option(help="What was said or agreed.")] = None,
    next_: Annotated[str | None, typer.Option("--next", help="DATE of the next follow-up.")] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="DATETIME the visit happened (default the appointment's time, or now if "
            "that is later); a weekday or 12月18日 is the latest such day.",
        ),
    ] = None,
    future: Annotated[
        bool, typer.Option("--future", help="Allow an --at that has not happened yet.")
    ] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Mark an appointment kept; logs exactly one visit linked to it.

    Example: salesplan appt done 12 --outcome order --next +3d --at '周四 15:00'
    """
    from salesplan.core.dates import to_utc
    from salesplan.plans.progress import progress_for
    from salesplan.render.records import activity_json
    from salesplan.store.appointments import complete_appointment, get_appointment

    st = state(ctx)
    with st.session(write=True) as s:
        settings = st.settings(s)
        when = (
            parse_when(st, s, at, default_now_time=True, past=True, future_ok=future)
            if at
            else None
        )
        next_date = parse_day(st, s, next_) if next_ else None
        appt = get_appointment(appt_id, session=s)
        visit = complete_appointment(
            appt,
            session=s,
            now_utc=st.now_utc(s),
            outcome=outcome,
            note=note,
            next_date=next_date,
            at_utc=to_utc(when, settings.tz) if when is not None else None,
        )
        record = activity_json(visit, None, settings.tz)
        progress = progress_for(st.today(s), settings, session=s)
    if as_json:
        print_json(record)
    else:
        say(
            _("appointment #{id} done · visit #{visit} logged · {progress}").format(
                id=appt_id, visit=record["id"], progress=progress.short_line()
            )
        )
