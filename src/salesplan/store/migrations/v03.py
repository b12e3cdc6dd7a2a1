"""Schema 3: the user's own workdays and days off (``salesplan workday set``)."""

from __future__ import annotations

from salesplan.store.schema import Step

# The user's own workdays and days off (salesplan workday set).
STEPS: dict[str, list[Step]] = {
    "sqlite": [
        "CREATE TABLE workday_override (day DATE NOT NULL, work BOOLEAN NOT NULL, "
        "PRIMARY KEY (day))",
    ],
    "postgresql": [
        "CREATE TABLE workday_override (day DATE NOT NULL, work BOOLEAN NOT NULL, "
        "owner text NOT NULL DEFAULT current_user, PRIMARY KEY (owner, day))",
    ],
}
