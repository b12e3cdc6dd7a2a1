"""Targets and pacing: counted from the log, compared with the settings. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from salesplan.i18n import _, pgettext

if TYPE_CHECKING:
    from salesplan.core.workdays import Workdays


@dataclass(frozen=True)
class Progress:
    day: date
    week_start: date
    week_end: date
    calls_today: int
    reached_today: int
    visits_today: int
    emails_today: int
    calls_target: int
    visits_week: int
    visits_target: int
    visited_customers_week: int
    new_contacts_week: int
    new_contacts_target: int
    potential_contacts_week: int = 0
    potential_contacts_target: int = 0
    # A day off by the workday calendar has no call target: it shows ``—``, as the week does.
    day_off: bool = False

    @property
    def visits_left(self) -> int:
        return max(0, self.visits_target - self.visits_week)

    def short_line(self, day: str | None = None) -> str:
        """``today 13/30 calls · week 9/20 visits``; ``day`` names another day than today. A day
        off has no target to count against: ``today 2/— calls``."""
        return _(
            "{day} {calls}/{calls_target} calls · week {visits}/{visits_target} visits"
        ).format(
            day=day or pgettext("progress", "today"),
            calls=self.calls_today,
            calls_target="—" if self.day_off else self.calls_target,
            visits=self.visits_week,
            visits_target=self.visits_target,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "week": {"start": self.week_start.isoformat(), "end": self.week_end.isoformat()},
            "calls": {
                "done": self.calls_today,
                "reached": self.reached_today,
                "target": self.calls_target,
            },
            "visits_today": self.visits_today,
            "emails_today": self.emails_today,
            "visits_week": {
                "done": self.visits_week,
                "target": self.visits_target,
                "customers": self.visited_customers_week,
            },
            "new_contacts_week": {
                "done": self.new_contacts_week,
                "target": self.new_contacts_target,
            },
            "potential_contacts_week": {
                "done": self.potential_contacts_week,
                "target": self.potential_contacts_target,
            },
        }


def build_progress(
    *,
    day: date,
    week: tuple[date, date],
    today_counts: Mapping[str, int],
    reached_today: int,
    week_counts: Mapping[str, int],
    visited_customers_week: int,
    new_contacts_week: int,
    calls_per_day: int,
    visits_per_week: int,
    new_contacts_per_week: int,
    potential_contacts_week: int = 0,
    potential_contacts_per_week: int = 0,
    workdays: Workdays | None = None,
) -> Progress:
    """Counts against the targets. With a calendar, the call target applies on workdays only
    and the visit target is prorated by the week's workdays."""
    if workdays is not None:
        calls_per_day, visits_per_week = workday_targets(
            day, week, calls_per_day, visits_per_week, workdays
        )
    return Progress(
        day=day,
        week_start=week[0],
        week_end=week[1],
        calls_today=today_counts.get("call", 0),
        reached_today=reached_today,
        visits_today=today_counts.get("visit", 0),
        emails_today=today_counts.get("email", 0),
        calls_target=calls_per_day,
        day_off=workdays is not None and not workdays.is_workday(day),
        visits_week=week_counts.get("visit", 0),
        visits_target=visits_per_week,
        visited_customers_week=visited_customers_week,
        new_contacts_week=new_contacts_week,
        new_contacts_target=new_contacts_per_week,
        potential_contacts_week=potential_contacts_week,
        potential_contacts_target=potential_contacts_per_week,
    )


def workday_targets(
    day: date, week: tuple[date, date], calls_per_day: int, visits_per_week: int, workdays: Workdays
) -> tuple[int, int]:
    """(calls target for ``day``, visits target for ``week``) by the workday calendar: no
    calls expected on a day off or a day absent, half on a half day absent, 20 visits × the
    week's workdays / 5."""
    from salesplan.core.workdays import prorated_weekly_target

    calls = workdays.call_target(day, calls_per_day)
    visits = prorated_weekly_target(visits_per_week, workdays.count(week[0], week[1]))
    return calls, visits


@dataclass(frozen=True)
class CallPace:
    """One call block's share of the calls still needed today."""

    to_go: int
    blocks_left: int
    # This block's share: never more than fit in its minutes at ``minutes_per_call`` each.
    per_block: int
    # The block's minutes over its share: one call every so many minutes.
    minutes_per_call: float | None
    # Calls the blocks left have no room for at the set pace.
    unfit: int = 0

    def text(self) -> str:
        if self.to_go == 0:
            return _("target reached")
        if self.blocks_left == 0:
            return _("{n} to go").format(n=self.to_go)
        every = (
            _(" · one every {minutes} min").format(minutes=f"{self.minutes_per_call:.1f}")
            if self.minutes_per_call
            else ""
        )
        short = (
            _(" · {n} more than the call blocks can hold").format(n=self.unfit)
            if self.unfit
            else ""
        )
        return (
            _("{n} to go · ~{per_block} in this block").format(
                n=self.to_go, per_block=self.per_block
            )
            + every
            + short
        )


def call_pace(to_go: int, block_minutes_left: list[int], minutes_per_call: int) -> list[CallPace]:
    """``to_go`` calls over the call blocks still ahead: one pace per block with minutes left,
    in order. Each block gets a share in proportion to its minutes, and never more calls than
    fit in it at ``minutes_per_call`` each; what fits nowhere is ``unfit``."""
    blocks = [m for m in block_minutes_left if m > 0]
    if to_go <= 0 or not blocks:
        return [CallPace(max(0, to_go), len(blocks), 0, None) for _ in blocks]
    room = [m // max(1, minutes_per_call) for m in blocks]
    shares = [0] * len(blocks)
    # One call at a time to the block that is least loaded for its length (ties: earliest).
    for _n in range(min(to_go, sum(room))):
        best = min(
            (i for i in range(len(blocks)) if shares[i] < room[i]),
            key=lambda i: ((shares[i] + 1) / blocks[i], i),
        )
        shares[best] += 1
    unfit = to_go - sum(shares)
    return [
        CallPace(to_go, len(blocks), n, minutes / n if n else None, unfit)
        for minutes, n in zip(blocks, shares, strict=True)
    ]
