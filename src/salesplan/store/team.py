"""The team on a PostgreSQL store: roles, who manages whom, row-level security, comments.

PostgreSQL itself decides who sees what. Every business row carries its ``owner`` (the role
that wrote it, see ``store.schema``); after ``set_up_team`` every such table has two policies:

- ``salesplan_own``: a role reads and writes its own rows, and writes only rows it owns;
- ``salesplan_manager_reads``: a manager reads (never changes) the rows of one of their reps,
  and only while the transaction names that rep in ``salesplan.view_as``. So a manager's own
  commands show the manager's own records, and the team commands look at one rep at a time,
  through exactly the queries the rep's own commands run.

The manager's comments on a rep's week live in ``team_comment``: the rep reads those on their
own weeks, the manager writes them for their own reps only.

The imported holiday notices (``workday_notice``) are the team's calendar, not anyone's own
rows: every role of the team reads them, a manager writes them (and the tables' owner, the
administrator, who is not held to the policies of this table). A rep's own days
(``workday_override``) stay their own and win over the notice.
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

_OWN = (
    "owner = current_user AND "
    f"coalesce(current_setting('{VIEW_AS}', true), '') IN ('', current_user)"
)
_MANAGER_READS = (
    f"owner = current_setting('{VIEW_AS}', true) AND "
    "owner IN (SELECT rep FROM team_member WHERE manager = current_user)"
)
# The connecting role's manager, read past team_member's own policy (a policy on a table may
# not query that table under itself): the rep sees their manager's row of the roster. Inside
# a SECURITY DEFINER function current_user is the definer; session_user is who logged in.
_MY_MANAGER_FUNCTION = (
    "CREATE OR REPLACE FUNCTION salesplan_my_manager() RETURNS text "
    "LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS "
    "$$ SELECT manager FROM team_member WHERE rep = session_user $$"
)

# The team's calendar: read by all, written by managers (the table's owner is exempt: the
# table's row-level security is enabled, not forced).
_NOTICE_TABLE = "workday_notice"
_NOTICE_STATEMENTS = [
    f"GRANT SELECT ON {_NOTICE_TABLE} TO {REP_GROUP}",
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON {_NOTICE_TABLE} TO {MANAGER_GROUP}",
    f"ALTER TABLE {_NOTICE_TABLE} ENABLE ROW LEVEL SECURITY",
    f"DROP POLICY IF EXISTS salesplan_notice_read ON {_NOTICE_TABLE}",
    f"CREATE POLICY salesplan_notice_read ON {_NOTICE_TABLE} FOR SELECT USING (true)",
    f"DROP POLICY IF EXISTS salesplan_notice_write ON {_NOTICE_TABLE}",
    f"CREATE POLICY salesplan_notice_write ON {_NOTICE_TABLE} FOR ALL"
    f" USING (pg_has_role(current_user, '{MANAGER_GROUP}', 'MEMBER'))"
    f" WITH CHECK (pg_has_role(current_user, '{MANAGER_GROUP}', 'MEMBER'))",
]
_TEAM_TABLES = [
    "CREATE TABLE IF NOT EXISTS team_member ("
    " rep text PRIMARY KEY, manager text, added_at timestamptz NOT NULL)",
    # The name people read (张丽) beside the role name (zhangli); set by team add-rep --name.
    "ALTER TABLE team_member ADD COLUMN IF NOT EXISTS name text",
    # The roster: a rep sees themselves and their manager, a manager their reps too.
    "ALTER TABLE team_member ENABLE ROW LEVEL SECURITY",
    _MY_MANAGER_FUNCTION,
    "DROP POLICY IF EXISTS salesplan_roster ON team_member",
    "CREATE POLICY salesplan_roster ON team_member FOR SELECT USING (rep = current_user"
    " OR manager = current_user OR rep = salesplan_my_manager())",
    # Each role's write lock: its own row, which no other role can see, create or lock (see
    # store.engine ServerStore._take_write_lock). No UPDATE of the whole table nor DELETE is
    # granted, so no one may LOCK the table itself in a mode that stops another's upsert.
    "CREATE TABLE IF NOT EXISTS team_writer ("
    " owner text PRIMARY KEY DEFAULT current_user, at timestamptz)",
    "ALTER TABLE team_writer ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE team_writer FORCE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS salesplan_own ON team_writer",
    "CREATE POLICY salesplan_own ON team_writer USING (owner = current_user)"
    " WITH CHECK (owner = current_user)",
    # Each rep's targets, set by their manager: they override the rep's own settings of the
    # same name, which the rep may no longer lower (see targets_of).
    "CREATE TABLE IF NOT EXISTS team_target ("
    " rep text NOT NULL, key text NOT NULL, value text NOT NULL,"
    " set_by text NOT NULL DEFAULT current_user, at timestamptz NOT NULL,"
    " PRIMARY KEY (rep, key))",
    "ALTER TABLE team_target ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE team_target FORCE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS salesplan_target_read ON team_target",
    "CREATE POLICY salesplan_target_read ON team_target FOR SELECT USING (rep = current_user"
    " OR rep IN (SELECT rep FROM team_member WHERE manager = current_user))",
    "DROP POLICY IF EXISTS salesplan_target_write ON team_target",
    "CREATE POLICY salesplan_target_write ON team_target FOR ALL"
    " USING (rep IN (SELECT rep FROM team_member WHERE manager = current_user))"
    " WITH CHECK (set_by = current_user"
    " AND rep IN (SELECT rep FROM team_member WHERE manager = current_user))",
    "CREATE TABLE IF NOT EXISTS team_comment ("
    " id serial PRIMARY KEY, rep text NOT NULL, week text NOT NULL,"
    " author text NOT NULL DEFAULT current_user, body text NOT NULL, at timestamptz NOT NULL,"
    " UNIQUE (rep, week, author))",
    "ALTER TABLE team_comment ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE team_comment FORCE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS salesplan_comment_read ON team_comment",
    "CREATE POLICY salesplan_comment_read ON team_comment FOR SELECT"
    " USING (rep = current_user OR author = current_user)",
    "DROP POLICY IF EXISTS salesplan_comment_write ON team_comment",
    "CREATE POLICY salesplan_comment_write ON team_comment FOR ALL"
    " USING (author = current_user)"
    " WITH CHECK (author = current_user"
    " AND rep IN (SELECT rep FROM team_member WHERE manager = current_user))",
]


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


def _create_group(name: str, *, session: Session) -> None:
    if not role_exists(name, session=session):
        sql = _sql(session)
        _run_composed(session, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))


# Whether the row ``key`` of ``tbl`` is one of the current role's own. SECURITY INVOKER, so the
# look-up runs under the caller's own row-level security: a write may point only at its
# writer's own rows (a manager reading a rep's rows may not point a row of theirs at them). Without it a foreign key, checked by PostgreSQL past every policy, would
# let a rep learn which ids another rep's rows have by which references are accepted.
_VISIBLE_FUNCTION = (
    "CREATE OR REPLACE FUNCTION salesplan_visible(tbl regclass, col text, key bigint) "
    "RETURNS boolean LANGUAGE plpgsql STABLE SECURITY INVOKER AS $$ "
    "DECLARE found boolean; "
    "BEGIN EXECUTE 'SELECT EXISTS (SELECT 1 FROM ' || tbl::text || ' WHERE ' "
    "|| quote_ident(col) || ' = $1 AND owner = current_user)' INTO found USING key; "
    "RETURN found; END $$"
)


def set_up_team(*, session: Session) -> list[str]:
    """Team tables, grants and policies (idempotent); returns the tables now under RLS."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        raise BadInput(
            _("team init sets up a team store on PostgreSQL: give --db postgresql://…/DBNAME")
        )
    _create_group(REP_GROUP, session=session)
    _create_group(MANAGER_GROUP, session=session)
    group = team_group(session=session)
    _create_group(group, session=session)
    for statement in _TEAM_TABLES:
        conn.exec_driver_sql(statement)
    # Roles are the whole server's: only this team's members may connect to its database.
    sql = _sql(session)
    database = sql.Identifier(str(conn.exec_driver_sql("SELECT current_database()").scalar()))
    _run_composed(session, sql.SQL("REVOKE CONNECT ON DATABASE {} FROM PUBLIC").format(database))
    _run_composed(
        session,
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, sql.Identifier(group)),
    )
    for (member,) in conn.exec_driver_sql(
        "SELECT rep FROM team_member WHERE rep IN (SELECT rolname FROM pg_roles)"
    ).all():
        _run_composed(
            session, sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(member))
        )
    return secure_tables(conn)


