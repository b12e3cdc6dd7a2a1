"""Due follow-ups: overdue in red, folded per contact under the most urgent item."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from salesplan.core.followups import most_urgent_per_contact


def due_json(items: Sequence[Any], as_of: date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(), "items": [i.to_json() for i in items]}


def render_due(items: Sequence[Any], as_of: date) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("when", "contact", "via", "why"):
        table.add_column(name, overflow="fold")
    for head, rest in most_urgent_per_contact(items):
        for n, item in enumerate([head, *rest]):
            if item.overdue_days:
                when = Text(f"{item.overdue_days}d overdue", style="bold red")
            elif item.due <= as_of:
                when = Text("today", style="bold yellow")
            else:
                when = Text(item.due.isoformat())
            who = Text(item.contact, style="bold") if n == 0 else Text("  └", style="dim")
            table.add_row(when, who, item.channel, item.reason)
    return table
