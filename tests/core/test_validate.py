"""Control characters: refused when typed, stripped (and counted) from imported values."""

from __future__ import annotations

import re

import pytest

from salesplan.core.validate import clean_text, refuse_controls, strip_controls
from salesplan.errors import BadInput


@pytest.mark.parametrize(
    ("raw", "clean", "removed"),
    [
        # retitle the window, clear the screen, turn red: only the visible word is left
        ("\x1b]0;pwned\x07\x1b[2J\x1b[31mEVIL", "EVIL", 19),
        # an OSC 8 hyperlink keeps its text, not its target
        ("\x1b]8;;https://evil.example/\x1b\\点这里\x1b]8;;\x1b\\", "点这里", 35),
        # 8-bit CSI inside a Chinese name
        ("王\x9b31m建国", "王建国", 4),
        # right-to-left override and isolates
        ("invoice\u202egpj.exe", "invoicegpj.exe", 1),
        ("a\u2066b\u2069c", "abc", 2),
        # an unterminated sequence goes up to the next control character or the end
        ("王建国\x1b]0;title", "王建国", 9),
        ("\x1b[31", "", 4),
        # a two-byte escape (RIS) takes its final byte with it, not the next character
        ("A\x1bc王", "A王", 2),
        # lone CR, DEL, NUL, backspace
        ("a\rb\x7fc\x00d\x08e", "abcde", 4),
    ],
)
def test_strip_controls_removes_sequences_whole_and_counts_characters(
    raw: str, clean: str, removed: int
) -> None:
    assert strip_controls(raw) == (clean, removed)


def test_strip_controls_keeps_tabs_line_breaks_and_text_unchanged() -> None:
    text = "王建国\t华远建材\n第二行 — “引号” ½ café"
    assert strip_controls(text) == (text, 0)
    # a CR LF line end is a line end, not a removal
    assert strip_controls("一\r\n二") == ("一\r\n二", 0)  # a CSV cell's CR LF comes back whole
    assert strip_controls("一\r二\x1b[2J\r\n三") == ("一二\r\n三", 5)


@pytest.mark.parametrize(
    ("typed", "code_point"),
    [("\x1b[2J", "U+001B"), ("a\x9bb", "U+009B"), ("x\u202ey", "U+202E"), ("\x00", "U+0000")],
)
def test_typed_control_characters_are_refused_naming_the_code_point(
    typed: str, code_point: str
) -> None:
    with pytest.raises(
        BadInput, match=re.escape(f"bad name: it contains the control character {code_point};")
    ):
        clean_text(f"王{typed}建国", "name")


def test_typed_tabs_and_line_breaks_are_accepted() -> None:
    assert refuse_controls("一\t二\r\n三", "note") == "一\t二\r\n三"
    assert clean_text("  两行\n备注 ", "note") == "两行\n备注"