def team_group(*, session: Session) -> str:
    """The group role of this database's team: the one role granted CONNECT on it."""
    import hashlib

    database = str(session.connection().exec_driver_sql("SELECT current_database()").scalar())
    name = f"salesplan_team_{database}"
    if len(name) > 63 or not ROLE_NAME.match(name):
        name = "salesplan_team_" + hashlib.sha256(database.encode()).hexdigest()[:24]
    return name


def _owned_tables() -> list[Any]:
    from sqlmodel import SQLModel

    from salesplan import models
    from salesplan.store.schema import UNOWNED

    models.load_all()
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in UNOWNED]


def lift_policies_from_owner(conn: Any) -> None:
    """NO FORCE ROW LEVEL SECURITY on every business table there is, in the caller's
    transaction: the tables' owner then reads and rewrites every rep's rows (a schema
    upgrade). ``secure_tables`` forces them again."""
    quote = conn.dialect.identifier_preparer.quote
    present = {
        name
        for (name,) in conn.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
    }
    for table in _owned_tables():
        if table.name in present:
            statement = "ALTER TABLE " + quote(table.name) + " NO FORCE ROW LEVEL SECURITY"
            conn.exec_driver_sql(statement)


def secure_tables(conn: Any) -> list[str]:
    """Grants and the two policies on every business table (idempotent), in the caller's
    transaction: run by ``team init``, and again by a schema upgrade of a team store, so a
    table a new version adds is never left open. Returns the tables now under RLS."""
    quote = conn.dialect.identifier_preparer.quote
    owned = _owned_tables()
    columns: dict[str, list[str]] = {}
    for table_name, column in conn.exec_driver_sql(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
    ):
        columns.setdefault(table_name, []).append(column)

    def writable(table_name: str, *leave_out: str) -> str:
        # Every column but the id: ids come only from the table's sequence, so no one can
        # take, ahead of the sequence, an id another person's next row will be given.
        return ", ".join(
            quote(c) for c in columns.get(table_name, []) if c not in ("id", *leave_out)
        )

    statements = [
        *_TEAM_TABLES,  # a store set up by an older version gets what a new one has
        _VISIBLE_FUNCTION,
        f"GRANT USAGE ON SCHEMA public TO {REP_GROUP}",
        f"REVOKE ALL ON schema_info, team_member, team_comment, team_writer FROM {REP_GROUP}",
        f"GRANT SELECT ON schema_info, team_member TO {REP_GROUP}",
        f"GRANT EXECUTE ON FUNCTION salesplan_my_manager() TO {REP_GROUP}",
        f"GRANT SELECT, DELETE ON team_comment TO {REP_GROUP}",
        f"GRANT INSERT ({writable('team_comment', 'author')}), UPDATE (body, at)"
        f" ON team_comment TO {REP_GROUP}",
        f"GRANT SELECT, INSERT (owner, at), UPDATE (at) ON team_writer TO {REP_GROUP}",
        f"REVOKE ALL ON team_target FROM {REP_GROUP}",
        f"GRANT SELECT, DELETE, INSERT (rep, key, value, at), UPDATE (value, set_by, at)"
        f" ON team_target TO {REP_GROUP}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {REP_GROUP}",
        *_NOTICE_STATEMENTS,
    ]
    for table in owned:
        name = quote(table.name)
        references = "".join(
            f" AND ({quote(fk.parent.name)} IS NULL OR salesplan_visible("
            f"'{quote(fk.column.table.name)}', '{fk.column.name}', {quote(fk.parent.name)}))"
            for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name)
        )
        fields = writable(table.name)
        statements += [
            f"REVOKE ALL ON {name} FROM {REP_GROUP}",
            f"GRANT SELECT, DELETE ON {name} TO {REP_GROUP}",
            f"GRANT INSERT ({fields}), UPDATE ({fields}) ON {name} TO {REP_GROUP}",
            f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {name} FORCE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS salesplan_own ON {name}",
            # Written only as oneself, never while looking at a rep (view_as): a manager
            # reads a rep's rows and comments, never writes a row that points at them.
            f"CREATE POLICY salesplan_own ON {name} USING ({_OWN}) WITH CHECK ({_OWN}{references})",
            f"DROP POLICY IF EXISTS salesplan_manager_reads ON {name}",
            f"CREATE POLICY salesplan_manager_reads ON {name} FOR SELECT USING ({_MANAGER_READS})",
        ]
    for statement in statements:
        conn.exec_driver_sql(statement)
    return [t.name for t in owned]


