"""Projects through the pipeline: adding one, moving it through the stages, winning or losing
it, its collections and key dates, the list and one project's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from salesplan.core.dates import parse_date
from salesplan.plans.views import ActivityView, ProjectView, activity_view, project_view
from salesplan.store import projects as stored
from salesplan.store.activities import recent_for_contact
from salesplan.store.contacts import get_contact, resolve_contact


def add_project(
    name: str,
    contact_ref: str,
    *,
    session: Session,
    today: date,
    now_utc: datetime,
    stage: str | None = None,
    amount: int | None = None,
    bid_date: date | None = None,
) -> ProjectView:
    """A new project for the contact ``contact_ref`` names (its name in ``contact``)."""
    who = resolve_contact(contact_ref, session=session)
    project = stored.add_project(
        name,
        who,
        session=session,
        today=today,
        now_utc=now_utc,
        stage=stage,
        amount=amount,
        bid_date=bid_date,
    )
    return project_view(project, who.name)


# The moves below take their DATE as typed (None: today) and read it once the project is
# found: a project that is not there is what is said first.


def _day(text: str | None, today: date) -> date:
    return today if text is None else parse_date(text, today)


def move_project(
    project_id: int, stage: str, on: str | None, *, session: Session, today: date
) -> ProjectView:
    """Move a project to ``stage`` on the day ``on`` (the move is kept in its history)."""
    project = stored.get_project(project_id, session=session)
    return project_view(stored.set_stage(project, stage, _day(on, today), session=session))


def win_project(
    project_id: int, on: str | None, amount: int | None, *, session: Session, today: date
) -> ProjectView:
    """Mark a project won on the day ``on``; ``amount``, the contract's, replaces the expected
    one."""
    project = stored.get_project(project_id, session=session)
    return project_view(stored.mark_won(project, _day(on, today), amount, session=session))


def lose_project(
    project_id: int, on: str | None, reason: str | None, *, session: Session, today: date
) -> None:
    project = stored.get_project(project_id, session=session)
    stored.mark_lost(project, _day(on, today), reason, session=session)


@dataclass(frozen=True)
class Collected:
    """What a project has collected after a payment, against its amount (minor units)."""

    total: int
    amount: int | None


def record_payment(
    project_id: int, amount: int, on: str | None, note: str | None, *, session: Session, today: date
) -> Collected:
    """A collection of ``amount`` received on the day ``on``."""
    project = stored.get_project(project_id, session=session)
    stored.add_payment(project, amount, _day(on, today), note, session=session)
    return Collected(stored.collected(project_id, session=session), project.amount)


def add_key_date(project_id: int, name: str, on: date, *, session: Session) -> None:
    """Remember a key date (delivery, acceptance, …; "bid" sets the bid date)."""
    stored.add_key_date(stored.get_project(project_id, session=session), name, on, session=session)


def project_list(*, session: Session, stage: str | None = None) -> list[ProjectView]:
    """Every project (or those in ``stage``) by id, with its contact's name."""
    return [project_view(p, name) for p, name in stored.list_projects(session=session, stage=stage)]


@dataclass(frozen=True)
class StageStep:
    stage: str
    on: date
    note: str | None


@dataclass(frozen=True)
class PaymentLine:
    amount: int  # minor units
    on: date
    note: str | None


@dataclass(frozen=True)
class KeyDate:
    name: str
    on: date


@dataclass(frozen=True)
class ProjectDetail:
    """One project: its stage history, collections (by date), key dates (by date) and the
    latest entries logged with its customer."""

    project: ProjectView
    stages: tuple[StageStep, ...]
    payments: tuple[PaymentLine, ...]
    dates: tuple[KeyDate, ...]
    contacts: tuple[ActivityView, ...]

    @property
    def collected(self) -> int:
        return sum(x.amount for x in self.payments)


def project_detail(project_id: int, *, session: Session) -> ProjectDetail:
    project = stored.get_project(project_id, session=session)
    who = get_contact(project.contact_id, session=session)
    stages, payments, dates = stored.project_history(project_id, session=session)
    return ProjectDetail(
        project=project_view(project, who.name),
        stages=tuple(StageStep(x.stage, x.on, x.note) for x in stages),
        payments=tuple(PaymentLine(x.amount, x.on, x.note) for x in payments),
        dates=tuple(KeyDate(x.name, x.on) for x in dates),
        contacts=tuple(activity_view(a) for a in recent_for_contact(who.id, session=session)),
    )
