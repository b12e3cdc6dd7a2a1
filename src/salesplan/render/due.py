"""Due follow-ups: overdue in red, folded per contact under the most urgent item."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.cells import cell_len
from rich.text import Text

from salesplan.core.followups import most_urgent_per_contact


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
                when = Text(f"{item.overdue_days}d overdue", style="bold red")
            elif item.due <= as_of:
                when = Text("today", style="bold yellow")
            else:
                when = Text(item.due.isoformat())
            rows.append(
                (when, item.contact if n == 0 else "  └", item.channel, item.reason, n == 0)
            )
    width_when = max([cell_len(r[0].plain) for r in rows] + [4])
    width_who = max([cell_len(r[1]) for r in rows] + [7])
    out = Text()
    out.append(
        f"{'when'.ljust(width_when)}  {pad('contact', width_who)}  via    why\n", style="bold"
    )
    for when, who, channel, reason, first in rows:
        out.append_text(when)
        out.append(" " * (width_when - cell_len(when.plain) + 2))
        out.append(pad(who, width_who), style="bold" if first else "dim")
        out.append(f"  {channel.ljust(5)}  {reason}\n")
    out.rstrip()
    return out


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))
