"""A day absent (``absent``): recorded, changed or removed, for the monthly attendance score
and the day's targets."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from salesplan.core.settings import Settings
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.models import Absence
from salesplan.store.workdays import load_workdays


def record_absence(
    day: date,
    settings: Settings,
    *,
    session: Session,
    half: bool = False,
    part: str | None = None,
    undo: bool = False,
) -> None:
    """``day`` absent, whole or ``half`` (``part``: the morning or the afternoon away); with
    ``undo`` the record is removed. Only a workday can be absent."""
    row = session.get(Absence, day)
    if not undo:
        if not load_workdays(settings, session=session).scheduled(day):
            raise BadInput(
                _(
                    "{date} is not a workday: only a workday can be absent "
                    "(see salesplan workday list)"
                ).format(date=day.isoformat())
            )
    if undo:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Absence(on=day, half=half, part=part))
    else:
        row.half = half
        row.part = part
        session.add(row)
