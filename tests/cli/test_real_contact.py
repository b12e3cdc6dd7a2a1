"""One real-contact rule: ``core.vocab.is_real_contact`` and its SQL renderings in the store
say the same of every (kind, outcome) pair, on both engines, and every view reads it.

DOMAIN.md: a real contact is a kept visit or meeting, an email sent, or a call whose outcome is
reached, callback, appointment, order, consultation or not-interested."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlmodel import col, select

from salesplan.core.vocab import OUTCOME, is_real_contact
from salesplan.models import ACTIVITY_KINDS, Activity
from salesplan.store.activities import log_activity, real_contact, real_contact_sql
from salesplan.store.contacts import add_contact
from salesplan.store.db import open_store

NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)


def test_every_kind_and_outcome_pair_is_judged_alike_in_python_and_in_sql(tmp_path):
    store = open_store(os.environ.get("SALESPLAN_DB") or str(tmp_path / "s.db"), NOW)
    pairs = [(k, o) for k in ACTIVITY_KINDS for o in OUTCOME]
    assert len(pairs) == 40
    with store.session(write=True) as s:
        who = add_contact({"name": "钱七"}, session=s, now_utc=NOW)
        ids = {}
        for n, (kind, outcome) in enumerate(pairs):
            entry = log_activity(
                kind,
                session=s,
                at_utc=NOW + timedelta(minutes=n),
                now_utc=NOW,
                contact=who,
                outcome=outcome,
            )
            ids[entry.id] = (kind, outcome)
        by_text = {
            row[0]
            for row in s.connection().execute(
                text(f"SELECT id FROM activity WHERE {real_contact_sql('activity')}")
            )
        }
        by_query = set(s.exec(select(Activity.id).where(real_contact())).all())
        expected = {i for i, (k, o) in ids.items() if is_real_contact(k, o)}
        assert by_text == expected == by_query
        # The definition itself, pair by pair where the old copies disagreed.
        assert not is_real_contact("call", "sent")
        assert is_real_contact("email", "sent") and is_real_contact("visit", "reached")
        assert not is_real_contact("visit", "no-answer")
        assert not is_real_contact("email", "wrong-number")
        assert is_real_contact("call", "not-interested")
        assert len(expected) == 6 + 3 * 7  # six call outcomes; 7 of 10 for the other kinds
        # The derived last real contact is the latest real pair: a meeting at minute 36.
        s.refresh(who)
        last = s.exec(
            select(Activity.kind, Activity.outcome)
            .where(col(Activity.id).in_(list(expected)))
            .order_by(col(Activity.at).desc())
            .limit(1)
        ).one()
        assert who.last_kind == last[0]
