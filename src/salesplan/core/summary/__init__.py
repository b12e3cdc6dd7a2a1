"""The weekly and monthly summaries and the weekly report, built from rows the store read for
one period. Pure.

Every result is a frozen dataclass holding dates and integer minor units; ``to_json()`` makes
the contract's JSON (ISO strings, amounts as numbers) at the edge.

By family: ``rows`` (what the store reads for a period), ``totals`` (the days and the totals),
``sections`` (the report's eleven sections), ``week`` (the week's summary and the plan of the
week after), ``month`` (the month's weeks, yearly target and what went wrong). Every name is
importable from here.
"""

from __future__ import annotations

from salesplan.core.summary.month import (
    ContactTargets,
    MonthSummary,
    TargetMissed,
    WeekRow,
    WentWrong,
    YearlyTarget,
    week_rows,
    went_wrong,
)
from salesplan.core.summary.rows import (
    ActivityRow,
    DevelopingContact,
    ExpenseRow,
    FlaggedContact,
    KeyContact,
    NewContact,
    NoteRow,
    PaymentRow,
    PeriodRows,
    WonProject,
)
from salesplan.core.summary.sections import (
    SECTIONS,
    Collections,
    CustomerVisits,
    Expenses,
    KeyCustomers,
    ReportSections,
    SalesVolume,
    ToDevelop,
    Visit,
    build_sections,
)
from salesplan.core.summary.totals import (
    MONEY_TOTALS,
    DaySummary,
    Totals,
    sum_days,
    totals_for,
)
from salesplan.core.summary.week import (
    BookedAppointment,
    FollowupCounts,
    NextWeek,
    PeriodTarget,
    Summary,
    Targets,
    build_summary,
    followup_counts,
    plan_next_week,
    summary_json,
)

__all__ = [
    "ActivityRow",
    "NewContact",
    "WonProject",
    "PaymentRow",
    "ExpenseRow",
    "NoteRow",
    "KeyContact",
    "FlaggedContact",
    "DevelopingContact",
    "PeriodRows",
    "DaySummary",
    "MONEY_TOTALS",
    "Totals",
    "sum_days",
    "totals_for",
    "SECTIONS",
    "Visit",
    "SalesVolume",
    "Collections",
    "CustomerVisits",
    "Expenses",
    "KeyCustomers",
    "ToDevelop",
    "ReportSections",
    "build_sections",
    "Targets",
    "FollowupCounts",
    "followup_counts",
    "BookedAppointment",
    "NextWeek",
    "plan_next_week",
    "PeriodTarget",
    "Summary",
    "build_summary",
    "summary_json",
    "WeekRow",
    "week_rows",
    "YearlyTarget",
    "TargetMissed",
    "WentWrong",
    "went_wrong",
    "ContactTargets",
    "MonthSummary",
]
