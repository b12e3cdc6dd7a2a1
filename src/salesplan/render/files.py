"""Writing ``-o FILE`` the way shell redirection does, atomic where it can be.

- a regular file, or a path that does not exist yet: written to a fresh temp file in the same
  folder (``mkstemp``: an unpredictable name, created exclusively, mode 0600) and renamed over
  the target, so a killed run leaves the old file or the new one, never half of one;
- a symlink: followed, and the file it names is the one replaced (the link stays a link);
- a character device, a fifo, or ``-`` (stdout): written directly, as ``>`` would;
- a folder, a block device, a socket, an empty name: refused in one line (exit 2);
- no space left: exit 74, and the temp file is gone.

Every temp file is removed on every failure path; one left by a killed run has a name no
later run will reuse, and ``remove_stale_parts`` clears old ones beside the store.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from salesplan.errors import BadInput, NoSpace
from salesplan.i18n import _

_DIRECT = "direct"
_REPLACE = "replace"
_STDOUT = "stdout"
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)


@dataclass(frozen=True)
class Target:
    """Where ``-o`` will write: ``path`` as given, ``real`` the file that will be replaced."""

    path: Path
    how: str  # _REPLACE, _DIRECT or _STDOUT
    real: Path
    existing_mode: int | None = None

    @property
    def is_file(self) -> bool:
        """Whether the output lands in a file (so a "written to" line may go to stdout)."""
        return self.how == _REPLACE


def to_a_file(path: Path | str) -> bool:
    """True when ``-o path`` names a file, not stdout, a device or a fifo."""
    return resolve_target(path).is_file


def resolve_target(path: Path | str) -> Target:
    """Decide how to write ``path``; BadInput (one line) for what cannot be written."""
    text = str(path)
    if text == "-":
        return Target(Path("-"), _STDOUT, Path("-"))
    if not text.strip():
        raise BadInput(_("the output file name is empty: give -o FILE, or - for stdout"))
    given = Path(text)
    try:
        info = os.stat(given)  # follows symlinks, as redirection does
    except FileNotFoundError:
        real = Path(os.path.realpath(given))  # a dangling link: create the file it names
        if not real.parent.is_dir():
            raise BadInput(
                _("cannot write {given}: the folder {parent} does not exist").format(
                    given=given, parent=real.parent
                )
            ) from None
        return Target(given, _REPLACE, real)
    except OSError as exc:
        raise BadInput(
            _("cannot write {given}: {reason}").format(given=given, reason=_reason(exc))
        ) from None
    kind = info.st_mode
    if stat.S_ISDIR(kind):
        raise BadInput(
            _("cannot write {given}: it is a folder; give a file name").format(given=given)
        )
    if stat.S_ISCHR(kind) or stat.S_ISFIFO(kind):
        return Target(given, _DIRECT, given)
    if stat.S_ISREG(kind):
        return Target(given, _REPLACE, Path(os.path.realpath(given)), stat.S_IMODE(kind))
    raise BadInput(
        _(
            "cannot write {given}: not a regular file, a character device or a fifo; give a file name, or - for stdout"
        ).format(given=given)
    )


@contextmanager
def open_output(path: Path | str, mode: int = 0o600) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through; it lands (atomically) only if the block ends
    without an exception. A new file gets ``mode``; a replaced one keeps its own."""
    target = resolve_target(path)
    if target.how == _STDOUT:
        out = sys.stdout.buffer
        with _errors(target):
            yield out
            out.flush()
        return
    if target.how == _DIRECT:
        with _errors(target), open(target.path, "wb") as fh:
            yield fh
        return
    with replacing(target, mode) as tmp, _errors(target), open(tmp, "wb") as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


