"""The manager's view of a team's week: one row per rep, read from that rep's own week.

A rep's row is built from the very ``Summary`` the rep's ``week`` shows, so the numbers agree
by construction; this module only picks the team's columns out of it and raises the flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from salesplan.core.board import StageRow
from salesplan.core.followups import DueItem
from salesplan.core.money import to_number
from salesplan.core.summary import DaySummary, FollowupCounts, MonthSummary, Summary

# Flags are enumerated values (English in JSON, always); their words are for people.
FLAGS = ("calls_target_missed", "visits_target_missed", "key_untouched", "overdue_followups")
MONEY = ("sales", "collections", "expenses")
SUMMED = (
    "calls",
    "days_call_target_met",
    "workdays",
    "visits",
    "visits_target",
    "new_contacts",
    "followups_missed",
    "followups_open",
    "followups_overdue",
    *MONEY,
)


@dataclass(frozen=True)
class FlagRules:
    untouched_days: int = 14  # a key customer with no real contact for this long
    overdue_over: int = 5  # more overdue follow-ups than this


@dataclass
class RepWeek:
    rep: str
    summary: Summary
    today: date
    key_last_contact: list[tuple[str, date | None]] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)
    targets: dict[str, Any] = field(default_factory=dict)  # the rep's own, as their week counts
    due: list[DueItem] = field(default_factory=list)  # the follow-ups the week counted

    def workdays(self) -> list[DaySummary]:
        return [d for d in self.summary.days if d.workday]

    def row(self, rules: FlagRules) -> dict[str, Any]:
        s, t = self.summary, self.summary.totals
        workdays = self.workdays()
        over = self.today > s.end
        # A day still in progress is not missed yet; a day off never is.
        missed_days = [d for d in workdays if not d.calls_target_met and d.day < self.today]
        as_of = min(self.today, s.end)
        untouched = [
            name
            for name, last in self.key_last_contact
            if last is None or (as_of - last).days > rules.untouched_days
        ]
        followups = s.followups or FollowupCounts()
        overdue = followups.overdue_total
        flags = []
        if missed_days:
            flags.append("calls_target_missed")
        if over and t.visits < s.targets.visits_per_week:
            flags.append("visits_target_missed")
        if untouched:
            flags.append("key_untouched")
        if overdue > rules.overdue_over:
            flags.append("overdue_followups")
        return {
            "rep": self.rep,
            # The name people read: the roster's display name (or the rep's own name setting),
            # else the role.
            "name": s.salesperson or self.rep,
            "calls": t.calls,
            "days_call_target_met": sum(1 for d in workdays if d.calls_target_met),
            "workdays": len(workdays),
            "visits": t.visits,
            "visits_target": s.targets.visits_per_week,
            "new_contacts": t.new_contacts,
            "followups_missed": followups.missed,
            "followups_open": followups.open,
            "followups_overdue": overdue,
            "sales": to_number(t.sales),
            "collections": to_number(t.collections),
            "expenses": to_number(t.expenses),
            "flags": flags,
            "targets": self.targets,
            "call_days_missed": [d.day.isoformat() for d in missed_days],
            "key_untouched": untouched,
            "comments": [
                {"author": c["author"], "text": c["text"], "at": c["at"]} for c in self.comments
            ],
        }


@dataclass
class TeamWeek:
    week: str
    start: date
    end: date
    reps: list[RepWeek]
    rules: FlagRules

    def rows(self) -> list[dict[str, Any]]:
        return [r.row(self.rules) for r in self.reps]

    def to_json(self) -> dict[str, Any]:
        rows = self.rows()
        total: dict[str, Any] = {"reps": len(rows)}
        for key in SUMMED:
            value = sum(r[key] for r in rows)
            total[key] = round(value, 2) if isinstance(value, float) else value
        total["flagged_reps"] = sum(1 for r in rows if r["flags"])
        return {
            "week": self.week,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "rules": {
                "untouched_days": self.rules.untouched_days,
                "overdue_over": self.rules.overdue_over,
            },
            "reps": rows,
            "total": total,
        }


# The month's totals a team month adds up over its reps (money in minor units until shown).
MONTH_SUMMED = (
    "calls",
    "call_days_met",
    "visits",
    "new_contacts",
    "potential_contacts",
    "sales",
    "collections",
    "expenses",
)


@dataclass
class TeamMonth:
    """Each rep's month, as their own ``month`` shows it, side by side."""

    month: str
    first: date
    last: date
    reps: list[tuple[str, MonthSummary]]
    names: dict[str, str] = field(default_factory=dict)  # the roster's display names

    def to_json(self) -> dict[str, Any]:
        total: dict[str, Any] = {"reps": len(self.reps)}
        for key in MONTH_SUMMED:
            value = sum(getattr(m.totals, key) for _rep, m in self.reps)
            total[key] = to_number(value) if key in MONEY else value
        return {
            "month": self.month,
            "start": self.first.isoformat(),
            "end": self.last.isoformat(),
            "reps": [
                {"rep": rep, "name": self.names.get(rep, rep), **m.to_json()}
                for rep, m in self.reps
            ],
            "total": total,
        }


@dataclass(frozen=True)
class RepPipeline:
    rep: str
    stages: list[StageRow]  # every open stage, in the pipeline's order
    name: str | None = None  # the roster's display name

    @property
    def projects(self) -> int:
        return sum(s.projects for s in self.stages)

    @property
    def amount(self) -> int:
        return sum(s.amount for s in self.stages)

    def to_json(self) -> dict[str, Any]:
        return {
            "rep": self.rep,
            "name": self.name or self.rep,
            "stages": {
                s.stage: {"projects": s.projects, "amount": to_number(s.amount)}
                for s in self.stages
            },
            "projects": self.projects,
            "amount": to_number(self.amount),
        }


@dataclass(frozen=True)
class TeamPipeline:
    """Open projects by stage per rep (won and lost are closed)."""

    stages: tuple[str, ...]
    reps: list[RepPipeline]

    def stage_totals(self) -> list[StageRow]:
        return [
            StageRow(
                stage,
                sum(s.projects for r in self.reps for s in r.stages if s.stage == stage),
                sum(s.amount for r in self.reps for s in r.stages if s.stage == stage),
            )
            for stage in self.stages
        ]

    def to_json(self) -> dict[str, Any]:
        totals = self.stage_totals()
        return {
            "stages": list(self.stages),
            "reps": [r.to_json() for r in self.reps],
            "total": {
                "stages": {
                    s.stage: {"projects": s.projects, "amount": to_number(s.amount)} for s in totals
                },
                "projects": sum(s.projects for s in totals),
                "amount": to_number(sum(s.amount for s in totals)),
            },
        }
