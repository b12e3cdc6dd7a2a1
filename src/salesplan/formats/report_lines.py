"""The weekly report's lines, built from the typed sections (``core.summary``) in one of two
forms: Markdown list items (``formats.markdown``: a bullet, bold totals, stored text escaped)
or plain lines (a spreadsheet cell in ``formats.xlsx``, a line of the HTML page). Both forms
word a line alike; the catalog's line templates carry the Markdown (``- **Total: {amount}**``),
and the plain form takes it off the template, never off the text that fills it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from salesplan.core.reportwords import money, none_recorded, section_title
from salesplan.core.summary import SECTIONS, NextWeek, NoteRow, ReportSections, Summary
from salesplan.core.todos import TodoItem
from salesplan.core.words import (
    category_word,
    day_words,
    flag_word,
    month_day,
    outcome_word,
    status_word,
    weekday_short,
)
from salesplan.i18n import _, is_chinese


@dataclass(frozen=True)
class Form:
    """How a line is written: ``esc`` puts stored text in (Markdown escaping, so a name never
    breaks the page; as it is for a cell); ``markdown`` keeps the bullet and the bold."""

    esc: Callable[[Any], str]
    markdown: bool

    @property
    def bullet(self) -> str:
        return "- " if self.markdown else ""

    def item(self, template: str) -> str:
        """One of the catalog's Markdown line templates, in this form."""
        return template if self.markdown else template.removeprefix("- ").replace("**", "")


PLAIN = Form(str, markdown=False)


def _total_line(cents: int, form: Form) -> str:
    return form.item(_("- **Total: {amount}**")).format(amount=money(cents))


def _contact_name(name: str) -> str:
    return _(name) if name == "(cold)" else name


def _sales_volume(sections: ReportSections, form: Form) -> list[str]:
    sales = sections.sales_volume
    rows = [
        form.item(_("- {name} ({contact}), won {on}: {amount}")).format(
            name=form.esc(w.name),
            contact=form.esc(w.contact),
            on=day_words(w.on) if w.on else ("—" if is_chinese() else None),
            amount=money(w.amount),
        )
        for w in sales.won
    ]
    return [*rows, _total_line(sales.total, form)] if rows else []


def _collections(sections: ReportSections, form: Form) -> list[str]:
    coll = sections.collections
    rows = [
        form.item(_("- {on} {project} ({contact}): {amount}")).format(
            on=day_words(p.on),
            project=form.esc(p.project),
            contact=form.esc(p.contact),
            amount=money(p.amount),
        )
        + (f" — {form.esc(p.note)}" if p.note else "")
        for p in coll.payments
    ]
    return [*rows, _total_line(coll.total, form)] if rows else []


def _customer_visits(sections: ReportSections, form: Form) -> list[str]:
    return [
        f"{form.bullet}{day_words(v.day)} {form.esc(_contact_name(v.contact))}"
        + (_(" ({area})").format(area=form.esc(v.area)) if v.area else "")
        + _(": {outcome}").format(outcome=outcome_word(v.outcome))
        + (f" — {form.esc(v.note)}" if v.note else "")
        for v in sections.customer_visits.visits
    ]


def _expenses(sections: ReportSections, form: Form) -> list[str]:
    exp = sections.expenses
    if not exp.items:
        return []
    rows = [form.item(_("- Travel: {amount}")).format(amount=money(exp.travel))]
    rows += [
        form.item(_("- {category}: {amount}")).format(category=category_word(k), amount=money(v))
        for k, v in exp.by_category
        if k != "travel"
    ]
    total = form.item(_("- **Total: {amount}** (other than travel: {other})"))
    return [*rows, total.format(amount=money(exp.total), other=money(exp.other_than_travel))]


def _key_customers(sections: ReportSections, form: Form) -> list[str]:
    kc = sections.key_customers
    comma = _(", ")
    touched = comma.join(form.esc(k.name) for k in kc.touched) or none_recorded()
    missing = kc.not_touched
    names = comma.join(form.esc(k.name) for k in missing[:30]) + (
        _(" … and {n} more").format(n=len(missing) - 30) if len(missing) > 30 else ""
    )
    if not kc.touched and not missing:
        return []
    return [
        form.item(_("- Touched this week: {names}")).format(names=touched),
        form.item(_("- Not touched: {names}")).format(names=names or none_recorded()),
    ]


