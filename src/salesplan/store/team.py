"""The team on a PostgreSQL store: role names, who manages whom, whose rows a session looks
at (``view_as``), the roster, targets and comments.

PostgreSQL itself decides who sees what (the policies are set up by ``store.team_setup``): a
manager reads (never changes) the rows of one of their reps, and only while the transaction
names that rep in ``salesplan.view_as``. So a manager's own commands show the manager's own
records, and the team commands look at one rep at a time, through exactly the queries the
rep's own commands run. A rep who leaves is handed over by ``store.team_handover``.

The manager's comments on a rep's week live in ``team_comment``: the rep reads those on their
own weeks, the manager writes them for their own reps only.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, text
from sqlmodel import Session

from salesplan.errors import BadInput, StoreError
from salesplan.i18n import _

REP_GROUP = "salesplan_rep"  # every rep and manager: may use the tables, sees what RLS allows
MANAGER_GROUP = "salesplan_manager"  # the managers
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# A departed rep's history is owned by ``NAME~DATE``, a name no login role can be given (see
# check_role_name), so whoever is given the role name next starts empty.
DEPARTED = "~"
DEPARTED_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}~\d{4}-\d{2}-\d{2}(~\d+)?$")
VIEW_AS = "salesplan.view_as"


def check_role_name(name: str, what: str = "rep") -> str:
    name = name.strip()
    if not ROLE_NAME.match(name):
        raise BadInput(
            _(
                "bad {what} name {name!r}: use lower-case letters, digits and _ (a PostgreSQL role name, starting with a letter), at most 63"
            ).format(what=what, name=name)
        )
    if name.startswith("pg_") or name in (REP_GROUP, MANAGER_GROUP, "public"):
        raise BadInput(_("{name!r} is a reserved role name; choose another").format(name=name))
    return name


def _sql(session: Session) -> Any:
    """psycopg's SQL composition, for the statements that take no parameters (CREATE ROLE)."""
    from psycopg import sql

    return sql


def _run_composed(session: Session, statement: Any) -> None:
    raw: Any = session.connection().connection.dbapi_connection  # psycopg's own connection
    with raw.cursor() as cur:
        cur.execute(statement)


# Where a session remembers the team's tables and columns it has found (a table or column
# found stays for the command; one missing is asked again, as ``team init`` may add it).
_FOUND_KEY = "salesplan.team_schema"


def _found(what: str, query: str, session: Session) -> bool:
    """Whether the schema has ``what`` (``query`` returns a row saying so): asked once per
    session, as every rep's week asks it again."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return False
    found: set[str] = session.info.setdefault(_FOUND_KEY, set())
    if what in found:
        return True
    row = conn.exec_driver_sql(query).first()
    if row is None or not row[0]:
        return False
    found.add(what)
    return True


def is_team_store(*, session: Session) -> bool:
    return _found("team_member", "SELECT to_regclass('team_member') IS NOT NULL", session)


def require_team(*, session: Session) -> None:
    if session.connection().dialect.name != "postgresql":
        raise BadInput(
            _("team commands work on a team store: give --db postgresql://ROLE@HOST:PORT/DBNAME")
        )
    if not is_team_store(session=session):
        raise BadInput(
            _("this database has no team yet: an administrator runs salesplan team init")
        )


def role_exists(name: str, *, session: Session) -> bool:
    return bool(
        session.connection()
        .execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
        .first()
    )


def team_group(*, session: Session) -> str:
    """The group role of this database's team: the one role granted CONNECT on it."""
    import hashlib

    database = str(session.connection().exec_driver_sql("SELECT current_database()").scalar())
    name = f"salesplan_team_{database}"
    if len(name) > 63 or not ROLE_NAME.match(name):
        name = "salesplan_team_" + hashlib.sha256(database.encode()).hexdigest()[:24]
    return name


def members(*, session: Session) -> list[dict[str, Any]]:
    """Everyone in the team: role, manager, whether they manage, how many reps they have."""
    rows = (
        session.connection()
        .execute(
            text(
                # A role dropped from the server is still on the roster (their records
                # are): it manages no one now, and pg_has_role would fail on its name.
                "SELECT m.rep, m.manager,"
                " CASE WHEN r.oid IS NULL THEN false"
                " ELSE pg_has_role(r.oid, :mgr, 'MEMBER') END AS manages,"
                " (SELECT count(*) FROM team_member x WHERE x.manager = m.rep) AS reps"
                " FROM team_member m LEFT JOIN pg_roles r ON r.rolname = m.rep ORDER BY m.rep"
            ),
            {"mgr": MANAGER_GROUP},
        )
        .all()
    )
    names = display_names(session=session)
    return [
        {
            "role": r[0],
            "name": names.get(r[0]),
            "manager": r[1],
            "is_manager": bool(r[2]),
            "reps": int(r[3]),
        }
        for r in rows
    ]


