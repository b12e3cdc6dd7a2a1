"""Schema 8: half days absent say which half."""

from __future__ import annotations

from salesplan.store.schema import Step

# Half days absent say which half (absent --morning/--afternoon).
STEPS: list[Step] = ["ALTER TABLE absence ADD COLUMN part VARCHAR"]
