"""What only real processes show about keeping what was said yes to: restore against running
writers, closed and broken standard streams."""

import sqlite3
import subprocess
import threading

import pytest

from tests.conftest import file_digest
from tests.e2e.test_process import CMD, sp, user_env

pytestmark = pytest.mark.e2e


def _notes(path):
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT note FROM activity WHERE note IS NOT NULL")}
    finally:
        conn.close()


def test_restore_under_running_writers_loses_no_write_that_exited_0(tmp_path, db_path):
    sp("contact", "add", "王建国", check_code=0)
    backup = tmp_path / "before.db"
    sp("backup", "-o", str(backup), check_code=0)
    said_yes: list[str] = []
    codes: list[tuple[int, str]] = []
    stop = threading.Event()

    def writer(name):
        i = 0
        while not stop.is_set():
            i += 1
            note = f"{name}-{i}"
            result = sp("log", "call", "王建国", "--note", note)
            codes.append((result.returncode, result.stderr))
            if result.returncode == 0:
                said_yes.append(note)

    writers = [threading.Thread(target=writer, args=(f"w{k}",)) for k in range(2)]
    for thread in writers:
        thread.start()
    restores = []
    try:
        for _round in range(5):
            while len(said_yes) < 2 * (_round + 1) and all(t.is_alive() for t in writers):
                stop.wait(0.05)
            restores.append(sp("restore", str(backup)))
    finally:
        stop.set()
        for thread in writers:
            thread.join(120)
    assert [r.returncode for r in restores] == [0] * 5, [r.stderr for r in restores]
    # A writer either landed (exit 0) or was told to try again (75): nothing else.
    assert {code for code, _err in codes} <= {0, 75}, [e for c, e in codes if c not in (0, 75)]
    kept = _notes(db_path)
    saved = sorted(db_path.parent.glob(f"{db_path.name}.before-restore-*.bak"))
    assert len(saved) == 5  # each restore kept its own copy of what it replaced
    for copy in saved:
        kept |= _notes(copy)
    lost = [note for note in said_yes if note not in kept]
    assert said_yes and lost == []
    # The last restore's store holds exactly what was written after it.
    assert _notes(db_path) <= set(said_yes)


@pytest.mark.parametrize(
    ("closing", "stream"),
    [
        ("stdout", ">&-"),
        ("stderr", "2>&-"),
        ("both", ">&- 2>&-"),
        ("stdin", "<&-"),
    ],
)
def test_a_closed_stream_is_no_traceback_and_the_store_stays_whole(db_path, closing, stream):
    sp("contact", "add", "王建国", check_code=0)
    shell = f'"$@" log call 王建国 --note closed {stream}; echo "rc=$?" >&3'
    result = subprocess.run(
        ["bash", "-c", f"exec 3>&1; {{ {shell}; }} 2>/dev/null >/dev/null", "sh", *CMD],
        capture_output=True,
        text=True,
        env=user_env(),
        timeout=60,
    )
    assert result.stdout.strip() == "rc=0", result
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert _notes(db_path) == {"closed"}
    # Nothing landed in the store's file from a stream that had no file behind it.
    assert sp("contact", "list", check_code=0).stdout.count("王建国") == 1


def test_a_closed_stdout_shows_no_traceback_on_stderr(db_path):
    sp("contact", "add", "王建国", check_code=0)
    result = subprocess.run(
        ["bash", "-c", '"$@" log call 王建国 >&-', "sh", *CMD],
        capture_output=True,
        text=True,
        env=user_env(),
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM activity").fetchone()[0] == 1
    conn.close()


def test_a_reader_that_leaves_early_is_a_quiet_exit(db_path):
    sp("demo", check_code=0)
    before = file_digest(db_path)
    for args in (["contact", "list"], ["export"], ["week"]):
        result = subprocess.run(
            ["bash", "-c", 'set -o pipefail; "$@" | head -c 0; echo "rc=${PIPESTATUS[0]}"', "sh"]
            + CMD
            + args,
            capture_output=True,
            text=True,
            env=user_env(),
            timeout=120,
        )
        assert result.stderr == "", result.stderr
        assert result.stdout.strip() in ("rc=0", "rc=141"), result.stdout
    assert file_digest(db_path) == before
