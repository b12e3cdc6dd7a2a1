"""Writing ``-o FILE`` the way shell redirection does, atomic where it can be.

- a regular file, or a path that does not exist yet: written to a fresh temp file in the same
  folder (``mkstemp``: an unpredictable name, created exclusively, mode 0600) and renamed over
  the target, so a killed run leaves the old file or the new one, never half of one;
- a symlink, a file with other hard links or a file someone else owns: written in place
  (truncated, then written), as ``>`` would, so its owner, mode and links are kept; a link is
  followed only where the kernel's protected_symlinks would follow it (in a sticky
  world-writable folder such as /tmp, only a link owned by the user, the folder's owner or
  root);
- the store itself, its ``-wal``, ``-shm`` or ``-journal``, or any name or link for them:
  refused before anything is written (exit 2);
- a character device, a fifo, or ``-`` (stdout): written directly, as ``>`` would;
- a folder, a block device, a socket, an empty name: refused in one line (exit 2);
- no space left: exit 74, and the temp file is gone.

Temp files live beside the target (or, for a device, a fifo or stdout, in the store's own
folder), never in TMPDIR. Every temp file is removed on every failure path and held under an
``flock`` while it is written; one left by a killed run (nobody holds its lock) is cleared by
the next write into the same folder, and ``remove_stale_parts`` clears old ones beside the
store.
"""

from __future__ import annotations

import errno
import fcntl
import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from salesplan.errors import BadInput, NoSpace
from salesplan.i18n import _

_DIRECT = "direct"
_REPLACE = "replace"
_STDOUT = "stdout"
_INPLACE = "inplace"
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
SCRATCH_PREFIX = ".salesplan-"
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")

# Where the store this run uses lives (set by the CLI's root callback): never an output.
_store_path: Callable[[], Path | None] = lambda: None  # noqa: E731


def guard_store(where: Callable[[], Path | None]) -> None:
    """Name the store (a callable, asked when an output is checked): ``-o`` never writes it,
    its ``-wal``/``-shm``/``-journal``, or any other name or link for them."""
    global _store_path
    _store_path = where


def store_path() -> Path | None:
    """The guarded store, or None (a team store, or none named)."""
    try:
        return _store_path()
    except Exception:  # noqa: BLE001 - a store that cannot be named cannot be written either
        return None


@dataclass(frozen=True)
class Target:
    """Where ``-o`` will write: ``path`` as given, ``real`` the file that will be replaced."""

    path: Path
    how: str  # _REPLACE, _INPLACE, _DIRECT or _STDOUT
    real: Path
    existing_mode: int | None = None

    @property
    def is_file(self) -> bool:
        """Whether the output lands in a file (so a "written to" line may go to stdout)."""
        return self.how in (_REPLACE, _INPLACE)


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
    _check_links(given)
    _refuse_the_store(given)
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
        return Target(given, _INPLACE if _is_link(given) else _REPLACE, real)
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
        real = Path(os.path.realpath(given))
        # What ``>`` keeps and a rename would not: the link, other hard links, the owner.
        in_place = _is_link(given) or info.st_nlink > 1 or info.st_uid != os.geteuid()
        return Target(given, _INPLACE if in_place else _REPLACE, real, stat.S_IMODE(kind))
    raise BadInput(
        _(
            "cannot write {given}: not a regular file, a character device or a fifo; give a file name, or - for stdout"
        ).format(given=given)
    )


def check_not_store(path: Path | str) -> None:
    """BadInput when ``path`` is (or leads to) the store or one of its side files."""
    if str(path) != "-" and str(path).strip():
        _refuse_the_store(Path(str(path)))


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False


