"""Reading contact files people bring (CSV), bounded. Pure: bytes in, records out.

Every reader refuses what it cannot read whole — too big, NUL bytes, a bad encoding, a
truncated file — with one line naming the line or record, instead of importing half of it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from salesplan.core.validate import CONTACT_FIELDS
from salesplan.errors import BadInput

MAX_FILE_BYTES = 50 * 1024 * 1024
# Cells our CSV export guards with a leading apostrophe (OWASP CSV injection).
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
MAX_FIELD_BYTES = 128 * 1024
MAX_OCCURRENCES = 500  # per recurring event, within the window
# Column headings seen in real exports (Excel sheets, phone CRMs), English and Chinese.
HEADER_ALIASES = {
    "name": "name",
    "full name": "name",
    "contact": "name",
    "姓名": "name",
    "联系人": "name",
    "客户": "name",
    "company": "company",
    "organization": "company",
    "公司": "company",
    "单位": "company",
    "phone": "phone",
    "mobile": "phone",
    "tel": "phone",
    "telephone": "phone",
    "电话": "phone",
    "手机": "phone",
    "email": "email",
    "e-mail": "email",
    "邮箱": "email",
    "area": "area",
    "district": "area",
    "区域": "area",
    "地区": "area",
    "address": "address",
    "地址": "address",
    "tier": "tier",
    "级别": "tier",
    "status": "status",
    "状态": "status",
    "business": "business",
    "主营": "business",
    "needs": "needs",
    "需求": "needs",
    "decision maker": "decision_maker",
    "decision_maker": "decision_maker",
    "决策人": "decision_maker",
    "interests": "interests",
    "兴趣": "interests",
    "notes": "notes",
    "note": "notes",
    "备注": "notes",
}


@dataclass(frozen=True)
class Record:
    where: str  # "line 12", "vCard 3", "event UID…"
    fields: dict[str, Any]


def check_size(data: bytes, what: str) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise BadInput(
            f"{what} is {len(data) // (1024 * 1024)} MB: files over 50 MB are not imported"
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise BadInput(f"{what} has a NUL byte on line {line}: not a text file")


def decode(data: bytes, what: str, encoding: str = "utf-8") -> str:
    try:
        return data.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        line = data[: getattr(exc, "start", 0)].count(b"\n") + 1
        raise BadInput(
            f"{what} is not {encoding} (line {line}); save it as UTF-8, or give --encoding gb18030"
        ) from None


def unneutralise(text: str) -> str:
    """Undo the apostrophe our CSV export puts before = + - @ so re-import is exact."""
    return text[1:] if text.startswith("'") and text[1:].startswith(DANGEROUS) else text


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or field.strip() not in CONTACT_FIELDS:
            raise BadInput(
                f"bad --map {pair!r}: use COLUMN=field with field one of {', '.join(CONTACT_FIELDS)}"
            )
        mapping[column.strip().lower()] = field.strip()
    return mapping


def csv_contacts(text: str, mapping: dict[str, str], what: str) -> Iterator[Record]:
    csv.field_size_limit(MAX_FIELD_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise BadInput(f"{what} is empty") from None
    except csv.Error as exc:
        raise BadInput(f"{what} line 1: {exc}") from None
    columns = []
    for heading in header:
        key = heading.strip().lower()
        columns.append(
            mapping.get(key) or HEADER_ALIASES.get(key) or (key if key in CONTACT_FIELDS else None)
        )
    if "name" not in columns:
        raise BadInput(
            f"{what} has no name column (headings: {', '.join(header)}); add one or use --map COLUMN=name"
        )
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise BadInput(f"{what} line {reader.line_num}: {exc}") from None
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            raise BadInput(
                f"{what} line {reader.line_num}: {len(row)} cells but {len(columns)} headings"
            )
        fields = {
            col: unneutralise(cell)
            for col, cell in zip(columns, row, strict=False)
            if col and cell.strip()
        }
        yield Record(f"line {reader.line_num}", fields)
