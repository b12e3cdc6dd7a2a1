"""The email templates of the unclear-intent cadence: kept, filled for one contact, which one
each unclear prospect gets next, and the day's emails as a batch."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel import Session

from salesplan.core.emails import BatchEmail, EmailTemplate, FilledEmail, fill, next_template
from salesplan.core.followups import DueItem
from salesplan.store import emails as template_store
from salesplan.store.contact_search import resolve_contact
from salesplan.store.contacts import contacts_by_id
from salesplan.store.emails import last_templates_sent, list_templates

# The rule whose emails come from a template: intent unclear, an email every two days.
TEMPLATE_RULE = "unclear-email"


@dataclass(frozen=True)
class FilledFor:
    """A template filled for one contact, with where it goes."""

    email: FilledEmail
    contact_id: int | None
    contact: str
    address: str | None  # the contact's email address, if known


def add_template(
    name: str, subject: str, body: str, *, session: Session, now_utc: datetime
) -> EmailTemplate:
    """``email-template add``: a new template (unknown placeholders are refused)."""
    return template_store.add_template(name, subject, body, session=session, now_utc=now_utc)


def templates(*, session: Session) -> list[EmailTemplate]:
    """``email-template list``: every template, in name order (the order the rotation follows)."""
    return list_templates(session=session)


def template(name: str, *, session: Session) -> EmailTemplate:
    """``email-template show``: one template, placeholders unfilled."""
    return template_store.get_template(name, session=session)


def edit_template(
    name: str, *, session: Session, subject: str | None = None, body: str | None = None
) -> EmailTemplate:
    """``email-template edit``: the subject or body changed, what is not given kept."""
    return template_store.edit_template(name, session=session, subject=subject, body=body)


def remove_template(name: str, *, session: Session) -> EmailTemplate:
    """``email-template rm``: the template removed (emails sent from it keep its name)."""
    return template_store.remove_template(name, session=session)


def fill_for(name: str, ref: str, *, session: Session) -> FilledFor:
    """``email-template render``: the template filled for the contact ``ref`` names: {name}
    its name, {company} its company, {product} its open project moved last, else its needs."""
    found = template_store.get_template(name, session=session)
    contact = resolve_contact(ref, session=session)
    product = template_store.product_for(contact, session=session)
    filled = fill(found, {"name": contact.name, "company": contact.company, "product": product})
    return FilledFor(filled, contact.id, contact.name, contact.email)


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
