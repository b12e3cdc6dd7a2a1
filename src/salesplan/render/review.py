"""The evening review view."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from salesplan.core.review import Review
from salesplan.i18n import _, pgettext
from salesplan.render.tables import table
from salesplan.render.words import day_words, outcome_word


def render_review(review: Review) -> RenderableType:
    parts: list[RenderableType] = [
        Text(_("review of {day}").format(day=day_words(review.day)), style="bold")
    ]
    if not review.logged:
        parts.append(Text(_("nothing logged today")))
    for outcome, entries in review.by_outcome:
        parts.append(
            table(
                ["at", "kind", "contact", "note", "next"],
                [
                    (
                        e.at.strftime("%H:%M"),
                        e.kind,
                        e.contact or _("(cold)"),
                        e.note,
                        e.next.isoformat() if e.next else None,
                    )
                    for e in entries
                ],
                title=_("{outcome} ({n})").format(outcome=outcome_word(outcome), n=len(entries)),
            )
        )
    if review.no_next_step:
        parts.append(
            Text(
                _("⚠ {n} contacts without a next step:").format(n=len(review.no_next_step)),
                style="bold yellow",
            )
        )
        for e in review.no_next_step:
            parts.append(
                Text(
                    _("  #{id} {contact} ({outcome}) → salesplan log edit {id} --next DATE").format(
                        id=e.id, contact=e.contact, outcome=outcome_word(e.outcome)
                    )
                )
            )
    names = review.new_names
    parts.append(Text(_("today's names ({n})").format(n=len(names)), style="bold"))
    for n in names:
        parts.append(
            Text("  " + " · ".join(str(v) for v in (n.name, n.company, n.phone, n.area) if v))
        )
    if review.todos:
        from salesplan.render.day import render_todos

        parts.append(render_todos(review.todos, review.day, review.calendar))
    tm = review.tomorrow
    if tm is not None:
        parts.append(
            Text(
                _("tomorrow {day}: {appointments} appointments, {due} follow-ups due").format(
                    day=day_words(tm.day), appointments=len(tm.appointments), due=tm.due
                )
                + (_(", {n} warnings").format(n=len(tm.warnings)) if tm.warnings else ""),
                style="bold",
            )
        )
        for a in tm.appointments:
            parts.append(
                Text(
                    f"  {a.start.strftime('%H:%M')} {a.label}"
                    + (_(" ({area})").format(area=a.area) if a.area else "")
                    + (
                        _(" · leave by {time}").format(time=a.leave_by.strftime("%H:%M"))
                        if a.leave_by
                        else ""
                    )
                )
            )
        for w in tm.warnings:  # say what each one is, not only how many
            parts.append(
                Text(
                    "  ⚠ " + _("{code}: ").format(code=pgettext("warning", w.code)) + w.message,
                    style="yellow",
                )
            )
    return Group(*parts)
