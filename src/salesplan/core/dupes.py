"""Likely duplicate contacts, and what merging one into another fills and keeps.

Pure rules over the search keys a contact was written with (``core.searchkeys``): two active
contacts are likely the same person when they share a normalised phone, an email, a name (in
either script) and a company, or a pinyin reading and a company — most certain first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from salesplan.core.search import phone_key

# Why two contacts look like one person, most certain first (JSON values: never translated).
REASONS = ("phone", "email", "name-company", "pinyin-company")
# A phone, email or name-and-company held by more contacts than this is a shared placeholder
# (a switchboard number, 经理 at one company), not one person: it pairs none of them. Without
# it, 3,000 rows of one name and company made 4.5 million pairs (2.7 GB) after an import.
SHARED_LIMIT = 50
# Pairs found at most, the most certain reasons first: what a person can go through.
MAX_PAIRS = 5000

# Fields a merge fills on the contact kept when it has none, in the order they are shown.
MERGED_FIELDS = (
    "company",
    "phone",
    "email",
    "area",
    "address",
    "business",
    "needs",
    "decision_maker",
    "interests",
    "notes",
    "flag_note",
)
# Fields never filled (the kept contact always has one) but listed when the two differ.
COMPARED_FIELDS = ("name", "status")


@dataclass
class ContactFacts:
    """What duplicates are recognised by: one contact's keys, by kind."""

    contact_id: int
    phones: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    pinyin: set[str] = field(default_factory=set)
    companies: set[str] = field(default_factory=set)
    email: str | None = None
    emails: set[str] = field(default_factory=set)  # its other addresses (folded)


@dataclass(frozen=True)
class DuplicatePair:
    first_id: int
    second_id: int
    reasons: tuple[str, ...]  # in REASONS order: reasons[0] is the most certain

    @property
    def reason(self) -> str:
        return self.reasons[0]


def find_duplicates(
    facts: Iterable[ContactFacts], among: Iterable[int] | None = None
) -> list[DuplicatePair]:
    """Pairs of contacts that look like one person, most certain first, then by id.

    ``among``: only pairs that include one of these contacts (those an import just added).
    A pair with the same name and company is not also listed for its pinyin (same name,
    same reading). A key more than ``SHARED_LIMIT`` contacts hold pairs none of them, and at
    most ``MAX_PAIRS`` pairs are found.
    """
    wanted = set(among) if among is not None else None
    groups: dict[str, dict[Any, set[int]]] = {reason: {} for reason in REASONS}
    for f in facts:
        for phone in f.phones:
            groups["phone"].setdefault(phone, set()).add(f.contact_id)
        for email in {f.email, *f.emails} - {None}:
            groups["email"].setdefault(email, set()).add(f.contact_id)
        for company in f.companies:
            for name in f.names:
                groups["name-company"].setdefault((name, company), set()).add(f.contact_id)
            for reading in f.pinyin:
                groups["pinyin-company"].setdefault((reading, company), set()).add(f.contact_id)
    found: dict[tuple[int, int], set[str]] = {}
    for reason, by_key in groups.items():
        for ids in by_key.values():
            if not 2 <= len(ids) <= SHARED_LIMIT:
                continue
            for a, b in combinations(sorted(ids), 2):
                if wanted is not None and a not in wanted and b not in wanted:
                    continue
                reasons = found.get((a, b))
                if reasons is None:
                    if len(found) >= MAX_PAIRS:
                        continue
                    reasons = found[(a, b)] = set()
                reasons.add(reason)
    pairs = []
    for (a, b), reasons in found.items():
        if "name-company" in reasons:
            reasons.discard("pinyin-company")
        pairs.append(DuplicatePair(a, b, tuple(r for r in REASONS if r in reasons)))
    pairs.sort(key=lambda p: (REASONS.index(p.reason), -len(p.reasons), p.first_id, p.second_id))
    return pairs


@dataclass(frozen=True)
class MergePlan:
    fills: dict[str, Any]  # field → value taken from the other contact
    conflicts: tuple[tuple[str, Any, Any], ...]  # (field, value kept, value left on the other)


def plan_merge(
    keep: Mapping[str, Any],
    other: Mapping[str, Any],
    script: Callable[[str], str] = lambda text: text,
) -> MergePlan:
    """Fill the kept contact's empty fields from the other; where both have a different
    value the kept one's stays and the pair is listed. A flag on either stays on the kept
    contact, and so does a key-customer tier. ``script`` folds a name or company to one
    script (王建國 is 王建国), so writing it differently is not a difference."""
    fills: dict[str, Any] = {}
    conflicts: list[tuple[str, Any, Any]] = []
    for name in (*COMPARED_FIELDS, *MERGED_FIELDS):
        mine, theirs = keep.get(name), other.get(name)
        if theirs in (None, ""):
            continue
        if mine in (None, "") and name in MERGED_FIELDS:
            fills[name] = theirs
        elif _differs(name, mine, theirs, script):
            conflicts.append((name, mine, theirs))
    for flag in ("flag_credit", "flag_abnormal"):
        if other.get(flag) and not keep.get(flag):
            fills[flag] = True
    if other.get("tier") == "key" and keep.get("tier") != "key":
        fills["tier"] = "key"
    return MergePlan(fills, tuple(conflicts))


def _differs(name: str, mine: Any, theirs: Any, script: Callable[[str], str]) -> bool:
    if name in ("name", "company"):
        return script(str(mine).strip()) != script(str(theirs).strip())
    if name == "phone":
        return phone_key(str(mine)) != phone_key(str(theirs))
    if name == "email":
        return str(mine).casefold() != str(theirs).casefold()
    return bool(mine != theirs)
