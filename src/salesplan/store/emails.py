"""Email templates: adding, listing, changing and removing them; which template each
prospect was sent last; and what fills a template's ``{product}``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from salesplan.core import emails
from salesplan.errors import BadInput, NotFound
from salesplan.i18n import _
from salesplan.models import OPEN_STAGES, Activity, Contact, EmailTemplate, Project

# Contacts asked about in one IN (...) list: well under every engine's limit on parameters.
_CHUNK = 500


def _plain(row: EmailTemplate) -> emails.EmailTemplate:
    return emails.EmailTemplate(row.name, row.subject, row.body)


def add_template(
    name: str, subject: str, body: str, *, session: Session, now_utc: datetime
) -> emails.EmailTemplate:
    name = emails.check_name(name)
    subject, body = emails.check_subject(subject), emails.check_body(body)
    if session.get(EmailTemplate, name) is not None:
        raise BadInput(
            _(
                "there is already an email template {name}: change it with salesplan email-template edit"
            ).format(name=name)
        )
    row = EmailTemplate(name=name, subject=subject, body=body, created_at=now_utc)
    session.add(row)
    session.flush()
    return _plain(row)


def list_templates(*, session: Session) -> list[emails.EmailTemplate]:
    rows = session.exec(select(EmailTemplate)).all()
    # Name order as Python sorts it, the same order the rotation follows on either engine.
    return sorted((_plain(r) for r in rows), key=lambda t: t.name)


def _row(name: str, session: Session) -> EmailTemplate:
    row = session.get(EmailTemplate, name.strip())
    if row is None:
        raise NotFound(
            _("no email template {name}: see salesplan email-template list").format(
                name=repr(name[:60])
            )
        )
    return row


def get_template(name: str, *, session: Session) -> emails.EmailTemplate:
    return _plain(_row(name, session))


def edit_template(
    name: str, *, session: Session, subject: str | None = None, body: str | None = None
) -> emails.EmailTemplate:
    row = _row(name, session)
    if subject is not None:
        row.subject = emails.check_subject(subject)
    if body is not None:
        row.body = emails.check_body(body)
    session.add(row)
    session.flush()
    return _plain(row)


def remove_template(name: str, *, session: Session) -> emails.EmailTemplate:
    """Remove a template; the emails sent from it keep its name."""
    row = _row(name, session)
    gone = _plain(row)
    session.delete(row)
    session.flush()
    return gone


def last_templates_sent(contact_ids: Iterable[int], *, session: Session) -> dict[int, str]:
    """Each contact's template of the latest email sent from one (contacts never sent one
    are left out)."""
    wanted = sorted(set(contact_ids))
    last: dict[int, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = session.exec(
            select(Activity.contact_id, Activity.template)
            .where(
                Activity.kind == "email",
                col(Activity.template).is_not(None),
                col(Activity.contact_id).in_(chunk),
            )
            .order_by(col(Activity.at), col(Activity.id))
        ).all()
        for contact_id, template in rows:  # in time order: the latest stays
            if contact_id is not None and template is not None:
                last[contact_id] = template
    return last


def product_for(contact: Contact, *, session: Session) -> str | None:
    """What fills ``{product}``: the contact's open project (the one moved last, then the
    newest), else what the contact needs (the needs field), else nothing."""
    project = session.exec(
        select(Project)
        .where(Project.contact_id == contact.id, col(Project.stage).in_(OPEN_STAGES))
        .order_by(col(Project.stage_since).desc(), col(Project.id).desc())
        .limit(1)
    ).first()
    if project is not None:
        return project.name
    return contact.needs or None


def log_batch_sent(
    batch: Iterable[emails.BatchEmail], *, session: Session, now_utc: datetime
) -> list[Activity]:
    """An ``email`` entry (outcome sent, with its template) for each of ``batch``, in the
    caller's transaction: all of them or none."""
    from salesplan.store.activities import log_activity
    from salesplan.store.contacts import get_contact

    return [
        log_activity(
            "email",
            session=session,
            at_utc=now_utc,
            now_utc=now_utc,
            contact=get_contact(item.contact_id, session=session),
            outcome="sent",
            template=item.template,
        )
        for item in batch
    ]
