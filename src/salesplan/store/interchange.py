"""The whole store as plain data (export) and back (import), all-or-nothing and idempotent.

The JSON export holds every table with instants as ISO times with their UTC offset and amounts
as numbers, so export → import into an empty store → export gives the same document. A row
identical to one already in the store (every field but the id) is taken to be that row, so
importing the same file twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from sqlmodel import Session, col, select

from salesplan.core.interchange import Record
from salesplan.core.money import parse_amount, to_number
from salesplan.errors import BadInput
from salesplan.models import (
    Absence,
    Activity,
    Appointment,
    AppointmentChange,
    Contact,
    Event,
    Expense,
    Note,
    Payment,
    Project,
    ProjectDate,
    ProjectStage,
    Setting,
    UTCDateTime,
)
from salesplan.store.contacts import check_fields

# name in the file → (model, {column: table it points to}), in foreign-key order.
TABLES: dict[str, tuple[Any, dict[str, str]]] = {
    "contacts": (Contact, {}),
    "appointments": (Appointment, {"contact_id": "contacts"}),
    "projects": (Project, {"contact_id": "contacts"}),
    "log": (
        Activity,
        {"contact_id": "contacts", "appointment_id": "appointments", "project_id": "projects"},
    ),
    "appointment_history": (AppointmentChange, {"appointment_id": "appointments"}),
    "project_stages": (ProjectStage, {"project_id": "projects"}),
    "project_dates": (ProjectDate, {"project_id": "projects"}),
    "payments": (Payment, {"project_id": "projects"}),
    "expenses": (Expense, {"contact_id": "contacts", "project_id": "projects"}),
    "notes": (Note, {"contact_id": "contacts"}),
    "events": (Event, {}),
    "absences": (Absence, {}),
    "settings": (Setting, {}),
}
CSV_TABLES = ("contacts", "log", "appointments", "projects")
REFERENCED = {target for _, refs in TABLES.values() for target in refs.values()}
_MONEY = "amount"


def _columns(model: Any) -> list[Any]:
    return list(model.__table__.columns)


def _to_plain(column: Any, value: Any, tz: tzinfo) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return value.astimezone(tz).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if column.name == _MONEY and isinstance(value, int):
        return to_number(value)
    return value


def _from_plain(column: Any, value: Any, where: str) -> Any:
    if value is None:
        return None
    try:
        if isinstance(column.type, UTCDateTime):
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise ValueError("no UTC offset")
            return parsed
        python_type = column.type.python_type
        if python_type is date:
            return date.fromisoformat(value)
        if column.name == _MONEY:
            return parse_amount(value, what=f"{where} amount")
        if python_type is bool:
            if not isinstance(value, bool):
                raise ValueError("not true/false")
            return value
        if python_type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError("not a whole number")
            return value
        if python_type is str:
            if not isinstance(value, str):
                raise ValueError("not text")
            if "\x00" in value:
                raise ValueError("NUL character")
            return value
    except (ValueError, TypeError) as exc:
        raise BadInput(f"{where}: bad {column.name} {value!r}: {exc}") from None
    return value


def dump(names: Iterable[str], tz: tzinfo, *, session: Session) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        model = TABLES[name][0]
        columns = _columns(model)
        order = [col(c) for c in model.__table__.primary_key.columns]
        rows = session.exec(select(model).order_by(*order)).all()
        out[name] = [{c.name: _to_plain(c, getattr(r, c.name), tz) for c in columns} for r in rows]
    return out


def load(
    data: dict[str, Any], *, session: Session, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Import a JSON export: returns rows added per table. Raises BadInput naming the record."""
    if not isinstance(data, dict) or data.get("format") != "salesplan-export":
        raise BadInput('not a salesplan export: the JSON has no "format": "salesplan-export"')
    unknown = set(data) - set(TABLES) - {"format", "version"}
    if unknown:
        raise BadInput(f"unknown table {sorted(unknown)[0]!r} in the export")
    new_ids: dict[str, dict[int, int]] = {name: {} for name in TABLES}
    added: dict[str, int] = {}
    for name, (model, refs) in TABLES.items():
        rows = data.get(name) or []
        if not isinstance(rows, list):
            raise BadInput(f"{name} in the export must be a list")
        columns = {c.name: c for c in _columns(model)}
        pk = [c.name for c in model.__table__.primary_key.columns]
        compared = tuple(c for c in columns if c not in pk)
        existing: dict[tuple[Any, ...], list[Any]] = {}
        for row in session.exec(select(model)).all():
            existing.setdefault(_key(row, compared), []).append(row)
        count = 0
        for n, raw in enumerate(rows, 1):
            where = f"{name} record {n}"
            if not isinstance(raw, dict):
                raise BadInput(f"{where}: not an object")
            extra = set(raw) - set(columns)
            if extra:
                raise BadInput(f"{where}: unknown field {sorted(extra)[0]!r}")
            values = {k: _from_plain(columns[k], v, where) for k, v in raw.items()}
            for column, target in refs.items():
                if values.get(column) is not None:
                    old = values[column]
                    if old not in new_ids[target]:
                        raise BadInput(f"{where}: {column} {old} is not in the export's {target}")
                    values[column] = new_ids[target][old]
            if name == "contacts":
                check_fields(
                    {
                        k: values.get(k)
                        for k in ("name", "tier", "status")
                        if values.get(k) is not None
                    }
                )
            old_id = values.pop("id", None) if pk == ["id"] else None
            record = model(**values)
            # A row identical to one already there (and not yet matched) is that row.
            twins = existing.get(_key(record, compared))
            if twins:
                match = twins.pop()
                if old_id is not None:
                    new_ids[name][old_id] = match.id
                continue
            session.add(record)
            if name in REFERENCED:
                session.flush()  # its new id is needed by the rows that point to it
            count += 1
            if old_id is not None:
                new_ids[name][old_id] = record.id
            if progress:
                progress(1)
        session.flush()
        added[name] = count
    return added


