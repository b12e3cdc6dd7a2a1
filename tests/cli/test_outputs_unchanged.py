"""What the read commands print on one demo store is kept byte for byte in
``tests/fixtures/outputs/``: a reshaping of the code (a plan moved, a module split, a writer moved
to formats/) must not change a byte of any ``--json`` document, nor of the reports a manager reads
(Markdown, in both languages) and the day and week as the terminal shows them.

When a change is meant to change an output, write the files again and read the diff:

    SALESPLAN_WRITE_OUTPUTS=1 python -m pytest tests/cli/test_outputs_unchanged.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.clirun import cli_env as _env
from tests.clirun import invoke as _invoke

pytestmark = pytest.mark.sqlite_only

KEPT = Path(__file__).resolve().parents[1] / "fixtures" / "outputs"
WRITE = os.environ.get("SALESPLAN_WRITE_OUTPUTS") == "1"

# (file name, language, argv after "salesplan").
COMMANDS: list[tuple[str, str, list[str]]] = [
    ("today.json", "en", ["today", "--json"]),
    ("due.json", "en", ["due", "--json"]),
    ("progress.json", "en", ["progress", "--json"]),
    ("plan-week.json", "en", ["plan", "week", "--json"]),
    ("contact-list.json", "en", ["contact", "list", "--tier", "key", "--limit", "40", "--json"]),
    ("contact-show.json", "en", ["contact", "show", "1", "--json"]),
    ("contact-dupes.json", "en", ["contact", "dupes", "--json"]),
    ("appt-list.json", "en", ["appt", "list", "--json"]),
    (
        "log-list.json",
        "en",
        ["log", "list", "--from", "2026-11-23", "--to", "2026-11-27", "--json"],
    ),
    ("project-list.json", "en", ["project", "list", "--json"]),
    ("project-show.json", "en", ["project", "show", "1", "--json"]),
    ("event-list.json", "en", ["event", "list", "--json"]),
    ("week.json", "en", ["week", "--json"]),
    ("week-past.json", "en", ["week", "--week", "2026-W40", "--json"]),
    ("month.json", "en", ["month", "--json"]),
    ("month-past.json", "en", ["month", "--month", "2026-03", "--json"]),
    ("review.json", "en", ["review", "--json"]),
    ("expense-list.json", "en", ["expense", "list", "--from", "2026-11-01", "--json"]),
    ("note-list.json", "en", ["note", "list", "--from", "2026-10-01", "--json"]),
    ("todo-list.json", "en", ["todo", "list", "--json"]),
    ("email-template-list.json", "en", ["email-template", "list", "--json"]),
    ("workday-list.json", "en", ["workday", "list", "--json"]),
    ("config-list.json", "en", ["config", "list", "--json"]),
    ("config-template-show.json", "en", ["config", "template", "show", "--json"]),
    ("week.md", "en", ["week", "--markdown"]),
    ("week.zh.md", "zh-CN", ["week", "--markdown"]),
    ("week-past.zh.md", "zh-CN", ["week", "--week", "2026-W40", "--markdown"]),
    ("today.txt", "en", ["today"]),
    ("today.zh.txt", "zh-CN", ["today"]),
    ("week.zh.txt", "zh-CN", ["week"]),
    ("due.zh.txt", "zh-CN", ["due"]),
    ("month.zh.txt", "zh-CN", ["month"]),
    ("log-list.zh.txt", "zh-CN", ["log", "list", "--from", "2026-11-26", "--to", "2026-11-27"]),
    ("project-list.zh.txt", "zh-CN", ["project", "list"]),
    ("review.zh.txt", "zh-CN", ["review"]),
    ("plan-week.zh.txt", "zh-CN", ["plan", "week"]),
]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("outputs")
    db = home / "demo.db"
    made = _invoke(["demo", "--years", "1", "--seed", "3"], _env(db, home, "en"))
    assert made.exit_code == 0, made.output
    return db


@pytest.mark.parametrize(("name", "language", "argv"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_the_output_is_what_it_was(demo_store, tmp_path, name, language, argv):
    db = tmp_path / "demo.db"
    shutil.copyfile(demo_store, db)  # a read may still write (a migration, a derived column)
    result = _invoke(argv, _env(db, tmp_path, language))
    assert result.exit_code == 0, result.output
    kept = KEPT / name
    if WRITE:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(result.stdout, encoding="utf-8")
    assert kept.exists(), f"no kept output {name}: run with SALESPLAN_WRITE_OUTPUTS=1"
    assert result.stdout == kept.read_text(encoding="utf-8")


def test_every_kept_output_is_still_asked_for():
    asked = {c[0] for c in COMMANDS}
    assert sorted(p.name for p in KEPT.iterdir()) == sorted(asked)
