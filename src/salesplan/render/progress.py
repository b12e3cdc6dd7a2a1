"""Progress against the targets as bars."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from salesplan.i18n import _, ngettext


def _row(table: Table, label: str, done: int, target: int, extra: str = "") -> None:
    style = "green" if done >= target else "yellow"
    table.add_row(
        label,
        ProgressBar(
            total=max(target, 1), completed=min(done, target), width=30, complete_style=style
        ),
        Text(f"{done}/{target}", style=f"bold {style}"),
        extra,
    )


def render_progress(p: Any) -> Group:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column()
    table.add_column(justify="right")
    table.add_column(style="dim")
    _row(
        table,
        _("calls today"),
        p.calls_today,
        p.calls_target,
        _("{n} reached").format(n=p.reached_today),
    )
    _row(
        table,
        _("visits this week"),
        p.visits_week,
        p.visits_target,
        ngettext(
            "{customers} customer · {today} today",
            "{customers} customers · {today} today",
            p.visited_customers_week,
        ).format(customers=p.visited_customers_week, today=p.visits_today),
    )
    _row(table, _("new contacts this week"), p.new_contacts_week, p.new_contacts_target)
    _row(
        table,
        _("potential customers this week"),
        p.potential_contacts_week,
        p.potential_contacts_target,
    )
    title = Text(
        _("{day} · week {start} – {end}").format(
            day=p.day.isoformat(), start=p.week_start.isoformat(), end=p.week_end.isoformat()
        ),
        style="bold",
    )
    return Group(title, table)
