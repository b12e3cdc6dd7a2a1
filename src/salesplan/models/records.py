"""Expenses, notes and absences, for the reviews."""

from datetime import date

from sqlmodel import Field

# The tables this one's foreign keys name: SQLAlchemy looks them up to order a flush.
import salesplan.models.contact  # noqa: F401
import salesplan.models.project  # noqa: F401
from salesplan.models import Table


class Expense(Table, table=True):
    __tablename__ = "expense"
    id: int | None = Field(default=None, primary_key=True)
    amount: int
    category: str
    on: date = Field(index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    project_id: int | None = Field(default=None, foreign_key="project.id")
    note: str | None = None


class Note(Table, table=True):
    """What the log can't know: competitors' moves, policy changes, promotions."""

    __tablename__ = "note"
    id: int | None = Field(default=None, primary_key=True)
    text: str
    kind: str = "general"
    on: date = Field(index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")


class Absence(Table, table=True):
    __tablename__ = "absence"
    on: date = Field(primary_key=True)
    half: bool = False
    # Which half is away when ``half``: morning or afternoon (None: the morning).
    part: str | None = None
