"""To-dos: the important things not yet done (their own module: the day sheet reads them,
and it builds no other records table)."""

from datetime import date, datetime

from sqlmodel import Field

# The tables this one's foreign keys name: SQLAlchemy looks them up to order a flush.
import salesplan.models.contact  # noqa: F401
import salesplan.models.project  # noqa: F401
from salesplan.models import Table, instant


class Todo(Table, table=True):
    """An important thing not yet done ("send the quote by Friday"), until it is done."""

    __tablename__ = "todo"
    id: int | None = Field(default=None, primary_key=True)
    text: str
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    project_id: int | None = Field(default=None, foreign_key="project.id")
    due: date | None = Field(default=None, index=True)
    important: bool = False
    created_at: datetime = instant()
    done_at: datetime | None = instant(default=None, index=True)
