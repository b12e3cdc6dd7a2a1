"""Projects through the pipeline, their stage history, key dates and collections; events."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, or_, true
from sqlmodel import Session, col, select

from salesplan.core import vocab
from salesplan.core.validate import choose, clean_text
from salesplan.errors import BadInput, NotFound
from salesplan.i18n import N_, _
from salesplan.models import (
    OPEN_STAGES,
    STAGES,
    STATUSES,
    TIERS,
    Contact,
    Event,
    Payment,
    Project,
    ProjectDate,
    ProjectStage,
)
from salesplan.store.team import viewed_rows


def add_project(
    name: str,
    contact: Contact,
    *,
    session: Session,
    today: date,
    now_utc: datetime,
    stage: str | None = None,
    amount: int | None = None,
    bid_date: date | None = None,
) -> Project:
    stage = choose(stage or "design", OPEN_STAGES, "stage")
    project = Project(
        name=clean_text(name, "project name", required=True, limit=200) or "",
        contact_id=contact.id or 0,
        stage=stage,
        amount=amount,
        bid_date=bid_date,
        stage_since=today,
        created_at=now_utc,
    )
    session.add(project)
    session.flush()
    session.add(ProjectStage(project_id=project.id or 0, stage=stage, on=today, note="created"))
    session.flush()
    return project


def get_project(project_id: int, *, session: Session) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFound(
            _("no project #{project_id}; see salesplan project list").format(project_id=project_id)
        )
    return project


def _require_open(project: Project, doing: str) -> None:
    if project.stage in ("won", "lost"):
        raise BadInput(
            _("project #{id} is already {stage}: it cannot be {doing}").format(
                id=project.id, stage=vocab.shown(project.stage, vocab.STAGE), doing=_(doing)
            )
        )


def set_stage(
    project: Project, stage: str, on: date, *, session: Session, note: str | None = None
) -> Project:
    stage = choose(stage, STAGES, "stage")
    _require_open(project, N_("moved"))
    if stage == project.stage:
        raise BadInput(
            _("project #{id} is already in {stage}").format(
                id=project.id, stage=vocab.shown(stage, vocab.STAGE)
            )
        )
    project.stage = stage
    project.stage_since = on
    if stage == "won":
        project.won_date = on
    session.add(project)
    session.add(ProjectStage(project_id=project.id or 0, stage=stage, on=on, note=note))
    session.flush()
    return project


def mark_won(project: Project, on: date, amount: int | None, *, session: Session) -> Project:
    if amount is not None:
        project.amount = amount
    return set_stage(project, "won", on, session=session)


def mark_lost(project: Project, on: date, reason: str | None, *, session: Session) -> Project:
    project.lost_reason = clean_text(reason, "reason")
    return set_stage(project, "lost", on, session=session, note=project.lost_reason)


def add_payment(
    project: Project, amount: int, on: date, note: str | None, *, session: Session
) -> Payment:
    if project.stage == "lost":
        raise BadInput(
            _("project #{id} is lost: a payment on it is not accepted").format(id=project.id)
        )
    if amount <= 0:
        raise BadInput(_("a payment must be more than 0"))
    payment = Payment(
        project_id=project.id or 0, amount=amount, on=on, note=clean_text(note, "note")
    )
    session.add(payment)
    session.flush()
    return payment


def add_key_date(project: Project, name: str, on: date, *, session: Session) -> ProjectDate:
    label = clean_text(name, "date name", required=True, limit=100) or ""
    if label.lower() in ("bid", "bid_date", "bid-date"):
        project.bid_date = on
        session.add(project)
    row = ProjectDate(project_id=project.id or 0, name=label, on=on)
    session.add(row)
    session.flush()
    return row


def list_projects(*, session: Session, stage: str | None = None) -> list[tuple[Project, str]]:
    stmt = select(Project, Contact.name).join(Contact, col(Project.contact_id) == col(Contact.id))
    if stage:
        stmt = stmt.where(Project.stage == choose(stage, STAGES, "stage"))
    stmt = stmt.order_by(col(Project.id))
    return [(p, n) for p, n in session.exec(stmt).all()]


def project_history(
    project_id: int, *, session: Session
) -> tuple[list[ProjectStage], list[Payment], list[ProjectDate]]:
    """A project's stage moves (in order), its payments and its key dates (by date)."""
    stages = session.exec(
        select(ProjectStage)
        .where(ProjectStage.project_id == project_id)
        .order_by(col(ProjectStage.id))
    ).all()
    payments = session.exec(
        select(Payment).where(Payment.project_id == project_id).order_by(col(Payment.on))
    ).all()
    dates = session.exec(
        select(ProjectDate)
        .where(ProjectDate.project_id == project_id)
        .order_by(col(ProjectDate.on))
    ).all()
    return list(stages), list(payments), list(dates)


