"""What only a real process shows: exit codes, stderr, imports, concurrency, locks."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import file_digest

pytestmark = pytest.mark.e2e
CMD = [sys.executable, "-m", "salesplan"]


def user_env(**extra):
    """The environment of a user's process: the test's store and clock, no debug switch."""
    env = {**os.environ, **extra}
    env.pop("SALESPLAN_DEBUG", None)
    return env


def killed_after(delay, *args):
    """Start salesplan with ``args`` and kill -9 it ``delay`` seconds later."""
    proc = subprocess.Popen(
        [*CMD, *args], env=user_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def sp(*args, env=None, check_code=None):
    full = user_env(**(env or {}))
    result = subprocess.run([*CMD, *args], capture_output=True, text=True, env=full, timeout=60)
    if check_code is not None:
        assert result.returncode == check_code, (result.stdout, result.stderr)
    return result


def test_bad_input_is_one_line_exit_2_and_the_store_is_unchanged(db_path):
    sp("contact", "add", "王建国", "--phone", "13800138000", check_code=0)
    before = file_digest(db_path)
    for args in (
        ("log", "call", "nobody"),
        ("appt", "add", "王建国", "--at", "someday 2pm"),
        ("contact", "add", "x", "--tier", "vip"),
        ("log", "call", "--minutes", "-5"),
        ("contact", "list", "--nope"),
        ("frobnicate",),
    ):
        result = sp(*args, check_code=2)
        assert result.stderr.startswith("error: "), result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert file_digest(db_path) == before


def test_help_and_version_import_no_database_layer(db_path):
    code = textwrap.dedent("""
        import sys
        from salesplan.cli.app import app
        for args in (["--help"], ["contact", "--help"], ["log", "call", "--help"], ["--version"]):
            try:
                app(args)
            except SystemExit:
                pass
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel"))
        print("HEAVY", heavy[:5])
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ}, timeout=60
    )
    assert "HEAVY []" in result.stdout, result.stdout[-500:]
    assert not db_path.exists()


def test_a_command_builds_only_the_tables_it_touches(db_path):
    """Each table class costs ~3 ms to build; the hot commands must not pay for all fourteen."""
    sp("contact", "add", "王建国", check_code=0)
    code = textwrap.dedent("""
        import sys
        from salesplan.cli.app import app
        try:
            app(sys.argv[1:])
        except SystemExit:
            pass
        built = sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("salesplan.models."))
        print("BUILT", " ".join(built))
    """)

    def built(*args):
        result = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60
        )
        return result.stdout.rsplit("BUILT", 1)[1].split()

    assert built("contact", "list") == ["contact"]
    assert built("progress") == ["activity", "appointment", "contact", "project", "store_info"]
    # due reads the projects' key dates and collections (pipeline), never expenses or notes.
    assert "records" not in built("today") and "records" not in built("due")


def test_an_unwritable_db_path_is_exit_2(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        result = subprocess.run(
            _as_reader_only(["--db", str(locked / "s.db"), "contact", "list"]),
            capture_output=True,
            text=True,
            env=user_env(),
            timeout=60,
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and "cannot create the store" in result.stderr
        assert not (locked / "s.db").exists()
    finally:
        os.chmod(locked, 0o700)
    result = sp("--db", str(tmp_path), "contact", "list", check_code=2)
    assert "directory" in result.stderr


def test_a_file_that_is_not_a_store_is_exit_2_and_untouched(tmp_path):
    other = tmp_path / "photo.jpg"
    other.write_bytes(b"\xff\xd8\xff\xe0 not a database")
    result = sp("--db", str(other), "today", check_code=2)
    assert "not a salesplan store" in result.stderr and result.stderr.count("\n") == 1
    assert other.read_bytes() == b"\xff\xd8\xff\xe0 not a database"


def test_twenty_log_call_processes_at_once_all_land(db_path):
    sp("contact", "add", "王建国", check_code=0)
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(
            pool.map(lambda i: sp("log", "call", "王建国", "--note", f"n{i}"), range(20))
        )
    assert [r.returncode for r in results] == [0] * 20, [r.stderr for r in results if r.returncode]
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*), count(DISTINCT note) FROM activity").fetchone() == (
        20,
        20,
    )
    conn.close()


