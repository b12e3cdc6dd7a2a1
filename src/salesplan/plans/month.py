"""The month at a glance: a row per week, the yearly sales target, the attendance score."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from salesplan.core.dates import month_end
from salesplan.core.periods import weeks_of_month, year_elapsed_share
from salesplan.core.scoring import attendance_score
from salesplan.core.settings import Settings
from salesplan.core.summary import MonthSummary, YearlyTarget, totals_for, week_rows
from salesplan.plans.week import period_rows
from salesplan.store.projects import won_total_between
from salesplan.store.records import absences_between
from salesplan.store.workdays import load_workdays


def month_summary(
    first: date, today: date, settings: Settings, *, session: Session
) -> MonthSummary:
    last = month_end(first)
    rows = period_rows(first, last, settings, session=session, full=False)
    workdays = load_workdays(settings, session=session)
    totals, days = totals_for(rows, first, last, settings.calls_per_day, workdays)
    yearly = YearlyTarget(
        target=settings.yearly_sales_target,
        sales_to_date=won_total_between(first.replace(month=1, day=1), last, session=session),
        expected_share=year_elapsed_share(first.year, last, today),
    )
    score = None
    if settings.attendance_scoring:
        worked = [d for d in days if d.workday and d.day <= today]
        score = attendance_score(
            workdays=len(worked),
            days_met=sum(1 for d in worked if d.calls_target_met),
            absences=len(absences_between(first, last, session=session)),
        )
    return MonthSummary(
        first=first,
        last=last,
        weeks=week_rows(weeks_of_month(first, settings.week_start_index), days),
        totals=totals,
        yearly_target=yearly,
        score=score,
    )
