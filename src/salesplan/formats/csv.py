"""CSV: contacts in (any tool's export, English or Chinese headings), tables out (formula-safe,
with the BOM Excel needs). The formula guard is ``core.cells``, the same both ways."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from salesplan.core.cells import neutralise, unneutralise
from salesplan.core.importrules import full_name
from salesplan.core.interchange import Record
from salesplan.core.validate import CONTACT_FIELDS
from salesplan.errors import BadInput
from salesplan.i18n import NP_, _, is_chinese, pgettext

# The tables a CSV export offers, by their names in the export.
CSV_TABLES = ("contacts", "log", "appointments", "projects")
MAX_FIELD_BYTES = 128 * 1024
# Column headings seen in real exports, English and Chinese: Excel sheets and Chinese CRMs,
# Google Contacts (the current CSV and the older one), Outlook in English and in Chinese,
# 钉钉 and 企业微信 member lists. Headings are compared folded (case, width, spaces, a "*"
# marking a required column, a trailing "(必填)"). "given_name", "family_name" and
# "middle_name" are parts a name is built from when the sheet has no whole name.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "full name",
        "contact",
        "contact name",
        "display name",
        "姓名",
        "联系人",
        "联系人姓名",
        "客户姓名",
        "名字",
        "成员姓名",
        "员工姓名",
        "全名",
    ),
    "given_name": ("first name", "given name", "名"),
    "family_name": ("last name", "family name", "surname", "姓"),
    "middle_name": ("middle name", "additional name", "中间名"),
    "company": (
        "company",
        "company name",
        "organization",
        "organisation",
        "organization name",
        "公司",
        "公司名称",
        "单位",
        "单位名称",
        "企业名称",
        "工作单位",
        "所在单位",
        "客户单位",
    ),
    "phone": (
        "phone",
        "mobile",
        "mobile phone",
        "cell",
        "cell phone",
        "tel",
        "telephone",
        "phone number",
        "mobile number",
        "primary phone",
        "business phone",
        "business phone 2",
        "home phone",
        "home phone 2",
        "other phone",
        "company main phone",
        "car phone",
        "电话",
        "手机",
        "手机号",
        "手机号码",
        "移动电话",
        "联系电话",
        "联系方式",
        "电话号码",
        "座机",
        "固定电话",
        "办公电话",
        "单位电话",
        "公司电话",
        "分机号",
        "主要电话",
        "商务电话",
        "商务电话 2",
        "住宅电话",
        "住宅电话 2",
        "其他电话",
        "公司代表电话",
        "车载电话",
    ),
    "email": (
        "email",
        "e-mail",
        "mail",
        "email address",
        "e-mail address",
        "e-mail 2 address",
        "e-mail 3 address",
        "邮箱",
        "电子邮件",
        "电子邮箱",
        "邮件",
        "邮箱地址",
        "个人邮箱",
        "企业邮箱",
        "工作邮箱",
        "电子邮件地址",
        "电子邮件 2 地址",
        "电子邮件 3 地址",
    ),
    "area": (
        "area",
        "district",
        "region",
        "territory",
        "地区",
        "区域",
        "所在区域",
        "所属区域",
        "片区",
        "所在地区",
        "所属地区",
        "区县",
        "销售区域",
    ),
    "address": (
        "address",
        "street",
        "business street",
        "home street",
        "other street",
        "地址",
        "联系地址",
        "详细地址",
        "公司地址",
        "单位地址",
        "办公地点",
        "商务地址 街道",
        "住宅地址 街道",
        "其他地址 街道",
    ),
    "tier": ("tier", "level", "grade", "customer level", "级别", "等级", "客户等级", "客户级别"),
    "status": ("status", "状态", "客户状态", "跟进状态", "跟进阶段", "客户阶段"),
    "business": ("business", "industry", "主营", "主营业务", "经营范围", "行业", "所属行业"),
    "needs": ("needs", "需求", "客户需求"),
    "decision_maker": ("decision maker", "decision_maker", "决策人"),
    "interests": ("interests", "hobbies", "兴趣", "兴趣爱好", "爱好"),
    "notes": (
        "notes",
        "note",
        "comment",
        "comments",
        "remarks",
        "memo",
        "备注",
        "说明",
        "备注信息",
    ),
}
HEADER_ALIASES: dict[str, str] = {
    heading: field for field, headings in _SYNONYMS.items() for heading in headings
}
# A customer's name: the contact's own name when the sheet has no person column, its company
# when it has one (客户名称,联系人,… is a company and the person there).
_CUSTOMER = ("客户名称", "客户", "客户名", "customer", "customer name", "account name")
# The first heading of salesplan's own contacts export, in English and in Chinese.
_OWN_EXPORT = ("id", "编号")
# Fields several columns may fill: every phone and email is kept, notes are joined, the first
# address given is taken.
MULTI_FIELDS = ("phone", "email", "notes", "address")
NAME_PARTS = ("given_name", "family_name", "middle_name")
# Google's numbered columns: "Phone 1 - Value", "E-mail 2 - Value", "Organization 1 - Name".
_NUMBERED = re.compile(r"^(phone|e-mail|email|organization|address)\s*\d+\s*-\s*(.+)$")
_NUMBERED_FIELDS = {
    ("phone", "value"): "phone",
    ("e-mail", "value"): "email",
    ("email", "value"): "email",
    ("organization", "name"): "company",
    ("address", "formatted"): "address",
}
_REQUIRED_MARK = re.compile(r"^\*+|\*+$|\s*\((必填|选填|可选|required|optional)\)$")
# Several numbers or addresses in one cell: Google's ":::", or a sheet's "/", "、", ";".
_SEVERAL = re.compile(r"\s*(?::::|[/;；,，、|])\s*")


def heading_key(heading: str) -> str:
    """A heading as it is compared: folded, required marks and repeated spaces gone."""
    text = unicodedata.normalize("NFKC", heading).replace("\ufeff", "").strip().casefold()
    text = _REQUIRED_MARK.sub("", text).strip()
    return re.sub(r"\s+", " ", text)


def heading_field(heading: str) -> str | None:
    """The field a heading names in the synonyms table (a name part included), or None."""
    key = heading_key(heading)
    field = HEADER_ALIASES.get(key) or (key if key in CONTACT_FIELDS else None)
    if field is None:
        numbered = _NUMBERED.match(key)
        if numbered:
            field = _NUMBERED_FIELDS.get((numbered.group(1), numbered.group(2).strip()))
    if field is None:
        # A sheet's second and third numbers: 电话 2, 手机2, 邮箱 3, Mobile 2.
        counted = _COUNTED.match(key)
        if counted and counted.group(1):
            base = HEADER_ALIASES.get(counted.group(1)) or counted.group(1)
            field = base if base in ("phone", "email") else None
    return field


_COUNTED = re.compile(r"^(.*?)\s*\d{1,2}$")


@dataclass(frozen=True)
class ColumnPlan:
    """What each heading of a sheet feeds: a contact field, a part of the name, or nothing."""

    headings: tuple[str, ...]
    fields: tuple[str | None, ...]

    def unused(self) -> list[str]:
        """The headings nothing reads; none for salesplan's own export (its ids, dates and
        flags are the store's own, deliberately not imported)."""
        if self.headings and heading_key(self.headings[0]) in _OWN_EXPORT:
            return []
        return [h for h, f in zip(self.headings, self.fields, strict=True) if f is None and h]

    def lines(self) -> list[str]:
        """``手机号码 → phone``, ``微信号 → (not imported)``: one line a heading."""
        out = []
        for heading_text, field in zip(self.headings, self.fields, strict=True):
            if field is None:
                out.append(_("{heading} → (not imported)").format(heading=heading_text))
            elif field in NAME_PARTS:
                out.append(
                    _("{heading} → name ({part})").format(
                        heading=heading_text, part=pgettext("name part", field)
                    )
                )
            else:
                # The field in the reader's words, and as --map names it.
                word = pgettext("what", field.replace("_", " "))
                shown = word if word == field.replace("_", " ") else f"{word} ({field})"
                out.append(_("{heading} → {field}").format(heading=heading_text, field=shown))
        return out