def test_a_lock_held_past_the_timeout_exits_75(db_path):
    sp("contact", "add", "王建国", check_code=0)
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = sp("log", "call", env={"SALESPLAN_BUSY_TIMEOUT_MS": "200"}, check_code=75)
    finally:
        holder.rollback()
        holder.close()
    assert result.stderr.count("\n") == 1 and "busy" in result.stderr


def test_the_default_store_lives_in_the_user_data_dir(tmp_path):
    env = {"SALESPLAN_DB": "", "XDG_DATA_HOME": str(tmp_path / "data")}
    sp("contact", "add", "王建国", env=env, check_code=0)
    store = tmp_path / "data" / "salesplan" / "salesplan.db"
    assert store.exists()
    assert oct(store.stat().st_mode & 0o777) == "0o600"
    assert sp("contact", "list", "--json", env=env, check_code=0).stdout.count("王建国") == 1


def big_sheet(tmp_path, rows=20_000):
    sheet = tmp_path / "big.csv"
    sheet.write_text(
        "name,phone\n" + "".join(f"客户{i},139{i:08d}\n" for i in range(rows)), encoding="utf-8"
    )
    return sheet


def test_kill_9_during_an_import_leaves_the_store_before_or_after(tmp_path, db_path):
    sp("contact", "add", "已有", check_code=0)
    sheet = big_sheet(tmp_path)
    outcomes = set()
    for delay in (0.3, 0.8, 1.3, 1.8, 2.5):
        killed_after(delay, "import", "contacts", str(sheet))
        conn = sqlite3.connect(db_path)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        count = conn.execute("SELECT count(*) FROM contact").fetchone()[0]
        conn.close()
        assert count in (1, 20_001), (delay, count)
        outcomes.add(count)
        if count == 20_001:
            break
    assert 1 in outcomes  # at least one kill landed mid-import and was rolled back


def test_kill_9_during_demo_leaves_the_store_empty_or_whole(db_path):
    sp("today", check_code=0)  # the store exists, empty
    for delay in (0.9, 1.2, 1.5):
        killed_after(delay, "demo", "--years", "1")
        conn = sqlite3.connect(db_path)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        counts = [
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in ("contact", "activity", "appointment", "project")
        ]
        conn.close()
        assert counts == [0, 0, 0, 0] or all(counts), (delay, counts)
        if all(counts):
            break


def test_a_killed_export_leaves_no_partial_file(tmp_path, db_path):
    sp("demo", "--years", "1", check_code=0)
    target = tmp_path / "all.json"
    killed_after(1.2, "export", "-o", str(target))
    # Either the whole file or none: never a truncated all.json.
    if target.exists():
        json_text = target.read_text(encoding="utf-8")
        assert json_text.rstrip().endswith("}")
    sp("export", "-o", str(target), check_code=0)
    assert len(json.loads(target.read_text(encoding="utf-8"))["contacts"]) == 1000


