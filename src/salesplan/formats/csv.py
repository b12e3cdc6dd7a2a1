"""CSV: contacts in (any tool's export, English or Chinese headings), tables out (formula-safe,
with the BOM Excel needs). The formula guard is ``core.cells``, the same both ways."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from salesplan.core.cells import neutralise, unneutralise
from salesplan.core.interchange import Record
from salesplan.core.validate import CONTACT_FIELDS
from salesplan.errors import BadInput
from salesplan.i18n import NP_, _, is_chinese, pgettext

# The tables a CSV export offers, by their names in the export.
CSV_TABLES = ("contacts", "log", "appointments", "projects")
MAX_FIELD_BYTES = 128 * 1024
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
    "兴趣爱好": "interests",
    "notes": "notes",
    "note": "notes",
    "备注": "notes",
    "主营业务": "business",
}


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or field.strip() not in CONTACT_FIELDS:
            raise BadInput(
                _("bad --map {pair!r}: use COLUMN=field with field one of {choices}").format(
                    pair=pair, choices=", ".join(CONTACT_FIELDS)
                )
            )
        mapping[column.strip().lower()] = field.strip()
    return mapping


def csv_contacts(
    stream: Iterable[str], mapping: dict[str, str], what: str, encoding: str = "utf-8"
) -> Iterator[Record]:
    """Contacts from a CSV with a heading row, read as they are consumed.

    Refused with the line named: a quote opened and never closed, a heading that names a field
    another heading already holds, more cells than headings, text that is not the encoding.
    """
    csv.field_size_limit(MAX_FIELD_BYTES)
    reader = csv.reader(_text_lines(stream, what), strict=True)
    header = _next_row(reader, what, 1, encoding)
    if header is None:
        raise BadInput(_("{what} is empty").format(what=what))
    columns: list[str | None] = []
    for heading in header:
        key = heading.strip().lower()
        field = (
            mapping.get(key) or HEADER_ALIASES.get(key) or (key if key in CONTACT_FIELDS else None)
        )
        if field is not None and field in columns:
            first = header[columns.index(field)]
            raise BadInput(
                _(
                    "{what} line 1: headings {first!r} and {heading!r} both hold {field}; keep one, or say which with --map COLUMN=field"
                ).format(what=what, first=first, heading=heading, field=field)
            )
        columns.append(field)
    if "name" not in columns:
        raise BadInput(
            _(
                "{what} has no name column (headings: {choices}); add one or use --map COLUMN=name"
            ).format(what=what, choices=", ".join(header))
        )
    while True:
        start = reader.line_num + 1
        row = _next_row(reader, what, start, encoding)
        if row is None:
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            raise BadInput(
                _("{what} line {line_num}: {count} cells but {count2} headings").format(
                    what=what, line_num=reader.line_num, count=len(row), count2=len(columns)
                )
            )
        fields = {
            col: unneutralise(cell)
            for col, cell in zip(columns, row, strict=False)
            if col and cell.strip()
        }
        yield Record(f"line {start}", fields)


def _text_lines(stream: Iterable[str], what: str) -> Iterator[str]:
    for n, line in enumerate(stream, 1):
        if "\x00" in line:
            raise BadInput(
                _("{what} has a NUL byte on line {n}: not a text file").format(what=what, n=n)
            )
        yield line


def _next_row(reader: Any, what: str, start: int, encoding: str) -> list[str] | None:
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise BadInput(
                _("{what} line {start}: a quoted cell starts here and is never closed").format(
                    what=what, start=start
                )
            ) from None
        if "NUL" in str(exc):
            raise BadInput(
                _("{what} has a NUL byte on line {line_num}: not a text file").format(
                    what=what, line_num=reader.line_num
                )
            ) from None
        raise BadInput(
            _("{what} line {line_num}: {exc}").format(what=what, line_num=reader.line_num, exc=exc)
        ) from None
    except UnicodeDecodeError:
        raise BadInput(
            _(
                "{what} is not {encoding} (near line {line_num}); save it as UTF-8, or give --encoding gb18030"
            ).format(what=what, encoding=encoding, line_num=reader.line_num + 1)
        ) from None


# The headings of a CSV export in Chinese (for Excel users); English exports keep the keys.
# Every contact field's Chinese heading is also in HEADER_ALIASES, so such a file imports back.
CSV_HEADINGS = (
    NP_("csv heading", "id"),
    NP_("csv heading", "name"),
    NP_("csv heading", "company"),
    NP_("csv heading", "phone"),
    NP_("csv heading", "email"),
    NP_("csv heading", "area"),
    NP_("csv heading", "address"),
    NP_("csv heading", "tier"),
    NP_("csv heading", "status"),
    NP_("csv heading", "business"),
    NP_("csv heading", "needs"),
    NP_("csv heading", "decision_maker"),
    NP_("csv heading", "interests"),
    NP_("csv heading", "notes"),
    NP_("csv heading", "flag_credit"),
    NP_("csv heading", "flag_abnormal"),
    NP_("csv heading", "flag_note"),
    NP_("csv heading", "archived"),
    NP_("csv heading", "created_at"),
    NP_("csv heading", "last_contact_at"),
    NP_("csv heading", "last_kind"),
    NP_("csv heading", "next_date"),
    NP_("csv heading", "promise_at"),
    NP_("csv heading", "merged_into"),
    NP_("csv heading", "kind"),
    NP_("csv heading", "at"),
    NP_("csv heading", "contact_id"),
    NP_("csv heading", "outcome"),
    NP_("csv heading", "note"),
    NP_("csv heading", "minutes"),
    NP_("csv heading", "appointment_id"),
    NP_("csv heading", "project_id"),
    NP_("csv heading", "title"),
    NP_("csv heading", "start"),
    NP_("csv heading", "travel"),
    NP_("csv heading", "buffer"),
    NP_("csv heading", "location"),
    NP_("csv heading", "reason"),
    NP_("csv heading", "uid"),
    NP_("csv heading", "stage"),
    NP_("csv heading", "amount"),
    NP_("csv heading", "bid_date"),
    NP_("csv heading", "stage_since"),
    NP_("csv heading", "won_date"),
    NP_("csv heading", "lost_reason"),
)


def heading(key: str) -> str:
    """A column's heading in the export: the key in English, its Chinese name in Chinese."""
    return pgettext("csv heading", key) if is_chinese() else key


def to_csv(rows: Sequence[dict[str, Any]], bom: bool = True) -> str:
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    if rows:
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow([heading(key) for key in rows[0]])
        for row in rows:
            writer.writerow([neutralise(v) for v in row.values()])
    return buf.getvalue()
