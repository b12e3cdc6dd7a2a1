"""The activity log: calls, visits, emails and meetings, and the counts the targets need."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from salesplan.core.validate import choose, clean_text
from salesplan.core.vocab import ATTEMPT_OUTCOMES, REACHED_OUTCOMES
from salesplan.errors import NotFound
from salesplan.i18n import _
from salesplan.models import (
    ACTIVITY_KINDS,
    OUTCOMES,
    Activity,
    Appointment,
    AppointmentChange,
    Contact,
)
from salesplan.store.team import viewed_rows


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def real_contact_sql(alias: str = "activity") -> str:
    """``core.vocab.is_real_contact`` as a portable SQL condition on the log row ``alias``:
    the one SQL rendering of the rule (outcome is never NULL in the store)."""
    return (
        f"(({alias}.kind = 'call' AND {alias}.outcome IN ({_quoted(REACHED_OUTCOMES)})) "
        f"OR ({alias}.kind <> 'call' AND {alias}.outcome NOT IN ({_quoted(ATTEMPT_OUTCOMES)})))"
    )


def real_contact(entry: Any = Activity) -> Any:
    """The same condition for a query built with SQLAlchemy, on ``entry`` (the ``Activity``
    table or an alias of it)."""
    from sqlalchemy import and_, or_

    return or_(
        and_(col(entry.kind) == "call", col(entry.outcome).in_(REACHED_OUTCOMES)),
        and_(col(entry.kind) != "call", col(entry.outcome).not_in(ATTEMPT_OUTCOMES)),
    )


def check_outcome(outcome: str | None) -> str:
    return choose(outcome or "reached", OUTCOMES, "outcome")


def log_activity(
    kind: str,
    *,
    session: Session,
    at_utc: datetime,
    now_utc: datetime,
    contact: Contact | None = None,
    outcome: str | None = None,
    note: str | None = None,
    next_date: date | None = None,
    minutes: int | None = None,
    appointment_id: int | None = None,
    project_id: int | None = None,
    template: str | None = None,
) -> Activity:
    activity = Activity(
        kind=choose(kind, ACTIVITY_KINDS, "kind"),
        at=at_utc,
        contact_id=contact.id if contact else None,
        outcome=check_outcome(outcome),
        note=clean_text(note, "note"),
        next_date=next_date,
        minutes=minutes,
        appointment_id=appointment_id,
        project_id=project_id,
        created_at=now_utc,
        template=template,
    )
    session.add(activity)
    session.flush()
    if contact is not None:
        refresh_contact_cadence(contact.id, session=session)
    return activity


def cadence_update(where: str) -> str:
    """One UPDATE that derives each contact's cadence columns from its log: the last real
    contact (what reached the person) and the latest promise (``--next`` or a callback).
    Whether that promise still stands (no real contact on or after the workday before its
    day) is the follow-up rules' to say, with the calendar. Portable SQL; ``where`` picks the
    contacts."""
    real = real_contact_sql("a")
    latest_real = (
        "(SELECT a.{col} FROM activity a WHERE a.contact_id = contact.id AND " + real + " "
        "ORDER BY a.at DESC, a.id DESC LIMIT 1)"
    )
    promise = (
        "(SELECT p.{col} FROM activity p WHERE p.contact_id = contact.id "
        "AND (p.next_date IS NOT NULL OR p.outcome = 'callback') "
        "ORDER BY p.at DESC, p.id DESC LIMIT 1)"
    )
    return (
        "UPDATE contact SET "
        f"last_contact_at = {latest_real.format(col='at')}, "
        f"last_kind = {latest_real.format(col='kind')}, "
        f"promise_at = {promise.format(col='at')}, "
        f"next_date = {promise.format(col='next_date')} "
        f"WHERE {where}"
    )


def refresh_contact_cadence(contact_id: int | None, *, session: Session) -> None:
    """Recompute a contact's last real contact and standing promise from its log.

    Derived, not incremented, so undo, rm, edit and back-dated entries all leave it exactly
    as the log says: removing the contact that kept a promise brings the promise back.
    """
    if contact_id is None:
        return
    from sqlalchemy import text

    session.flush()
    session.execute(text(cadence_update("contact.id = :cid")), {"cid": contact_id})
    contact = session.get(Contact, contact_id)
    if contact is not None:
        session.refresh(contact)


def refresh_all_cadences(*, session: Session, first_id: int, last_id: int) -> None:
    """The same for every contact with an id from ``first_id`` to ``last_id`` (bulk loads)."""
    from sqlalchemy import text

    session.execute(
        text(cadence_update("contact.id BETWEEN :first AND :last")),
        {"first": first_id, "last": last_id},
    )


def get_activity(activity_id: int, *, session: Session) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFound(
            _("no log entry #{activity_id}; see salesplan log list").format(activity_id=activity_id)
        )
    return activity


def remove_activity(activity: Activity, *, session: Session, now_utc: datetime) -> None:
    if activity.appointment_id is not None:
        appt = session.get(Appointment, activity.appointment_id)
        if appt is not None and appt.status == "done":
            appt.status = "planned"
            session.add(appt)
            session.add(
                AppointmentChange(
                    appointment_id=activity.appointment_id,
                    at=now_utc,
                    action="reopened",
                    note="visit removed",
                )
            )
    contact_id = activity.contact_id
    session.delete(activity)
    session.flush()
    refresh_contact_cadence(contact_id, session=session)


def latest_created(*, session: Session) -> Activity | None:
    return session.exec(select(Activity).order_by(col(Activity.id).desc()).limit(1)).first()


def edit_activity(activity: Activity, changes: dict[str, Any], *, session: Session) -> Activity:
    old_contact = activity.contact_id
    for key, value in changes.items():
        if key == "outcome":
            value = check_outcome(value)
        elif key == "kind":
            value = choose(value, ACTIVITY_KINDS, "kind")
        elif key == "note":
            value = clean_text(value, "note")
        setattr(activity, key, value)
    session.add(activity)
    session.flush()
    refresh_contact_cadence(old_contact, session=session)
    if activity.contact_id != old_contact:
        refresh_contact_cadence(activity.contact_id, session=session)
    return activity


def list_activities(
    *,
    session: Session,
    start_utc: datetime,
    end_utc: datetime,
    kind: str | None = None,
    contact_id: int | None = None,
) -> list[tuple[Activity, str | None]]:
    stmt = (
        select(Activity, Contact.name)
        .join(Contact, col(Activity.contact_id) == col(Contact.id), isouter=True)
        .where(Activity.at >= start_utc, Activity.at < end_utc)
    )
    if kind:
        stmt = stmt.where(Activity.kind == choose(kind, ACTIVITY_KINDS, "kind"))
    if contact_id is not None:
        stmt = stmt.where(Activity.contact_id == contact_id)
    stmt = stmt.order_by(col(Activity.at), col(Activity.id))
    return [(a, name) for a, name in session.exec(stmt).all()]


def recent_for_contact(
    contact_id: int | None, *, session: Session, limit: int = 10
) -> list[Activity]:
    stmt = (
        select(Activity)
        .where(Activity.contact_id == contact_id)
        .order_by(col(Activity.at).desc(), col(Activity.id).desc())
        .limit(limit)
    )
    return list(session.exec(stmt).all())


def count_kinds(*, session: Session, start_utc: datetime, end_utc: datetime) -> Counter[str]:
    """How many entries of each kind were logged in ``[start, end)``."""
    rows = session.exec(
        select(Activity.kind, func.count())
        .where(Activity.at >= start_utc, Activity.at < end_utc)
        .group_by(Activity.kind)
    ).all()
    return Counter({kind: int(n) for kind, n in rows})


def distinct_visited(*, session: Session, start_utc: datetime, end_utc: datetime) -> int:
    return int(
        session.exec(
            select(func.count(func.distinct(Activity.contact_id))).where(
                Activity.kind == "visit",
                col(Activity.contact_id).is_not(None),
                Activity.at >= start_utc,
                Activity.at < end_utc,
            )
        ).one()
    )


def kinds_per_span(
    bounds_utc: Sequence[datetime], kinds: Sequence[str], *, session: Session
) -> dict[tuple[int, str], int]:
    """How many entries of each of ``kinds`` fall in each span between consecutive instants of
    ``bounds_utc`` ([bounds[i], bounds[i + 1]) is span i), counted by the server: a few rows
    back, not every entry of the weeks."""
    span = case(
        *((col(Activity.at) < bound, n) for n, bound in enumerate(bounds_utc[1:])), else_=None
    ).label("span")
    entries = (
        select(span, Activity.kind)
        .where(
            Activity.at >= bounds_utc[0],
            Activity.at < bounds_utc[-1],
            col(Activity.kind).in_(tuple(kinds)),
            *viewed_rows(Activity, session=session),
        )
        .subquery()
    )
    rows = session.exec(
        select(entries.c.span, entries.c.kind, func.count()).group_by(
            entries.c.span, entries.c.kind
        )
    ).all()
    return {(n, kind): count for n, kind, count in rows if n is not None}


def attempts_since(start_utc: datetime, *, session: Session) -> dict[int, tuple[datetime, str]]:
    """(when, outcome) of each contact's latest call since ``start_utc`` that reached nobody
    (no answer, busy, a wrong number), by contact id; a call that got through after it wins."""
    rows = session.exec(
        select(Activity.contact_id, Activity.at, Activity.outcome)
        .where(
            Activity.kind == "call",
            col(Activity.contact_id).is_not(None),
            Activity.at >= start_utc,
        )
        .order_by(col(Activity.at), col(Activity.id))
    ).all()
    latest: dict[int, tuple[datetime, str]] = {}
    for cid, at, outcome in rows:
        if cid is not None:
            latest[cid] = (at, outcome)
    return {cid: v for cid, v in latest.items() if v[1] in ATTEMPT_OUTCOMES}


def count_calls(
    *,
    session: Session,
    start_utc: datetime,
    end_utc: datetime,
    until_utc: datetime | None = None,
    outcomes: tuple[str, ...] | None = None,
) -> int:
    """Calls logged in ``[start, end)``, up to ``until`` when given, with one of ``outcomes``
    when given."""
    stmt = select(func.count()).where(
        Activity.kind == "call", Activity.at >= start_utc, Activity.at < end_utc
    )
    if until_utc is not None:
        stmt = stmt.where(Activity.at <= until_utc)
    if outcomes is not None:
        stmt = stmt.where(col(Activity.outcome).in_(outcomes))
    return int(session.exec(stmt).one())


def activities_with_contacts(
    *, session: Session, start_utc: datetime, end_utc: datetime
) -> list[tuple[datetime, str, str, int | None, str | None, str | None, str | None]]:
    """(at, kind, outcome, contact_id, contact name, contact area, note) in ``[start, end)``,
    oldest first."""
    rows = session.exec(
        select(  # type: ignore[call-overload]  # sqlmodel's select is typed up to 4 columns
            Activity.at,
            Activity.kind,
            Activity.outcome,
            Activity.contact_id,
            Contact.name,
            Contact.area,
            Activity.note,
        )
        .join(Contact, col(Activity.contact_id) == col(Contact.id), isouter=True)
        .where(
            Activity.at >= start_utc,
            Activity.at < end_utc,
            *viewed_rows(Activity, session=session),
        )
        .order_by(col(Activity.at))
    ).all()
    return [tuple(r) for r in rows]
