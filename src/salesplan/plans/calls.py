"""The queue for the call block: follow-ups due by phone, then intent prospects."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from salesplan.core import vocab
from salesplan.core.calls import CallQueue, QueueItem
from salesplan.core.dates import iso_minute, local_day_start, to_local, week_bounds
from salesplan.core.followups import due_until, most_urgent_per_contact
from salesplan.core.settings import Settings
from salesplan.i18n import _, is_chinese
from salesplan.plans.followups import collect_due
from salesplan.store.contacts import contacts_by_id, not_called_since


def call_queue(today: date, settings: Settings, *, session: Session) -> CallQueue:
    """Due items to phone (most urgent first), prospects not called this week, and the items
    due today by another channel (emails, visits), which the call block leaves."""
    tz = settings.tz
    all_due = due_until(collect_due(today, settings, session=session), today)
    due = [i for i in all_due if i.channel == "call"]
    elsewhere = tuple(i for i in all_due if i.channel != "call")
    heads = [head for head, _ in most_urgent_per_contact(due)]
    week_start = local_day_start(week_bounds(today, settings.week_start_index)[0], tz)
    prospects = not_called_since("intent", week_start, session=session)
    rows = contacts_by_id([h.contact_id for h in heads] + prospects, session=session)

    def item(cid: int, reason: str) -> QueueItem:
        c = rows[cid]
        last = (
            iso_minute(to_local(c.last_contact_at, tz)).replace("T", " ")
            if c.last_contact_at
            else None
        )
        if last and c.last_kind:
            kind = vocab.label(c.last_kind, vocab.ACTIVITY_KIND) if is_chinese() else c.last_kind
            last = f"{kind} {last}"
        return QueueItem(cid, c.name, c.company, c.phone, last, reason)

    due_items = tuple(
        item(
            h.contact_id,
            h.reason_words
            + (
                _(" ({overdue})").format(overdue=_("{days}d overdue").format(days=h.overdue_days))
                if h.overdue_days
                else ""
            ),
        )
        for h in heads
    )
    prospect_items = tuple(
        item(cid, _("prospect with intent, not called this week")) for cid in prospects
    )
    return CallQueue(due_items, prospect_items, elsewhere)
