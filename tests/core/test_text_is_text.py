"""One rule for invisible characters and line breaks, for typing and every import."""

import pytest

from salesplan.core.validate import clean_text, remove_invisible, strip_controls
from salesplan.errors import BadInput


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("王\u200b建国", "王建国"),  # zero-width space
        ("\ufeff王建国", "王建国"),  # byte-order mark
        ("王\u200e建\u200f国", "王建国"),  # bidi marks
        ("王建国\U000e0041\U000e007f", "王建国"),  # tag characters
        ("王\u3164建国", "王建国"),  # HANGUL FILLER
        ("Zhang\u00adwei", "Zhangwei"),  # soft hyphen
        ("王\u200c\u200d建国", "王建国"),  # joiners between letters
        ("👨\u200d👩\u200d👧 家庭", "👨\u200d👩\u200d👧 家庭"),  # ZWJ inside an emoji sequence
        ("❤\ufe0f\u200d🔥", "❤\ufe0f\u200d🔥"),
        ("a\u200d👍", "a👍"),
    ],
)
def test_invisible_characters_are_removed_on_write(typed, stored):
    assert remove_invisible(typed) == stored
    assert clean_text(typed, "name") == stored
    assert strip_controls(typed)[0] == stored


def test_strip_controls_counts_what_it_removed():
    assert strip_controls("王\u200b\u200b建国") == ("王建国", 2)


@pytest.mark.parametrize("value", ["\u200b", "\u3164\u3164", "\u00ad \ufeff", "\U000e0041"])
def test_a_value_made_only_of_invisible_characters_is_refused(value):
    with pytest.raises(BadInput, match="only invisible characters"):
        clean_text(value, "name", required=True)


@pytest.mark.parametrize("breaker", ["\n", "\r", "\u2028", "\x85", "\r\n"])
@pytest.mark.parametrize("what", ["name", "company", "phone", "title", "event name"])
def test_one_line_fields_refuse_line_breaks(what, breaker):
    with pytest.raises(BadInput, match="it contains a line break; it is one line"):
        clean_text(f"王建国{breaker}error: the store is damaged", what)


def test_notes_keep_their_line_breaks():
    assert clean_text("第一行\n第二行", "note") == "第一行\n第二行"
