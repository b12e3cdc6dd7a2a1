from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesplan.core.settings import Settings
from salesplan.core.template import Block, default_template, parse_template_toml
from salesplan.core.timetable import PlannedAppointment, build_timetable

MONDAY = date(2026, 11, 30)
SATURDAY = date(2026, 12, 5)
DEFAULTS = Settings()
WORKDAY = default_template()[0]
EVENING_BEFORE = datetime(2026, 11, 29, 20, 0)


def appt(id_, hhmm, minutes=60, area=None, day=MONDAY, **kw):
    h, m = map(int, hhmm.split(":"))
    return PlannedAppointment(
        id=id_,
        start=datetime(day.year, day.month, day.day, h, m),
        minutes=minutes,
        label=f"客户{id_}",
        area=area,
        **kw,
    )


def hm(slot_time):
    return slot_time.strftime("%H:%M")


def plan(*appts, day=MONDAY, blocks=WORKDAY, now=EVENING_BEFORE, settings_=DEFAULTS, calls_done=0):
    return build_timetable(day, list(appts), blocks, settings_, now, calls_done)


def slots_of(tt, kind):
    return [(hm(s.start), hm(s.end)) for s in tt.slots if s.kind == kind]


def test_the_domain_example_a_1400_meeting_with_30_minutes_travel_leaves_at_1300():
    tt = plan(appt(1, "14:00", area="朝阳"))
    meeting = next(s for s in tt.slots if s.kind == "appointment")
    assert hm(meeting.leave_by) == "13:00"
    assert slots_of(tt, "travel") == [("13:00", "13:30")]
    assert slots_of(tt, "buffer") == [("13:30", "14:00")]
    # The field block is cut around the window and the appointment.
    field = [(hm(s.start), hm(s.end)) for s in tt.slots if s.block_kind == "field"]
    assert field == [("09:30", "13:00"), ("15:00", "17:00")]
    assert tt.warnings == []


def test_an_0800_appointment_displaces_the_morning_meeting():
    tt = plan(appt(1, "08:00"))
    codes = [(w.code, w.appointment_ids) for w in tt.warnings]
    assert ("displaced", (1,)) in codes
    assert "Morning meeting" in tt.warnings[0].message
    labels = [s.label for s in tt.slots if s.kind == "block"]
    assert not any(label.startswith("Morning meeting") for label in labels)
    # 08:40-09:00 sync is also covered by the 08:00-09:00 appointment: displaced too.
    assert sum(1 for w in tt.warnings if w.code == "displaced") == 2
    assert slots_of(tt, "travel") == [("07:00", "07:30")]


def collisions(tt):
    return [(w.code, w.appointment_ids) for w in tt.warnings if w.code != "displaced"]


def test_two_appointments_30_minutes_apart_in_the_same_area_are_tight():
    # 10:00-11:00 then 11:30 in the same area: 10 min travel + 30 min buffer means leaving at
    # 10:50, ten minutes before the first one ends, so it is tight; 11:40 leaves at 11:00.
    tight = plan(appt(1, "10:00", area="望京"), appt(2, "11:30", area="望京"))
    assert collisions(tight) == [("tight", (1, 2))]
    assert "10 min before" in tight.warnings[0].message
    fine = plan(appt(1, "10:00", area="望京"), appt(2, "11:40", area="望京"))
    assert collisions(fine) == []
    second = [s for s in fine.slots if s.appointment_id == 2 and s.kind == "travel"]
    assert [(hm(s.start), hm(s.end)) for s in second] == [("11:00", "11:10")]  # 10 min, same area


def test_different_areas_use_the_full_travel_time():
    tt = plan(appt(1, "10:00", area="望京"), appt(2, "12:00", area="海淀"))
    second = next(s for s in tt.slots if s.appointment_id == 2 and s.kind == "appointment")
    assert hm(second.leave_by) == "11:00"


def test_overlapping_appointments_warn_overlap():
    tt = plan(appt(1, "10:00", minutes=90), appt(2, "11:00"))
    assert collisions(tt) == [("overlap", (1, 2))]


