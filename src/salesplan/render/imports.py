"""What an import says it did: the summary line, the problems listed under it, what a
calendar import left out."""

from __future__ import annotations

from typing import Any

from salesplan.i18n import _, ngettext, pgettext


def if_any(n: int, note: str) -> str:
    """``note`` said of ``n`` things, or nothing when there are none."""
    return note.format(n=n) if n else ""


def controls_note(removed: int) -> str:
    return if_any(
        removed,
        ngettext(" · {n} control character removed", " · {n} control characters removed", removed),
    )


def contacts_summary(count: Any, dry_run: bool) -> str:
    text = (
        ngettext(
            "would add {n} contact · {skipped} already in the store",
            "would add {n} contacts · {skipped} already in the store",
            count.added,
        )
        if dry_run
        else ngettext(
            "added {n} contact · {skipped} already in the store",
            "added {n} contacts · {skipped} already in the store",
            count.added,
        )
    ).format(n=count.added, skipped=count.skipped)
    if count.updated:
        text += (
            ngettext(" · would fill in {n} contact", " · would fill in {n} contacts", count.updated)
            if dry_run
            else ngettext(" · filled in {n} contact", " · filled in {n} contacts", count.updated)
        ).format(n=count.updated)
    if count.rejected:
        text += ngettext(
            " · {n} row not imported", " · {n} rows not imported", count.rejected
        ).format(n=count.rejected)
    if count.dropped:
        text += ngettext(" · {n} value not kept", " · {n} values not kept", count.dropped).format(
            n=count.dropped
        )
    return text


def problem_line(problem: Any) -> str:
    from salesplan.core.interchange import place
    from salesplan.render.safe import safe_text

    where = place(problem.where)
    if problem.dropped is None:
        line = _("{where} not imported: {why}").format(where=where, why=problem.why)
    else:
        line = _("{where}: {why} (the contact is kept without this {field})").format(
            where=where, field=pgettext("what", problem.field.replace("_", " ")), why=problem.why
        )
    return safe_text(line)


def calendar_summary(count: Any, dry_run: bool) -> str:
    return (
        (
            ngettext(
                "would add {n} appointment · {skipped} already imported",
                "would add {n} appointments · {skipped} already imported",
                count.added,
            )
            if dry_run
            else ngettext(
                "added {n} appointment · {skipped} already imported",
                "added {n} appointments · {skipped} already imported",
                count.added,
            )
        ).format(n=count.added, skipped=count.skipped)
        + if_any(
            count.updated,
            ngettext(
                " · {n} changed in the calendar since, updated",
                " · {n} changed in the calendar since, updated",
                count.updated,
            ),
        )
        + if_any(
            count.cancelled,
            ngettext(
                " · {n} no longer in the calendar, cancelled",
                " · {n} no longer in the calendar, cancelled",
                count.cancelled,
            ),
        )
        + controls_note(count.controls_removed)
    )


def calendar_left_out(left_out: dict[str, int], days: int) -> list[str]:
    """The lines saying which events a calendar import skipped, and why."""
    past, all_day, later = (left_out.get(k, 0) for k in ("past", "all_day", "later"))
    lines = []
    for n, said in (
        (
            past,
            ngettext(
                "skipped {n} past event (--since DATE imports it)",
                "skipped {n} past events (--since DATE imports them)",
                past,
            ),
        ),
        (
            all_day,
            ngettext(
                "skipped {n} all-day event (holidays, birthdays: not appointments)",
                "skipped {n} all-day events (holidays, birthdays: not appointments)",
                all_day,
            ),
        ),
        (
            later,
            ngettext(
                "skipped {n} event more than {days} days ahead (--days widens the window)",
                "skipped {n} events more than {days} days ahead (--days widens the window)",
                later,
            ),
        ),
    ):
        if n:
            lines.append(said.format(n=n, days=days))
    return lines


def dump_summary(added: dict[str, int], settings_kept: tuple[str, ...], dry_run: bool) -> str:
    """What a JSON import added (by table as a file names it), and the settings it kept."""
    shown = _(", ").join(f"{n} {pgettext('table', name)}" for name, n in added.items() if n) or _(
        "nothing new"
    )
    if settings_kept:
        shown += _(
            " · kept this store's {settings} (the file's value differs; --settings takes the file's)"
        ).format(settings=", ".join(settings_kept))
    verb = _("would add {what}") if dry_run else _("added {what}")
    return verb.format(what=shown)