def write_output(path: Path | str, data: bytes | str, mode: int = 0o600) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` as ``open_output`` describes."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with open_output(path, mode) as fh:
        fh.write(payload)


# The name callers used before directories, devices and links were told apart.
write_atomic = write_output


@contextmanager
def output_path(path: Path | str, mode: int = 0o600) -> Iterator[Path]:
    """A fresh empty file for a writer that needs a path (SQLite's backup API); when the block
    ends without an exception its content lands at ``path`` as ``open_output`` describes."""
    target = resolve_target(path)
    if target.how == _REPLACE:
        with replacing(target, mode) as tmp:
            yield tmp
        return
    # A device, fifo or stdout cannot take a database file: build it aside, then copy it.
    with _errors(target):
        fd, name = tempfile.mkstemp(prefix=".salesplan-", suffix=".part")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb") as src:
            out_cm = open_output(target.path)
            with out_cm as out:
                while chunk := src.read(1 << 20):
                    out.write(chunk)
    finally:
        remove_temp(tmp)


@contextmanager
def replacing(target: Target, mode: int = 0o600) -> Iterator[Path]:
    """A new temp file beside ``target.real``, renamed over it on success, removed otherwise."""
    folder = target.real.parent
    with _errors(target):
        fd, name = tempfile.mkstemp(
            prefix=f".{target.real.name[:100]}.", suffix=".part", dir=folder
        )
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with _errors(target):
            os.chmod(tmp, target.existing_mode if target.existing_mode is not None else mode)
            os.replace(tmp, target.real)
    except BaseException:
        remove_temp(tmp)
        raise


def remove_temp(tmp: Path) -> None:
    """A temp file and whatever SQLite may have left beside it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(f"{tmp}{suffix}").unlink()
        except FileNotFoundError:
            pass
        except OSError:  # nothing more can be done; the name is never reused
            pass


def make_private_folder(folder: Path) -> list[Path]:
    """``mkdir -p`` with mode 0700 for every folder it creates, whatever the umask: the files
    going in hold personal data. An existing folder is used as it is. Returns the folders
    made, deepest first, for ``remove_folders`` to take back when the writing fails."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        if current.is_symlink():
            raise BadInput(
                _("cannot write into {folder}: {current} is a dangling link").format(
                    folder=folder, current=current
                )
            )
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    if not current.is_dir():
        raise BadInput(
            _("cannot write into {folder}: {current} is not a folder").format(
                folder=folder, current=current
            )
        )
    made: list[Path] = []
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
            made.insert(0, path)
            os.chmod(path, 0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            remove_folders(made)
            if exc.errno in _NO_SPACE:
                raise NoSpace(
                    _("no space left on {parent}; nothing was changed").format(parent=path.parent)
                ) from None
            raise BadInput(
                _("cannot create the folder {path}: {reason}").format(
                    path=path, reason=_reason(exc)
                )
            ) from None
    return made


def remove_folders(folders: list[Path]) -> None:
    """Remove folders ``make_private_folder`` made, deepest first, where they are empty."""
    for path in folders:
        try:
            path.rmdir()
        except OSError:
            break


def remove_stale_parts(folder: Path, name: str, now: float, older_than_s: float = 3600.0) -> int:
    """Remove temp files a killed run left beside ``name`` in ``folder`` over an hour ago:
    ``.{name}.*.part`` (and their journals), and the fixed ``{name}.part`` /
    ``{name}.restore-part`` of earlier versions. Regular files only, never through a link;
    returns how many went. ``now`` is the real clock, as a POSIX timestamp."""
    removed = 0
    cutoff = now - older_than_s
    escaped = glob_escape(name)
    try:
        entries = [
            *folder.glob(f".{escaped}.*.part*"),
            *folder.glob(f"{escaped}.part*"),
            *folder.glob(f"{escaped}.restore-part*"),
        ]
    except OSError:
        return 0
    for entry in entries:
        try:
            info = entry.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                entry.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


@contextmanager
def _errors(target: Target) -> Iterator[None]:
    """OSError while writing ``target`` → one line: exit 74 when the disk is full, else 2."""
    try:
        yield
    except OSError as exc:
        if exc.errno in _NO_SPACE:
            where = target.real.parent if target.how == _REPLACE else target.path
            raise NoSpace(
                _("no space left on {where}; nothing was changed").format(where=where)
            ) from None
        if isinstance(exc, BrokenPipeError):
            raise
        raise BadInput(
            _("cannot write {path}: {reason}").format(path=target.path, reason=_reason(exc))
        ) from None


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the name is too long"
    return (exc.strerror or str(exc)).lower()
