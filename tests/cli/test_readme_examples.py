"""Every ``salesplan …`` command in README.md's shell examples runs and exits 0.

One demo store is built (by the README's own ``salesplan demo --years 1``) with the people,
appointments and projects the examples name; each example then runs in-process on a fresh
copy of it, so the examples do not depend on one another's order. The files they read
(day.toml, all.json, a backup, a contact list, a calendar) are made first, in the folder the
examples run in, as a user following the README would have them.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import NOW

ROOT = Path(__file__).resolve().parents[2]
# The examples run on copies of one SQLite demo store (a copy per example is a file copy).
pytestmark = pytest.mark.sqlite_only

# Exit codes the README documents for an example, when not 0 (none today).
EXPECTED_CODES: dict[str, int] = {}


@dataclass(frozen=True)
class Example:
    line: str  # as the README writes it
    argv: tuple[str, ...]  # after "salesplan"
    stdin: str | None  # what a printf before a pipe feeds it
    redirect: str | None  # the file after ">"

    @property
    def id(self) -> str:
        return " ".join(self.argv)[:60]


def readme_examples() -> list[Example]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        # A block that points SALESPLAN_DB at a team server runs on one: tests/team does that.
        if re.search(r"SALESPLAN_DB=\S*postgresql://", block):
            continue
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            stdin = None
            segment: list[str] = []
            for word in [*words, "&&"]:
                if word not in ("&&", "|", ";"):
                    segment.append(word)
                    continue
                if segment[:1] == ["printf"]:
                    stdin = segment[1].replace("\\n", "\n")
                elif segment[:1] == ["salesplan"]:
                    argv, redirect = segment[1:], None
                    if ">" in argv:
                        argv, redirect = argv[: argv.index(">")], argv[argv.index(">") + 1]
                    found.append(Example(line.strip(), tuple(argv), stdin, redirect))
                    stdin = None
                segment = []
    return found


EXAMPLES = readme_examples()

CONTACTS_CSV = (
    "姓名,电话,片区,公司\n赵立新,13912345678,海淀,立新装饰\n孙悦,13987654321,朝阳,悦达建材\n"
)
CALENDAR_ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//example//calendar//EN
BEGIN:VEVENT
UID:readme-example-1@example.com
DTSTAMP:20261125T010000Z
DTSTART:20261203T020000Z
DTEND:20261203T030000Z
SUMMARY:方案讲解
LOCATION:望京
END:VEVENT
END:VCALENDAR
"""


def _env(db: Path, home: Path) -> dict[str, str]:
    return {
        "SALESPLAN_DB": str(db),
        "SALESPLAN_NOW": NOW,
        "SALESPLAN_LANG": "en",
        "TZ": "Asia/Shanghai",
        "COLUMNS": "140",
        "HOME": str(home),
        "EDITOR": "true",
    }


def _invoke(argv: list[str], env: dict[str, str], stdin: str | None = None):
    from salesplan.cli.app import app
    from salesplan.cli.common import reset_console

    reset_console()
    return CliRunner().invoke(app, argv, env=env, input=stdin, catch_exceptions=False)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the demo store and the files the examples read; also $HOME."""
    home = tmp_path_factory.mktemp("readme")
    base = home / "base.db"
    env = _env(base, home)
    cwd = os.getcwd()
    os.chdir(home)
    try:
        demo = next(e for e in EXAMPLES if e.argv[:1] == ("demo",) and "1" in e.argv)
        assert _invoke(list(demo.argv), env).exit_code == 0
        (home / "fair.csv").write_text("name,phone\n展会甲,13700000001\n", encoding="utf-8")
        for argv in (
            [
                "contact",
                "add",
                "王建国",
                "--phone",
                "13800138099",
                "--area",
                "朝阳",
                "--tier",
                "key",
            ],
            ["contact", "add", "李四", "--phone", "13800138098"],
            ["contact", "add", "陈总", "--phone", "13800138097"],
            ["todo", "add", "交投标文件"],  # to-do 1, for todo done 1
            ["email-template", "add", "初次介绍", "--subject", "{company}", "--body", "{name}"],
            ["import", "contacts", "fair.csv", "--list", "建材展"],  # for calls --list 建材展
        ):
            assert _invoke(argv, env).exit_code == 0, argv
        # The ids the examples use: appointments 3 and 12 planned this week, projects 1 and
        # 2 still in design, entry 214 a call.
        conn = sqlite3.connect(base)
        with conn:
            conn.execute(
                "UPDATE appointment SET status = 'planned', start = '2026-12-01 06:00:00' "
                "WHERE id IN (3, 12)"
            )
            conn.execute("UPDATE project SET stage = 'design', won_date = NULL WHERE id IN (1, 2)")
            conn.execute("UPDATE activity SET kind = 'call' WHERE id = 214")
        conn.close()
        for argv, target in (
            (["config", "template", "show"], "day.toml"),
            (["export", "--format", "json", "-o", "all.json"], None),
            (["backup", "-o", str(home / "salesplan-backup.db")], None),
        ):
            result = _invoke(argv, env)
            assert result.exit_code == 0, (argv, result.stderr)
            if target:
                (home / target).write_text(result.stdout, encoding="utf-8")
        (home / "客户名单.csv").write_text(CONTACTS_CSV, encoding="utf-8")
        (home / "客户名单.rejected.csv").write_text(CONTACTS_CSV, encoding="utf-8")
        (home / "手机通讯录.vcf").write_text(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:周立\r\nTEL:13911112222\r\nEND:VCARD\r\n",
            encoding="utf-8",
        )
        (home / "案例.md").write_text("{name}您好，\n这是{product}的案例。\n", encoding="utf-8")
        (home / "work.ics").write_text(CALENDAR_ICS, encoding="utf-8")
        notice = ROOT / "tests" / "fixtures" / "notices" / "2026.txt"
        (home / "通知.txt").write_text(notice.read_text(encoding="utf-8"), encoding="utf-8")
    finally:
        os.chdir(cwd)
    return home


def test_the_readme_has_examples_of_every_top_level_command():
    from salesplan.cli.app import COMMANDS

    shown = {e.argv[0] for e in EXAMPLES if e.argv and not e.argv[0].startswith("-")}
    assert len(EXAMPLES) > 60
    # team's examples need a team server: tests/team runs those commands on one.
    assert shown >= set(COMMANDS) - {"workday", "team"}


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_readme_example(example: Example, workspace: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(workspace)
    if example.argv[:1] == ("demo",):
        db = tmp_path / "empty.db"  # demo fills an empty store
    else:
        db = tmp_path / "store.db"
        shutil.copyfile(workspace / "base.db", db)
    monkeypatch.setenv("HOME", str(workspace))  # before ~ is expanded: never the real home
    argv = [os.path.expanduser(a) if a.startswith("~") else a for a in example.argv]
    # The call block reads answers from the keyboard; a person can always quit with q.
    stdin = example.stdin if example.stdin is not None else "q\n"
    result = _invoke(argv, _env(db, workspace), stdin)
    expected = EXPECTED_CODES.get(example.line, 0)
    assert result.exit_code == expected, (example.line, result.stdout[-500:], result.stderr)
    if example.redirect:
        assert result.stdout.strip()
