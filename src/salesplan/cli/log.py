"""``salesplan log …``: every call, visit, email and meeting, thirty times a day."""

from typing import TYPE_CHECKING, Annotated

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
)
from salesplan.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from salesplan.models import Contact

app = sub_app(
    help="The activity log: record calls, visits, emails and meetings; list, edit, undo.\n\n"
    "Example: salesplan log call 王建国 --outcome no-answer",
)

# Whole docstrings, so the catalog has each command's help as help shows it.
_KIND_DOC = {
    "call": N_(
        "Log a phone call (answered or not, it counts toward the daily target).\n\n"
        "Example: salesplan log call 王建国 --outcome callback --next fri --note 周五再联系"
    ),
    "visit": N_(
        "Log a customer visit (counts toward the weekly target).\n\n"
        "Example: salesplan log visit --new 刘洋 --phone 13911112222 --area 望京"
    ),
    "email": N_(
        "Log an email or letter sent; --template names the email template it came from, so "
        "the next one suggested for the prospect is another.\n\n"
        "Example: salesplan log email 王建国 --template 初次介绍"
    ),
    "meeting": N_(
        "Log a meeting (at the office, a dinner, a trade fair).\n\n"
        "Example: salesplan log meeting 陈总 --at 'yesterday 19:00' --minutes 90"
    ),
}


def _make_log_command(kind: str) -> None:
    def command(
        ctx: typer.Context,
        ref: Annotated[
            str | None,
            typer.Argument(help="#ID, phone or (part of) a name; omit for a cold contact."),
        ] = None,
        outcome: Annotated[
            str | None,
            typer.Option(
                "--outcome",
                "-o",
                help="reached, no-answer, busy, callback, appointment, not-interested, order, "
                "consultation, sent, wrong-number (default reached; sent for an email).",
            ),
        ] = None,
        note: Annotated[str | None, typer.Option("--note", "-n", help="What was said.")] = None,
        next_: Annotated[
            str | None, typer.Option("--next", help="DATE of the next follow-up.")
        ] = None,
        at: Annotated[
            str | None,
            typer.Option(
                "--at",
                help="DATETIME it happened (default now); a weekday or 12月18日 is the latest "
                "such day.",
            ),
        ] = None,
        future: Annotated[
            bool, typer.Option("--future", help="Allow an --at that has not happened yet.")
        ] = False,
        minutes: Annotated[
            int | None, typer.Option("--minutes", min=0, max=1440, help="How long it took.")
        ] = None,
        new: Annotated[
            str | None,
            typer.Option("--new", metavar="NAME", help="Create this contact and log against it."),
        ] = None,
        phone: Annotated[
            str | None,
            typer.Option(
                help="With --new: the phone number. Alone on a call: the cold call's number, "
                "kept as a lead to call back (not for -o wrong-number)."
            ),
        ] = None,
        area: Annotated[str | None, typer.Option(help="With --new: the area.")] = None,
        company: Annotated[str | None, typer.Option(help="With --new: the company.")] = None,
        template: Annotated[
            str | None,
            typer.Option(
                "--template",
                metavar="NAME",
                hidden=kind != "email",
                help="The email template it was sent from (salesplan email-template list); "
                "the outcome is then sent unless given.",
            ),
        ] = None,
        as_json: bool = JSON_OPTION,
    ) -> None:
        from salesplan.core.dates import parse_minutes, to_utc
        from salesplan.errors import BadInput
        from salesplan.plans.progress import progress_for
        from salesplan.render.records import activity_json
        from salesplan.store.activities import check_outcome, log_activity
        from salesplan.store.contacts import add_contact, contact_for_cold_call, resolve_contact

        if ref and new:
            raise BadInput(_("give a contact REF or --new NAME, not both"))
        # A cold call keeps its number: --phone alone makes the person a lead to call back.
        cold_number = kind == "call" and not new and not ref and phone is not None
        if not new and not cold_number and (phone or area or company):
            raise BadInput(
                _("--phone, --area and --company go with --new NAME (or a call with --phone)")
            )
        if template is not None and kind != "email":
            raise BadInput(_("--template goes with log email"))
        if kind == "email":  # an email logged was sent, unless -o says otherwise
            outcome = outcome or "sent"
        length = None if minutes is None else parse_minutes(minutes)
        check_outcome(outcome)
        st = state(ctx)
        with st.session(write=True) as s:
            settings = st.settings(s)
            tz = settings.tz
            now_utc = st.now_utc(s)
            when = (
                parse_when(st, s, at, default_now_time=True, past=True, future_ok=future)
                if at
                else st.now(s)
            )
            next_date = parse_day(st, s, next_) if next_ else None
            contact: Contact | None
            if cold_number:
                # A wrong number is nobody to call back.
                contact = (
                    None
                    if check_outcome(outcome) == "wrong-number"
                    else contact_for_cold_call(
                        phone or "", area=area, company=company, session=s, now_utc=now_utc
                    )
                )
            elif new:
                contact = add_contact(
                    {"name": new, "phone": phone, "area": area, "company": company},
                    session=s,
                    now_utc=now_utc,
                )
            else:
                contact = resolve_contact(ref, session=s) if ref else None
            if template is not None:
                from salesplan.store.emails import get_template

                template = get_template(template, session=s).name
            entry = log_activity(
                kind,
                session=s,
                at_utc=to_utc(when, tz),
                now_utc=now_utc,
                contact=contact,
                outcome=outcome,
                note=note,
                next_date=next_date,
                minutes=length,
                template=template,
            )
            record = activity_json(entry, contact.name if contact else None, tz)
            progress = progress_for(when.date(), settings, session=s)
        if as_json:
            print_json(record)
            return
        from salesplan.render.words import kind_word, outcome_word

        who = record["contact"] or _("(cold)")
        day = None if when.date() == st.moment.local(tz).date() else when.date().isoformat()
        say(
            _("{kind} #{id} → {who} ({outcome}) · {progress}").format(
                kind=kind_word(kind),
                id=record["id"],
                who=who,
                outcome=outcome_word(record["outcome"]),
                progress=progress.short_line(day),
            )
        )

    command.__doc__ = _KIND_DOC[kind]
    command.__name__ = f"log_{kind}"
    app.command(kind)(command)


