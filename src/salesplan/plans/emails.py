"""Which email template each unclear prospect gets next, and the day's emails as a batch."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlmodel import Session

from salesplan.core.emails import BatchEmail, next_template
from salesplan.core.followups import DueItem
from salesplan.store.contacts import contacts_by_id
from salesplan.store.emails import last_templates_sent, list_templates

# The rule whose emails come from a template: intent unclear, an email every two days.
TEMPLATE_RULE = "unclear-email"


def with_templates(items: Sequence[DueItem], *, session: Session) -> list[DueItem]:
    """``items`` with the next template filled on each unclear-intent email: the first in
    name order after the last one sent to that prospect (never the same twice in a row
    while there are two templates). Other items are returned as they are."""
    wanted = [i.contact_id for i in items if i.rule == TEMPLATE_RULE]
    if not wanted:
        return list(items)
    names = [t.name for t in list_templates(session=session)]
    if not names:
        return list(items)
    last = last_templates_sent(wanted, session=session)
    return [
        replace(i, template=next_template(names, last.get(i.contact_id)))
        if i.rule == TEMPLATE_RULE
        else i
        for i in items
    ]


def email_batch(items: Sequence[DueItem], *, session: Session) -> list[BatchEmail]:
    """The unclear prospects among ``items`` (due an email), each once, with the template
    each gets next: what the calls session offers to mark sent in one key."""
    unclear = [i for i in with_templates(items, session=session) if i.rule == TEMPLATE_RULE]
    rows = contacts_by_id([i.contact_id for i in unclear], session=session)
    seen: set[int] = set()
    batch = []
    for i in unclear:
        if i.contact_id in seen or i.contact_id not in rows:
            continue
        seen.add(i.contact_id)
        batch.append(BatchEmail(i.contact_id, i.contact, rows[i.contact_id].email, i.template))
    return batch
