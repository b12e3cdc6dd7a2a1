"""The month at a glance: a row per week, the yearly sales target, the attendance score."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from salesplan.core.dates import month_end, to_local
from salesplan.core.periods import sales_target_share, weeks_of_month, year_elapsed_share
from salesplan.core.scoring import attendance_score
from salesplan.core.settings import Settings
from salesplan.core.summary import (
    ContactTargets,
    MonthSummary,
    PeriodTarget,
    YearlyTarget,
    totals_for,
    week_rows,
    went_wrong,
)
from salesplan.plans.followups import collect_due
from salesplan.plans.week import period_rows
from salesplan.store.projects import won_total_between
from salesplan.store.records import absences_between, first_use_utc
from salesplan.store.workdays import load_workdays


def month_summary(
    first: date, today: date, settings: Settings, *, session: Session
) -> MonthSummary:
    last = month_end(first)
    rows = period_rows(first, last, settings, session=session)
    workdays = load_workdays(settings, session=session)
    totals, days = totals_for(rows, first, last, settings.calls_per_day, workdays, today)
    # The month counts from the first day the store was used: days before it are neither
    # missed nor scored (a first month starts on that day).
    began = first_use_utc(session=session)
    started = max(first, to_local(began, settings.tz).date()) if began is not None else first
    counted = [d for d in days if d.day >= started]
    weeks = week_rows(weeks_of_month(first, settings.week_start_index), days)
    # As of the month's end once it is over, so the review is the same whenever generated.
    as_of = min(today, last)
    done_until = last if today > last else today - timedelta(days=1)
    items = collect_due(as_of, settings, session=session, workdays=workdays, as_of=as_of < today)
    share = PeriodTarget(
        sales_target_share(settings.yearly_sales_target, first, last, workdays), totals.sales
    )
    yearly = YearlyTarget(
        target=settings.yearly_sales_target,
        sales_to_date=won_total_between(first.replace(month=1, day=1), last, session=session),
        expected_share=year_elapsed_share(first.year, last, today),
    )
    score = None
    if settings.attendance_scoring:
        worked = [d for d in counted if d.workday and d.day <= done_until]
        score = attendance_score(
            workdays=len(worked),
            days_met=sum(1 for d in worked if d.calls_target_met),
            absences=sum(
                1
                for a in absences_between(started, last, session=session)
                if workdays.scheduled(a.on)
            ),
        )
    return MonthSummary(
        first=first,
        last=last,
        weeks=weeks,
        totals=totals,
        yearly_target=yearly,
        score=score,
        sales_target=share,
        contacts=ContactTargets.of(
            totals,
            settings.new_contacts_per_week,
            settings.potential_contacts_per_week,
            sum(1 for d in counted if d.workday),
        ),
        started=started,
        went_wrong=went_wrong(
            first=first,
            last=last,
            done_until=done_until,
            day_rows=counted,
            weeks=weeks,
            rows=rows,
            items=items,
            visits_per_week=settings.visits_per_week,
            sales_target=share,
            workdays=workdays,
            started=started,
        ),
    )
