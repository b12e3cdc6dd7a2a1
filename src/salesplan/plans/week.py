"""The week: its summary against the targets and the weekly report's sections."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from salesplan.core.dates import local_day_bounds, to_local, week_bounds, week_label
from salesplan.core.followups import due_until
from salesplan.core.periods import next_week, previous_week
from salesplan.core.settings import Settings
from salesplan.core.summary import ActivityRow, PeriodRows, Summary, build_summary
from salesplan.store.activities import activities_with_contacts
from salesplan.store.appointments import appointment_statuses, list_appointments
from salesplan.store.contacts import (
    contacts_created_between,
    contacts_with_status,
    flagged_contacts,
    key_contacts,
)
from salesplan.store.followups import collect_due
from salesplan.store.projects import payments_between, won_between
from salesplan.store.records import expenses_between, notes_between

# Contacts still being developed: the report's "customers to develop" lists those touched.
DEVELOPING_STATUSES = ("lead", "intent", "unclear")


def period_rows(
    first: date, last: date, settings: Settings, *, session: Session, full: bool = True
) -> PeriodRows:
    """What one period's summary is built from; ``full=False`` skips what only the report's
    sections need (notes, key, flagged and developing contacts)."""
    tz = settings.tz
    start_utc, end_utc = local_day_bounds(first, last, tz)
    activities = [
        ActivityRow(to_local(at, tz).date(), kind, outcome, cid, name, area, note)
        for at, kind, outcome, cid, name, area, note in activities_with_contacts(
            session=session, start_utc=start_utc, end_utc=end_utc
        )
    ]
    appointments = [
        (to_local(s, tz).date(), st)
        for s, st in appointment_statuses(session=session, start_utc=start_utc, end_utc=end_utc)
    ]
    new_contacts = [
        {"id": c.id, "name": c.name, "company": c.company, "area": c.area, "status": c.status}
        for c in contacts_created_between(start_utc, end_utc, session=session, by_id=True)
    ]
    won = [
        {
            "id": p.id,
            "name": p.name,
            "contact": name,
            "amount": p.amount,
            "on": p.won_date.isoformat() if p.won_date else None,
        }
        for p, name in won_between(first, last, session=session)
    ]
    payments = [
        {
            "project": pname,
            "contact": cname,
            "amount": pay.amount,
            "on": pay.on.isoformat(),
            "note": pay.note,
        }
        for pay, pname, cname in payments_between(first, last, session=session)
    ]
    expenses = [
        {"category": e.category, "amount": e.amount, "on": e.on.isoformat(), "note": e.note}
        for e in expenses_between(first, last, session=session)
    ]
    if not full:
        return PeriodRows(activities, appointments, new_contacts, won, payments, expenses)
    notes = [
        {"kind": n.kind, "text": n.text, "on": n.on.isoformat(), "contact": name}
        for n, name in notes_between(first, last, session=session)
    ]
    key = [{"id": cid, "name": name} for cid, name in key_contacts(session=session)]
    flagged = [
        {
            "id": c.id,
            "name": c.name,
            "flags": [f for f in ("credit", "abnormal") if getattr(c, f"flag_{f}")],
            "note": c.flag_note,
        }
        for c in flagged_contacts(session=session)
    ]
    touched = {a.contact_id for a in activities if a.contact_id is not None}
    developing = [
        {"id": cid, "name": name, "status": status, "company": company}
        for cid, name, status, company in contacts_with_status(
            touched, DEVELOPING_STATUSES, session=session
        )
    ]
    return PeriodRows(
        activities=activities,
        appointments=appointments,
        new_contacts=new_contacts,
        won=won,
        payments=payments,
        expenses=expenses,
        notes=notes,
        key_contacts=key,
        flagged=flagged,
        developing=developing,
    )


def week_summary(day: date, today: date, settings: Settings, *, session: Session) -> Summary:
    tz = settings.tz
    start, end = week_bounds(day, settings.week_start_index)
    prev_start, prev_end = previous_week(start)
    rows = period_rows(start, end, settings, session=session)
    summary = build_summary(
        start=start,
        end=end,
        label=week_label(start),
        rows=rows,
        previous_rows=period_rows(prev_start, prev_end, settings, session=session, full=False),
        previous_start=prev_start,
        previous_end=prev_end,
        calls_per_day=settings.calls_per_day,
        visits_per_week=settings.visits_per_week,
        new_contacts_per_week=settings.new_contacts_per_week,
    )
    # Follow-ups: what is still open from this week, as of today (or the week's end).
    as_of = min(today, end)
    items = collect_due(as_of, settings, session=session)
    in_week = [i for i in items if start <= i.due <= end]
    summary.followups = {
        "open": len([i for i in in_week if i.overdue_days == 0 and i.due <= as_of]),
        "missed": len([i for i in in_week if i.overdue_days > 0]),
        "overdue_total": len([i for i in items if i.overdue_days > 0]),
        "contacts_followed_up": len({a.contact_id for a in rows.activities if a.contact_id}),
    }
    next_start, next_end = next_week(end)
    ns, ne = local_day_bounds(next_start, next_end, tz)
    booked = [
        {
            "id": a.id,
            "start": to_local(a.start, tz).strftime("%Y-%m-%dT%H:%M"),
            "contact": c.name if c else a.title,
            "area": a.area,
        }
        for a, c in list_appointments(
            session=session, start_utc=ns, end_utc=ne, include_cancelled=False
        )
    ]
    # The same items, seen from today: what falls due next week unless something is logged first.
    upcoming = [i for i in due_until(items, next_end) if i.due >= next_start]
    summary.next_week = {
        "start": next_start.isoformat(),
        "end": next_end.isoformat(),
        "appointments": booked,
        "followups_due": len(upcoming),
        "followups": [i.to_json() for i in upcoming[:50]],
    }
    return summary
