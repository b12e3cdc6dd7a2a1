"""The day's appointments as an iCalendar file, with an alarm at each leave-by time."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any

from salesplan.core.dates import to_utc


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
