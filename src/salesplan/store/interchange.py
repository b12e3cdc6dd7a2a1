"""The store's side of exports and imports: the tables as the schema declares them, their
rows, and adding what a file holds — all-or-nothing (the caller's transaction) and idempotent.

A row identical to one already in the store (every field but the id) is taken to be that row,
so importing the same file twice adds nothing. How values are written in a file is the
formats' business (``salesplan.formats``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column as SAColumn
from sqlalchemy import Index, LargeBinary, MetaData
from sqlalchemy import Table as SATable
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, func, select

from salesplan.core.interchange import (
    CalendarEvent,
    Column,
    ColumnKind,
    ImportCount,
    Record,
    TableShape,
)
from salesplan.core.validate import CONTACT_FIELDS, strip_controls
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.models import Appointment, Contact, Table, UTCDateTime, load_all
from salesplan.store.contacts import check_fields

# The store's own bookkeeping, never exported: the schema version, search keys (made again
# from the contacts on import) and the undo records of contact merges.
_INTERNAL = ("schema_info", "contact_key", "contact_merge")


def _models() -> dict[str, Any]:
    load_all()
    return {str(model.__tablename__): model for model in Table.__subclasses__()}


def table_shapes() -> list[TableShape]:
    """Every table a full export holds, foreign keys first (the schema's own order)."""
    _models()
    return [
        TableShape(
            table=table.name,
            columns=tuple(Column(c.name, _kind(c), _required(c)) for c in table.columns),
            primary_key=tuple(c.name for c in table.primary_key.columns),
            # A contact's merged_into points into its own table: load() sets it afterwards.
            refs={
                c.name: next(iter(c.foreign_keys)).column.table.name
                for c in table.columns
                if c.foreign_keys and next(iter(c.foreign_keys)).column.table is not table
            },
        )
        for table in SQLModel.metadata.sorted_tables
        if table.name not in _INTERNAL
    ]


def _required(column: Any) -> bool:
    return not column.nullable and column.default is None and not column.primary_key


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
    try:
        for row in session.exec(select(model).order_by(*order)):
            yield {c.name: getattr(row, c.name) for c in shape.columns}
    except ValueError:  # a value SQLite holds that the column's type cannot read back
        raise _malformed(shape, session=session) from None


def _malformed(shape: TableShape, *, session: Session) -> BadInput:
    """Which row could not be read, by its key (never the value: it may be personal data)."""
    dated = [c.name for c in shape.columns if c.kind in ("instant", "date")]
    key = ", ".join(f'"{k}"' for k in shape.primary_key)
    if dated:
        names = ", ".join(f'"{c}"' for c in dated)
        raw = session.connection().exec_driver_sql(
            f'SELECT {key}, {names} FROM "{shape.table}" ORDER BY {key}'
        )
        width = len(shape.primary_key)
        for row in raw:
            for name, value in zip(dated, row[width:], strict=True):
                if _reads_as_a_date(value):
                    continue
                return BadInput(
                    _(
                        "cannot export: row {id} of {table} holds a malformed date-time in {column}; correct or delete that row"
                    ).format(
                        id="/".join(str(v) for v in row[:width]), table=shape.table, column=name
                    )
                )
    return BadInput(
        _("cannot export: a row of {table} holds a value that cannot be read").format(
            table=shape.table
        )
    )


def _reads_as_a_date(value: Any) -> bool:
    if value is None or isinstance(value, date | datetime):
        return True
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        return False
    return True


@dataclass
class LoadResult:
    added: dict[str, int] = field(default_factory=dict)  # table → rows added
    settings_kept: list[str] = field(default_factory=list)  # the store's value was kept
    controls_removed: int = 0


def load(
    tables: Iterable[tuple[TableShape, Iterable[tuple[str, dict[str, Any]]]]],
    *,
    session: Session,
    replace_settings: bool = False,
    progress: Callable[[int], None] | None = None,
) -> LoadResult:
    """Add the records of an export, table by table in foreign-key order. A record's ids are
    mapped to the ids its referenced rows got here. Every value is checked as the command that
    writes it checks it; a bad record raises BadInput naming it. A setting the store already
    has keeps the store's value unless ``replace_settings``."""
    models = _models()
    referenced = {target for shape in table_shapes() for target in shape.refs.values()}
    # Every record is checked before the first is written: a refused file leaves nothing
    # behind, not even a server's sequence moved on.
    # A checked row is held as a flat tuple (its field names, shared by every row that has the
    # same ones, then its values): a third of a dict's size, so a file of many small records
    # stays within a small multiple of its own size.
    checked: list[tuple[TableShape, list[tuple[Any, ...]]]] = []
    field_sets: dict[tuple[str, ...], tuple[str, ...]] = {}
    seen_ids: dict[str, set[Any]] = {}
    result = LoadResult()
    for shape, records in tables:
        required = [c.name for c in shape.columns if c.required]
        if shape.primary_key != ("id",):  # a row keyed by a value (a day, a setting) needs it
            required += [name for name in shape.primary_key if name not in required]
        rows: list[tuple[Any, ...]] = []
        ids_here = seen_ids.setdefault(shape.table, set())
        for where, raw in records:
            missing = [name for name in required if raw.get(name) is None]
            if missing:
                raise BadInput(_("{where}: no {missing}").format(where=where, missing=missing[0]))
            values, removed = check_row(shape.table, raw, where)
            result.controls_removed += removed
            for column, target in shape.refs.items():
                old = values.get(column)
                if old is not None and old not in seen_ids.get(target, ()):
                    raise BadInput(
                        _("{where}: {column} {old} is not in the export's {target}").format(
                            where=where, column=column, old=old, target=target
                        )
                    )
            if values.get("id") is not None:
                ids_here.add(values["id"])
            names = tuple(values)
            rows.append((field_sets.setdefault(names, names), *values.values()))
        checked.append((shape, rows))
    new_ids: dict[str, dict[int, int]] = {}
    checked.reverse()
    while checked:  # each table's checked rows are let go as they are written
        shape, rows = checked.pop()
        rows.reverse()
        model = models[shape.table]
        pk = list(shape.primary_key)
        by_id = pk == ["id"]
        # Rows keyed by a value (a setting's key, an absence's day) are compared on it too.
        compared = tuple(c.name for c in shape.columns if c.name not in pk or not by_id)
        existing: dict[tuple[Any, ...], list[Any]] = {}
        for row in session.exec(select(model)).all():
            existing.setdefault(_key(row, compared), []).append(row)
        ids = new_ids.setdefault(shape.table, {})
        count = 0
        batch: list[Any] = []
        while rows:
            row = rows.pop()
            values = dict(zip(row[0], row[1:], strict=True))
            for column, target in shape.refs.items():
                if values.get(column) is not None:
                    values[column] = new_ids[target][values[column]]
            old_id = values.pop("id", None) if by_id else None
            record = model(**values)
            # A row identical to one already there (and not yet matched) is that row.
            twins = existing.get(_key(record, compared))
            if twins:
                match = twins.pop()
                if old_id is not None:
                    ids[old_id] = match.id
                continue
            if not by_id:
                key = tuple(values[k] for k in pk) if len(pk) > 1 else values[pk[0]]
                held = session.get(model, key)
                if held is not None:  # the same key with other values: the store's stays
                    if shape.table == "setting":
                        if not replace_settings:
                            result.settings_kept.append(values["key"])
                            continue
                        held.value = values["value"]
                        count += 1
                    continue
            session.add(record)
            batch.append(record)
            if shape.table in referenced:
                session.flush()  # its new id is needed by the rows that point to it
            count += 1
            if old_id is not None:
                ids[old_id] = record.id
            if len(batch) >= BATCH:
                _flush_batch(session, batch, keyed=shape.table == "contact")
            if progress:
                progress(1)
        _flush_batch(session, batch, keyed=shape.table == "contact")
        result.added[shape.table] = count
    return result


def check_row(table: str, values: dict[str, Any], where: str) -> tuple[dict[str, Any], int]:
    """An imported row checked as the command that writes it checks it: enumerations, text
    lengths, minutes, settings. Control characters are removed and counted."""
    from salesplan.core.dates import parse_minutes
    from salesplan.core.settings import parse_setting
    from salesplan.core.template import parse_template_toml
    from salesplan.core.validate import choose, clean_text
    from salesplan.models import (
        ACTIVITY_KINDS,
        EXPENSE_CATEGORIES,
        NOTE_KINDS,
        OUTCOMES,
        STAGES,
        STATUSES,
        TIERS,
    )
    from salesplan.store.settings import TEMPLATE_KEY

    out, removed = clean_fields(values)
    try:
        if table == "contact":
            given = {k: out[k] for k in CONTACT_FIELDS if out.get(k) is not None}
            out.update(check_fields(given))
            if out.get("last_kind") is not None:
                choose(out["last_kind"], ACTIVITY_KINDS, "last kind")
        elif table == "appointment":
            if out.get("minutes") is not None and parse_minutes(out["minutes"]) < 1:
                raise BadInput(
                    _("bad minutes {minutes}: an appointment lasts at least 1").format(
                        minutes=out["minutes"]
                    )
                )
            for name in ("travel", "buffer"):
                if out.get(name) is not None:
                    parse_minutes(out[name], name)
            if out.get("status") is not None:
                choose(out["status"], ("planned", "done", "cancelled"), "status")
            clean_text(out.get("title"), "title", limit=200)
        elif table == "activity":
            choose(out.get("kind") or "", ACTIVITY_KINDS, "kind")
            if out.get("outcome") is not None:
                choose(out["outcome"], OUTCOMES, "outcome")
            if out.get("minutes") is not None:
                parse_minutes(out["minutes"])
        elif table == "contact_status":
            choose(out.get("status") or "", STATUSES, "status")
        elif table in ("project", "project_stage") and out.get("stage") is not None:
            choose(out["stage"], STAGES, "stage")
        elif table == "expense":
            choose(out.get("category") or "", EXPENSE_CATEGORIES, "category")
        elif table == "note":
            choose(out.get("kind") or "general", NOTE_KINDS, "kind")
        elif table == "event":
            if out.get("tier") is not None:
                choose(out["tier"], TIERS, "tier")
            if out.get("status") is not None:
                choose(out["status"], STATUSES, "status")
        elif table == "email_template":
            from salesplan.core import emails

            out["name"] = emails.check_name(out.get("name") or "")
            out["subject"] = emails.check_subject(out.get("subject") or "")
            out["body"] = emails.check_body(out.get("body") or "")
        elif table == "setting":
            key, text = out.get("key") or "", out.get("value") or ""
            if key == TEMPLATE_KEY:
                parse_template_toml(text)
            else:
                parse_setting(key, text)
        limits = {"name": 200, "title": 200}
        for key, value in out.items():
            if isinstance(value, str) and not (table == "setting" and key == "value"):
                what = key.replace("_", " ")
                required = key in ("name", "text")
                clean_text(value, what, required=required, limit=limits.get(key, 10_000))
    except BadInput as exc:
        raise BadInput(_("{where}: {exc}").format(where=where, exc=exc)) from None
    return out, removed


def _key(record: Any, columns: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(
        getattr(record, c).astimezone(UTC)
        if isinstance(getattr(record, c), datetime)
        else getattr(record, c)
        for c in columns
    )


BATCH = 1000  # rows added between flushes: memory holds a batch, never the whole file


def clean_fields(fields: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Imported text without control characters, and how many characters went."""
    out: dict[str, Any] = {}
    removed = 0
    for key, value in fields.items():
        if isinstance(value, str):
            value, n = strip_controls(value)
            removed += n
        out[key] = value
    return out, removed


def _content_key(values: dict[str, Any]) -> tuple[Any, ...]:
    """A contact with neither phone nor email is known by everything else it says."""
    return tuple(values.get(f, _CONTACT_DEFAULTS.get(f)) for f in CONTACT_FIELDS)


_CONTACT_DEFAULTS = {"tier": "normal", "status": "lead"}


def _seen_keys(phone: str | None, email: str | None, values: dict[str, Any]) -> list[bytes]:
    """What makes a contact already met: its phone, its email, or with neither its content —
    each as a short digest, so the keys of millions of rows stay small on disk."""
    if not phone and not email:
        return [b"c" + _digest(repr(_content_key(values)))]
    return ([b"p" + _digest(phone)] if phone else []) + ([b"e" + _digest(email)] if email else [])


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=15).digest()


class _Seen:
    """The keys of every contact an import has met, the store's and the file's, in a temporary
    table: memory holds a batch, never a key per row of the file (a set of them grew to
    400 MB for a million rows, and to gigabytes for a 50 MB file of short ones)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.table = SATable(
            "import_seen",
            MetaData(),
            SAColumn("k", LargeBinary, nullable=False),
            Index("ix_import_seen_k", "k"),
            prefixes=["TEMPORARY"],
        )
        self.table.create(session.connection())

    def known(self, keys: Iterable[bytes]) -> set[bytes]:
        wanted = list(set(keys))
        found: set[bytes] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows = self.session.execute(sa_select(self.table.c.k).where(self.table.c.k.in_(chunk)))
            found.update(bytes(row[0]) for row in rows)
        return found

    def add(self, keys: list[bytes]) -> None:
        if keys:
            self.session.execute(self.table.insert(), [{"k": k} for k in keys])

    def drop(self) -> None:
        self.table.drop(self.session.connection())

    def add_store(self, chunk: int = 2000) -> None:
        """The contacts already in the store, a chunk at a time."""
        columns = [col(Contact.id), *(col(getattr(Contact, f)) for f in CONTACT_FIELDS)]
        last = 0
        while True:
            rows = self.session.exec(
                select(*columns)
                .where(col(Contact.id) > last)
                .order_by(col(Contact.id))
                .limit(chunk)
            ).all()
            if not rows:
                return
            keys = []
            for row in rows:
                values = dict(zip(CONTACT_FIELDS, row[1:], strict=True))
                email = (values.get("email") or "").lower() or None
                keys += _seen_keys(values.get("phone"), email, values)
            self.add(keys)
            last = int(rows[-1][0])


def import_contacts(
    records: Iterable[Record],
    *,
    session: Session,
    now_utc: datetime,
    progress: Callable[[int], None] | None = None,
    cold_list: str | None = None,
) -> ImportCount:
    """Add contacts not already in the store: matched on phone or email, or, with neither, on
    every field. Rows are added in batches as they are read, each with its search keys; the
    caller's transaction makes it all-or-nothing (a bad row raises BadInput naming it, and
    nothing is kept). ``cold_list`` tags every contact added as one of that cold list
    (contacts already there keep theirs)."""
    from salesplan.store.contacts import write_keys_above

    count = ImportCount(before_id=int(session.exec(select(func.max(Contact.id))).one() or 0))
    seen = _Seen(session)
    seen.add_store()
    # Rows go in by executemany, not as ORM objects: building a model object per row cost
    # three quarters of a large import's time.
    # A batch is not met yet: its contacts are new contacts once first reached.
    blank = _blank_row(Contact, created_at=now_utc, cold_list=cold_list, imported=True)
    pending: list[tuple[dict[str, Any], list[bytes]]] = []  # read, not yet compared
    rows: list[dict[str, Any]] = []  # new, not yet written
    last_id = count.before_id

    def write() -> None:
        nonlocal last_id
        count.added += len(rows)
        _insert_batch(session, Contact, rows)
        last_id = write_keys_above(last_id, session=session)

    def settle() -> None:
        known = seen.known(k for _, keys in pending for k in keys)
        new_keys: list[bytes] = []
        for values, keys in pending:
            if any(k in known for k in keys):
                count.skipped += 1
                continue
            rows.append({**blank, **values})
            known.update(keys)
            new_keys += keys
        seen.add(new_keys)
        if progress:
            progress(len(pending))
        pending.clear()
        if len(rows) >= BATCH:  # a file of rows already there writes nothing
            write()

    for record in records:
        fields, removed = clean_fields(record.fields)
        try:
            values = check_fields(fields)
        except BadInput as exc:
            raise BadInput(_("{where}: {exc}").format(where=record.where, exc=exc)) from None
        if "name" not in values:
            raise BadInput(_("{where}: no name").format(where=record.where))
        count.controls_removed += removed
        email = (values.get("email") or "").lower() or None
        pending.append((values, _seen_keys(values.get("phone"), email, values)))
        if len(pending) >= BATCH:
            settle()
    settle()
    write()
    seen.drop()
    return count


def _blank_row(model: Any, **given: Any) -> dict[str, Any]:
    """Every column of a new row but the id, at its default unless given."""
    row = {}
    for column in model.__table__.columns:
        if column.primary_key:
            continue
        default = column.default.arg if column.default is not None else None
        row[column.name] = None if callable(default) else default
    row.update(given)
    return row


def _insert_batch(session: Session, model: Any, batch: list[dict[str, Any]]) -> None:
    if batch:
        session.execute(model.__table__.insert(), batch)
        batch.clear()


def _flush_batch(session: Session, batch: list[Any], *, keyed: bool = False) -> None:
    """Write the batch inside the open transaction and let go of its objects; ``keyed``
    (contacts) writes their search keys with them, so no batch is held until the end."""
    session.flush()
    if keyed and batch:
        from salesplan.store.contacts import write_keys

        write_keys(batch, session=session)
    for row in batch:
        session.expunge(row)
    batch.clear()


def import_events(
    events: Iterable[CalendarEvent], *, session: Session, now_utc: datetime
) -> ImportCount:
    """Calendar events as appointments; an event already imported (same UID) is skipped."""
    from salesplan.store.appointments import add_appointment

    known = set(
        session.exec(select(Appointment.uid).where(col(Appointment.uid).is_not(None))).all()
    )
    count = ImportCount()
    for ev in events:
        if ev.uid in known:
            count.skipped += 1
            continue
        title, removed = strip_controls(ev.title)
        location, removed_too = strip_controls(ev.location) if ev.location else (None, 0)
        count.controls_removed += removed + removed_too
        appt = add_appointment(
            session=session,
            start_utc=ev.start,
            now_utc=now_utc,
            contact=None,
            minutes=ev.minutes,
            location=location,
            title=title.strip()[:200] or "(no title)",
        )
        appt.uid = ev.uid
        appt.status = ev.status
        session.add(appt)
        known.add(ev.uid)
        count.added += 1
    session.flush()
    return count
