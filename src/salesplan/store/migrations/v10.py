"""Schema 10: email templates, and which one an email was sent from."""

from __future__ import annotations

from salesplan.store.schema import Step, create_tables

# Email templates for the unclear-intent cadence, and which one an email was sent from.
STEPS: list[Step] = [
    create_tables("email_template"),
    "ALTER TABLE activity ADD COLUMN template VARCHAR",
]
