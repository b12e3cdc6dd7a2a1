"""The weekly report as a spreadsheet keeps its cells: every value of every sheet (and which
cells are bold), in both languages, on one demo store, kept in
``tests/fixtures/week_xlsx_cells.json``. The writer may be rebuilt; what a manager opens may not
change.

When a change is meant to change the spreadsheet, write the file again and read the diff:

    SALESPLAN_WRITE_XLSX_CELLS=1 python -m pytest tests/formats/test_week_xlsx_cells.py
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.clirun import cli_env as _env
from tests.clirun import invoke as _invoke

pytestmark = pytest.mark.sqlite_only

KEPT = Path(__file__).resolve().parents[1] / "fixtures" / "week_xlsx_cells.json"
WRITE = os.environ.get("SALESPLAN_WRITE_XLSX_CELLS") == "1"

# (name, language, the week's options).
CASES = [
    ("week.en", "en", []),
    ("week.zh", "zh-CN", []),
    ("week-past.en", "en", ["--week", "2026-W40"]),
    ("week-past.zh", "zh-CN", ["--week", "2026-W40"]),
]


def _cells(path: Path) -> dict[str, dict[str, list]]:
    """Each sheet's rows of values, and the cells in bold."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    return {
        sheet.title: {
            "rows": [list(row) for row in sheet.iter_rows(values_only=True)],
            "bold": [c.coordinate for row in sheet.iter_rows() for c in row if c.font.bold],
        }
        for sheet in book.worksheets
    }


def _dumped(found: dict) -> str:
    """The kept cells, one row a line, so a diff shows which row changed."""

    def one(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = ["{"]
    for i, (name, book) in enumerate(found.items()):
        out.append(f" {one(name)}: {{")
        for j, (title, sheet) in enumerate(book.items()):
            out.append(f"  {one(title)}: {{")
            out.append('   "rows": [')
            out += [f"    {one(row)}," for row in sheet["rows"]]
            out[-1] = out[-1].rstrip(",")
            out.append("   ],")
            out.append(f'   "bold": {one(sheet["bold"])}')
            out.append("  }" + ("," if j < len(book) - 1 else ""))
        out.append(" }" + ("," if i < len(found) - 1 else ""))
    out.append("}")
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("xlsx")
    db = home / "demo.db"
    made = _invoke(["demo", "--years", "1", "--seed", "3"], _env(db, home, "en"))
    assert made.exit_code == 0, made.output
    return db


def test_the_spreadsheet_keeps_its_cells(demo_store, tmp_path):
    found = {}
    for name, language, options in CASES:
        db = tmp_path / f"{name}.db"
        shutil.copyfile(demo_store, db)
        out = tmp_path / f"{name}.xlsx"
        result = _invoke(["week", *options, "-o", str(out)], _env(db, tmp_path, language))
        assert result.exit_code == 0, result.output
        found[name] = _cells(out)
    if WRITE:
        KEPT.write_text(_dumped(found), encoding="utf-8")
    kept = json.loads(KEPT.read_text(encoding="utf-8"))
    assert json.loads(json.dumps(found)) == kept
    assert set(kept) == {c[0] for c in CASES}
    assert all(len(sheet["rows"]) > 20 for book in kept.values() for sheet in book.values())
