"""iCalendar: events in (a calendar app's export, repeats expanded inside a window and
capped) and the day's appointments out, with an alarm at each leave-by time."""

from __future__ import annotations

import contextlib
import hashlib
import signal
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from salesplan.core.dates import to_utc
from salesplan.core.interchange import CalendarEvent
from salesplan.errors import BadInput
from salesplan.formats.text import decode
from salesplan.i18n import _

MAX_OCCURRENCES = 500  # per recurring event, within the window
MAX_COUNT = 100_000  # a COUNT rule's occurrences are walked from its start: at most these
EXPANSION_SECONDS = 5.0  # the time one file's repeat rules may take to expand


def calendar_events(
    data: bytes,
    what: str,
    window: tuple[date, date],
    tz: tzinfo,
    left_out: dict[str, int] | None = None,
) -> list[CalendarEvent]:
    """VEVENTs, recurring ones expanded inside ``window`` and capped, all-day ones skipped.

    Bounded in time whatever the file says: a repeat rule is expanded from the window's start
    (not from a DTSTART decades back), and all the expanding of one file shares a budget of
    EXPANSION_SECONDS, past which the file is refused."""
    text = decode(data, what)
    if "BEGIN:VCALENDAR" not in text.upper():
        raise BadInput(_("{what} is not an iCalendar file (no BEGIN:VCALENDAR)").format(what=what))
    if "END:VCALENDAR" not in text.upper():
        raise BadInput(_("{what} is truncated: no END:VCALENDAR").format(what=what))
    # A library's warning (a zone it does not know, a value it reads leniently) would reach
    # the user's terminal with the install path: what matters is refused in our own words.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _calendar_events(text, what, window, tz, left_out)


def _calendar_events(
    text: str,
    what: str,
    window: tuple[date, date],
    tz: tzinfo,
    left_out: dict[str, int] | None,
) -> list[CalendarEvent]:
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(text)
    except Exception as exc:  # noqa: BLE001 - icalendar raises ValueError and others
        raise BadInput(
            _("{what} is not a readable calendar: {reason}").format(
                what=what, reason=_first_line(exc)
            )
        ) from None
    first = datetime.combine(window[0], datetime.min.time(), tz)
    last = datetime.combine(window[1], datetime.min.time(), tz)
    out: list[CalendarEvent] = []
    # The occurrences an override (an event with RECURRENCE-ID) moves or cancels: its series
    # leaves them out, the override stands in their place.
    overridden: dict[str, set[datetime]] = {}
    for ev in cal.walk("VEVENT"):
        if ev.get("recurrence-id") is not None and ev.get("uid") is not None:
            with contextlib.suppress(ValueError, TypeError, KeyError, AttributeError):
                rid = _aware(ev.decoded("recurrence-id"), tz)
                if rid is not None:
                    overridden.setdefault(str(ev.get("uid")), set()).add(rid)
    with _time_budget(what):
        for ev in cal.walk("VEVENT"):
            try:
                out.extend(_event(ev, what, first, last, tz, overridden, left_out))
            except (OverflowError, ValueError, TypeError, KeyError, AttributeError):
                label = str(ev.get("uid") or ev.get("summary") or "without UID")[:80]
                raise BadInput(
                    _(
                        "{what} event {label}: a date, time or duration outside what a calendar holds (years 1–9999, durations under a year)"
                    ).format(what=what, label=label)
                ) from None
    return out


