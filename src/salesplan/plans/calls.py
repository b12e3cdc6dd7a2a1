"""The calling list: follow-ups due by phone, then prospects to develop, then regular
customers, then cold lists, enough of them to reach the day's call target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlmodel import Session

from salesplan.core import vocab
from salesplan.core.calls import CallQueue, QueueItem, calls_left
from salesplan.core.dates import iso_minute, local_day_start, to_local, week_bounds
from salesplan.core.emails import BatchEmail
from salesplan.core.followups import PROSPECT_STATUSES, DueItem, calls_due, due_until
from salesplan.core.settings import Settings
from salesplan.core.targets import Progress
from salesplan.core.timetable import Timetable
from salesplan.errors import BadInput
from salesplan.i18n import _, is_chinese, ngettext
from salesplan.models import Contact
from salesplan.plans.day import day_timetable
from salesplan.plans.emails import email_batch
from salesplan.plans.followups import collect_due
from salesplan.plans.progress import progress_for
from salesplan.store.activities import attempts_since
from salesplan.store.contacts import (
    cold_list_contacts,
    cold_list_names,
    contacts_by_id,
    customers_longest_untouched,
    prospects_to_develop,
)
from salesplan.store.emails import log_batch_sent
from salesplan.store.todos import add_todo

# Beyond the calls left, how many more of each group to have at hand for the ones skipped.
SPARE = 30

_STATUS_REASON = {
    "lead": lambda: _("lead to develop"),
    "intent": lambda: _("prospect with intent"),
    "unclear": lambda: _("prospect whose intent is unclear"),
}


def call_queue(
    today: date,
    settings: Settings,
    *,
    session: Session,
    calls_done: int = 0,
    calls_target: int = 0,
    list_name: str | None = None,
) -> CallQueue:
    """Due items to phone (most urgent first), then as many prospects, customers and cold-list
    contacts as the calls left to ``calls_target`` need (with spares for those skipped); and
    the items due today by another channel (emails, visits), which the call block leaves.
    With ``list_name``, only that cold list's contacts."""
    tz = settings.tz
    room = calls_left(calls_done, calls_target) + SPARE
    week_start = local_day_start(week_bounds(today, settings.week_start_index)[0], tz)
    day_start = local_day_start(today, tz)
    if list_name is not None:
        heads = []
        elsewhere: tuple[DueItem, ...] = ()
        prospects: list[int] = []
        customers: list[int] = []
    else:
        all_due = due_until(collect_due(today, settings, session=session), today)
        elsewhere = tuple(i for i in all_due if i.channel != "call")
        heads = [head for head, _ in calls_due(all_due)]
        room += len(heads)  # a due person may also stand in a group below: listed once
        prospects = prospects_to_develop(PROSPECT_STATUSES, week_start, room, session=session)
        customers = customers_longest_untouched(week_start, room, session=session)
    # A cold number not answered today is tried again another day.
    cold = cold_list_contacts(list_name, day_start, room, session=session)
    rows = contacts_by_id(
        [h.contact_id for h in heads] + prospects + customers + cold, session=session
    )
    # Someone already tried today and not reached is offered again, saying so.
    tried = attempts_since(day_start, session=session)

    say = _Offer(rows, tried, today, tz)
    return CallQueue(
        due=tuple(say.item(h.contact_id, _due_reason(h), "due") for h in heads),
        prospects=tuple(
            say.item(cid, say.prospect_reason(rows[cid]), "prospect") for cid in prospects
        ),
        elsewhere=elsewhere,
        customers=tuple(
            say.item(
                cid,
                _("regular customer: {since}").format(since=say.untouched(rows[cid])),
                "customer",
            )
            for cid in customers
        ),
        cold=tuple(
            say.item(
                cid,
                _("cold list {name}: not reached yet").format(name=rows[cid].cold_list),
                "cold",
            )
            for cid in cold
        ),
        calls_done=calls_done,
        calls_target=calls_target,
    )


def _due_reason(head: DueItem) -> str:
    """Why a due person is called: the rule's words, and how overdue."""
    if not head.overdue_days:
        return head.reason_words
    overdue = _("{days}d overdue").format(days=head.overdue_days)
    return head.reason_words + _(" ({overdue})").format(overdue=overdue)