def _wait_until_the_write_lock_is_held(db_path, writer, limit=60.0):
    """Return once another process holds the store's write lock (a streamed import is fast)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and writer.poll() is None:
        probe = sqlite3.connect(db_path, timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.rollback()
        except sqlite3.OperationalError:
            return
        finally:
            probe.close()
        time.sleep(0.02)
    pytest.fail("the import never held the write lock while it ran")


def test_a_reader_during_a_long_import_sees_the_store_as_before(tmp_path, db_path):
    sp("contact", "add", "已有", check_code=0)
    sheet = big_sheet(tmp_path, rows=100_000)
    writer = subprocess.Popen(
        [*CMD, "import", "contacts", str(sheet)],
        env=user_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_the_write_lock_is_held(db_path, writer)
        seen = json.loads(sp("contact", "list", "--json", check_code=0).stdout)
        still_importing = writer.poll() is None
    finally:
        writer.wait(timeout=120)
    assert [c["name"] for c in seen] == ["已有"]
    assert still_importing  # the reader did not wait for the writer
    assert writer.returncode == 0
    assert len(json.loads(sp("contact", "list", "--json", check_code=0).stdout)) == 100_001


def _as_reader_only(args):
    """Run salesplan as a process that may read but not write the store's file and folder.

    Root ignores file modes, so as root the run drops the capabilities that let it.
    """
    if os.geteuid() != 0:
        return [*CMD, *args]
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv to drop the override")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *CMD, *args]


def _store_bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("folder_writable", [False, True])
def test_read_commands_work_on_a_read_only_store_and_writes_are_refused(tmp_path, folder_writable):
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "s.db"
    env = user_env(SALESPLAN_DB=str(db))
    sp("contact", "add", "王建国", "--phone", "13800138000", env=env, check_code=0)
    sp("log", "call", "王建国", "--outcome", "reached", "--note", "报价", env=env, check_code=0)
    os.chmod(db, 0o400)
    os.chmod(folder, 0o700 if folder_writable else 0o500)
    try:
        before = _store_bytes(folder)

        def run(*args):
            return subprocess.run(
                _as_reader_only(args), capture_output=True, text=True, env=env, timeout=60
            )

        probe = run("--version")
        if probe.returncode != 0:
            pytest.skip(f"cannot run as a reader-only process here: {probe.stderr[-200:]}")
        listed = run("contact", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert [c["name"] for c in json.loads(listed.stdout)] == ["王建国"]
        log = run("log", "list", "--json")
        assert log.returncode == 0, log.stderr
        assert [(e["kind"], e["note"]) for e in json.loads(log.stdout)] == [("call", "报价")]
        for args in (("today", "--json"), ("due", "--json"), ("week", "--json"), ("progress",)):
            result = run(*args)
            assert result.returncode == 0, (args, result.stderr)
        progress = run("progress", "--json")
        assert json.loads(progress.stdout)["calls"]["done"] == 1
        exported = run("export", "--format", "json")
        assert json.loads(exported.stdout)["contacts"][0]["phone"] == "13800138000"
        copy = tmp_path / "copy.db"
        assert run("backup", "-o", str(copy)).returncode == 0
        with sqlite3.connect(copy) as conn:
            assert conn.execute("SELECT name FROM contact").fetchall() == [("王建国",)]

        refused = run("log", "call", "王建国")
        assert refused.returncode == 2
        assert refused.stderr.count("\n") == 1 and "read-only" in refused.stderr
        not_restored = run("restore", str(copy))
        assert not_restored.returncode == 2 and "read-only" in not_restored.stderr
        if not folder_writable:  # the default backup goes beside the store
            beside = run("backup")
            assert beside.returncode == 2 and beside.stderr.startswith("error: cannot write")
        # Nothing written to the file or beside it (no -shm or -wal left with its mode) ...
        assert _store_bytes(folder) == before
        # ... so once the owner makes it writable again, writing just works.
        os.chmod(db, 0o600)
        os.chmod(folder, 0o700)
        logged = run("log", "call", "王建国", "--outcome", "no-answer")
        assert logged.returncode == 0, logged.stderr
    finally:
        os.chmod(folder, 0o700)
        os.chmod(db, 0o600)


def test_read_commands_leave_an_up_to_date_store_byte_for_byte_and_untouched(db_path):
    sp("contact", "add", "王建国", "--phone", "13800138000", check_code=0)
    sp("log", "call", "王建国", "--next", "2026-12-02", check_code=0)
    before = (db_path.read_bytes(), db_path.stat().st_mtime_ns)
    for args in (
        ("today",),
        ("due", "--json"),
        ("week",),
        ("month",),
        ("review",),
        ("progress",),
        ("contact", "list", "--search", "王"),
        ("log", "list"),
        ("export", "--format", "csv", "--what", "contacts"),
    ):
        sp(*args, check_code=0)
    assert (db_path.read_bytes(), db_path.stat().st_mtime_ns) == before
    assert not os.path.exists(f"{db_path}-wal")


CONSOLE_SCRIPT = os.path.join(os.path.dirname(sys.executable), "salesplan")


@pytest.mark.parametrize(
    "entry",
    [CMD, [CONSOLE_SCRIPT]],
    ids=["python -m salesplan", "console script"],
)
def test_leaving_loses_no_output_and_keeps_the_exit_code(db_path, entry):
    """Both entries freeze the collector and exit: every byte must still reach the pipe."""
    if not os.path.exists(entry[0]):
        pytest.skip("the console script is not installed beside this interpreter")
    sp("demo", "--years", "1", check_code=0)
    buffered = user_env(PYTHONUNBUFFERED="")  # as on a user's machine: stdout to a pipe is buffered

    def run(*args):
        return subprocess.run([*entry, *args], capture_output=True, text=True, env=buffered)

    exported = run("export", "--format", "json")
    assert exported.returncode == 0 and len(exported.stdout) > 1_000_000
    assert len(json.loads(exported.stdout)["contacts"]) == 1000
    due = run("due", "--until", "+7d")
    assert due.stdout.rstrip("\n").count("\n") >= 10 and due.stdout.endswith("\n")
    bad = run("log", "call", "--outcome", "sideways")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    logged = run("log", "call", "--outcome", "no-answer")
    assert logged.returncode == 0 and logged.stdout.startswith("call #")
    assert not os.path.exists(f"{db_path}-wal")  # closed properly, so SQLite folded it in
    conn = sqlite3.connect(db_path)
    last = conn.execute("SELECT kind, outcome FROM activity ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert last == ("call", "no-answer")


def test_python_dash_m_leaves_the_ordinary_way_so_a_profiler_writes_its_file(tmp_path):
    profile = tmp_path / "today.prof"
    result = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "salesplan", "today"],
        capture_output=True,
        text=True,
        env=user_env(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    import pstats

    stats = pstats.Stats(str(profile))
    assert any(name == "build_timetable" for (_, _, name) in stats.stats)


def test_code_after_running_the_module_still_runs_and_sees_the_exit_code():
    script = textwrap.dedent(
        """
        import runpy, sys
        sys.argv = ["salesplan", "log", "call", "--outcome", "sideways"]
        try:
            runpy.run_module("salesplan", run_name="__main__")
        except SystemExit as exc:
            print("exit", exc.code)
        print("after")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=user_env(), timeout=60
    )
    assert result.stdout.split() == ["exit", "2", "after"]
    assert result.returncode == 0


