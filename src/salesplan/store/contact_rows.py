"""The contact rows of an imported file checked without the store, so a command reads and
checks a whole file before it takes the write lock: each row's values, its phones and emails,
and the keys by which a contact already met is recognised."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from salesplan.core.interchange import (
    ImportCount,
    Problem,
    Record,
    place,
)
from salesplan.core.search import fold, phone_key
from salesplan.core.validate import CONTACT_FIELDS
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.store.contacts import check_fields
from salesplan.store.interchange import clean_fields


def _content_key(values: dict[str, Any]) -> tuple[Any, ...]:
    """A contact with neither phone nor email is known by everything else it says."""
    return tuple(values.get(f, _CONTACT_DEFAULTS.get(f)) for f in CONTACT_FIELDS)


_CONTACT_DEFAULTS = {"tier": "normal", "status": "lead"}


def seen_keys(
    name: str, phones: list[str], emails: list[str], values: dict[str, Any]
) -> list[bytes]:
    """What makes a contact already met: its name with any of its phones or emails, or with
    neither its content — each as a short digest, so the keys of millions of rows stay small
    on disk. The name is part of the key: two people sharing a switchboard are two contacts."""
    if not phones and not emails:
        return [b"c" + _digest(repr(_content_key(values)))]
    who = fold(name) + "\x00"
    numbers = [p.partition(EXT)[0] for p in phones]
    return [b"p" + _digest(who + (phone_key(p) or p)) for p in numbers] + [
        b"e" + _digest(who + e.lower()) for e in emails
    ]


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=15).digest()


def check_import_row(
    fields: dict[str, Any],
) -> tuple[dict[str, Any], list[str], list[str], list[tuple[str, str, str]]]:
    """A row of an imported file checked field by field: its values, every good phone (a
    mainland mobile first) and email, and each value it cannot keep as (field, value, why).
    A row without a usable name raises BadInput: it cannot be a contact."""
    from salesplan.core.importrules import crm_value, order_numbers

    name = fields.get("name")
    if name is None or not str(name).strip():
        raise BadInput(_("no name"))
    values: dict[str, Any] = {"name": check_fields({"name": name})["name"]}
    dropped: list[tuple[str, str, str]] = []
    phones: list[str] = []
    emails: list[str] = []
    for key, given in fields.items():
        if key == "name" or given is None:
            continue
        several = given if isinstance(given, list) else [given]
        for value in several:
            if key in ("tier", "status"):
                value = crm_value(key, value)
            ext = None
            if key == "phone":
                value, ext = _split_extension(str(value))
            try:
                checked = check_fields({key: value}).get(key)
            except BadInput as exc:
                dropped.append((key, str(value), str(exc)))
                continue
            if checked is None:
                continue
            if key == "phone":
                phones.append(f"{checked}{EXT}{ext}" if ext else checked)
            elif key == "email":
                emails.append(checked)
            else:
                values[key] = checked
    phones = order_numbers(phones)
    first_of: dict[str, str] = {}
    for email in emails:
        first_of.setdefault(email.lower(), email)  # each address once, as first written
    emails = list(first_of.values())
    return values, phones, emails, dropped


EXT = " ext "
_EXTENSION = re.compile(r"^(.*?\d)\s*(?:ext\.?|x|转|分机|;ext=)\s*(\d{1,8})$", re.IGNORECASE)


def _split_extension(value: str) -> tuple[str, str | None]:
    """``010-8888 6666 ext 801`` (or ``转801``, ``x801``) → the number and its extension."""
    found = _EXTENSION.match(value.strip())
    return (found.group(1), found.group(2)) if found else (value, None)


def with_extras(values: dict[str, Any], phones: list[str], emails: list[str]) -> dict[str, Any]:
    """The first phone (without its extension) and email as the contact's own; every one of
    them is kept in contact_point."""
    out = dict(values)
    if phones:
        out["phone"] = phones[0].partition(EXT)[0]
    if emails:
        out["email"] = emails[0]
    return out


# A contact row read from a file and checked, before the store is looked at: its values,
# the keys it is recognised by, every phone and every email it came with.
CheckedRow = tuple[dict[str, Any], list[bytes], list[str], list[str]]


def check_contact_rows(
    records: Iterable[Record],
    count: ImportCount,
    *,
    strict: bool = False,
    report: Callable[[Problem, tuple[str, ...]], None] | None = None,
) -> Iterator[CheckedRow]:
    """The rows of a file as ``import_contacts`` writes them, checked without the store (so
    a command reads and checks a whole file before it takes the write lock). A row without a
    usable name is not yielded and a value that cannot be used is dropped from its row: each
    is counted in ``count`` and handed to ``report`` (with the row as the file wrote it, for
    a rejects file); ``strict`` raises BadInput at the first instead."""

    def problem(found: Problem, raw: tuple[str, ...]) -> None:
        if strict:
            raise BadInput(_("{where}: {exc}").format(where=place(found.where), exc=found.why))
        if found.dropped is None:
            count.rejected += 1
        else:
            count.dropped += 1
        if report:
            report(found, raw)

    for record in records:
        if record.refused is not None:
            problem(Problem(record.where, *record.refused), record.raw)
            continue
        fields, removed = clean_fields(record.fields)
        try:
            values, phones, emails, dropped = check_import_row(fields)
        except BadInput as exc:
            problem(Problem(record.where, "name", str(exc)), record.raw)
            continue
        for key, value, why in dropped:
            problem(Problem(record.where, key, why, value), record.raw)
        count.controls_removed += removed
        values = with_extras(values, phones, emails)
        yield values, seen_keys(values["name"], phones, emails, values), phones, emails
