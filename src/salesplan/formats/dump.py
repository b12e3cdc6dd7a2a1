"""The JSON export: every table as plain data, and back.

Instants are ISO times with their UTC offset, dates ISO dates, amounts numbers, so export →
import into an empty store → export gives the same document. Which tables there are, their
order (foreign keys first) and columns come from the store's schema as ``TableShape``s; this
module only knows how each kind of value is written, and what each table is called in the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from salesplan.core.interchange import Column, TableShape
from salesplan.core.money import parse_amount, to_number
from salesplan.errors import BadInput
from salesplan.i18n import _

FORMAT = "salesplan-export"
VERSION = 1
# A table is called by its plural in the file, except these.
_FILE_NAMES = {
    "activity": "log",
    "appointment_change": "appointment_history",
    "contact_status": "contact_statuses",
    "contact_tier": "contact_tiers",
}


def file_name(shape: TableShape) -> str:
    return _FILE_NAMES.get(shape.table, f"{shape.table}s")


def by_file_name(shapes: Sequence[TableShape]) -> dict[str, TableShape]:
    return {file_name(s): s for s in shapes}


def to_plain(shape: TableShape, rows: Iterable[dict[str, Any]], tz: tzinfo) -> list[dict[str, Any]]:
    """Rows of Python values (aware datetimes, dates, minor units) as JSON-ready dicts."""
    return [{c.name: _to_plain(c, row[c.name], tz) for c in shape.columns} for row in rows]


def to_json(data: dict[str, Any]) -> str:
    return (
        json.dumps({"format": FORMAT, "version": VERSION, **data}, ensure_ascii=False, indent=2)
        + "\n"
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_json(text: str, what: str) -> Any:
    """The JSON document, or BadInput in one line: bad syntax (with its line), nesting too
    deep, or a number too long to be a value salesplan writes."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(
            _("{what} is not valid JSON: line {lineno}: {msg}").format(
                what=what, lineno=exc.lineno, msg=exc.msg
            )
        ) from None
    except RecursionError:
        raise BadInput(
            _("{what} is nested too deeply to be a salesplan export").format(what=what)
        ) from None
    except ValueError:  # an integer of thousands of digits
        raise BadInput(
            _("{what} holds a number too long to be a salesplan value (over 4,300 digits)").format(
                what=what
            )
        ) from None
    if "\\u" in text and _has_lone_surrogate(data):
        raise BadInput(
            _(
                "{what} holds a lone surrogate (an escape such as \\ud800 that is half a character, not text): fix or remove it"
            ).format(what=what)
        )
    return data


def _has_lone_surrogate(value: Any) -> bool:
    """Whether any string (key or value) holds half of a UTF-16 pair: SQLite cannot keep it."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def read_export(
    data: Any, shapes: Sequence[TableShape]
) -> Iterator[tuple[TableShape, Iterator[tuple[str, dict[str, Any]]]]]:
    """The tables of a parsed JSON export, in ``shapes`` order: each with its records as
    (where, values) with Python values. Raises BadInput naming the record. Each table is taken
    out of ``data`` as it is read, so its parsed rows are let go once checked."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadInput(
            _('not a salesplan export: the JSON has no "format": "{FORMAT}"').format(FORMAT=FORMAT)
        )
    version = data.get("version", VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version > VERSION:
        raise BadInput(
            _(
                "the export is version {version}, newer than this salesplan reads (up to {known}); upgrade salesplan"
            ).format(version=str(version)[:20], known=VERSION)
        )
    named = by_file_name(shapes)
    unknown = set(data) - set(named) - {"format", "version"}
    if unknown:
        raise BadInput(_("unknown table {name!r} in the export").format(name=sorted(unknown)[0]))
    for name, shape in named.items():
        rows = data.pop(name, None) or []
        if not isinstance(rows, list):
            raise BadInput(_("{name} in the export must be a list").format(name=name))
        yield shape, _records(name, shape, rows)


def _records(name: str, shape: TableShape, rows: list[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    columns = {c.name: c for c in shape.columns}
    # Taken from the end of a reversed list: each parsed record is let go once read.
    rows.reverse()
    n = 0
    while rows:
        raw = rows.pop()
        n += 1
        where = f"{name} record {n}"
        if not isinstance(raw, dict):
            raise BadInput(_("{where}: not an object").format(where=where))
        extra = set(raw) - set(columns)
        if extra:
            raise BadInput(
                _("{where}: unknown field {name!r}").format(where=where, name=sorted(extra)[0])
            )
        yield where, {k: _from_plain(columns[k], v, where) for k, v in raw.items()}


def _to_plain(column: Column, value: Any, tz: tzinfo) -> Any:
    if value is None:
        return None
    if column.kind == "instant":
        return value.astimezone(tz).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if column.kind == "money" and isinstance(value, int):
        return to_number(value)
    return value


def _from_plain(column: Column, value: Any, where: str) -> Any:
    if value is None:
        return None
    try:
        if column.kind == "instant":
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise ValueError("no UTC offset")
            return parsed.astimezone(UTC)
        if column.kind == "date":
            return date.fromisoformat(value)
        if column.kind == "money":
            return parse_amount(value, what=f"{where} amount")
        if column.kind == "bool":
            if not isinstance(value, bool):
                raise ValueError("not true/false")
            return value
        if column.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError("not a whole number")
            return value
        if column.kind == "text":
            if not isinstance(value, str):
                raise ValueError("not text")
            if "\x00" in value:
                raise ValueError("NUL character")
            return value
    except (ValueError, TypeError, OverflowError) as exc:
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        raise BadInput(
            _("{where}: bad {name} {shown}: {exc}").format(
                where=where, name=column.name, shown=shown, exc=exc
            )
        ) from None
    return value
