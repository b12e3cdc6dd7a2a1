"""The week ahead as a salesperson reads it on Friday evening: one paragraph per workday."""

from __future__ import annotations

from rich.text import Text

from salesplan.core.dates import week_label
from salesplan.core.followups import most_urgent_per_contact
from salesplan.core.weekplan import WeekDay, WeekPlan
from salesplan.core.words import kind_word, weekday_short
from salesplan.i18n import N_, _, ngettext

DUE_SHOWN = 8  # names listed under a day; the rest are counted
_KIND = {
    "makeup": N_("调休 make-up workday"),
    "own-work": N_("your extra workday"),
    "holiday": N_("public holiday"),
    "own-off": N_("your day off"),
    "weekend": N_("weekend"),
    "absent": N_("absent"),
}


def render_week_plan(plan: WeekPlan) -> Text:
    out = Text()
    _append_week_head(out, plan)
    if not plan.days:
        out.append(_("no workday left in this week") + "\n")
    for day in plan.days:
        out.append("\n")
        _append_day(out, day, week_label(plan.start))
    out.rstrip()
    return out


def _append_week_head(out: Text, plan: WeekPlan) -> None:
    """The week, its visits against the target (with a warning when the field time is short)
    and its days off."""
    out.append(
        _("Week {week} ({start} – {end})").format(
            week=week_label(plan.start), start=plan.start.isoformat(), end=plan.end.isoformat()
        )
        + "\n",
        style="bold",
    )
    out.append(
        _(
            "visits: target {target} · done {done} · booked {booked} · {needed} more needed · "
            "free field time holds {fit}"
        ).format(
            target=plan.visits_target,
            done=plan.visits_done,
            booked=plan.visits_booked,
            needed=plan.visits_needed,
            fit=plan.visits_fit,
        )
        + "\n"
    )
    if plan.visits_needed > plan.visits_fit:
        out.append(
            ngettext(
                "! the free field time holds {fit} of the {needed} visit needed: book it "
                "in the call or office time, or move blocks",
                "! the free field time holds {fit} of the {needed} visits needed: book visits "
                "in the call or office time, or move blocks",
                plan.visits_needed,
            ).format(fit=plan.visits_fit, needed=plan.visits_needed)
            + "\n",
            style="bold red",
        )
    if plan.off:
        out.append(
            _("days off: {days}").format(
                days=_(", ").join(
                    f"{weekday_short(d)} {d:%m-%d} ({_(_KIND.get(k, k))})" for d, k in plan.off
                )
            )
            + "\n",
            style="dim",
        )


def _append_day(out: Text, day: WeekDay, week: str) -> None:
    """One workday's paragraph: its calls target, appointments, field time and follow-ups."""
    head = f"{weekday_short(day.day)} {day.day.isoformat()}"
    if day.kind in _KIND:
        head += f" ({_(_KIND[day.kind])})"
    out.append(head, style="bold")
    out.append("  " + _("calls target {n}").format(n=day.call_target) + "\n")
    for a in day.appointments:
        out.append(f"  {a.start}–{a.end}  {a.label}")
        if a.area:
            out.append(f" ({a.area})")
        if a.leave_by:
            out.append("  " + _("leave by {time}").format(time=a.leave_by), style="yellow")
        out.append("\n")
    if day.visits_suggested or day.free_field_minutes:
        _append_field_time(out, day)
    if day.due:
        _append_due(out, day, week)


def _append_field_time(out: Text, day: WeekDay) -> None:
    where = _(" near {areas}").format(areas=" · ".join(day.field_areas)) if day.field_areas else ""
    out.append(
        "  "
        + ngettext(
            "field: {minutes} min free{where}, room for {fit} visit",
            "field: {minutes} min free{where}, room for {fit} visits",
            day.visits_fit,
        ).format(minutes=day.free_field_minutes, where=where, fit=day.visits_fit)
    )
    if day.visits_suggested:
        out.append(
            " · "
            + ngettext("plan {n} visit", "plan {n} visits", day.visits_suggested).format(
                n=day.visits_suggested
            ),
            style="bold",
        )
    out.append("\n")


def _append_due(out: Text, day: WeekDay, week: str) -> None:
    """The follow-ups due that day, the most urgent per contact, the first DUE_SHOWN named."""
    heads = most_urgent_per_contact(sorted(day.due, key=lambda i: i.sort_key()))
    out.append(
        "  "
        + ngettext("{n} follow-up due:", "{n} follow-ups due:", len(heads)).format(n=len(heads))
        + "\n"
    )
    for head_item, _rest in heads[:DUE_SHOWN]:
        late = (
            " " + _("({days}d overdue)").format(days=head_item.overdue_days)
            if head_item.overdue_days
            else ""
        )
        out.append(
            f"    {head_item.contact} · {kind_word(head_item.channel)} · "
            f"{head_item.reason_words}{late}\n",
            style="red" if head_item.overdue_days else "",
        )
    if len(heads) > DUE_SHOWN:
        out.append(
            "    "
            + _("… and {n} more (salesplan due --week {week})").format(
                n=len(heads) - DUE_SHOWN, week=week
            )
            + "\n",
            style="dim",
        )
