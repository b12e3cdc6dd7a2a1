"""Schema 2: the log's index by kind and moment."""

from __future__ import annotations

from salesplan.store.schema import Step

STEPS: list[Step] = [
    "CREATE INDEX ix_activity_kind_at ON activity (kind, at)",
    "DROP INDEX ix_activity_kind",
]
