"""``week``, ``month`` and ``review``: looking back, and the weekly report."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