def _aware(value: Any, tz: tzinfo, at: datetime | None = None) -> datetime | None:
    """A date-time with its zone (a floating one in ``tz``); a date at ``at``'s time of day."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, date) and at is not None:
        return datetime.combine(value, at.timetz())
    return None


def _listed(ev: Any, name: str, tz: tzinfo, at: datetime) -> set[datetime]:
    """Every date-time an EXDATE or RDATE property lists (it may appear several times)."""
    props = ev.get(name)
    if props is None:
        return set()
    out = set()
    for prop in props if isinstance(props, list) else [props]:
        for item in getattr(prop, "dts", []):
            found = _aware(item.dt, tz, at)
            if found is not None:
                out.add(found)
    return out


def _event(
    ev: Any,
    what: str,
    first: datetime,
    last: datetime,
    tz: tzinfo,
    overridden: dict[str, set[datetime]] | None = None,
    left_out: dict[str, int] | None = None,
) -> list[CalendarEvent]:
    """The event's appointments inside [first, last); a single event outside it is counted in
    ``left_out`` ("past" or "later")."""
    uid = str(ev.get("uid") or "") or _content_uid(ev)
    try:
        start = ev.decoded("dtstart")
    except KeyError:
        raise BadInput(_("{what} event {uid}: no DTSTART").format(what=what, uid=uid)) from None
    except (ValueError, TypeError):
        raise BadInput(
            _("{what} event {uid}: DTSTART is not a date or date-time").format(what=what, uid=uid)
        ) from None
    if not isinstance(start, date):
        raise BadInput(
            _("{what} event {uid}: DTSTART is not a date or date-time").format(what=what, uid=uid)
        )
    if not isinstance(start, datetime):
        return []  # all-day entries (holidays, birthdays) are not appointments
    if start.tzinfo is None:
        start = start.replace(tzinfo=tz)
    if ev.get("dtend") is not None:
        end = ev.decoded("dtend")
        end = end.replace(tzinfo=tz) if isinstance(end, datetime) and end.tzinfo is None else end
        minutes = int((end - start).total_seconds() // 60) if isinstance(end, datetime) else 60
    elif ev.get("duration") is not None:
        duration = ev.decoded("duration")
        if not isinstance(duration, timedelta):
            raise BadInput(
                _("{what} event {uid}: DURATION is not a duration (such as PT1H30M)").format(
                    what=what, uid=uid
                )
            )
        minutes = int(duration.total_seconds() // 60)
    else:
        minutes = 60
    minutes = max(1, min(minutes, 24 * 60))
    title = str(ev.get("summary") or "").strip() or "(no title)"
    location = str(ev.get("location") or "").strip() or None
    status = "cancelled" if str(ev.get("status") or "").upper() == "CANCELLED" else "planned"
    if ev.get("recurrence-id") is not None:
        # One occurrence of a series, moved or cancelled: known by the series' UID and the
        # time it replaces, so a re-import finds it and a second override is not "the same".
        rid = _aware(ev.decoded("recurrence-id"), tz, start)
        if rid is None or not (first <= start < last or first <= rid < last):
            return []
        return [CalendarEvent(f"{uid}/{rid.isoformat()}", title, start, minutes, location, status)]
    if ev.get("rrule") is None and ev.get("rdate") is None:
        starts = [start]
    else:
        starts = (
            _occurrences(ev["rrule"], start, first, last, f"{what} event {uid}")
            if ev.get("rrule") is not None
            else [start]
        )
        starts = [*starts, *_listed(ev, "rdate", tz, start)]
        gone = _listed(ev, "exdate", tz, start) | (overridden or {}).get(uid, set())
        starts = [s for s in starts if s not in gone]
    repeating = ev.get("rrule") is not None or ev.get("rdate") is not None
    if not repeating and left_out is not None and not first <= start < last:
        side = "past" if start < first else "later"
        left_out[side] = left_out.get(side, 0) + 1
    out = []
    for s in sorted(set(starts)):  # a degenerate RRULE (INTERVAL=0) repeats one instant
        if first <= s < last:
            key = f"{uid}/{s.isoformat()}" if repeating else uid
            out.append(CalendarEvent(key, title, s, minutes, location, status))
    return out


# How far one step of each frequency moves, to start expanding near the window.
_STEP = {
    "SECONDLY": timedelta(seconds=1),
    "MINUTELY": timedelta(minutes=1),
    "HOURLY": timedelta(hours=1),
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(weeks=1),
}


def _occurrences(
    recur: Any, start: datetime, first: datetime, last: datetime, where: str
) -> list[datetime]:
    """The rule's occurrences in [first, last), at most MAX_OCCURRENCES of them.

    Without COUNT, the rule is started a whole number of its intervals later, just before the
    window: the same occurrences, without walking every second since 1970. With COUNT the
    earlier occurrences count, so they are walked, but only up to MAX_COUNT."""
    from dateutil.rrule import rrulestr

    raw_rule = recur.to_ical()
    rule_text = raw_rule.decode() if isinstance(raw_rule, bytes) else raw_rule
    freq = str((recur.get("FREQ") or [""])[0]).upper()
    interval = int((recur.get("INTERVAL") or [1])[0] or 1)
    count = recur.get("COUNT")
    if count:
        if int(count[0]) > MAX_COUNT:
            raise BadInput(
                _(
                    "{where}: RRULE COUNT={count}: at most {MAX_COUNT:,} repeats are imported"
                ).format(where=where, count=count[0], MAX_COUNT=MAX_COUNT)
            )
    elif freq in _STEP and start < first:
        step = _STEP[freq] * max(1, interval)
        start += step * max(0, (first - start) // step - 1)
    try:
        rule = rrulestr(f"RRULE:{rule_text}", dtstart=start)
    except (ValueError, TypeError) as exc:
        raise BadInput(
            _("{where}: bad RRULE {rule_text!r}: {exc}").format(
                where=where, rule_text=rule_text, exc=exc
            )
        ) from None
    starts: list[datetime] = []
    for occurrence in rule.xafter(
        first - timedelta(seconds=1), count=MAX_OCCURRENCES + 1, inc=True
    ):
        if occurrence >= last or len(starts) == MAX_OCCURRENCES:
            break
        starts.append(occurrence)
    return starts


def _content_uid(ev: Any) -> str:
    """An event without a UID is known by what it says: the same event imported twice is one."""
    parts = [
        ev.get(name).to_ical().decode(errors="replace")
        if hasattr(ev.get(name), "to_ical")
        else str(ev.get(name) or "")
        for name in ("dtstart", "dtend", "duration", "summary", "location", "rrule")
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()
    return f"content-{digest[:24]}"


class _OutOfTime(BaseException):  # noqa: N818 - not an error: the signal that time is up
    pass


@contextmanager
def _time_budget(what: str) -> Iterator[None]:
    """Refuse a file whose repeat rules take longer than EXPANSION_SECONDS to expand (a rule
    no day satisfies makes dateutil search to the year 9999). A timer signal interrupts the
    search; off the main thread, where signals cannot be used, there is no budget."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def out_of_time(signum: int, frame: Any) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(signal.ITIMER_REAL, EXPANSION_SECONDS)
    try:
        yield
    except _OutOfTime:
        raise BadInput(
            _(
                "{what}: its repeat rules take more than {EXPANSION_SECONDS:g} s to expand (a rule no day satisfies?); not imported"
            ).format(what=what, EXPANSION_SECONDS=EXPANSION_SECONDS)
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def day_to_ics(
    timetable: Any, tz: tzinfo, now_utc: datetime, host: str = "salesplan.local"
) -> bytes:
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//salesplan//salesplan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for slot in timetable.slots:
        if slot.kind != "appointment":
            continue
        event = Event()
        event.add("uid", f"appointment-{slot.appointment_id}@{host}")
        event.add("dtstamp", now_utc)
        event.add("dtstart", to_utc(slot.start, tz))
        event.add("dtend", to_utc(slot.end, tz))
        event.add(
            "summary",
            slot.label + (f" · {slot.details['title']}" if slot.details.get("title") else ""),
        )
        where = slot.details.get("location") or slot.area
        if where:
            event.add("location", where)
        desc = [f"{k}: {slot.details[k]}" for k in ("company", "phone") if slot.details.get(k)]
        if slot.leave_by is not None:
            desc.append(f"leave by {slot.leave_by:%H:%M}")
        if desc:
            event.add("description", "\n".join(desc))
        if slot.leave_by is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Leave now for {slot.label}")
            alarm.add(
                "trigger",
                -(slot.start - slot.leave_by) if slot.leave_by < slot.start else timedelta(0),
            )
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def _first_line(exc: Exception) -> str:
    lines = str(exc).splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]
