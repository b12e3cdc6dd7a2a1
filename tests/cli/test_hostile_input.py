"""Hostile input at the command line: control characters, bad UTF-8, out-of-range values.

Each case exits 2 with one line on stderr and leaves the store exactly as it was.
"""

from __future__ import annotations

import pytest

TITLE_AND_CLEAR = "\x1b]0;pwned\x07\x1b[2J\x1b[31mEVIL"


@pytest.fixture
def stored(run, db_path):
    run("contact", "add", "王建国", "--phone", "13800138000")
    return db_path


def _one_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["contact", "add", TITLE_AND_CLEAR],
        ["contact", "add", "陈静", "--company", "居然\x9b2J之家"],
        ["contact", "add", "周杰", "--note", "ok\u202etxt.exe"],
        ["contact", "edit", "王建国", "--area", "朝阳\x1b]8;;https://evil.example/\x1b\\"],
        ["log", "call", "王建国", "--note", "回电\x07"],
        ["contact", "list", "--search", "\x1b[2J"],
    ],
)
def test_typed_control_characters_exit_2_and_change_nothing(run, stored, digest, argv):
    before = digest(stored)
    line = _one_line(run(*argv, code=2))
    assert "control character U+" in line
    assert "\x1b" not in line and "\x9b" not in line and "\u202e" not in line
    assert digest(stored) == before


def test_invalid_utf8_in_an_argument_exits_2_naming_its_position(run, stored, digest):
    before = digest(stored)
    name = b"\xff\xfe\xe7\x8e\x8b".decode("utf-8", "surrogateescape")
    line = _one_line(run("contact", "add", name, code=2))
    assert line == "error: argument 3 is not valid UTF-8: use UTF-8 text"
    assert digest(stored) == before


def test_tabs_and_line_breaks_in_a_note_are_kept(run, stored):
    run("log", "call", "王建国", "--note", "第一行\n第二行\t完")
    assert run.json("log", "list")[0]["note"] == "第一行\n第二行\t完"
