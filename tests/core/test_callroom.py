"""Where the calls fit when appointments take the call blocks (literal days, reference template)."""

from datetime import date, datetime

from salesplan.core.callroom import call_room
from salesplan.core.settings import Settings
from salesplan.core.template import default_template
from salesplan.core.timetable import PlannedAppointment, build_timetable

DAY = date(2026, 12, 1)  # a Tuesday
EARLY = datetime(2026, 12, 1, 7, 30)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, 1, hour, minute)


def appt(aid: int, start: datetime, minutes: int = 60, area: str = "朝阳") -> PlannedAppointment:
    return PlannedAppointment(id=aid, start=start, minutes=minutes, label=f"a{aid}", area=area)


def day_with(*appointments: PlannedAppointment, now: datetime = EARLY):
    blocks = default_template()[DAY.weekday()]
    return build_timetable(DAY, list(appointments), blocks, Settings(), now)


def spans(room):
    return [
        (g.start.strftime("%H:%M"), g.end.strftime("%H:%M"), g.kind, g.holds, g.planned)
        for g in room.gaps
    ]


def test_an_ordinary_day_holds_its_calls_in_the_call_blocks():
    tt = day_with()
    room = call_room(tt, EARLY, 30, minutes_per_call=2)
    # 09:00–09:20 and 17:00–18:00 at 2 minutes a call hold 10 + 30; the 30 calls go as the
    # sheet's pace gives them, in proportion to the blocks' lengths: 7 and 23.
    assert room.in_blocks == 40 and not room.squeezed and room.short == 0
    assert spans(room)[:2] == [
        ("09:00", "09:20", "calls", 10, 7),
        ("17:00", "18:00", "calls", 30, 23),
    ]
    paced = [s.pace.per_block for s in tt.slots if s.pace is not None]
    assert paced == [g.planned for g in room.gaps if g.kind == "calls"]


def test_displaced_call_blocks_send_the_calls_to_the_gaps_between_appointments():
    # 09:30 displaces the morning calls (its travel and buffer start at 08:30); 17:00 the
    # office hour.
    tt = day_with(
        appt(1, at(9, 30)), appt(2, at(14, 0), area="海淀"), appt(3, at(17, 0), area="海淀")
    )
    assert {w.code for w in tt.warnings} == {"displaced"}
    room = call_room(tt, EARLY, 30, minutes_per_call=2)
    assert room.in_blocks == 0 and room.squeezed and room.short == 0
    assert spans(room) == [
        ("10:30", "13:00", "field", 75, 30),
        ("15:00", "16:20", "field", 40, 0),
    ]


def test_a_packed_day_says_how_many_calls_fit_nowhere():
    tt = day_with(
        appt(1, at(9, 30), 90),
        appt(2, at(12, 0), 90),
        appt(3, at(14, 30), 90),
        appt(4, at(17, 0), 60),
    )
    room = call_room(tt, EARLY, 30, minutes_per_call=3)
    # Same area: 10 minutes' travel, so 20-minute field pieces are left between the
    # appointments, 6 calls each at 3 minutes a call; 12 of the 30 fit nowhere.
    assert room.in_blocks == 0
    assert spans(room) == [
        ("11:00", "11:20", "field", 6, 6),
        ("13:30", "13:50", "field", 6, 6),
        ("16:00", "16:20", "field", 6, 6),
    ]
    assert room.short == 12 and room.to_json()["short"] == 12
    # A 15-minute run is the least worth sitting down to: with 25 it is nowhere at all.
    assert call_room(tt, EARLY, 30, minutes_per_call=2, run_minutes=25).short == 30


def test_only_what_is_still_ahead_counts():
    tt = day_with(appt(1, at(9, 30)), appt(2, at(17, 0), area="海淀"), now=at(12, 0))
    room = call_room(tt, at(12, 0), 20, minutes_per_call=2)
    assert spans(room)[0][:2] == ("12:00", "16:00") and room.gaps[0].planned == 20
