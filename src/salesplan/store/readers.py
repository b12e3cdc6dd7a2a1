"""More sessions that read what one session reads, for a plan that reads many reps side by side.

On PostgreSQL each is its own connection in a repeatable-read transaction on the snapshot the
first session exports (``pg_export_snapshot``): all of them see the store as it stood at one
instant, whatever is written meanwhile, so a page read this way is the record one transaction
would have read. The server answers them at once on its cores while the client works on what
came back. On SQLite there are none (one file, one reader at a time is as fast).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from sqlmodel import Session

from salesplan.store.workdays import CALENDARS_KEY

_SNAPSHOT = re.compile(r"[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+")


@contextmanager
def snapshot_readers(session: Session, count: int) -> Iterator[list[Session]]:
    """Up to ``count`` read-only sessions on ``session``'s snapshot (none on SQLite, or when
    ``count`` < 1); each rolled back and closed on leaving, whatever happened."""
    bind = session.get_bind()
    if count < 1 or bind.dialect.name != "postgresql":
        yield []
        return
    snapshot = session.connection().exec_driver_sql("SELECT pg_export_snapshot()").scalar()
    if not isinstance(snapshot, str) or not _SNAPSHOT.fullmatch(snapshot):
        raise RuntimeError("the server exported no snapshot")  # pragma: no cover
    # A snapshot id is hex digits and dashes (checked above); SET takes no bound parameter.
    take = "SET TRANSACTION SNAPSHOT '" + snapshot + "'"
    engine = bind.engine.execution_options(isolation_level="REPEATABLE READ")
    with ExitStack() as stack:
        readers = []
        for _n in range(count):
            reader = stack.enter_context(Session(bind=engine, expire_on_commit=False))
            reader.connection().exec_driver_sql(take)
            # The calendars its numbers rest on are the command's too (guessed years).
            if CALENDARS_KEY in session.info:
                reader.info[CALENDARS_KEY] = session.info[CALENDARS_KEY]
            readers.append(reader)
        yield readers
