"""Likely duplicates, merging one contact into another, and undoing it exactly.

Every row that points to the other contact (log entries, appointments, projects, expenses,
notes, contacts merged into it earlier, and any table added later with a foreign key to
contact) is moved to the kept one; the kept contact's empty fields are filled as
``core.dupes.plan_merge`` says; the other is archived with ``merged_into`` pointing to the
kept one. What was changed is written to a contact_merge row, so ``undo_last_merge`` puts back
both contacts and every moved row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, union, update
from sqlmodel import Session, SQLModel, col, select

from salesplan.core.dupes import ContactFacts, MergePlan
from salesplan.core.search import KEY_COMPANY, KEY_NAME, KEY_PHONE, KEY_PINYIN
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.models import (
    Contact,
    ContactKey,
    ContactMerge,
    ContactPoint,
    ContactTier,
    load_all,
)

# Rows that belong to a contact rather than to its history: never moved (a contact's statuses
# and tiers stay its own, so a past week's potential and key customers are the same after a
# merge).
_NOT_MOVED = ("contact_key", "contact_merge", "contact_status", "contact_tier")
# The key kinds two contacts are compared by (the company only together with a name).
_SHARED_KINDS = (KEY_PHONE, KEY_NAME, KEY_PINYIN)
_SLOTS = {KEY_PHONE: "phones", KEY_NAME: "names", KEY_PINYIN: "pinyin", KEY_COMPANY: "companies"}
_CHUNK = 500


@dataclass(frozen=True)
class MergeOutcome:
    merge_id: int
    keep: Contact
    other: Contact
    moved: dict[str, int]  # table → rows moved
    filled: tuple[str, ...]
    conflicts: tuple[tuple[str, Any, Any], ...]


def duplicate_facts(*, session: Session, since_id: int | None = None) -> list[ContactFacts]:
    """The keys of every active contact that shares a phone, name, reading or email with
    another active contact (with ``since_id``: with one whose id is above it). Only those can
    be in a duplicate pair, so a large store is narrowed by the database, not in Python."""
    live = col(Contact.archived).is_(False)
    shared = (
        select(ContactKey.kind, ContactKey.key)
        .join(Contact, col(Contact.id) == col(ContactKey.contact_id))
        .where(col(ContactKey.kind).in_(_SHARED_KINDS), live)
        .group_by(col(ContactKey.kind), col(ContactKey.key))
    )
    # Every address of every active contact: its own and those in contact_point.
    every_email = union(
        select(col(Contact.id).label("cid"), func.lower(col(Contact.email)).label("email")).where(
            live, col(Contact.email).is_not(None)
        ),
        select(col(ContactPoint.contact_id).label("cid"), func.lower(col(ContactPoint.value)))
        .join(Contact, col(Contact.id) == col(ContactPoint.contact_id))
        .where(live, ContactPoint.kind == "email"),
    ).subquery()
    emails = select(every_email.c.email).group_by(every_email.c.email)
    if since_id is None:
        shared = shared.having(func.count() > 1)
        emails = emails.having(func.count(every_email.c.cid.distinct()) > 1)
    else:
        shared = shared.having(func.count() > 1, func.max(ContactKey.contact_id) > since_id)
        emails = emails.having(
            func.count(every_email.c.cid.distinct()) > 1, func.max(every_email.c.cid) > since_id
        )
    keyed = shared.subquery()
    by_email = emails.subquery()
    candidates: set[int] = set(
        session.exec(
            select(ContactKey.contact_id)
            .join(
                keyed,
                and_(col(ContactKey.kind) == keyed.c.kind, col(ContactKey.key) == keyed.c.key),
            )
            .join(Contact, col(Contact.id) == col(ContactKey.contact_id))
            .where(live)
        ).all()
    )
    candidates.update(
        int(cid or 0)
        for cid in session.exec(
            select(every_email.c.cid).join(by_email, every_email.c.email == by_email.c.email)
        ).all()
    )
    ids = sorted(candidates)
    facts: dict[int, ContactFacts] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        for cid, mail in session.exec(
            select(Contact.id, Contact.email).where(col(Contact.id).in_(chunk))
        ).all():
            facts[int(cid or 0)] = ContactFacts(
                int(cid or 0), email=mail.casefold() if mail else None
            )
        for cid, kind, key in session.exec(
            select(ContactKey.contact_id, ContactKey.kind, ContactKey.key).where(
                col(ContactKey.contact_id).in_(chunk), col(ContactKey.kind).in_(tuple(_SLOTS))
            )
        ).all():
            getattr(facts[cid], _SLOTS[kind]).add(key)
        for cid, mail in session.exec(
            select(ContactPoint.contact_id, ContactPoint.value).where(
                col(ContactPoint.contact_id).in_(chunk), ContactPoint.kind == "email"
            )
        ).all():
            facts[cid].emails.add(mail.casefold())
    return list(facts.values())


def _pointing_columns() -> list[tuple[Any, Any]]:
    """(table, column) for every foreign key to contact.id outside the contact's own rows."""
    load_all()
    out = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name in _NOT_MOVED:
            continue
        for column in table.columns:
            if any(fk.column.table.name == "contact" for fk in column.foreign_keys):
                out.append((table, column))
    return out


