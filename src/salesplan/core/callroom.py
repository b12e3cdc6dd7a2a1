"""Where a day's calls fit when appointments have taken the call blocks.

The call blocks of the day template are cut around appointments, or displaced altogether; the
calls still to make do not go away. This finds the room left: the call blocks still ahead,
then every free stretch of the working day long enough for a run of calls (field time around
the appointments, or time nothing is planned in), each with how many calls it holds at the
set pace, and says how many calls fit nowhere. Pure: the timetable comes in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from salesplan.core.dates import hhmm
from salesplan.core.template import CALL_KINDS
from salesplan.core.timetable import Timetable

# The shortest stretch worth sitting down to a run of calls in.
CALL_RUN_MINUTES = 15


@dataclass(frozen=True)
class CallGap:
    start: datetime
    end: datetime
    kind: str  # calls (a call block still ahead), field (field time) or free (nothing planned)
    holds: int  # calls it holds at the pace
    planned: int  # of the calls to go, how many to make here

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": hhmm(self.start),
            "end": hhmm(self.end),
            "kind": self.kind,
            "minutes": self.minutes,
            "holds": self.holds,
            "planned": self.planned,
        }


@dataclass(frozen=True)
class CallRoom:
    to_go: int
    minutes_per_call: int
    in_blocks: int  # calls the call blocks still ahead hold
    gaps: tuple[CallGap, ...]  # call blocks first, then the other stretches, in time order
    short: int  # calls that fit nowhere

    @property
    def squeezed(self) -> bool:
        """The call blocks left cannot hold the calls to go: say where they fit."""
        return self.in_blocks < self.to_go

    def to_json(self) -> dict[str, Any]:
        return {
            "to_go": self.to_go,
            "minutes_per_call": self.minutes_per_call,
            "in_call_blocks": self.in_blocks,
            "squeezed": self.squeezed,
            "short": self.short,
            "gaps": [g.to_json() for g in self.gaps],
        }


def _ahead(now: datetime, start: datetime, end: datetime) -> tuple[datetime, datetime] | None:
    begin = max(start, now)
    return (begin, end) if end > begin else None


def call_room(
    timetable: Timetable,
    now: datetime,
    to_go: int,
    *,
    minutes_per_call: int,
    run_minutes: int = CALL_RUN_MINUTES,
) -> CallRoom:
    """The room the rest of the day has for ``to_go`` calls at ``minutes_per_call`` (the
    setting, dialling and notes included): the call blocks ahead take what they hold first, then the other stretches of at least ``run_minutes`` in time order."""
    pace = max(1, minutes_per_call)
    slots = timetable.slots
    blocks: list[CallGap] = []
    # The share the timetable's pace gave each call block (its sheet shows the same number).
    shares: list[int | None] = []
    stretches: list[tuple[datetime, datetime, str]] = []
    for s in slots:
        if s.kind != "block":
            continue
        span = _ahead(now, s.start, s.end)
        if span is None:
            continue
        if s.block_kind in CALL_KINDS:
            minutes = int((span[1] - span[0]).total_seconds() // 60)
            blocks.append(CallGap(span[0], span[1], "calls", minutes // pace, 0))
            shares.append(s.pace.per_block if s.pace is not None else None)
        elif s.block_kind == "field":
            stretches.append((span[0], span[1], "field"))
    # Time nothing is planned in, inside the working day (first slot to the last that is not
    # the evening review).
    working = [s for s in slots if s.block_kind != "review"]
    if working:
        day_start = min(s.start for s in working)
        day_end = max(s.end for s in working)
        taken = sorted((s.start, s.end) for s in slots)
        cursor = day_start
        for start, end in taken:
            if start > cursor:
                span = _ahead(now, cursor, min(start, day_end))
                if span is not None:
                    stretches.append((span[0], span[1], "free"))
            cursor = max(cursor, end)
    in_blocks = sum(b.holds for b in blocks)
    left = to_go
    gaps: list[CallGap] = []
    for b, share in zip(blocks, shares, strict=True):
        n = min(b.holds, max(0, left), share if share is not None else b.holds)
        gaps.append(CallGap(b.start, b.end, b.kind, b.holds, n))
        left -= n
    for start, end, kind in sorted(stretches):
        minutes = int((end - start).total_seconds() // 60)
        if minutes < run_minutes:
            continue
        holds = minutes // pace
        n = min(holds, max(0, left))
        gaps.append(CallGap(start, end, kind, holds, n))
        left -= n
    return CallRoom(
        to_go=to_go,
        minutes_per_call=pace,
        in_blocks=in_blocks,
        gaps=tuple(gaps),
        short=max(0, left),
    )
