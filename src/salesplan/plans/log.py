"""The activity log's use cases: log one contact (a call, visit, email or meeting, from
``log`` or from the call block), list the log, undo, remove and correct an entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlmodel import Session

from salesplan.core.dates import local_day_bounds, parse_minutes
from salesplan.core.settings import Settings
from salesplan.core.targets import Progress
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.models import Activity, Contact
from salesplan.plans.views import ActivityView, activity_view
from salesplan.store.activities import (
    check_outcome,
    edit_activity,
    get_activity,
    latest_created,
    list_activities,
    log_activity,
    remove_activity,
)
from salesplan.store.contacts import (
    add_contact,
    contact_for_cold_call,
    get_contact,
    resolve_contact,
)


@dataclass(frozen=True)
class Card:
    """The phone, area and company given for a ``new`` contact, or for a cold call's number."""

    phone: str | None = None
    area: str | None = None
    company: str | None = None


@dataclass(frozen=True)
class ContactLog:
    """What to log, checked as it is made (BadInput when the options do not go together), so
    before the store opens: the kind, the outcome (``reached`` unless said; ``sent`` for an
    email), and whom: a contact's id or REF, a ``new`` contact, a cold call's number (the
    card's phone, kept as a lead to call back), or nobody."""

    kind: str
    ref: str | None = None
    outcome: str | None = None
    new: str | None = None
    card: Card = Card()
    note: str | None = None
    minutes: int | None = None
    template: str | None = None
    contact_id: int | None = None

    def __post_init__(self) -> None:
        if self.ref and self.new:
            raise BadInput(_("give a contact REF or --new NAME, not both"))
        card = self.card
        if not self.new and not self.cold_number and (card.phone or card.area or card.company):
            raise BadInput(
                _("--phone, --area and --company go with --new NAME (or a call with --phone)")
            )
        if self.template is not None and self.kind != "email":
            raise BadInput(_("--template goes with log email"))
        # An email logged was sent, unless -o says otherwise.
        outcome = (self.outcome or "sent") if self.kind == "email" else self.outcome
        minutes = None if self.minutes is None else parse_minutes(self.minutes)
        object.__setattr__(self, "minutes", minutes)
        object.__setattr__(self, "outcome", check_outcome(outcome))

    @property
    def cold_number(self) -> bool:
        """A call with --phone alone: the number is kept as a lead to call back."""
        return (
            self.kind == "call"
            and not self.new
            and not self.ref
            and self.contact_id is None
            and self.card.phone is not None
        )


@dataclass(frozen=True)
class Logged:
    """A contact logged: the entry, the appointment booked with it (the call block's ``a``)
    and, when asked for, the progress of the day it happened on."""

    entry: ActivityView
    appointment_id: int | None = None
    progress: Progress | None = None


def log_contact(
    request: ContactLog,
    *,
    session: Session,
    at_utc: datetime,
    now_utc: datetime,
    next_date: date | None = None,
    book_at_utc: datetime | None = None,
    progress: tuple[date, Settings] | None = None,
) -> Logged:
    """Log one contact in the caller's transaction: whom it was with (found, created, or the
    cold number's lead), the entry itself (the contact's last contact and standing promise
    follow from the log), an appointment booked at ``book_at_utc`` with that person, and the
    progress of ``progress``'s day by its settings."""
    contact = _whom(request, session=session, now_utc=now_utc)
    template = request.template
    if template is not None:
        from salesplan.store.emails import get_template

        template = get_template(template, session=session).name
    booked = None
    if book_at_utc is not None:
        from salesplan.store.appointments import add_appointment

        booked = add_appointment(
            session=session, start_utc=book_at_utc, now_utc=now_utc, contact=contact
        ).id
    entry = log_activity(
        request.kind,
        session=session,
        at_utc=at_utc,
        now_utc=now_utc,
        contact=contact,
        outcome=request.outcome,
        note=request.note,
        next_date=next_date,
        minutes=request.minutes,
        template=template,
    )
    counted = None
    if progress is not None:
        from salesplan.plans.progress import progress_for

        counted = progress_for(progress[0], progress[1], session=session)
    return Logged(activity_view(entry, contact.name if contact else None), booked, counted)


def _whom(request: ContactLog, *, session: Session, now_utc: datetime) -> Contact | None:
    if request.contact_id is not None:
        return get_contact(request.contact_id, session=session)
    card = request.card
    if request.cold_number:
        # A wrong number is nobody to call back.
        if request.outcome == "wrong-number":
            return None
        return contact_for_cold_call(
            card.phone or "",
            area=card.area,
            company=card.company,
            session=session,
            now_utc=now_utc,
        )
    if request.new:
        details = {"name": request.new, **asdict(card)}
        return add_contact(details, session=session, now_utc=now_utc)
    return resolve_contact(request.ref, session=session) if request.ref else None


def _named(entry: Activity, *, session: Session) -> ActivityView:
    name = get_contact(entry.contact_id, session=session).name if entry.contact_id else None
    return activity_view(entry, name)


def log_entries(
    first: date,
    last: date,
    tz: tzinfo,
    *,
    session: Session,
    kind: str | None = None,
    contact: str | None = None,
) -> list[ActivityView]:
    """The log from ``first`` to ``last`` (local days), of one kind or one contact (REF)."""
    contact_id = resolve_contact(contact, session=session).id if contact else None
    start_utc, end_utc = local_day_bounds(first, last, tz)
    rows = list_activities(
        session=session, start_utc=start_utc, end_utc=end_utc, kind=kind, contact_id=contact_id
    )
    return [activity_view(a, name) for a, name in rows]


def undo_last(*, session: Session, now_utc: datetime) -> ActivityView:
    """Remove the most recently created entry; it, as it was."""
    entry = latest_created(session=session)
    if entry is None:
        raise BadInput(_("nothing to undo: the log is empty"))
    gone = _named(entry, session=session)
    remove_activity(entry, session=session, now_utc=now_utc)
    return gone


def remove_entry(entry_id: int, *, session: Session, now_utc: datetime) -> str:
    """Remove entry ``entry_id``; the kind it was."""
    entry = get_activity(entry_id, session=session)
    kind = entry.kind
    remove_activity(entry, session=session, now_utc=now_utc)
    return kind


@dataclass(frozen=True)
class EntryEdit:
    """The corrections to an entry; None leaves a field as it is. The dates are read only
    once the entry is found (``next_date`` gives the day or None to clear it, ``at_utc`` the
    moment), so an unknown id is said before a date that does not read."""

    outcome: str | None = None
    note: str | None = None
    kind: str | None = None
    next_date: Callable[[], date | None] | None = None
    at_utc: Callable[[], datetime] | None = None
    contact: str | None = None


def edit_entry(entry_id: int, edit: EntryEdit, *, session: Session) -> ActivityView:
    """Correct entry ``entry_id`` (BadInput when nothing is to change); it, corrected."""
    entry = get_activity(entry_id, session=session)
    changes: dict[str, Any] = {}
    if edit.outcome is not None:
        changes["outcome"] = edit.outcome
    if edit.note is not None:
        changes["note"] = edit.note
    if edit.kind is not None:
        changes["kind"] = edit.kind
    if edit.next_date is not None:
        changes["next_date"] = edit.next_date()
    if edit.at_utc is not None:
        changes["at"] = edit.at_utc()
    if edit.contact is not None:
        changes["contact_id"] = resolve_contact(edit.contact, session=session).id
    if not changes:
        raise BadInput(
            _("nothing to change: give --outcome, --note, --next, --at, --contact or --kind")
        )
    return _named(edit_activity(entry, changes, session=session), session=session)
