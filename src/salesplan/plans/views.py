"""Stored rows as a command shows them: frozen copies made inside the session, so what the CLI
renders holds no database object. Their fields carry the models' names, which is what the
JSON makers in ``render.records`` read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salesplan.models import Activity, Appointment, Project


@dataclass(frozen=True)
class ProjectView:
    id: int
    name: str
    contact_id: int
    stage: str
    amount: int | None  # minor units
    bid_date: date | None
    stage_since: date | None
    won_date: date | None
    lost_reason: str | None
    contact: str | None = None  # the customer's name, where the command shows it


def project_view(project: Project, contact: str | None = None) -> ProjectView:
    return ProjectView(
        id=project.id or 0,
        name=project.name,
        contact_id=project.contact_id,
        stage=project.stage,
        amount=project.amount,
        bid_date=project.bid_date,
        stage_since=project.stage_since,
        won_date=project.won_date,
        lost_reason=project.lost_reason,
        contact=contact,
    )


@dataclass(frozen=True)
class AppointmentView:
    id: int
    contact_id: int | None
    title: str | None
    start: datetime  # UTC
    minutes: int
    travel: int | None
    buffer: int | None
    area: str | None
    location: str | None
    status: str
    contact: str | None = None  # the contact's name, where the command shows it
    phone: str | None = None


def appointment_view(
    appt: Appointment, contact: str | None = None, phone: str | None = None
) -> AppointmentView:
    return AppointmentView(
        id=appt.id or 0,
        contact_id=appt.contact_id,
        title=appt.title,
        start=appt.start,
        minutes=appt.minutes,
        travel=appt.travel,
        buffer=appt.buffer,
        area=appt.area,
        location=appt.location,
        status=appt.status,
        contact=contact,
        phone=phone,
    )


@dataclass(frozen=True)
class ActivityView:
    """A log entry (a call, a visit, …)."""

    id: int
    kind: str
    at: datetime  # UTC
    contact_id: int | None
    outcome: str
    note: str | None
    next_date: date | None
    minutes: int | None
    appointment_id: int | None
    template: str | None


def activity_view(entry: Activity) -> ActivityView:
    return ActivityView(
        id=entry.id or 0,
        kind=entry.kind,
        at=entry.at,
        contact_id=entry.contact_id,
        outcome=entry.outcome,
        note=entry.note,
        next_date=entry.next_date,
        minutes=entry.minutes,
        appointment_id=entry.appointment_id,
        template=entry.template,
    )
