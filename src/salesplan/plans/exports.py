"""An export: the store's tables as a JSON dump or CSV holds them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from sqlmodel import Session

from salesplan.core.interchange import TableShape


def export_tables() -> dict[str, TableShape]:
    """Every table a full export holds, by its name in a file, foreign keys first."""
    from salesplan.formats.dump import by_file_name
    from salesplan.store.interchange import table_shapes

    return by_file_name(table_shapes())


def export_rows(
    tables: dict[str, TableShape], names: Sequence[str], tz: tzinfo, *, session: Session
) -> dict[str, list[dict[str, Any]]]:
    """The rows of the tables ``names`` (file names of ``tables``) as JSON-ready values, the
    instants in the zone ``tz``."""
    from salesplan.formats.dump import to_plain
    from salesplan.store.interchange import dump_rows

    return {
        name: to_plain(tables[name], dump_rows(tables[name], session=session), tz) for name in names
    }