def add_member(
    name: str,
    *,
    session: Session,
    now_utc: datetime,
    manager: str | None = None,
    password: str | None = None,
    is_manager: bool = False,
) -> bool:
    """Create the login role ``name`` (if new) in the team; True when the role was created."""
    sql = _sql(session)

    def login(verb: str) -> None:
        # verb is ours (CREATE or ALTER); the name and password are quoted by psycopg.
        if password is None:
            statement = sql.SQL(verb + " ROLE {} LOGIN").format(sql.Identifier(name))
        else:
            statement = sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(name), sql.Literal(password)
            )
        _run_composed(session, statement)

    created = not role_exists(name, session=session)
    if created:
        login("CREATE")
    elif _retired(name, session=session):
        # A departed rep's role name given to someone new (their history went to NAME~DATE).
        login("ALTER")
        created = True
    groups = [REP_GROUP, MANAGER_GROUP] if is_manager else [REP_GROUP]
    groups.append(team_group(session=session))
    for group in groups:
        _run_composed(
            session,
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)),
        )
    session.connection().execute(
        text(
            "INSERT INTO team_member (rep, manager, added_at) VALUES (:rep, :manager, :at) "
            "ON CONFLICT (rep) DO UPDATE SET manager = coalesce(excluded.manager, "
            "team_member.manager)"
        ),
        {"rep": name, "manager": manager, "at": now_utc},
    )
    return created


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


