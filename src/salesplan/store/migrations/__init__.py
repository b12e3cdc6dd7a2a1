"""The schema's migrations, append-only: version N's steps (module ``vNN``) turn a version N-1
store into version N. A fresh store gets the same shape from the models (a test compares the
two). Where the dialects differ, a version holds one list per dialect name (see
``migration_statements``).

A new version is a new module ``vNN.py`` with its ``STEPS`` (and the functions its steps call),
listed below, and ``models.SCHEMA_VERSION`` raised to N. Imported only when a store is created
or upgraded.
"""

from __future__ import annotations

from salesplan.store.migrations import (
    v02,
    v03,
    v04,
    v05,
    v06,
    v07,
    v08,
    v09,
    v10,
    v11,
    v12,
    v13,
    v14,
)
from salesplan.store.schema import Step

MIGRATIONS: dict[int, list[Step] | dict[str, list[Step]]] = {
    2: v02.STEPS,
    3: v03.STEPS,
    4: v04.STEPS,
    5: v05.STEPS,
    6: v06.STEPS,
    7: v07.STEPS,
    8: v08.STEPS,
    9: v09.STEPS,
    10: v10.STEPS,
    11: v11.STEPS,
    12: v12.STEPS,
    13: v13.STEPS,
    14: v14.STEPS,
}


def migration_statements(version: int, dialect: str) -> list[Step]:
    """The steps that make a version ``version`` store for ``dialect``."""
    steps = MIGRATIONS[version]
    return steps if isinstance(steps, list) else steps[dialect]
