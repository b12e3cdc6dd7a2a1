"""vCard: contacts in (a phone's or mail program's address book), read with vobject."""

from __future__ import annotations

from collections.abc import Iterator

from salesplan.core.interchange import Record
from salesplan.errors import BadInput
from salesplan.i18n import _


def vcard_contacts(text: str, what: str) -> Iterator[Record]:
    import vobject

    if "BEGIN:VCARD" not in text.upper():
        raise BadInput(_("{what} holds no vCard (no BEGIN:VCARD)").format(what=what))
    if text.upper().count("BEGIN:VCARD") != text.upper().count("END:VCARD"):
        raise BadInput(_("{what} is truncated: a vCard has no END:VCARD").format(what=what))
    try:
        cards = list(vobject.readComponents(text, validate=False))
    except Exception as exc:  # noqa: BLE001 - vobject raises several kinds on bad input
        raise BadInput(
            _("{what} is not a readable vCard file: {reason}").format(
                what=what, reason=_first_line(exc)
            )
        ) from None
    for n, card in enumerate(cards, 1):
        if card.name.upper() != "VCARD":
            continue

        def value(key: str, card=card) -> str | None:
            item = card.contents.get(key)
            if not item:
                return None
            raw = item[0].value
            if key == "org" and isinstance(raw, list):
                raw = " ".join(raw)
            if key == "adr":
                raw = " ".join(str(p) for p in (raw.street, raw.city, raw.region) if p)
            return str(raw).strip() or None

        name = value("fn")
        if not name and card.contents.get("n"):
            n_value = card.contents["n"][0].value
            name = f"{n_value.family}{n_value.given}".strip() or None
        fields = {
            "name": name,
            "phone": value("tel"),
            "email": value("email"),
            "company": value("org"),
            "address": value("adr"),
            "notes": value("note"),
        }
        yield Record(
            f"vCard {n}" + (f" ({name})" if name else ""), {k: v for k, v in fields.items() if v}
        )


def _first_line(exc: Exception) -> str:
    lines = str(exc).splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]
