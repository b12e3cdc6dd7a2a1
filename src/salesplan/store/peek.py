"""One setting read straight from the store file, before (or without) opening it as a store.

The language must be known to print ``--help``, which never opens (or creates) a store: this
reads the ``setting`` table read-only with the standard library and gives up quietly when
the file is missing, locked, foreign or older than the table.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from salesplan.store.db import low_space, read_only_uri


def stored_setting(path: Path, key: str) -> str | None:
    try:
        if not path.is_file():
            return None
        # A writable store is opened read-write (still only read): as the last connection to
        # close, it removes the -wal and -shm files a read-only one would leave behind.
        writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
        uri = f"file:{quote(str(path))}?mode=rw" if writable else read_only_uri(path)
        conn = sqlite3.connect(uri, uri=True, timeout=0.2)
    except (OSError, sqlite3.Error):
        return None
    try:
        if writable and low_space(path.parent):
            # No room for a -shm file: keep the WAL index in memory (see store.db.Store).
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None
