"""The report's lines are built from the typed sections in two forms: Markdown (a bullet, bold
totals, stored text escaped) and plain (a spreadsheet cell, a line of the HTML page). The plain
form takes the Markdown off the catalog's templates, never off the stored text."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from salesplan import i18n
from salesplan.core.summary import NoteRow
from salesplan.formats.markdown import MARKDOWN
from salesplan.formats.report_lines import PLAIN, lines_for


@pytest.fixture(autouse=True)
def english():
    i18n.use_language("en")
    yield
    i18n.use_language("en")


def _policy(*notes: NoteRow) -> SimpleNamespace:
    return SimpleNamespace(policy=notes)


def test_stored_text_keeps_its_stars_and_dashes_in_a_plain_line():
    note = NoteRow("policy", "**new** subsidy - 5%", date(2026, 11, 30), "-Li")
    assert lines_for("policy", _policy(note), PLAIN) == ["2026-11-30 **new** subsidy - 5% (-Li)"]
    assert lines_for("policy", _policy(note), MARKDOWN) == [
        "- 2026-11-30 \\*\\*new\\*\\* subsidy - 5% (\\-Li)"
    ]


def test_a_total_is_bold_in_markdown_and_plain_in_a_cell():
    sections = SimpleNamespace(
        collections=SimpleNamespace(
            payments=(
                SimpleNamespace(
                    on=date(2026, 12, 1), project="Pump", contact="Wang", amount=123450, note=None
                ),
            ),
            total=123450,
        )
    )
    assert lines_for("collections", sections, PLAIN) == [
        "2026-12-01 Pump (Wang): 1,234.50",
        "Total: 1,234.50",
    ]
    assert lines_for("collections", sections, MARKDOWN) == [
        "- 2026-12-01 Pump (Wang): 1,234.50",
        "- **Total: 1,234.50**",
    ]


def test_in_chinese_the_plain_line_drops_only_the_templates_markup():
    i18n.use_language("zh-CN")
    sections = SimpleNamespace(
        collections=SimpleNamespace(
            payments=(
                SimpleNamespace(
                    on=date(2026, 12, 1), project="泵**", contact="王", amount=100, note=None
                ),
            ),
            total=100,
        )
    )
    plain = lines_for("collections", sections, PLAIN)
    assert plain[0].startswith("12月1日 泵**（王）")
    assert plain[1].startswith("合计：") and "**" not in plain[1]
