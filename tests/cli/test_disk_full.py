"""A full disk: writes exit 74 in one line leaving nothing behind; reads keep working.

The disk is a 1 MiB tmpfs mounted for the test (needs root and the right to mount); elsewhere
the tests are skipped, and tests/cli/test_outputs.py still covers exit 74 by faking ENOSPC.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

# The store here is a file handled directly (copied, planted, filled): SQLite only.
pytestmark = pytest.mark.sqlite_only


def _mount_small_disk(where: Path) -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    where.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(where)],
        capture_output=True,
    )
    return result.returncode == 0


@pytest.fixture
def full_disk(tmp_path, run):
    """A store with one contact on a tmpfs, then a filler file taking every byte left."""
    disk = tmp_path / "small"
    if not _mount_small_disk(disk):
        pytest.skip("needs root and permission to mount a tmpfs")
    try:
        store = disk / "store.db"
        env = {"SALESPLAN_DB": str(store)}
        run("contact", "add", "王建国", "--phone", "13800138000", env=env)
        run("log", "call", "王建国", env=env)
        fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        yield disk, store, env
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def _bytes(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _left(disk: Path) -> list[str]:
    return sorted(p.name for p in disk.iterdir() if p.name not in ("store.db", "filler"))


def _one_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["contact", "add", "李娜", "--note", "大" * 9000],
        ["log", "call", "王建国", "--note", "回" * 9000],
        ["backup"],
        ["backup", "-o", "{disk}/copy.db"],
        ["export", "-o", "{disk}/dump.json"],
        ["export", "--format", "csv", "-o", "{disk}/csv"],
    ],
)
def test_writes_on_a_full_disk_exit_74_and_leave_nothing(run, full_disk, argv):
    disk, store, env = full_disk
    before = _bytes(store)
    args = [a.replace("{disk}", str(disk)) for a in argv]
    line = _one_line(run(*args, env=env, code=74))
    assert line.startswith(f"error: no space left on {disk}")
    assert line.endswith("; nothing was changed")
    assert _bytes(store) == before
    assert _left(disk) == []


def test_reads_on_a_full_disk_keep_working(run, full_disk):
    disk, store, env = full_disk
    contacts = json.loads(run("contact", "list", "--json", env=env).stdout)
    assert [c["name"] for c in contacts] == ["王建国"]
    today = json.loads(run("today", "--json", env=env).stdout)
    assert today["calls"]["done"] == 1
    assert _left(disk) == []


def test_a_new_store_on_a_full_disk_is_not_left_half_made(run, full_disk):
    disk, _store, _env = full_disk
    new = disk / "new.db"
    _one_line(run("--db", str(new), "contact", "add", "李娜", code=74))
    assert not new.exists()
    assert _left(disk) == []
