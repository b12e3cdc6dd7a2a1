"""Writing the demo history in bulk (executemany), then deriving each contact's cadence."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import func, insert
from sqlmodel import Session, select

if TYPE_CHECKING:
    from sqlalchemy import CursorResult

from salesplan.core.dates import local_day_start, to_utc
from salesplan.core.demo import DemoData
from salesplan.models import (
    Activity,
    Appointment,
    Contact,
    ContactKey,
    ContactStatus,
    ContactTier,
    Event,
    Expense,
    Note,
    Payment,
    Project,
    ProjectStage,
)
from salesplan.store.activities import refresh_all_cadences
from salesplan.store.db import reserve_ids

CHUNK = 5000


def store_is_empty(*, session: Session) -> bool:
    for model in (Contact, Activity, Appointment, Project):
        if session.exec(select(func.count()).select_from(model)).one():
            return False
    return True


def _bulk(
    session: Session, model, rows: list[dict], progress: Callable[[int], None], count: bool = True
) -> None:
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i : i + CHUNK]
        session.execute(insert(model), chunk)
        if count:
            progress(len(chunk))


def _insert_with_ids(
    session: Session, model, rows: list[dict], progress: Callable[[int], None]
) -> list[int]:
    """Insert ``rows`` and return their ids, in order. A file reserves them past the largest
    (its write lock keeps them free); on a server the ids come from the database alone (a rep
    may not choose one), returned by the INSERT in the rows' order."""
    if session.get_bind().dialect.name != "postgresql":
        ids = reserve_ids(session, model, len(rows))
        _bulk(session, model, [{"id": i, **r} for i, r in zip(ids, rows, strict=True)], progress)
        return ids
    ids = []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i : i + CHUNK]
        ids += [int(r[0]) for r in session.execute(statement, chunk)]
        progress(len(chunk))
    return ids


def _key_rows(contact_rows: list[dict]) -> list[dict]:
    from salesplan.core.searchkeys import contact_keys

    return [
        {"contact_id": row["id"], "kind": kind, "key": key}
        for row in contact_rows
        for kind, key in contact_keys(row["name"], row["company"], row["phone"])
    ]


def insert_demo(
    data: DemoData,
    tz: tzinfo,
    now_utc: datetime,
    *,
    session: Session,
    progress: Callable[[int], None],
) -> dict[str, int]:
    contact_ids = _insert_contacts(session, data, tz, progress)
    appt_ids = _insert_appointments(session, data, contact_ids, tz, now_utc, progress)
    entries = _insert_activities(session, data, contact_ids, appt_ids, tz, progress)
    for p in data.projects:
        _insert_project(session, p, contact_ids, tz)
        progress(1)
    _bulk(session, Expense, data.expenses, progress)
    _bulk(session, Note, data.notes, progress)
    _bulk(session, Event, data.events, progress)
    # Each contact's last real contact and standing promise, derived from the log in one pass.
    refresh_all_cadences(
        session=session, first_id=min(contact_ids, default=0), last_id=max(contact_ids, default=0)
    )
    return {
        "contacts": len(contact_ids),
        "log entries": entries,
        "appointments": len(appt_ids),
        "projects": len(data.projects),
        "expenses": len(data.expenses),
        "notes": len(data.notes),
    }


def _insert_contacts(
    session: Session, data: DemoData, tz: tzinfo, progress: Callable[[int], None]
) -> list[int]:
    """The contacts with their search keys, each taken as added with the status and tier it
    has (as an upgraded store takes them); their ids in the demo's order."""
    contact_rows = [
        {
            "name": c["name"],
            "company": c["company"],
            "phone": c["phone"],
            "email": c.get("email"),
            "area": c["area"],
            "tier": c["tier"],
            "status": c["status"],
            "created_at": to_utc(c["created"], tz),
            "flag_credit": c["flag_credit"],
            "flag_abnormal": c["flag_abnormal"],
            "archived": False,
        }
        for c in data.contacts
    ]
    contact_ids = _insert_with_ids(session, Contact, contact_rows, progress)
    for row, cid in zip(contact_rows, contact_ids, strict=True):
        row["id"] = cid
    _bulk(session, ContactKey, _key_rows(contact_rows), progress, count=False)
    status_rows = [
        {"contact_id": r["id"], "status": r["status"], "at": r["created_at"]} for r in contact_rows
    ]
    _bulk(session, ContactStatus, status_rows, progress, count=False)
    tier_rows = [
        {"contact_id": r["id"], "tier": r["tier"], "at": r["created_at"]} for r in contact_rows
    ]
    _bulk(session, ContactTier, tier_rows, progress, count=False)
    return contact_ids


def _insert_appointments(
    session: Session,
    data: DemoData,
    contact_ids: list[int],
    tz: tzinfo,
    now_utc: datetime,
    progress: Callable[[int], None],
) -> list[int]:
    appt_rows = [
        {
            "contact_id": contact_ids[a["contact"]],
            "title": a["title"],
            "start": to_utc(a["start"], tz),
            "minutes": a["minutes"],
            "area": a["area"],
            "status": a["status"],
            "created_at": now_utc,
        }
        for a in data.appointments
    ]
    return _insert_with_ids(session, Appointment, appt_rows, progress)


def _insert_activities(
    session: Session,
    data: DemoData,
    contact_ids: list[int],
    appt_ids: list[int],
    tz: tzinfo,
    progress: Callable[[int], None],
) -> int:
    """The log, in time order; how many entries."""
    activity_rows = [
        {
            "kind": a["kind"],
            "at": to_utc(a["at"], tz),
            "contact_id": contact_ids[a["contact"]] if a["contact"] is not None else None,
            "outcome": a["outcome"],
            "note": a["note"],
            "next_date": a["next"],
            "appointment_id": appt_ids[a["appointment"]] if "appointment" in a else None,
            "created_at": to_utc(a["at"], tz),
        }
        for a in sorted(data.activities, key=lambda r: r["at"])
    ]
    _bulk(session, Activity, activity_rows, progress)
    return len(activity_rows)


def _insert_project(
    session: Session, p: dict[str, Any], contact_ids: list[int], tz: tzinfo
) -> None:
    """One project at its last stage, with every stage it passed and its payments."""
    stage, since = p["stages"][-1]
    won = since if stage == "won" else None
    result = session.execute(
        insert(Project).values(
            name=p["name"],
            contact_id=contact_ids[p["contact"]],
            stage=stage,
            amount=p["amount"],
            bid_date=p["bid"],
            stage_since=since,
            won_date=won,
            created_at=local_day_start(p["created"], tz),
        )
    )
    key = cast("CursorResult[Any]", result).inserted_primary_key
    assert key is not None  # an INSERT of one row always has one
    pid = key[0]
    session.execute(
        insert(ProjectStage), [{"project_id": pid, "stage": s, "on": d} for s, d in p["stages"]]
    )
    if p["payments"]:
        session.execute(insert(Payment), [{"project_id": pid, **pay} for pay in p["payments"]])
