"""Facts for the follow-up rules, read as per-contact aggregates (one row per contact)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Integer, and_, case, column, func, or_, true, values
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from salesplan.core.dates import local_day_start, to_local
from salesplan.core.followups import (
    AFTER_SALES_HORIZON_DAYS,
    ContactFacts,
    EventFacts,
    ProjectFacts,
)
from salesplan.core.settings import Settings
from salesplan.core.vocab import CHANNEL_KINDS
from salesplan.core.workdays import Workdays
from salesplan.models import (
    OPEN_STAGES,
    Activity,
    Contact,
    Event,
    Payment,
    Project,
    ProjectDate,
    ProjectStage,
    UTCDateTime,
)
from salesplan.store.activities import real_contact
from salesplan.store.contacts import status_then, tier_then
from salesplan.store.team import viewed_rows

REAL = real_contact()

# "No cut-off": later than anything logged.
_NEVER = datetime(9999, 1, 1, tzinfo=UTC)


class _AfterSales(NamedTuple):
    """What the after-sales rules read, by contact: the latest win or consultation (``start``),
    which it was (``of``: ``sale`` or ``consultation``), and the first real contact once the
    first window had opened (``first``)."""

    start: dict[int, date]
    of: dict[int, str]
    first: dict[int, date]

    def of_contact(self, cid: int) -> tuple[date | None, date | None, str]:
        return self.start.get(cid), self.first.get(cid), self.of.get(cid, "sale")


def follow_up_facts(
    today: date,
    settings: Settings,
    workdays: Workdays,
    *,
    session: Session,
    as_of: bool = False,
) -> tuple[list[ContactFacts], list[ProjectFacts], list[EventFacts]]:
    """What the follow-up rules read on ``today``: the contacts some rule can apply to, the
    open projects and the events, each as one narrow record.

    ``as_of``: as the store stood at the end of ``today``, for a report on a past period:
    only the log up to then, the contacts, projects, stages, payments and events that existed
    then, so reading it again later gives the same facts. Otherwise the contacts' cadence
    columns (derived from the whole log) are read: the present, and the fast way.
    """
    tz = settings.tz
    # Nothing logged or made after this instant counts (far in the future: everything).
    cutoff = local_day_start(today + timedelta(days=1), tz) if as_of else _NEVER
    after = _after_sales(today, settings, cutoff, session=session, as_of=as_of)
    projects = _project_facts(today, settings, session=session, as_of=as_of)
    events = _event_facts(today, settings, workdays, session=session, cutoff=cutoff)
    # Contacts a project, an after-sales window or an event gives a rule, whatever their status.
    also = (
        {p.contact_id for p in projects}
        | set(after.start)
        | {cid for e in events for cid in e.contact_ids}
    )
    if as_of:
        facts = _contact_facts_as_of(cutoff, also, tz, after, session=session)
    else:
        facts = _contact_facts_now(also, tz, after, session=session)
    return _with_channels(facts, projects, tz, cutoff, session=session), projects, events


def _after_sales(
    today: date, settings: Settings, cutoff: datetime, *, session: Session, as_of: bool
) -> _AfterSales:
    """Triggers for after-sales: recent wins and consultations/orders, latest per contact, and
    which it was (a consultation is not a sale: every text names which one happened)."""
    tz = settings.tz
    horizon = today - timedelta(days=AFTER_SALES_HORIZON_DAYS)
    triggers: dict[int, date] = {}
    of: dict[int, str] = {}
    won = session.exec(
        select(Project.contact_id, func.max(Project.won_date))
        .where(
            Project.stage == "won",
            col(Project.won_date) >= horizon,
            col(Project.won_date) <= today if as_of else true(),
        )
        .group_by(col(Project.contact_id))
    ).all()
    for cid, won_on in won:
        if won_on is not None:
            triggers[cid], of[cid] = won_on, "sale"
    # Not GROUP BY contact: SQLite would then walk the per-contact index over the whole log
    # (10 ms on five years) instead of the period's few thousand rows by time (under 1 ms).
    consulted = session.exec(
        select(Activity.contact_id, Activity.at, Activity.outcome).where(
            col(Activity.outcome).in_(("consultation", "order")),
            col(Activity.contact_id).is_not(None),
            Activity.at >= local_day_start(horizon, tz),
            Activity.at < cutoff,
            *viewed_rows(Activity, session=session),
        )
    ).all()
    for consulted_id, at, outcome in consulted:
        if consulted_id is None:
            continue
        cid = consulted_id
        on = to_local(at, tz).date()
        what = "consultation" if outcome == "consultation" else "sale"
        # The latest wins; on one day a sale outweighs a consultation.
        if cid not in triggers or on > triggers[cid] or (on == triggers[cid] and what == "sale"):
            triggers[cid], of[cid] = on, what
    first = _first_after(triggers, settings, cutoff, session=session)
    return _AfterSales(triggers, of, first)


def _first_after(
    triggers: dict[int, date], settings: Settings, cutoff: datetime, *, session: Session
) -> dict[int, date]:
    """The first contact once each first after-sales window opened: one row per contact, the
    window's opening in a small VALUES table and the first entry after it looked up per
    contact by the (contact, time) index. (A join let PostgreSQL hash the whole log: with
    row-level security's sub-plans in its estimates, a scan of every rep's entries.)"""
    if not triggers:
        return {}
    tz = settings.tz
    first_from = timedelta(days=settings.after_sales_first_from)
    opens = (
        values(column("cid", Integer), column("opens", UTCDateTime), name="opens")
        .data([(cid, local_day_start(on + first_from, tz)) for cid, on in triggers.items()])
        .cte("opens")
    )
    first = (
        select(func.min(Activity.at))
        .where(
            col(Activity.contact_id) == opens.c.cid,
            col(Activity.at) >= opens.c.opens,
            col(Activity.at) < cutoff,
            REAL,
        )
        .correlate(opens)
        .scalar_subquery()
    )
    first_after: dict[int, date] = {}
    for cid, at in session.exec(select(opens.c.cid, first)).all():
        first_day = _local_day(at, tz)
        if first_day is not None:
            first_after[cid] = first_day
    return first_after


def _contact_facts_now(
    also: set[int], tz: tzinfo, after: _AfterSales, *, session: Session
) -> list[ContactFacts]:
    """The contacts some rule can apply to, from their cadence columns: one narrow row each,
    never the whole log."""
    rows = session.exec(
        select(  # type: ignore[call-overload,misc]  # sqlmodel's select is typed up to 4 columns
            Contact.id,
            Contact.name,
            Contact.tier,
            Contact.status,
            Contact.created_at,
            Contact.last_contact_at,
            Contact.last_kind,
            Contact.next_date,
            Contact.promise_at,
        ).where(
            col(Contact.archived).is_(False),
            *viewed_rows(Contact, session=session),
            or_(
                col(Contact.status).in_(("unclear", "intent", "customer")),
                col(Contact.tier) == "key",
                _promise_may_stand(),
                col(Contact.id).in_(also),
            ),
        )
    ).all()
    return [_contact_facts(row, tz, after) for row in rows]


def _with_channels(
    facts: list[ContactFacts],
    projects: list[ProjectFacts],
    tz: tzinfo,
    cutoff: datetime,
    *,
    session: Session,
) -> list[ContactFacts]:
    """The facts, with the last real visit and email of the contacts whose items only those
    channels do: unclear prospects (an email) and bid documents (a visit)."""
    bids = {p.contact_id for p in projects if p.bid_date is not None}
    wanted = [f.id for f in facts if f.status == "unclear" or f.id in bids]
    if not wanted:
        return facts

    # One row per contact, each channel's latest in a column of its own.
    def latest(channel: str) -> Any:
        return func.max(case((col(Activity.kind).in_(CHANNEL_KINDS[channel]), Activity.at)))

    lasts: dict[int, dict[str, date | None]] = {}
    for cid, visit, email in session.exec(
        select(Activity.contact_id, latest("visit"), latest("email"))
        .where(
            col(Activity.contact_id).in_(wanted),
            col(Activity.kind).in_(CHANNEL_KINDS["visit"] + CHANNEL_KINDS["email"]),
            REAL,
            Activity.at < cutoff,
        )
        .group_by(col(Activity.contact_id))
    ).all():
        if cid is not None:
            lasts[cid] = {"visit": _local_day(visit, tz), "email": _local_day(email, tz)}
    return [
        replace(f, last_visit=lasts[f.id].get("visit"), last_email=lasts[f.id].get("email"))
        if f.id in lasts
        else f
        for f in facts
    ]


def _promise_may_stand() -> ColumnElement[bool]:
    """Contacts whose latest promise may still stand: no real contact after it, or none on a
    day after the promised one. A superset (the stored instants are UTC, the days local):
    the rules decide with the calendar whether a contact before the day kept it."""
    return and_(
        col(Contact.promise_at).is_not(None),
        or_(
            col(Contact.last_contact_at).is_(None),
            col(Contact.last_contact_at) <= col(Contact.promise_at),
            col(Contact.next_date) > func.date(col(Contact.last_contact_at)),
        ),
    )


class _ProjectRow(NamedTuple):
    """The columns of a project the rules read: a plain tuple, not an ORM instance (loading a
    few hundred model instances costs more than every query of ``due`` together)."""

    id: int
    name: str
    contact_id: int
    stage: str
    stage_since: date
    bid_date: date | None
    created_at: datetime
    amount: int | None
    won_date: date | None


_PROJECT_COLUMNS = (
    Project.id,
    Project.name,
    Project.contact_id,
    Project.stage,
    Project.stage_since,
    Project.bid_date,
    Project.created_at,
    Project.amount,
    Project.won_date,
)


def _project_facts(
    today: date, settings: Settings, *, session: Session, as_of: bool = False
) -> list[ProjectFacts]:
    """Open projects, and won ones whose balance is still to collect. ``as_of``: as they
    stood at the end of ``today`` (the stage from the stage history, payments made by then)."""
    tz = settings.tz
    if as_of:
        rows = _projects_as_of(today, tz, session=session)
    else:
        rows = [
            _ProjectRow(*row)
            for row in session.exec(
                select(*_PROJECT_COLUMNS).where(  # type: ignore[call-overload]
                    or_(
                        col(Project.stage).in_(OPEN_STAGES),
                        and_(col(Project.stage) == "won", col(Project.amount).is_not(None)),
                    ),
                    *viewed_rows(Project, session=session),
                )
            ).all()
        ]
    if not rows:
        return []
    ids = [p.id for p in rows]
    paid: dict[int, int] = {
        pid: int(total)
        for pid, total in session.exec(
            select(col(Payment.project_id), func.sum(col(Payment.amount)))
            .where(
                col(Payment.project_id).in_(ids),
                col(Payment.on) <= today if as_of else true(),
            )
            .group_by(col(Payment.project_id))
        ).all()
    }
    dates: dict[int, dict[str, date]] = {}
    for pid, name, on in session.exec(
        select(col(ProjectDate.project_id), col(ProjectDate.name), col(ProjectDate.on)).where(
            col(ProjectDate.project_id).in_(ids)
        )
    ).all():
        dates.setdefault(pid, {})[name] = on
    out = []
    for p in rows:
        pid = p.id
        own = dates.get(pid, {})
        accepted = own.get("acceptance")
        accepted_on = accepted if accepted is not None and accepted <= today else None
        if accepted_on is None and p.stage == "won":
            accepted_on = p.won_date
        collected = paid.get(pid, 0)
        if p.stage == "won" and (p.amount is None or collected >= p.amount):
            continue
        out.append(
            ProjectFacts(
                pid,
                p.name,
                p.contact_id,
                p.stage,
                p.stage_since,
                p.bid_date,
                created=_local_day(p.created_at, tz),
                amount=p.amount,
                collected=collected,
                key_dates=tuple(sorted(own.items())),
                accepted_on=accepted_on,
            )
        )
    return out


def _projects_as_of(today: date, tz: tzinfo, *, session: Session) -> list[_ProjectRow]:
    """The projects that existed at the end of ``today``, each with the stage it was in then."""
    cutoff = local_day_start(today + timedelta(days=1), tz)
    projects = [
        _ProjectRow(*row)
        for row in session.exec(
            select(*_PROJECT_COLUMNS).where(  # type: ignore[call-overload]
                Project.created_at < cutoff
            )
        ).all()
    ]
    if not projects:
        return []
    history: dict[int, list[tuple[date, int, str]]] = {}
    for pid, stage, on, sid in session.exec(
        select(
            col(ProjectStage.project_id),
            col(ProjectStage.stage),
            col(ProjectStage.on),
            col(ProjectStage.id),
        ).where(col(ProjectStage.on) <= today)
    ).all():
        history.setdefault(pid, []).append((on, sid or 0, stage))
    out = []
    for p in projects:
        stages = sorted(history.get(p.id, ()))
        stage, since = (stages[-1][2], stages[-1][0]) if stages else ("design", p.stage_since)
        if stage not in OPEN_STAGES and not (stage == "won" and p.amount is not None):
            continue
        out.append(
            p._replace(stage=stage, stage_since=since, won_date=since if stage == "won" else None)
        )
    return out


def _contact_facts_as_of(
    cutoff: datetime, also: set[int], tz: tzinfo, after: _AfterSales, *, session: Session
) -> list[ContactFacts]:
    """Each contact's last real contact and latest promise as the log stood at ``cutoff``:
    the same derivation as the cadence columns, over the entries logged before it."""
    last = aliased(Activity)
    promise = aliased(Activity)

    def latest_real(column: Any) -> Any:
        return (
            select(column)
            .where(last.contact_id == Contact.id, real_contact(last), last.at < cutoff)
            .order_by(col(last.at).desc(), col(last.id).desc())
            .limit(1)
            .scalar_subquery()
        )

    def latest_promise(column: Any) -> Any:
        return (
            select(column)
            .where(
                promise.contact_id == Contact.id,
                or_(col(promise.next_date).is_not(None), col(promise.outcome) == "callback"),
                promise.at < cutoff,
            )
            .order_by(col(promise.at).desc(), col(promise.id).desc())
            .limit(1)
            .scalar_subquery()
        )

    rows = session.exec(
        select(  # type: ignore[call-overload]  # sqlmodel's select is typed up to 4 columns
            Contact.id,
            Contact.name,
            # The tier and status it had then: a past week's report stays as it was.
            tier_then(cutoff),
            status_then(cutoff),
            Contact.created_at,
            latest_real(last.at),
            latest_real(last.kind),
            latest_promise(promise.next_date),
            latest_promise(promise.at),
        ).where(col(Contact.archived).is_(False), Contact.created_at < cutoff)
    ).all()
    facts = (_contact_facts(row, tz, after) for row in rows)
    # Those some rule can apply to, as follow_up_facts selects them in SQL.
    return [
        f
        for f in facts
        if f.status in ("unclear", "intent", "customer")
        or f.tier == "key"
        or f.promise_made is not None
        or f.id in also
    ]


def _contact_facts(row: Any, tz: tzinfo, after: _AfterSales) -> ContactFacts:
    """One contact's facts from its row: (id, name, tier, status, created, last real contact
    at, its kind, promised day, promise made at), with its after-sales facts."""
    cid, name, tier, status, created, last_at, last_kind, next_date, promise_at = row
    last, made = _instant(last_at), _instant(promise_at)
    after_sales_from, after_sales_first, after_sales_of = after.of_contact(cid)
    return ContactFacts(
        id=cid,
        name=name,
        tier=tier,
        status=status,
        created=_local_day(created, tz),
        last_contact=_local_day(last_at, tz),
        last_kind=last_kind,
        next_date=_as_date(next_date),
        promise_made=_local_day(promise_at, tz),
        contact_since_promise=last is not None and made is not None and last > made,
        after_sales_from=after_sales_from,
        after_sales_first=after_sales_first,
        after_sales_of=after_sales_of,
    )


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _instant(stored: str | datetime | None) -> datetime | None:
    """A stored UTC instant (a datetime, or text where a subquery loses the column's type)."""
    if not stored:
        return None
    if isinstance(stored, datetime):
        return stored if stored.tzinfo is not None else stored.replace(tzinfo=UTC)
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def _local_day(stored: str | datetime | None, tz: tzinfo) -> date | None:
    """A stored UTC instant → the local calendar day it fell on."""
    instant = _instant(stored)
    return None if instant is None else to_local(instant, tz).date()


def event_matches(
    tier: str | None, status: str | None, area: str | None, until: datetime | None = None
) -> list[ColumnElement[bool]]:
    """The WHERE clause of an event's invitation list (no filter: customers and key accounts).
    ``until``: the contacts there were then, with the tier and status they had."""
    conds: list[ColumnElement[bool]] = [col(Contact.archived).is_(False)]
    tier_is = col(Contact.tier) if until is None else tier_then(until)
    status_is = col(Contact.status) if until is None else status_then(until)
    if until is not None:
        conds.append(col(Contact.created_at) < until)
    if tier:
        conds.append(tier_is == tier)
    if status:
        conds.append(status_is == status)
    if area:
        conds.append(col(Contact.area) == area)
    if not (tier or status or area):
        conds.append(or_(status_is == "customer", tier_is == "key"))
    return conds


def _event_facts(
    today: date,
    settings: Settings,
    workdays: Workdays,
    *,
    session: Session,
    cutoff: datetime | None = None,
) -> list[EventFacts]:
    """Upcoming events, who is invited, and each one's invitation call: the first real call
    after the event was created, inside the notice window. ``cutoff``: only events made and
    contacts logged before it."""
    tz = settings.tz
    until = cutoff if cutoff is not None else _NEVER
    # Who is invited: the contacts there were at the cut-off, as they were then.
    then = until if until < _NEVER else None
    out = []
    events = session.exec(
        select(Event)
        .where(
            Event.on >= today,
            or_(col(Event.created_at).is_(None), col(Event.created_at) < until),
        )
        .order_by(col(Event.on))
    ).all()
    for e in events:
        # The notice window opens on the notice day (the workday before, if that is a day off).
        notice = workdays.on_or_before(e.on - timedelta(days=settings.event_notice_days))
        opens = local_day_start(notice, tz)
        created_utc = e.created_at
        start = max(opens, created_utc) if created_utc is not None else opens
        ids = tuple(
            cid
            for cid in session.exec(
                select(Contact.id).where(
                    *event_matches(e.tier, e.status, e.area, then),
                    *viewed_rows(Contact, session=session),
                )
            ).all()
            if cid is not None
        )
        contacted: dict[int, tuple[date, bool]] = {}
        if ids:
            firsts = session.exec(
                select(Activity.contact_id, func.min(Activity.at))
                .where(
                    col(Activity.contact_id).in_(ids),
                    Activity.kind == "call",
                    REAL,
                    Activity.at >= start,
                    Activity.at < min(local_day_start(e.on + timedelta(days=1), tz), until),
                )
                .group_by(col(Activity.contact_id))
            ).all()
            for contact_id, first in firsts:
                if contact_id is None:
                    continue
                cid = contact_id
                emailed = session.exec(
                    select(func.count()).where(
                        Activity.contact_id == cid,
                        Activity.kind == "email",
                        REAL,
                        Activity.at >= first,
                        Activity.at < until,
                    )
                ).one()
                contacted[cid] = (to_local(first, tz).date(), bool(emailed))
        out.append(
            EventFacts(
                e.id or 0, e.name, e.on, contacted, ids, created=_local_day(e.created_at, tz)
            )
        )
    return out
