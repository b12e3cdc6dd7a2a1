"""One list of options for the commands that take the same ones (``contact add`` and ``edit``,
``email-template add`` and ``edit``): declared once, as the parameters of a function that
does nothing, and given to each command after its own arguments.

Typer reads a command's options from its signature, so the command's signature becomes its
own parameters followed by the shared ones, and it receives the shared ones in ``**options``.
"""

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

Command = TypeVar("Command", bound=Callable[..., Any])


def with_options(shared: Callable[..., Any]) -> Callable[[Command], Command]:
    """Give a command the options ``shared`` declares, after its own parameters (those before
    its ``**options``), in ``shared``'s order and with its help texts and defaults."""

    def give(command: Command) -> Command:
        own = [
            p
            for p in inspect.signature(command).parameters.values()
            if p.kind is not inspect.Parameter.VAR_KEYWORD
        ]
        added = list(inspect.signature(shared).parameters.values())
        setattr(command, "__signature__", inspect.Signature([*own, *added]))  # noqa: B010
        annotations = {k: v for k, v in command.__annotations__.items() if k != "options"}
        annotations.update((k, v) for k, v in shared.__annotations__.items() if k != "return")
        command.__annotations__ = annotations
        return command

    return give
