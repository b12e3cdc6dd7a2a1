"""The manager's views: the team's week as a table, Markdown and a workbook; overdue lists."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from salesplan.core.team import MONTH_SUMMED as MONTH_SUMMED_KEYS
from salesplan.core.team import TeamWeek
from salesplan.i18n import N_, NP_, _, ngettext, pgettext
from salesplan.render.words import kind_word

FLAG_WORDS = {
    "calls_target_missed": N_("calls target missed"),
    "visits_target_missed": N_("visits target missed"),
    "key_untouched": N_("key customers untouched"),
    "overdue_followups": N_("overdue follow-ups"),
}
# Column headings (translated as columns, see render.tables.heading).
COLUMNS = [
    ("rep", NP_("column", "rep")),
    ("calls", NP_("column", "calls")),
    ("days_call_target_met", NP_("column", "call days")),
    ("visits", NP_("column", "visits")),
    ("new_contacts", NP_("column", "new")),
    ("followups_missed", NP_("column", "f/u missed")),
    ("followups_open", NP_("column", "f/u open")),
    ("sales", NP_("column", "sales")),
    ("collections", NP_("column", "collected")),
    ("expenses", NP_("column", "expenses")),
]


def _heads() -> list[str]:
    return [pgettext("column", c[1]) for c in COLUMNS]


def _title(data: dict[str, Any]) -> str:
    return _("Team week {week} ({start} – {end})").format(
        week=data["week"], start=data["start"], end=data["end"]
    )


def _money(value: float | int) -> str:
    return f"{value:,.2f}"


def rep_shown(row: dict[str, Any]) -> str:
    """A rep as people read them: ``张丽 (zhangli)`` when the rep has a display name."""
    rep, name = row["rep"], row.get("name")
    return f"{name} ({rep})" if name and name != rep else rep


def _cells(row: dict[str, Any]) -> list[str]:
    return [
        rep_shown(row) if row.get("rep") else _("total"),
        str(row["calls"]),
        f"{row['days_call_target_met']}/{row['workdays']}",
        f"{row['visits']}/{row['visits_target']}",
        str(row["new_contacts"]),
        str(row["followups_missed"]),
        str(row["followups_open"]),
        _money(row["sales"]),
        _money(row["collections"]),
        _money(row["expenses"]),
    ]


def _flag_lines(row: dict[str, Any], rules: dict[str, int]) -> list[str]:
    out = []
    for flag in row["flags"]:
        if flag == "calls_target_missed":
            out.append(
                _("calls target missed on {days}").format(days=", ".join(row["call_days_missed"]))
            )
        elif flag == "visits_target_missed":
            out.append(
                _("visits {visits}/{target}").format(
                    visits=row["visits"], target=row["visits_target"]
                )
            )
        elif flag == "key_untouched":
            out.append(
                _("key customers untouched for over {days} days: {names}").format(
                    days=rules["untouched_days"], names="、".join(row["key_untouched"])
                )
            )
        elif flag == "overdue_followups":
            n = row["followups_overdue"]
            out.append(ngettext("{n} overdue follow-up", "{n} overdue follow-ups", n).format(n=n))
        else:
            out.append(_(FLAG_WORDS[flag]) if flag in FLAG_WORDS else flag)
    return out


def render_team_week(data: dict[str, Any]) -> RenderableType:
    from salesplan.render.tables import table

    rows = [_cells(r) for r in data["reps"]]
    rows.append(_cells({**data["total"], "rep": None}))
    t = table(
        [c[1] for c in COLUMNS],
        rows,
        title=_title(data),
    )
    t.columns[0].no_wrap = True  # a rep's name (张丽 (zhangli)) on one line; numbers give way
    flags = Text()
    for r in data["reps"]:
        for line in _flag_lines(r, data["rules"]):
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


def team_markdown(team: TeamWeek) -> str:
    from salesplan.formats.markdown import md_text as md
    from salesplan.formats.markdown import week_markdown

    data = team.to_json()
    heads = _heads()
    out = [
        "# " + _title(data),
        "",
        "| " + " | ".join(heads) + " |",
        "|---|" + "---:|" * (len(heads) - 1),
    ]
    for r in [
        *({**r, "rep": md(rep_shown(r)), "name": None} for r in data["reps"]),
        {**data["total"], "rep": "**" + _("total") + "**"},
    ]:
        out.append("| " + " | ".join(_cells(r)) + " |")
    flagged = [(rep_shown(r), line) for r in data["reps"] for line in _flag_lines(r, data["rules"])]
    if flagged:
        out += ["", "## " + _("Red flags"), ""]
        out += [f"- **{md(rep)}**: {md(line)}" for rep, line in flagged]
    for rep_week, row in zip(team.reps, data["reps"], strict=True):
        out += ["", f"# {md(rep_shown(row))}", ""]
        for c in row["comments"]:
            out.append(f"> {md(c['author'])}: {md(c['text'])}")
            out.append("")
        # The rep's own report, its headings one level down.
        for line in week_markdown(rep_week.summary).splitlines():
            out.append("#" + line if line.startswith("#") else line)
    return "\n".join(out) + "\n"


def team_xlsx(team: TeamWeek) -> bytes:
    """A 'Team' sheet, then each rep's report sheets (named after the rep)."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.styles import Font

    from salesplan.core.cells import neutralise
    from salesplan.formats.xlsx import week_xlsx

    data = team.to_json()
    wb = Workbook()
    ws = wb.active
    ws.title = _("Team")
    ws.append([_("Team week {week}").format(week=data["week"]), data["start"], data["end"]])
    ws["A1"].font = Font(bold=True)
    ws.append([*_heads(), _("flags")])
    for r in [*data["reps"], {**data["total"], "rep": _("total"), "flags": []}]:
        shown = rep_shown(r) if r.get("name") else r["rep"]
        cells: list[Any] = [neutralise(shown), r["calls"]]
        cells += [f"{r['days_call_target_met']}/{r['workdays']}"]
        cells += [r["visits"], r["new_contacts"], r["followups_missed"], r["followups_open"]]
        cells += [r["sales"], r["collections"], r["expenses"]]
        cells += [neutralise("; ".join(_flag_lines(r, data["rules"])) if r["flags"] else "")]
        ws.append(cells)
    for rep_week, row in zip(team.reps, data["reps"], strict=True):
        own = load_workbook(BytesIO(week_xlsx(rep_week.summary)))
        for sheet in own.worksheets:
            copy = wb.create_sheet(f"{rep_week.rep[:20]} {sheet.title}"[:31])
            for c in row["comments"]:
                copy.append([neutralise(f"{c['author']}: {c['text']}")])
            for values in sheet.iter_rows(values_only=True):
                copy.append(list(values))
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def flag_lines(row: dict[str, Any], rules: dict[str, int]) -> list[str]:
    """A rep's red flags as ``team week`` words them (the HTML page shows the same lines)."""
    return _flag_lines(row, rules)


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
    from salesplan.render.tables import table
    from salesplan.render.words import stage_word

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
