"""The HTML pages' facts: a week's summary (the one ``week --json`` prints) and what the page
shows beside it, read for one person (on a team store, the rep the session looks at)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlmodel import Session

from salesplan.core.board import (
    Comment,
    RepPage,
    day_bars,
    oldest_overdue,
    pipeline_at,
    trend,
    trend_starts,
)
from salesplan.core.dates import local_day_start, week_label
from salesplan.core.followups import DueItem
from salesplan.core.settings import Settings
from salesplan.core.summary import Summary
from salesplan.core.team import FlagRules, RepWeek, TeamWeek
from salesplan.plans.followups import collect_due
from salesplan.plans.team import LocalNow, _look_at, _reps, rep_week_with
from salesplan.store.activities import kinds_per_span
from salesplan.store.projects import stage_changes
from salesplan.store.team import view_as
from salesplan.store.workdays import load_workdays


def page_for(
    summary: Summary,
    today: date,
    settings: Settings,
    *,
    session: Session,
    rep: str | None = None,
    comments: list[dict[str, Any]] | None = None,
    row: dict[str, Any] | None = None,
    due: list[DueItem] | None = None,
) -> RepPage:
    """What the page shows of one person's week ``summary`` (as of ``today``); ``due``: the
    follow-ups the summary counted, if at hand."""
    tz = settings.tz
    workdays = load_workdays(settings, session=session)
    as_of = min(today, summary.end)
    items = (
        due
        if due is not None
        else collect_due(as_of, settings, session=session, workdays=workdays, as_of=as_of < today)
    )
    starts = trend_starts(summary.start)
    bounds = [local_day_start(s, tz) for s in starts]
    bounds.append(local_day_start(summary.end + timedelta(days=1), tz))
    counts = kinds_per_span(bounds, ("call", "visit"), session=session)
    return RepPage(
        rep=rep,
        summary=summary,
        bars=day_bars(summary, workdays),
        pipeline=pipeline_at(
            stage_changes(session=session, until=summary.end, closed_since=summary.start),
            summary.start,
            summary.end,
        ),
        trend=trend(starts, [week_label(s) for s in starts], counts),
        overdue=sum(1 for i in items if i.overdue_days > 0),
        oldest=oldest_overdue(items),
        comments=tuple(Comment(c["author"], c["text"], _minute(c["at"])) for c in (comments or [])),
        row=row or {},
    )


def _minute(at: Any) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if isinstance(at, datetime) else str(at)


# How many connections read the reps side by side on a team store: the server answers one
# while the client turns another's rows into a page (more gain nothing on a small machine).
READERS = 3


def team_board(
    week: str | None,
    now_local: LocalNow,
    *,
    session: Session,
    own_tz: tzinfo,
    system_zone: tzinfo,
    rules: FlagRules,
) -> tuple[dict[str, Any], list[RepPage]]:
    """The team's week as ``team week --json`` gives it, and each rep's page, read under that
    rep's own view and settings (the same ``rep_week`` the team week runs). On PostgreSQL the
    reps are read by a few connections at once, all on one snapshot of the store."""
    from concurrent.futures import ThreadPoolExecutor

    from salesplan.store.readers import snapshot_readers

    names = _reps(session, None)

    def read(rep: str, reader: Session) -> tuple[RepWeek, RepPage]:
        # Looking at this rep: their settings, their rows, for the week and the page.
        settings = _look_at(rep, reader, system_zone)
        rw = rep_week_with(rep, settings, week, now_local, session=reader, own_tz=own_tz)
        page = page_for(
            rw.summary,
            rw.today,
            settings,
            session=reader,
            rep=rep,
            comments=rw.comments,
            row=rw.row(rules),
            due=rw.due,
        )
        return rw, page

    def read_share(share: list[str], reader: Session) -> list[tuple[RepWeek, RepPage]]:
        return [read(rep, reader) for rep in share]

    with snapshot_readers(session, min(READERS, len(names) - 1)) as readers:
        if not readers:
            done = read_share(names, session)
        else:
            shares = [names[n :: len(readers)] for n in range(len(readers))]
            with ThreadPoolExecutor(len(readers)) as pool:
                parts = list(pool.map(read_share, shares, readers))
            by_rep = {rw.rep: (rw, page) for part in parts for rw, page in part}
            done = [by_rep[rep] for rep in names]
    view_as(None, session=session)
    reps = [rw for rw, _page in done]
    first = reps[0].summary
    team = TeamWeek(first.label, first.start, first.end, reps, rules).to_json()
    return team, [page for _rw, page in done]
