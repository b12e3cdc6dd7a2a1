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
AppointmentId = Annotated[
    int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="Appointment id.")
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
    from salesplan.errors import BadInput
    from salesplan.plans.appointments import book_appointment
    from salesplan.render.records import appointment_json

    length = _minutes(minutes, "minutes")
    if length == 0:
        raise BadInput(_("bad minutes 0: an appointment lasts at least 1 minute"))
    travel_m, buffer_m = _minutes(travel, "travel"), _minutes(buffer, "buffer")
    st = state(ctx)
    with st.session(write=True) as s:
        settings = st.settings(s)
        start = parse_when(st, s, at)
        booking = book_appointment(
            ref,
            start,
            settings,
            session=s,
            now_utc=st.now_utc(s),
            minutes=length or 60,
            travel=travel_m,
            buffer=buffer_m,
            area=area,
            location=location,
            title=title,
        )
    appt = booking.appointment
    record = appointment_json(appt, appt.contact, settings.tz)
    if as_json:
        print_json(record)
    else:
        who = record["contact"] or record["title"]
        say(
            _("appointment #{id} {who} at {start}").format(
                id=record["id"], who=who, start=record["start"].replace("T", " ")
            )
        )
    # Allowed (the user decides), but said: slack under the rule, a window that collides.
    for w in booking.warnings:
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
    from salesplan.plans.appointments import appointments_between
    from salesplan.render.records import appointment_json

    st = state(ctx)
    with st.session() as s:
        settings = st.settings(s)
        today = st.today(s)
        first, last = parse_range(st, s, date, from_, to, first_default=today, last_default=None)
        appts = appointments_between(first, last, settings, session=s)
    records = [appointment_json(a, a.contact, settings.tz) for a in appts]
    phones = {a.id: a.phone for a in appts}
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
    appt_id: AppointmentId,
    at: Annotated[str, typer.Option("--at", help="The new DATETIME.")] = ...,  # type: ignore[assignment]
    as_json: bool = JSON_OPTION,
) -> None:
    """Move a planned appointment to a new time (its history is kept).

    Example: salesplan appt move 12 --at 'thu 10:00'
    """
    from salesplan.plans.appointments import move_appointment
    from salesplan.render.records import appointment_json

    st = state(ctx)
    with st.session(write=True) as s:
        settings = st.settings(s)
        start = parse_when(st, s, at)
        appt = move_appointment(appt_id, start, settings, session=s, now_utc=st.now_utc(s))
    record = appointment_json(appt, None, settings.tz)
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
    appt_id: AppointmentId,
    reason: Annotated[str | None, typer.Option(help="Why it was cancelled.")] = None,
) -> None:
    """Cancel a planned appointment (kept in the history, out of the timetable).

    Example: salesplan appt cancel 12 --reason 客户出差
    """
    from salesplan.plans.appointments import cancel_appointment

    st = state(ctx)
    with st.session(write=True) as s:
        cancel_appointment(appt_id, reason, session=s, now_utc=st.now_utc(s))
    say(_("appointment #{id} cancelled").format(id=appt_id))


@app.command("done")
def appt_done(
    ctx: typer.Context,
    appt_id: AppointmentId,
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
    from salesplan.plans.appointments import keep_appointment
    from salesplan.render.records import activity_json

    st = state(ctx)
    with st.session(write=True) as s:
        settings = st.settings(s)
        when = (
            parse_when(st, s, at, default_now_time=True, past=True, future_ok=future)
            if at
            else None
        )
        next_date = parse_day(st, s, next_) if next_ else None
        kept = keep_appointment(
            appt_id,
            st.today(s),
            settings,
            session=s,
            now_utc=st.now_utc(s),
            outcome=outcome,
            note=note,
            next_date=next_date,
            at=when,
        )
    record = activity_json(kept.visit, None, settings.tz)
    progress = kept.progress
    if as_json:
        print_json(record)
    else:
        say(
            _("appointment #{id} done · visit #{visit} logged · {progress}").format(
                id=appt_id, visit=record["id"], progress=progress.short_line()
            )
        )
