"""A store written before contacts kept every number (schema 14) gets its contact_point rows
when it opens: from each contact's phone and email, and from the "other phones:" / "other
emails:" lines imports wrote into notes (in either language), which then leave the notes."""

import sqlite3

from salesplan.store.db import Store
from tests.store.test_db import NOW
from tests.store.test_search_keys_migration import _rows


def test_a_version_12_store_gets_every_number_from_its_columns_and_notes(tmp_path, run):
    path = tmp_path / "v12.db"
    env = {"SALESPLAN_DB": str(path)}
    run(
        "contact", "add", "李建华", "--phone", "138 0013 8000", "--email", "li@example.com", env=env
    )
    run("contact", "add", "周小红", "--phone", "010-8888 6666", env=env)
    run("contact", "add", "吴敏", env=env)
    conn = sqlite3.connect(path)
    conn.executemany(
        "UPDATE contact SET notes = ? WHERE id = ?",
        [
            ("老客户\nother phones: 010-8888 6666, 0755-1234 5678\nother emails: jh@example.cn", 1),
            ("其他电话：010-8888 6666 ext 801、13900000009", 2),
            ("other phones: ask the front desk", 3),  # not numbers: the line stays
        ],
    )
    conn.executescript(
        "DROP TABLE contact_point; DELETE FROM contact_key WHERE kind = 'phone'"
        " AND key NOT IN ('13800138000', '01088886666'); UPDATE schema_info SET version = 13;"
    )
    conn.commit()
    conn.close()
    Store(path, NOW).open()
    points = _rows(path, "SELECT contact_id, kind, value, position FROM contact_point ORDER BY id")
    assert points == [
        (1, "mobile", "138 0013 8000", 0),
        (1, "landline", "010-8888 6666", 1),
        (1, "landline", "0755-1234 5678", 2),
        (1, "email", "li@example.com", 0),
        (1, "email", "jh@example.cn", 1),
        (2, "landline", "010-8888 6666 ext 801", 0),  # its own number, with the extension
        (2, "mobile", "13900000009", 1),
    ]
    notes = _rows(path, "SELECT id, notes FROM contact ORDER BY id")
    assert notes == [(1, "老客户"), (2, None), (3, "other phones: ask the front desk")]
    assert _rows(path, "SELECT version FROM schema_info") == [(14,)]
    # Found by the numbers that were only in the notes; two people on one line are a pair.
    assert run.json("contact", "show", "075512345678", env=env)["id"] == 1
    assert run.json("contact", "show", "13900000009", env=env)["id"] == 2
    pairs = run.json("contact", "dupes", env=env)
    assert [(d["first"]["id"], d["second"]["id"], d["reasons"]) for d in pairs] == [
        (1, 2, ["phone"])
    ]
