"""The week: its summary against the targets and the weekly report's sections."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from salesplan.core.dates import local_day_bounds, to_local, week_bounds, week_label
from salesplan.core.followups import PROSPECT_STATUSES, DueItem
from salesplan.core.periods import next_week, previous_week, sales_target_share
from salesplan.core.settings import Settings
from salesplan.core.summary import (
    ActivityRow,
    BookedAppointment,
    DevelopingContact,
    ExpenseRow,
    FlaggedContact,
    KeyContact,
    NewContact,
    NoteRow,
    PaymentRow,
    PeriodRows,
    Summary,
    WonProject,
    build_summary,
    followup_counts,
    plan_next_week,
)
from salesplan.models import FLAGS, Appointment
from salesplan.plans.followups import collect_due
from salesplan.store.activities import activities_with_contacts
from salesplan.store.appointments import (
    appointment_statuses,
    cancelled_before,
    list_appointments,
)
from salesplan.store.contacts import (
    contacts_with_status,
    flagged_contacts,
    key_contacts,
    new_contacts_between,
    potential_contact_ids,
    statuses_at,
)
from salesplan.store.projects import payments_between, won_between
from salesplan.store.records import expenses_between, notes_between
from salesplan.store.todos import list_todos
from salesplan.store.workdays import load_workdays


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
    new = new_contacts_between(start_utc, end_utc, session=session, by_id=True)
    # Statuses as they stood at the period's end: a report is a record.
    then = statuses_at((c.id or 0 for c in new), end_utc, session=session)
    new_contacts = [
        NewContact(
            c.id or 0, c.name, c.company, c.area, then.get(c.id or 0, c.status), phone=c.phone
        )
        for c in new
    ]
    potential = potential_contact_ids(start_utc, end_utc, session=session)
    won = [
        WonProject(p.id or 0, p.name, name, p.amount, p.won_date)
        for p, name in won_between(first, last, session=session)
    ]
    payments = [
        PaymentRow(pname, cname, pay.amount, pay.on, pay.note)
        for pay, pname, cname in payments_between(first, last, session=session)
    ]
    expenses = [
        ExpenseRow(e.category, e.amount, e.on, e.note)
        for e in expenses_between(first, last, session=session)
    ]
    if not full:
        return PeriodRows(
            activities, appointments, new_contacts, won, payments, expenses, potential=potential
        )
    notes = [
        NoteRow(n.kind, n.text, n.on, name)
        for n, name in notes_between(first, last, session=session)
    ]
    key = [KeyContact(cid, name) for cid, name in key_contacts(end_utc, session=session)]
    flagged = [
        FlaggedContact(
            c.id or 0,
            c.name,
            tuple(f for f in FLAGS if getattr(c, f"flag_{f}")),
            c.flag_note,
        )
        for c in flagged_contacts(session=session)
    ]
    touched = {a.contact_id for a in activities if a.contact_id is not None}
    developing = [
        DevelopingContact(*row)
        for row in contacts_with_status(
            touched, PROSPECT_STATUSES, session=session, until_utc=end_utc
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
        potential=potential,
    )


def salesperson(settings: Settings, *, session: Session, rep: str | None = None) -> str | None:
    """Whose report it is: on a team store the rep's display name from the roster (``team
    add-rep --name``), else the ``name`` setting, else on a team store the rep's role (``rep``
    when a manager reads it, else the role connected)."""
    from salesplan.store.team import current_role, display_name, is_team_store

    if session.connection().dialect.name == "postgresql" and is_team_store(session=session):
        role = rep or current_role(session=session)
        return display_name(role, session=session) or settings.name or role
    return settings.name or rep or None


def week_summary(
    day: date, today: date, settings: Settings, *, session: Session, rep: str | None = None
) -> Summary:
    return week_summary_and_due(day, today, settings, session=session, rep=rep)[0]


def week_summary_and_due(
    day: date, today: date, settings: Settings, *, session: Session, rep: str | None = None
) -> tuple[Summary, list[DueItem]]:
    """The week's summary and the follow-ups it counted (as of the week's end or today): the
    pages show the oldest of them without collecting them again."""
    tz = settings.tz
    start, end = week_bounds(day, settings.week_start_index)
    prev_start, prev_end = previous_week(start)
    rows = period_rows(start, end, settings, session=session)
    # Follow-ups: what is still open from this week, as of today, or for a past week as the
    # store stood at the week's end: a report is a record, the same whenever it is generated.
    as_of = min(today, end)
    past = as_of < today
    workdays = load_workdays(settings, session=session)
    items = collect_due(as_of, settings, session=session, workdays=workdays, as_of=past)
    next_start, next_end = next_week(end)
    ns, ne = local_day_bounds(next_start, next_end, tz)
    cutoff = local_day_bounds(as_of, as_of, tz)[1]

    def was_booked(a: Appointment) -> bool:
        if not past:
            return a.status != "cancelled"
        return a.created_at < cutoff and not cancelled_before(a, cutoff, session=session)

    booked = [
        BookedAppointment(a.id or 0, to_local(a.start, tz), c.name if c else a.title, a.area)
        for a, c in list_appointments(session=session, start_utc=ns, end_utc=ne)
        if was_booked(a)
    ]
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
        potential_contacts_per_week=settings.potential_contacts_per_week,
        followups=followup_counts(items, start, end, as_of, rows),
        # The same items, seen from today: what falls due next week unless something is
        # logged first.
        next_week=plan_next_week(
            next_start,
            next_end,
            booked,
            items,
            list_todos(session=session, open_at=cutoff if past else None),
            as_of=as_of,
            calendar=workdays,
        ),
        workdays=workdays,
        sales_target=sales_target_share(settings.yearly_sales_target, start, end, workdays),
        today=today,
        salesperson=salesperson(settings, session=session, rep=rep),
    )
    return summary, items


def keep_week_words(
    words: str, day: date, today: date, settings: Settings, *, session: Session
) -> None:
    """Keep ``words`` as the own words (本周小结) of the week holding ``day``."""
    from salesplan.store.records import keep_week_summary

    keep_week_summary(words, day, today, settings.week_start_index, session=session)


def week_comments(
    label: str, settings: Settings, *, session: Session, team: bool
) -> list[dict[str, Any]]:
    """The manager's comments on one's own week ``label``, their times local (none off a
    ``team`` store): author, text, at."""
    if not team:
        return []
    from salesplan.store.team import comments_on

    return [
        {**c, "at": to_local(c["at"], settings.tz)} for c in comments_on(label, session=session)
    ]
