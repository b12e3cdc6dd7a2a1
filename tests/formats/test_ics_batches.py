"""A calendar read in batches: zones, overrides and newer versions hold across batches, plain
events never spend the repeat rules' time, and events plainly outside the window are counted
without being parsed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from salesplan.errors import BadInput
from salesplan.formats import ics
from salesplan.formats.ics import calendar_events

TZ = ZoneInfo("Asia/Shanghai")
WINDOW = (date(2026, 12, 1), date(2027, 1, 1))
# Outlook names the zone its own way and writes its definition once, at the top.
ZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:China Standard Time\r\nBEGIN:STANDARD\r\n"
    "DTSTART:16010101T000000\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\n"
    "END:STANDARD\r\nEND:VTIMEZONE\r\n"
)


def calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{ZONE}{body}END:VCALENDAR\r\n".encode()


def plain(i: int, start: datetime, *extra: str) -> str:
    return (
        f"UID:e{i}@t\r\nDTSTAMP:20261101T000000Z\r\n"
        f"DTSTART;TZID=China Standard Time:{start:%Y%m%dT%H%M%S}\r\n"
        f"DURATION:PT45M\r\nSUMMARY:拜访 {i}\r\n" + "".join(f"{x}\r\n" for x in extra)
    )


def test_every_batch_reads_the_files_zone_and_an_override_in_a_later_batch(monkeypatch):
    monkeypatch.setattr(ics, "EVENTS_PER_PARSE", 2)
    first = datetime(2026, 12, 2, 9, 0)
    events = [plain(i, first + timedelta(days=i)) for i in range(5)]
    series = (
        "UID:weekly@t\r\nDTSTART;TZID=China Standard Time:20261201T160000\r\n"
        "DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:周会\r\n"
    )
    moved = (
        "UID:weekly@t\r\nRECURRENCE-ID;TZID=China Standard Time:20261208T160000\r\n"
        "DTSTART;TZID=China Standard Time:20261209T100000\r\nDURATION:PT1H\r\nSUMMARY:周会\r\n"
    )
    got = calendar_events(calendar(series, *events, moved), "t.ics", WINDOW, TZ)
    starts = sorted(e.start.astimezone(TZ).strftime("%m-%d %H:%M") for e in got)
    assert starts == [
        "12-01 16:00",
        "12-02 09:00",
        "12-03 09:00",
        "12-04 09:00",
        "12-05 09:00",
        "12-06 09:00",
        "12-09 10:00",  # the 8th moved, read two batches after its series
        "12-15 16:00",
    ]
    assert {e.minutes for e in got if e.title.startswith("拜访")} == {45}


@pytest.mark.parametrize("newer_first", [True, False])
def test_the_newest_writing_of_an_event_stands_whatever_its_place(newer_first):
    old = "UID:m@t\r\nSEQUENCE:1\r\nDTSTART:20261210T010000Z\r\nDURATION:PT1H\r\nSUMMARY:旧时间\r\n"
    new = "UID:m@t\r\nSEQUENCE:2\r\nDTSTART:20261211T060000Z\r\nDURATION:PT1H\r\nSUMMARY:新时间\r\n"
    pair = (new, old) if newer_first else (old, new)
    got = calendar_events(calendar(*pair), "t.ics", WINDOW, TZ)
    assert [(e.title, e.start.astimezone(TZ).strftime("%d %H:%M")) for e in got] == [
        ("新时间", "11 14:00")
    ]


def test_with_the_same_sequence_the_later_modification_stands():
    a = "UID:m@t\r\nLAST-MODIFIED:20261120T080000Z\r\nDTSTART:20261210T010000Z\r\nSUMMARY:甲\r\n"
    b = "UID:m@t\r\nLAST-MODIFIED:20261125T080000Z\r\nDTSTART:20261212T010000Z\r\nSUMMARY:乙\r\n"
    assert [e.title for e in calendar_events(calendar(b, a), "t.ics", WINDOW, TZ)] == ["乙"]


def test_plain_events_never_spend_the_repeat_rules_time(monkeypatch):
    # Parsing 1,500 events takes far longer than a millisecond: only expanding rules counts.
    monkeypatch.setattr(ics, "EXPANSION_SECONDS", 0.001)
    start = datetime(2026, 12, 1, 8, 0)
    events = [plain(i, start + timedelta(minutes=25 * i)) for i in range(1500)]
    got = calendar_events(calendar(*events), "t.ics", WINDOW, TZ)
    assert len(got) == 1500
    never = "UID:n@t\r\nDTSTART:20260101T090000Z\r\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\r\n"
    with pytest.raises(BadInput, match="repeat rules take more than"):
        calendar_events(calendar(*events[:3], never), "t.ics", WINDOW, TZ)


def test_events_plainly_outside_the_window_are_counted_on_each_side():
    left_out: dict[str, int] = {}
    events = [
        plain(1, datetime(2026, 11, 29, 23, 0)),  # a day and more before: past, unparsed
        plain(2, datetime(2026, 11, 30, 23, 30)),  # near the edge: parsed, then past
        plain(3, datetime(2026, 12, 31, 23, 30)),  # inside
        plain(4, datetime(2027, 1, 1, 0, 30)),  # near the edge: parsed, then later
        plain(5, datetime(2027, 3, 1, 9, 0), "DTEND:garbage"),  # far later: its DTEND unread
    ]
    got = calendar_events(calendar(*events), "t.ics", WINDOW, TZ, left_out)
    assert [e.uid for e in got] == ["e3@t"]
    assert left_out == {"past": 2, "later": 2}


def test_each_repeating_series_is_named_with_whether_it_was_capped():
    series: dict[str, bool] = {}
    weekly = "UID:w@t\r\nDTSTART:20261201T010000Z\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:周会\r\n"
    hourly = "UID:h@t\r\nDTSTART:20261201T010000Z\r\nRRULE:FREQ=HOURLY\r\nSUMMARY:巡检\r\n"
    single = "UID:s@t\r\nDTSTART:20261201T010000Z\r\nSUMMARY:一次\r\n"
    calendar_events(calendar(weekly, hourly, single), "t.ics", WINDOW, TZ, series=series)
    assert series == {"w@t": False, "h@t": True}  # 744 hours in the window, 500 kept
