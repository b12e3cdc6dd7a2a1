"""The weekly report as Markdown (``week --markdown``, ``week -o FILE.md``), built from the typed
summary (``core.summary.Summary``): the week in the salesperson's words, the activity by day,
the week against its targets, the eleven sections, next week's plan. Stored text goes in through
``md_text``, so a name never breaks the page.
"""

from __future__ import annotations

import re

from salesplan.core.reportwords import (
    delta,
    money,
    none_recorded,
    own_words,
    report_title,
    salesperson_line,
    total_name,
)
from salesplan.core.summary import DaySummary, FollowupCounts, Summary
from salesplan.core.validate import strip_controls
from salesplan.core.words import month_day, weekday_short
from salesplan.formats.report_lines import (
    Form,
    appointment_lines,
    followup_lines,
    sections_lines,
    todo_lines,
)
from salesplan.i18n import _, is_chinese

# Markdown acts on these anywhere in a line (code spans, emphasis, links, HTML, table cells);
# an underscore inside a word (alice_7715) emphasises nothing and is left as it is.
_MD_INLINE = re.compile(r"[\\`*\[\]<>|~]|(?<!\w)_|_(?!\w)")
# ... and on these at the start of a line (headings, lists, quotes, setext underlines, breaks).
_MD_BLOCK_START = re.compile(r"^(?:[#=+\-]|(\d{1,9})[.)])")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]")


def md_text(text: object) -> str:
    """Stored text as Markdown inline text: on one line, with every character Markdown would
    act on escaped, so a name holding ``|``, a backtick, a newline or a leading ``#`` or ``-``
    shows as itself and never breaks a table or starts a heading, list or code block."""
    flat = " ".join(_LINE_BREAKS.sub(" ", strip_controls(str(text))[0]).split())
    escaped = _MD_INLINE.sub(lambda m: "\\" + m.group(), flat)
    start = _MD_BLOCK_START.match(escaped)
    if start is None:
        return escaped
    if start.group(1):  # "1." or "1)": an ordered list
        cut = len(start.group(1))
        return escaped[:cut] + "\\" + escaped[cut:]
    return "\\" + escaped


MARKDOWN = Form(md_text, markdown=True)


def _target_word(d: DaySummary, per_day: int) -> str:
    """The day against its own target (``met 15/15`` on a half day); ``—`` on a day off."""
    if not d.workday:
        return "—"
    if d.calls_target_met:
        word = _("met")
    elif d.pending:
        word = _("to come")
    else:
        word = _("missed")
    if d.call_target is not None and d.call_target != per_day:
        return f"{word} {d.calls}/{d.call_target}"
    return word


def _day_cell(d: DaySummary) -> str:
    day = d.day
    return f"{weekday_short(day)} " + (month_day(day) if is_chinese() else day.isoformat())


def _head(s: Summary) -> list[str]:
    """The title, the salesperson, the week in the salesperson's words."""
    out = [f"# {report_title(s)}", ""]
    if s.salesperson:
        out += [md_text(salesperson_line(s)), ""]
    out += [_("## The week in my words"), ""]
    for text in own_words(s):
        out += [md_text(text), ""]
    if not s.own_words:
        out += [f"_{none_recorded()}_", ""]
    return out


def _activity(s: Summary) -> list[str]:
    """The days' table."""
    out = [
        _("## Activity"),
        "",
        _(
            "| day | calls | reached | visits | emails | appointments kept | cancelled | call target |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for d in s.days:
        out.append(
            f"| {_day_cell(d)} | {d.calls} | {d.reached} | {d.visits} | "
            f"{d.emails} | {d.appointments_kept} | {d.appointments_cancelled} | "
            f"{_target_word(d, s.targets.calls_per_day)} |"
        )
    return out


def _week_rows(s: Summary) -> tuple[tuple[str, object, object, str], ...]:
    """The week's totals: each one's name, value, target and change against last week."""
    t, target, change = s.totals, s.targets, s.change
    f = s.followups or FollowupCounts()
    per_day = _("{n}/day").format(n=target.calls_per_day)
    sales_target = money(s.sales_target.target) if s.sales_target else ""
    return (
        (_("calls"), t.calls, per_day, delta(change.calls)),
        (_("reached"), t.reached, "", delta(change.reached)),
        (
            _("days the call target was met"),
            t.call_days_met,
            target.workdays,
            delta(change.call_days_met),
        ),
        (_("visits"), t.visits, target.visits_per_week, delta(change.visits)),
        (_("customers visited"), t.visited_customers, "", delta(change.visited_customers)),
        (_("emails"), t.emails, "", delta(change.emails)),
        (
            _("new contacts"),
            t.new_contacts,
            target.new_contacts_per_week,
            delta(change.new_contacts),
        ),
        (
            _("potential customers"),
            t.potential_contacts,
            target.potential_contacts_per_week,
            delta(change.potential_contacts),
        ),
        (total_name("sales"), money(t.sales), sales_target, money(change.sales, signed=True)),
        (
            total_name("collections"),
            money(t.collections),
            "",
            money(change.collections, signed=True),
        ),
        (total_name("expenses"), money(t.expenses), "", money(change.expenses, signed=True)),
        (
            _("follow-ups missed / open"),
            f"{f.missed} / {f.open}",
            0,
            _("{n} overdue in all").format(n=f.overdue_total),
        ),
    )


def _week_table(s: Summary) -> list[str]:
    out = ["", _("| this week | value | target | change vs last week |"), "|---|---:|---:|---:|"]
    return out + [
        f"| {name} |"
        + "".join(f" {cell} |" if cell != "" else " |" for cell in (value, goal, diff))
        for name, value, goal, diff in _week_rows(s)
    ]


def _sections(s: Summary) -> list[str]:
    out = ["", _("## Summary of the week"), ""]
    for title, lines in sections_lines(s, MARKDOWN):
        out += [f"### {title}", "", *lines, ""]
    return out


def _booked(s: Summary) -> str:
    nxt = s.next_week
    if is_chinese():
        if not nxt:
            return _("Appointments booked:")
        return _("Appointments booked ({start} – {end}):").format(
            start=month_day(nxt.start), end=month_day(nxt.end)
        )
    start, end = (nxt.start.isoformat(), nxt.end.isoformat()) if nxt else (None, None)
    return f"Appointments booked ({start} – {end}):"


def _next_week(s: Summary) -> list[str]:
    nxt = s.next_week
    out = [_("## Next week's plan"), "", _booked(s), ""]
    out += appointment_lines(nxt, MARKDOWN) or [f"_{none_recorded()}_"]
    out += ["", _("Follow-ups falling due: {n}").format(n=nxt.followups_due if nxt else 0), ""]
    out += followup_lines(nxt, MARKDOWN)
    if nxt and nxt.todos:
        out += ["", _("To do: {n}").format(n=len(nxt.todos)), ""]
        out += todo_lines(nxt, MARKDOWN)
    return out


def week_markdown(s: Summary) -> str:
    """The weekly report as Markdown, ending in the judgement the salesperson writes."""
    out = [*_head(s), *_activity(s), *_week_table(s), *_sections(s), *_next_week(s)]
    out += [
        "",
        _("## Judgement"),
        "",
        _("_What went well, what went wrong, what to change next week._"),
        "",
    ]
    return "\n".join(out)
