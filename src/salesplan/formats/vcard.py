"""vCard: contacts in (a phone's or mail program's address book), read card by card.

The file is read as it is consumed, a bounded piece of a line at a time, so memory stays a
small constant whatever the file holds: a 44 MB card with one PHOTO costs what a one-line card
costs. Only the properties a contact keeps (FN, N, TEL, EMAIL, ORG, ADR, NOTE; the first of
each) are held, each up to ``MAX_VALUE_CHARS``; every other property (PHOTO, LOGO, SOUND,
X-…) is skipped as it is read.

vCard 2.1 as Chinese phones export it is read as well as 3.0 and 4.0: quoted-printable values
with soft line breaks (``=`` at the end of a line), ``CHARSET=`` parameters (GB2312 and GBK are
read as GB18030, which contains both), bare parameters (``TEL;CELL;VOICE:``), groups
(``item1.TEL``), folded lines and backslash escapes.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from salesplan.core.importrules import MAX_NUMBERS, full_name, order_numbers
from salesplan.core.interchange import Record
from salesplan.errors import BadInput
from salesplan.formats.text import is_text_codec
from salesplan.i18n import _

KEPT = ("FN", "N", "TEL", "EMAIL", "ORG", "ADR", "NOTE", "VERSION")
# Properties a card may hold several of, each kept (every number and address a card lists).
SEVERAL = ("TEL", "EMAIL")
# The longest value kept (after unfolding): ten times the longest note a contact may hold.
MAX_VALUE_CHARS = 100_000
# A physical line is read in pieces of at most this many characters.
_PIECE = 64 * 1024
# Charsets phones name that Python knows under a wider name.
_CHARSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030"}
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)


@dataclass
class _Property:
    name: str  # upper case, without its group
    params: list[str]  # as written, each "KEY=VALUE" or a bare "VALUE"
    line: int
    keep: bool
    head: str = ""  # the name and parameters as written, for the rejects file
    pieces: list[str] = field(default_factory=list)
    size: int = 0

    @property
    def quoted_printable(self) -> bool:
        return any(
            p.upper() in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE") for p in self.params
        )

    @property
    def base64(self) -> bool:
        return any(p.upper() in ("ENCODING=B", "ENCODING=BASE64", "BASE64") for p in self.params)

    def drop_last_char(self) -> None:
        if self.pieces:
            while self.pieces and not self.pieces[-1]:
                self.pieces.pop()
            if self.pieces:
                self.pieces[-1] = self.pieces[-1][:-1]

    def param(self, key: str) -> str | None:
        for p in self.params:
            k, sep, v = p.partition("=")
            if sep and k.strip().upper() == key:
                return v.strip().strip('"')
        return None


def vcard_contacts(stream: TextIO, what: str) -> Iterator[Record]:
    """The contacts of a vCard file, one Record per card, read as the file is consumed.
    Raises BadInput naming the line or card: no card at all, a card without END:VCARD, a value
    over the limit, a charset that cannot be read."""
    source = (getattr(stream, "encoding", None) or "utf-8").lower()
    seen_card = False
    depth = 0  # 1 inside a card; more inside a card embedded in it (2.1 AGENT), ignored
    number = 0
    card: dict[str, list[_Property]] = {}
    for prop in _properties(stream, what):
        if prop.name == "BEGIN" and _value_is(prop, "VCARD"):
            depth += 1
            if depth == 1:
                seen_card = True
                number += 1
                card = {}
        elif prop.name == "END" and _value_is(prop, "VCARD"):
            if depth == 1:
                yield _record(card, number, what, source)
            depth = max(depth - 1, 0)
        elif depth == 1 and prop.keep:
            held = card.setdefault(prop.name, [])
            if not held or (prop.name in SEVERAL and len(held) < MAX_NUMBERS):
                held.append(prop)
    if depth:
        raise BadInput(_("{file} is truncated: a vCard has no END:VCARD").format(file=what))
    if not seen_card:
        raise BadInput(_("{file} holds no vCard (no BEGIN:VCARD)").format(file=what))


def _value_is(prop: _Property, word: str) -> bool:
    return "".join(prop.pieces).strip().upper() == word


def _properties(stream: TextIO, what: str) -> Iterator[_Property]:
    """Each property of the file, unfolded, with the value held only for the kept ones."""
    current: _Property | None = None
    line = 0
    continues = False  # the last piece did not end its physical line
    soft_break = False  # the last line of a quoted-printable value ended with "="
    tail = ""  # the last character of the physical line read so far
    after_cr = False  # the last piece ended with a CR: a "\n" alone is the rest of its CRLF
    while True:
        piece = _read_piece(stream, what, line)
        if not piece:
            break
        ends = piece.endswith(("\n", "\r"))
        text = piece.rstrip("\r\n") if ends else piece
        if not continues:
            if not text and ends:
                # A blank line (or the "\n" of a "\r\n" read apart) means nothing, except
                # that it ends a quoted-printable value whose last line ended with a soft
                # break (an OPPO export writes "=" and a blank line before END:VCARD).
                if not (piece == "\n" and after_cr):
                    soft_break = False
                after_cr = piece.endswith("\r")
                continue
            line += 1
            if soft_break and text.strip().upper() == "END:VCARD":
                soft_break = False
        if "\x00" in text:
            raise BadInput(
                _(
                    "{file} has a NUL byte on line {line}: not a text file, or UTF-16 without "
                    "a byte-order mark (save it as UTF-8)"
                ).format(file=what, line=line)
            )
        if continues or soft_break:
            # The rest of a long line, or the line after a quoted-printable soft break.
            if current is not None:
                _add(current, text, what)
        elif text[:1] in (" ", "\t") and current is not None:
            _add(current, text[1:], what)  # a folded line: the fold is one whitespace character
        else:
            if current is not None:
                yield current
            current = _start(text, line, what)
        tail = text[-1:] if text or not continues else tail
        after_cr = piece.endswith("\r")
        continues = not ends
        soft_break = False
        if ends and tail == "=" and current is not None and current.quoted_printable:
            soft_break = True
            current.drop_last_char()
    if current is not None:
        yield current


def _read_piece(stream: TextIO, what: str, line: int) -> str:
    try:
        return stream.readline(_PIECE)
    except UnicodeDecodeError as exc:
        raise BadInput(
            _(
                "{file} is not {encoding} (line {line}); save it as UTF-8, or give --encoding gb18030"
            ).format(file=what, encoding=exc.encoding, line=line + 1)
        ) from None


def _start(text: str, line: int, what: str) -> _Property:
    head, colon, value = text.partition(":")
    if not colon:
        # Not a property (a stray line of an unindented PHOTO, say): nothing to keep.
        return _Property("", [], line, keep=False)
    parts = _split_params(head)
    name = parts[0].rpartition(".")[2].strip().upper()
    prop = _Property(
        name, parts[1:], line, keep=name in KEPT or name in ("BEGIN", "END"), head=head
    )
    _add(prop, value, what)
    return prop


def _split_params(head: str) -> list[str]:
    """``item1.TEL;TYPE="a;b";CELL`` → ["item1.TEL", 'TYPE="a;b"', "CELL"]."""
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in head:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def _add(prop: _Property, text: str, what: str) -> None:
    if not prop.keep:
        return
    prop.size += len(text)
    if prop.size > MAX_VALUE_CHARS:
        raise BadInput(
            _("{file} line {line}: a {name} value over {limit:,} characters").format(
                file=what, line=prop.line, name=prop.name, limit=MAX_VALUE_CHARS
            )
        )
    prop.pieces.append(text)


def _record(card: dict[str, list[_Property]], number: int, what: str, source: str) -> Record:
    where = f"vCard {number}"
    raw = _raw_card(card)
    try:
        return Record(where, _card_fields(card, number, what, source), raw)
    except BadInput as exc:
        return Record(where, {}, raw, ("", str(exc)))


def _card_fields(
    card: dict[str, list[_Property]], number: int, what: str, source: str
) -> dict[str, Any]:
    version = card.get("VERSION") or []
    legacy = bool(version) and "".join(version[0].pieces).strip() == "2.1"

    def decoded(prop: _Property) -> list[str]:
        return _decode(prop, number, what, source, legacy)

    def parts(key: str) -> list[str]:
        props = card.get(key)
        return decoded(props[0]) if props else []

    def first(key: str) -> str | None:
        return " ".join(parts(key)).strip() or None

    def every(key: str) -> list[str]:
        values = (" ".join(decoded(p)).strip() for p in card.get(key, []))
        return [v for v in values if v]

    name = first("FN")
    if not name:
        n = parts("N")  # family; given; additional; prefixes; suffixes
        name = full_name(*(n[i] if len(n) > i else None for i in (0, 1, 2)))
    phones = [_tel_uri(p) for p in every("TEL")]
    adr = parts("ADR")
    fields: dict[str, Any] = {
        "name": name,
        "phone": order_numbers([p for p in phones if p]),
        "email": every("EMAIL"),
        "company": " ".join(p for p in (s.strip() for s in parts("ORG")) if p) or None,
        "address": " ".join(p for p in (s.strip() for s in adr[2:5]) if p) or None,
        "notes": first("NOTE"),
    }
    return {k: v for k, v in fields.items() if v}


def _tel_uri(value: str) -> str:
    """``tel:+86-10-8888-6666;ext=801`` → ``+86-10-8888-6666 ext 801``; a plain number as is."""
    if not value.lower().startswith("tel:"):
        return value
    number, _sep, params = value[4:].partition(";")
    ext = next((p.partition("=")[2] for p in params.split(";") if p.lower().startswith("ext=")), "")
    return f"{number.strip()} ext {ext.strip()}" if ext.strip() else number.strip()


def _raw_card(card: dict[str, list[_Property]]) -> tuple[str, ...]:
    """The card as the rejects file writes it: the properties read, as they were written."""
    lines = ["BEGIN:VCARD"]
    for props in card.values():
        lines += [p.head + ":" + "".join(p.pieces) for p in props]
    return (*lines, "END:VCARD")


def _decode(prop: _Property, number: int, what: str, source: str, legacy: bool) -> list[str]:
    """The property's value as text, split into its components where the property has them
    (N, ADR, ORG), each decoded (quoted-printable, base64, charset) and unescaped (2.1: only
    ``\\;``, other backslashes kept; 3.0 and 4.0: ``\\n``, ``\\,``, ``\\;``, ``\\\\``).

    ``source`` is the codec the file was read with: a value in 8-bit bytes under a CHARSET
    other than the file's is turned back into its bytes and read in its own charset, and bytes
    the file's codec could not read (kept as surrogates) are read as the card says, or as
    GB18030 when it says nothing."""
    raw = "".join(prop.pieces)
    components = _split_unescaped(raw) if prop.name in ("N", "ADR", "ORG") else [raw]
    named = prop.param("CHARSET")
    charset = (named or "utf-8").lower()
    codec = _CHARSETS.get(charset, charset)
    if not is_text_codec(codec):
        raise BadInput(
            _("{file}: vCard {number} names an unknown charset {charset}").format(
                file=what, number=number, charset=repr(charset[:40])
            )
        )
    out = []
    for component in components:
        text = component
        try:
            if prop.quoted_printable:
                text = binascii.a2b_qp(component.encode(codec, "surrogateescape")).decode(codec)
            elif prop.base64:
                text = base64.b64decode(component, validate=False).decode(codec)
            else:
                text = _recode(component, source, codec if named else None)
        except (UnicodeError, binascii.Error, ValueError):
            raise BadInput(
                _("{file}: vCard {number} has a {name} that is not {charset}").format(
                    file=what, number=number, name=prop.name, charset=charset
                )
            ) from None
        out.append(_unescape(text, legacy))
    return out


def _recode(text: str, source: str, codec: str | None) -> str:
    """Text read from the file in ``source``, as the charset ``codec`` the card names would
    read its bytes (no charset named: unreadable bytes as GB18030, the Chinese phones' own)."""
    if source.startswith("utf-16") or source.startswith("utf-32"):
        return text  # the file's own encoding says it all: no byte is left to read again
    base = "utf-8" if source in ("utf-8-sig", "utf_8_sig", "utf-8", "utf8") else source
    damaged = any("\udc80" <= ch <= "\udcff" for ch in text)
    if codec is None or codecs.lookup(codec).name == codecs.lookup(base).name:
        if not damaged:
            return text
        codec = "gb18030" if codecs.lookup(base).name == "utf-8" else base
    return text.encode(base, "surrogateescape").decode(codec)


def _split_unescaped(raw: str) -> list[str]:
    """Split on ``;`` not escaped by a backslash; escapes are left for ``_unescape``."""
    parts: list[str] = []
    buf: list[str] = []
    escaped = False
    for ch in raw:
        if escaped:
            buf.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ";":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    if escaped:
        buf.append("\\")
    parts.append("".join(buf))
    return parts


def _unescape(text: str, legacy: bool = False) -> str:
    if legacy:  # vCard 2.1 escapes only the semicolon; a backslash is a backslash
        return text.replace("\\;", ";")
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


class VcardRejects:
    """The cards an import could not write, each with the properties it was read by, so they
    can be fixed and imported again."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def add(self, raw: tuple[str, ...]) -> None:
        self.out.write("".join(line + "\r\n" for line in raw))
