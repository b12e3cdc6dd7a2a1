"""Events customers are invited to: adding one, the ones still to come."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from salesplan.plans.views import view_of
from salesplan.store import projects as stored


@dataclass(frozen=True)
class EventView:
    """An event and whom it invites (None: everyone on that count)."""

    id: int
    name: str
    on: date
    tier: str | None
    status: str | None
    area: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "on": self.on.isoformat(),
            "tier": self.tier,
            "status": self.status,
            "area": self.area,
        }


def add_event(
    name: str,
    on: date,
    *,
    session: Session,
    now_utc: datetime,
    tier: str | None = None,
    status: str | None = None,
    area: str | None = None,
) -> EventView:
    """A new event: the contacts it invites get a call due two weeks ahead, then the letter."""
    event = stored.add_event(
        name, on, session=session, tier=tier, status=status, area=area, now_utc=now_utc
    )
    return view_of(EventView, event)


def upcoming_events(*, session: Session, since: date) -> list[EventView]:
    """The events on or after ``since``, soonest first."""
    return [view_of(EventView, e) for e in stored.list_events(session=session, since=since)]
