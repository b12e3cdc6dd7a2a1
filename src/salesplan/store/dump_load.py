"""A salesplan JSON export loaded into the store: every record checked as the command that
writes it checks it, then added table by table, all or nothing (the caller's transaction) and
idempotent — a row identical to one already in the store (every field but the id) is taken to
be that row, so importing the same file twice adds nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, func, select

from salesplan.core.interchange import (
    TableShape,
)
from salesplan.core.validate import CONTACT_FIELDS
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.models import Contact
from salesplan.store import interchange
from salesplan.store.contact_rows import EXT
from salesplan.store.contacts import check_fields
from salesplan.store.interchange import clean_fields, table_models, table_shapes

# A column that points into its own table: written once every row of the table has its id.
SELF_REFS = {"contact": "merged_into"}


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
    loader = _Loader(session, replace_settings, progress)
    before_id = int(session.exec(select(func.max(Contact.id))).one() or 0)
    # Every record is checked before the first is written: a refused file leaves nothing
    # behind, not even a server's sequence moved on.
    checked = _check_tables(tables, loader.result)
    checked.reverse()
    while checked:  # each table's checked rows are let go as they are written
        shape, rows = checked.pop()
        loader.result.added[shape.table] = loader.write_table(shape, rows)
    _key_pointed(loader.pointed, session=session)
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
    return loader.result


# A table's checked rows, each a flat tuple: its field names (shared by every row that has the
# same ones), then its values — a third of a dict's size, so a file of many small records
# stays within a small multiple of its own size.
CheckedTable = tuple[TableShape, list[tuple[Any, ...]]]


def _check_tables(
    tables: Iterable[tuple[TableShape, Iterable[tuple[str, dict[str, Any]]]]],
    result: LoadResult,
) -> list[CheckedTable]:
    """Every record of every table checked (``result`` counts the control characters
    removed); a bad one raises BadInput naming it."""
    checked: list[CheckedTable] = []
    field_sets: dict[tuple[str, ...], tuple[str, ...]] = {}
    seen_ids: dict[str, set[Any]] = {}
    for shape, records in tables:
        required = [c.name for c in shape.columns if c.required]
        if shape.primary_key != ("id",):  # a row keyed by a value (a day, a setting) needs it
            required += [name for name in shape.primary_key if name not in required]
        rows: list[tuple[Any, ...]] = []
        ids_here = seen_ids.setdefault(shape.table, set())
        for where, raw in records:
            values = _check_record(shape, required, where, raw, seen_ids, result)
            if values.get("id") is not None:
                ids_here.add(values["id"])
            names = tuple(values)
            rows.append((field_sets.setdefault(names, names), *values.values()))
        own = SELF_REFS.get(shape.table)
        if own:
            for row in rows:
                old = dict(zip(row[0], row[1:], strict=True)).get(own)
                if old is not None and old not in ids_here:
                    raise _not_in_export(shape.table, own, old, shape.table)
        checked.append((shape, rows))
    return checked


def _check_record(
    shape: TableShape,
    required: list[str],
    where: str,
    raw: dict[str, Any],
    seen_ids: dict[str, set[Any]],
    result: LoadResult,
) -> dict[str, Any]:
    """A record with every required value, checked, pointing only to rows the export holds."""
    missing = [name for name in required if raw.get(name) is None]
    if missing:
        raise BadInput(_("{where}: no {missing}").format(where=where, missing=missing[0]))
    values, removed = check_row(shape.table, raw, where)
    result.controls_removed += removed
    for column, target in shape.refs.items():
        old = values.get(column)
        if old is not None and old not in seen_ids.get(target, ()):
            raise _not_in_export(where, column, old, target)
    return values


def _not_in_export(where: str, column: str, old: Any, target: str) -> BadInput:
    return BadInput(
        _("{where}: {column} {old} is not in the export's {target}").format(
            where=where, column=column, old=old, target=target
        )
    )


class _Loader:
    """Writes the checked tables in turn: the ids each row got here (by the export's ids), the
    contacts given numbers, and what was added or kept."""

    def __init__(
        self, session: Session, replace_settings: bool, progress: Callable[[int], None] | None
    ) -> None:
        self.session = session
        self.replace_settings = replace_settings
        self.progress = progress
        self.result = LoadResult()
        self.models = table_models()
        self.referenced = {target for shape in table_shapes() for target in shape.refs.values()}
        self.new_ids: dict[str, dict[int, int]] = {}
        self.pointed: set[int] = set()

    def write_table(self, shape: TableShape, rows: list[tuple[Any, ...]]) -> int:
        """Add a table's rows (let go as they are written); how many were added or changed."""
        session = self.session
        rows.reverse()
        model = self.models[shape.table]
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
        ids = self.new_ids.setdefault(shape.table, {})
        count = 0
        batch: list[Any] = []
        while rows:
            row = rows.pop()
            values = dict(zip(row[0], row[1:], strict=True))
            for column, target in shape.refs.items():
                if values.get(column) is not None:
                    values[column] = self.new_ids[target][values[column]]
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
            kept = None if by_id else self._kept(shape, model, pk, values)
            if kept is not None:
                count += kept
                continue
            self._add(shape, record, values)
            batch.append(record)
            count += 1
            if old_id is not None:
                ids[old_id] = record.id
            if len(batch) >= interchange.BATCH:
                _flush_batch(session, batch, keyed=shape.table == "contact")
            if self.progress:
                self.progress(1)
        _flush_batch(session, batch, keyed=shape.table == "contact")
        if own and pointing:
            _point_within(model, own, pointing, ids, session=session)
        return count

    def _kept(
        self, shape: TableShape, model: Any, pk: list[str], values: dict[str, Any]
    ) -> int | None:
        """A row keyed by a value the store holds with other values: the store's stays (a
        setting takes the file's under ``replace_settings``); how many rows changed, or None
        when the store does not hold the key."""
        key = tuple(values[k] for k in pk) if len(pk) > 1 else values[pk[0]]
        held = self.session.get(model, key)
        if held is None:
            return None
        if shape.table != "setting":
            return 0
        if not self.replace_settings:
            self.result.settings_kept.append(values["key"])
            return 0
        held.value = values["value"]
        return 1

    def _add(self, shape: TableShape, record: Any, values: dict[str, Any]) -> None:
        """A new row added, given its id at once when rows point to it."""
        self.session.add(record)
        if shape.table == "contact_point":
            self.pointed.add(values["contact_id"])
        if shape.table in self.referenced:
            self.session.flush()  # its new id is needed by the rows that point to it


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
    from salesplan.core.validate import clean_text

    out, removed = clean_fields(values)
    try:
        _check_values(table, out)
        limits = {"name": 200, "title": 200}
        for key, value in out.items():
            if isinstance(value, str) and not (table == "setting" and key == "value"):
                what = key.replace("_", " ")
                required = key in ("name", "text")
                clean_text(value, what, required=required, limit=limits.get(key, 10_000))
    except BadInput as exc:
        raise BadInput(_("{where}: {exc}").format(where=where, exc=exc)) from None
    return out, removed


def _check_values(table: str, out: dict[str, Any]) -> None:
    """The values only a row of ``table`` has, checked (a contact's are made canonical in
    ``out``, an email template's too)."""
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
    number, _sep, ext = value.partition(EXT)
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
