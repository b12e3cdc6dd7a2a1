"""The manager's views on the terminal: the team's week as a table with its red flags, the
overdue lists, the month, the pipeline. The team report's files are ``formats.team_report``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from salesplan.core.team import MONTH_SUMMED as MONTH_SUMMED_KEYS
from salesplan.core.teamwords import COLUMNS, cells, flag_lines, rep_shown, title
from salesplan.core.words import kind_word
from salesplan.i18n import NP_, _


def render_team_week(data: dict[str, Any]) -> RenderableType:
    from salesplan.render.tables import table

    rows = [cells(r) for r in data["reps"]]
    rows.append(cells({**data["total"], "rep": None}))
    t = table(
        [c[1] for c in COLUMNS],
        rows,
        title=title(data),
    )
    t.columns[0].no_wrap = True  # a rep's name (张丽 (zhangli)) on one line; numbers give way
    flags = Text()
    for r in data["reps"]:
        for line in flag_lines(r, data["rules"]):
            flags.append("⚑ ", style="bold red")
            flags.append(f"{rep_shown(r)}: {line}\n")
    flags.rstrip()
    return Group(t, flags) if flags.plain else t


def render_team_due(reps: Sequence[Any]) -> RenderableType:
    """Each rep's overdue follow-ups (``plans.team.RepDue``), the reasons in the reader's
    language."""
    out = Text()
    for rep in reps:
        out.append(rep_shown({"rep": rep.rep, "name": rep.name}), style="bold")
        out.append(
            _(" · {n} overdue (as of {day})").format(n=len(rep.items), day=rep.as_of.isoformat())
            + "\n"
        )
        for item in rep.items:
            out.append(
                "  " + _("{days}d").format(days=item.overdue_days).rjust(4) + " ", style="red"
            )
            out.append(f"{item.contact}  {kind_word(item.channel)}  {item.reason_words}\n")
    out.rstrip()
    return out


# The team month's columns (keys of each rep's month totals).
MONTH_COLUMNS = [
    ("rep", NP_("column", "rep")),
    ("calls", NP_("column", "calls")),
    ("call_days_met", NP_("column", "call days")),
    ("visits", NP_("column", "visits")),
    ("new_contacts", NP_("column", "new")),
    ("potential_contacts", NP_("column", "potential")),
    ("sales", NP_("column", "sales")),
    ("collections", NP_("column", "collected")),
    ("expenses", NP_("column", "expenses")),
    ("yearly", NP_("column", "year to date")),
]


def _amount(cents: int) -> str:
    """An amount in the reader's units: 万元 under Chinese, plain yuan otherwise."""
    from salesplan.core.money import format_amount, yuan
    from salesplan.i18n import is_chinese

    return yuan(cents) if is_chinese() else format_amount(cents) or "0"


def render_team_month(team: Any) -> RenderableType:
    """Each rep's month (``core.team.TeamMonth``) in a row, and the team's total."""
    from salesplan.render.tables import table

    def cells(rep: str | None, totals: Any, yearly: Any | None) -> list[str]:
        share = ""
        if yearly is not None and yearly.target:
            share = f"{_amount(yearly.sales_to_date)} / {_amount(yearly.target)}"
        return [
            rep or _("total"),
            str(totals.calls),
            str(totals.call_days_met),
            str(totals.visits),
            str(totals.new_contacts),
            str(totals.potential_contacts),
            _amount(totals.sales),
            _amount(totals.collections),
            _amount(totals.expenses),
            share,
        ]

    from salesplan.core.summary import Totals

    rows = [
        cells(rep_shown({"rep": rep, "name": team.names.get(rep)}), m.totals, m.yearly_target)
        for rep, m in team.reps
    ]
    summed = Totals(
        **{k: sum(getattr(m.totals, k) for _r, m in team.reps) for k in MONTH_SUMMED_KEYS}
    )
    rows.append(cells(None, summed, None))
    return table(
        [c[1] for c in MONTH_COLUMNS],
        rows,
        title=_("Team month {month} ({start} – {end})").format(
            month=team.month, start=team.first.isoformat(), end=team.last.isoformat()
        ),
    )


def render_team_pipeline(pipeline: Any) -> RenderableType:
    """Open projects by stage per rep (``core.team.TeamPipeline``): how many, and how much in
    the reader's units."""
    from salesplan.core.words import stage_word
    from salesplan.render.tables import table

    def cell(projects: int, amount: int) -> str:
        return f"{projects} · {_amount(amount)}" if projects else "—"

    rows = [
        [
            rep_shown({"rep": r.rep, "name": r.name}),
            *(cell(s.projects, s.amount) for s in r.stages),
            cell(r.projects, r.amount),
        ]
        for r in pipeline.reps
    ]
    totals = pipeline.stage_totals()
    rows.append(
        [
            _("total"),
            *(cell(s.projects, s.amount) for s in totals),
            cell(sum(s.projects for s in totals), sum(s.amount for s in totals)),
        ]
    )
    return table(
        [NP_("column", "rep"), *(stage_word(s) for s in pipeline.stages), NP_("column", "open")],
        rows,
        title=_("Open projects by stage"),
    )
