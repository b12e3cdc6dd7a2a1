"""One company's monthly score: daily work × 70% + attendance × 30% (optional setting)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ABSENCE_PENALTY = 4  # points per absent day; half a day counts as a day
FULL_PAY_SCORE = 80


@dataclass(frozen=True)
class Score:
    daily_work: float
    attendance: int
    absences: int
    score: float

    @property
    def full_pay(self) -> bool:
        return self.score >= FULL_PAY_SCORE

    def to_json(self) -> dict[str, Any]:
        return {
            "daily_work": self.daily_work,
            "attendance": self.attendance,
            "absences": self.absences,
            "score": self.score,
            "full_pay": self.full_pay,
        }


def attendance_score(*, workdays: int, days_met: int, absences: int) -> Score:
    """``days_met``: workdays the call target was met, which is what the daily-work score counts."""
    attendance = max(0, 100 - ABSENCE_PENALTY * absences)
    daily = round(100 * days_met / workdays, 1) if workdays else 0.0
    total = round(daily * 0.7 + attendance * 0.3, 1)
    return Score(daily_work=daily, attendance=attendance, absences=absences, score=total)
