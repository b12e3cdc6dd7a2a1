"""Schema 5: search keys of contacts (filled for those already there), and contact merges."""

from __future__ import annotations

from typing import Any

from salesplan.store.schema import Step, create_tables


def fill_contact_keys(conn: Any) -> None:
    """Search keys for every contact already in the store (ids unchanged)."""
    import sqlalchemy as sa

    from salesplan.core.searchkeys import contact_keys

    # On a server each key belongs to its contact's owner, not to whoever runs the upgrade.
    if conn.dialect.name == "postgresql":
        read = "SELECT id, name, company, phone, owner FROM contact"
        write = (
            'INSERT INTO contact_key (contact_id, kind, "key", owner) '
            "VALUES (:contact_id, :kind, :key, :owner)"
        )
    else:
        read = "SELECT id, name, company, phone, NULL FROM contact"
        write = (
            'INSERT INTO contact_key (contact_id, kind, "key") VALUES (:contact_id, :kind, :key)'
        )
    keys = [
        {"contact_id": cid, "kind": kind, "key": key, "owner": owner}
        for cid, name, company, phone, owner in conn.execute(sa.text(read)).all()
        for kind, key in contact_keys(name, company, phone)
    ]
    if keys:
        conn.execute(sa.text(write), keys)


# Search keys of contacts (filled for those already there), and contact merges.
STEPS: list[Step] = [
    "ALTER TABLE contact ADD COLUMN merged_into INTEGER REFERENCES contact (id)",
    create_tables("contact_key", "contact_merge"),
    fill_contact_keys,
]