def hand_over(
    rep: str, to: str, *, session: Session, retired_on: date | None = None
) -> dict[str, Any]:
    """Hand ``rep``'s customers over to ``to`` in the caller's transaction, and stop ``rep``
    logging in: their contacts (with the search keys, numbers and follow-ups they carry), open projects
    (with their key dates) and open to-dos become ``to``'s; the log, visits, payments and
    closed projects stay ``rep``'s history. Run by the database's owner (the policies are
    lifted from it for the transaction and put back before it commits, as in an upgrade)."""
    conn = session.connection()
    owner = conn.exec_driver_sql(
        "SELECT pg_has_role(current_user, tableowner, 'MEMBER') FROM pg_tables "
        "WHERE schemaname = current_schema() AND tablename = 'contact'"
    ).scalar()
    if not owner:
        raise BadInput(
            _(
                "only the database's owner (the administrator who ran team init) hands a rep's customers over"
            )
        )
    roster = {r[0] for r in conn.exec_driver_sql("SELECT rep FROM team_member").all()}
    for name in (rep, to):
        if name not in roster:
            raise BadInput(
                _("{name} is not in the team (see salesplan team list)").format(name=name)
            )
    if rep == to:
        raise BadInput(_("hand {rep}'s customers to someone else").format(rep=rep))
    if not role_exists(to, session=session):
        raise BadInput(_("{name} can no longer log in: choose another").format(name=to))
    lift_policies_from_owner(conn)
    moved: dict[str, Any] = {}

    def move(table: str, where: str, ids: list[int] | None = None) -> list[int]:
        # Table names and conditions are our own; the names and ids are bound.
        statement = "UPDATE " + table + " SET owner = :to WHERE owner = :rep AND " + where
        rows = conn.execute(
            text(statement + " RETURNING id"), {"to": to, "rep": rep, "ids": ids or []}
        ).all()
        return [int(r[0]) for r in rows]

    contacts = move("contact", "TRUE")
    # What the contacts are found and reached by, and their tier and status history (the
    # key and new customers of the weeks ahead are read from these rows), go with them.
    for table in ("contact_key", "contact_point", "contact_tier", "contact_status"):
        conn.execute(
            text("UPDATE " + table + " SET owner = :to WHERE owner = :rep"), {"to": to, "rep": rep}
        )
    projects = move("project", "stage NOT IN ('won', 'lost')")
    if projects:
        conn.execute(
            text(
                "UPDATE project_date SET owner = :to WHERE owner = :rep AND project_id = ANY(:ids)"
            ),
            {"to": to, "rep": rep, "ids": projects},
        )
    todos = move(
        "todo", "done_at IS NULL AND (project_id IS NULL OR project_id = ANY(:ids))", projects
    )
    moved.update(contacts=len(contacts), projects=len(projects), todos=len(todos))
    if retired_on is not None:
        moved["departed"] = archive_rep(rep, retired_on, session=session)
    secure_tables(conn)
    if role_exists(rep, session=session):
        sql = _sql(session)
        _run_composed(session, sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(rep)))
        _run_composed(
            session,
            sql.SQL("REVOKE {} FROM {}").format(
                sql.Identifier(team_group(session=session)), sql.Identifier(rep)
            ),
        )
    return moved


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


