"""A repeating series as calendars write it: EXDATE, RDATE and RECURRENCE-ID overrides."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from salesplan.formats.ics import calendar_events

TZ = ZoneInfo("Asia/Shanghai")
SERIES = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:class@test\r
DTSTART;TZID=Asia/Shanghai:20261201T090000\r
DURATION:PT1H\r
RRULE:FREQ=WEEKLY;COUNT=5\r
EXDATE;TZID=Asia/Shanghai:20261208T090000\r
RDATE;TZID=Asia/Shanghai:20261212T100000\r
SUMMARY:培训课\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:class@test\r
RECURRENCE-ID;TZID=Asia/Shanghai:20261215T090000\r
DTSTART;TZID=Asia/Shanghai:20261216T140000\r
DURATION:PT1H\r
SUMMARY:培训课（改期）\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:class@test\r
RECURRENCE-ID;TZID=Asia/Shanghai:20261222T090000\r
DTSTART;TZID=Asia/Shanghai:20261222T090000\r
DURATION:PT1H\r
STATUS:CANCELLED\r
SUMMARY:培训课\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_excluded_added_moved_and_cancelled_occurrences():
    events = calendar_events(SERIES.encode(), "t.ics", (date(2026, 11, 30), date(2027, 1, 31)), TZ)
    got = sorted((e.start.strftime("%m-%d %H:%M"), e.title, e.status) for e in events)
    assert got == [
        ("12-01 09:00", "培训课", "planned"),
        ("12-12 10:00", "培训课", "planned"),  # RDATE
        ("12-16 14:00", "培训课（改期）", "planned"),  # moved from the 15th
        ("12-22 09:00", "培训课", "cancelled"),  # cancelled, once
        ("12-29 09:00", "培训课", "planned"),
    ]  # the 8th excluded; the 15th only at its new time
    assert len({e.uid for e in events}) == 5