def my_reps(*, session: Session) -> list[str]:
    """The reps the connecting role manages (not the departed: see archive_rep)."""
    rows = session.connection().exec_driver_sql(
        "SELECT rep FROM team_member WHERE manager = current_user"
        " AND strpos(rep, '~') = 0 ORDER BY rep"
    )
    return [r[0] for r in rows]


def current_role(*, session: Session) -> str:
    return str(session.connection().exec_driver_sql("SELECT current_user").scalar())


def put_comment(rep: str, week: str, body: str, at_utc: datetime, *, session: Session) -> None:
    """The connecting manager's comment on ``rep``'s week (replaces their earlier one)."""
    try:
        session.connection().execute(
            text(
                "INSERT INTO team_comment (rep, week, body, at) VALUES (:rep, :week, :body, :at) "
                "ON CONFLICT (rep, week, author) DO UPDATE SET body = excluded.body, at = excluded.at"
            ),
            {"rep": rep, "week": week, "body": body, "at": at_utc},
        )
    except Exception as exc:
        if "row-level security" in str(exc):
            raise StoreError(
                _("{rep} is not one of your reps: only their manager comments").format(rep=rep)
            ) from None
        raise


def comments_on(week: str, *, session: Session, rep: str | None = None) -> list[dict[str, Any]]:
    """Comments on a week: the connecting rep's own (or, for a manager, on ``rep``)."""
    if not is_team_store(session=session):
        return []
    rows = session.connection().execute(
        text(
            "SELECT author, body, at FROM team_comment WHERE week = :week "
            "AND rep = coalesce(:rep, current_user) ORDER BY at, id"
        ),
        {"week": week, "rep": rep},
    )
    return [{"author": r[0], "text": r[1], "at": r[2]} for r in rows]


# Where a session remembers whose rows it is looking at (``view_as``).
_VIEWED_KEY = "salesplan.viewed"


def view_as(rep: str | None, *, session: Session) -> None:
    """Look at ``rep``'s rows for the rest of this transaction (None: back to one's own)."""
    from sqlalchemy import event

    session.connection().execute(
        text("SELECT set_config(:name, :rep, true)"), {"name": VIEW_AS, "rep": rep or ""}
    )
    session.info[_VIEWED_KEY] = rep or None
    # The setting lasts as long as the transaction: so does the session's note of it.
    if not event.contains(session, "after_transaction_end", _forget_viewed):
        event.listen(session, "after_transaction_end", _forget_viewed)


def _forget_viewed(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_VIEWED_KEY, None)


def viewed_rep(*, session: Session) -> str | None:
    """The rep this session looks at (``view_as``), None when it reads its own rows."""
    rep: str | None = session.info.get(_VIEWED_KEY)
    return rep


def viewed_rows(table: Any, *, session: Session) -> list[Any]:
    """While a manager looks at a rep (``view_as``), the condition "the rep's rows" on
    ``table`` (a model), else nothing (a store of one's own, SQLite: no condition at all).

    Row-level security shows no other rows, so the result is the same; said in the query, it
    lets PostgreSQL read the rep's rows by the table's owner index, where otherwise it filters
    every rep's rows through the policy (the team's whole history, for each rep in turn)."""
    rep = viewed_rep(session=session)
    if not rep:
        return []
    from sqlalchemy import String, literal_column

    # The column is on the server's tables only, not in the models: named by the table (a
    # model's own name, never user input), so the query must not alias that table.
    return [literal_column(table.__tablename__ + ".owner", String) == rep]


def key_contacts_last_real(
    end: date, tz: tzinfo, *, session: Session
) -> list[tuple[str, date | None]]:
    """Every live contact that was a key customer at the end of ``end`` and the local day of
    their last real contact up to then (a kept visit or meeting, an email, a call that reached
    them), None if never."""
    from sqlmodel import col, select

    from salesplan.core.dates import local_day_start, to_local
    from salesplan.models import Activity, Contact
    from salesplan.store.activities import real_contact
    from salesplan.store.contacts import was_key

    until = local_day_start(end + timedelta(days=1), tz)
    # One look-up per key customer by the (contact, time) index: aggregating the whole log
    # first cost half a second a rep on a five-year store. The latest first, one row: with
    # max() PostgreSQL may read every entry of the customer instead of the index backwards.
    last = (
        select(Activity.at)
        .where(col(Activity.contact_id) == Contact.id, col(Activity.at) < until, real_contact())
        .order_by(col(Activity.at).desc())
        .limit(1)
        .correlate(Contact)
        .scalar_subquery()
    )
    rows = session.exec(
        select(Contact.name, last)
        .where(
            was_key(until, session=session),
            col(Contact.created_at) < until,
            col(Contact.archived).is_(False),
        )
        .order_by(Contact.name)
    ).all()
    return [(name, to_local(at, tz).date() if at else None) for name, at in rows]