def _check_links(given: Path) -> None:
    """Follow the links ``given`` names only as the kernel's protected_symlinks would: in a
    sticky world-writable folder (/tmp), a link owned by someone other than the user, the
    folder's owner or root is refused, so a link planted there never aims our write."""
    current = given
    for _hop in range(40):
        try:
            info = os.lstat(current)
        except OSError:
            return
        if not stat.S_ISLNK(info.st_mode):
            return
        folder = current.parent
        try:
            folder_info = os.stat(folder)
        except OSError:
            return
        shared = folder_info.st_mode & stat.S_ISVTX and folder_info.st_mode & stat.S_IWOTH
        if shared and info.st_uid not in (os.geteuid(), folder_info.st_uid, 0):
            raise BadInput(
                _(
                    "cannot write {given}: it is a link in the shared folder {folder} owned by someone else; give the file's own name"
                ).format(given=given, folder=folder)
            )
        try:
            step = os.readlink(current)
        except OSError:
            return
        current = folder / step


def _refuse_the_store(given: Path) -> None:
    store = store_path()
    if store is None:
        return
    real = os.path.realpath(given)
    for protected in (store, *(Path(f"{store}{end}") for end in _SQLITE_SIDE_FILES)):
        same = real == os.path.realpath(protected)
        if not same:
            try:
                same = os.path.samefile(given, protected)  # a hard link, a bind mount
            except OSError:
                same = False
        if same:
            raise BadInput(
                _(
                    "cannot write {given}: it is the store {store} (or a file SQLite keeps beside it); choose another file"
                ).format(given=given, store=store)
            )


@contextmanager
def open_output(
    path: Path | str, mode: int = 0o600, target: Target | None = None
) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through; it lands (atomically where it can) only if the
    block ends without an exception. A new file gets ``mode``; a replaced one keeps its own."""
    target = target or resolve_target(path)
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
    if target.how == _INPLACE:
        # Collected first, so a failure before the end leaves the file as it was.
        buffer = io.BytesIO()
        yield buffer
        with _errors(target):
            fd = os.open(target.real, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(buffer.getbuffer())
                fh.flush()
                os.fsync(fh.fileno())
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
def output_path(path: Path | str, mode: int = 0o600, scratch: Path | None = None) -> Iterator[Path]:
    """A fresh empty file for a writer that needs a path (SQLite's backup API); when the block
    ends without an exception its content lands at ``path`` as ``open_output`` describes.
    A device, a fifo, stdout or a file written in place gets the file built in ``scratch``
    (the store's folder, private) and copied over; never in TMPDIR."""
    target = resolve_target(path)
    if target.how == _REPLACE:
        with replacing(target, mode) as tmp:
            yield tmp
        return
    folder = scratch or (target.real.parent if target.how == _INPLACE else Path.cwd())
    clear_stray_parts(folder, SCRATCH_PREFIX)
    with _errors(target):
        fd, name = tempfile.mkstemp(prefix=SCRATCH_PREFIX, suffix=".part", dir=folder)
    tmp = Path(name)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # ours while it lives: no other run clears it
        yield tmp
        with open(tmp, "rb") as src, open_output(target.path, mode, target) as out:
            while chunk := src.read(1 << 20):
                out.write(chunk)
    finally:
        remove_temp(tmp)
        os.close(fd)


@contextmanager
def replacing(target: Target, mode: int = 0o600) -> Iterator[Path]:
    """A new temp file beside ``target.real``, renamed over it on success, removed otherwise."""
    folder = target.real.parent
    prefix = f".{target.real.name[:100]}."
    clear_stray_parts(folder, prefix)
    with _errors(target):
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=folder)
    tmp = Path(name)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield tmp
        with _errors(target):
            os.chmod(tmp, target.existing_mode if target.existing_mode is not None else mode)
            os.replace(tmp, target.real)
    except BaseException:
        remove_temp(tmp)
        raise
    finally:
        os.close(fd)


def clear_stray_parts(folder: Path, prefix: str) -> int:
    """Remove ``{prefix}*.part`` temp files (and SQLite's files beside them) a killed run left
    in ``folder``: regular files of this user that no living run holds (``flock``). How many
    went."""
    removed = 0
    try:
        entries = list(folder.glob(f"{glob_escape(prefix)}*.part"))
    except OSError:
        return 0
    for entry in entries:
        try:
            fd = os.open(entry, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a run is writing it now
            remove_temp(entry)
            removed += 1
        finally:
            os.close(fd)
    return removed


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
            where = target.real.parent if target.how in (_REPLACE, _INPLACE) else target.path
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
