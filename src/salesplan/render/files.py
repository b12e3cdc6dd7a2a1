"""``-o FILE`` is written by ``formats.output``; the root callback still names the store to guard
from here."""

from salesplan.formats.output import (  # noqa: F401
    guard_store,
    open_output,
    output_path,
    remove_stale_parts,
    resolve_target,
    to_a_file,
    write_output,
)
