"""Local wall-clock time and the UTC instants the store keeps, and how a time is written
(``14:00``, ``2026-12-01T10:00``, ``Mon``/``周一``). Pure: the zone is always an argument."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from salesplan.i18n import NP_, pgettext


def to_utc(local: datetime, tz: tzinfo) -> datetime:
    """A naive local wall-clock time in ``tz`` → an aware UTC instant."""
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    return local.replace(tzinfo=tz).astimezone(UTC)


def to_local(instant: datetime, tz: tzinfo) -> datetime:
    """An aware instant (naive means UTC) → a naive local wall-clock time in ``tz``."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(tz).replace(tzinfo=None)


def local_day_start(day: date, tz: tzinfo) -> datetime:
    """The UTC instant a local calendar day begins."""
    return to_utc(datetime.combine(day, time()), tz)


def local_day_bounds(first: date, last: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """UTC instants ``[start of first, start of the day after last)`` in local time."""
    return local_day_start(first, tz), local_day_start(last + timedelta(days=1), tz)


def hhmm(value: datetime | time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def iso_minute(value: datetime) -> str:
    """The contract's JSON date-time form: ``2026-12-01T10:00``."""
    return value.strftime("%Y-%m-%dT%H:%M")


_WEEKDAY = (
    NP_("weekday", "Mon"),
    NP_("weekday", "Tue"),
    NP_("weekday", "Wed"),
    NP_("weekday", "Thu"),
    NP_("weekday", "Fri"),
    NP_("weekday", "Sat"),
    NP_("weekday", "Sun"),
)


def weekday_short(day: date) -> str:
    """``Mon`` … ``Sun``; 周一 … 周日 in Chinese."""
    return pgettext("weekday", _WEEKDAY[day.weekday()])