def test_explicit_travel_and_buffer_win_over_the_settings():
    tt = plan(appt(1, "14:00", travel=45, buffer=15))
    meeting = next(s for s in tt.slots if s.kind == "appointment")
    assert hm(meeting.leave_by) == "13:00"
    assert slots_of(tt, "travel") == [("13:00", "13:45")]


def test_an_evening_appointment_after_the_template_still_appears():
    tt = plan(appt(1, "21:00", area="三里屯"))
    assert slots_of(tt, "appointment") == [("21:00", "22:00")]
    assert slots_of(tt, "travel") == [("20:00", "20:30")]
    # The 20:00-20:30 review is covered by the travel: displaced.
    assert [w.code for w in tt.warnings] == ["displaced"]


def test_cancelled_appointments_take_no_time():
    tt = plan(appt(1, "14:00", status="cancelled"))
    assert slots_of(tt, "appointment") == []
    assert tt.warnings == []


def test_saturday_is_empty_unless_the_template_says_otherwise():
    assert plan(day=SATURDAY, blocks=default_template()[5]).slots == []
    template = parse_template_toml(
        'saturday = [{start = "09:00", end = "12:00", kind = "field", label = "展厅值班"}]'
    )
    tt = plan(appt(1, "10:00", day=SATURDAY, area="朝阳"), day=SATURDAY, blocks=template[5])
    field = [(hm(s.start), hm(s.end), s.label) for s in tt.slots if s.kind == "block"]
    assert field == [("11:00", "12:00", "展厅值班 · prospect near 朝阳")]


def test_field_time_is_labelled_with_the_nearby_areas():
    tt = plan(appt(1, "10:00", area="望京"), appt(2, "15:00", area="朝阳"))
    field = [
        (hm(s.start), hm(s.end), s.label.split(" · ", 1)[1], s.area)
        for s in tt.slots
        if s.block_kind == "field"
    ]
    # Between the two: the nearer one (望京 ended at 11:00; 朝阳 starts at 15:00) first.
    assert field == [
        ("11:00", "14:00", "prospect near 望京 · 朝阳", "望京"),
        ("16:00", "17:00", "prospect near 朝阳", "朝阳"),
    ]


def test_call_pacing_spreads_what_is_left_over_the_call_blocks_left():
    now = datetime(2026, 11, 30, 9, 10)  # ten minutes into the morning call block
    tt = plan(now=now, calls_done=12)
    paced = [s for s in tt.slots if s.pace is not None]
    assert [hm(s.start) for s in paced] == ["09:00", "17:00"]
    first, last = paced[0].pace, paced[1].pace
    assert (first.to_go, first.blocks_left) == (18, 2)
    # 18 calls over 10 + 60 minutes, in proportion: 2 now (one every 5 min), 16 at 17:00.
    assert (first.per_block, last.per_block) == (2, 16)
    assert first.minutes_per_call == pytest.approx(10 / 2)
    assert last.minutes_per_call == pytest.approx(60 / 16)
    assert tt.call_list_index == tt.slots.index(paced[0])
    late = plan(now=datetime(2026, 11, 30, 17, 30), calls_done=28)
    paced = [s for s in late.slots if s.pace is not None]
    assert [hm(s.start) for s in paced] == ["17:00"]
    assert (paced[0].pace.to_go, paced[0].pace.per_block) == (2, 2)


def test_a_20_minute_call_block_is_never_promised_more_calls_than_fit():
    # The reference day: 09:00–09:20 and 17:00–18:00 for 30 calls (issue 12's "~15 per block ·
    # one every 2.7 min" for the 20-minute block).
    paced = [s.pace for s in plan().slots if s.pace is not None]
    assert [(p.per_block, round(p.minutes_per_call, 1)) for p in paced] == [(7, 2.9), (23, 2.6)]
    assert paced[0].text() == "30 to go · ~7 in this block · one every 2.9 min"
    # At three minutes a call only 6 + 20 fit: the 4 left over are said, not crammed in.
    slow = Settings(minutes_per_call=3)
    paced = [s.pace for s in plan(settings_=slow).slots if s.pace is not None]
    assert [(p.per_block, p.unfit) for p in paced] == [(6, 4), (20, 4)]
    assert paced[0].text().endswith("· 4 more than the call blocks can hold")
    for p in paced:
        assert p.minutes_per_call >= slow.minutes_per_call


