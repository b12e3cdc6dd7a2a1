"""iCalendar: events in (a calendar app's export, repeats expanded inside a window and
capped) and the day's appointments out, with an alarm at each leave-by time."""

from __future__ import annotations

import contextlib
import hashlib
import re
import signal
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, NoReturn

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
    progress: Callable[[int], None] | None = None,
    series: dict[str, bool] | None = None,
) -> list[CalendarEvent]:
    """VEVENTs, recurring ones expanded inside ``window`` and capped, all-day ones skipped.

    Bounded whatever the file says: events are parsed EVENTS_PER_PARSE at a time (memory
    holds one batch's parse, not the file's); a single event plainly outside the window is
    counted in ``left_out`` without being parsed; a repeat rule is expanded from the window's
    start (not from a DTSTART decades back), and the expanding of one file's repeat rules
    shares a budget of EXPANSION_SECONDS, past which the file is refused (plain events do not
    spend it). Where one event (UID, and RECURRENCE-ID for an occurrence) is written more than
    once, the newest version stands (the higher SEQUENCE, then the later LAST-MODIFIED or
    DTSTAMP). ``progress`` is told how many events each batch held; ``series`` gets the UID
    of each repeating event read, with whether its occurrences in the window were capped."""
    text = decode(data, what)
    if not re.search("BEGIN:VCALENDAR", text, re.I):
        raise BadInput(_("{what} is not an iCalendar file (no BEGIN:VCALENDAR)").format(what=what))
    if not re.search("END:VCALENDAR", text, re.I):
        raise BadInput(_("{what} is truncated: no END:VCALENDAR").format(what=what))
    has_overrides = re.search("RECURRENCE-ID", text, re.I) is not None
    # A library's warning (a zone it does not know, a value it reads leniently) would reach
    # the user's terminal with the install path: what matters is refused in our own words.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _calendar_events(text, what, window, tz, left_out, progress, has_overrides, series)


EVENTS_PER_PARSE = 500  # VEVENTs parsed together (a batch's parse is what memory holds)

_VEVENT = re.compile(r"^BEGIN:VEVENT[ \t]*\r?$.*?^END:VEVENT[ \t]*\r?$\n?", re.I | re.M | re.S)
_VTIMEZONE = re.compile(
    r"^BEGIN:VTIMEZONE[ \t]*\r?$.*?^END:VTIMEZONE[ \t]*\r?$\n?", re.I | re.M | re.S
)
_FOLD = re.compile(r"\r?\n[ \t]")
_REPEATS = re.compile(r"^(?:RRULE|RDATE|RECURRENCE-ID)[;:]", re.I | re.M)
_DTSTART_DAY = re.compile(r"^DTSTART((?:;[^:\r\n]*)?):(\d{8})(T?)", re.I | re.M)


def _parse(calendar_text: str, what: str) -> Any:
    from icalendar import Calendar

    try:
        return Calendar.from_ical(calendar_text)
    except Exception as exc:  # noqa: BLE001 - icalendar raises ValueError and others
        raise BadInput(
            _("{what} is not a readable calendar: {reason}").format(
                what=what, reason=_first_line(exc)
            )
        ) from None


def _plainly_outside(block: str, first: date, last: date) -> str | None:
    """ "past" or "later" for a single event whose DTSTART is a day more than a day outside
    [first, last) (whatever zone it is written in); None when it must be parsed to know."""
    unfolded = _FOLD.sub("", block)
    if _REPEATS.search(unfolded):
        return None
    found = _DTSTART_DAY.search(unfolded)
    if found is None or not found.group(3) or "VALUE=DATE;" in found.group(1).upper() + ";":
        return None  # no DTSTART, or an all-day one: the parse says what it is
    try:
        day = date(int(found.group(2)[:4]), int(found.group(2)[4:6]), int(found.group(2)[6:]))
    except ValueError:
        return None
    if day < first - timedelta(days=1):
        return "past"
    if day > last + timedelta(days=1):
        return "later"
    return None


