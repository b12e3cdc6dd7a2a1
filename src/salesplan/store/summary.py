"""Rows for a period's summary: every query bounded by the period asked for."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import or_
from sqlmodel import Session, col, select

from salesplan.core.dates import local_day_bounds, to_local, week_bounds, week_label
from salesplan.core.followups import due_until
from salesplan.core.settings import Settings
from salesplan.core.summary import ActivityRow, PeriodRows, Summary, build_summary
from salesplan.models import Activity, Appointment, Contact, Expense, Note, Payment, Project
from salesplan.store.appointments import list_appointments
from salesplan.store.followups import collect_due


def period_rows(
    first: date, last: date, settings: Settings, *, session: Session, full: bool = True
) -> PeriodRows:
    tz = settings.tz
    start_utc, end_utc = local_day_bounds(first, last, tz)
    acts = session.exec(
        select(
            Activity.at,
            Activity.kind,
            Activity.outcome,
            Activity.contact_id,
            Contact.name,
            Contact.area,
            Activity.note,
        )
        .join(Contact, col(Activity.contact_id) == col(Contact.id), isouter=True)
        .where(Activity.at >= start_utc, Activity.at < end_utc)
        .order_by(col(Activity.at))
    ).all()
    activities = [
        ActivityRow(to_local(at, tz).date(), kind, outcome, cid, name, area, note)
        for at, kind, outcome, cid, name, area, note in acts
    ]
    appts = session.exec(
        select(Appointment.start, Appointment.status).where(
            Appointment.start >= start_utc, Appointment.start < end_utc
        )
    ).all()
    new_contacts = [
        {"id": c.id, "name": c.name, "company": c.company, "area": c.area, "status": c.status}
        for c in session.exec(
            select(Contact)
            .where(Contact.created_at >= start_utc, Contact.created_at < end_utc)
            .order_by(col(Contact.id))
        ).all()
    ]
    won = [
        {
            "id": p.id,
            "name": p.name,
            "contact": name,
            "amount": p.amount,
            "on": p.won_date.isoformat() if p.won_date else None,
        }
        for p, name in session.exec(
            select(Project, Contact.name)
            .join(Contact, col(Project.contact_id) == col(Contact.id))
            .where(
                Project.stage == "won",
                col(Project.won_date) >= first,
                col(Project.won_date) <= last,
            )
        ).all()
    ]
    payments = [
        {
            "project": pname,
            "contact": cname,
            "amount": pay.amount,
            "on": pay.on.isoformat(),
            "note": pay.note,
        }
        for pay, pname, cname in session.exec(
            select(Payment, Project.name, Contact.name)
            .join(Project, col(Payment.project_id) == col(Project.id))
            .join(Contact, col(Project.contact_id) == col(Contact.id))
            .where(Payment.on >= first, Payment.on <= last)
            .order_by(col(Payment.on))
        ).all()
    ]
    expenses = [
        {"category": e.category, "amount": e.amount, "on": e.on.isoformat(), "note": e.note}
        for e in session.exec(
            select(Expense).where(Expense.on >= first, Expense.on <= last).order_by(col(Expense.on))
        ).all()
    ]
    if not full:
        return PeriodRows(
            activities,
            [(to_local(s, tz).date(), st) for s, st in appts],
            new_contacts,
            won,
            payments,
            expenses,
        )
    notes = [
        {"kind": n.kind, "text": n.text, "on": n.on.isoformat(), "contact": name}
        for n, name in session.exec(
            select(Note, Contact.name)
            .join(Contact, col(Note.contact_id) == col(Contact.id), isouter=True)
            .where(Note.on >= first, Note.on <= last)
            .order_by(col(Note.on))
        ).all()
    ]
    key_contacts = [
        {"id": cid, "name": name}
        for cid, name in session.exec(
            select(Contact.id, Contact.name)
            .where(Contact.tier == "key", col(Contact.archived).is_(False))
            .order_by(col(Contact.id))
        ).all()
    ]
    flagged = [
        {
            "id": c.id,
            "name": c.name,
            "flags": [f for f in ("credit", "abnormal") if getattr(c, f"flag_{f}")],
            "note": c.flag_note,
        }
        for c in session.exec(
            select(Contact)
            .where(or_(col(Contact.flag_credit), col(Contact.flag_abnormal)))
            .order_by(col(Contact.id))
        ).all()
    ]
    touched = {a.contact_id for a in activities if a.contact_id is not None}
    developing = [
        {"id": cid, "name": name, "status": status, "company": company}
        for cid, name, status, company in session.exec(
            select(Contact.id, Contact.name, Contact.status, Contact.company).where(
                col(Contact.status).in_(("lead", "intent", "unclear")), col(Contact.id).in_(touched)
            )
        ).all()
    ]
    return PeriodRows(
        activities=activities,
        appointments=[(to_local(s, tz).date(), st) for s, st in appts],
        new_contacts=new_contacts,
        won=won,
        payments=payments,
        expenses=expenses,
        notes=notes,
        key_contacts=key_contacts,
        flagged=flagged,
        developing=developing,
    )


def week_summary(day: date, today: date, settings: Settings, *, session: Session) -> Summary:
    tz = settings.tz
    start, end = week_bounds(day, settings.week_start_index)
    prev_start, prev_end = start - timedelta(days=7), start - timedelta(days=1)
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
    next_start, next_end = end + timedelta(days=1), end + timedelta(days=7)
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
