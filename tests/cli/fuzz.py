"""Hostile command lines for every command: the strategy, one run, and what a run must hold.

The command tree is walked, not listed, so a new command or option is fuzzed the day it is
added. Values come from a pool of known troublemakers (dates at the ends of the calendar,
numbers past every integer type, control characters, paths that are folders or far too long)
mixed with arbitrary text. A run holds when it exits 0 or 2, writes at most one line on
stderr, shows no traceback, and leaves the store's bytes as they were when it failed.

Used by tests/cli/test_fuzz.py (a bounded run in CI) and bench/fuzz (a long run, counted).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from salesplan.core.validate import CONTROL_CHARACTERS
from tests.conftest import file_digest

# Commands a fuzzer must not run with arbitrary values: none today. (`config template edit`
# runs $EDITOR, which the runs set to `true`.)
SKIP: set[tuple[str, ...]] = set()

DATES = [
    "today", "tomorrow", "mon", "+3d", "-1d", "+2w", "2026-12-01", "明天", "下周一", "12月8日",
    "9999-12-31", "0001-01-01", "+99999999d", "-99999999w", "2026-02-30", "12月32日", "0号",
    "fri 2pm", "tomorrow 25:00", "2026-11-30T14:00", "9999-12-31T23:59", "0001-01-01T00:00",
    "2026-W49", "2026-W53", "0001-W01", "9999-W52", "2026-12", "0001-01", "9999-12",
]  # fmt: skip
NUMBERS = [
    "0", "1", "2", "-1", "99999999999999999999", "9223372036854775808", "1E+999999", "1e3",
    "²", "٣", "nan", "inf", "-inf", "0.001", "85万", "1.5亿", "-0", "1_000", "0x10", "",
]  # fmt: skip
TEXTS = [
    "王建国", "#1", "1", "#0", "#99999999999999999999", "13800138000", "%", "_", "%_%", "\\",
    "'", '"', "--", "-", " ", "a" * 20_000, "%" * 5_000, "王" * 300, "x|y", "=1+1", "NULL",
    "calls_per_day", "timezone", "day_template", "week_start", "language", "Asia/Shanghai",
    "credit", "abnormal", "key", "intent", "reached", "no-answer", "bidding", "csv", "json",
    "rot13", "zlib_codec", "王\n建国", "\u200b\u200d", "\u3164", "a\u00adb",
]  # fmt: skip
PATHS = [
    "", ".", "..", "out.csv", "out.json", "w.xlsx", "w.md", "day.ics", "sub/", "new/dir/x.json",
    "missing.json", "x" * 300, "d" * 300 + "/x.db", "garbage.bin", "contacts.csv", "empty.csv",
    "store.copy", "adir", "link-to-missing", "-",
    # The live store and its names, inputs that once made exit 1, an endless device.
    "store.db", "store.db-wal", "store.db-shm", "link-to-store", "surrogate.json",
    "charset.vcf", "/dev/zero",
]  # fmt: skip
CONTROL = ["\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m", "\u202e", "\x00", "\r", "\x7f"]
ENVIRONMENTS = [
    {},
    {"SALESPLAN_NOW": "0001-01-01T00:00"},
    {"SALESPLAN_NOW": "9999-12-31T23:59"},
    {"SALESPLAN_NOW": "2026-02-30T08:00"},
    {"SALESPLAN_BUSY_TIMEOUT_MS": "²"},
    {"SALESPLAN_BUSY_TIMEOUT_MS": "99999999999999999999"},
    {"SALESPLAN_LANG": "zh-CN"},
    {"SALESPLAN_DB": "", "HOME": "", "XDG_DATA_HOME": ""},
]
_DATE_WORDS = ("date", "until", "from", "to", "at", "next", "on", "week", "month")
_NUMBER_WORDS = ("amount", "limit", "years", "seed", "days", "minutes", "travel", "buffer")


@dataclass(frozen=True)
class Param:
    option: str | None  # "--date"; None for an argument
    kind: str  # "flag", "int", "path", "date", "number", "text"
    required: bool
    multiple: bool = False


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    params: tuple[Param, ...] = field(default=())


def _kind(param: Any) -> str:
    if getattr(param, "is_flag", False):
        return "flag"
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    name = (param.name or "").lower()
    if annotation is Path or name in ("file", "o", "ics") or "output" in name:
        return "path"
    if annotation is int:
        return "int"
    if any(word in name for word in _DATE_WORDS) or name == "on":
        return "date"
    if any(word in name for word in _NUMBER_WORDS):
        return "number"
    return "text"


def walk_commands() -> list[Command]:
    """Every leaf command of the tree, with its parameters."""
    from salesplan.cli.app import COMMANDS, build_command

    def leaves(command: Any, path: tuple[str, ...]) -> Iterator[Command]:
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                yield from leaves(sub, (*path, name))
            return
        params = tuple(
            Param(
                option=(p.opts[0] if p.param_type_name == "option" else None),
                kind=_kind(p),
                required=bool(p.required),
                multiple=bool(p.multiple or p.nargs != 1),
            )
            for p in command.params
            if p.name not in ("help",)
        )
        yield Command(path, params)

    out: list[Command] = []
    for name in COMMANDS:
        out.extend(c for c in leaves(build_command(name), (name,)) if c.path not in SKIP)
    return out


def _pool(kind: str) -> st.SearchStrategy[str]:
    pools = {
        "int": NUMBERS,
        "number": NUMBERS,
        "date": DATES,
        "path": PATHS,
        "text": TEXTS,
    }
    anything = st.text(max_size=40)
    if kind == "path":
        # Arbitrary names, but inside the run's own folder: never "/…", "~…" or "../…".
        anything = anything.filter(lambda t: not t.startswith(("/", "~")) and ".." not in t)
        return st.one_of(st.sampled_from(PATHS), anything)
    hostile = st.builds(
        lambda a, c, b: a + c + b,
        st.sampled_from(TEXTS[:3]),
        st.sampled_from(CONTROL),
        st.text(max_size=5),
    )
    return st.one_of(
        st.sampled_from(pools[kind]),
        st.sampled_from(DATES + NUMBERS + TEXTS),
        anything,
        hostile,
    )


@st.composite
def invocations(draw: Any, commands: list[Command]) -> tuple[list[str], dict[str, str]]:
    """A command line (argv after ``salesplan``) and extra environment for one run."""
    command = draw(st.sampled_from(commands))
    argv = list(command.path)
    positional: list[str] = []
    for param in command.params:
        if not param.required and not draw(st.booleans()):
            continue
        if param.kind == "flag":
            if param.option:
                argv.append(param.option)
            continue
        value = draw(_pool(param.kind))
        if param.option is None:
            positional.append(value)
        elif param.option.startswith("--") and draw(st.booleans()):
            argv.append(f"{param.option}={value}")
        else:
            argv.extend([param.option, value])
    # "--" so a value starting with "-" is taken as the argument it was drawn for.
    argv.extend(["--", *positional] if positional else [])
    env = draw(st.sampled_from(ENVIRONMENTS))
    return argv, env


# --- one run ------------------------------------------------------------------------------


def seed_store(db: Path) -> None:
    """A small store with one of everything, built through the commands themselves."""
    from typer.testing import CliRunner

    from salesplan.cli.app import app

    runner = CliRunner()
    env = {"SALESPLAN_DB": str(db), "SALESPLAN_NOW": "2026-11-30T08:05"}
    for argv in (
        ["contact", "add", "王建国", "--company", "华远建材", "--phone", "13800138000"],
        ["contact", "add", "李娜", "--phone", "13911112222", "--status", "intent"],
        ["appt", "add", "王建国", "--at", "tomorrow 14:00", "--title", "方案讲解"],
        ["log", "call", "王建国", "--outcome", "reached", "--next", "fri"],
        ["log", "visit", "李娜"],
        ["project", "add", "望京SOHO", "--contact", "王建国", "--amount", "850000"],
        ["expense", "add", "120", "--category", "travel"],
        ["note", "add", "周报要点"],
        ["event", "add", "答谢日", "--on", "2026-12-20"],
    ):
        result = runner.invoke(app, argv, env=env, catch_exceptions=False)
        assert result.exit_code == 0, (argv, result.stderr)
    # Text that only a hand edit or an older version could have stored: it must never come
    # back out as a control sequence (see Outcome.problem).
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE contact SET notes = ?, company = ? WHERE id = 2",
            ("\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eEVIL", "[link=https://evil.example/]点[/link]"),
        )
        conn.execute("UPDATE activity SET note = ? WHERE id = 2", ("\x1b]8;;https://e/\x1b\\x",))


def prepare_workdir(work: Path, template: Path) -> None:
    """The files the path pool names: a copy of the store, garbage, a folder, a dangling link."""
    work.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, work / "store.copy")
    (work / "garbage.bin").write_bytes(bytes(range(256)) * 4)
    (work / "contacts.csv").write_text("name,phone\n王建国,13800138000\n新客户,13700001111\n")
    (work / "empty.csv").write_text("")
    for path in (work / "adir", work / "nowhere", work / "link-to-missing"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
    (work / "adir").mkdir()
    (work / "link-to-missing").symlink_to(work / "nowhere")
    link = work / "link-to-store"
    if not link.is_symlink():
        link.symlink_to(work / "store.db")
    (work / "surrogate.json").write_text(
        '{"format": "salesplan-export", "version": 1, "contacts": [{"id": 1, "name": "a\\ud800"}]}'
    )
    (work / "charset.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=zlib_codec;ENCODING=QUOTED-PRINTABLE:x\r\n"
        "END:VCARD\r\n"
    )


@dataclass
class Outcome:
    code: int
    stderr: str
    changed: bool
    stdout: str = ""
    data_out: bool = False  # stdout carries a file format (export, backup): bytes as stored
    store_lost: bool = False  # the store was overwritten or removed

    def problem(self) -> str | None:
        """Why this run did not hold, as a short signature; None when it held."""
        lines = self.stderr.splitlines()
        first = lines[0][:90] if lines else ""
        if "Traceback" in self.stderr:
            return f"exit {self.code}: traceback: {lines[-1][:90] if lines else ''}"
        if self.store_lost:
            return f"exit {self.code}: the store is no longer an SQLite database: {first}"
        if self.code not in (0, 2):
            return f"exit {self.code}: {first}"
        if len(lines) > 1:
            return f"exit {self.code}: {len(lines)} stderr lines: {first}"
        if self.code != 0 and self.changed:
            return f"exit {self.code}: store changed: {first}"
        if not self.data_out:
            found = CONTROL_CHARACTERS.search(self.stdout.replace("\r\n", "\n"))
            if found:
                return f"exit {self.code}: control character U+{ord(found.group()):04X} on stdout"
        if CONTROL_CHARACTERS.search(self.stderr):
            return f"exit {self.code}: control character on stderr"
        return None


def run_once(
    argv: list[str],
    env: dict[str, str],
    *,
    db: Path,
    template: Path,
    template_digest: str,
    work: Path,
) -> Outcome:
    """Run one command line in-process, in ``work``, on a fresh copy of the seeded store."""
    from typer.testing import CliRunner

    from salesplan.cli.app import app
    from salesplan.cli.common import reset_console

    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, db)
    os.chmod(db, 0o600)
    reset_console()
    full_env: dict[str, str | None] = {
        "SALESPLAN_DB": str(db),
        "SALESPLAN_NOW": "2026-11-30T08:05",
        "SALESPLAN_DEBUG": None,
        "SALESPLAN_BUSY_TIMEOUT_MS": "2000",
        "EDITOR": "true",
        "VISUAL": "true",
        **env,
    }
    cwd = os.getcwd()
    os.chdir(work)
    try:
        result = CliRunner().invoke(app, argv, env=full_env, input="", catch_exceptions=True)
    finally:
        os.chdir(cwd)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "\nTraceback: " + type(result.exception).__name__
    store_lost = not db.is_file() or db.read_bytes()[:16] != b"SQLite format 3\x00"
    changed = store_lost or file_digest(db) != template_digest
    try:
        stdout = result.stdout
    except ValueError:  # bytes that are not text: a backup written to stdout
        stdout = ""
    data_out = argv[:1] in (["export"], ["backup"])
    return Outcome(result.exit_code, stderr, changed, stdout, data_out, store_lost)