for _kind in ("call", "visit", "email", "meeting"):
    _make_log_command(_kind)


@app.command("list")
def log_list(
    ctx: typer.Context,
    date: Annotated[str | None, typer.Option("--date", help="One day (default today).")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="First day of a range.")] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Last day of a range (default today).")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="call, visit, email or meeting.")] = None,
    contact: Annotated[str | None, typer.Option(help="Only this contact (REF).")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """List logged contacts: today, one day, or a range.

    Example: salesplan log list --from mon --kind call
    """
    from salesplan.core.dates import local_day_bounds
    from salesplan.render.records import activity_json
    from salesplan.store.activities import list_activities
    from salesplan.store.contacts import resolve_contact

    st = state(ctx)
    with st.session() as s:
        tz = st.settings(s).tz
        today = st.today(s)
        first, last = parse_range(
            st,
            s,
            date,
            from_,
            to,
            first_default=parse_day(st, s, to) if to else today,
            last_default=today,
        )
        contact_id = resolve_contact(contact, session=s).id if contact else None
        start_utc, end_utc = local_day_bounds(first, last or first, tz)
        rows = list_activities(
            session=s, start_utc=start_utc, end_utc=end_utc, kind=kind, contact_id=contact_id
        )
        records = [activity_json(a, name, tz) for a, name in rows]
    emit_list(
        records,
        as_json,
        empty=_("nothing logged"),
        columns=["#", "at", "kind", "contact", "outcome", "note", "next"],
        row=lambda r: (
            r["id"],
            r["at"].replace("T", " "),
            r["kind"],
            r["contact"] or _("(cold)"),
            r["outcome"],
            r["note"],
            r["next"],
        ),
        footer=ngettext("{n} entry", "{n} entries", len(records)).format(n=len(records)),
    )


@app.command("undo")
def log_undo(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Remove the most recently created log entry and say which it was.

    Example: salesplan log undo
    """
    from salesplan.errors import BadInput
    from salesplan.render.records import activity_json
    from salesplan.store.activities import latest_created, remove_activity
    from salesplan.store.contacts import get_contact

    st = state(ctx)
    with st.session(write=True) as s:
        tz = st.settings(s).tz
        entry = latest_created(session=s)
        if entry is None:
            raise BadInput(_("nothing to undo: the log is empty"))
        name = get_contact(entry.contact_id, session=s).name if entry.contact_id else None
        record = activity_json(entry, name, tz)
        remove_activity(entry, session=s, now_utc=st.now_utc(s))
    if as_json:
        print_json(record)
    else:
        from salesplan.render.words import kind_word, outcome_word

        say(
            _("removed {kind} #{id} → {who} ({outcome}) at {at}").format(
                kind=kind_word(record["kind"]),
                id=record["id"],
                who=name or _("(cold)"),
                outcome=outcome_word(record["outcome"]),
                at=record["at"].replace("T", " "),
            )
        )


@app.command("rm")
def log_rm(
    ctx: typer.Context,
    entry_id: Annotated[int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="Log entry id.")],
) -> None:
    """Remove one log entry by id.

    Example: salesplan log rm 214
    """
    from salesplan.store.activities import get_activity, remove_activity

    st = state(ctx)
    with st.session(write=True) as s:
        entry = get_activity(entry_id, session=s)
        kind = entry.kind
        remove_activity(entry, session=s, now_utc=st.now_utc(s))
    from salesplan.render.words import kind_word

    say(_("removed {kind} #{id}").format(kind=kind_word(kind), id=entry_id))


@app.command("edit")
def log_edit(
    ctx: typer.Context,
    entry_id: Annotated[int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="Log entry id.")],
    outcome: Annotated[str | None, typer.Option("--outcome", "-o", help="New outcome.")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="New note.")] = None,
    next_: Annotated[
        str | None, typer.Option("--next", help="New next follow-up DATE ('none' clears).")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="New DATETIME; a weekday or 12月18日 is the latest such day."),
    ] = None,
    future: Annotated[
        bool, typer.Option("--future", help="Allow an --at that has not happened yet.")
    ] = False,
    contact: Annotated[str | None, typer.Option(help="Attach to this contact (REF).")] = None,
    kind: Annotated[str | None, typer.Option(help="call, visit, email or meeting.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct a log entry; options not given stay as they are.

    Example: salesplan log edit 214 --outcome reached --next +7d
    """
    from salesplan.core.dates import to_utc
    from salesplan.errors import BadInput
    from salesplan.render.records import activity_json
    from salesplan.store.activities import edit_activity, get_activity
    from salesplan.store.contacts import get_contact, resolve_contact

    st = state(ctx)
    with st.session(write=True) as s:
        tz = st.settings(s).tz
        entry = get_activity(entry_id, session=s)
        changes: dict = {}
        if outcome is not None:
            changes["outcome"] = outcome
        if note is not None:
            changes["note"] = note
        if kind is not None:
            changes["kind"] = kind
        if next_ is not None:
            changes["next_date"] = None if next_.lower() == "none" else parse_day(st, s, next_)
        if at is not None:
            changes["at"] = to_utc(
                parse_when(st, s, at, default_now_time=True, past=True, future_ok=future), tz
            )
        if contact is not None:
            changes["contact_id"] = resolve_contact(contact, session=s).id
        if not changes:
            raise BadInput(
                _("nothing to change: give --outcome, --note, --next, --at, --contact or --kind")
            )
        entry = edit_activity(entry, changes, session=s)
        name = get_contact(entry.contact_id, session=s).name if entry.contact_id else None
        record = activity_json(entry, name, tz)
    if as_json:
        print_json(record)
    else:
        from salesplan.render.words import kind_word

        say(_("{kind} #{id} updated").format(kind=kind_word(record["kind"]), id=entry_id))