def merge_contacts(
    keep: Contact, other: Contact, plan: MergePlan, *, session: Session, now_utc: datetime
) -> MergeOutcome:
    """Merge ``other`` into ``keep`` in the caller's transaction (see the module docstring)."""
    from salesplan.store.activities import refresh_contact_cadence
    from salesplan.store.contacts import record_tier, write_keys

    assert keep.id is not None
    assert other.id is not None
    if keep.id == other.id:
        raise BadInput(
            _("#{id} is the same contact twice: give two different contacts").format(id=keep.id)
        )
    for c in (keep, other):
        if c.merged_into is not None:
            raise BadInput(
                _(
                    "#{id} {name} was merged into #{into} already: use that contact, "
                    "or contact merge --undo"
                ).format(id=c.id, name=c.name, into=c.merged_into)
            )
    before = {
        "keep": {name: getattr(keep, name) for name in plan.fills},
        "other": {"archived": other.archived, "merged_into": other.merged_into},
    }
    moved: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    for table, column in _pointing_columns():
        (pk,) = table.primary_key.columns  # every table that points to a contact has an id
        ids = [int(r[0]) for r in session.execute(select(pk).where(column == other.id)).all()]
        if not ids:
            continue
        session.execute(
            update(table).where(column == other.id).values({column.name: keep.id}),
            execution_options={"synchronize_session": False},
        )
        moved[f"{table.name}.{column.name}"] = ids
        counts[table.name] = counts.get(table.name, 0) + len(ids)
    regraded = "tier" in plan.fills and plan.fills["tier"] != keep.tier
    for name, value in plan.fills.items():
        setattr(keep, name, value)
    other.archived = True
    other.merged_into = keep.id
    session.add(keep)
    session.add(other)
    session.flush()
    # The kept contact is a key customer from the merge on (undo takes the row away again).
    tier_rows = [record_tier(keep, now_utc, session=session)] if regraded else []
    session.expire_all()
    refresh_contact_cadence(keep.id, session=session)
    refresh_contact_cadence(other.id, session=session)
    write_keys([keep], session=session)
    record = ContactMerge(
        keep_id=keep.id,
        other_id=other.id,
        at=now_utc,
        undo=json.dumps(
            {"before": before, "moved": moved, "tier_rows": tier_rows}, ensure_ascii=False
        ),
    )
    session.add(record)
    session.flush()
    return MergeOutcome(
        int(record.id or 0), keep, other, counts, tuple(plan.fills), tuple(plan.conflicts)
    )


def undo_last_merge(*, session: Session) -> MergeOutcome:
    """Put back the latest merge: both contacts as they were, every moved row where it was."""
    from salesplan.store.activities import refresh_contact_cadence
    from salesplan.store.contacts import write_keys

    record = session.exec(select(ContactMerge).order_by(col(ContactMerge.id).desc())).first()
    if record is None:
        raise BadInput(_("no merge to undo: contact merge KEEP OTHER merges two contacts"))
    keep = session.get(Contact, record.keep_id)
    other = session.get(Contact, record.other_id)
    # Foreign keys keep both contacts while a merge record names them.
    assert keep is not None
    assert other is not None
    undo = json.loads(record.undo)
    load_all()
    tables = {t.name: t for t in SQLModel.metadata.sorted_tables}
    counts: dict[str, int] = {}
    for where, ids in undo["moved"].items():
        table_name, column_name = where.split(".", 1)
        table = tables[table_name]
        column = table.columns[column_name]
        (pk,) = table.primary_key.columns
        for i in range(0, len(ids), _CHUNK):
            session.execute(
                update(table)
                .where(pk.in_(ids[i : i + _CHUNK]), column == keep.id)
                .values({column.name: other.id}),
                execution_options={"synchronize_session": False},
            )
        counts[table_name] = counts.get(table_name, 0) + len(ids)
    tier_rows = undo.get("tier_rows") or []
    if tier_rows:
        session.execute(delete(ContactTier).where(col(ContactTier.id).in_(tier_rows)))
    session.expire_all()
    for name, value in undo["before"]["keep"].items():
        setattr(keep, name, value)
    for name, value in undo["before"]["other"].items():
        setattr(other, name, value)
    session.add(keep)
    session.add(other)
    session.flush()
    refresh_contact_cadence(keep.id, session=session)
    refresh_contact_cadence(other.id, session=session)
    write_keys([keep, other], session=session)
    session.execute(delete(ContactMerge).where(col(ContactMerge.id) == record.id))
    session.flush()
    return MergeOutcome(int(record.id or 0), keep, other, counts, (), ())
