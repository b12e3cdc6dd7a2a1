"""Schema 14: every phone and email a contact has (contact_point)."""

from __future__ import annotations

import re
from typing import Any

from salesplan.store.schema import Step, create_tables

# The lines imports wrote into a contact's notes before a contact kept every number and
# address (in either language): schema 14 moves them to contact_point.
_NOTE_LINES = (
    ("phone", re.compile(r"^(?:other phones: |其他电话：)(.+)$")),
    ("email", re.compile(r"^(?:other emails: |其他邮箱：)(.+)$")),
)
_NOTE_SPLIT = re.compile(r", |、")


def _numbers_from_notes(notes: str | None) -> tuple[list[str], list[str], str | None]:
    """The numbers and addresses of the notes' "other phones:"/"other emails:" lines, and
    the notes without those lines (a line with anything that is not one stays as it is)."""
    from salesplan.core.importrules import EXT
    from salesplan.core.search import phone_key

    if not notes:
        return [], [], notes
    found: dict[str, list[str]] = {"phone": [], "email": []}
    kept = []
    for line in notes.split("\n"):
        for what, pattern in _NOTE_LINES:
            m = pattern.match(line)
            if m is None:
                continue
            values = [v.strip() for v in _NOTE_SPLIT.split(m.group(1))]
            good = all(
                phone_key(v.partition(EXT)[0]) if what == "phone" else ("@" in v and " " not in v)
                for v in values
            )
            if good:
                found[what] += values
                break
        else:
            kept.append(line)
    left = "\n".join(kept) if kept else None
    return found["phone"], found["email"], left


def _fill_contact_points(conn: Any) -> None:
    """Every contact's phone and email as its first contact_point rows, then the numbers and
    addresses imports had written into its notes (those lines leave the notes), each number
    found by its search key."""
    import sqlalchemy as sa

    from salesplan.core.importrules import EXT, point_rows
    from salesplan.core.search import KEY_PHONE, phone_key

    server = conn.dialect.name == "postgresql"
    owner = "owner" if server else "NULL"
    read = "SELECT id, phone, email, notes, " + owner + " FROM contact ORDER BY id"
    columns = "contact_id, kind, value, position" + (", owner" if server else "")
    values = ":contact_id, :kind, :value, :position" + (", :owner" if server else "")
    write_point = "INSERT INTO contact_point (" + columns + ") VALUES (" + values + ")"
    key_columns = 'contact_id, kind, "key"' + (", owner" if server else "")
    key_values = ":contact_id, :kind, :key" + (", :owner" if server else "")
    write_key = "INSERT INTO contact_key (" + key_columns + ") VALUES (" + key_values + ")"
    points: list[dict[str, Any]] = []
    keys: list[dict[str, Any]] = []
    notes_left: list[dict[str, Any]] = []
    for cid, phone, email, notes, who in conn.execute(sa.text(read)).all():
        more_phones, more_emails, left = _numbers_from_notes(notes)
        phones: dict[str, str] = {}
        for number in [phone] if phone else []:
            phones[phone_key(number) or number] = number
        for number in more_phones:
            key = phone_key(number.partition(EXT)[0]) or number
            if key not in phones:
                phones[key] = number
                keys.append({"contact_id": cid, "kind": KEY_PHONE, "key": key, "owner": who})
            elif EXT in number:  # the first number's extension was written in the notes
                phones[key] = number
        emails: dict[str, str] = {}
        for address in ([email] if email else []) + more_emails:
            emails.setdefault(address.lower(), address)
        points += [
            {"contact_id": cid, "kind": kind, "value": value, "position": position, "owner": who}
            for kind, value, position in point_rows(list(phones.values()), list(emails.values()))
        ]
        if left != notes:
            notes_left.append({"id": cid, "notes": left})
    if points:
        conn.execute(sa.text(write_point), points)
    if keys:
        conn.execute(sa.text(write_key), keys)
    if notes_left:
        conn.execute(sa.text("UPDATE contact SET notes = :notes WHERE id = :id"), notes_left)


# Every phone and email a contact has (contact_point), filled from the contact's own
# columns and from the notes' "other phones:" lines imports used to write.
STEPS: list[Step] = [create_tables("contact_point"), _fill_contact_points]
