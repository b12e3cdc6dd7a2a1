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
    from salesplan.cli.common import State
    from salesplan.plans.log import ContactLog

app = sub_app(
    help="The activity log: record calls, visits, emails and meetings; list, edit, undo.\n\n"
    "Example: salesplan log call 王建国 --outcome no-answer",
)

# The options two commands share: an entry's id (rm, edit), --future (log KIND, edit).
_EntryId = Annotated[int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="Log entry id.")]
_Future = Annotated[bool, typer.Option("--future", help="Allow an --at that has not happened yet.")]

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
        future: _Future = False,
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
        from salesplan.plans.log import Card, ContactLog

        card = Card(phone, area, company)
        request = ContactLog(kind, ref, outcome, new, card, note, minutes, template)
        _log_and_say(state(ctx), request, at=at, future=future, next_=next_, as_json=as_json)

    command.__doc__ = _KIND_DOC[kind]
    command.__name__ = f"log_{kind}"
    app.command(kind)(command)


def _log_and_say(
    st: "State",
    request: "ContactLog",
    *,
    at: str | None,
    future: bool,
    next_: str | None,
    as_json: bool,
) -> None:
    """Log ``request`` at ``at`` (default now) and print the entry with the day's progress."""
    from salesplan.core.dates import to_utc
    from salesplan.plans.log import log_contact
    from salesplan.render.records import activity_json

    with st.session(write=True) as s:
        settings = st.settings(s)
        tz = settings.tz
        now_utc = st.now_utc(s)
        when = (
            parse_when(st, s, at, default_now_time=True, past=True, future_ok=future)
            if at
            else st.now(s)
        )
        logged = log_contact(
            request,
            session=s,
            at_utc=to_utc(when, tz),
            now_utc=now_utc,
            next_date=parse_day(st, s, next_) if next_ else None,
            progress=(when.date(), settings),
        )
    record = activity_json(logged.entry, logged.entry.contact, tz)
    if as_json:
        print_json(record)
        return
    from salesplan.core.words import kind_word, outcome_word

    assert logged.progress is not None
    who = record["contact"] or _("(cold)")
    day = None if when.date() == st.moment.local(tz).date() else when.date().isoformat()
    say(
        _("{kind} #{id} → {who} ({outcome}) · {progress}").format(
            kind=kind_word(request.kind),
            id=record["id"],
            who=who,
            outcome=outcome_word(record["outcome"]),
            progress=logged.progress.short_line(day),
        )
    )


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
    from salesplan.plans.log import log_entries
    from salesplan.render.records import activity_json

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
        entries = log_entries(first, last or first, tz, session=s, kind=kind, contact=contact)
    records = [activity_json(e, e.contact, tz) for e in entries]
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
    from salesplan.plans.log import undo_last
    from salesplan.render.records import activity_json

    st = state(ctx)
    with st.session(write=True) as s:
        tz = st.settings(s).tz
        gone = undo_last(session=s, now_utc=st.now_utc(s))
    record = activity_json(gone, gone.contact, tz)
    if as_json:
        print_json(record)
    else:
        from salesplan.core.words import kind_word, outcome_word

        say(
            _("removed {kind} #{id} → {who} ({outcome}) at {at}").format(
                kind=kind_word(record["kind"]),
                id=record["id"],
                who=gone.contact or _("(cold)"),
                outcome=outcome_word(record["outcome"]),
                at=record["at"].replace("T", " "),
            )
        )


@app.command("rm")
def log_rm(
    ctx: typer.Context,
    entry_id: _EntryId,
) -> None:
    """Remove one log entry by id.

    Example: salesplan log rm 214
    """
    from salesplan.plans.log import remove_entry

    st = state(ctx)
    with st.session(write=True) as s:
        kind = remove_entry(entry_id, session=s, now_utc=st.now_utc(s))
    from salesplan.core.words import kind_word

    say(_("removed {kind} #{id}").format(kind=kind_word(kind), id=entry_id))


@app.command("edit")
def log_edit(
    ctx: typer.Context,
    entry_id: _EntryId,
    outcome: Annotated[str | None, typer.Option("--outcome", "-o", help="New outcome.")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="New note.")] = None,
    next_: Annotated[
        str | None, typer.Option("--next", help="New next follow-up DATE ('none' clears).")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="New DATETIME; a weekday or 12月18日 is the latest such day."),
    ] = None,
    future: _Future = False,
    contact: Annotated[str | None, typer.Option(help="Attach to this contact (REF).")] = None,
    kind: Annotated[str | None, typer.Option(help="call, visit, email or meeting.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct a log entry; options not given stay as they are.

    Example: salesplan log edit 214 --outcome reached --next +7d
    """
    from salesplan.core.dates import to_utc
    from salesplan.plans.log import EntryEdit, edit_entry
    from salesplan.render.records import activity_json

    st = state(ctx)
    with st.session(write=True) as s:
        tz = st.settings(s).tz
        edit = EntryEdit(
            outcome=outcome,
            note=note,
            kind=kind,
            next_date=None
            if next_ is None
            else lambda: None if next_.lower() == "none" else parse_day(st, s, next_),
            at_utc=None
            if at is None
            else lambda: to_utc(
                parse_when(st, s, at, default_now_time=True, past=True, future_ok=future), tz
            ),
            contact=contact,
        )
        entry = edit_entry(entry_id, edit, session=s)
    record = activity_json(entry, entry.contact, tz)
    if as_json:
        print_json(record)
    else:
        from salesplan.core.words import kind_word

        say(_("{kind} #{id} updated").format(kind=kind_word(record["kind"]), id=entry_id))
