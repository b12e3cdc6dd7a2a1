"""Contact merges: what each ``contact merge`` changed, so ``--undo`` puts it all back (its
own module: only merging builds it)."""

from datetime import datetime

from sqlmodel import Field

import salesplan.models.contact  # noqa: F401 - the table its foreign keys name
from salesplan.models import Table, instant


class ContactMerge(Table, table=True):
    """One ``contact merge``, with what it changed, so ``--undo`` puts it all back."""

    __tablename__ = "contact_merge"
    id: int | None = Field(default=None, primary_key=True)
    keep_id: int = Field(foreign_key="contact.id")
    other_id: int = Field(foreign_key="contact.id")
    at: datetime = instant()
    # JSON: both contacts' rows and keys as they were, and the ids of the rows moved per table.
    undo: str
