"""Reading whole tables for export, as plain rows in local time."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from sqlmodel import Session, col, select

from salesplan.core.dates import iso_minute, to_local
from salesplan.core.money import to_number
from salesplan.models import Activity, Appointment, Contact, Project

TABLES = {"contacts": Contact, "log": Activity, "appointments": Appointment, "projects": Project}
_MONEY = {"amount"}


def _plain(value: Any, key: str, tz: tzinfo) -> Any:
    if isinstance(value, datetime):
        return iso_minute(to_local(value, tz))
    if isinstance(value, date):
        return value.isoformat()
    if key in _MONEY and isinstance(value, int):
        return to_number(value)
    return value


def dump(names: list[str], tz: tzinfo, *, session: Session) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        model = TABLES[name]
        columns = list(model.__table__.columns.keys())  # type: ignore[attr-defined]
        rows = session.exec(select(model).order_by(col(model.id))).all()  # type: ignore[attr-defined]
        out[name] = [{c: _plain(getattr(r, c), c, tz) for c in columns} for r in rows]
    return out
