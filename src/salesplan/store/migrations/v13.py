"""Schema 13: every tier a contact takes kept; cadence columns derived again."""

from __future__ import annotations

from typing import Any

from salesplan.store.schema import Step, create_tables


def _refresh_cadences(conn: Any) -> None:
    """Every contact's cadence columns (last real contact, latest promise) derived again from
    its log: a store written before the one real-contact rule holds them by the old rules (a
    promise cleared by an earlier call, an unanswered email taken as a contact), and the
    follow-up rules would read those until the contact's next log entry."""
    import sqlalchemy as sa

    from salesplan.store.activities import cadence_update

    statement = cadence_update("contact.id IS NOT NULL")
    conn.execute(sa.text(statement))


# Every tier a contact takes is kept with its moment (a past week's key customers stay as
# they were). A contact already there is taken as added with the tier it has. The cadence
# columns are derived again by today's rules (one real-contact rule; a promise kept until
# its day).
STEPS: dict[str, list[Step]] = {
    "sqlite": [
        create_tables("contact_tier"),
        "INSERT INTO contact_tier (contact_id, tier, at) SELECT id, tier, created_at FROM contact",
        _refresh_cadences,
    ],
    "postgresql": [
        create_tables("contact_tier"),
        # Each row belongs to its contact's owner, not to whoever runs the upgrade.
        "INSERT INTO contact_tier (contact_id, tier, at, owner) "
        "SELECT id, tier, created_at, owner FROM contact",
        _refresh_cadences,
    ],
}
