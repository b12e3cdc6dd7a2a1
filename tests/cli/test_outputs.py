"""``-o`` writes like shell redirection; temp files are fresh, exclusive and never left behind."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import file_digest

# The store here is a file whose folder is checked for leftovers: SQLite only.
pytestmark = pytest.mark.sqlite_only
SQLITE_HEADER = b"SQLite format 3\x00"
needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root"
)


@pytest.fixture
def stored(run, db_path):
    run("contact", "add", "王建国", "--phone", "13800138000", "--note", "大客户")
    run("appt", "add", "王建国", "--at", "2026-11-30 14:00", "--title", "方案讲解")
    return db_path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


def _one_error_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@needs_root
@pytest.mark.parametrize(
    "argv",
    [
        ["export", "-o", "{dev}"],
        ["backup", "-o", "{dev}"],
        ["today", "--ics", "{dev}"],
        ["week", "-o", "{dev}"],
    ],
)
def test_a_character_device_stays_a_device(run, stored, tmp_path, argv):
    fake_null = tmp_path / "devices" / "null"
    fake_null.parent.mkdir()
    os.mknod(fake_null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    args = [a.replace("{dev}", str(fake_null)) for a in argv]
    result = run(*args)  # week -o x/null (no ending) was refused: a stream gets Markdown
    info = os.lstat(fake_null)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)
    assert _leftovers(fake_null.parent) == []
    assert "written to" not in result.stdout and "exported" not in result.stdout


def test_a_symlink_is_followed_and_the_file_it_names_replaced(run, stored, tmp_path):
    real = tmp_path / "reports" / "contacts.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    os.chmod(real, 0o640)
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    run("export", "--format", "csv", "--what", "contacts", "-o", str(link))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "13800138000" in real.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # a replaced file keeps its mode
    assert _leftovers(real.parent) == [] and _leftovers(tmp_path) == []


def test_a_dangling_symlink_gets_the_file_it_names(run, stored, tmp_path):
    link = tmp_path / "day.ics"
    link.symlink_to(tmp_path / "calendar-target.ics")
    run("today", "--ics", str(link))
    assert link.is_symlink()
    assert "BEGIN:VCALENDAR" in (tmp_path / "calendar-target.ics").read_text()


def test_a_regular_file_is_replaced_whole_with_mode_0600_when_new(run, stored, tmp_path):
    out = tmp_path / "dump.json"
    run("export", "-o", str(out))
    assert json.loads(out.read_text())["contacts"][0]["name"] == "王建国"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    first_inode = out.stat().st_ino
    run("contact", "add", "李娜")
    run("export", "-o", str(out))
    assert [c["name"] for c in json.loads(out.read_text())["contacts"]] == ["王建国", "李娜"]
    assert out.stat().st_ino != first_inode  # renamed into place, not rewritten in place


def test_a_fifo_is_written_directly(run, stored, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    run("export", "--format", "csv", "--what", "contacts", "--no-bom", "-o", str(fifo))
    reader.join(10)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].decode().splitlines()[1].startswith("1,王建国")


def test_dash_is_stdout_and_nothing_else_goes_there(run, stored):
    dumped = run("export", "-o", "-").stdout
    assert json.loads(dumped)["contacts"][0]["phone"] == "13800138000"
    backup = run("backup", "-o", "-").stdout_bytes
    assert backup.startswith(SQLITE_HEADER)
    assert b"written to" not in backup


def test_week_o_dash_or_a_fifo_gets_markdown_or_with_json_json_once(run, stored, tmp_path):
    """week -o - and week -o /dev/stdout were refused for their missing .md ending."""
    assert run("week", "-o", "-").stdout.startswith("# Weekly report 2026-W49")
    assert json.loads(run("week", "--json", "-o", "-").stdout)["week"] == "2026-W49"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    run("week", "-o", str(fifo))
    reader.join(10)
    assert got and got[0].decode().startswith("# Weekly report 2026-W49")
    err = run("week", "-o", str(tmp_path / "week.txt"), code=2).stderr
    assert "use a file ending in .md, .xlsx or .json" in err  # a file still says its form


def test_a_planted_symlink_at_a_temp_name_is_never_written_through(run, stored, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    target = tmp_path / "b.db"
    for planted in ("b.db.part", ".b.db.part", "b.db.part-journal"):
        (tmp_path / planted).symlink_to(victim)
    run("backup", "-o", str(target))
    assert victim.read_text() == "mine\n"
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT name FROM contact").fetchall() == [("王建国",)]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_restore_never_writes_through_a_planted_part_file(run, stored, tmp_path):
    copy = tmp_path / "copy.db"
    run("backup", "-o", str(copy))
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    for planted in (f"{stored.name}.part", f"{stored.name}.restore-part"):
        (stored.parent / planted).symlink_to(victim)
    run("restore", str(copy))
    assert victim.read_text() == "mine\n"
    assert run.json("contact", "list")[0]["name"] == "王建国"


def test_stale_temp_files_of_a_killed_run_are_cleaned_links_and_fresh_ones_kept(
    run, stored, tmp_path
):
    folder = stored.parent
    old = folder / f".{stored.name}.k1ll3d.part"
    old.write_bytes(SQLITE_HEADER)
    old_journal = folder / f".{stored.name}.k1ll3d.part-journal"
    old_journal.write_bytes(b"j")
    legacy = folder / f"{stored.name}.restore-part"
    legacy.write_bytes(SQLITE_HEADER)
    fresh = folder / f".{stored.name}.running.part"
    fresh.write_bytes(SQLITE_HEADER)
    link = folder / f".{stored.name}.link.part"
    link.symlink_to(tmp_path / "elsewhere")
    two_hours_ago = time.time() - 7200
    for path in (old, old_journal, legacy):
        os.utime(path, (two_hours_ago, two_hours_ago))
    run("backup", "-o", str(tmp_path / "b.db"))
    assert not old.exists() and not old_journal.exists() and not legacy.exists()
    assert fresh.exists() and link.is_symlink()


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["backup", "-o", ""], "give a file name"),
        (["backup", "-o", "{tmp}"], "it is a folder"),
        (["today", "--ics", "."], "it is a folder"),
        (["export", "-o", "{tmp}/no/such/folder/x.json"], "does not exist"),
        (["backup", "-o", "{tmp}/" + "n" * 300 + ".db"], "too long"),
        (["restore", "r" * 300 + ".db"], "too long"),
        (["week", "-o", "{tmp}"], "it is a folder"),
    ],
)
def test_unwritable_outputs_exit_2_in_one_line(run, stored, tmp_path, digest, argv, says):
    before = digest(stored)
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    line = _one_error_line(run(*args, code=2))
    assert says in line
    assert digest(stored) == before
    assert _leftovers(tmp_path) == [] and _leftovers(stored.parent) == []


def test_a_fifo_as_the_store_exits_2(run, tmp_path):
    fifo = tmp_path / "store.fifo"
    os.mkfifo(fifo)
    line = _one_error_line(run("--db", str(fifo), "today", code=2))
    assert "not a regular file" in line


def test_csv_export_creates_its_folders_0700_whatever_the_umask(run, stored, tmp_path):
    old = os.umask(0)
    try:
        run("export", "--format", "csv", "-o", str(tmp_path / "out" / "all"))
    finally:
        os.umask(old)
    for folder in (tmp_path / "out", tmp_path / "out" / "all"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in (tmp_path / "out" / "all").iterdir()) == [
        "appointments.csv",
        "contacts.csv",
        "log.csv",
        "projects.csv",
    ]


@pytest.mark.parametrize(
    "argv",
    [["export", "-o", "{out}"], ["backup", "-o", "{out}"], ["week", "-o", "{out}.md"]],
)
def test_a_full_disk_at_the_rename_leaves_nothing_behind(run, stored, tmp_path, monkeypatch, argv):
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("{out}", str(out / "file")) for a in argv]
    real_replace = os.replace

    def full(src, dst):
        if ".part" in str(src):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full)
    line = _one_error_line(run(*args, code=74))
    assert line == f"error: no space left on {out}; nothing was changed"
    assert list(out.iterdir()) == []


# --- the store is never an output -------------------------------------------------------------

_TO_THE_STORE = [
    ["export", "--format", "json", "-o", "{out}"],
    ["export", "--format", "csv", "--what", "contacts", "-o", "{out}"],
    ["backup", "-o", "{out}"],
    ["week", "--json", "-o", "{out}"],
    ["today", "--ics", "{out}"],
]


def _store_names(store: Path, tmp_path: Path) -> dict[str, Path]:
    link = tmp_path / "innocent.json"
    link.symlink_to(store)
    hard = tmp_path / "hard.json"
    os.link(store, hard)
    wal_link = tmp_path / "wal.json"
    wal_link.symlink_to(f"{store}-wal")  # dangling while no one has the store open
    return {
        "the store": store,
        "its -wal": Path(f"{store}-wal"),
        "its -shm": Path(f"{store}-shm"),
        "its -journal": Path(f"{store}-journal"),
        "a link to it": link,
        "a hard link": hard,
        "a link to its -wal": wal_link,
        "a detour": store.parent / ".." / store.parent.name / store.name,
    }


@pytest.mark.parametrize("argv", _TO_THE_STORE, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize(
    "which",
    [
        "the store",
        "its -wal",
        "its -shm",
        "its -journal",
        "a link to it",
        "a hard link",
        "a link to its -wal",
        "a detour",
    ],
)
def test_the_store_is_never_an_output(run, stored, tmp_path, argv, which):
    out = _store_names(stored, tmp_path)[which]
    before = file_digest(stored)
    side = {end: Path(f"{stored}{end}").exists() for end in ("-wal", "-shm", "-journal")}
    result = run(*[a.replace("{out}", str(out)) for a in argv], code=2)
    line = _one_error_line(result)
    assert "is the store" in line and str(stored) in line
    assert file_digest(stored) == before
    assert run.json("contact", "list")[0]["name"] == "王建国"
    assert _leftovers(stored.parent) == [] and _leftovers(tmp_path) == []
    for end, existed in side.items():
        if not existed and end == "-journal":
            assert not Path(f"{stored}{end}").exists()


def test_the_store_refusal_speaks_chinese(run, stored):
    err = run("export", "-o", str(stored), code=2, env={"SALESPLAN_LANG": "zh-CN"}).stderr
    assert "是存储" in err and err.count("\n") == 1


def test_csv_of_all_tables_into_the_store_folder_refused_before_any_file(run, tmp_path):
    store = tmp_path / "data" / "contacts.csv"  # a store that happens to bear a table's name
    run("--db", str(store), "contact", "add", "王建国")
    before = file_digest(store)
    run("--db", str(store), "export", "--format", "csv", "-o", str(store.parent), code=2)
    assert file_digest(store) == before
    assert sorted(p.name for p in store.parent.iterdir() if p.suffix == ".csv") == ["contacts.csv"]


def test_a_link_is_written_in_place_like_redirection(run, stored, tmp_path):
    real = tmp_path / "shared" / "report.json"
    real.parent.mkdir()
    real.write_text("old\n")
    os.chmod(real, 0o644)
    inode = real.stat().st_ino
    link = tmp_path / "report-link.json"
    link.symlink_to(real)
    run("export", "-o", str(link))
    assert link.is_symlink()
    assert real.stat().st_ino == inode  # the same file, as `>` would leave it
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert json.loads(real.read_text())["contacts"][0]["name"] == "王建国"


def test_a_file_with_another_hard_link_is_written_in_place(run, stored, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("old\n")
    twin = tmp_path / "twin.json"
    os.link(out, twin)
    run("export", "-o", str(out))
    assert out.stat().st_ino == twin.stat().st_ino
    assert json.loads(twin.read_text())["contacts"][0]["name"] == "王建国"


@needs_root
def test_a_link_planted_by_another_user_in_a_sticky_folder_is_not_followed(run, stored, tmp_path):
    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    planted = shared / "week.json"
    planted.symlink_to(victim)
    os.lchown(planted, 12345, 12345)
    line = _one_error_line(run("export", "-o", str(planted), code=2))
    assert "owned by someone else" in line
    assert victim.read_text() == "mine\n"
    # The user's own link there is followed, as the kernel follows it.
    own = shared / "mine.json"
    own.symlink_to(victim)
    run("export", "-o", str(own))
    assert json.loads(victim.read_text())["format"] == "salesplan-export"
    # Outside a sticky folder the owner of the link does not matter.
    plain = tmp_path / "plain.json"
    plain.symlink_to(victim)
    os.lchown(plain, 12345, 12345)
    run("export", "-o", str(plain))


@needs_root
def test_backup_to_a_device_builds_its_copy_beside_the_store_never_in_tmpdir(
    run, stored, tmp_path, monkeypatch
):
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmpdir))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    fake_null = tmp_path / "null"
    os.mknod(fake_null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    # A killed run's scratch copy (nobody holds it) goes; one a running backup holds stays.
    stray = stored.parent / ".salesplan-k1ll3d.part"
    stray.write_bytes(SQLITE_HEADER)
    held = stored.parent / ".salesplan-running.part"
    held.write_bytes(SQLITE_HEADER)
    import fcntl

    with open(held, "rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        run("backup", "-o", str(fake_null))
        assert not stray.exists() and held.exists()
    assert list(tmpdir.iterdir()) == []
    assert sorted(_leftovers(stored.parent)) == [".salesplan-running.part"]


def test_a_foreign_file_as_the_store_is_refused_untouched(run, tmp_path):
    foreign = tmp_path / "notes.txt"
    foreign.write_bytes(b"my own notes\n")
    os.chmod(foreign, 0o644)
    line = _one_error_line(run("--db", str(foreign), "today", code=2))
    assert "not an SQLite database" in line
    assert foreign.read_bytes() == b"my own notes\n"
    assert stat.S_IMODE(foreign.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("notes.txt")] == ["notes.txt"]
