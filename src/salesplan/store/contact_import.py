"""Checked contact rows written to the store: new contacts added in batches with their
numbers, keys and first status and tier; a contact the store already has filled in."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Column as SAColumn
from sqlalchemy import Index, Integer, LargeBinary, MetaData, text
from sqlalchemy import Table as SATable
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from salesplan.core.interchange import (
    ImportCount,
)
from salesplan.core.search import phone_key
from salesplan.core.validate import CONTACT_FIELDS
from salesplan.models import Contact
from salesplan.store import interchange
from salesplan.store.contact_rows import EXT, CheckedRow, seen_keys, with_extras


class _Seen:
    """The keys of every contact an import has met, the store's and those it wrote, each with
    its contact's id, in a temporary table: memory holds a batch (the rows not written yet,
    compared in memory), never a key per row of the file (a set of them grew to 400 MB for a
    million rows, and to gigabytes for a 50 MB file of short ones)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.table = SATable(
            "import_seen",
            MetaData(),
            SAColumn("k", LargeBinary, nullable=False),
            SAColumn("cid", Integer, nullable=False),
            Index("ix_import_seen_k", "k"),
            prefixes=["TEMPORARY"],
        )
        self.table.create(session.connection())

    def known(self, keys: Iterable[bytes]) -> dict[bytes, int]:
        """The keys already met, each with the id of the contact it is."""
        wanted = list(set(keys))
        found: dict[bytes, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows = self.session.execute(
                sa_select(self.table.c.k, self.table.c.cid).where(self.table.c.k.in_(chunk))
            )
            for k, cid in rows:
                found[bytes(k)] = max(found.get(bytes(k), 0), int(cid))
        return found

    def add(self, keys: list[bytes], cid: int) -> None:
        if keys:
            self.session.execute(self.table.insert(), [{"k": k, "cid": cid} for k in keys])

    def add_pairs(self, pairs: Iterable[tuple[bytes, int]]) -> None:
        """Keys each with its own contact's id."""
        rows = [{"k": k, "cid": cid} for k, cid in pairs]
        if rows:
            self.session.execute(self.table.insert(), rows)

    def drop(self) -> None:
        self.table.drop(self.session.connection())

    def add_store(self, chunk: int = 2000) -> None:
        """The contacts already in the store (with every phone and email), a chunk at a time."""
        from salesplan.store.contacts import points_of

        columns = [col(Contact.id), *(col(getattr(Contact, f)) for f in CONTACT_FIELDS)]
        last = 0
        while True:
            rows = self.session.exec(
                select(*columns)
                .where(col(Contact.id) > last)
                .order_by(col(Contact.id))
                .limit(chunk)
            ).all()
            if not rows:
                return
            batch = []
            points = points_of([int(row[0]) for row in rows], session=self.session)
            for row in rows:
                values = dict(zip(CONTACT_FIELDS, row[1:], strict=True))
                phones = [values["phone"]] if values.get("phone") else []
                emails = [values["email"]] if values.get("email") else []
                for point in points.get(int(row[0]), ()):
                    (emails if point.kind == "email" else phones).append(point.value)
                batch += [
                    {"k": k, "cid": int(row[0])}
                    for k in seen_keys(values["name"], phones, emails, values)
                ]
            if batch:
                self.session.execute(self.table.insert(), batch)
            last = int(rows[-1][0])


# Fields a matched row fills when the store's contact has none: never the name, and never
# the tier or status (those have their own history).
_FILLED = tuple(f for f in CONTACT_FIELDS if f not in ("name", "tier", "status"))


def import_contacts(
    checked: Iterable[CheckedRow],
    *,
    session: Session,
    now_utc: datetime,
    count: ImportCount | None = None,
    progress: Callable[[int], None] | None = None,
    cold_list: str | None = None,
) -> ImportCount:
    """Add the ``checked`` rows of a file (``check_contact_rows``): a row the store already has
    (the same name with one of its phones or emails, or with neither the same everything)
    fills that contact's empty fields, or is skipped when it brings nothing; any other row
    is a new contact (two names sharing a switchboard are two contacts). Rows are added in
    batches as they come, each with its search keys; ``count`` is the one the check counted
    in. ``cold_list`` tags every contact added as one of that cold list (contacts already
    there keep theirs)."""
    count = count or ImportCount()
    count.before_id = int(session.exec(select(func.max(Contact.id))).one() or 0)
    seen = _Seen(session)
    seen.add_store()
    batches = _NewContacts(session, seen, count, now_utc, cold_list)
    # read, not yet compared: the values, the keys, every phone and email
    pending: list[CheckedRow] = []
    for row in checked:
        pending.append(row)
        if len(pending) >= interchange.BATCH:
            batches.settle(pending, progress)
    batches.settle(pending, progress)
    batches.write()
    seen.drop()
    return count


class _NewContacts:
    """The rows of a file an import has not written yet, compared with the contacts met so far
    (the store's and those it wrote) a batch at a time, and written in batches."""

    def __init__(
        self,
        session: Session,
        seen: _Seen,
        count: ImportCount,
        now_utc: datetime,
        cold_list: str | None,
    ) -> None:
        self.session = session
        self.seen = seen
        self.count = count
        self.now_utc = now_utc
        # Rows go in by executemany, not as ORM objects: building a model object per row cost
        # three quarters of a large import's time.
        # A batch is not met yet: its contacts are new contacts once first reached.
        self.blank = _blank_row(Contact, created_at=now_utc, cold_list=cold_list, imported=True)
        self.rows: list[dict[str, Any]] = []  # new, not yet written
        self.row_points: list[tuple[list[str], list[str]]] = []  # their phones and emails
        self.row_keys: list[list[bytes]] = []  # and their keys,
        self.row_at: dict[bytes, int] = {}  # by which a later row of the file finds one of them
        self.last_id = count.before_id

    def write(self) -> None:
        """Write the new rows held, with their numbers, keys and first status and tier."""
        from salesplan.store.contacts import write_keys_above

        session = self.session
        self.count.added += len(self.rows)
        _insert_batch(session, Contact, self.rows)
        ids = _insert_points(self.last_id, self.row_points, session=session)
        # A later row that is one of these (a card twice in a phone book) finds it by its id.
        self.seen.add_pairs(
            (k, cid) for cid, keys in zip(ids, self.row_keys, strict=True) for k in keys
        )
        self.row_keys.clear()
        self.row_at.clear()
        # The status and tier each was imported with are its first status and tier rows: a
        # customer brought in from an old sheet is an existing relationship, never a new one.
        session.execute(
            text(
                "INSERT INTO contact_status (contact_id, status, at) "
                "SELECT id, status, created_at FROM contact WHERE id > :after"
            ),
            {"after": self.last_id},
        )
        session.execute(
            text(
                "INSERT INTO contact_tier (contact_id, tier, at) "
                "SELECT id, tier, created_at FROM contact WHERE id > :after"
            ),
            {"after": self.last_id},
        )
        self.last_id = write_keys_above(self.last_id, session=session)

    def settle(self, pending: list[CheckedRow], progress: Callable[[int], None] | None) -> None:
        """Each ``pending`` row is a contact met already (filled in), a row of the file not
        written yet (given what this one adds), or a new row; a full batch is written."""
        known = self.seen.known(k for _v, keys, _p, _e in pending for k in keys)
        updates: dict[int, tuple[dict[str, Any], list[str], list[str]]] = {}
        for values, keys, phones, emails in pending:
            owner = max((known.get(k, 0) for k in keys), default=0)
            if owner > 0:  # the store's contact (or one this import wrote already)
                if owner in updates:  # the same contact twice: counted once as filled in
                    self.count.skipped += 1
                filled, more_phones, more_emails = updates.setdefault(owner, ({}, [], []))
                for key, value in values.items():
                    filled.setdefault(key, value)
                more_phones += phones
                more_emails += emails
            elif not self._joined(values, keys, phones, emails):
                self.rows.append({**self.blank, **values})
                self.row_points.append((phones, emails))
                self.row_keys.append(list(keys))
                self.row_at.update(dict.fromkeys(keys, len(self.rows) - 1))
        for cid, (values, more_phones, more_emails) in updates.items():
            _fill_empty(
                cid,
                values,
                more_phones,
                more_emails,
                self.seen,
                self.count,
                session=self.session,
                ours=cid > self.count.before_id,
                now_utc=self.now_utc,
            )
        if progress:
            progress(len(pending))
        pending.clear()
        if len(self.rows) >= interchange.BATCH:  # a file of rows already there writes nothing
            self.write()

    def _joined(
        self, values: dict[str, Any], keys: list[bytes], phones: list[str], emails: list[str]
    ) -> bool:
        """Whether the row is one of the file's not written yet, which then gets what this
        one adds."""
        at = next((self.row_at[k] for k in keys if k in self.row_at), None)
        if at is None:
            return False
        self.count.skipped += 1
        row = self.rows[at]
        self.row_points[at] = _merge_row(row, self.row_points[at], values, phones, emails)
        added = [
            k
            for k in seen_keys(row["name"], *self.row_points[at], row)
            if k not in self.row_keys[at]
        ]
        self.row_keys[at] += added
        self.row_at.update(dict.fromkeys(added, at))
        return True


def _fill_empty(
    cid: int,
    values: dict[str, Any],
    phones: list[str],
    emails: list[str],
    seen: _Seen,
    count: ImportCount,
    *,
    session: Session,
    ours: bool = False,
    now_utc: datetime | None = None,
) -> None:
    """The store's contact ``cid`` given the values it has none of, and the numbers and
    addresses it does not have yet; counted as updated when it got any, as already there
    when none (and always when it is ``ours``: a contact this import added). A tier or
    status is taken from the file only where the store's is the default an earlier import
    gave (a phone book says neither) and nobody has changed it since: one set by hand stays."""
    from salesplan.core.importrules import order_numbers
    from salesplan.store.contacts import (
        KEYED_FIELDS,
        phones_and_emails,
        points_of,
        write_keys,
        write_points,
    )

    contact = session.get(Contact, cid)
    if contact is None:  # pragma: no cover - the id was read from the store in this transaction
        count.skipped += 1
        return
    filled = [
        key for key in _FILLED if values.get(key) is not None and getattr(contact, key) is None
    ]
    for key in filled:
        setattr(contact, key, values[key])
    regraded = [] if ours or now_utc is None else _graded_by_file(contact, values, session=session)
    filled += regraded
    had_phones, had_emails = phones_and_emails(
        contact, points_of([cid], session=session).get(cid, [])
    )
    all_phones = order_numbers([n for n, _kind in had_phones] + phones)
    # The contact's own number stays the one dialled; the file's others come after it.
    if contact.phone:
        own = phone_key(contact.phone)
        all_phones.sort(key=lambda n: phone_key(n.partition(EXT)[0]) != own)
    first_of: dict[str, str] = {}
    for address in had_emails + emails:
        first_of.setdefault(address.lower(), address)
    all_emails = list(first_of.values())
    more = len(all_phones) > len(had_phones) or len(all_emails) > len(had_emails)
    if not filled and not more or ours:
        count.skipped += 1
    if not filled and not more:
        return
    session.add(contact)
    session.flush()
    if regraded and now_utc is not None:
        from salesplan.store.contacts import record_status, record_tier

        if "tier" in regraded:
            record_tier(contact, now_utc, session=session)
        if "status" in regraded:
            record_status(contact, now_utc, session=session)
    write_points(cid, all_phones, all_emails, session=session)
    if more or any(k in filled for k in KEYED_FIELDS):
        write_keys([contact], session=session)
    seen.add(seen_keys(contact.name, all_phones, all_emails, {}), cid)
    if not ours:
        count.updated += 1


# What a contact an import added without a tier or status has: the model's defaults.
_DEFAULT_GRADE = {key: Contact.model_fields[key].default for key in ("tier", "status")}


def _graded_by_file(contact: Contact, values: dict[str, Any], *, session: Session) -> list[str]:
    """Set ``contact``'s tier and status from a file's row where the contact was imported with
    the defaults and its history holds nothing since; the fields set."""
    from salesplan.models import ContactStatus, ContactTier

    if not contact.imported:
        return []
    out = []
    for key, model in (("tier", ContactTier), ("status", ContactStatus)):
        given = values.get(key)
        if (
            given is None
            or given == getattr(contact, key)
            or getattr(contact, key) != _DEFAULT_GRADE[key]
        ):
            continue
        rows = session.exec(
            select(func.count()).select_from(model).where(col(model.contact_id) == contact.id)
        ).one()
        if int(rows) <= 1:  # the row it was imported with, no change since
            setattr(contact, key, given)
            out.append(key)
    return out


def _merge_row(
    row: dict[str, Any],
    points: tuple[list[str], list[str]],
    values: dict[str, Any],
    phones: list[str],
    emails: list[str],
) -> tuple[list[str], list[str]]:
    """A row of the file not written yet, given what a later row that is the same person
    adds: its empty fields, and the numbers and addresses it lacks (a mobile still first).
    Returns the row's phones and emails."""
    from salesplan.core.importrules import order_numbers

    for key in _FILLED:
        if values.get(key) is not None and row.get(key) is None:
            row[key] = values[key]
    all_phones = order_numbers(points[0] + phones)
    first_of: dict[str, str] = {}
    for address in points[1] + emails:
        first_of.setdefault(address.lower(), address)
    all_emails = list(first_of.values())
    row.update(with_extras({}, all_phones, all_emails))
    return all_phones, all_emails


def _insert_points(
    after_id: int, points: list[tuple[list[str], list[str]]], *, session: Session
) -> list[int]:
    """The phones and emails of the contacts a batch just inserted (the ids above
    ``after_id``, in the order the rows were given); returns those ids."""
    from salesplan.core.importrules import point_rows
    from salesplan.models import ContactPoint

    if not points:
        return []
    ids = [
        int(cid or 0)
        for cid in session.exec(
            select(Contact.id).where(col(Contact.id) > after_id).order_by(col(Contact.id))
        ).all()
    ]
    rows = [
        {"contact_id": cid, "kind": kind, "value": value, "position": position}
        for cid, (phones, emails) in zip(ids, points, strict=True)
        for kind, value, position in point_rows(phones, emails)
    ]
    points.clear()
    if rows:
        session.execute(ContactPoint.__table__.insert(), rows)  # type: ignore[attr-defined]
    return ids


def _blank_row(model: Any, **given: Any) -> dict[str, Any]:
    """Every column of a new row but the id, at its default unless given."""
    row = {}
    for column in model.__table__.columns:
        if column.primary_key:
            continue
        default = column.default.arg if column.default is not None else None
        row[column.name] = None if callable(default) else default
    row.update(given)
    return row


def _insert_batch(session: Session, model: Any, batch: list[dict[str, Any]]) -> None:
    if batch:
        session.execute(model.__table__.insert(), batch)
        batch.clear()
