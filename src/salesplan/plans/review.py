"""The evening review of one day, and a look at the day after."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from salesplan.core.dates import iso_minute, local_day_bounds, to_local
from salesplan.core.settings import Settings
from salesplan.plans.day import plan_day
from salesplan.store.activities import list_activities
from salesplan.store.contacts import contacts_created_between

# Outcomes that leave the next step open unless a --next date was given.
NEEDS_NEXT = ("callback", "no-answer", "busy", "appointment", "consultation", "reached")


def day_review(day: date, settings: Settings, *, session: Session) -> dict[str, Any]:
    tz = settings.tz
    start, end = local_day_bounds(day, day, tz)
    by_outcome: dict[str, list[dict[str, Any]]] = defaultdict(list)
    loose: list[dict[str, Any]] = []
    for a, name in list_activities(session=session, start_utc=start, end_utc=end):
        item = {
            "id": a.id,
            "kind": a.kind,
            "at": iso_minute(to_local(a.at, tz)),
            "contact_id": a.contact_id,
            "contact": name,
            "outcome": a.outcome,
            "note": a.note,
            "next": a.next_date.isoformat() if a.next_date else None,
        }
        by_outcome[a.outcome].append(item)
        if a.contact_id is not None and a.next_date is None and a.outcome in NEEDS_NEXT:
            loose.append(item)
    # A later entry that sets a next step ties up an earlier loose end for the same person.
    has_next = {i["contact_id"] for items in by_outcome.values() for i in items if i["next"]}
    loose = [i for i in loose if i["contact_id"] not in has_next]
    names = [
        {
            "id": c.id,
            "name": c.name,
            "company": c.company,
            "phone": c.phone,
            "area": c.area,
            "status": c.status,
        }
        for c in contacts_created_between(start, end, session=session)
    ]
    return {
        "date": day.isoformat(),
        "by_outcome": dict(sorted(by_outcome.items())),
        "no_next_step": loose,
        "new_names": names,
    }


def evening_review(
    day: date, now: datetime, settings: Settings, *, session: Session
) -> dict[str, Any]:
    """The review of ``day`` with the day after's appointments, warnings and follow-ups."""
    data = day_review(day, settings, session=session)
    tomorrow = plan_day(day + timedelta(days=1), now, settings, session=session)
    appts = [sl for sl in tomorrow.timetable.slots if sl.kind == "appointment"]
    data["tomorrow"] = {
        "date": tomorrow.timetable.day.isoformat(),
        "appointments": [
            {
                "start": sl.start.strftime("%H:%M"),
                "leave_by": sl.leave_by.strftime("%H:%M") if sl.leave_by else None,
                "label": sl.label,
                "area": sl.area,
            }
            for sl in appts
        ],
        "warnings": [w.to_json() for w in tomorrow.timetable.warnings],
        "due": len(tomorrow.due),
    }
    return data
