"""File formats, one module each: every format is read and written in its own module.

``csv`` (contacts in, tables out, the formula guard both ways), ``vcard`` (contacts in),
``ics`` (calendar events in, the day's appointments out), ``dump`` (the JSON export of every
table, and back), ``text`` (bounded reading and decoding shared by the readers), ``markdown``
and ``xlsx`` (the weekly report, from the typed summary; ``report_lines`` words its lines for
both), ``html`` (the pages), ``output`` (writing ``-o FILE`` as shell redirection does). Formats
import ``core`` and their format libraries only: records go to the store as core shapes.
"""

from __future__ import annotations

from pathlib import Path

from salesplan.errors import BadInput
from salesplan.i18n import _

CONTACT_SUFFIXES = {".csv": "csv", ".txt": "csv", ".vcf": "vcard", ".vcard": "vcard"}


def contact_format(file: Path) -> str:
    """Which reader a contact file needs, by its suffix: ``csv`` or ``vcard``."""
    kind = CONTACT_SUFFIXES.get(file.suffix.lower())
    if kind is None:
        raise BadInput(_("cannot import {name}: use a .csv or .vcf file").format(name=file.name))
    return kind
