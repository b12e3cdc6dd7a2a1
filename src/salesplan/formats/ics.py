"""iCalendar: events in (a calendar app's export, repeats expanded inside a window and
capped) and the day's appointments out, with an alarm at each leave-by time."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from salesplan.core.dates import to_utc
from salesplan.core.interchange import CalendarEvent
from salesplan.errors import BadInput
from salesplan.formats.text import decode

MAX_OCCURRENCES = 500  # per recurring event, within the window


def calendar_events(
    data: bytes, what: str, window: tuple[date, date], tz: tzinfo
) -> list[CalendarEvent]:
    """VEVENTs, recurring ones expanded inside ``window`` and capped, all-day ones skipped."""
    from dateutil.rrule import rrulestr
    from icalendar import Calendar

    text = decode(data, what)
    if "BEGIN:VCALENDAR" not in text.upper():
        raise BadInput(f"{what} is not an iCalendar file (no BEGIN:VCALENDAR)")
    if "END:VCALENDAR" not in text.upper():
        raise BadInput(f"{what} is truncated: no END:VCALENDAR")
    try:
        cal = Calendar.from_ical(text)
    except Exception as exc:  # noqa: BLE001 - icalendar raises ValueError and others
        raise BadInput(f"{what} is not a readable calendar: {_first_line(exc)}") from None
    first = datetime.combine(window[0], datetime.min.time(), tz)
    last = datetime.combine(window[1], datetime.min.time(), tz)
    out: list[CalendarEvent] = []
    for n, ev in enumerate(cal.walk("VEVENT"), 1):
        uid = str(ev.get("uid") or f"event-{n}")
        try:
            start = ev.decoded("dtstart")
        except KeyError:
            raise BadInput(f"{what} event {uid}: no DTSTART") from None
        except (ValueError, TypeError):
            raise BadInput(f"{what} event {uid}: DTSTART is not a date or date-time") from None
        if not isinstance(start, date):
            raise BadInput(f"{what} event {uid}: DTSTART is not a date or date-time")
        if not isinstance(start, datetime):
            continue  # all-day entries (holidays, birthdays) are not appointments
        if start.tzinfo is None:
            start = start.replace(tzinfo=tz)
        if ev.get("dtend") is not None:
            end = ev.decoded("dtend")
            end = (
                end.replace(tzinfo=tz) if isinstance(end, datetime) and end.tzinfo is None else end
            )
            minutes = int((end - start).total_seconds() // 60) if isinstance(end, datetime) else 60
        elif ev.get("duration") is not None:
            minutes = int(ev.decoded("duration").total_seconds() // 60)
        else:
            minutes = 60
        minutes = max(1, min(minutes, 24 * 60))
        title = str(ev.get("summary") or "").strip() or "(no title)"
        location = str(ev.get("location") or "").strip() or None
        status = "cancelled" if str(ev.get("status") or "").upper() == "CANCELLED" else "planned"
        starts = [start]
        if ev.get("rrule") is not None:
            raw_rule = ev["rrule"].to_ical()
            rule_text = raw_rule.decode() if isinstance(raw_rule, bytes) else raw_rule
            try:
                rule = rrulestr(f"RRULE:{rule_text}", dtstart=start)
            except (ValueError, TypeError) as exc:
                raise BadInput(f"{what} event {uid}: bad RRULE {rule_text!r}: {exc}") from None
            starts = []
            for occurrence in rule.xafter(
                first - timedelta(seconds=1), count=MAX_OCCURRENCES + 1, inc=True
            ):
                if occurrence >= last or len(starts) == MAX_OCCURRENCES:
                    break
                starts.append(occurrence)
        for s in sorted(set(starts)):  # a degenerate RRULE (INTERVAL=0) repeats one instant
            if first <= s < last:
                key = (
                    uid
                    if len(starts) == 1 and ev.get("rrule") is None
                    else f"{uid}/{s.isoformat()}"
                )
                out.append(CalendarEvent(key, title, s, minutes, location, status))
    return out


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
