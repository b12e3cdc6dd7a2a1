"""Rich tables for the list commands. Rich measures cell width, so CJK text lines up."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.table import Table


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None) -> Table:
    t = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    for name in columns:
        right = name in ("#", "id", "amount", "min", "calls", "visits")
        t.add_column(name, justify="right" if right else "left", overflow="fold")
    for row in rows:
        t.add_row(*("" if v is None else str(v) for v in row))
    return t


def contact_table(contacts: Sequence[Any]) -> Table:
    rows = []
    for c in contacts:
        flags = " ".join(f for f in ("credit", "abnormal") if getattr(c, f"flag_{f}"))
        rows.append(
            (
                c.id,
                c.name,
                c.company,
                c.phone,
                c.area,
                "★ key" if c.tier == "key" else "",
                c.status,
                ("⚠ " + flags) if flags else "",
            )
        )
    return table(["#", "name", "company", "phone", "area", "tier", "status", "flags"], rows)


def key_value_table(pairs: Iterable[tuple[str, Any]]) -> Table:
    t = Table(box=None, show_header=False, pad_edge=False)
    t.add_column(style="bold")
    t.add_column(overflow="fold")
    for key, value in pairs:
        if value not in (None, "", []):
            t.add_row(key, str(value))
    return t
