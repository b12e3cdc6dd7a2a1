"""Email templates for the unclear-intent cadence (their own module: due and the calls
session read them, and build no other table)."""

from datetime import datetime

from sqlmodel import Field

from salesplan.models import Table, instant


class EmailTemplate(Table, table=True):
    """A subject and body with {name}, {company} and {product}, known by its name (on a team
    store, per owner: each person has their own)."""

    __tablename__ = "email_template"
    name: str = Field(primary_key=True)
    subject: str
    body: str
    created_at: datetime = instant()
