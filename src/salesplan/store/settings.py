"""Settings and the day template, kept as text in the ``setting`` table."""

from __future__ import annotations

from datetime import tzinfo

from sqlmodel import Session

from salesplan.core.settings import Settings
from salesplan.models import Setting

TEMPLATE_KEY = "day_template"


def load_settings(*, session: Session, system_zone: tzinfo) -> Settings:
    """The stored settings; ``system_zone`` is what timezone = "system" means here."""
    # Every command reads this first: plain SQL skips the ORM's statement compilation.
    rows = dict(session.connection().exec_driver_sql("SELECT key, value FROM setting").all())
    if session.connection().dialect.name == "postgresql":
        # On a team store a rep's targets are their manager's to set.
        from salesplan.store.team import targets_of

        rows.update(targets_of(session=session))
    return Settings.from_stored(rows, system_zone=system_zone)


def get_text(key: str, *, session: Session) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else None


def _put(key: str, text: str, *, session: Session) -> None:
    from salesplan.store.db import upsert

    session.flush()
    upsert(session, Setting, {"key": key, "value": text}, ("key",))
    # A Setting read earlier in this session is now stale.
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Setting) and obj.key == key:
            session.expire(obj)


def put_text(key: str, text: str, *, session: Session) -> None:
    _put(key, text, session=session)


def load_template(*, session: Session) -> dict:
    from salesplan.core.template import default_template, parse_template_toml

    text = get_text(TEMPLATE_KEY, session=session)
    return parse_template_toml(text) if text else default_template()
