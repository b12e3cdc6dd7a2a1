"""The manager's commands: each rep's week and follow-ups, read as that rep would read them.

One transaction looks at one rep at a time (``salesplan.view_as``; PostgreSQL's row-level
security lets a manager read, never change, the rows of their own reps), then runs exactly the
plans the rep's own commands run, with the rep's own settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlmodel import Session

from salesplan.core.board import StageRow
from salesplan.core.dates import parse_week, to_local, week_bounds, week_label
from salesplan.core.followups import DueItem
from salesplan.core.settings import Settings
from salesplan.core.team import (
    FlagRules,
    RepPipeline,
    RepWeek,
    TeamMonth,
    TeamPipeline,
    TeamWeek,
)
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.plans.followups import collect_due
from salesplan.plans.week import week_summary_and_due
from salesplan.store.settings import load_settings
from salesplan.store.team import (
    comments_on,
    display_names,
    key_contacts_last_real,
    my_reps,
    view_as,
)

# The local "now" in a time zone: the CLI's pinned or real clock, handed in.
LocalNow = Callable[[tzinfo], datetime]


def _reps(session: Session, only: list[str] | None) -> list[str]:
    reps = my_reps(session=session)
    if not reps:
        raise BadInput(_("you manage no reps yet: an administrator runs salesplan team add-rep"))
    if only:
        unknown = [r for r in only if r not in reps]
        if unknown:
            raise BadInput(
                _("{unknown} is not one of your reps ({choices})").format(
                    unknown=unknown[0], choices=", ".join(reps)
                )
            )
        return [r for r in reps if r in only]
    return reps


def _look_at(rep: str, session: Session, system_zone: tzinfo) -> Settings:
    session.expunge_all()  # rows keyed by name (settings) must not leak from one rep to the next
    view_as(rep, session=session)
    return load_settings(session=session, system_zone=system_zone)


def rep_week(
    rep: str,
    week: str | None,
    now_local: LocalNow,
    *,
    session: Session,
    own_tz: tzinfo,
    system_zone: tzinfo,
) -> RepWeek:
    settings = _look_at(rep, session, system_zone)
    return rep_week_with(rep, settings, week, now_local, session=session, own_tz=own_tz)


def rep_week_with(
    rep: str,
    settings: Settings,
    week: str | None,
    now_local: LocalNow,
    *,
    session: Session,
    own_tz: tzinfo,
) -> RepWeek:
    """``rep_week`` once the session looks at ``rep``, whose ``settings`` are at hand."""
    today = now_local(settings.tz).date()
    day = parse_week(week, today, settings.week_start_index, past=True) if week else today
    summary, due = week_summary_and_due(day, today, settings, session=session, rep=rep)
    start, end = week_bounds(day, settings.week_start_index)
    comments = [
        {**c, "at": to_local(c["at"], own_tz)}
        for c in comments_on(week_label(start), rep=rep, session=session)
    ]
    last = key_contacts_last_real(end, settings.tz, session=session)
    return RepWeek(rep, summary, today, last, comments, rep_targets(settings), due=due)


def rep_targets(settings: Settings) -> dict[str, Any]:
    """A rep's targets as their reports count them (on a team store, their manager's)."""
    from salesplan.core.money import to_number
    from salesplan.store.team import TARGET_KEYS

    return {
        key: to_number(settings.yearly_sales_target)
        if key == "yearly_sales_target"
        else getattr(settings, key)
        for key in TARGET_KEYS
    }


def team_week(
    week: str | None,
    now_local: LocalNow,
    *,
    session: Session,
    own_tz: tzinfo,
    system_zone: tzinfo,
    rules: FlagRules,
    only: list[str] | None = None,
) -> TeamWeek:
    reps = [
        rep_week(r, week, now_local, session=session, own_tz=own_tz, system_zone=system_zone)
        for r in _reps(session, only)
    ]
    view_as(None, session=session)
    first = reps[0].summary
    return TeamWeek(first.label, first.start, first.end, reps, rules)


@dataclass(frozen=True)
class RepDue:
    rep: str
    as_of: date
    items: list[DueItem]
    name: str | None = None  # the rep's display name, if the roster gives one

    def to_json(self) -> dict[str, Any]:
        return {
            "rep": self.rep,
            "name": self.name or self.rep,
            "as_of": self.as_of.isoformat(),
            "overdue": len(self.items),
            "items": [i.to_json() for i in self.items],
        }


def team_due(now_local: LocalNow, *, session: Session, system_zone: tzinfo) -> list[RepDue]:
    """Each rep's overdue follow-ups, oldest first, as of the rep's own today."""
    names = display_names(session=session)
    out = []
    for rep in _reps(session, None):
        settings = _look_at(rep, session, system_zone)
        today = now_local(settings.tz).date()
        items = [i for i in collect_due(today, settings, session=session) if i.overdue_days > 0]
        out.append(RepDue(rep, today, sorted(items, key=lambda i: i.sort_key()), names.get(rep)))
    view_as(None, session=session)
    return out


def shown_rep_name(rep: str) -> str:
    """The rep ``team show`` is asked for: a role name, or a departed rep's name (alice~DATE)."""
    from salesplan.store.team import check_role_name, is_departed_name

    return rep.strip() if is_departed_name(rep) else check_role_name(rep)


def rep_show(
    rep: str,
    week: str | None,
    now_local: LocalNow,
    *,
    session: Session,
    own_tz: tzinfo,
    system_zone: tzinfo,
) -> RepWeek:
    """One rep's week (this week, or ``week``) as their own ``week`` reads it."""
    from salesplan.store.team import departed_reps, is_departed_name

    if is_departed_name(rep):
        if rep not in departed_reps(session=session):
            raise BadInput(_("{unknown} is not one of your reps").format(unknown=rep))
        name = rep
    else:
        (name,) = _reps(session, [rep])
    shown = rep_week(name, week, now_local, session=session, own_tz=own_tz, system_zone=system_zone)
    view_as(None, session=session)
    return shown


def team_month(
    month: str | None, now_local: LocalNow, *, session: Session, system_zone: tzinfo
) -> TeamMonth:
    """Each rep's month (this month, or ``month``) as their own ``month`` shows it."""
    from salesplan.core.dates import parse_month
    from salesplan.plans.month import month_summary

    reps = []
    for rep in _reps(session, None):
        settings = _look_at(rep, session, system_zone)
        today = now_local(settings.tz).date()
        first = parse_month(month, today, past=True) if month else today.replace(day=1)
        reps.append((rep, month_summary(first, today, settings, session=session)))
    view_as(None, session=session)
    first_month = reps[0][1]
    names = display_names(session=session)
    return TeamMonth(first_month.label, first_month.first, first_month.last, reps, names)


def team_pipeline(*, session: Session, system_zone: tzinfo) -> TeamPipeline:
    """Each rep's open projects by stage, in the pipeline's order."""
    from salesplan.models import OPEN_STAGES
    from salesplan.store.team import open_projects_by_stage

    names = display_names(session=session)
    reps = []
    for rep in _reps(session, None):
        _look_at(rep, session, system_zone)
        found = open_projects_by_stage(session=session)
        stages = [StageRow(s, *found.get(s, (0, 0))) for s in OPEN_STAGES]
        reps.append(RepPipeline(rep, stages, names.get(rep)))
    view_as(None, session=session)
    return TeamPipeline(OPEN_STAGES, reps)
