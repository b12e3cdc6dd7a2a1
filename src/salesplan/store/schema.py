"""The store's schema on either engine: which version a database holds, a new store made
from the models (with each business row's owner on a server), and the append-only migrations
(``store.migrations``, one module per version) run in the caller's transaction.

On PostgreSQL every business table gets an ``owner`` column (default ``current_user``) that the
team's row-level security reads, and the tables keyed by a name are keyed per owner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from salesplan.errors import StoreError
from salesplan.i18n import _

# On PostgreSQL these tables are keyed per owner: each person has their own settings, days off
# and email templates.
OWNER_KEYED = {
    "setting": ("key",),
    "absence": ("on",),
    "workday_override": ("day",),
    "email_template": ("name",),
}
# Tables without an owner on PostgreSQL: the store's own version row, and the imported holiday
# notices, which are the team's (store.team gives them policies of their own).
UNOWNED = {"schema_info", "workday_notice"}


def create_tables(*names: str) -> Callable[[Any], None]:
    """A migration step creating tables as the models declare them, in the connection's
    dialect (with the owner column on a server), so the result is what a new store gets."""

    def step(conn: Any) -> None:
        from sqlmodel import SQLModel

        from salesplan import models

        models.load_all()
        for name in names:
            table = SQLModel.metadata.tables[name]
            table.create(conn)
            if conn.dialect.name == "postgresql" and name not in UNOWNED:
                for statement in owner_statements(conn, table):
                    conn.exec_driver_sql(statement)

    return step


# A migration step: an SQL statement, or a function given the connection when rows must be
# computed in Python (it runs on either dialect).
Step = str | Callable[[Any], None]


def stored_version(conn: Any, label: str) -> int | None:
    """The schema version the store ``label`` holds, on either engine: None for an empty
    database; a database that holds other tables is no store (StoreError)."""
    server = conn.dialect.name == "postgresql"
    tables: set[str] = set()
    if server:
        holds_store = conn.exec_driver_sql("SELECT to_regclass('schema_info') IS NOT NULL").scalar()
    else:
        tables = {
            r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        }
        holds_store = "schema_info" in tables
    if holds_store:
        row = conn.exec_driver_sql("SELECT version FROM schema_info WHERE id = 1").first()
        return int(row[0]) if row else 0
    if (
        server
        and conn.exec_driver_sql(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        ).scalar()
    ):
        raise StoreError(
            _("{label} holds other tables but no salesplan store; give an empty database").format(
                label=label
            )
        )
    if tables:
        raise StoreError(
            _(
                "{path} is an SQLite database but not a salesplan store; give another path with --db or SALESPLAN_DB"
            ).format(path=label)
        )
    return None


def schema_to_bring_up(engine: Any, label: str) -> int | None:
    """The version the store holds, read outside any write lock (an up-to-date store is never
    locked for it); StoreError when a newer salesplan made it. Whoever then takes the lock to
    create or upgrade reads ``stored_version`` again: another process may have done it."""
    from salesplan import models

    with engine.connect() as conn:
        version = stored_version(conn, label)
        conn.rollback()
    if version is not None and version > models.SCHEMA_VERSION:
        raise StoreError(
            _(
                "{label} was made by a newer salesplan (schema {version}, this one knows {SCHEMA_VERSION}); upgrade salesplan"
            ).format(label=label, version=version, SCHEMA_VERSION=models.SCHEMA_VERSION)
        )
    return version


def create_server_schema(conn: Any) -> None:
    """The models' tables, plus each business row's owner (default: the role that writes)."""
    from sqlmodel import SQLModel

    from salesplan import models

    models.load_all()
    SQLModel.metadata.create_all(conn)
    for table in SQLModel.metadata.sorted_tables:
        if table.name in UNOWNED:
            continue
        for statement in owner_statements(conn, table):
            conn.exec_driver_sql(statement)
    conn.exec_driver_sql(
        "INSERT INTO schema_info (id, version) VALUES (1, %s)", (models.SCHEMA_VERSION,)
    )


def run_steps(conn: Any, steps: list[Step]) -> None:
    """Run one version's steps: SQL as it is, a function with the connection."""
    for step in steps:
        if isinstance(step, str):
            conn.exec_driver_sql(step)
        else:
            step(conn)


def owner_statements(conn: Any, table: Any) -> list[str]:
    """A server table's owner column, and its key or index."""
    quote = conn.dialect.identifier_preparer.quote
    # Identifiers from our own models, quoted; nothing here comes from a user.
    name = quote(table.name)
    statements = [f"ALTER TABLE {name} ADD COLUMN owner text NOT NULL DEFAULT current_user"]
    keys = OWNER_KEYED.get(table.name)
    if keys:
        columns = ", ".join(quote(k) for k in keys)
        statements.append(
            f"ALTER TABLE {name} DROP CONSTRAINT {quote(table.name + '_pkey')}, "
            f"ADD PRIMARY KEY (owner, {columns})"
        )
    else:
        statements.append(f"CREATE INDEX {quote('ix_' + table.name + '_owner')} ON {name} (owner)")
    return statements


def run_migrations(conn: Any, version: int) -> None:
    """Bring a store from ``version`` to the current schema, in the caller's transaction."""
    from salesplan import models
    from salesplan.store.migrations import migration_statements

    for target in range(version + 1, models.SCHEMA_VERSION + 1):
        run_steps(conn, migration_statements(target, conn.dialect.name))
    conn.execute(
        _text("UPDATE schema_info SET version = :v WHERE id = 1"), {"v": models.SCHEMA_VERSION}
    )


def upgrade_server(conn: Any, version: int) -> None:
    """A server store's migrations. On a team store the policies are lifted from the owner
    for the upgrade (a table's owner is otherwise held to them too, and would rewrite only
    its own rows) and put back, on every table the new version has, before the same
    transaction commits: no rep ever sees a table open or a half-upgraded store."""
    team = bool(conn.exec_driver_sql("SELECT to_regclass('team_member') IS NOT NULL").scalar())
    if team:
        from salesplan.store.team_setup import lift_policies_from_owner

        lift_policies_from_owner(conn)
    run_migrations(conn, version)
    if team:
        from salesplan.store.team_setup import secure_tables

        secure_tables(conn)


def _text(sql: str) -> Any:
    import sqlalchemy as sa

    return sa.text(sql)
