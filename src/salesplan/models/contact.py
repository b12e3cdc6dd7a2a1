"""The contact book."""

from datetime import date, datetime

from sqlmodel import Field

from salesplan.models import Table, instant


class Contact(Table, table=True):
    __tablename__ = "contact"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    company: str | None = None
    phone: str | None = Field(default=None, index=True)
    email: str | None = None
    area: str | None = Field(default=None, index=True)
    address: str | None = None
    tier: str = "normal"
    status: str = "lead"
    business: str | None = None
    needs: str | None = None
    decision_maker: str | None = None
    interests: str | None = None
    notes: str | None = None
    flag_credit: bool = False
    flag_abnormal: bool = False
    flag_note: str | None = None
    archived: bool = Field(default=False, index=True)
    created_at: datetime = instant(index=True)
    # Kept in step with the log (the latest real contact, and the promise standing),
    # so the follow-up rules read one row per contact instead of the whole log.
    last_contact_at: datetime | None = instant(default=None)
    last_kind: str | None = None
    next_date: date | None = None
    # When the standing promise (the latest --next, or a callback) was made; None when no
    # promise stands. A callback without --next has promise_at and no next_date.
    promise_at: datetime | None = instant(default=None)
