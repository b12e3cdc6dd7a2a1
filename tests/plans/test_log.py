"""Logging a contact as the plan does it for ``log call`` and the call block alike: the entry,
the contact's derived columns, the promise and whether it was kept; the log's other plans."""

from datetime import UTC, date, datetime, timedelta

import pytest

from salesplan.core.settings import Settings
from salesplan.errors import BadInput, NotFound
from salesplan.models import Appointment, Contact
from salesplan.plans.followups import collect_due
from salesplan.plans.log import (
    Card,
    ContactLog,
    EntryEdit,
    edit_entry,
    log_contact,
    log_entries,
    remove_entry,
    undo_last,
)
from salesplan.store.contacts import add_contact
from salesplan.store.db import ServerStore, Store

SHANGHAI = Settings(timezone="Asia/Shanghai")
TZ = SHANGHAI.tz
MONDAY = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai
FRIDAY = date(2026, 12, 4)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return Store(tmp_path / "s.db", MONDAY)
    return ServerStore(request.getfixturevalue("server_db"), MONDAY)


def _wang(store) -> int:
    with store.session(write=True) as s:
        c = add_contact({"name": "王建国", "phone": "13911112222"}, session=s, now_utc=MONDAY)
        assert c.id is not None
        return c.id


def _log(store, request: ContactLog, at: datetime, next_date: date | None = None):
    with store.session(write=True) as s:
        return log_contact(request, session=s, at_utc=at, now_utc=at, next_date=next_date)


def _contact(store, cid: int) -> tuple:
    with store.session() as s:
        c = s.get(Contact, cid)
        assert c is not None
        last = c.last_contact_at.astimezone(UTC) if c.last_contact_at else None
        promise = c.promise_at.astimezone(UTC) if c.promise_at else None
        return last, c.last_kind, promise, c.next_date


def _explicit_due(store, day: date) -> list[str]:
    with store.session() as s:
        items = collect_due(day, SHANGHAI, session=s)
    return [i.contact for i in items if i.rule == "explicit"]


def test_a_promise_is_logged_derived_and_kept(store):
    cid = _wang(store)
    callback = ContactLog("call", ref="王建国", outcome="callback", note="周五再打")
    logged = _log(store, callback, MONDAY, FRIDAY)
    entry = logged.entry
    assert (entry.kind, entry.contact, entry.contact_id) == ("call", "王建国", cid)
    assert (entry.outcome, entry.note, entry.next_date) == ("callback", "周五再打", FRIDAY)
    assert entry.at.astimezone(UTC) == MONDAY
    assert logged.appointment_id is None and logged.progress is None
    # The callback reached him and promised Friday.
    assert _contact(store, cid) == (MONDAY, "call", MONDAY, FRIDAY)
    assert _explicit_due(store, FRIDAY) == ["王建国"]

    # Nobody answers on Tuesday: not a real contact, the promise stands.
    tuesday = MONDAY + timedelta(days=1)
    _log(store, ContactLog("call", ref=f"#{cid}", outcome="no-answer"), tuesday)
    assert _contact(store, cid) == (MONDAY, "call", MONDAY, FRIDAY)
    assert _explicit_due(store, FRIDAY) == ["王建国"]

    # A visit on Thursday, the workday before Friday, keeps it.
    thursday = MONDAY + timedelta(days=3)
    _log(store, ContactLog("visit", ref="王建国"), thursday)
    assert _contact(store, cid) == (thursday, "visit", MONDAY, FRIDAY)
    assert _explicit_due(store, FRIDAY) == []

    # Undone, the visit no longer keeps it: the log says so again.
    with store.session(write=True) as s:
        gone = undo_last(session=s, now_utc=thursday)
    assert (gone.kind, gone.contact, gone.outcome) == ("visit", "王建国", "reached")
    assert _contact(store, cid) == (MONDAY, "call", MONDAY, FRIDAY)
    assert _explicit_due(store, FRIDAY) == ["王建国"]


