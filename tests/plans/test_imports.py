"""The import, export and records plans on a store: what they add, skip, count and return."""

import json
import tempfile
from datetime import UTC, date, datetime, timedelta

import pytest

from salesplan.core.interchange import CalendarEvent, ImportCount, Record
from salesplan.errors import NotFound
from salesplan.formats.dump import parse_json, to_json
from salesplan.plans.exports import export_rows, export_tables
from salesplan.plans.imports import (
    cancel_vanished_series,
    check_contacts,
    import_contacts,
    import_dump,
    import_event_batch,
)
from salesplan.plans.records import (
    ExpenseView,
    add_expense,
    add_note,
    expenses_between,
    notes_of_kind,
)
from salesplan.store.db import Store

NOW = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)
TZ = UTC


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "s.db", NOW)


def records(*rows):
    return [Record(f"line {i + 2}", fields, raw=(str(i),)) for i, fields in enumerate(rows)]


def import_rows(store, rows, *, cold_list=None):
    """Check then write ``rows`` as the contacts import does; the count and the problems."""
    count, problems, steps = ImportCount(), [], []
    with tempfile.TemporaryFile() as spill:
        checked = check_contacts(
            records(*rows),
            count,
            spill,
            strict=False,
            report=lambda found, raw: problems.append((found.field, raw)),
            progress=steps.append,
        )
        with store.session(write=True) as s:
            import_contacts(
                spill,
                session=s,
                now_utc=NOW,
                count=count,
                progress=steps.append,
                cold_list=cold_list,
            )
    return checked, count, problems


def test_contacts_are_checked_into_the_spill_then_written_once(store):
    rows = (
        {"name": "王建国", "phone": "13912345678", "company": "华远"},
        {"name": "", "phone": "13900000000"},  # no name: refused
        {"name": "李娜", "email": "li@x.cn", "tier": "重点"},
    )
    checked, count, problems = import_rows(store, rows, cold_list="展会")
    assert checked == 2
    assert (count.added, count.skipped, count.rejected) == (2, 0, 1)
    assert problems == [("name", ("1",))]
    with store.session() as s:
        from salesplan.store.contacts import resolve_contact

        wang = resolve_contact("王建国", session=s)
        li = resolve_contact("李娜", session=s)
        assert (wang.phone, wang.company, wang.cold_list) == ("13912345678", "华远", "展会")
        assert (li.email, li.tier) == ("li@x.cn", "key")
    # The same rows again add nothing; a row with something new fills the contact in.
    _checked, again, _problems = import_rows(
        store, ({"name": "王建国", "phone": "139 1234 5678", "area": "朝阳"},)
    )
    assert (again.added, again.updated, again.skipped) == (0, 1, 0)
    with store.session() as s:
        assert resolve_contact("王建国", session=s).area == "朝阳"


def test_a_dump_exported_from_one_store_loads_into_another_once(store, tmp_path):
    import_rows(store, ({"name": "王建国", "phone": "13912345678"},))
    with store.session(write=True) as s:
        add_expense(
            session=s,
            amount=8650,
            category="travel",
            on=date(2026, 11, 30),
            contact="王建国",
            project=None,
            note="打车",
        )
    tables = export_tables()
    names = list(tables)
    assert names.index("contacts") < names.index("expenses")  # what is pointed to first
    with store.session() as s:
        data = export_rows(tables, list(tables), TZ, session=s)
    assert [r["name"] for r in data["contacts"]] == ["王建国"]
    assert [(r["amount"], r["note"]) for r in data["expenses"]] == [(86.5, "打车")]
    dump = parse_json(to_json(data), "all.json")

    other = Store(tmp_path / "other.db", NOW)
    steps = []
    with other.session(write=True) as s:
        first = import_dump(dump, session=s, replace_settings=False, progress=steps.append)
    assert first.added["contacts"] == 1 and first.added["expenses"] == 1
    assert list(first.added) == names  # the file's names, in its order
    assert first.settings_kept == () and first.controls_removed == 0
    assert sum(steps) == sum(first.added.values())
    with other.session(write=True) as s:
        second = import_dump(
            json.loads(json.dumps(dump)), session=s, replace_settings=False, progress=steps.append
        )
    assert not any(second.added.values())
    with other.session() as s:
        [expense] = expenses_between(date(2026, 11, 1), date(2026, 12, 1), session=s)
    assert isinstance(expense, ExpenseView)
    assert (expense.amount, expense.category, expense.note) == (8650, "travel", "打车")


