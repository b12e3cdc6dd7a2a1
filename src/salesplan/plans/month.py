"""The month at a glance: a row per week, the yearly sales target, the attendance score."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from salesplan.core.dates import month_end
from salesplan.core.money import to_number
from salesplan.core.periods import is_workday, weeks_of_month, year_elapsed_share
from salesplan.core.scoring import attendance_score
from salesplan.core.settings import Settings
from salesplan.core.summary import totals_for
from salesplan.plans.week import period_rows
from salesplan.store.projects import won_total_between
from salesplan.store.records import absences_between


def month_summary(
    first: date, today: date, settings: Settings, *, session: Session
) -> dict[str, Any]:
    last = month_end(first)
    rows = period_rows(first, last, settings, session=session, full=False)
    totals, days = totals_for(rows, first, last, settings.calls_per_day)
    weeks = []
    for week in weeks_of_month(first, settings.week_start_index):
        in_week = [d for d in days if week.holds(date.fromisoformat(d["date"]))]
        weeks.append(
            {
                "week": week.label,
                "start": week.first.isoformat(),
                "end": week.last.isoformat(),
                "calls": sum(d["calls"] for d in in_week),
                "reached": sum(d["reached"] for d in in_week),
                "visits": sum(d["visits"] for d in in_week),
                "emails": sum(d["emails"] for d in in_week),
                "call_days_met": sum(1 for d in in_week if d["calls_target_met"]),
            }
        )
    year_sales = won_total_between(first.replace(month=1, day=1), last, session=session)
    out: dict[str, Any] = {
        "month": first.strftime("%Y-%m"),
        "start": first.isoformat(),
        "end": last.isoformat(),
        "weeks": weeks,
        "totals": totals.to_json(),
        "yearly_target": {
            "target": to_number(settings.yearly_sales_target),
            "sales_to_date": to_number(year_sales),
            "share": round(year_sales / settings.yearly_sales_target, 4)
            if settings.yearly_sales_target
            else None,
            "expected_share": year_elapsed_share(first.year, last, today),
        },
    }
    if settings.attendance_scoring:
        absences = absences_between(first, last, session=session)
        workdays = [
            d
            for d in days
            if is_workday(date.fromisoformat(d["date"])) and date.fromisoformat(d["date"]) <= today
        ]
        out["score"] = attendance_score(
            workdays=len(workdays),
            days_met=sum(1 for d in workdays if d["calls_target_met"]),
            absences=len(absences),
        )
    return out
