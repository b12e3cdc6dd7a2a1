"""Small checks shared by every command: enumerations, names, phone numbers, control characters.

Control characters are what lets a stored value talk to the terminal that shows it: an ESC
sequence retitles the window or clears the screen, an OSC 8 sequence hides a link, a bidi
override reorders what is read. Typed text with one is refused (``refuse_controls``); imported
text has them removed and counted (``strip_controls``); whatever is shown is stripped again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from salesplan.core.vocab import TABLES, key_for, label
from salesplan.errors import BadInput
from salesplan.i18n import NP_, _, is_chinese, pgettext

# Every field a contact has, in the order forms and imports show them.
CONTACT_FIELDS = (
    "name",
    "company",
    "phone",
    "email",
    "area",
    "address",
    "tier",
    "status",
    "business",
    "needs",
    "decision_maker",
    "interests",
    "notes",
)
# ESC sequences are removed whole, so no half of one ("]0;title") is left behind: CSI
# (ESC [ … final byte), the string commands OSC, DCS, SOS, PM, APC (ESC ] … up to BEL or ST, or
# to the next control character when unterminated), any other ESC with its intermediates, and
# the 8-bit forms of CSI and of the string commands.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x90\x98\x9d\x9e\x9f][^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)?"
)
# C0 but tab and newline, DEL, C1, and the bidi embeddings, overrides and isolates.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Invisible characters: they make two equal-looking names differ, hide text, or (a name made
# of them) look empty. Removed on write, typed or imported: zero-width space, non-joiner,
# joiner (kept between two emoji, where it builds one picture), word joiner and the invisible
# operators, the byte-order mark, the bidi marks, tag characters, the Hangul fillers, the
# Mongolian vowel separator and the soft hyphen. The bidi embeddings, overrides and isolates
# are control characters (above): refused when typed, removed from imports.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200e\u200f"
    "\u2060-\u2064\u3164\uffa0\ufeff\U000e0000-\U000e007f]"
    "|\u200d"
)
# What may stand on either side of a kept ZWJ: pictographs, their modifiers and selectors.
_EMOJI_SIDE = re.compile(
    "[\u00a9\u00ae\u203c-\u3299\U0001f000-\U0001faff\ufe0f\u2640\u2642\u2695\u2764]"
)
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")
# Fields that are one line: a line break in one would print a second, forged line.
SINGLE_LINE_FIELDS = frozenset(
    {
        "name",
        "company",
        "phone",
        "email",
        "area",
        "decision maker",
        "title",
        "location",
        "project name",
        "date name",
        "event name",
        "list",
    }
)
_PHONE_JUNK = re.compile(r"[\s\-().]")
_PHONE = re.compile(r"^\+?\d{3,20}$")


# The nouns ``choose`` names in its message.
WHAT = (
    NP_("what", "tier"),
    NP_("what", "status"),
    NP_("what", "stage"),
    NP_("what", "outcome"),
    NP_("what", "kind"),
    NP_("what", "category"),
    NP_("what", "flag"),
    NP_("what", "format"),
    NP_("what", "what"),
    NP_("what", "rule"),
    NP_("what", "appointment status"),
)


def choose(value: str, options: Iterable[str], what: str) -> str:
    """The English key ``value`` names: one of ``options`` (case-insensitive) or one of its
    Chinese words (core.vocab); else BadInput listing what is accepted."""
    opts = tuple(options)
    key = value.strip().lower()
    if key in opts:
        return key
    table = TABLES.get(what, {})
    found = key_for(value, opts, table)
    if found is not None:
        return found
    if is_chinese():
        accepted = "、".join(label(o, table) for o in opts)
        raise BadInput(
            _("unknown {what} {value}: use one of {options}").format(
                what=pgettext("what", what), value=repr(value), options=accepted
            )
        )
    raise BadInput(
        _("unknown {what} {value!r}: use one of {choices}").format(
            what=what, value=value, choices=", ".join(opts)
        )
    )


def normalize_phone(text: str | None) -> str | None:
    """Phone numbers are kept without spaces, dashes or brackets so lookups match."""
    if text is None:
        return None
    phone = _PHONE_JUNK.sub("", text.strip())
    if not phone:
        return None
    if not _PHONE.match(phone):
        raise BadInput(
            _("bad phone {text!r}: use digits, optionally with a leading +").format(text=text)
        )
    return phone


def looks_like_phone(text: str) -> bool:
    phone = _PHONE_JUNK.sub("", text.strip())
    return bool(_PHONE.match(phone)) and len(phone.lstrip("+")) >= 5


# The names of typed fields, as error messages name them (``pgettext("what", …)``).
_FIELD_NAMES = (
    NP_("what", "note"),
    NP_("what", "comment"),
    NP_("what", "name"),
    NP_("what", "email"),
    NP_("what", "phone"),
    NP_("what", "company"),
    NP_("what", "business"),
    NP_("what", "needs"),
    NP_("what", "decision maker"),
    NP_("what", "interests"),
    NP_("what", "address"),
    NP_("what", "area"),
    NP_("what", "notes"),
    NP_("what", "title"),
    NP_("what", "location"),
    NP_("what", "reason"),
    NP_("what", "project name"),
    NP_("what", "date name"),
    NP_("what", "event name"),
)


def clean_text(
    value: str | None, what: str, required: bool = False, limit: int = 10_000
) -> str | None:
    """Trim; refuse control characters (they would reach terminals, tables and exports)."""
    if value is None:
        if required:
            raise BadInput(_("{what} is required").format(what=pgettext("what", what)))
        return None
    text = remove_invisible(value).strip()
    if not text:
        if value.strip():
            raise BadInput(
                _("bad {what}: it holds only invisible characters; type visible text").format(
                    what=pgettext("what", what)
                )
            )
        if required:
            raise BadInput(_("{what} must not be empty").format(what=pgettext("what", what)))
        return None
    if what in SINGLE_LINE_FIELDS and _LINE_BREAKS.search(text):
        raise BadInput(
            _("bad {what}: it contains a line break; it is one line of text").format(
                what=pgettext("what", what)
            )
        )
    refuse_controls(text, what)
    if len(text) > limit:
        raise BadInput(
            _("bad {what}: longer than {limit} characters").format(
                what=pgettext("what", what), limit=limit
            )
        )
    return text


def remove_invisible(text: str) -> str:
    """``text`` without invisible characters (see _INVISIBLE); a ZWJ between two emoji stays.

    The one rule for every value written, typed (``clean_text``) or imported
    (``strip_controls``)."""
    if not _INVISIBLE.search(text):
        return text

    def keep_emoji_joiner(found: re.Match[str]) -> str:
        if found.group() != "\u200d":
            return ""
        at = found.start()
        before = text[at - 1] if at else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        both = _EMOJI_SIDE.match(before) and _EMOJI_SIDE.match(after)
        return "\u200d" if both else ""

    return _INVISIBLE.sub(keep_emoji_joiner, text)


def find_control(text: str) -> str | None:
    """The first control character in ``text`` (see CONTROL_CHARACTERS), or None."""
    found = CONTROL_CHARACTERS.search(text)
    return found.group() if found else None


def refuse_controls(text: str, what: str) -> str:
    """``text`` unchanged, or BadInput when a control character is in it (typed input)."""
    char = find_control(text.replace("\r\n", "\n"))
    if char is not None:
        raise BadInput(
            _(
                "bad {what}: it contains the control character U+{code:04X}; use printable text (tabs and line breaks are fine)"
            ).format(what=pgettext("what", what), code=ord(char))
        )
    return text


def strip_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters, ESC sequences and invisible characters, and how
    many characters went.

    Tabs and line breaks stay, a CR LF as it came (a CSV cell's line break comes back as it
    was exported); a CR alone is a control character.
    """
    visible = remove_invisible(text)
    if find_control(visible.replace("\r\n", "\n")) is None:
        return visible, len(text) - len(visible)
    clean = "\r\n".join(
        CONTROL_CHARACTERS.sub("", _ESCAPE_SEQUENCE.sub("", part)) for part in visible.split("\r\n")
    )
    return clean, len(text) - len(clean)
