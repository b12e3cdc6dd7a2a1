"""The user's own workdays and days off, over the official calendar."""

from datetime import date

from sqlmodel import Field

from salesplan.models import Table


class WorkdayOverride(Table, table=True):
    """One day the user works or takes off whatever the calendar says (``workday set``)."""

    __tablename__ = "workday_override"
    day: date = Field(primary_key=True)
    work: bool


class WorkdayNotice(Table, table=True):
    """One day of an imported State Council notice (``workday import``): a holiday or a 调休
    make-up workday of the notice's ``year`` (the day itself may fall in the year before).
    On a team store the rows are the team's: everyone reads them, a manager writes them."""

    __tablename__ = "workday_notice"
    year: int = Field(primary_key=True)
    day: date = Field(primary_key=True)
    work: bool
