"""Due follow-ups: overdue in red, folded per contact under the most urgent item."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.cells import cell_len
from rich.text import Text

from salesplan.core.followups import most_urgent_per_contact
from salesplan.core.words import kind_word
from salesplan.i18n import _


def due_json(items: Sequence[Any], as_of: date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(), "items": [i.to_json() for i in items]}


def render_due(items: Sequence[Any], as_of: date) -> Text:
    """One line per item, columns padded by display width (CJK counts double).

    Plain padded lines rather than a rich Table: a week's list runs to hundreds of rows on a
    busy store, and table layout was the slowest part of the command.
    """
    rows: list[tuple[Text, str, str, str, bool]] = []
    for head, rest in most_urgent_per_contact(items):
        for n, item in enumerate([head, *rest]):
            if item.overdue_days:
                when = Text(_("{days}d overdue").format(days=item.overdue_days), style="bold red")
            elif item.due <= as_of:
                when = Text(_("today"), style="bold yellow")
            else:
                when = Text(item.due.isoformat())
            reason = item.reason_words
            if item.template:
                reason += _(" · template {name}").format(name=item.template)
            rows.append(
                (
                    when,
                    item.contact if n == 0 else "  └",
                    kind_word(item.channel),
                    reason,
                    n == 0,
                )
            )
    head_when, head_who, head_via, head_why = _("when"), _("contact"), _("via"), _("why")
    width_when = max([cell_len(r[0].plain) for r in rows] + [cell_len(head_when)])
    width_who = max([cell_len(r[1]) for r in rows] + [cell_len(head_who)])
    width_via = max([cell_len(r[2]) for r in rows] + [cell_len(head_via), 5])
    out = Text()
    out.append(
        f"{pad(head_when, width_when)}  {pad(head_who, width_who)}  {pad(head_via, width_via)}"
        f"  {head_why}\n",
        style="bold",
    )
    for when, who, channel, reason, first in rows:
        out.append_text(when)
        out.append(" " * (width_when - cell_len(when.plain) + 2))
        out.append(pad(who, width_who), style="bold" if first else "dim")
        out.append(f"  {pad(channel, width_via)}  {reason}\n")
    out.rstrip()
    return out


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))
