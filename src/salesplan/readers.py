"""Readers for formats that need a library: vCard contacts (vobject) and calendar events
(icalendar), bounded like the CSV reader in ``core.interchange``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from salesplan.core.interchange import MAX_OCCURRENCES, Record, decode
from salesplan.errors import BadInput


def vcard_contacts(text: str, what: str) -> Iterator[Record]:
    import vobject

    if "BEGIN:VCARD" not in text.upper():
        raise BadInput(f"{what} holds no vCard (no BEGIN:VCARD)")
    if text.upper().count("BEGIN:VCARD") != text.upper().count("END:VCARD"):
        raise BadInput(f"{what} is truncated: a vCard has no END:VCARD")
    try:
        cards = list(vobject.readComponents(text, validate=False))
    except Exception as exc:  # noqa: BLE001 - vobject raises several kinds on bad input
        raise BadInput(f"{what} is not a readable vCard file: {_first_line(exc)}") from None
    for n, card in enumerate(cards, 1):
        if card.name.upper() != "VCARD":
            continue

        def value(key: str, card=card) -> str | None:
            item = card.contents.get(key)
            if not item:
                return None
            raw = item[0].value
            if key == "org" and isinstance(raw, list):
                raw = " ".join(raw)
            if key == "adr":
                raw = " ".join(str(p) for p in (raw.street, raw.city, raw.region) if p)
            return str(raw).strip() or None

        name = value("fn")
        if not name and card.contents.get("n"):
            n_value = card.contents["n"][0].value
            name = f"{n_value.family}{n_value.given}".strip() or None
        fields = {
            "name": name,
            "phone": value("tel"),
            "email": value("email"),
            "company": value("org"),
            "address": value("adr"),
            "notes": value("note"),
        }
        yield Record(
            f"vCard {n}" + (f" ({name})" if name else ""), {k: v for k, v in fields.items() if v}
        )


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    start: datetime  # aware
    minutes: int
    location: str | None
    status: str


def calendar_events(
    data: bytes, what: str, window: tuple[date, date], tz: tzinfo
) -> list[CalendarEvent]:
    """VEVENTs, recurring ones expanded inside ``window`` and capped, all-day ones skipped."""
    from dateutil.rrule import rrulestr
    from icalendar import Calendar

    text = decode(data, what)
    if "BEGIN:VCALENDAR" not in text.upper():
        raise BadInput(f"{what} is not an iCalendar file (no BEGIN:VCALENDAR)")
    if "END:VCALENDAR" not in text.upper():
        raise BadInput(f"{what} is truncated: no END:VCALENDAR")
    try:
        cal = Calendar.from_ical(text)
    except Exception as exc:  # noqa: BLE001 - icalendar raises ValueError and others
        raise BadInput(f"{what} is not a readable calendar: {_first_line(exc)}") from None
    first = datetime.combine(window[0], datetime.min.time(), tz)
    last = datetime.combine(window[1], datetime.min.time(), tz)
    out: list[CalendarEvent] = []
    for n, ev in enumerate(cal.walk("VEVENT"), 1):
        uid = str(ev.get("uid") or f"event-{n}")
        try:
            start = ev.decoded("dtstart")
        except KeyError:
            raise BadInput(f"{what} event {uid}: no DTSTART") from None
        except (ValueError, TypeError):
            raise BadInput(f"{what} event {uid}: DTSTART is not a date or date-time") from None
        if not isinstance(start, date):
            raise BadInput(f"{what} event {uid}: DTSTART is not a date or date-time")
        if not isinstance(start, datetime):
            continue  # all-day entries (holidays, birthdays) are not appointments
        if start.tzinfo is None:
            start = start.replace(tzinfo=tz)
        if ev.get("dtend") is not None:
            end = ev.decoded("dtend")
            end = (
                end.replace(tzinfo=tz) if isinstance(end, datetime) and end.tzinfo is None else end
            )
            minutes = int((end - start).total_seconds() // 60) if isinstance(end, datetime) else 60
        elif ev.get("duration") is not None:
            minutes = int(ev.decoded("duration").total_seconds() // 60)
        else:
            minutes = 60
        minutes = max(1, min(minutes, 24 * 60))
        title = str(ev.get("summary") or "").strip() or "(no title)"
        location = str(ev.get("location") or "").strip() or None
        status = "cancelled" if str(ev.get("status") or "").upper() == "CANCELLED" else "planned"
        starts = [start]
        if ev.get("rrule") is not None:
            rule_text = ev["rrule"].to_ical().decode()
            try:
                rule = rrulestr(f"RRULE:{rule_text}", dtstart=start)
            except (ValueError, TypeError) as exc:
                raise BadInput(f"{what} event {uid}: bad RRULE {rule_text!r}: {exc}") from None
            starts = []
            for occurrence in rule.xafter(
                first - timedelta(seconds=1), count=MAX_OCCURRENCES + 1, inc=True
            ):
                if occurrence >= last or len(starts) == MAX_OCCURRENCES:
                    break
                starts.append(occurrence)
        for s in sorted(set(starts)):  # a degenerate RRULE (INTERVAL=0) repeats one instant
            if first <= s < last:
                key = (
                    uid
                    if len(starts) == 1 and ev.get("rrule") is None
                    else f"{uid}/{s.isoformat()}"
                )
                out.append(CalendarEvent(key, title, s, minutes, location, status))
    return out


def _first_line(exc: Exception) -> str:
    lines = str(exc).splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]
