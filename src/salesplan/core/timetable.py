"""The buffered daily timetable: appointments first, the day template fitted around them.

Rules (the contract's ``today`` section):

* a non-cancelled appointment at ``start`` owns ``[start - travel - buffer, start)``: a travel
  slot, then a buffer slot, then its own slot carrying ``leave_by``;
* travel defaults to ``travel_minutes``, or ``same_area_travel_minutes`` when the previous
  appointment that day is in the same area; buffer defaults to ``buffer_minutes``;
* template blocks are cut around every appointment window; a piece shorter than
  ``min_block_minutes`` is dropped, and a block that loses everything gets a ``displaced``
  warning;
* two appointments whose windows collide get ``overlap`` (the appointments themselves
  overlap) or ``tight`` (only travel/buffer does);
* an appointment given less slack than ``buffer_minutes`` (``--buffer``) gets ``short-buffer``:
  allowed, the user decides, but said.

Pure: no clock, no store. Times are naive local wall-clock datetimes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from salesplan.core.dates import hhmm
from salesplan.core.settings import Settings
from salesplan.core.targets import CallPace, call_pace
from salesplan.core.template import CALL_KINDS, NOON, Block
from salesplan.i18n import _


@dataclass(frozen=True)
class PlannedAppointment:
    id: int
    start: datetime
    minutes: int
    label: str
    travel: int | None = None
    buffer: int | None = None
    area: str | None = None
    status: str = "planned"
    contact: str | None = None
    company: str | None = None
    phone: str | None = None
    location: str | None = None
    title: str | None = None

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    kind: str  # block | appointment | travel | buffer
    label: str
    appointment_id: int | None = None
    area: str | None = None
    block_kind: str | None = None
    leave_by: datetime | None = None
    pace: CallPace | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": hhmm(self.start),
            "end": hhmm(self.end),
            "kind": self.kind,
            "label": self.label,
            "appointment_id": self.appointment_id,
            "area": self.area,
        }
        if self.block_kind:
            out["block"] = self.block_kind
        if self.leave_by is not None:
            out["leave_by"] = hhmm(self.leave_by)
        if self.pace is not None:
            out["pace"] = {
                "to_go": self.pace.to_go,
                "blocks_left": self.pace.blocks_left,
                "per_block": self.pace.per_block,
                "minutes_per_call": round(self.pace.minutes_per_call, 1)
                if self.pace.minutes_per_call
                else None,
                "unfit": self.pace.unfit,
                "text": self.pace.text(),
            }
        out.update(self.details)
        return out


@dataclass(frozen=True)
class PlanWarning:
    code: str  # overlap | tight | short-buffer | displaced
    message: str
    appointment_ids: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "appointment_ids": list(self.appointment_ids),
        }


def absent_half_warnings(slots: Sequence[Slot], away: str | None) -> list[PlanWarning]:
    """An appointment in the half of the day the person is absent (``morning`` before noon,
    ``afternoon`` from noon): it is still booked, so say so."""
    if away is None:
        return []
    noon = time(NOON // 60, NOON % 60)
    out = []
    for s in slots:
        if s.kind != "appointment":
            continue
        clash = s.start.time() < noon if away == "morning" else s.end.time() > noon
        if clash:
            message = (
                _("{time} {label} is booked in the morning you are absent: move or cancel it")
                if away == "morning"
                else _(
                    "{time} {label} is booked in the afternoon you are absent: move or cancel it"
                )
            ).format(time=hhmm(s.start), label=s.label)
            ids = (s.appointment_id,) if s.appointment_id is not None else ()
            out.append(PlanWarning("absent", message, ids))
    return out


@dataclass(frozen=True)
class Timetable:
    day: date
    slots: list[Slot]
    warnings: list[PlanWarning]
    call_list_index: int | None  # the call-block slot the due list goes under
    free_field_minutes: int  # field time left from ``now`` on


@dataclass(frozen=True)
class _Window:
    appt: PlannedAppointment
    travel: int
    buffer: int

    @property
    def start(self) -> datetime:
        return self.appt.start - timedelta(minutes=self.travel + self.buffer)

    @property
    def end(self) -> datetime:
        return self.appt.end


def appointment_windows(
    appointments: Sequence[PlannedAppointment], settings: Settings
) -> list[_Window]:
    """Each kept appointment with the travel and buffer it gets, in start order."""
    live = sorted(
        (a for a in appointments if a.status != "cancelled"), key=lambda a: (a.start, a.id)
    )
    windows: list[_Window] = []
    previous: PlannedAppointment | None = None
    for appt in live:
        if appt.travel is not None:
            travel = appt.travel
        elif previous is not None and appt.area and previous.area == appt.area:
            travel = settings.same_area_travel_minutes
        else:
            travel = settings.travel_minutes
        buffer = appt.buffer if appt.buffer is not None else settings.buffer_minutes
        windows.append(_Window(appt, travel, buffer))
        previous = appt
    return windows


def _subtract(
    start: datetime, end: datetime, holes: list[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
    pieces = [(start, end)]
    for h_start, h_end in holes:
        nxt = []
        for p_start, p_end in pieces:
            if h_end <= p_start or h_start >= p_end:
                nxt.append((p_start, p_end))
                continue
            if p_start < h_start:
                nxt.append((p_start, h_start))
            if h_end < p_end:
                nxt.append((h_end, p_end))
        pieces = nxt
    return pieces


def _who(appt: PlannedAppointment) -> str:
    return f"#{appt.id} {appt.label}"


def appointment_warnings(windows: Sequence[_Window], settings: Settings) -> list[PlanWarning]:
    """What the appointments break of the rule "travel plus at least ``buffer_minutes`` of
    slack before each": a buffer set under it (allowed: the user decides, but is told), and
    two appointments whose windows collide (``overlap``, or ``tight`` when only the travel and
    buffer do), each pair once."""
    warnings: list[PlanWarning] = []
    for w in windows:
        if w.buffer < settings.buffer_minutes:
            warnings.append(
                PlanWarning(
                    "short-buffer",
                    _(
                        "{who} keeps {buffer} min of slack before it, under the {rule} min rule"
                    ).format(who=_who(w.appt), buffer=w.buffer, rule=settings.buffer_minutes),
                    (w.appt.id,),
                )
            )
    for i, first in enumerate(windows):
        for second in windows[i + 1 :]:
            if second.start >= first.end:
                continue
            ids = (first.appt.id, second.appt.id)
            if second.appt.start < first.appt.end:
                warnings.append(
                    PlanWarning(
                        "overlap",
                        _("appointments {first} and {second} overlap").format(
                            first=_who(first.appt), second=_who(second.appt)
                        ),
                        ids,
                    )
                )
            else:
                short = int((first.end - second.start).total_seconds() // 60)
                warnings.append(
                    PlanWarning(
                        "tight",
                        _(
                            "{second} needs you to leave at {leave}, "
                            "{short} min before {first} ends at {end}"
                        ).format(
                            second=_who(second.appt),
                            leave=hhmm(second.start),
                            short=short,
                            first=_who(first.appt),
                            end=hhmm(first.end),
                        ),
                        ids,
                    )
                )

    return warnings


def booking_warnings(
    appointment_id: int, appointments: Sequence[PlannedAppointment], settings: Settings
) -> list[PlanWarning]:
    """The warnings that name one appointment, among its day's: what ``appt add`` says."""
    found = appointment_warnings(appointment_windows(appointments, settings), settings)
    return [w for w in found if appointment_id in w.appointment_ids]


