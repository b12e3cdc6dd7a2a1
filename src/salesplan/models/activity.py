"""The activity log."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

# The tables this one's foreign keys name: SQLAlchemy looks them up to order a flush.
import salesplan.models.appointment  # noqa: F401
import salesplan.models.contact  # noqa: F401
import salesplan.models.project  # noqa: F401
from salesplan.models import Table, instant


class Activity(Table, table=True):
    """One logged contact: a call, visit, email or meeting, with or without a known contact."""

    __tablename__ = "activity"
    # Counting one kind in a period (calls today) is the hottest query: (kind, at) answers it
    # from the index alone; an index on kind by itself would make SQLite walk every call.
    __table_args__ = (
        sa.Index("ix_activity_contact_at", "contact_id", "at"),
        sa.Index("ix_activity_kind_at", "kind", "at"),
        # An id printed in a review names that entry for ever, even after undo or rm.
        {"sqlite_autoincrement": True},
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    at: datetime = instant(index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    outcome: str = "reached"
    note: str | None = None
    next_date: date | None = None
    minutes: int | None = None
    appointment_id: int | None = Field(default=None, foreign_key="appointment.id")
    project_id: int | None = Field(default=None, foreign_key="project.id")
    created_at: datetime = instant()
    # An email sent from a template: the template's name (kept when the template is removed,
    # so the rotation still knows where the prospect stands).
    template: str | None = None
