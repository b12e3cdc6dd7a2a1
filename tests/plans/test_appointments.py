"""The appointment plans on a store: booking (and its warnings), the list, moving, keeping."""

from datetime import UTC, date, datetime

import pytest

from salesplan.core.settings import Settings
from salesplan.errors import BadInput
from salesplan.plans.appointments import (
    appointments_between,
    book_appointment,
    cancel_appointment,
    keep_appointment,
    move_appointment,
)
from salesplan.store.contacts import add_contact
from salesplan.store.db import Store

NOW = datetime(2026, 11, 30, 0, 5, tzinfo=UTC)  # Monday 2026-11-30 08:05 in Shanghai
TODAY = date(2026, 11, 30)
SETTINGS = Settings(timezone="Asia/Shanghai")


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "s.db", NOW)
    with store.session(write=True) as s:
        add_contact(
            {"name": "王建国", "phone": "13800138000", "area": "朝阳"}, session=s, now_utc=NOW
        )
    return store


def test_booking_a_contact_and_a_clash(store):
    with store.session(write=True) as s:
        first = book_appointment(
            "王建国", datetime(2026, 12, 1, 14, 0), SETTINGS, session=s, now_utc=NOW
        )
        appt = first.appointment
        assert (appt.id, appt.contact, appt.phone, appt.area, appt.minutes) == (
            1,
            "王建国",
            None,  # the phone is the list's
            "朝阳",
            60,
        )
        assert appt.start == datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
        assert first.warnings == ()
        second = book_appointment(
            None,
            datetime(2026, 12, 1, 14, 30),
            SETTINGS,
            session=s,
            now_utc=NOW,
            title="内部会议",
        )
        assert second.appointment.contact is None
        assert [w.code for w in second.warnings] == ["overlap"]
        with pytest.raises(BadInput):
            book_appointment(None, datetime(2026, 12, 2, 9, 0), SETTINGS, session=s, now_utc=NOW)


def test_the_list_moving_and_cancelling(store):
    with store.session(write=True) as s:
        book_appointment("王建国", datetime(2026, 12, 1, 9, 0), SETTINGS, session=s, now_utc=NOW)
        book_appointment("王建国", datetime(2026, 12, 3, 9, 0), SETTINGS, session=s, now_utc=NOW)
        moved = move_appointment(1, datetime(2026, 12, 4, 10, 0), SETTINGS, session=s, now_utc=NOW)
        assert moved.start == datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
        cancel_appointment(2, "客户出差", session=s, now_utc=NOW)
    with store.session() as s:
        onward = appointments_between(TODAY, None, SETTINGS, session=s)
        one_day = appointments_between(date(2026, 12, 4), date(2026, 12, 4), SETTINGS, session=s)
    assert [(a.id, a.status, a.phone) for a in onward] == [
        (2, "cancelled", "13800138000"),
        (1, "planned", "13800138000"),
    ]
    assert [a.id for a in one_day] == [1]


def test_keeping_one_logs_its_visit(store):
    with store.session(write=True) as s:
        book_appointment(
            "王建国",
            datetime(2026, 11, 30, 7, 0),
            SETTINGS,
            session=s,
            now_utc=NOW,
            minutes=90,
            title="方案讲解",
        )
        kept = keep_appointment(
            1, TODAY, SETTINGS, session=s, now_utc=NOW, outcome="order", next_date=date(2026, 12, 3)
        )
        with pytest.raises(BadInput):
            keep_appointment(1, TODAY, SETTINGS, session=s, now_utc=NOW)
    visit = kept.visit
    assert (visit.kind, visit.outcome, visit.note, visit.minutes, visit.appointment_id) == (
        "visit",
        "order",
        "方案讲解",
        90,
        1,
    )
    assert visit.at == datetime(2026, 11, 29, 23, 0, tzinfo=UTC)
    assert visit.next_date == date(2026, 12, 3)
    assert kept.progress.visits_today == 1
