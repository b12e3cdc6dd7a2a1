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
