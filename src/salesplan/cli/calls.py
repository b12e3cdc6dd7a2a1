"""``salesplan calls``: the call block in one process, one keystroke per call."""

import sys
from typing import Annotated

import typer

from salesplan.cli.common import MAX_ID, console, state
from salesplan.i18n import _, ngettext


def calls(
    ctx: typer.Context,
    limit: Annotated[int | None, typer.Option(min=1, max=MAX_ID, help="At most N people.")] = None,
) -> None:
    """Work through today's calls: follow-ups due first, then intent prospects; one key each.

    Keys: r reached, n no answer, b busy, c callback (asks when), a appointment (asks when and
    books it), s skip, q quit. Each answer is saved as it is given. Piped input works too, one
    answer per line, e.g. 'c fri -- 周五再打' or 'a tomorrow 2pm'.

    Example: salesplan calls --limit 10
    """
    from rich.text import Text

    from salesplan.core.calls import PROMPT, build_queue
    from salesplan.core.targets import REACHED_OUTCOMES
    from salesplan.errors import BadInput
    from salesplan.plans.calls import call_queue
    from salesplan.plans.day import day_timetable
    from salesplan.plans.progress import progress_for

    st = state(ctx)
    with st.session() as s:
        settings = st.settings(s)
        today = st.today(s)
        waiting = call_queue(today, settings, session=s)
        # The queue already ran the follow-up rules: only the timetable and counts are needed.
        timetable = day_timetable(today, st.now(s), settings, session=s)
        p = progress_for(today, settings, session=s)
    due, elsewhere = waiting.due, waiting.elsewhere
    queue = build_queue(list(due), list(waiting.prospects), limit)
    out = console()
    interactive = sys.stdin.isatty()
    block = next((sl for sl in timetable.slots if sl.pace is not None), None)
    left = ""
    if block is not None:
        now = st.moment.local(settings.tz)
        minutes = max(0, int((block.end - max(block.start, now)).total_seconds() // 60))
        left = _(" · {minutes} min left in the call block until {end}").format(
            minutes=minutes, end=f"{block.end:%H:%M}"
        )
    due_ids = {d.contact_id for d in due}
    n_due = sum(1 for q in queue if q.contact_id in due_ids)
    head = _("calls {done}/{target}").format(done=p.calls_today, target=p.calls_target)
    out.print(
        Text.assemble(
            (f"{head}{left}", "bold"),
            " · "
            + _("{n} to call ({due} due, {prospects} prospects)").format(
                n=len(queue), due=n_due, prospects=len(queue) - n_due
            ),
        )
    )
    if not queue:
        out.print(_("nobody due: make new calls (salesplan log call --new NAME)"))
        _mention_elsewhere(elsewhere)
        return
    logged = reached = 0
    for n, item in enumerate(queue, 1):
        phone = item.phone or _("no phone")
        out.print()
        out.print(
            Text.assemble(
                (f"{n}/{len(queue)}  {item.name}", "bold"),
                f"  {item.company or ''}  ",
                (phone, "green"),
            )
        )
        out.print(
            "  "
            + _("last: {last} · {reason}").format(
                last=item.last_contact or _("never"), reason=item.reason
            ),
            highlight=False,
            style="dim",
        )
        answer = _ask(interactive, _(PROMPT))
        if answer is None or answer.action == "quit":
            break
        if answer.action == "skip":
            continue
        while True:
            try:
                line = _record(st, item, answer)
                break
            except BadInput as exc:
                if not interactive:
                    raise
                # On a terminal a mistyped date is asked again, not the end of the session.
                out.print(
                    "  " + _("error: {message}").format(message=exc),
                    style="red",
                    markup=False,
                    highlight=False,
                )
                answer = _ask(interactive, _(PROMPT))
                if answer is None or answer.action in ("quit", "skip"):
                    line = None
                    break
        if answer is None or answer.action == "quit":
            break
        if line is None:
            continue
        logged += 1
        reached += answer.action in REACHED_OUTCOMES
        out.print(f"  ✓ {line}", highlight=False)
    out.print()
    with st.session() as s:
        final = progress_for(today, st.settings(s), session=s)
    done = ngettext(
        "logged {n} call ({reached} reached)", "logged {n} calls ({reached} reached)", logged
    ).format(n=logged, reached=reached)
    out.print(Text(f"{done} · {final.short_line()}", style="bold"))
    _mention_elsewhere(elsewhere)


def _mention_elsewhere(elsewhere) -> None:
    """The call block leaves emails and visits; say they are still due."""
    if elsewhere:
        console().print(
            _("{n} more due today by email or visit: salesplan due --until today").format(
                n=len(elsewhere)
            ),
            highlight=False,
        )


def _ask(interactive: bool, prompt: str):
    """The next answer: one keystroke (plus follow-up questions) on a terminal, a line if piped."""
    from salesplan.core.calls import KEYS, Answer, parse_answer
    from salesplan.errors import BadInput

    out = console()
    while True:
        if interactive:
            out.print(f"  {prompt} ", end="", markup=False)
            key = typer.getchar().lower()
            out.print(key)
            if key not in KEYS:
                continue
            action = KEYS[key]
            if action in ("skip", "quit"):
                return Answer(action)
            when = None
            if action == "callback":
                when = typer.prompt("  " + _("call back when (DATE)"), default=_("tomorrow"))
            elif action == "appointment":
                when = typer.prompt("  " + _("appointment when (DATETIME)"))
            elif action == "reached":
                when = (
                    typer.prompt(
                        "  " + _("next follow-up (DATE, empty for none)"),
                        default="",
                        show_default=False,
                    )
                    or None
                )
            note = (
                typer.prompt("  " + _("note (empty for none)"), default="", show_default=False)
                or None
            )
            return Answer(action, when, note)
        line = sys.stdin.readline()
        if not line:
            return None
        if not line.strip():
            continue
        try:
            return parse_answer(line)
        except BadInput as exc:
            sys.stderr.write(_("error: {message}").format(message=exc) + "\n")
            raise


def _record(st, item, answer) -> str:
    """Save one answer in its own transaction, so a crash loses nothing already confirmed."""
    from salesplan.cli.common import parse_day, parse_when
    from salesplan.core.dates import to_utc
    from salesplan.store.activities import log_activity
    from salesplan.store.appointments import add_appointment
    from salesplan.store.contacts import get_contact

    with st.session(write=True) as s:
        tz = st.settings(s).tz
        now_utc = st.now_utc(s)
        contact = get_contact(item.contact_id, session=s)
        next_date = None
        booked = ""
        if answer.action == "appointment":
            start = parse_when(st, s, answer.when)
            appt = add_appointment(
                session=s, start_utc=to_utc(start, tz), now_utc=now_utc, contact=contact
            )
            next_date = start.date()
            booked = _(" · appointment #{id} at {start}").format(
                id=appt.id, start=f"{start:%Y-%m-%d %H:%M}"
            )
        elif answer.when:
            next_date = parse_day(st, s, answer.when)
        entry = log_activity(
            "call",
            session=s,
            at_utc=now_utc,
            now_utc=now_utc,
            contact=contact,
            outcome=answer.action,
            note=answer.note,
            next_date=next_date,
        )
        from salesplan.render.words import kind_word, outcome_word

        nxt = (
            _(" · next {date}").format(date=next_date.isoformat())
            if next_date and answer.action != "appointment"
            else ""
        )
        return f"{kind_word('call')} #{entry.id} {outcome_word(answer.action)}{nxt}{booked}"
