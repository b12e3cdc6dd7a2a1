"""Schema 7: cold lists, the batch an imported contact came from."""

from __future__ import annotations

from salesplan.store.schema import Step

# Cold lists: the batch an imported contact came from (import contacts --list).
STEPS: list[Step] = [
    "ALTER TABLE contact ADD COLUMN cold_list VARCHAR",
    "CREATE INDEX ix_contact_cold_list ON contact (cold_list)",
]