def archive_rep(rep: str, retired_on: date, *, session: Session) -> str:
    """Give ``rep``'s remaining rows (their history: the log, closed projects, settings…),
    their place on the roster, their targets and the comments on their weeks to the departed
    name ``rep~DATE``, in the caller's transaction (run by the tables' owner, with the
    policies lifted). The manager still reads that history under the departed name; a new
    employee given the role ``rep`` starts with nothing of it. Returns the departed name."""
    conn = session.connection()
    taken = {r[0] for r in conn.exec_driver_sql("SELECT rep FROM team_member").all()}
    archived = f"{rep}{DEPARTED}{retired_on.isoformat()}"
    n = 1
    while archived in taken:
        n += 1
        archived = f"{rep}{DEPARTED}{retired_on.isoformat()}{DEPARTED}{n}"
    quote = conn.dialect.identifier_preparer.quote
    for table in _owned_tables():
        # Table names from our own models, quoted; the names are bound.
        conn.execute(
            text("UPDATE " + quote(table.name) + " SET owner = :archived WHERE owner = :rep"),
            {"archived": archived, "rep": rep},
        )
    conn.execute(
        text("UPDATE team_member SET rep = :archived WHERE rep = :rep"),
        {"archived": archived, "rep": rep},
    )
    conn.execute(
        text("UPDATE team_member SET manager = :archived WHERE manager = :rep"),
        {"archived": archived, "rep": rep},
    )
    for table in ("team_comment", "team_target"):
        # Forced again by secure_tables before the transaction commits.
        conn.exec_driver_sql("ALTER TABLE " + table + " NO FORCE ROW LEVEL SECURITY")
        conn.execute(
            text("UPDATE " + table + " SET rep = :archived WHERE rep = :rep"),
            {"archived": archived, "rep": rep},
        )
    return archived


def is_departed_name(name: str) -> bool:
    return bool(DEPARTED_NAME.match(name.strip()))


def departed_reps(*, session: Session) -> list[str]:
    """The departed reps of the connecting manager, by their departed names."""
    rows = session.connection().exec_driver_sql(
        "SELECT rep FROM team_member WHERE manager = current_user"
        " AND strpos(rep, '~') > 0 ORDER BY rep"
    )
    return [r[0] for r in rows]


def _retired(name: str, *, session: Session) -> bool:
    """Whether ``name`` is a role that may not log in and is not on this team's roster: a rep
    removed from the team (``team remove-rep``), whose name is free for someone new."""
    row = (
        session.connection()
        .execute(
            text(
                "SELECT NOT r.rolcanlogin AND NOT EXISTS"
                " (SELECT 1 FROM team_member m WHERE m.rep = r.rolname)"
                " FROM pg_roles r WHERE r.rolname = :n"
            ),
            {"n": name},
        )
        .first()
    )
    return bool(row and row[0])


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
