"""The user's workday overrides and imported holiday notices, and the calendar built from
them and the settings."""

from __future__ import annotations

from collections.abc import Mapping
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


def load_notices(*, session: Session) -> list[tuple[int, date, bool]]:
    """Every imported notice's days: (the notice's year, the day, worked)."""
    from sqlalchemy import text

    rows = session.connection().execute(text("SELECT year, day, work FROM workday_notice")).all()
    return [(int(year), _as_date(day), bool(work)) for year, day, work in rows]


# Where a session keeps the calendar it built (one per session: every plan of a command asks),
# and the list the caller gave it for every calendar built (so it can tell which guessed years
# the command's numbers rested on).
CALENDAR_KEY = "salesplan.workdays"
CALENDARS_KEY = "salesplan.calendars"


def load_workdays(settings: Settings, *, session: Session) -> Workdays:
    from salesplan.store.team import viewed_rep

    # Whose calendar: a manager looking at each rep in turn reads each rep's own days.
    whose = (settings.holiday_calendar, viewed_rep(session=session))
    cached = session.info.get(CALENDAR_KEY)
    if cached is not None and cached[0] == whose:
        calendar: Workdays = cached[1]
        return calendar
    calendar = build_workdays(
        settings.holiday_calendar,
        load_overrides(session=session),
        load_absences(session=session),
        load_notices(session=session) if settings.holiday_calendar == "cn" else (),
    )
    session.info[CALENDAR_KEY] = (whose, calendar)
    built = session.info.get(CALENDARS_KEY)
    if built is not None:
        built.append(calendar)
    return calendar


def forget_workdays(*, session: Session) -> None:
    """After a write to the calendar's tables, the next load reads them again."""
    session.info.pop(CALENDAR_KEY, None)


def replace_notice(year: int, days: Mapping[date, bool], *, session: Session) -> None:
    """Keep ``days`` as the notice of ``year`` (an earlier import of that year is replaced)."""
    from sqlalchemy import text

    try:
        conn = session.connection()
        conn.execute(text("DELETE FROM workday_notice WHERE year = :year"), {"year": year})
        if days:
            conn.execute(
                text("INSERT INTO workday_notice (year, day, work) VALUES (:year, :day, :work)"),
                [{"year": year, "day": day, "work": work} for day, work in days.items()],
            )
    except Exception as exc:
        if "row-level security" in str(exc) or "permission denied" in str(exc):
            from salesplan.errors import StoreError
            from salesplan.i18n import _

            raise StoreError(
                _(
                    "on a team store the manager imports the holiday notice for everyone; your own days: salesplan workday set DATE work|off"
                )
            ) from None
        raise
    forget_workdays(session=session)


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
    forget_workdays(session=session)


def list_overrides(*, session: Session) -> list[tuple[date, bool]]:
    from salesplan.models import WorkdayOverride

    rows = session.exec(select(WorkdayOverride).order_by(col(WorkdayOverride.day))).all()
    return [(r.day, r.work) for r in rows]
