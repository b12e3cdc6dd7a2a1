"""Schema 9: to-dos."""

from __future__ import annotations

from salesplan.store.schema import Step, create_tables

# To-dos: the important things not yet done (salesplan todo).
STEPS: list[Step] = [create_tables("todo")]
