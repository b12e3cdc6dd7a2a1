"""Schema 6: search keys made again by the surname rule."""

from __future__ import annotations

from typing import Any

from salesplan.store.migrations.v05 import fill_contact_keys
from salesplan.store.schema import Step


def _refill_contact_keys(conn: Any) -> None:
    """Search keys made again for every contact (after the rules that make them changed)."""
    import sqlalchemy as sa

    conn.execute(sa.text("DELETE FROM contact_key"))
    fill_contact_keys(conn)


# Search keys again: a surname has only its usual reading unless it is one read two ways
# (王 is wang, never yu), so 王建国 is not found by yjg nor paired with 于建国.
STEPS: list[Step] = [_refill_contact_keys]