def test_log_call_during_a_long_calendar_import_lands_every_time(tmp_path, db_path):
    """The calendar is read before the write lock is taken and written in short batches: a
    salesperson logging calls meanwhile waits far less than the busy timeout, and every
    call that said yes is in the store with every event."""
    sp("contact", "add", "王建国", check_code=0)
    events = 6000
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:e{i}@t\r\nDTSTART:20261201T{i % 10:02d}0000Z\r\n"
        f"DURATION:PT30M\r\nSUMMARY:拜访 {i}\r\nEND:VEVENT\r\n"
        for i in range(events)
    )
    cal = tmp_path / "big.ics"
    cal.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n", encoding="utf-8")
    importer = subprocess.Popen(
        [*CMD, "import", "calendar", str(cal)],
        env=user_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    codes = []
    while importer.poll() is None:
        # A timeout the old single-transaction import (lock held for the whole file) broke.
        codes.append(sp("log", "call", "王建国", env={"SALESPLAN_BUSY_TIMEOUT_MS": "3000"}))
    out, err = importer.communicate(timeout=120)
    assert importer.returncode == 0, err
    assert out.startswith(f"added {events} appointments")
    assert [r.returncode for r in codes] == [0] * len(codes), [r.stderr for r in codes]
    assert len(codes) >= 2  # the calls ran while the import did
    conn = sqlite3.connect(db_path)
    got = (
        conn.execute("SELECT count(*) FROM activity WHERE kind = 'call'").fetchone()[0],
        conn.execute("SELECT count(*) FROM appointment").fetchone()[0],
    )
    conn.close()
    assert got == (len(codes), events)
