"""A store copied to a backup, or replaced by one."""

from __future__ import annotations

from pathlib import Path

from salesplan.plans.run import Run


def refuse_team_backup(run: Run, output: Path | None) -> None:
    """A team store is backed up with PostgreSQL's own tools: refused, saying how (to
    ``output``, else team.dump)."""
    from salesplan.store.db import ServerStore

    if isinstance(run.store, ServerStore):
        run.store.backup_to(output or Path("team.dump"))


def copy_store(run: Run, into: Path) -> None:
    """Copy the live store into the new, empty file ``into`` (the caller renames it)."""
    from salesplan.store.db import ServerStore

    store = run.store
    if isinstance(store, ServerStore):
        store.backup_to(into)  # refuses: pg_dump is the way
    else:
        store.copy_into(into)


def restore_store(run: Run, source: Path, stamp: str) -> Path:
    """Replace the run's store with the backup ``source``, after saving the current one (its
    name carries ``stamp``); returns where the current one was saved."""
    from salesplan.store.db import restore_from

    return restore_from(run.store, source, stamp)
