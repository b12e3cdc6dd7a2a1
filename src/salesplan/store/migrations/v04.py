"""Schema 4: promises kept until kept, events' creation moments, log ids never reused."""

from __future__ import annotations

from salesplan.store.schema import Step

# Promises kept until kept: when the standing promise was made (contact.promise_at).
# Events remember when they were created: only a call after that is the invitation.
# Log ids are never reused: the activity table is rebuilt with AUTOINCREMENT, ids kept
# (a PostgreSQL sequence never hands an id out twice already).
STEPS: dict[str, list[Step]] = {
    "postgresql": [
        "ALTER TABLE contact ADD COLUMN promise_at TIMESTAMP WITH TIME ZONE",
        "ALTER TABLE event ADD COLUMN created_at TIMESTAMP WITH TIME ZONE",
    ],
    "sqlite": [
        "ALTER TABLE contact ADD COLUMN promise_at DATETIME",
        "ALTER TABLE event ADD COLUMN created_at DATETIME",
        "CREATE TABLE activity_next ("
        " id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,"
        " kind VARCHAR NOT NULL, at DATETIME NOT NULL, contact_id INTEGER,"
        " outcome VARCHAR NOT NULL, note VARCHAR, next_date DATE, minutes INTEGER,"
        " appointment_id INTEGER, project_id INTEGER, created_at DATETIME NOT NULL,"
        " FOREIGN KEY(contact_id) REFERENCES contact (id),"
        " FOREIGN KEY(appointment_id) REFERENCES appointment (id),"
        " FOREIGN KEY(project_id) REFERENCES project (id))",
        "INSERT INTO activity_next (id, kind, at, contact_id, outcome, note, next_date, minutes,"
        " appointment_id, project_id, created_at) SELECT id, kind, at, contact_id, outcome, note,"
        " next_date, minutes, appointment_id, project_id, created_at FROM activity",
        "DROP TABLE activity",
        "ALTER TABLE activity_next RENAME TO activity",
        "CREATE INDEX ix_activity_kind_at ON activity (kind, at)",
        "CREATE INDEX ix_activity_contact_at ON activity (contact_id, at)",
        "CREATE INDEX ix_activity_at ON activity (at)",
    ],
}
