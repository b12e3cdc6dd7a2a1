"""Imports: contacts (CSV, vCard), calendar events (.ics) and a salesplan JSON dump into the
store. A file is read and checked whole before the write lock is taken; the checked contact
rows wait in a temporary file meanwhile, and a calendar is written in short batches."""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from sqlmodel import Session

from salesplan.core.interchange import CalendarEvent, ImportCount, Problem, Record

# A calendar import writes its appointments in batches, each its own transaction holding the
# write lock for about WRITE_SECONDS (steps of EVENTS_PER_STEP until the time is up), and leaves
# the lock free between batches long enough for a waiting writer to take it.
WRITE_SECONDS = 0.4
EVENTS_PER_STEP = 50
LOCK_TURN_SECONDS = 0.15


def check_contacts(
    records: Iterable[Record],
    count: ImportCount,
    spill: IO[bytes],
    *,
    strict: bool,
    report: Callable[[Problem, tuple[str, ...]], None],
    progress: Callable[[int], None],
) -> int:
    """Check a file's contact rows without the store (``count`` counts what is refused or
    dropped, ``report`` hears of each), writing the checked rows to ``spill``, which is left
    at its start; returns how many rows were checked."""
    from salesplan.store.contact_rows import check_contact_rows

    checked = 0
    for row in check_contact_rows(records, count, strict=strict, report=report):
        pickle.dump(row, spill, protocol=pickle.HIGHEST_PROTOCOL)
        checked += 1
        progress(1)
    spill.seek(0)
    return checked


def import_contacts(
    spill: IO[bytes],
    *,
    session: Session,
    now_utc: datetime,
    count: ImportCount,
    progress: Callable[[int], None],
    cold_list: str | None,
) -> None:
    """Write the rows ``check_contacts`` held in ``spill``: new contacts added (tagged as the
    cold list ``cold_list`` when given), those the store has filled in; counted in ``count``."""
    from salesplan.store.contact_import import import_contacts as store_import

    store_import(
        _unspilled(spill),
        session=session,
        now_utc=now_utc,
        count=count,
        progress=progress,
        cold_list=cold_list,
    )


def _unspilled(spill: IO[bytes]) -> Iterator[Any]:
    """The checked rows a contacts import wrote to ``spill``, read back one at a time."""
    while True:
        try:
            yield pickle.load(spill)
        except EOFError:
            return


def import_event_batch(
    events: Sequence[CalendarEvent],
    done: int,
    count: ImportCount,
    *,
    session: Session,
    now_utc: datetime,
    dry_run: bool,
    progress: Callable[[int], None],
) -> int:
    """Write the calendar's ``events`` from the ``done``-th on, as many as fit in
    WRITE_SECONDS however busy the machine (counted in ``count``); how many are done now."""
    from salesplan.store.calendar_import import import_events

    began = time.monotonic()
    while done < len(events) and time.monotonic() - began < WRITE_SECONDS:
        part = events[done : done + EVENTS_PER_STEP]
        count.merge(import_events(part, session=session, now_utc=now_utc, dry_run=dry_run))
        done += len(part)
        progress(len(part))
    return done


def cancel_vanished_series(
    series: dict[str, bool],
    events: Sequence[CalendarEvent],
    window: tuple[datetime, datetime],
    *,
    session: Session,
    dry_run: bool,
) -> int:
    """Cancel the occurrences the calendar no longer holds, of the series the file holds whole
    in the window (``series``: each UID, and whether the file capped it); how many."""
    from salesplan.store.calendar_import import cancel_vanished

    return cancel_vanished(
        [uid for uid, capped in series.items() if not capped],
        {ev.uid for ev in events},
        window,
        session=session,
        dry_run=dry_run,
    )


@dataclass(frozen=True)
class DumpImport:
    """What a JSON import added, by table as a file names it (in the file's order); the
    settings where the store's value was kept; the control characters removed."""

    added: dict[str, int]
    settings_kept: tuple[str, ...]
    controls_removed: int


def import_dump(
    data: Any,
    *,
    session: Session,
    replace_settings: bool,
    progress: Callable[[int], None],
) -> DumpImport:
    """Add what the parsed JSON export ``data`` holds, all or nothing, nothing twice; a setting
    the store has keeps the store's value unless ``replace_settings``."""
    from salesplan.formats.dump import file_name, read_export
    from salesplan.store.dump_load import load
    from salesplan.store.interchange import table_shapes

    shapes = table_shapes()
    result = load(
        read_export(data, shapes),
        session=session,
        replace_settings=replace_settings,
        progress=progress,
    )
    names = {shape.table: file_name(shape) for shape in shapes}
    return DumpImport(
        added={names[table]: n for table, n in result.added.items()},
        settings_kept=tuple(result.settings_kept),
        controls_removed=result.controls_removed,
    )
