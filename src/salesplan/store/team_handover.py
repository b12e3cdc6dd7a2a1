"""A rep leaves the team: their customers go to another member, their history to a departed
name (``NAME~DATE``) their manager still reads, and their role stops logging in."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from salesplan.errors import BadInput
from salesplan.i18n import _
from salesplan.store.team import DEPARTED, _run_composed, _sql, role_exists, team_group
from salesplan.store.team_setup import _owned_tables, lift_policies_from_owner, secure_tables


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