def test_on_a_dst_day_wall_clock_times_hold():
    # 2026-03-29 in Europe: clocks jump 02:00 → 03:00; the planner works in wall-clock time.
    sunday_work = [Block(8 * 60, 12 * 60, "field", "Field")]
    day = date(2026, 3, 29)
    tt = plan(appt(1, "10:00", day=day), day=day, blocks=sunday_work, now=datetime(2026, 3, 28, 20))
    meeting = next(s for s in tt.slots if s.kind == "appointment")
    assert hm(meeting.leave_by) == "09:00"
    assert slots_of(tt, "block") == [("08:00", "09:00"), ("11:00", "12:00")]


# --- properties ---------------------------------------------------------------------

appointments = st.lists(
    st.tuples(
        st.integers(6 * 60, 22 * 60),
        st.sampled_from([15, 30, 45, 60, 90, 120]),
        st.sampled_from([None, "朝阳", "望京"]),
        st.one_of(st.none(), st.integers(0, 60)),
        st.one_of(st.none(), st.integers(0, 45)),
    ),
    max_size=6,
)


def _build(raw):
    appts = [
        PlannedAppointment(
            id=i + 1,
            start=datetime(2026, 11, 30) + timedelta(minutes=start),
            minutes=length,
            label=f"c{i}",
            area=area,
            travel=travel,
            buffer=buffer,
        )
        for i, (start, length, area, travel, buffer) in enumerate(raw)
    ]
    return appts, plan(*appts)


@settings(max_examples=300, deadline=None)
@given(appointments)
def test_slots_are_sorted_and_only_warned_appointments_overlap(raw):
    _, tt = _build(raw)
    starts = [s.start for s in tt.slots]
    assert starts == sorted(starts)
    warned = {frozenset(w.appointment_ids) for w in tt.warnings if w.code in ("overlap", "tight")}
    for i, a in enumerate(tt.slots):
        for b in tt.slots[i + 1 :]:
            if b.start >= a.end:
                continue
            pair = frozenset((a.appointment_id, b.appointment_id))
            assert a.appointment_id and b.appointment_id and pair in warned, (a, b)


@settings(max_examples=300, deadline=None)
@given(appointments)
def test_every_window_holds_only_its_own_travel_and_buffer(raw):
    appts, tt = _build(raw)
    warned = {i for w in tt.warnings if w.code in ("overlap", "tight") for i in w.appointment_ids}
    for a in appts:
        meeting = next(s for s in tt.slots if s.kind == "appointment" and s.appointment_id == a.id)
        window = (meeting.leave_by, a.start)
        inside = [s for s in tt.slots if s.start < window[1] and s.end > window[0]]
        own = [s for s in inside if s.appointment_id == a.id]
        assert {s.kind for s in own} <= {"travel", "buffer"}
        assert sum(s.minutes for s in own) == int((window[1] - window[0]).total_seconds() // 60)
        if a.id not in warned:
            assert inside == own


def test_a_buffer_under_the_rule_is_allowed_but_warned():
    tt = plan(appt(1, "14:00", area="朝阳", buffer=0), appt(2, "16:00", area="望京", buffer=30))
    assert [(w.code, w.appointment_ids) for w in tt.warnings] == [("short-buffer", (1,))]
    assert (
        tt.warnings[0].message == "#1 客户1 keeps 0 min of slack before it, under the 30 min rule"
    )
    # The slot is as asked: no buffer slot, leave at 13:30 for the 30-minute drive.
    meeting = next(s for s in tt.slots if s.kind == "appointment" and s.appointment_id == 1)
    assert hm(meeting.leave_by) == "13:30"


def test_booking_warnings_name_only_the_new_appointment():
    from salesplan.core.timetable import booking_warnings

    day = [appt(1, "10:00", area="朝阳"), appt(2, "11:30", area="望京"), appt(3, "16:00")]
    # #2 needs leaving at 10:30 (30 travel + 30 buffer), while #1 runs to 11:00.
    assert [(w.code, w.appointment_ids) for w in booking_warnings(2, day, DEFAULTS)] == [
        ("tight", (1, 2))
    ]
    assert booking_warnings(3, day, DEFAULTS) == []