def build_timetable(
    day: date,
    appointments: Sequence[PlannedAppointment],
    blocks: Sequence[Block],
    settings: Settings,
    now: datetime,
    calls_done: int = 0,
    calls_target: int | None = None,
) -> Timetable:
    """The day's slots and warnings. ``calls_done``: calls logged that day before ``now``;
    ``calls_target``: the day's call target (``calls_per_day`` when not given)."""
    windows = appointment_windows(appointments, settings)
    slots = [slot for w in windows for slot in _appointment_slots(w)]
    warnings = appointment_warnings(windows, settings)
    pieces, displaced = _block_pieces(day, blocks, windows, settings)
    warnings += displaced
    target = settings.calls_per_day if calls_target is None else calls_target
    to_go = max(0, target - calls_done) if day >= now.date() else 0
    block_slots, free_field = _block_slots(pieces, windows, settings, now, to_go)
    slots += block_slots
    order = {"travel": 0, "buffer": 1, "appointment": 2, "block": 3}
    slots.sort(key=lambda sl: (sl.start, sl.end, order[sl.kind], sl.appointment_id or 0))
    call_list_index = next((i for i, sl in enumerate(slots) if sl.pace is not None), None)
    warnings.sort(
        key=lambda w: (
            {"overlap": 0, "tight": 1, "short-buffer": 2, "displaced": 3}[w.code],
            w.appointment_ids,
        )
    )
    return Timetable(day, slots, warnings, call_list_index, free_field)


