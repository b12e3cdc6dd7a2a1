"""The evening review view."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from salesplan.core.review import Review
from salesplan.render.tables import table


def render_review(review: Review) -> RenderableType:
    parts: list[RenderableType] = [Text(f"review of {review.day.isoformat()}", style="bold")]
    if not review.logged:
        parts.append(Text("nothing logged today"))
    for outcome, entries in review.by_outcome:
        parts.append(
            table(
                ["at", "kind", "contact", "note", "next"],
                [
                    (
                        e.at.strftime("%H:%M"),
                        e.kind,
                        e.contact or "(cold)",
                        e.note,
                        e.next.isoformat() if e.next else None,
                    )
                    for e in entries
                ],
                title=f"{outcome} ({len(entries)})",
            )
        )
    if review.no_next_step:
        parts.append(
            Text(f"⚠ {len(review.no_next_step)} contacts without a next step:", style="bold yellow")
        )
        for e in review.no_next_step:
            parts.append(
                Text(f"  #{e.id} {e.contact} ({e.outcome}) → salesplan log edit {e.id} --next DATE")
            )
    names = review.new_names
    parts.append(Text(f"today's names ({len(names)})", style="bold"))
    for n in names:
        parts.append(
            Text("  " + " · ".join(str(v) for v in (n.name, n.company, n.phone, n.area) if v))
        )
    tm = review.tomorrow
    if tm is not None:
        parts.append(
            Text(
                f"tomorrow {tm.day.isoformat()}: {len(tm.appointments)} appointments, {tm.due} follow-ups due"
                + (f", {len(tm.warnings)} warnings" if tm.warnings else ""),
                style="bold",
            )
        )
        for a in tm.appointments:
            parts.append(
                Text(
                    f"  {a.start.strftime('%H:%M')} {a.label}"
                    + (f" ({a.area})" if a.area else "")
                    + (f" · leave by {a.leave_by.strftime('%H:%M')}" if a.leave_by else "")
                )
            )
    return Group(*parts)
