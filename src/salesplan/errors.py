"""The exceptions salesplan raises on purpose.

Library code raises these; only ``salesplan.cli`` turns them into a one-line message and an
exit code, so the same functions can be used from tests and scripts.
"""


class SalesplanError(Exception):
    """Base class: the message is shown to the user as it is, on one line."""

    exit_code = 2


class BadInput(SalesplanError):
    """Something the user typed is wrong; the message says what is accepted."""


class NotFound(BadInput):
    """A referenced record does not exist."""


class Ambiguous(BadInput):
    """A reference matches more than one record."""


class StoreError(SalesplanError):
    """The store cannot be used: not a salesplan database, not writable, unknown version."""


class StoreBusy(SalesplanError):
    """Another process held the write lock past the busy timeout."""

    exit_code = 75


class NoSpace(SalesplanError):
    """The disk (or quota) is full: nothing was changed; reading still works."""

    exit_code = 74


class StoreUnavailable(SalesplanError):
    """The team server cannot be reached, timed out, or dropped the connection: try again."""

    exit_code = 75
