"""``salesplan calls``: the call block in one process, one keystroke per call."""

import sys
from typing import Annotated

import typer

from salesplan.cli.common import MAX_ID, console, state
from salesplan.i18n import _, ngettext


def calls(
    ctx: typer.Context,
    limit: Annotated[int | None, typer.Option(min=1, max=MAX_ID, help="At most N people.")] = None,
    cold_list: Annotated[
        str | None,
        typer.Option(
            "--list", metavar="NAME", help="Work through this cold list only (import --list)."
        ),
    ] = None,
) -> None:
    """Work through today's calls until the call target is met; one key each.

    Offers, in order: follow-ups due, then prospects to develop (key first, longest without a
    real contact first), then regular customers not contacted longest, then cold lists; each
    with the group it comes from and why. What is due is always offered; the others stop
    when today's target is reached.

    Keys: r reached, n no answer, b busy, c callback (asks when), a appointment (asks when and
    books it), t a to-do for the person on the line (asks what and by when; the call is
    answered after), s skip, q quit. Each answer is saved as it is given. Piped input works
    too, one answer per line, e.g. 'c fri -- 周五再打', 'a tomorrow 2pm' or 't fri -- 发报价'.

    At the end (quit, target reached or nobody left) the day's emails to prospects whose
    intent is unclear are listed, each with its next template; m marks them all sent (a
    final piped line 'm'), anything else leaves them.

    Example: salesplan calls --limit 10
    """
    from salesplan.core.calls import check_list_name
    from salesplan.plans.calls import call_block, check_cold_list

    list_name = check_list_name(cold_list) if cold_list is not None else None
    st = state(ctx)
    with st.session() as s:
        if list_name is not None:
            check_cold_list(list_name, session=s)
        settings = st.settings(s)
        today = st.today(s)
        block = call_block(today, st.now(s), settings, session=s, list_name=list_name)
    in_batch = {b.contact_id for b in block.batch}
    elsewhere = [i for i in block.waiting.elsewhere if i.contact_id not in in_batch]
    queue = block.waiting.ordered(limit)
    interactive = _on_a_terminal()
    _print_head(block, list_name, st.moment.local(settings.tz))
    if not queue:
        console().print(
            _("nobody to call: import a cold list (salesplan import contacts FILE --list NAME)")
        )
    else:
        _work_through(st, interactive, queue, block.progress, limit)
    _offer_emails(st, interactive, block.batch)
    _mention_elsewhere(elsewhere)


def _print_head(block, list_name: str | None, now) -> None:
    """The block's first line: calls done of the target, the time left in the call block (or
    when the next one is), and what is to come."""
    from rich.text import Text

    from salesplan.core.calls import calls_left

    p = block.progress
    slot = next((sl for sl in block.timetable.slots if sl.pace is not None), None)
    left = "" if slot is None else _time_left(slot, now)
    head = _("calls {done}/{target}").format(done=p.calls_today, target=p.calls_target)
    to_go = calls_left(p.calls_today, p.calls_target)
    plan = (
        _("{left} to the target · {due} due, then prospects, customers and cold lists").format(
            left=to_go, due=len(block.waiting.due)
        )
        if list_name is None
        else _("{left} to the target · cold list {name}").format(left=to_go, name=list_name)
    )
    console().print(Text.assemble((f"{head}{left}", "bold"), " · " + plan))


