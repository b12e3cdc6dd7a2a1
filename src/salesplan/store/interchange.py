"""The store's side of exports and imports: the tables as the schema declares them, and their
rows. Loading a JSON export is ``store.dump_load``; contacts are checked in
``store.contact_rows`` and written in ``store.contact_import``; calendar events in
``store.calendar_import``. How values are written in a file is the formats' business
(``salesplan.formats``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from salesplan.core.interchange import (
    Column,
    ColumnKind,
    TableShape,
)
from salesplan.core.validate import strip_controls
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.models import Table, UTCDateTime, load_all

# A column that points into its own table: written once every row of the table has its id.
SELF_REFS = {"contact": "merged_into"}

# The store's own bookkeeping, never exported: the schema version, search keys (made again
# from the contacts on import) and the undo records of contact merges.
_INTERNAL = ("schema_info", "contact_key", "contact_merge")


def table_models() -> dict[str, Any]:
    """Every table's model, by table name."""
    load_all()
    return {str(model.__tablename__): model for model in Table.__subclasses__()}


def table_shapes() -> list[TableShape]:
    """Every table a full export holds, foreign keys first (the schema's own order)."""
    table_models()
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
    model = table_models()[shape.table]
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
