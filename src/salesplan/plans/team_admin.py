"""The team's writes: the administrator sets a team store up, adds reps and hands a leaving
rep's customers over; a manager sets their reps' targets and comments on their weeks.

Each takes a session the CLI opened on the team store (``open_team`` refuses any other) and
plain values, and says what it did; the role names it is given are checked here first."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from salesplan.core.settings import Settings, parse_setting, stored_text
from salesplan.core.validate import clean_text
from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.store.engine import ServerStore, Store
from salesplan.store.team import (
    DISPLAY_NAME_LIMIT,
    MANAGER_GROUP,
    REP_GROUP,
    check_role_name,
    members,
    my_reps,
    put_comment,
    require_team,
    set_display_name,
    set_targets,
)

# What a role name made from a display name's pinyin must look like to be offered.
ROLE_GUESS = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


def open_team(*, session: Session) -> None:
    """Refuse (exit 2) a session that is not on a team store, or one before ``team init``."""
    require_team(session=session)


def role_name(name: str, what: str = "rep") -> str:
    """``name`` as a role name of the team (stripped), or refused with what a role name is."""
    return check_role_name(name, what)


@dataclass(frozen=True)
class TeamSetUp:
    tables: list[str]  # the tables now under row-level security
    reps: str  # the group role of every rep and manager
    managers: str  # the group role of the managers


def set_up_team(*, session: Session) -> TeamSetUp:
    """The team's schema, roles and row-level security (``team init``; safe to run again)."""
    from salesplan.store.team_setup import set_up_team as set_up

    return TeamSetUp(set_up(session=session), REP_GROUP, MANAGER_GROUP)


def team_members(*, session: Session) -> list[dict[str, Any]]:
    """Everyone in the team: role, name, manager, whether they manage and how many reps."""
    return members(session=session)


@dataclass(frozen=True)
class NewRep:
    """A rep to add, checked: role names, and the name people read (None: not given)."""

    rep: str
    manager: str | None
    display: str | None  # as given (None: --name not given; '' clears it)
    name: str | None  # the display name cleaned (None: shown by the role name)


def check_new_rep(name: str, manager: str | None, display: str | None) -> NewRep:
    """The rep ``name`` (and their ``manager``) checked before anything is written."""
    _refuse_unicode_role(name, "rep", display)
    if manager:
        _refuse_unicode_role(manager, "manager", None)
    readable = None if display is None else clean_text(display, "name", limit=DISPLAY_NAME_LIMIT)
    rep = check_role_name(name)
    boss = check_role_name(manager, "manager") if manager else None
    if boss == rep:
        raise BadInput(_("a rep cannot be their own manager"))
    return NewRep(rep, boss, display, readable)


def _refuse_unicode_role(given: str, what: str, display: str | None) -> None:
    """A role name in Chinese (张丽) is refused with the role name and --name to use instead."""
    text = given.strip()
    if text.isascii():
        return
    from salesplan.core.searchkeys import readings

    heard = readings(text)
    guess = "".join(heard[0]) if heard else ""
    guess = guess if guess and ROLE_GUESS.match(guess) else "zhangli"
    if what == "rep":
        raise BadInput(
            _(
                "bad rep name {name!r}: role names are lower-case ASCII; use e.g. {role} and --name {shown}"
            ).format(name=text, role=guess, shown=display or text)
        )
    raise BadInput(
        _(
            "bad manager name {name!r}: role names are lower-case ASCII; use e.g. {role} (and team add-rep {role} --name {shown})"
        ).format(name=text, role=guess, shown=text)
    )


@dataclass(frozen=True)
class Added:
    """One role ``add_rep`` added, or found there already."""

    role: str
    what: str  # "manager" or "rep"
    created: bool
    password: str | None  # the new role's password, shown once (None: none set)
    connect: str  # the URL the role connects with, without any password


def add_rep(
    new: NewRep,
    *,
    session: Session,
    now_utc: datetime,
    store: Store | ServerStore,
    no_password: bool = False,
) -> list[Added]:
    """Add ``new.rep`` (and their manager, if new) as login roles of the team, each new role
    with a random password (none with ``no_password``); their manager first."""
    from salesplan.store.team_setup import add_member

    passwords: dict[str, str | None] = {}
    boss, rep = new.manager, new.rep
    if boss:
        password = None if no_password else secrets.token_urlsafe(12)
        if add_member(boss, session=session, now_utc=now_utc, password=password, is_manager=True):
            passwords[boss] = password
    password = None if no_password else secrets.token_urlsafe(12)
    if add_member(rep, session=session, now_utc=now_utc, manager=boss, password=password):
        passwords[rep] = password
    if new.display is not None:
        set_display_name(rep, new.name, session=session)
    assert isinstance(store, ServerStore)  # require_team refused any other store
    return [
        Added(
            role,
            "manager" if role == boss else "rep",
            role in passwords,
            passwords.get(role),
            connect_url(store.url, role),
        )
        for role in (boss, rep)
        if role is not None
    ]


def connect_url(url: str, role: str) -> str:
    """The URL ``role`` connects with: the administrator's, without any password in it."""
    from sqlalchemy.engine import URL, make_url

    from salesplan.store.db import redact

    given = make_url(url)
    made = URL.create(
        given.drivername,
        username=role,
        host=given.host,
        port=given.port,
        database=given.database,
        query={k: v for k, v in given.query.items() if "pass" not in k.lower()},
    )
    return redact(made.render_as_string(hide_password=False))


def remove_rep(leaving: str, taking: str, *, session: Session, retired_on: date) -> dict[str, Any]:
    """``leaving``'s customers go to ``taking``, their history to a departed name, their role
    stops logging in; says how many contacts, projects and to-dos moved, and the name."""
    from salesplan.store.team_handover import hand_over

    return hand_over(leaving, taking, session=session, retired_on=retired_on)


def set_rep_targets(
    rep: str, typed: dict[str, Any], *, session: Session, now_utc: datetime
) -> Settings:
    """The manager sets ``rep``'s targets (settings keys → parsed values); returns them as
    settings, to be shown."""
    stored = {key: stored_text(key, value) for key, value in typed.items()}
    set_targets(rep, stored, now_utc, session=session)
    return Settings(**typed)


def parse_targets(given: dict[str, str | None]) -> dict[str, Any]:
    """The targets given (settings key → text, None: not given), parsed."""
    return {key: parse_setting(key, raw) for key, raw in given.items() if raw is not None}


def comment_on_week(
    rep: str, week: str, body: str, *, session: Session, today: date, now_utc: datetime
) -> str:
    """The manager's comment ``body`` on ``rep``'s ``week`` (replacing their earlier one);
    returns the week's label."""
    from salesplan.core.dates import parse_week, week_label

    label = week_label(parse_week(week, today, past=True))
    if rep not in my_reps(session=session):
        raise BadInput(
            _("{rep} is not one of your reps: only their manager comments").format(rep=rep)
        )
    put_comment(rep, label, body, now_utc, session=session)
    return label
