"""The store's side of exports and imports: the tables as the schema declares them, their
rows, and adding what a file holds — all-or-nothing (the caller's transaction) and idempotent.

A row identical to one already in the store (every field but the id) is taken to be that row,
so importing the same file twice adds nothing. How values are written in a file is the
formats' business (``salesplan.formats``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column as SAColumn
from sqlalchemy import Index, Integer, LargeBinary, MetaData, text
from sqlalchemy import Table as SATable
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, func, select

from salesplan.core.interchange import (
    CalendarEvent,
    Column,
    ColumnKind,
    ImportCount,
    Problem,
    Record,
    TableShape,
    place,
)
from salesplan.core.search import fold, phone_key
from salesplan.core.validate import CONTACT_FIELDS, strip_controls
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.models import Appointment, Contact, Table, UTCDateTime, load_all
from salesplan.store.contacts import check_fields

# A column that points into its own table: written once every row of the table has its id.
SELF_REFS = {"contact": "merged_into"}

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
            # A contact's merged_into points into its own table: load() sets it afterwards
            # (SELF_REFS), to the id the contact it names gets here.
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
    before_id = int(session.exec(select(func.max(Contact.id))).one() or 0)
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
        own = SELF_REFS.get(shape.table)
        if own:
            for row in rows:
                old = dict(zip(row[0], row[1:], strict=True)).get(own)
                if old is not None and old not in ids_here:
                    raise BadInput(
                        _("{where}: {column} {old} is not in the export's {target}").format(
                            where=shape.table, column=own, old=old, target=shape.table
                        )
                    )
        checked.append((shape, rows))
    new_ids: dict[str, dict[int, int]] = {}
    pointed: set[int] = set()
    checked.reverse()
    while checked:  # each table's checked rows are let go as they are written
        shape, rows = checked.pop()
        rows.reverse()
        model = models[shape.table]
        pk = list(shape.primary_key)
        by_id = pk == ["id"]
        # Rows keyed by a value (a setting's key, an absence's day) are compared on it too.
        own = SELF_REFS.get(shape.table)
        compared = tuple(
            c.name for c in shape.columns if (c.name not in pk or not by_id) and c.name != own
        )
        pointing: list[tuple[int, int]] = []  # (old id, old id it points to), set at the end
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
            points_to = values.pop(own, None) if own else None
            if points_to is not None and old_id is not None:
                pointing.append((old_id, points_to))
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
            if shape.table == "contact_point":
                pointed.add(values["contact_id"])
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
        if own and pointing:
            _point_within(model, own, pointing, ids, session=session)
        result.added[shape.table] = count
    _key_pointed(pointed, session=session)
    # An export made before tiers had a history: each contact is taken as added with the
    # tier it has, as an upgraded store takes them.
    session.execute(
        text(
            "INSERT INTO contact_tier (contact_id, tier, at) "
            "SELECT id, tier, created_at FROM contact WHERE id > :after AND NOT EXISTS "
            "(SELECT 1 FROM contact_tier WHERE contact_tier.contact_id = contact.id)"
        ),
        {"after": before_id},
    )
    return result


def _point_within(
    model: Any,
    column: str,
    pointing: list[tuple[int, int]],
    ids: dict[int, int],
    *,
    session: Session,
) -> None:
    """Set ``column`` of the rows just loaded to the ids their targets got here (a merged
    contact points to the contact it was merged into as this store numbers it)."""
    for old, target in pointing:
        row = session.get(model, ids[old])
        if row is not None and getattr(row, column) is None:
            setattr(row, column, ids[target])
            session.add(row)
    session.flush()


def _key_pointed(ids: set[int], *, session: Session) -> None:
    """Search keys again for the contacts an export's contact_point rows gave numbers to
    (their keys were written with the contact, before those rows)."""
    from salesplan.store.contacts import contacts_by_id, write_keys

    wanted = sorted(ids)
    for i in range(0, len(wanted), 500):
        write_keys(contacts_by_id(wanted[i : i + 500], session=session).values(), session=session)


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
        elif table == "contact_tier":
            choose(out.get("tier") or "", TIERS, "tier")
        elif table == "contact_point":
            _check_point(out)
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


def _check_point(values: dict[str, Any]) -> None:
    """A contact_point row: a kind salesplan writes, and a number (with its extension) or an
    address the contact itself could hold."""
    from salesplan.core.validate import choose
    from salesplan.models import POINT_KINDS

    kind = choose(values.get("kind") or "", POINT_KINDS, "kind")
    value = str(values.get("value") or "")
    if kind == "email":
        check_fields({"email": value})
        return
    number, _sep, ext = value.partition(_EXT)
    check_fields({"phone": number})
    if _sep and not ext.isdigit():
        raise BadInput(_("bad extension {ext!r}: use digits").format(ext=ext))


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


def _seen_keys(
    name: str, phones: list[str], emails: list[str], values: dict[str, Any]
) -> list[bytes]:
    """What makes a contact already met: its name with any of its phones or emails, or with
    neither its content — each as a short digest, so the keys of millions of rows stay small
    on disk. The name is part of the key: two people sharing a switchboard are two contacts."""
    if not phones and not emails:
        return [b"c" + _digest(repr(_content_key(values)))]
    who = fold(name) + "\x00"
    numbers = [p.partition(_EXT)[0] for p in phones]
    return [b"p" + _digest(who + (phone_key(p) or p)) for p in numbers] + [
        b"e" + _digest(who + e.lower()) for e in emails
    ]


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=15).digest()


class _Seen:
    """The keys of every contact an import has met, the store's and those it wrote, each with
    its contact's id, in a temporary table: memory holds a batch (the rows not written yet,
    compared in memory), never a key per row of the file (a set of them grew to 400 MB for a
    million rows, and to gigabytes for a 50 MB file of short ones)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.table = SATable(
            "import_seen",
            MetaData(),
            SAColumn("k", LargeBinary, nullable=False),
            SAColumn("cid", Integer, nullable=False),
            Index("ix_import_seen_k", "k"),
            prefixes=["TEMPORARY"],
        )
        self.table.create(session.connection())

    def known(self, keys: Iterable[bytes]) -> dict[bytes, int]:
        """The keys already met, each with the id of the contact it is."""
        wanted = list(set(keys))
        found: dict[bytes, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows = self.session.execute(
                sa_select(self.table.c.k, self.table.c.cid).where(self.table.c.k.in_(chunk))
            )
            for k, cid in rows:
                found[bytes(k)] = max(found.get(bytes(k), 0), int(cid))
        return found

    def add(self, keys: list[bytes], cid: int) -> None:
        if keys:
            self.session.execute(self.table.insert(), [{"k": k, "cid": cid} for k in keys])

    def add_pairs(self, pairs: Iterable[tuple[bytes, int]]) -> None:
        """Keys each with its own contact's id."""
        rows = [{"k": k, "cid": cid} for k, cid in pairs]
        if rows:
            self.session.execute(self.table.insert(), rows)

    def drop(self) -> None:
        self.table.drop(self.session.connection())

    def add_store(self, chunk: int = 2000) -> None:
        """The contacts already in the store (with every phone and email), a chunk at a time."""
        from salesplan.store.contacts import points_of

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
            batch = []
            points = points_of([int(row[0]) for row in rows], session=self.session)
            for row in rows:
                values = dict(zip(CONTACT_FIELDS, row[1:], strict=True))
                phones = [values["phone"]] if values.get("phone") else []
                emails = [values["email"]] if values.get("email") else []
                for point in points.get(int(row[0]), ()):
                    (emails if point.kind == "email" else phones).append(point.value)
                batch += [
                    {"k": k, "cid": int(row[0])}
                    for k in _seen_keys(values["name"], phones, emails, values)
                ]
            if batch:
                self.session.execute(self.table.insert(), batch)
            last = int(rows[-1][0])


def check_import_row(
    fields: dict[str, Any],
) -> tuple[dict[str, Any], list[str], list[str], list[tuple[str, str, str]]]:
    """A row of an imported file checked field by field: its values, every good phone (a
    mainland mobile first) and email, and each value it cannot keep as (field, value, why).
    A row without a usable name raises BadInput: it cannot be a contact."""
    from salesplan.core.importrules import crm_value, order_numbers

    name = fields.get("name")
    if name is None or not str(name).strip():
        raise BadInput(_("no name"))
    values: dict[str, Any] = {"name": check_fields({"name": name})["name"]}
    dropped: list[tuple[str, str, str]] = []
    phones: list[str] = []
    emails: list[str] = []
    for key, given in fields.items():
        if key == "name" or given is None:
            continue
        several = given if isinstance(given, list) else [given]
        for value in several:
            if key in ("tier", "status"):
                value = crm_value(key, value)
            ext = None
            if key == "phone":
                value, ext = _split_extension(str(value))
            try:
                checked = check_fields({key: value}).get(key)
            except BadInput as exc:
                dropped.append((key, str(value), str(exc)))
                continue
            if checked is None:
                continue
            if key == "phone":
                phones.append(f"{checked}{_EXT}{ext}" if ext else checked)
            elif key == "email":
                emails.append(checked)
            else:
                values[key] = checked
    phones = order_numbers(phones)
    first_of: dict[str, str] = {}
    for email in emails:
        first_of.setdefault(email.lower(), email)  # each address once, as first written
    emails = list(first_of.values())
    return values, phones, emails, dropped


_EXT = " ext "
_EXTENSION = re.compile(r"^(.*?\d)\s*(?:ext\.?|x|转|分机|;ext=)\s*(\d{1,8})$", re.IGNORECASE)


def _split_extension(value: str) -> tuple[str, str | None]:
    """``010-8888 6666 ext 801`` (or ``转801``, ``x801``) → the number and its extension."""
    found = _EXTENSION.match(value.strip())
    return (found.group(1), found.group(2)) if found else (value, None)


def _with_extras(values: dict[str, Any], phones: list[str], emails: list[str]) -> dict[str, Any]:
    """The first phone (without its extension) and email as the contact's own; every one of
    them is kept in contact_point."""
    out = dict(values)
    if phones:
        out["phone"] = phones[0].partition(_EXT)[0]
    if emails:
        out["email"] = emails[0]
    return out


# Fields a matched row fills when the store's contact has none: never the name, and never
# the tier or status (those have their own history).
_FILLED = tuple(f for f in CONTACT_FIELDS if f not in ("name", "tier", "status"))


# A contact row read from a file and checked, before the store is looked at: its values,
# the keys it is recognised by, every phone and every email it came with.
CheckedRow = tuple[dict[str, Any], list[bytes], list[str], list[str]]


def check_contact_rows(
    records: Iterable[Record],
    count: ImportCount,
    *,
    strict: bool = False,
    report: Callable[[Problem, tuple[str, ...]], None] | None = None,
) -> Iterator[CheckedRow]:
    """The rows of a file as ``import_contacts`` writes them, checked without the store (so
    a command reads and checks a whole file before it takes the write lock). A row without a
    usable name is not yielded and a value that cannot be used is dropped from its row: each
    is counted in ``count`` and handed to ``report`` (with the row as the file wrote it, for
    a rejects file); ``strict`` raises BadInput at the first instead."""

    def problem(found: Problem, raw: tuple[str, ...]) -> None:
        if strict:
            raise BadInput(_("{where}: {exc}").format(where=place(found.where), exc=found.why))
        if found.dropped is None:
            count.rejected += 1
        else:
            count.dropped += 1
        if report:
            report(found, raw)

    for record in records:
        if record.refused is not None:
            problem(Problem(record.where, *record.refused), record.raw)
            continue
        fields, removed = clean_fields(record.fields)
        try:
            values, phones, emails, dropped = check_import_row(fields)
        except BadInput as exc:
            problem(Problem(record.where, "name", str(exc)), record.raw)
            continue
        for key, value, why in dropped:
            problem(Problem(record.where, key, why, value), record.raw)
        count.controls_removed += removed
        values = _with_extras(values, phones, emails)
        yield values, _seen_keys(values["name"], phones, emails, values), phones, emails


def import_contacts(
    checked: Iterable[CheckedRow],
    *,
    session: Session,
    now_utc: datetime,
    count: ImportCount | None = None,
    progress: Callable[[int], None] | None = None,
    cold_list: str | None = None,
) -> ImportCount:
    """Add the ``checked`` rows of a file (``check_contact_rows``): a row the store already has
    (the same name with one of its phones or emails, or with neither the same everything)
    fills that contact's empty fields, or is skipped when it brings nothing; any other row
    is a new contact (two names sharing a switchboard are two contacts). Rows are added in
    batches as they come, each with its search keys; ``count`` is the one the check counted
    in. ``cold_list`` tags every contact added as one of that cold list (contacts already
    there keep theirs)."""
    from salesplan.store.contacts import write_keys_above

    count = count or ImportCount()
    count.before_id = int(session.exec(select(func.max(Contact.id))).one() or 0)
    seen = _Seen(session)
    seen.add_store()
    # Rows go in by executemany, not as ORM objects: building a model object per row cost
    # three quarters of a large import's time.
    # A batch is not met yet: its contacts are new contacts once first reached.
    blank = _blank_row(Contact, created_at=now_utc, cold_list=cold_list, imported=True)
    # read, not yet compared: the values, the keys, every phone and email
    pending: list[CheckedRow] = []
    rows: list[dict[str, Any]] = []  # new, not yet written
    row_points: list[tuple[list[str], list[str]]] = []  # their phones and emails
    row_keys: list[list[bytes]] = []  # and their keys,
    row_at: dict[bytes, int] = {}  # by which a later row of the file finds one of them
    last_id = count.before_id

    def write() -> None:
        nonlocal last_id
        count.added += len(rows)
        _insert_batch(session, Contact, rows)
        ids = _insert_points(last_id, row_points, session=session)
        # A later row that is one of these (a card twice in a phone book) finds it by its id.
        seen.add_pairs((k, cid) for cid, keys in zip(ids, row_keys, strict=True) for k in keys)
        row_keys.clear()
        row_at.clear()
        # The status and tier each was imported with are its first status and tier rows: a
        # customer brought in from an old sheet is an existing relationship, never a new one.
        session.execute(
            text(
                "INSERT INTO contact_status (contact_id, status, at) "
                "SELECT id, status, created_at FROM contact WHERE id > :after"
            ),
            {"after": last_id},
        )
        session.execute(
            text(
                "INSERT INTO contact_tier (contact_id, tier, at) "
                "SELECT id, tier, created_at FROM contact WHERE id > :after"
            ),
            {"after": last_id},
        )
        last_id = write_keys_above(last_id, session=session)

    def settle() -> None:
        known = seen.known(k for _v, keys, _p, _e in pending for k in keys)
        updates: dict[int, tuple[dict[str, Any], list[str], list[str]]] = {}
        for values, keys, phones, emails in pending:
            owner = max((known.get(k, 0) for k in keys), default=0)
            if owner > 0:  # the store's contact (or one this import wrote already)
                if owner in updates:  # the same contact twice: counted once as filled in
                    count.skipped += 1
                filled, more_phones, more_emails = updates.setdefault(owner, ({}, [], []))
                for key, value in values.items():
                    filled.setdefault(key, value)
                more_phones += phones
                more_emails += emails
                continue
            at = next((row_at[k] for k in keys if k in row_at), None)
            if at is not None:  # a row of this file not written yet: it gets what this one adds
                count.skipped += 1
                row_points[at] = _merge_row(rows[at], row_points[at], values, phones, emails)
                added = [
                    k
                    for k in _seen_keys(rows[at]["name"], *row_points[at], rows[at])
                    if k not in row_keys[at]
                ]
                row_keys[at] += added
                row_at.update(dict.fromkeys(added, at))
                continue
            rows.append({**blank, **values})
            row_points.append((phones, emails))
            row_keys.append(list(keys))
            row_at.update(dict.fromkeys(keys, len(rows) - 1))
        for cid, (values, more_phones, more_emails) in updates.items():
            _fill_empty(
                cid,
                values,
                more_phones,
                more_emails,
                seen,
                count,
                session=session,
                ours=cid > count.before_id,
                now_utc=now_utc,
            )
        if progress:
            progress(len(pending))
        pending.clear()
        if len(rows) >= BATCH:  # a file of rows already there writes nothing
            write()

    for row in checked:
        pending.append(row)
        if len(pending) >= BATCH:
            settle()
    settle()
    write()
    seen.drop()
    return count


def _fill_empty(
    cid: int,
    values: dict[str, Any],
    phones: list[str],
    emails: list[str],
    seen: _Seen,
    count: ImportCount,
    *,
    session: Session,
    ours: bool = False,
    now_utc: datetime | None = None,
) -> None:
    """The store's contact ``cid`` given the values it has none of, and the numbers and
    addresses it does not have yet; counted as updated when it got any, as already there
    when none (and always when it is ``ours``: a contact this import added). A tier or
    status is taken from the file only where the store's is the default an earlier import
    gave (a phone book says neither) and nobody has changed it since: one set by hand stays."""
    from salesplan.core.importrules import order_numbers
    from salesplan.store.contacts import (
        KEYED_FIELDS,
        phones_and_emails,
        points_of,
        write_keys,
        write_points,
    )

    contact = session.get(Contact, cid)
    if contact is None:  # pragma: no cover - the id was read from the store in this transaction
        count.skipped += 1
        return
    filled = [
        key for key in _FILLED if values.get(key) is not None and getattr(contact, key) is None
    ]
    for key in filled:
        setattr(contact, key, values[key])
    regraded = [] if ours or now_utc is None else _graded_by_file(contact, values, session=session)
    filled += regraded
    had_phones, had_emails = phones_and_emails(
        contact, points_of([cid], session=session).get(cid, [])
    )
    all_phones = order_numbers([n for n, _kind in had_phones] + phones)
    # The contact's own number stays the one dialled; the file's others come after it.
    if contact.phone:
        own = phone_key(contact.phone)
        all_phones.sort(key=lambda n: phone_key(n.partition(_EXT)[0]) != own)
    first_of: dict[str, str] = {}
    for address in had_emails + emails:
        first_of.setdefault(address.lower(), address)
    all_emails = list(first_of.values())
    more = len(all_phones) > len(had_phones) or len(all_emails) > len(had_emails)
    if not filled and not more or ours:
        count.skipped += 1
    if not filled and not more:
        return
    session.add(contact)
    session.flush()
    if regraded and now_utc is not None:
        from salesplan.store.contacts import record_status, record_tier

        if "tier" in regraded:
            record_tier(contact, now_utc, session=session)
        if "status" in regraded:
            record_status(contact, now_utc, session=session)
    write_points(cid, all_phones, all_emails, session=session)
    if more or any(k in filled for k in KEYED_FIELDS):
        write_keys([contact], session=session)
    seen.add(_seen_keys(contact.name, all_phones, all_emails, {}), cid)
    if not ours:
        count.updated += 1


# What a contact an import added without a tier or status has: the model's defaults.
_DEFAULT_GRADE = {key: Contact.model_fields[key].default for key in ("tier", "status")}


def _graded_by_file(contact: Contact, values: dict[str, Any], *, session: Session) -> list[str]:
    """Set ``contact``'s tier and status from a file's row where the contact was imported with
    the defaults and its history holds nothing since; the fields set."""
    from salesplan.models import ContactStatus, ContactTier

    if not contact.imported:
        return []
    out = []
    for key, model in (("tier", ContactTier), ("status", ContactStatus)):
        given = values.get(key)
        if (
            given is None
            or given == getattr(contact, key)
            or getattr(contact, key) != _DEFAULT_GRADE[key]
        ):
            continue
        rows = session.exec(
            select(func.count()).select_from(model).where(col(model.contact_id) == contact.id)
        ).one()
        if int(rows) <= 1:  # the row it was imported with, no change since
            setattr(contact, key, given)
            out.append(key)
    return out


def _merge_row(
    row: dict[str, Any],
    points: tuple[list[str], list[str]],
    values: dict[str, Any],
    phones: list[str],
    emails: list[str],
) -> tuple[list[str], list[str]]:
    """A row of the file not written yet, given what a later row that is the same person
    adds: its empty fields, and the numbers and addresses it lacks (a mobile still first).
    Returns the row's phones and emails."""
    from salesplan.core.importrules import order_numbers

    for key in _FILLED:
        if values.get(key) is not None and row.get(key) is None:
            row[key] = values[key]
    all_phones = order_numbers(points[0] + phones)
    first_of: dict[str, str] = {}
    for address in points[1] + emails:
        first_of.setdefault(address.lower(), address)
    all_emails = list(first_of.values())
    row.update(_with_extras({}, all_phones, all_emails))
    return all_phones, all_emails


def _insert_points(
    after_id: int, points: list[tuple[list[str], list[str]]], *, session: Session
) -> list[int]:
    """The phones and emails of the contacts a batch just inserted (the ids above
    ``after_id``, in the order the rows were given); returns those ids."""
    from salesplan.core.importrules import point_rows
    from salesplan.models import ContactPoint

    if not points:
        return []
    ids = [
        int(cid or 0)
        for cid in session.exec(
            select(Contact.id).where(col(Contact.id) > after_id).order_by(col(Contact.id))
        ).all()
    ]
    rows = [
        {"contact_id": cid, "kind": kind, "value": value, "position": position}
        for cid, (phones, emails) in zip(ids, points, strict=True)
        for kind, value, position in point_rows(phones, emails)
    ]
    points.clear()
    if rows:
        session.execute(ContactPoint.__table__.insert(), rows)  # type: ignore[attr-defined]
    return ids


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