# The parts a name is built from, as the mapping shows them.
_NAME_PART_WORDS = (
    NP_("name part", "given_name"),
    NP_("name part", "family_name"),
    NP_("name part", "middle_name"),
)


def plan_columns(header: list[str], mapping: dict[str, str], what: str) -> ColumnPlan:
    """Which field each heading feeds: ``--map`` first, then the synonyms table. A second
    heading for a one-value field is not imported (the summary names it); a name must come
    from a name column or from name parts."""
    fields: list[str | None] = []
    for heading_text in header:
        key = heading_key(heading_text)
        fields.append(
            mapping.get(heading_text.strip().lower())
            or mapping.get(key)
            or heading_field(heading_text)
        )
    mapped = {
        heading_key(h) for h in header if heading_key(h) in mapping or h.strip().lower() in mapping
    }
    customer = [
        i
        for i, h in enumerate(header)
        if heading_key(h) in _CUSTOMER and heading_key(h) not in mapped
    ]
    for i in customer:
        others = [f for j, f in enumerate(fields) if j != i and j not in customer]
        if "name" not in others and not any(p in others for p in ("given_name", "family_name")):
            fields[i] = "name" if "name" not in fields[:i] else None
        elif "company" not in others and "company" not in fields[:i]:
            fields[i] = "company"
        else:
            fields[i] = None
    taken: set[str] = set()
    for i, field in enumerate(fields):
        if field is None or field in MULTI_FIELDS:
            continue
        if field in taken:
            if heading_key(header[i]) in mapped:
                first = header[fields.index(field)]
                raise BadInput(
                    _(
                        "{what} line 1: headings {first!r} and {heading!r} both hold {field}; keep one, or say which with --map COLUMN=field"
                    ).format(what=what, first=first, heading=header[i], field=field)
                )
            fields[i] = None
        taken.add(field)
    if "name" not in taken and not taken & {"given_name", "family_name"}:
        raise BadInput(
            _(
                "{what} has no name column (headings: {choices}); add one or use --map COLUMN=name"
            ).format(what=what, choices=", ".join(header))
        )
    return ColumnPlan(tuple(header), tuple(fields))


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