def _new_customers(sections: ReportSections, form: Form) -> list[str]:
    return [
        f"{form.bullet}{form.esc(c.name)}"
        + (_(", {company}").format(company=form.esc(c.company)) if c.company else "")
        + (_(" ({area})").format(area=form.esc(c.area)) if c.area else "")
        for c in sections.new_customers
    ]


def _abnormal_customers(sections: ReportSections, form: Form) -> list[str]:
    return [
        form.item(_("- {name}: {flags}")).format(
            name=form.esc(c.name), flags=_(", ").join(flag_word(f) for f in c.flags)
        )
        + (f" — {form.esc(c.note)}" if c.note else "")
        for c in sections.abnormal_customers
    ]


def _to_develop(sections: ReportSections, form: Form) -> list[str]:
    return [
        f"{form.bullet}{form.esc(t.contact.name)}"
        + (
            _(", {company}").format(company=form.esc(t.contact.company))
            if t.contact.company
            else ""
        )
        + _(": {status}").format(status=status_word(t.contact.status))
        + (
            _(", last {outcome}").format(outcome=outcome_word(t.last_outcome))
            if t.last_outcome
            else ""
        )
        for t in sections.to_develop
    ]


def _notes(notes: tuple[NoteRow, ...], form: Form) -> list[str]:
    return [
        f"{form.bullet}{day_words(n.on)} {form.esc(n.text)}"
        + (_(" ({contact})").format(contact=form.esc(n.contact)) if n.contact else "")
        for n in notes
    ]


_SECTION_LINES: dict[str, Callable[[ReportSections, Form], list[str]]] = {
    "sales_volume": _sales_volume,
    "collections": _collections,
    "customer_visits": _customer_visits,
    "expenses": _expenses,
    "key_customers": _key_customers,
    "new_customers": _new_customers,
    "abnormal_customers": _abnormal_customers,
    "to_develop": _to_develop,
}


def lines_for(key: str, sections: ReportSections, form: Form) -> list[str]:
    """The lines of one section of the report (none when nothing was recorded); the sections
    not named above are the week's notes of that kind."""
    lines = _SECTION_LINES.get(key)
    return lines(sections, form) if lines else _notes(getattr(sections, key), form)


def sections_lines(s: Summary, form: Form) -> list[tuple[str, list[str]]]:
    """The eleven sections: each one's title and its lines, or the "none recorded" line
    (in italics in Markdown)."""
    empty = f"_{none_recorded()}_" if form.markdown else none_recorded()
    return [
        (section_title(i, key, english, chinese), lines_for(key, s.sections, form) or [empty])
        for i, (key, english, chinese) in enumerate(SECTIONS, 1)
    ]


def section_lines(s: Summary) -> list[tuple[str, list[str]]]:
    """The eleven sections as the report words them, in plain text (no Markdown): each
    section's title and its lines, or the "none recorded" line."""
    return sections_lines(s, PLAIN)


def minute(at: datetime) -> str:
    if is_chinese():
        return f"{month_day(at.date())}（{weekday_short(at.date())}）{at:%H:%M}"
    return at.strftime("%Y-%m-%d %H:%M")


def appointment_lines(nxt: NextWeek | None, form: Form) -> list[str]:
    """Next week's appointments already booked."""
    return [
        f"{form.bullet}{minute(a.start)} {form.esc(a.contact)}"
        + (_(" ({area})").format(area=form.esc(a.area)) if a.area else "")
        for a in (nxt.appointments if nxt else ())
    ]


def followup_lines(nxt: NextWeek | None, form: Form) -> list[str]:
    """The follow-ups falling due next week."""
    return [
        form.item(_("- {due} {contact}: {reason}")).format(
            due=day_words(i.due), contact=form.esc(i.contact), reason=form.esc(i.reason_words)
        )
        for i in (nxt.followups if nxt else ())
    ]


def _todo_line(t: TodoItem, nxt: NextWeek, form: Form) -> str:
    """A to-do in next week's plan: important ones marked, the date it is due or how late (in
    workdays, as of the report's end)."""
    late = nxt.todo_late(t)
    when = (
        _("{days}d overdue").format(days=late)
        if late
        else (day_words(t.due) if t.due else _("no date"))
    )
    mark = _("important: ") if t.important else ""
    who = _(" ({contact})").format(contact=form.esc(t.contact)) if t.contact else ""
    return f"{form.bullet}{when} {mark}{form.esc(t.text)}{who}"


def todo_lines(nxt: NextWeek | None, form: Form) -> list[str]:
    """The to-dos of next week's plan."""
    return [_todo_line(t, nxt, form) for t in nxt.todos] if nxt else []
