"""The store's side of exports and imports: the tables as the schema declares them, their
rows, and adding what a file holds — all-or-nothing (the caller's transaction) and idempotent.

A row identical to one already in the store (every field but the id) is taken to be that row,
so importing the same file twice adds nothing. How values are written in a file is the
formats' business (``salesplan.formats``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from salesplan.core.interchange import CalendarEvent, Column, ColumnKind, Record, TableShape
from salesplan.errors import BadInput
from salesplan.models import Appointment, Contact, Table, UTCDateTime, load_all
from salesplan.store.contacts import check_fields

# The store's own bookkeeping, never exported.
_INTERNAL = ("schema_info",)


def _models() -> dict[str, Any]:
    load_all()
    return {str(model.__tablename__): model for model in Table.__subclasses__()}


def table_shapes() -> list[TableShape]:
    """Every table a full export holds, foreign keys first (the schema's own order)."""
    _models()
    return [
        TableShape(
            table=table.name,
            columns=tuple(Column(c.name, _kind(c)) for c in table.columns),
            primary_key=tuple(c.name for c in table.primary_key.columns),
            refs={
                c.name: next(iter(c.foreign_keys)).column.table.name
                for c in table.columns
                if c.foreign_keys
            },
        )
        for table in SQLModel.metadata.sorted_tables
        if table.name not in _INTERNAL
    ]


def _kind(column: Any) -> ColumnKind:
    if isinstance(column.type, UTCDateTime):
        return "instant"
    if column.name == "amount":  # money: integer minor units
        return "money"
    python_type = column.type.python_type
    if python_type is date:
        return "date"
    if python_type is bool:
        return "bool"
    if python_type is int:
        return "int"
    return "text"


def dump_rows(shape: TableShape, *, session: Session) -> Iterator[dict[str, Any]]:
    """A table's rows as Python values, in key order."""
    model = _models()[shape.table]
    order = [col(getattr(model, c)) for c in shape.primary_key]
    for row in session.exec(select(model).order_by(*order)):
        yield {c.name: getattr(row, c.name) for c in shape.columns}


def load(
    tables: Iterable[tuple[TableShape, Iterable[tuple[str, dict[str, Any]]]]],
    *,
    session: Session,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Add the records of an export, table by table in foreign-key order: returns rows added
    per table. A record's ids are mapped to the ids its referenced rows got here. Raises
    BadInput naming the record."""
    models = _models()
    referenced = {target for shape in table_shapes() for target in shape.refs.values()}
    new_ids: dict[str, dict[int, int]] = {}
    added: dict[str, int] = {}
    for shape, records in tables:
        model = models[shape.table]
        pk = list(shape.primary_key)
        compared = tuple(c.name for c in shape.columns if c.name not in pk)
        existing: dict[tuple[Any, ...], list[Any]] = {}
        for row in session.exec(select(model)).all():
            existing.setdefault(_key(row, compared), []).append(row)
        ids = new_ids.setdefault(shape.table, {})
        count = 0
        for where, values in records:
            for column, target in shape.refs.items():
                if values.get(column) is not None:
                    old = values[column]
                    if old not in new_ids.get(target, {}):
                        raise BadInput(f"{where}: {column} {old} is not in the export's {target}")
                    values[column] = new_ids[target][old]
            if shape.table == "contact":
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
                    ids[old_id] = match.id
                continue
            session.add(record)
            if shape.table in referenced:
                session.flush()  # its new id is needed by the rows that point to it
            count += 1
            if old_id is not None:
                ids[old_id] = record.id
            if progress:
                progress(1)
        session.flush()
        added[shape.table] = count
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
        if e
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


def import_events(
    events: Iterable[CalendarEvent], *, session: Session, now_utc: datetime
) -> tuple[int, int]:
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