def event(uid, day, title="拜访"):
    start = datetime(2026, 12, day, 2, 0, tzinfo=UTC)
    return CalendarEvent(uid, title, start, 60, None, "planned")


def test_calendar_batches_add_once_follow_a_move_and_cancel_what_vanished(store):
    window = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    events = [event("s/1", 2), event("s/2", 3), event("one", 4)]
    count, steps = ImportCount(), []
    with store.session(write=True) as s:
        done = import_event_batch(
            events, 0, count, session=s, now_utc=NOW, dry_run=False, progress=steps.append
        )
        assert done == 3 and steps == [3] and count.added == 3
        assert cancel_vanished_series({"s": False}, events, window, session=s, dry_run=False) == 0
    # The calendar moved one, dropped an occurrence of the series; a dry run only counts.
    later = [event("s/1", 2), event("one", 5)]
    for dry_run, cancelled in ((True, 1), (False, 1)):
        count = ImportCount()
        with store.session(write=True) as s:
            import_event_batch(
                later, 0, count, session=s, now_utc=NOW, dry_run=dry_run, progress=steps.append
            )
            gone = cancel_vanished_series({"s": False}, later, window, session=s, dry_run=dry_run)
        assert (count.added, count.updated, count.skipped, gone) == (0, 1, 1, cancelled)
    with store.session(write=True) as s:
        count = ImportCount()
        import_event_batch(
            later, 0, count, session=s, now_utc=NOW, dry_run=False, progress=steps.append
        )
        assert (count.updated, count.skipped) == (0, 2)
        # A series the file capped is not its whole: nothing of it is cancelled.
        assert cancel_vanished_series({"s": True}, [], window, session=s, dry_run=False) == 0


def test_expenses_and_notes_are_written_and_listed(store):
    import_rows(store, ({"name": "王建国", "phone": "13912345678"},))
    with store.session(write=True) as s:
        saved = add_expense(
            session=s,
            amount=32000,
            category="meal",
            on=date(2026, 11, 28),
            contact="王建国",
            project=None,
            note=None,
        )
        add_note(
            session=s, text="竞品降价10%", kind="competitor", on=date(2026, 11, 29), contact=None
        )
        add_note(
            session=s, text="周三起限行", kind="policy", on=date(2026, 11, 27), contact="王建国"
        )
        with pytest.raises(NotFound):
            add_expense(
                session=s,
                amount=1,
                category="other",
                on=date(2026, 11, 28),
                contact=None,
                project=99,
                note=None,
            )
    assert (saved.amount, saved.category, saved.contact_id, saved.project_id) == (
        32000,
        "meal",
        1,
        None,
    )
    with store.session() as s:
        first, last = date(2026, 11, 27), date(2026, 11, 30)
        assert [e.id for e in expenses_between(first, last, session=s)] == [saved.id]
        assert expenses_between(first, first, session=s) == []
        notes = notes_of_kind(first, last, None, session=s)
        assert [(n.kind, n.on, n.contact_id) for n in notes] == [
            ("policy", date(2026, 11, 27), 1),
            ("competitor", date(2026, 11, 29), None),
        ]
        assert [n.text for n in notes_of_kind(first, last, "competitor", session=s)] == [
            "竞品降价10%"
        ]
        assert notes_of_kind(first, last - timedelta(days=2), "competitor", session=s) == []


def test_the_demo_fills_an_empty_store_and_refuses_a_full_one(store):
    from salesplan.errors import BadInput
    from salesplan.plans.demo import demo_history, demo_start, write_demo
    from salesplan.plans.run import Moment, Run

    run = Run(db_option=str(store.path), moment=Moment(NOW), _store=store)
    with store.session() as s:
        start = demo_start(run, session=s)
    assert start.empty and start.now_utc == NOW
    data = demo_history(start, years=1, seed=7, force=False, label="s.db", chinese=True)
    steps = []
    with store.session(write=True) as s:
        counts = write_demo(data, start, session=s, progress=steps.append)
    assert counts["contacts"] > 0 and sum(steps) > 0
    with store.session() as s:
        again = demo_start(run, session=s)
        assert not again.empty
    with pytest.raises(BadInput, match="s.db already holds data"):
        demo_history(again, years=1, seed=7, force=False, label="s.db", chinese=True)
