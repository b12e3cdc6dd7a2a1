"""Records → the contract's JSON objects (local times, amounts as numbers)."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from salesplan.core.dates import iso_minute, to_local
from salesplan.core.money import to_number


def contact_json(
    c: Any,
    full: bool = False,
    phones: list[tuple[str, str]] | None = None,
    emails: list[str] | None = None,
) -> dict[str, Any]:
    """The contract's keys; with ``phones`` (number, kind) and ``emails``, every number and
    address the contact has as ``phones`` and ``emails`` (its phone and email first)."""
    out: dict[str, Any] = {
        "id": c.id,
        "name": c.name,
        "company": c.company,
        "phone": c.phone,
        "email": c.email,
        "area": c.area,
        "tier": c.tier,
        "status": c.status,
    }
    if full:
        out.update(
            address=c.address,
            business=c.business,
            needs=c.needs,
            decision_maker=c.decision_maker,
            interests=c.interests,
            notes=c.notes,
            flags=[f for f in ("credit", "abnormal") if getattr(c, f"flag_{f}")],
            flag_note=c.flag_note,
            archived=c.archived,
            next=c.next_date.isoformat() if c.next_date else None,
        )
    if phones is not None:
        out["phones"] = [{"number": number, "kind": kind} for number, kind in phones]
    if emails is not None:
        out["emails"] = list(emails)
    return out


def local_iso(value: Any, tz: tzinfo) -> str | None:
    return iso_minute(to_local(value, tz)) if value is not None else None


def appointment_json(a: Any, contact_name: str | None, tz: tzinfo) -> dict[str, Any]:
    return {
        "id": a.id,
        "contact_id": a.contact_id,
        "contact": contact_name,
        "title": a.title,
        "start": local_iso(a.start, tz),
        "minutes": a.minutes,
        "travel": a.travel,
        "buffer": a.buffer,
        "area": a.area,
        "location": a.location,
        "status": a.status,
    }


def activity_json(a: Any, contact_name: str | None, tz: tzinfo) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind,
        "at": local_iso(a.at, tz),
        "contact_id": a.contact_id,
        "contact": contact_name,
        "outcome": a.outcome,
        "note": a.note,
        "next": a.next_date.isoformat() if a.next_date else None,
        "minutes": a.minutes,
        "appointment_id": a.appointment_id,
        "template": a.template,
    }


def project_json(p: Any, contact_name: str | None = None) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "contact_id": p.contact_id,
        "contact": contact_name,
        "stage": p.stage,
        "amount": to_number(p.amount),
        "bid_date": p.bid_date.isoformat() if p.bid_date else None,
        "stage_since": p.stage_since.isoformat() if p.stage_since else None,
        "won_date": p.won_date.isoformat() if p.won_date else None,
    }


def expense_json(e: Any) -> dict[str, Any]:
    return {
        "id": e.id,
        "amount": to_number(e.amount),
        "category": e.category,
        "date": e.on.isoformat(),
        "contact_id": e.contact_id,
        "project_id": e.project_id,
        "note": e.note,
    }


def note_json(n: Any) -> dict[str, Any]:
    return {
        "id": n.id,
        "kind": n.kind,
        "text": n.text,
        "date": n.on.isoformat(),
        "contact_id": n.contact_id,
    }
