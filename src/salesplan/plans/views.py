"""Stored rows as a command shows them: frozen copies made inside the session, so what the CLI
renders holds no database object. Their fields carry the models' names, which is what the
JSON makers in ``render.records`` read."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, TypeVar

from salesplan.models import Activity, Appointment, Project

View = TypeVar("View")


def view_of(view: type[View], row: Any, **beside: Any) -> View:
    """``view`` with each field read from ``row`` by its name (the ones ``beside`` gives
    excepted: what the row does not hold, such as its contact's name)."""
    names = [f.name for f in fields(view) if f.name not in beside]  # type: ignore[arg-type]
    return view(**{name: getattr(row, name) for name in names}, **beside)


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
    return view_of(ProjectView, project, contact=contact)


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
    return view_of(AppointmentView, appt, contact=contact, phone=phone)


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
    contact: str | None = None  # the contact's name, where the reader shows it


def activity_view(entry: Activity, contact: str | None = None) -> ActivityView:
    """``entry`` as it stands now (with its contact's name, if given)."""
    return view_of(ActivityView, entry, contact=contact)
