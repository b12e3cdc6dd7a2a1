"""Settings and the day template: one setting written, the template read and saved."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from salesplan.core.settings import stored_text
from salesplan.core.template import Template, template_to_toml
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.store.settings import TEMPLATE_KEY, load_template, put_text


def set_setting(key: str, typed: Any, *, session: Session, team: bool = False) -> None:
    """``config set``: ``key`` (already parsed to ``typed``) written. On a team store
    (``team``), a target a manager sets for the connecting role is refused."""
    if team:
        from salesplan.store.team import TARGET_KEYS, target_setter

        manager = target_setter(session=session) if key in TARGET_KEYS else None
        if manager:
            raise BadInput(
                _(
                    "{key} is set by your manager {manager} on this team store (salesplan team target); ask them to change it"
                ).format(key=key, manager=manager)
            )
    put_text(key, stored_text(key, typed), session=session)


def day_template(*, session: Session) -> Template:
    """``config template show``: the day template (the default one until one is saved)."""
    return load_template(session=session)


def save_day_template(template: Template, *, session: Session) -> None:
    """``config template set`` / ``edit``: the checked template saved, as TOML."""
    put_text(TEMPLATE_KEY, template_to_toml(template), session=session)