class CsvContacts:
    """Contacts from a CSV with a heading row, read as they are consumed: the heading row is
    read at once (``plan`` says what each column feeds), the rows as the caller iterates.

    Refused with the line named: a quote opened and never closed, text that is not the
    encoding, no column a name can come from. A row with more cells than headings is handed
    on refused, so it goes to the rejects file with the others.
    """

    def __init__(
        self, stream: Iterable[str], mapping: dict[str, str], what: str, encoding: str = "utf-8"
    ) -> None:
        csv.field_size_limit(MAX_FIELD_BYTES)
        self.what = what
        self.encoding = encoding
        self.reader = csv.reader(_text_lines(stream, what), strict=True)
        header = _next_row(self.reader, what, 1, encoding)
        if header is None:
            raise BadInput(_("{what} is empty").format(what=what))
        self.header = header
        self.plan = plan_columns(header, mapping, what)

    def __iter__(self) -> Iterator[Record]:
        reader, what, columns = self.reader, self.what, self.plan.fields
        while True:
            start = reader.line_num + 1
            row = _next_row(reader, what, start, self.encoding)
            if row is None:
                return
            if not any(cell.strip() for cell in row):
                continue
            where = f"line {start}"
            if len(row) > len(columns):
                why = _("{count} cells but {count2} headings").format(
                    count=len(row), count2=len(columns)
                )
                yield Record(where, {}, tuple(row), ("", why))
                continue
            yield Record(where, _row_fields(columns, row), tuple(row))


def _row_fields(columns: tuple[str | None, ...], row: list[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    parts: dict[str, str] = {}
    for column, cell in zip(columns, row, strict=False):
        if not column:
            continue
        value = unneutralise(cell).strip()
        if not value:
            continue
        if column in NAME_PARTS:
            parts[column] = value
        elif column in ("phone", "email"):
            fields.setdefault(column, []).extend(v for v in _SEVERAL.split(value) if v)
        elif column == "notes" and "notes" in fields:
            fields["notes"] += "\n" + value
        elif column not in fields:
            fields[column] = value
    if "name" not in fields and parts:
        name = full_name(
            parts.get("family_name"), parts.get("given_name"), parts.get("middle_name")
        )
        if name:
            fields["name"] = name
    return fields


def csv_contacts(
    stream: Iterable[str], mapping: dict[str, str], what: str, encoding: str = "utf-8"
) -> Iterator[Record]:
    """The records of ``CsvContacts`` (the heading row read when iteration starts)."""
    yield from CsvContacts(stream, mapping, what, encoding)


class CsvRejects:
    """The rows an import could not write, in the source's own layout (its heading row, its
    cells as written, formula-safe) so they can be fixed and imported again."""

    def __init__(self, out: TextIO, header: list[str]) -> None:
        self.writer = csv.writer(out, lineterminator="\r\n")
        self.writer.writerow([neutralise(unneutralise(h)) for h in header])

    def add(self, raw: tuple[str, ...]) -> None:
        self.writer.writerow([neutralise(unneutralise(cell)) for cell in raw])


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
