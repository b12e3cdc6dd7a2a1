"""The user's own workdays and days off, over the official calendar."""

from datetime import date

from sqlmodel import Field

from salesplan.models import Table


class WorkdayOverride(Table, table=True):
    """One day the user works or takes off whatever the calendar says (``workday set``)."""

    __tablename__ = "workday_override"
    day: date = Field(primary_key=True)
    work: bool
