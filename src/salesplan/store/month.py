"""The month at a glance: a row per week, the yearly sales target, the attendance score."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from salesplan.core.dates import month_end, week_bounds, week_label
from salesplan.core.money import to_number
from salesplan.core.scoring import attendance_score
from salesplan.core.settings import Settings
from salesplan.core.summary import totals_for
from salesplan.models import Absence, Project
from salesplan.store.summary import period_rows


def month_summary(
    first: date, today: date, settings: Settings, *, session: Session
) -> dict[str, Any]:
    last = month_end(first)
    rows = period_rows(first, last, settings, session=session, full=False)
    totals, days = totals_for(rows, first, last, settings.calls_per_day)
    weeks = []
    start = week_bounds(first, settings.week_start_index)[0]
    while start <= last:
        end = start + timedelta(days=6)
        in_month = [
            d
            for d in days
            if max(start, first).isoformat() <= d["date"] <= min(end, last).isoformat()
        ]
        weeks.append(
            {
                "week": week_label(start),
                "start": max(start, first).isoformat(),
                "end": min(end, last).isoformat(),
                "calls": sum(d["calls"] for d in in_month),
                "reached": sum(d["reached"] for d in in_month),
                "visits": sum(d["visits"] for d in in_month),
                "emails": sum(d["emails"] for d in in_month),
                "call_days_met": sum(1 for d in in_month if d["calls_target_met"]),
            }
        )
        start += timedelta(days=7)
    year_start = first.replace(month=1, day=1)
    year_sales = int(
        session.exec(
            select(func.coalesce(func.sum(Project.amount), 0)).where(
                Project.stage == "won",
                col(Project.won_date) >= year_start,
                col(Project.won_date) <= last,
            )
        ).one()
    )
    elapsed = (min(last, today) - year_start).days + 1 if today >= year_start else 0
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
            "expected_share": round(max(0, elapsed) / 365, 4),
        },
    }
    if settings.attendance_scoring:
        absences = session.exec(
            select(Absence).where(Absence.on >= first, Absence.on <= last)
        ).all()
        workdays = [
            d
            for d in days
            if date.fromisoformat(d["date"]).weekday() < 5 and d["date"] <= today.isoformat()
        ]
        out["score"] = attendance_score(
            workdays=len(workdays),
            days_met=sum(1 for d in workdays if d["calls_target_met"]),
            absences=len(absences),
        )
    return out
