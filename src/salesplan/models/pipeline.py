"""A project's stage history, key dates and collections."""

from datetime import date

from sqlmodel import Field

# The tables this one's foreign keys name: SQLAlchemy looks them up to order a flush.
import salesplan.models.project  # noqa: F401
from salesplan.models import Table


class ProjectStage(Table, table=True):
    __tablename__ = "project_stage"
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    stage: str
    on: date
    note: str | None = None


class ProjectDate(Table, table=True):
    """Key dates of a project other than the bid: delivery, acceptance, site survey…"""

    __tablename__ = "project_date"
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    name: str
    on: date


class Payment(Table, table=True):
    """A collection received on a project."""

    __tablename__ = "payment"
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    amount: int
    on: date = Field(index=True)
    note: str | None = None
