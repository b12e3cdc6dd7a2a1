"""SQLite files copied whole: read-only opening, consistent copies with the backup API through
fresh temp files, and the clean-up of what a failed copy leaves behind."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from urllib.parse import quote

from salesplan.errors import StoreError
from salesplan.i18n import _
from salesplan.store.environment import low_space
from salesplan.store.failures import os_error, sqlite_reason, translate_sqlite_error


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens ``path`` for reading only.

    For a file this process cannot write, and that no writer has open (no ``-shm`` beside
    it), the URI also says ``immutable``: otherwise SQLite would create ``-shm`` and ``-wal``
    files carrying the file's read-only mode, and those would stop the owner writing later.
    """
    uri = f"file:{quote(str(path))}?mode=ro"
    if not can_write(path) and not Path(f"{path}-shm").exists():
        uri += "&immutable=1"
    return uri


def can_write(path: Path) -> bool:
    """Whether this process may write the store at ``path``: the file itself (asked of the
    system, so a read-only mount or a file made read-only for its owner both count) and its
    folder, where SQLite keeps the ``-wal`` and ``-shm`` files of a WAL store."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    os.close(fd)
    return True


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def copy_database(source: Path, target: Path) -> Path:
    """Copy an SQLite file with the backup API into ``target`` (mode 0600), checked, via a
    fresh temp file (``mkstemp``: an unpredictable name, created exclusively) and a rename, so
    a crash never leaves half a copy under the final name and a planted link is never
    followed. The temp file is removed on every failure."""
    tmp = temp_beside(target)
    try:
        write_database_copy(source, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        remove_temp(tmp)
        raise os_error(exc, target) from None
    except BaseException:
        remove_temp(tmp)
        raise
    return target


def write_database_copy(source: Path, into: Path) -> None:
    """Copy ``source`` with the backup API into the new, empty file ``into``; checked."""
    try:
        if low_space(source.parent) and can_write(source):
            # No room for a -shm file beside it: read in EXCLUSIVE locking mode (see Store).
            src = sqlite3.connect(source)
            src.execute("PRAGMA locking_mode = EXCLUSIVE")
        else:
            src = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            dst = sqlite3.connect(into)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        translated = translate_sqlite_error(exc, into)
        if translated is exc:
            raise StoreError(
                _("cannot copy {source}: {reason}").format(source=source, reason=sqlite_reason(exc))
            ) from None
        raise translated from None
    if ok != "ok":
        raise StoreError(_("copy of {source} failed its integrity check").format(source=source))


def temp_beside(target: Path) -> Path:
    try:
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name[:100]}.", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        raise os_error(exc, target) from None
    os.close(fd)
    return Path(name)


def remove_temp(tmp: Path) -> None:
    """A temp copy and the journal SQLite may have left beside it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(f"{tmp}{suffix}").unlink()
        except OSError:
            pass


def quote_identifier(name: str) -> str:
    """An SQLite identifier in double quotes, any quote in it doubled."""
    return '"' + name.replace('"', '""') + '"'
