"""Schema 11: imported contacts marked, and every status a contact takes kept."""

from __future__ import annotations

from salesplan.store.schema import Step, create_tables

# Contacts imported in a batch are marked (they are new contacts once first reached, not
# when imported), and every status a contact takes is kept with its moment (the week's
# potential customers). A contact already there is taken as added with the status it has.
STEPS: dict[str, list[Step]] = {
    "sqlite": [
        "ALTER TABLE contact ADD COLUMN imported BOOLEAN NOT NULL DEFAULT 0",
        "UPDATE contact SET imported = 1 WHERE cold_list IS NOT NULL",
        create_tables("contact_status"),
        "INSERT INTO contact_status (contact_id, status, at) "
        "SELECT id, status, created_at FROM contact WHERE NOT imported",
    ],
    "postgresql": [
        "ALTER TABLE contact ADD COLUMN imported BOOLEAN NOT NULL DEFAULT FALSE",
        "UPDATE contact SET imported = TRUE WHERE cold_list IS NOT NULL",
        create_tables("contact_status"),
        # Each row belongs to its contact's owner, not to whoever runs the upgrade.
        "INSERT INTO contact_status (contact_id, status, at, owner) "
        "SELECT id, status, created_at, owner FROM contact WHERE NOT imported",
    ],
}
