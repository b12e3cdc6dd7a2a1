"""Setting up a team store on PostgreSQL: the group roles, the team's tables, row-level
security on every business table, and the members' login roles.

Every business row carries its ``owner`` (the role that wrote it, see ``store.schema``); after
``set_up_team`` every such table has two policies:

- ``salesplan_own``: a role reads and writes its own rows, and writes only rows it owns;
- ``salesplan_manager_reads``: a manager reads (never changes) the rows of one of their reps,
  and only while the transaction names that rep in ``salesplan.view_as`` (``store.team``).

The imported holiday notices (``workday_notice``) are the team's calendar, not anyone's own
rows: every role of the team reads them, a manager writes them (and the tables' owner, the
administrator, who is not held to the policies of this table). A rep's own days
(``workday_override``) stay their own and win over the notice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.store.team import (
    MANAGER_GROUP,
    REP_GROUP,
    VIEW_AS,
    _run_composed,
    _sql,
    role_exists,
    team_group,
)

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
