"""The user's workday overrides, and the calendar built from them and the settings."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from salesplan.core.settings import Settings
from salesplan.core.workdays import Workdays, build_workdays


def load_overrides(*, session: Session) -> dict[date, bool]:
    # Plain SQL: every command that counts targets reads this, and the table is tiny.
    from sqlalchemy import text

    rows = session.connection().execute(text("SELECT day, work FROM workday_override")).all()
    return {_as_date(day): bool(work) for day, work in rows}


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def load_absences(*, session: Session) -> dict[date, str]:
    """Every absence: ``day`` for a whole day, else the half away (``morning`` when a half
    day was recorded without saying which)."""
    # Plain SQL, as for the overrides: every target count reads this, and building the
    # records tables' models for it would cost more than the query.
    from sqlalchemy import text

    rows = session.connection().execute(text('SELECT "on", half, part FROM absence')).all()
    return {_as_date(on): ((part or "morning") if half else "day") for on, half, part in rows}


def load_workdays(settings: Settings, *, session: Session) -> Workdays:
    return build_workdays(
        settings.holiday_calendar,
        load_overrides(session=session),
        load_absences(session=session),
    )


def set_override(day: date, work: bool | None, *, session: Session) -> None:
    """Mark ``day`` worked (True) or off (False); None removes the user's mark."""
    from salesplan.models import WorkdayOverride

    row = session.get(WorkdayOverride, day)
    if work is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(WorkdayOverride(day=day, work=work))
    else:
        row.work = work
        session.add(row)
    session.flush()


def list_overrides(*, session: Session) -> list[tuple[date, bool]]:
    from salesplan.models import WorkdayOverride

    rows = session.exec(select(WorkdayOverride).order_by(col(WorkdayOverride.day))).all()
    return [(r.day, r.work) for r in rows]
