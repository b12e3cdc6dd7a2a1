"""Export formats. CSV is formula-safe (OWASP): a cell starting with = + - @ tab or CR gets a
leading apostrophe, which also keeps phone numbers such as +86… as text in Excel."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from salesplan.core.interchange import DANGEROUS


def neutralise(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return text
    return "'" + text if text.startswith(DANGEROUS) else text


def to_csv(rows: Sequence[dict[str, Any]], bom: bool = True) -> str:
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    if rows:
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(list(rows[0]))
        for row in rows:
            writer.writerow([neutralise(v) for v in row.values()])
    return buf.getvalue()


def to_json(data: dict[str, Any]) -> str:
    return (
        json.dumps(
            {"format": "salesplan-export", "version": 1, **data}, ensure_ascii=False, indent=2
        )
        + "\n"
    )
