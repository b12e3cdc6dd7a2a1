"""Schema 12: the State Council's holiday notices as imported."""

from __future__ import annotations

from salesplan.store.schema import Step, create_tables

# The State Council's holiday notices as imported (salesplan workday import).
STEPS: list[Step] = [create_tables("workday_notice")]