def test_the_call_block_books_and_logs_through_the_same_plan(store):
    cid = _wang(store)
    start = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)  # Wednesday 14:00 in Shanghai
    with store.session(write=True) as s:
        logged = log_contact(
            ContactLog("call", outcome="appointment", note="周三面谈", contact_id=cid),
            session=s,
            at_utc=MONDAY,
            now_utc=MONDAY,
            next_date=date(2026, 12, 2),
            book_at_utc=start,
        )
        appt = s.get(Appointment, logged.appointment_id)
        assert appt is not None and appt.contact_id == cid
        assert appt.start.astimezone(UTC) == start
    assert (logged.entry.kind, logged.entry.outcome, logged.entry.contact) == (
        "call",
        "appointment",
        "王建国",
    )
    assert logged.entry.next_date == date(2026, 12, 2)
    assert _contact(store, cid) == (MONDAY, "call", MONDAY, date(2026, 12, 2))


def test_new_and_cold_contacts_and_progress(store):
    with store.session(write=True) as s:
        new = log_contact(
            ContactLog("visit", new="刘洋", card=Card("13911113333", "望京")),
            session=s,
            at_utc=MONDAY,
            now_utc=MONDAY,
            progress=(date(2026, 11, 30), SHANGHAI),
        )
        cold = log_contact(
            ContactLog("call", outcome="no-answer", card=Card("010-6666 7777")),
            session=s,
            at_utc=MONDAY,
            now_utc=MONDAY,
        )
        wrong = log_contact(
            ContactLog("call", outcome="wrong-number", card=Card("010-6666 8888")),
            session=s,
            at_utc=MONDAY,
            now_utc=MONDAY,
        )
        liu = s.get(Contact, new.entry.contact_id)
        assert liu is not None and (liu.phone, liu.area) == ("13911113333", "望京")
        lead = s.get(Contact, cold.entry.contact_id)
        assert lead is not None and lead.status == "lead"
    assert new.entry.contact == "刘洋"
    assert new.progress is not None
    assert (new.progress.visits_today, new.progress.calls_today) == (1, 0)
    assert cold.entry.contact is not None and cold.entry.outcome == "no-answer"
    assert wrong.entry.contact is None and wrong.entry.contact_id is None


def test_the_request_is_checked_before_the_store_opens():
    assert ContactLog("email").outcome == "sent"
    assert ContactLog("call").outcome == "reached"
    assert ContactLog("meeting", minutes=90).minutes == 90
    assert ContactLog("call", card=Card("13911112222")).cold_number
    assert not ContactLog("visit", new="刘洋", card=Card("13911112222")).cold_number
    with pytest.raises(BadInput, match="not both"):
        ContactLog("call", ref="王建国", new="刘洋")
    with pytest.raises(BadInput, match="go with --new"):
        ContactLog("visit", card=Card(area="望京"))
    with pytest.raises(BadInput, match="--template goes with log email"):
        ContactLog("call", template="初次介绍")
    with pytest.raises(BadInput, match="outcome"):
        ContactLog("call", outcome="maybe")


def test_list_edit_and_remove(store):
    cid = _wang(store)
    first = _log(store, ContactLog("call", ref="王建国", outcome="busy"), MONDAY).entry
    second = _log(store, ContactLog("email"), MONDAY + timedelta(days=1)).entry
    with store.session() as s:
        monday = log_entries(date(2026, 11, 30), date(2026, 11, 30), TZ, session=s)
        both = log_entries(date(2026, 11, 30), date(2026, 12, 1), TZ, session=s)
        his = log_entries(date(2026, 11, 30), date(2026, 12, 1), TZ, session=s, contact="王建国")
    assert [e.id for e in monday] == [first.id]
    assert {e.id for e in both} == {first.id, second.id}
    assert [(e.id, e.contact) for e in his] == [(first.id, "王建国")]

    asked: list[str] = []

    def friday() -> date:
        asked.append("next")
        return FRIDAY

    with store.session(write=True) as s, pytest.raises(NotFound):
        edit_entry(999, EntryEdit(next_date=friday), session=s)
    assert asked == []  # an unknown id is said before the date is read
    with store.session(write=True) as s:
        edited = edit_entry(
            first.id, EntryEdit(outcome="reached", next_date=friday, note="改了"), session=s
        )
    assert (edited.outcome, edited.note, edited.next_date) == ("reached", "改了", FRIDAY)
    assert _contact(store, cid) == (MONDAY, "call", MONDAY, FRIDAY)
    with store.session(write=True) as s, pytest.raises(BadInput, match="nothing to change"):
        edit_entry(first.id, EntryEdit(), session=s)

    with store.session(write=True) as s:
        assert remove_entry(first.id, session=s, now_utc=MONDAY) == "call"
    assert _contact(store, cid) == (None, None, None, None)
