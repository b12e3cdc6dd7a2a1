"""Rich tables for the list commands. Rich measures cell width, so CJK text lines up.

Headings and enumerated values are shown in the user's language: a column named ``status``
shows 意向 for ``intent`` in Chinese (core.vocab); the records behind them keep the keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich import box
from rich.table import Table

from salesplan.core import vocab
from salesplan.i18n import NP_, _, is_chinese, pgettext
from salesplan.render.safe import safe_text

# Every column heading and field name the tables show, for the catalog.
COLUMNS = (
    NP_("column", "#"),
    NP_("column", "name"),
    NP_("column", "company"),
    NP_("column", "phone"),
    NP_("column", "email"),
    NP_("column", "phones"),
    NP_("column", "emails"),
    NP_("column", "area"),
    NP_("column", "tier"),
    NP_("column", "status"),
    NP_("column", "flags"),
    NP_("column", "date"),
    NP_("column", "day"),
    NP_("column", "worked"),
    NP_("column", "why"),
    NP_("column", "at"),
    NP_("column", "kind"),
    NP_("column", "contact"),
    NP_("column", "outcome"),
    NP_("column", "note"),
    NP_("column", "next"),
    NP_("column", "start"),
    NP_("column", "min"),
    NP_("column", "who"),
    NP_("column", "category"),
    NP_("column", "amount"),
    NP_("column", "project"),
    NP_("column", "stage"),
    NP_("column", "since"),
    NP_("column", "bid"),
    NP_("column", "on"),
    NP_("column", "event"),
    NP_("column", "id"),
    NP_("column", "address"),
    NP_("column", "business"),
    NP_("column", "needs"),
    NP_("column", "decision maker"),
    NP_("column", "interests"),
    NP_("column", "notes"),
    NP_("column", "flag note"),
    NP_("column", "archived"),
    NP_("column", "created"),
    NP_("column", "last contact"),
    NP_("column", "⚠ flags"),
    NP_("column", "collected"),
    NP_("column", "bid date"),
    NP_("column", "lost because"),
    NP_("column", "setting"),
    NP_("column", "value"),
    NP_("column", "meaning"),
    NP_("column", "to-do"),
    NP_("column", "due"),
    NP_("column", "late"),
    NP_("column", "template"),
    NP_("column", "subject"),
    NP_("column", "placeholders"),
)
TITLES = (
    NP_("title", "latest contacts"),
    NP_("title", "stages"),
    NP_("title", "key dates"),
    NP_("title", "collections"),
)
_ENUM_COLUMNS: dict[str, Mapping[str, tuple[str, ...]]] = {
    "kind": {**vocab.ACTIVITY_KIND, **vocab.NOTE_KIND},
    "outcome": vocab.OUTCOME,
    "tier": vocab.TIER,
    "status": {**vocab.STATUS, **vocab.APPT_STATUS},
    "stage": vocab.STAGE,
    "category": vocab.EXPENSE_CATEGORY,
}


def heading(name: str) -> str:
    return pgettext("column", name)


def cell(value: Any, column: str | None = None) -> str:
    """A cell as shown: empty for None, enumerated values as words, yes/no in Chinese."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if is_chinese():
        table_ = _ENUM_COLUMNS.get(column or "")
        if table_ is not None and isinstance(value, str):
            return vocab.label(value, table_)
    # Stripped before layout (render.safe strips again after), so rows still line up.
    return safe_text(str(value))


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None) -> Table:
    t = Table(
        box=box.SIMPLE_HEAD,
        title=pgettext("title", title) if title else None,
        title_justify="left",
        pad_edge=False,
    )
    for name in columns:
        right = name in ("#", "id", "amount", "min", "calls", "visits")
        t.add_column(heading(name), justify="right" if right else "left", overflow="fold")
    for row in rows:
        t.add_row(*(cell(v, columns[i] if i < len(columns) else None) for i, v in enumerate(row)))
    return t


def contact_table(contacts: Sequence[Any]) -> Table:
    rows = []
    for c in contacts:
        flags = " ".join(cell_flag(f) for f in ("credit", "abnormal") if getattr(c, f"flag_{f}"))
        rows.append(
            (
                c.id,
                c.name,
                c.company,
                c.phone,
                c.area,
                ("★ " + cell(c.tier, "tier")) if c.tier == "key" else "",
                c.status,
                ("⚠ " + flags) if flags else "",
            )
        )
    return table(["#", "name", "company", "phone", "area", "tier", "status", "flags"], rows)


def cell_flag(flag: str) -> str:
    return vocab.label(flag, vocab.FLAG) if is_chinese() else flag


# A phone number's kind as a person reads it (contact show).
_PHONE_KINDS = {
    "mobile": NP_("phone kind", "mobile"),
    "landline": NP_("phone kind", "landline"),
    "other": NP_("phone kind", "other"),
}


def numbers_cell(phones: Iterable[Mapping[str, str]]) -> str:
    """``138 0013 8000 (mobile), 010-8888 6666 (landline)``: every number with its kind."""
    return _(", ").join(
        _("{number} ({kind})").format(
            number=p["number"], kind=pgettext("phone kind", _PHONE_KINDS.get(p["kind"], p["kind"]))
        )
        for p in phones
    )


def key_value_table(pairs: Iterable[tuple[str, Any]]) -> Table:
    t = Table(box=None, show_header=False, pad_edge=False)
    t.add_column(style="bold")
    t.add_column(overflow="fold")
    for key, value in pairs:
        if value not in (None, "", []):
            t.add_row(heading(key), cell(value, key))
    return t
