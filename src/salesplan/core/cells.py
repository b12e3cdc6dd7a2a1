"""The spreadsheet formula guard (OWASP CSV injection), both ways, in one place.

A cell starting with = + - @ tab or CR would run as a formula in Excel: writers put a leading
apostrophe before it (which also keeps phone numbers such as +86… as text), and readers take
that apostrophe off again, so our own exports re-import exactly.

The mark is reversible without ambiguity: a value that already looks neutralised (apostrophes,
then one of those characters, such as ``'=quoted``) gets one more apostrophe, and the reader
takes exactly one off whenever what follows it, past any further apostrophes, starts with one
of them. So every value comes back as it was written.
"""

from __future__ import annotations

from typing import Any

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return text
    return "'" + text if text.lstrip("'").startswith(DANGEROUS) else text


def unneutralise(text: str) -> str:
    """Undo the apostrophe ``neutralise`` puts before = + - @ so re-import is exact."""
    return text[1:] if text.startswith("'") and text[1:].lstrip("'").startswith(DANGEROUS) else text