@dataclass(frozen=True)
class _Offer:
    """How a person is offered: the contacts read (``rows``), who was tried today and not
    reached (``tried``: when, with what outcome), on ``today`` in ``tz``."""

    rows: dict[int, Contact]
    tried: dict[int, tuple[datetime, str]]
    today: date
    tz: tzinfo

    def item(self, cid: int, reason: str, group: str) -> QueueItem:
        """The queue's line for contact ``cid``: its last contact, and a try today, if any."""
        c = self.rows[cid]
        tz = self.tz
        last = (
            iso_minute(to_local(c.last_contact_at, tz)).replace("T", " ")
            if c.last_contact_at
            else None
        )
        if last and c.last_kind:
            kind = vocab.label(c.last_kind, vocab.ACTIVITY_KIND) if is_chinese() else c.last_kind
            last = f"{kind} {last}"
        if cid in self.tried:
            at, outcome = self.tried[cid]
            reason += _(" · tried today {time} ({outcome})").format(
                time=to_local(at, tz).strftime("%H:%M"),
                outcome=vocab.label(outcome, vocab.OUTCOME) if is_chinese() else outcome,
            )
        return QueueItem(cid, c.name, c.company, c.phone, last, reason, group)

    def untouched(self, c: Contact) -> str:
        if c.last_contact_at is None:
            return _("never reached")
        days = (self.today - to_local(c.last_contact_at, self.tz).date()).days
        return ngettext(
            "no real contact for {days} day", "no real contact for {days} days", days
        ).format(days=days)

    def prospect_reason(self, c: Contact) -> str:
        what = _STATUS_REASON.get(c.status, _STATUS_REASON["lead"])()
        if c.tier == "key":
            what = _("key {what}").format(what=what)
        return _("{what}: {since}").format(what=what, since=self.untouched(c))


def check_cold_list(list_name: str, *, session: Session) -> None:
    """BadInput unless a cold list is called ``list_name``, saying which are (or how to make
    one)."""
    known = cold_list_names(session=session)
    if list_name in known:
        return
    raise BadInput(
        _("no cold list {name}: the lists are {known}").format(
            name=list_name, known=_(", ").join(known)
        )
        if known
        else _(
            "no cold list {name}: import one first (salesplan import contacts FILE --list NAME)"
        ).format(name=list_name)
    )


@dataclass(frozen=True)
class CallBlock:
    """What the call block starts from: the day's progress, the people waiting, the day's
    timetable (for the block's time left) and the emails due to unclear prospects."""

    progress: Progress
    waiting: CallQueue
    timetable: Timetable
    batch: list[BatchEmail]


def call_block(
    today: date,
    now: datetime,
    settings: Settings,
    *,
    session: Session,
    list_name: str | None = None,
) -> CallBlock:
    """The call block of ``today`` as it stands at ``now`` (one cold list's only, with
    ``list_name``)."""
    p = progress_for(today, settings, session=session)
    waiting = call_queue(
        today,
        settings,
        session=session,
        calls_done=p.calls_today,
        calls_target=p.calls_target,
        list_name=list_name,
    )
    # The queue already ran the follow-up rules: only the timetable and counts are needed.
    timetable = day_timetable(today, now, settings, session=session)
    return CallBlock(p, waiting, timetable, email_batch(waiting.elsewhere, session=session))


def todo_for_contact(
    text: str, contact_id: int, *, session: Session, now_utc: datetime, due: date | None
) -> int:
    """A to-do for the person on the line; its id."""
    row = add_todo(text, session=session, now_utc=now_utc, due=due, contact_id=contact_id)
    assert row.id is not None
    return row.id


def mark_emails_sent(
    batch: Sequence[BatchEmail], *, session: Session, now_utc: datetime
) -> list[int]:
    """Each of ``batch`` logged as an email sent now, in one transaction; the entries' ids."""
    ids = []
    for entry in log_batch_sent(batch, session=session, now_utc=now_utc):
        assert entry.id is not None
        ids.append(entry.id)
    return ids