# The targets a manager sets for each rep on a team store (settings keys; ``team target``).
TARGET_KEYS = (
    "calls_per_day",
    "visits_per_week",
    "new_contacts_per_week",
    "potential_contacts_per_week",
    "yearly_sales_target",
)


def has_targets_table(*, session: Session) -> bool:
    return _found("team_target", "SELECT to_regclass('team_target') IS NOT NULL", session)


def targets_of(*, session: Session) -> dict[str, str]:
    """The targets set for the role being looked at (the rep under ``view_as``, else oneself),
    as stored setting texts; empty on a store without a team."""
    if not has_targets_table(session=session):
        return {}
    rows = session.connection().exec_driver_sql(
        "SELECT key, value FROM team_target WHERE rep = coalesce("
        f"nullif(current_setting('{VIEW_AS}', true), ''), current_user::text)"
    )
    return {str(k): str(v) for k, v in rows}


def target_setter(*, session: Session) -> str | None:
    """Who sets the connecting role's targets on a team store: their manager (None when the
    role has none, or the store has no team)."""
    if not has_targets_table(session=session):
        return None
    row = (
        session.connection()
        .exec_driver_sql("SELECT manager FROM team_member WHERE rep = current_user")
        .first()
    )
    return str(row[0]) if row and row[0] else None


def set_targets(rep: str, values: dict[str, str], at_utc: datetime, *, session: Session) -> None:
    """The connecting manager sets ``rep``'s targets (stored setting texts)."""
    if rep not in my_reps(session=session):
        raise BadInput(
            _("{rep} is not one of your reps: only their manager sets their targets").format(
                rep=rep
            )
        )
    for key, value in values.items():
        session.connection().execute(
            text(
                "INSERT INTO team_target (rep, key, value, at) VALUES (:rep, :key, :value, :at) "
                "ON CONFLICT (rep, key) DO UPDATE SET value = excluded.value, "
                "at = excluded.at, set_by = current_user"
            ),
            {"rep": rep, "key": key, "value": value, "at": at_utc},
        )


def open_projects_by_stage(*, session: Session) -> dict[str, tuple[int, int]]:
    """The role being looked at (the rep under ``view_as``, else oneself): their open projects
    per stage, as (how many, the sum of their amounts in minor units)."""
    from sqlmodel import col, select

    from salesplan.models import OPEN_STAGES, Project

    rows = session.exec(
        select(Project.stage, func.count(), func.coalesce(func.sum(Project.amount), 0))
        .where(col(Project.stage).in_(OPEN_STAGES))
        .group_by(col(Project.stage))
    ).all()
    return {str(stage): (int(n), int(amount or 0)) for stage, n, amount in rows}


def is_departed_name(name: str) -> bool:
    return bool(DEPARTED_NAME.match(name.strip()))


def departed_reps(*, session: Session) -> list[str]:
    """The departed reps of the connecting manager, by their departed names."""
    rows = session.connection().exec_driver_sql(
        "SELECT rep FROM team_member WHERE manager = current_user"
        " AND strpos(rep, '~') > 0 ORDER BY rep"
    )
    return [r[0] for r in rows]


# Display names: the roster's ``name`` column. A team store set up by an older version has no
# such column until ``team init`` runs again or a name is first set, so readers ask first.
DISPLAY_NAME_LIMIT = 60


def _has_display_names(session: Session) -> bool:
    return _found(
        "team_member.name",
        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = 'team_member' AND column_name = 'name'",
        session,
    )


def set_display_name(rep: str, name: str | None, *, session: Session) -> None:
    """The name people read for ``rep`` (None: none, the role name is shown). Run by the
    administrator, who owns the roster."""
    conn = session.connection()
    if not _has_display_names(session):  # a roster set up by an older version
        conn.exec_driver_sql("ALTER TABLE team_member ADD COLUMN IF NOT EXISTS name text")
    conn.execute(
        text("UPDATE team_member SET name = :name WHERE rep = :rep"), {"name": name, "rep": rep}
    )


def display_names(*, session: Session) -> dict[str, str]:
    """Role → display name, for the members of the roster the connecting role may see."""
    if not _has_display_names(session):
        return {}
    rows = session.connection().exec_driver_sql(
        "SELECT rep, name FROM team_member WHERE name IS NOT NULL"
    )
    return {str(r[0]): str(r[1]) for r in rows}


def display_name(role: str, *, session: Session) -> str | None:
    """``role``'s display name, if the roster gives one the connecting role may see."""
    if not _has_display_names(session):
        return None
    row = (
        session.connection()
        .execute(text("SELECT name FROM team_member WHERE rep = :rep"), {"rep": role})
        .first()
    )
    return str(row[0]) if row and row[0] else None
