"""One company's monthly score: daily work × 70% + attendance × 30% (optional setting)."""

from __future__ import annotations

from typing import Any

ABSENCE_PENALTY = 4  # points per absent day; half a day counts as a day
FULL_PAY_SCORE = 80


def attendance_score(*, workdays: int, days_met: int, absences: int) -> dict[str, Any]:
    """``days_met``: workdays the call target was met, which is what the daily-work score counts."""
    attendance = max(0, 100 - ABSENCE_PENALTY * absences)
    daily = round(100 * days_met / workdays, 1) if workdays else 0.0
    total = round(daily * 0.7 + attendance * 0.3, 1)
    return {
        "daily_work": daily,
        "attendance": attendance,
        "absences": absences,
        "score": total,
        "full_pay": total >= FULL_PAY_SCORE,
    }
