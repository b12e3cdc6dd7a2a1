"""The team's week as a report file (``team report -o FILE``): Markdown, or a workbook. The
team's table and red flags first, then each rep's weekly report (``formats.markdown``,
``formats.xlsx``), built from the typed ``TeamWeek``.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from salesplan.core.cells import neutralise
from salesplan.core.team import TeamWeek
from salesplan.core.teamwords import cells, flag_lines, heads, rep_shown, title
from salesplan.formats.markdown import md_text as md
from salesplan.formats.markdown import week_markdown
from salesplan.formats.xlsx import week_xlsx
from salesplan.i18n import _


def team_markdown(team: TeamWeek) -> str:
    """The team's table and red flags, then each rep's report (its headings one level down)
    under the manager's comments."""
    data = team.to_json()
    columns = heads()
    out = [
        "# " + title(data),
        "",
        "| " + " | ".join(columns) + " |",
        "|---|" + "---:|" * (len(columns) - 1),
    ]
    for r in [
        *({**r, "rep": md(rep_shown(r)), "name": None} for r in data["reps"]),
        {**data["total"], "rep": "**" + _("total") + "**"},
    ]:
        out.append("| " + " | ".join(cells(r)) + " |")
    flagged = [(rep_shown(r), line) for r in data["reps"] for line in flag_lines(r, data["rules"])]
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

    data = team.to_json()
    wb = Workbook()
    ws = wb.active
    ws.title = _("Team")
    ws.append([_("Team week {week}").format(week=data["week"]), data["start"], data["end"]])
    ws["A1"].font = Font(bold=True)
    ws.append([*heads(), _("flags")])
    for r in [*data["reps"], {**data["total"], "rep": _("total"), "flags": []}]:
        shown = rep_shown(r) if r.get("name") else r["rep"]
        numbers: list[Any] = [neutralise(shown), r["calls"]]
        numbers += [f"{r['days_call_target_met']}/{r['workdays']}"]
        numbers += [r["visits"], r["new_contacts"], r["followups_missed"], r["followups_open"]]
        numbers += [r["sales"], r["collections"], r["expenses"]]
        numbers += [neutralise("; ".join(flag_lines(r, data["rules"])) if r["flags"] else "")]
        ws.append(numbers)
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
