"""Small checks shared by every command: enumerations, names, phone numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable

from salesplan.errors import BadInput

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
_PHONE_JUNK = re.compile(r"[\s\-().]")
_PHONE = re.compile(r"^\+?\d{3,20}$")


def choose(value: str, options: Iterable[str], what: str) -> str:
    """``value`` if it is one of ``options`` (case-insensitive), else BadInput listing them."""
    opts = tuple(options)
    key = value.strip().lower()
    if key in opts:
        return key
    raise BadInput(f"unknown {what} {value!r}: use one of {', '.join(opts)}")


def normalize_phone(text: str | None) -> str | None:
    """Phone numbers are kept without spaces, dashes or brackets so lookups match."""
    if text is None:
        return None
    phone = _PHONE_JUNK.sub("", text.strip())
    if not phone:
        return None
    if not _PHONE.match(phone):
        raise BadInput(f"bad phone {text!r}: use digits, optionally with a leading +")
    return phone


def looks_like_phone(text: str) -> bool:
    phone = _PHONE_JUNK.sub("", text.strip())
    return bool(_PHONE.match(phone)) and len(phone.lstrip("+")) >= 5


def clean_text(
    value: str | None, what: str, required: bool = False, limit: int = 10_000
) -> str | None:
    """Trim; refuse control characters that would break tables and exports."""
    if value is None:
        if required:
            raise BadInput(f"{what} is required")
        return None
    text = value.strip()
    if not text:
        if required:
            raise BadInput(f"{what} must not be empty")
        return None
    if "\x00" in text:
        raise BadInput(f"bad {what}: it contains a NUL character")
    if len(text) > limit:
        raise BadInput(f"bad {what}: longer than {limit} characters")
    return text