def _time_left(slot, now) -> str:
    """The minutes left in the call block until its end, or when the next one is."""
    if slot.start > now:  # between blocks: say when the next one is
        return _(" · next call block {start}–{end}").format(
            start=f"{slot.start:%H:%M}", end=f"{slot.end:%H:%M}"
        )
    minutes = max(0, int((slot.end - max(slot.start, now)).total_seconds() // 60))
    return _(" · {minutes} min left in the call block until {end}").format(
        minutes=minutes, end=f"{slot.end:%H:%M}"
    )


def _work_through(st, interactive: bool, queue, p, limit: int | None) -> None:
    """Offer the people of ``queue`` one by one, saving each answer, until the target is met
    (what is due is always offered), nobody is left or the user quits; then sum up."""
    from salesplan.core.calls import calls_left, keep_offering
    from salesplan.core.vocab import REACHED_OUTCOMES

    out = console()
    target = p.calls_target
    logged = reached = 0
    stopped_at_target = False
    for n, item in enumerate(queue, 1):
        if not keep_offering(item, p.calls_today + logged, target):
            stopped_at_target = True
            break
        _show_person(n, item, calls_left(p.calls_today + logged, target))
        answer, line = _answered(st, interactive, item)
        if answer is None or answer.action == "quit":
            break
        if line is None:
            continue
        logged += 1
        reached += answer.action in REACHED_OUTCOMES
        out.print(f"  ✓ {line}", highlight=False)
    else:
        short = calls_left(p.calls_today + logged, target)
        if short and (limit is None or len(queue) < limit):
            out.print()
            out.print(
                ngettext(
                    "nobody left to offer, {left} call short of the target: import a cold list "
                    "(salesplan import contacts FILE --list NAME) or log cold calls "
                    "(salesplan log call --phone NUMBER)",
                    "nobody left to offer, {left} calls short of the target: import a cold list "
                    "(salesplan import contacts FILE --list NAME) or log cold calls "
                    "(salesplan log call --phone NUMBER)",
                    short,
                ).format(left=short),
                highlight=False,
            )
    _sum_up(st, p.day, logged, reached, target if stopped_at_target else None)


def _show_person(n: int, item, left: int) -> None:
    """The person on the line: name, company, phone, group, calls left; last contact, why."""
    from rich.text import Text

    from salesplan.core.calls import GROUP_WORDS

    out = console()
    out.print()
    out.print(
        Text.assemble(
            (f"{n}  {item.name}", "bold"),
            f"  {item.company or ''}  ",
            (item.phone or _("no phone"), "green"),
            ("  [" + _(GROUP_WORDS[item.group]) + "]", "cyan"),
            "  " + _("{left} to the target").format(left=left),
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


def _answered(st, interactive: bool, item):
    """The answer for the person on the line, and the line saying what was saved (None when
    skipped or quit). On a terminal a mistyped date is asked again, not the end of the
    session."""
    from salesplan.errors import BadInput

    answer = _answer(st, interactive, item)
    while answer is not None and answer.action not in ("quit", "skip"):
        try:
            return answer, _record(st, item, answer)
        except BadInput as exc:
            if not interactive:
                raise
            _show_error(exc)
            answer = _answer(st, interactive, item)
    return answer, None


def _sum_up(st, today, logged: int, reached: int, reached_target: int | None) -> None:
    """The block's last lines: the target reached (``reached_target``, when it stopped the
    block), the calls logged and the day's progress."""
    from rich.text import Text

    from salesplan.plans.progress import progress_for

    out = console()
    out.print()
    if reached_target is not None:
        out.print(
            ngettext(
                "call target reached: {target} call today",
                "call target reached: {target} calls today",
                reached_target,
            ).format(target=reached_target)
        )
    with st.session() as s:
        final = progress_for(today, st.settings(s), session=s)
    done = ngettext(
        "logged {n} call ({reached} reached)", "logged {n} calls ({reached} reached)", logged
    ).format(n=logged, reached=reached)
    out.print(Text(f"{done} · {final.short_line()}", style="bold"))


def _on_a_terminal() -> bool:
    """Keys and questions on a terminal; one answer a line when piped."""
    return sys.stdin.isatty()


def _show_error(exc: Exception) -> None:
    """A mistake on a terminal, in red under the person on the line: the session goes on."""
    console().print(
        "  " + _("error: {message}").format(message=exc),
        style="red",
        markup=False,
        highlight=False,
    )


def _answer(st, interactive: bool, item):
    """The answer for the person on the line, after any to-dos added for them first (a to-do
    does not take the turn: the call is still answered)."""
    from salesplan.core.calls import PROMPT
    from salesplan.errors import BadInput

    out = console()
    while True:
        answer = _ask(interactive, _(PROMPT), lambda action, when: _check_when(st, action, when))
        if answer is None or answer.action != "todo":
            return answer
        try:
            out.print(f"  ✓ {_add_todo(st, item, answer)}", highlight=False)
        except BadInput as exc:
            if not interactive:
                raise
            _show_error(exc)


def _add_todo(st, item, answer) -> str:
    """A to-do for the person on the line, in its own transaction."""
    from salesplan.cli.common import parse_day
    from salesplan.core.todos import check_text
    from salesplan.plans.calls import todo_for_contact

    text = check_text(answer.note or "")
    with st.session(write=True) as s:
        due = parse_day(st, s, answer.when) if answer.when else None
        todo_id = todo_for_contact(text, item.contact_id, session=s, now_utc=st.now_utc(s), due=due)
    when = _(" · due {date}").format(date=due.isoformat()) if due else ""
    return _("to-do #{id}: {text}{when}").format(id=todo_id, text=text, when=when)


def _offer_emails(st, interactive: bool, batch) -> None:
    """The day's emails to unclear prospects as one batch: who, which template; one key
    (m, or a piped line 'm') logs them all as sent in one transaction. Those without an email
    address are named apart: nothing can be sent to them."""
    if not batch:
        return
    from salesplan.core.calls import BATCH_PROMPT, MARK_ALL
    from salesplan.render.due import pad

    out = console()
    out.print()
    unreachable = [b for b in batch if not b.email]
    batch = [b for b in batch if b.email]
    if unreachable:
        out.print(
            ngettext(
                "{n} prospect due an email has no address ({names}): call instead, or add one "
                "with salesplan contact edit REF --email ADDRESS",
                "{n} prospects due an email have no address ({names}): call instead, or add "
                "one with salesplan contact edit REF --email ADDRESS",
                len(unreachable),
            ).format(n=len(unreachable), names=_(", ").join(b.contact for b in unreachable)),
            highlight=False,
        )
    if not batch:
        return
    out.print(
        ngettext(
            "{n} email due today to a prospect whose intent is unclear:",
            "{n} emails due today to prospects whose intent is unclear:",
            len(batch),
        ).format(n=len(batch)),
        highlight=False,
    )
    from rich.cells import cell_len

    width = max(cell_len(b.contact) for b in batch)
    for b in batch:
        template = b.template or _("(no template: salesplan email-template add)")
        out.print(f"  {pad(b.contact, width)}  {b.email}  → {template}", highlight=False)
    if interactive:
        out.print(f"  {_(BATCH_PROMPT)} ", end="", markup=False)
        key = typer.getchar().lower()
        out.print(key)
    else:
        line = ""
        while not line.strip():
            line = sys.stdin.readline()
            if not line:
                break
        key = line.strip().lower()
    if key != MARK_ALL:
        out.print("  " + _("emails left as they are: salesplan due"), highlight=False)
        return
    from salesplan.plans.calls import mark_emails_sent

    with st.session(write=True) as s:
        entries = mark_emails_sent(batch, session=s, now_utc=st.now_utc(s))
    ids = ", ".join(f"#{entry_id}" for entry_id in entries)
    out.print(
        "  ✓ "
        + ngettext(
            "{n} email logged as sent: {ids}", "{n} emails logged as sent: {ids}", len(entries)
        ).format(n=len(entries), ids=ids),
        highlight=False,
    )


def _mention_elsewhere(elsewhere) -> None:
    """The call block leaves emails and visits; say they are still due."""
    if elsewhere:
        console().print(
            _("{n} more due today by email or visit: salesplan due --until today").format(
                n=len(elsewhere)
            ),
            highlight=False,
        )


def _check_when(st, action: str, when: str) -> None:
    """Refuse (BadInput) a date or date-time typed for an answer, before anything else is
    asked: a note typed after a bad date would be lost with it."""
    from salesplan.cli.common import parse_day, parse_when

    with st.session() as s:
        if action == "appointment":
            parse_when(st, s, when)
        else:
            parse_day(st, s, when)


def _asked_until_valid(action: str, ask, check) -> str | None:
    """Ask for a date until it reads (an empty answer, where allowed, is None)."""
    from salesplan.errors import BadInput

    while True:
        when = ask() or None
        if when is None:
            return None
        try:
            check(action, when)
        except BadInput as exc:
            _show_error(exc)
            continue
        return when


def _ask(interactive: bool, prompt: str, check=None):
    """The next answer: one keystroke (plus follow-up questions) on a terminal, a line if piped.
    On a terminal ``check(action, when)`` vets a date as soon as it is typed."""
    from salesplan.core.calls import KEYS, Answer, parse_answer
    from salesplan.errors import BadInput

    check = check or (lambda _action, _when: None)
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
            if action == "todo":
                text = typer.prompt(
                    "  " + _("to-do (what to do, empty to go back)"), default="", show_default=False
                )
                if not text.strip():
                    continue
                when = _asked_until_valid(
                    action,
                    lambda: typer.prompt(
                        "  " + _("due (DATE, empty for none)"), default="", show_default=False
                    ),
                    check,
                )
                return Answer(action, when, text)
            if action == "callback":
                when = _asked_until_valid(
                    action,
                    lambda: typer.prompt("  " + _("call back when (DATE)"), default=_("tomorrow")),
                    check,
                )
            elif action == "appointment":
                when = _asked_until_valid(
                    action, lambda: typer.prompt("  " + _("appointment when (DATETIME)")), check
                )
            elif action == "reached":
                when = _asked_until_valid(
                    action,
                    lambda: typer.prompt(
                        "  " + _("next follow-up (DATE, empty for none)"),
                        default="",
                        show_default=False,
                    ),
                    check,
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
    from salesplan.core.words import kind_word, outcome_word
    from salesplan.plans.log import ContactLog, log_contact

    with st.session(write=True) as s:
        tz = st.settings(s).tz
        now_utc = st.now_utc(s)
        start = parse_when(st, s, answer.when) if answer.action == "appointment" else None
        next_date = (
            start.date()
            if start is not None
            else parse_day(st, s, answer.when)
            if answer.when
            else None
        )
        logged = log_contact(
            ContactLog("call", outcome=answer.action, note=answer.note, contact_id=item.contact_id),
            session=s,
            at_utc=now_utc,
            now_utc=now_utc,
            next_date=next_date,
            book_at_utc=None if start is None else to_utc(start, tz),
        )
    booked = (
        ""
        if start is None
        else _(" · appointment #{id} at {start}").format(
            id=logged.appointment_id, start=f"{start:%Y-%m-%d %H:%M}"
        )
    )
    nxt = (
        _(" · next {date}").format(date=next_date.isoformat())
        if next_date and answer.action != "appointment"
        else ""
    )
    return f"{kind_word('call')} #{logged.entry.id} {outcome_word(answer.action)}{nxt}{booked}"