def _calendar_events(
    text: str,
    what: str,
    window: tuple[date, date],
    tz: tzinfo,
    left_out: dict[str, int] | None,
    progress: Callable[[int], None] | None,
    has_overrides: bool,
    series: dict[str, bool] | None,
) -> list[CalendarEvent]:
    # Everything but the events is parsed once: the calendar's frame is checked, and its
    # zones (VTIMEZONE) are what each batch of events is parsed with.
    frame = _VEVENT.sub("", text)
    _parse(frame, what)
    zones = "".join(m.group(0) for m in _VTIMEZONE.finditer(frame))
    del frame

    def parsed(blocks: list[str]) -> list[Any]:
        cal = _parse(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + zones + "".join(blocks) + "END:VCALENDAR\r\n",
            what,
        )
        return list(cal.walk("VEVENT"))

    first = datetime.combine(window[0], datetime.min.time(), tz)
    last = datetime.combine(window[1], datetime.min.time(), tz)
    # The occurrences an override (an event with RECURRENCE-ID) moves or cancels: its series
    # leaves them out, the override stands in their place. Overrides are few: read first.
    overridden: dict[str, set[datetime]] = {}
    if has_overrides:
        blocks = [
            m.group(0) for m in _VEVENT.finditer(text) if "RECURRENCE-ID" in m.group(0).upper()
        ]
        for start in range(0, len(blocks), EVENTS_PER_PARSE):
            for ev in parsed(blocks[start : start + EVENTS_PER_PARSE]):
                if ev.get("recurrence-id") is None or ev.get("uid") is None:
                    continue
                with contextlib.suppress(ValueError, TypeError, KeyError, AttributeError):
                    rid = _aware(ev.decoded("recurrence-id"), tz)
                    if rid is not None:
                        overridden.setdefault(str(ev.get("uid")), set()).add(rid)
    newest: dict[str, tuple[tuple[int, str], CalendarEvent]] = {}
    budget = _Budget(what, EXPANSION_SECONDS)
    batch: list[str] = []

    def settle() -> None:
        for ev in parsed(batch):
            version = _version(ev)
            try:
                found = _event(ev, what, first, last, tz, overridden, left_out, budget, series)
            except (OverflowError, ValueError, TypeError, KeyError, AttributeError):
                label = str(ev.get("uid") or ev.get("summary") or "without UID")[:80]
                raise BadInput(
                    _(
                        "{what} event {label}: a date, time or duration outside what a calendar holds (years 1–9999, durations under a year)"
                    ).format(what=what, label=label)
                ) from None
            for event in found:
                held = newest.get(event.uid)
                if held is None or version > held[0]:
                    newest[event.uid] = (version, event)
        if progress is not None:
            progress(len(batch))
        batch.clear()

    for match in _VEVENT.finditer(text):
        block = match.group(0)
        side = _plainly_outside(block, window[0], window[1])
        if side is not None:
            if left_out is not None:
                left_out[side] = left_out.get(side, 0) + 1
            continue
        batch.append(block)
        if len(batch) == EVENTS_PER_PARSE:
            settle()
    settle()
    return [event for _version_, event in newest.values()]


def _version(ev: Any) -> tuple[int, str]:
    """Which of two writings of one event is newer: SEQUENCE, then LAST-MODIFIED or DTSTAMP."""
    try:
        sequence = int(str(ev.get("sequence") or 0))
    except ValueError:
        sequence = 0
    stamp = ev.get("last-modified") or ev.get("dtstamp")
    written = stamp.to_ical().decode(errors="replace") if hasattr(stamp, "to_ical") else ""
    return sequence, written


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


def _dtstart(ev: Any, what: str, uid: str) -> date:
    """The event's DTSTART, a date or a date-time (refused otherwise)."""
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
    return start


def _minutes(ev: Any, start: datetime, tz: tzinfo, what: str, uid: str) -> int:
    """How long the event lasts, from DTEND or DURATION (an hour when neither says), kept
    within one minute and a day."""
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
    return max(1, min(minutes, 24 * 60))


def _event(
    ev: Any,
    what: str,
    first: datetime,
    last: datetime,
    tz: tzinfo,
    overridden: dict[str, set[datetime]] | None = None,
    left_out: dict[str, int] | None = None,
    budget: _Budget | None = None,
    series: dict[str, bool] | None = None,
) -> list[CalendarEvent]:
    """The event's appointments inside [first, last); a single event outside it is counted in
    ``left_out`` ("past" or "later")."""
    uid = str(ev.get("uid") or "") or _content_uid(ev)
    start = _dtstart(ev, what, uid)
    if not isinstance(start, datetime):
        # All-day entries (holidays, birthdays) are not appointments: counted, not imported.
        if left_out is not None and ev.get("recurrence-id") is None:
            left_out["all_day"] = left_out.get("all_day", 0) + 1
        return []
    if start.tzinfo is None:
        start = start.replace(tzinfo=tz)
    minutes = _minutes(ev, start, tz, what, uid)
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
    repeating = ev.get("rrule") is not None or ev.get("rdate") is not None
    starts = [start]
    if repeating:
        if ev.get("rrule") is not None:
            with budget.spend() if budget is not None else contextlib.nullcontext():
                starts = _occurrences(ev["rrule"], start, first, last, f"{what} event {uid}")
        starts = [*starts, *_listed(ev, "rdate", tz, start)]
        gone = _listed(ev, "exdate", tz, start) | (overridden or {}).get(uid, set())
        starts = [s for s in starts if s not in gone]
    if repeating and series is not None:
        series[uid] = series.get(uid, False) or len(starts) >= MAX_OCCURRENCES
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


class _Budget:
    """The time one file's repeat rules may take to expand, spent rule by rule: past it the
    file is refused (a rule no day satisfies makes dateutil search to the year 9999). A timer
    signal interrupts the search; off the main thread, where signals cannot be used, there is
    no budget."""

    def __init__(self, what: str, seconds: float) -> None:
        self.what = what
        self.seconds = seconds
        self.left = seconds

    @contextmanager
    def spend(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        if self.left <= 0:
            self._refuse()

        def out_of_time(signum: int, frame: Any) -> None:
            raise _OutOfTime

        began = time.monotonic()
        previous = signal.signal(signal.SIGALRM, out_of_time)
        signal.setitimer(signal.ITIMER_REAL, self.left)
        try:
            yield
        except _OutOfTime:
            self.left = 0
            self._refuse()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            self.left -= time.monotonic() - began

    def _refuse(self) -> NoReturn:
        raise BadInput(
            _(
                "{what}: its repeat rules take more than {EXPANSION_SECONDS:g} s to expand (a rule no day satisfies?); not imported"
            ).format(what=self.what, EXPANSION_SECONDS=self.seconds)
        ) from None


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
