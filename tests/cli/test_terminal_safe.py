"""Stored text never drives the terminal: no control sequence, no rich markup, no planted link.

The store here is written behind salesplan's back (as an older version, another tool or a
hand edit could), since typed text with control characters is refused.
"""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from salesplan.core.validate import CONTROL_CHARACTERS

# The store here is a file handled directly (copied, planted, filled): SQLite only.
pytestmark = pytest.mark.sqlite_only

RETITLE_AND_CLEAR = "\x1b]0;pwned\x07\x1b[2J\x1b[31mEVIL"
LINK = "\x1b]8;;https://evil.example/\x1b\\点这里\x1b]8;;\x1b\\"
C1_AND_BIDI = "王\x9b2J建国\u202etxt.exe"


@pytest.fixture
def planted(run, db_path):
    run("contact", "add", "陈静", "--phone", "13500003333")
    run("contact", "add", "markup", "--phone", "13400004444")
    run("log", "call", "陈静", "--outcome", "callback", "--next", "today", "--note", "x")
    run("appt", "add", "陈静", "--at", "2026-11-30 14:00", "--title", "方案")
    run("appt", "add", "陈静", "--at", "2026-12-08 10:00", "--title", "复访")
    run("project", "add", "幕墙", "--contact", "陈静", "--amount", "1000")
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "UPDATE contact SET name = ?, company = ?, notes = ? WHERE id = 1",
            (C1_AND_BIDI, LINK, RETITLE_AND_CLEAR),
        )
        conn.execute(
            "UPDATE contact SET name = ?, company = ? WHERE id = 2",
            ("[/]", "[link=https://evil.example/]点我[/link]"),
        )
        conn.execute("UPDATE activity SET note = ?", (RETITLE_AND_CLEAR,))
        conn.execute("UPDATE appointment SET title = ?", (RETITLE_AND_CLEAR,))
        conn.execute("UPDATE project SET name = ?", (LINK,))
    return db_path


READ_COMMANDS = [
    ["contact", "list"],
    ["contact", "list", "--search", "13"],
    ["contact", "show", "#1"],
    ["contact", "show", "#2"],
    ["log", "list"],
    ["appt", "list"],
    ["today"],
    ["due"],
    ["week"],
    ["week", "--markdown"],
    ["week", "--date", "2026-12-01"],
    ["month"],
    ["review"],
    ["project", "list"],
    ["project", "show", "1"],
    ["calls"],
]


def _no_controls(text: str) -> None:
    found = CONTROL_CHARACTERS.search(text.replace("\r\n", "\n"))
    assert found is None, f"U+{ord(found.group()):04X} in {text[:300]!r}"


def test_stored_control_characters_never_reach_stdout(run, planted):
    for argv in READ_COMMANDS:
        out = run(*argv).stdout
        _no_controls(out)
        assert "pwned" not in out, argv


def test_on_a_colour_terminal_only_rich_s_own_styles_are_sent(run, planted):
    for argv in (["contact", "show", "#1"], ["contact", "list"], ["log", "list"], ["calls"]):
        out = run(*argv, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"}).stdout
        # Colours and bold (SGR, "ESC [ … m") are ours; nothing else may be an escape.
        without_styles = re.sub(r"\x1b\[[0-9;]*m", "", out)
        _no_controls(without_styles)
        assert "\x1b]" not in out, argv  # no OSC: no title, no hyperlink


def test_rich_markup_in_stored_text_is_shown_as_text(run, planted):
    out = run("contact", "list", env={"COLUMNS": "200"}).stdout
    assert "[/]" in out
    assert "[link=https://evil.example/]点我[/link]" in out


def test_json_keeps_the_stored_values_exactly_with_c1_escaped(run, planted):
    result = run("contact", "list", "--json")
    assert "\x9b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\u009b" in result.stdout and "\\u202e" in result.stdout
    first = json.loads(result.stdout)[0]
    assert (first["name"], first["company"]) == (C1_AND_BIDI, LINK)


def test_json_export_to_stdout_escapes_what_json_leaves_raw(run, planted):
    out = run("export").stdout
    _no_controls(out)
    assert json.loads(out)["contacts"][0]["name"] == C1_AND_BIDI


def test_week_xlsx_with_a_control_character_in_a_name_is_written_clean(run, planted, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "w.xlsx"
    run("week", "--date", "2026-12-01", "-o", str(out))
    book = load_workbook(out)
    cells = [str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c]
    assert any("王建国txt.exe" in c for c in cells)  # the next week's appointment, stripped
    for cell in cells:
        _no_controls(cell)


def test_error_messages_carry_no_control_characters(run, planted, monkeypatch, tmp_path):
    bad = tmp_path / "store\x1b[2J.db"
    result = run(
        "today", env={"SALESPLAN_DB": str(bad), "SALESPLAN_BUSY_TIMEOUT_MS": "\x1b[2J"}, code=2
    )
    _no_controls(result.stderr)
