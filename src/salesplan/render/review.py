"""The evening review view."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from salesplan.core.review import Review, ReviewEntry, Tomorrow
from salesplan.core.words import day_words, kind_word, outcome_word
from salesplan.i18n import _, ngettext, pgettext
from salesplan.render.tables import table


def _done_words(entries: tuple[ReviewEntry, ...]) -> str:
    """What was done with a person today: ``call no-answer ×2, visit consultation``."""
    counts = Counter((e.kind, e.outcome) for e in entries)
    return _(", ").join(
        f"{kind_word(kind)} {outcome_word(outcome)}" + (f" ×{n}" if n > 1 else "")
        for (kind, outcome), n in counts.items()
    )


def render_review(review: Review) -> RenderableType:
    parts: list[RenderableType] = [
        Text(_("review of {day}").format(day=day_words(review.day)), style="bold")
    ]
    if not review.logged:
        parts.append(Text(_("nothing logged today")))
    for outcome, entries in review.by_outcome:
        parts.append(_outcome_table(outcome, entries))
    loose = review.loose_ends
    if loose:
        parts += _loose_ends(loose)
    names = review.new_names
    parts.append(Text(_("today's names ({n})").format(n=len(names)), style="bold"))
    for n in names:
        parts.append(
            Text("  " + " · ".join(str(v) for v in (n.name, n.company, n.phone, n.area) if v))
        )
    if review.todos:
        from salesplan.render.day import render_todos

        parts.append(render_todos(review.todos, review.day, review.calendar))
    if review.tomorrow is not None:
        parts += _tomorrow(review.tomorrow)
    return Group(*parts)


def _outcome_table(outcome: str, entries: Sequence[ReviewEntry]) -> RenderableType:
    """The day's contacts that ended one way."""
    return table(
        ["at", "kind", "contact", "note", "next"],
        [
            (
                e.at.strftime("%H:%M"),
                kind_word(e.kind),
                e.contact or _("(cold)"),
                e.note,
                e.next.isoformat() if e.next else None,
            )
            for e in entries
        ],
        title=_("{outcome} ({n})").format(outcome=outcome_word(outcome), n=len(entries)),
    )


def _loose_ends(loose: tuple[tuple[ReviewEntry, ...], ...]) -> list[RenderableType]:
    """The people left without a next step, one line each: who, what was done, how to fix it."""
    parts: list[RenderableType] = [
        Text(
            ngettext(
                "⚠ {n} contact without a next step:",
                "⚠ {n} contacts without a next step:",
                len(loose),
            ).format(n=len(loose)),
            style="bold yellow",
        )
    ]
    for group in loose:  # one line per person: who (contact id), what was done
        last = group[-1]
        parts.append(
            Text(
                _(
                    "  {contact} (#{contact_id}): {done} → salesplan log edit {id} --next DATE"
                ).format(
                    contact=last.contact,
                    contact_id=last.contact_id,
                    done=_done_words(group),
                    id=last.id,
                )
            )
        )
    return parts


def _tomorrow(tm: Tomorrow) -> list[RenderableType]:
    """Tomorrow in a line, then its appointments and what each warning says."""
    parts: list[RenderableType] = [
        Text(
            _("tomorrow {day}: {appointments}, {due}").format(
                day=day_words(tm.day),
                appointments=ngettext(
                    "{n} appointment", "{n} appointments", len(tm.appointments)
                ).format(n=len(tm.appointments)),
                due=ngettext("{n} follow-up due", "{n} follow-ups due", tm.due).format(n=tm.due),
            )
            + (
                ngettext(", {n} warning", ", {n} warnings", len(tm.warnings)).format(
                    n=len(tm.warnings)
                )
                if tm.warnings
                else ""
            ),
            style="bold",
        )
    ]
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
    return parts