def _appointment_slots(w: _Window) -> list[Slot]:
    """The travel to an appointment, the buffer before it, and the appointment itself."""
    a = w.appt
    slots: list[Slot] = []
    if w.travel:
        slots.append(
            Slot(
                w.start,
                a.start - timedelta(minutes=w.buffer),
                "travel",
                (
                    _("travel to {who} ({area})").format(who=a.label, area=a.area)
                    if a.area
                    else _("travel to {who}").format(who=a.label)
                ),
                a.id,
                a.area,
            )
        )
    if w.buffer:
        slots.append(
            Slot(
                a.start - timedelta(minutes=w.buffer),
                a.start,
                "buffer",
                _("buffer before {who}").format(who=a.label),
                a.id,
                a.area,
            )
        )
    details = {
        k: v
        for k, v in (
            ("contact", a.contact),
            ("company", a.company),
            ("phone", a.phone),
            ("location", a.location),
            ("title", a.title),
        )
        if v
    }
    slots.append(
        Slot(
            a.start, a.end, "appointment", a.label, a.id, a.area, leave_by=w.start, details=details
        )
    )
    return slots


def _block_pieces(
    day: date, blocks: Sequence[Block], windows: Sequence[_Window], settings: Settings
) -> tuple[list[tuple[Block, datetime, datetime]], list[PlanWarning]]:
    """What is left of each block around the appointments (pieces under ``min_block_minutes``
    dropped), and a warning for each block the appointments displace entirely."""
    midnight = datetime.combine(day, time())
    holes = sorted((w.start, w.end) for w in windows)
    block_pieces: list[tuple[Block, datetime, datetime]] = []
    warnings: list[PlanWarning] = []
    for block in blocks:
        b_start = midnight + timedelta(minutes=block.start)
        b_end = midnight + timedelta(minutes=block.end)
        colliding = [w for w in windows if w.start < b_end and w.end > b_start]
        pieces = _subtract(b_start, b_end, holes)
        kept = [
            (s, e) for s, e in pieces if (e - s) >= timedelta(minutes=settings.min_block_minutes)
        ]
        if colliding and not kept:
            warnings.append(
                PlanWarning(
                    "displaced",
                    _("{block} ({span}) displaced by {who}").format(
                        block=_(block.label),
                        span=f"{hhmm(b_start)}–{hhmm(b_end)}",
                        who=_(", ").join(_who(w.appt) for w in colliding),
                    ),
                    tuple(w.appt.id for w in colliding),
                )
            )
        block_pieces.extend((block, s, e) for s, e in kept)
    return block_pieces, warnings


def _block_slots(
    block_pieces: Sequence[tuple[Block, datetime, datetime]],
    windows: Sequence[_Window],
    settings: Settings,
    now: datetime,
    to_go: int,
) -> tuple[list[Slot], int]:
    """A slot for each piece of a block, and the field minutes still free. The calls to go are
    paced over the call blocks still ahead; field time goes near the appointments, labelled
    with the areas around it."""
    appts_by_time = [w.appt for w in windows]
    call_minutes_left = [
        _minutes_after(now, s, e) for block, s, e in block_pieces if block.kind in CALL_KINDS
    ]
    paces = iter(call_pace(to_go, call_minutes_left, settings.minutes_per_call))
    slots: list[Slot] = []
    free_field = 0
    for block, s, e in block_pieces:
        label = _(block.label)
        area = None
        slot_pace = None
        if block.kind == "field":
            areas = _areas_near(appts_by_time, s, e)
            if areas:
                area = areas[0]
                label = _("{block} · prospect near {areas}").format(
                    block=label, areas=" · ".join(areas)
                )
            free_field += _minutes_after(now, s, e)
        if block.kind in CALL_KINDS and _minutes_after(now, s, e) > 0:
            slot_pace = next(paces)
        slots.append(Slot(s, e, "block", label, None, area, block_kind=block.kind, pace=slot_pace))
    return slots, free_field


def _minutes_after(now: datetime, start: datetime, end: datetime) -> int:
    """Minutes of ``[start, end)`` still ahead of ``now``."""
    begin = max(start, now)
    return max(0, int((end - begin).total_seconds() // 60))


def _areas_near(appts: Sequence[PlannedAppointment], start: datetime, end: datetime) -> list[str]:
    """Areas of the appointments just before and just after a free interval, nearest first."""
    before = [a for a in appts if a.end <= start and a.area]
    after = [a for a in appts if a.start >= end and a.area]
    candidates: list[tuple[timedelta, str]] = []
    if before:
        last = max(before, key=lambda a: a.end)
        candidates.append((start - last.end, last.area or ""))
    if after:
        first = min(after, key=lambda a: a.start)
        candidates.append((first.start - end, first.area or ""))
    if not candidates:
        inside = [a.area for a in appts if a.area]
        return inside[:1]
    areas: list[str] = []
    for _distance, area in sorted(candidates):
        if area not in areas:
            areas.append(area)
    return areas


def visits_that_fit(free_field_minutes: int, visit_minutes: int, travel_minutes: int) -> int:
    """How many more visits the free field time can hold, each with its travel."""
    per_visit = max(1, visit_minutes + travel_minutes)
    return free_field_minutes // per_visit
