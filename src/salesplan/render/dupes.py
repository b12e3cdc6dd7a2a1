"""Likely duplicates and merges as a person reads them, and as JSON."""

from __future__ import annotations

from typing import Any

from salesplan.core.words import status_word
from salesplan.i18n import N_, _, ngettext
from salesplan.render.records import contact_json

REASON_WORDS = {
    "phone": N_("same phone"),
    "email": N_("same email"),
    "name-company": N_("same name and company"),
    "pinyin-company": N_("same pinyin and company"),
}
FIELD_WORDS = {
    "name": N_("name"),
    "company": N_("company"),
    "phone": N_("phone"),
    "email": N_("email"),
    "area": N_("area"),
    "address": N_("address"),
    "business": N_("business"),
    "needs": N_("needs"),
    "decision_maker": N_("decision maker"),
    "interests": N_("interests"),
    "notes": N_("notes"),
    "flag_note": N_("flag note"),
    "status": N_("status"),
    "tier": N_("tier"),
    "flag_credit": N_("credit mark"),
    "flag_abnormal": N_("abnormal mark"),
}
TABLE_WORDS = {
    "activity": N_("log entries"),
    "appointment": N_("appointments"),
    "project": N_("projects"),
    "expense": N_("expenses"),
    "note": N_("notes"),
    "contact": N_("contacts merged into it earlier"),
    "contact_point": N_("phones and emails"),
}


def who(c: Any) -> str:
    """``王建国 #1 华远建材·朝阳``: a contact told apart from its namesakes."""
    where = "·".join(x for x in (c.company, c.area) if x)
    return f"{c.name} #{c.id}" + (f" {where}" if where else "")


def reasons_text(reasons: tuple[str, ...]) -> str:
    return _(", ").join(_(REASON_WORDS[r]) for r in reasons)


def duplicate_lines(found: list[Any]) -> list[str]:
    """One line per likely duplicate pair: both contacts, and why."""
    return [f"{who(d.first)}  ~  {who(d.second)}  · {reasons_text(d.reasons)}" for d in found]


def duplicate_json(d: Any) -> dict[str, Any]:
    return {
        "first": contact_json(d.first),
        "second": contact_json(d.second),
        "reason": d.reason,
        "reasons": list(d.reasons),
    }


SHOWN_AFTER_IMPORT = 10


def imported_duplicate_lines(found: list[Any]) -> list[str]:
    """What an import says of the likely duplicates it brought in: how many, the first few."""
    if not found:
        return []
    lines = [
        ngettext(
            "{count} likely duplicate brought in, not merged "
            "(salesplan contact merge KEEP OTHER merges one):",
            "{count} likely duplicates brought in, not merged "
            "(salesplan contact merge KEEP OTHER merges one):",
            len(found),
        ).format(count=len(found))
    ]
    lines += [f"  {line}" for line in duplicate_lines(found[:SHOWN_AFTER_IMPORT])]
    more = len(found) - SHOWN_AFTER_IMPORT
    if more > 0:
        lines.append(
            _("  … and {count} more: salesplan contact dupes lists them all").format(count=more)
        )
    return lines


def _value(field: str, value: Any) -> str:
    if field == "status":
        return status_word(value)
    return str(value)


def merge_json(outcome: Any, undone: bool) -> dict[str, Any]:
    return {
        "merge": outcome.merge_id,
        "undone": undone,
        "keep": contact_json(outcome.keep, full=True),
        "other": contact_json(outcome.other, full=True),
        "moved": dict(sorted(outcome.moved.items())),
        "filled": list(outcome.filled),
        "conflicts": [
            {"field": f, "kept": kept, "other": theirs} for f, kept, theirs in outcome.conflicts
        ],
    }


def merge_lines(outcome: Any, undone: bool) -> list[str]:
    k, o = outcome.keep, outcome.other
    rows = sum(outcome.moved.values())
    if undone:
        return [
            ngettext(
                "merge undone: {other} is back with its {rows} row; {keep} is as it was",
                "merge undone: {other} is back with its {rows} rows; {keep} is as it was",
                rows,
            ).format(other=who(o), keep=who(k), rows=rows)
        ]
    moved = _(", ").join(
        _("{what} {count}").format(what=_(TABLE_WORDS.get(table, table)), count=n)
        for table, n in sorted(outcome.moved.items())
    )
    lines = [
        ngettext(
            "merged {other} into {keep}: {rows} row moved",
            "merged {other} into {keep}: {rows} rows moved",
            rows,
        ).format(other=who(o), keep=who(k), rows=rows)
        + (f" ({moved})" if moved else "")
    ]
    if outcome.filled:
        lines.append(
            _("filled from #{other}: {fields}").format(
                other=o.id, fields=_(", ").join(_(FIELD_WORDS[f]) for f in outcome.filled)
            )
        )
    for field, kept, theirs in outcome.conflicts:
        lines.append(
            _("kept {field} {kept} (#{other} had {theirs})").format(
                field=_(FIELD_WORDS[field]),
                kept=_value(field, kept),
                other=o.id,
                theirs=_value(field, theirs),
            )
        )
    lines.append(
        _(
            "#{other} is archived and points to #{keep}; undo with: salesplan contact merge --undo"
        ).format(other=o.id, keep=k.id)
    )
    return lines
