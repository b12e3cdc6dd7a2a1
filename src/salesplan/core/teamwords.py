"""The team's week in words, shared by its terminal view (``render.team``), its report files
(``formats.team_report``) and its page: the columns, a rep as people read them, each rep's row
of cells and red flags. Rows are the dicts ``TeamWeek.to_json()`` gives.
"""

from __future__ import annotations

from typing import Any

from salesplan.i18n import N_, NP_, _, ngettext, pgettext

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


def heads() -> list[str]:
    """The columns' headings, in the reader's language."""
    return [pgettext("column", c[1]) for c in COLUMNS]


def title(data: dict[str, Any]) -> str:
    return _("Team week {week} ({start} – {end})").format(
        week=data["week"], start=data["start"], end=data["end"]
    )


def _money(value: float | int) -> str:
    return f"{value:,.2f}"


def rep_shown(row: dict[str, Any]) -> str:
    """A rep as people read them: ``张丽 (zhangli)`` when the rep has a display name."""
    rep, name = row["rep"], row.get("name")
    return f"{name} ({rep})" if name and name != rep else rep


def cells(row: dict[str, Any]) -> list[str]:
    """A rep's row (or the total's, with no rep) as the table and the Markdown show it."""
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


def flag_lines(row: dict[str, Any], rules: dict[str, int]) -> list[str]:
    """A rep's red flags as ``team week`` words them (the HTML page shows the same lines)."""
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