def collected(project_id: int, *, session: Session) -> int:
    return int(
        session.exec(
            select(func.coalesce(func.sum(Payment.amount), 0)).where(
                Payment.project_id == project_id
            )
        ).one()
    )


def add_event(
    name: str,
    on: date,
    *,
    session: Session,
    tier: str | None,
    status: str | None,
    area: str | None,
    now_utc: datetime | None = None,
) -> Event:
    event = Event(
        created_at=now_utc,
        name=clean_text(name, "event name", required=True, limit=200) or "",
        on=on,
        tier=choose(tier, TIERS, "tier") if tier else None,
        status=choose(status, STATUSES, "status") if status else None,
        area=clean_text(area, "area"),
    )
    session.add(event)
    session.flush()
    return event


def list_events(*, session: Session, since: date) -> list[Event]:
    return list(session.exec(select(Event).where(Event.on >= since).order_by(col(Event.on))).all())


def won_between(first: date, last: date, *, session: Session) -> list[tuple[Project, str]]:
    """Projects won from ``first`` to ``last`` (both included), with their contact's name."""
    rows = session.exec(
        select(Project, Contact.name)
        .join(Contact, col(Project.contact_id) == col(Contact.id))
        .where(
            Project.stage == "won",
            col(Project.won_date) >= first,
            col(Project.won_date) <= last,
        )
    ).all()
    return [(p, name) for p, name in rows]


def won_total_between(first: date, last: date, *, session: Session) -> int:
    """The sum, in minor units, of projects won from ``first`` to ``last``."""
    total = session.exec(
        select(func.coalesce(func.sum(Project.amount), 0)).where(
            Project.stage == "won",
            col(Project.won_date) >= first,
            col(Project.won_date) <= last,
        )
    ).one()
    return int(total or 0)


def payments_between(
    first: date, last: date, *, session: Session
) -> list[tuple[Payment, str, str]]:
    """(payment, project name, contact name) from ``first`` to ``last``, oldest first."""
    rows = session.exec(
        select(Payment, Project.name, Contact.name)
        .join(Project, col(Payment.project_id) == col(Project.id))
        .join(Contact, col(Project.contact_id) == col(Contact.id))
        .where(Payment.on >= first, Payment.on <= last)
        .order_by(col(Payment.on))
    ).all()
    return [(pay, pname, cname) for pay, pname, cname in rows]


def stage_changes(
    *, session: Session, until: date, closed_since: date | None = None
) -> list[tuple[int, str, date, int | None]]:
    """(project id, stage, on, the project's amount) for every stage change up to ``until``,
    in the order the changes were made: the pipeline as it stood on a past day.
    ``closed_since``: leave out the projects closed (won or lost, which is final) before that
    day, which a pipeline from that day on neither holds nor counts as won or lost."""
    kept = (
        or_(col(Project.stage).in_(OPEN_STAGES), col(Project.stage_since) >= closed_since)
        if closed_since is not None
        else true()
    )
    rows = session.exec(
        select(ProjectStage.project_id, ProjectStage.stage, ProjectStage.on, Project.amount)  # type: ignore[call-overload]
        .join(Project, col(Project.id) == col(ProjectStage.project_id))
        .where(
            ProjectStage.on <= until,
            kept,
            *viewed_rows(ProjectStage, session=session),
            *viewed_rows(Project, session=session),
        )
        .order_by(col(ProjectStage.project_id), col(ProjectStage.on), col(ProjectStage.id))
    ).all()
    return [(p, s, on, a) for p, s, on, a in rows]
