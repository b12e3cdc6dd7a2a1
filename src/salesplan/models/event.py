"""Events customers are invited to."""

from datetime import date, datetime

from sqlmodel import Field

from salesplan.models import Table, instant


class Event(Table, table=True):
    """A customer day, promotion or free-check week that customers are invited to."""

    __tablename__ = "event"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    on: date = Field(index=True)
    tier: str | None = None
    status: str | None = None
    area: str | None = None
    # None for events made before salesplan recorded it.
    created_at: datetime | None = instant(default=None)
