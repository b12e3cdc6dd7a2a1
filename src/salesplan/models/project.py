"""Projects through the pipeline."""

from datetime import date, datetime

from sqlmodel import Field

# The tables this one's foreign keys name: SQLAlchemy looks them up to order a flush.
import salesplan.models.contact  # noqa: F401
from salesplan.models import Table, instant


class Project(Table, table=True):
    __tablename__ = "project"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    contact_id: int = Field(foreign_key="contact.id", index=True)
    stage: str = Field(default="design", index=True)
    amount: int | None = None  # minor units
    bid_date: date | None = None
    stage_since: date
    won_date: date | None = None
    lost_reason: str | None = None
    created_at: datetime = instant()
