"""Expenses, notes, and the store as a whole: demo data, backup, restore, export."""

from __future__ import annotations

import typer

expense_app = typer.Typer(help="Sales expenses.\n\nExample: salesplan expense add 86.5 --category travel", no_args_is_help=True)
note_app = typer.Typer(help="Notes.\n\nExample: salesplan note add 'x' --kind competitor", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    pass