def _key(record: Any, columns: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(
        getattr(record, c).astimezone(UTC)
        if isinstance(getattr(record, c), datetime)
        else getattr(record, c)
        for c in columns
    )


def import_contacts(
    records: Iterable[Record],
    *,
    session: Session,
    now_utc: datetime,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Add contacts not already in the store (matched on phone or email). All rows are
    checked before anything is kept; the caller's transaction makes it all-or-nothing."""
    phones = set(session.exec(select(Contact.phone).where(col(Contact.phone).is_not(None))).all())
    emails = {
        e.lower()
        for e in session.exec(select(Contact.email).where(col(Contact.email).is_not(None))).all()
    }
    added: list[dict[str, Any]] = []
    skipped = 0
    for record in records:
        try:
            values = check_fields(record.fields)
        except BadInput as exc:
            raise BadInput(f"{record.where}: {exc}") from None
        if "name" not in values:
            raise BadInput(f"{record.where}: no name")
        phone, email = values.get("phone"), (values.get("email") or "").lower() or None
        if (phone and phone in phones) or (email and email in emails):
            skipped += 1
            continue
        session.add(Contact(**values, created_at=now_utc))
        if phone:
            phones.add(phone)
        if email:
            emails.add(email)
        added.append(values)
        if progress:
            progress(1)
    session.flush()
    return added, skipped


def import_events(events: Iterable[Any], *, session: Session, now_utc: datetime) -> tuple[int, int]:
    """Calendar events as appointments; an event already imported (same UID) is skipped."""
    from salesplan.store.appointments import add_appointment

    known = set(
        session.exec(select(Appointment.uid).where(col(Appointment.uid).is_not(None))).all()
    )
    added = skipped = 0
    for ev in events:
        if ev.uid in known:
            skipped += 1
            continue
        appt = add_appointment(
            session=session,
            start_utc=ev.start,
            now_utc=now_utc,
            contact=None,
            minutes=ev.minutes,
            location=ev.location,
            title=ev.title[:200],
        )
        appt.uid = ev.uid
        appt.status = ev.status
        session.add(appt)
        known.add(ev.uid)
        added += 1
    session.flush()
    return added, skipped
