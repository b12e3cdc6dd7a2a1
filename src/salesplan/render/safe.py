"""Nothing read from the store reaches a terminal as a control sequence.

Typed text with control characters is refused and imported text is stripped, but a store
written by an older version, another tool or by hand may still hold an ESC sequence that
would retitle the window, clear the screen or hide a link. So every renderable the console
prints goes through ``TerminalSafe``: the text of each segment is stripped of control
characters after rich has laid it out, while the styles rich adds itself (colours, bold)
are kept, since they are not in the text. Plain text for stdout goes through ``safe_text``.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderHook, RenderResult
from rich.segment import Segment

from salesplan.core.validate import strip_controls

# What json.dumps(ensure_ascii=False) leaves raw but a terminal may act on: C1 controls and
# the bidi overrides and isolates. JSON output escapes them (\u009b), keeping the value exact.
_JSON_RAW_CONTROLS = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """``text`` with every control character and ESC sequence removed (tabs, newlines kept)."""
    return strip_controls(text)[0]


def safe_json(document: str) -> str:
    """A JSON document with the control characters JSON leaves raw written as ``\\uXXXX``."""
    return _JSON_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


class _Stripped:
    """A renderable whose segments carry no control characters in their text."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            text, style, control = segment
            if control:  # rich's own cursor moves, not text
                yield segment
                continue
            if style is not None and style.link:  # we print no links: one would be planted
                style = style.update_link(None)
            yield Segment(safe_text(text), style)


class TerminalSafe(RenderHook):
    """A console render hook: everything printed is stripped of control characters."""

    def process_renderables(self, renderables: list[Any]) -> list[Any]:
        return [_Stripped(r) for r in renderables]


# Markdown acts on these anywhere in a line (code spans, emphasis, links, HTML, table cells);
# an underscore inside a word (alice_7715) emphasises nothing and is left as it is.
_MD_INLINE = re.compile(r"[\\`*\[\]<>|~]|(?<!\w)_|_(?!\w)")
# ... and on these at the start of a line (headings, lists, quotes, setext underlines, breaks).
_MD_BLOCK_START = re.compile(r"^(?:[#=+\-]|(\d{1,9})[.)])")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]")


def md_text(text: object) -> str:
    """Stored text as Markdown inline text: on one line, with every character Markdown would
    act on escaped, so a name holding ``|``, a backtick, a newline or a leading ``#`` or ``-``
    shows as itself and never breaks a table or starts a heading, list or code block."""
    flat = " ".join(_LINE_BREAKS.sub(" ", safe_text(str(text))).split())
    escaped = _MD_INLINE.sub(lambda m: "\\" + m.group(), flat)
    start = _MD_BLOCK_START.match(escaped)
    if start is None:
        return escaped
    if start.group(1):  # "1." or "1)": an ordered list
        cut = len(start.group(1))
        return escaped[:cut] + "\\" + escaped[cut:]
    return "\\" + escaped
