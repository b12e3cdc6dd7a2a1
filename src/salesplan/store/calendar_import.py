"""Calendar events written as appointments: an event imported once, following the calendar
when it moves, retitles or cancels one since; the occurrences a calendar dropped cancelled."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from salesplan.core.interchange import (
    CalendarEvent,
    ImportCount,
)
from salesplan.core.validate import strip_controls
from salesplan.models import Appointment


def import_events(
    events: Sequence[CalendarEvent],
    *,
    session: Session,
    now_utc: datetime,
    dry_run: bool = False,
) -> ImportCount:
    """Calendar events as appointments. An event already imported (same UID, and for an
    occurrence of a series the time it stands for) is skipped when nothing changed; when the
    calendar moved it, retitled it or cancelled it since, the appointment follows (counted as
    updated) unless it is already done. ``events`` hold each UID once (a batch of a file);
    under ``dry_run`` nothing is written, only counted."""
    from salesplan.store.appointments import add_appointment

    held_by_uid: dict[str, Appointment] = {}
    uids = [ev.uid for ev in events]
    for start in range(0, len(uids), _IN_LIST):
        held_by_uid.update(
            (appt.uid, appt)
            for appt in session.exec(
                select(Appointment).where(col(Appointment.uid).in_(uids[start : start + _IN_LIST]))
            )
            if appt.uid is not None
        )
    count = ImportCount()
    for ev in events:
        held = held_by_uid.get(ev.uid)
        if held is not None:
            # What was done, or cancelled here, stays as the store has it.
            settled = held.status == "done" or (
                held.status == "cancelled" and ev.status != "cancelled"
            )
            if not settled and _event_changed(held, ev):
                if not dry_run:
                    held.start = ev.start
                    held.minutes = ev.minutes
                    held.title = strip_controls(ev.title)[0].strip()[:200] or "(no title)"
                    held.status = ev.status
                    session.add(held)
                count.updated += 1
            else:
                count.skipped += 1
            continue
        title, removed = strip_controls(ev.title)
        location, removed_too = strip_controls(ev.location) if ev.location else (None, 0)
        count.controls_removed += removed + removed_too
        count.added += 1
        if dry_run:
            continue
        add_appointment(
            session=session,
            start_utc=ev.start,
            now_utc=now_utc,
            contact=None,
            minutes=ev.minutes,
            location=location,
            title=title.strip()[:200] or "(no title)",
            uid=ev.uid,
            status=ev.status,
        )
    session.flush()
    return count


# Values in one SQL IN list (SQLite's limit on parameters is far above).
_IN_LIST = 500


def cancel_vanished(
    series: Iterable[str],
    kept: set[str],
    window: tuple[datetime, datetime],
    *,
    session: Session,
    dry_run: bool = False,
) -> int:
    """Occurrences imported earlier from a repeating series of ``series`` that the calendar no
    longer holds (an EXDATE added, the rule changed), inside ``window`` and still planned, are
    cancelled; ``kept`` are the occurrence UIDs the file holds now. Returns how many."""
    wanted = set(series)
    if not wanted:
        return 0
    gone = [
        appt
        for appt in session.exec(
            select(Appointment).where(
                col(Appointment.uid).is_not(None),
                col(Appointment.status) == "planned",
                col(Appointment.start) >= window[0],
                col(Appointment.start) < window[1],
            )
        )
        if appt.uid is not None and appt.uid not in kept and appt.uid.rpartition("/")[0] in wanted
    ]
    if not dry_run:
        for appt in gone:
            appt.status = "cancelled"
            session.add(appt)
        session.flush()
    return len(gone)


def _event_changed(held: Appointment, ev: CalendarEvent) -> bool:
    start = held.start if held.start.tzinfo else held.start.replace(tzinfo=UTC)
    title = strip_controls(ev.title)[0].strip()[:200] or "(no title)"
    return (
        start != ev.start
        or held.minutes != ev.minutes
        or held.status != ev.status
        or (held.title or "") != title
    )
