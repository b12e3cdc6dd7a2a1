"""Reading the files people bring, bounded: too big, NUL bytes or a bad encoding are refused
with one line naming the line, instead of importing half of the file.

The cap counts the bytes actually read, never the size a file claims: a FIFO, a device or a
symlink to ``/dev/zero`` is stopped at 50 MB like any other file. The encoding is read from a
byte-order mark when there is one (UTF-8, UTF-16), else it is the one asked for.

The caps are read when a file is opened, not when this module is: a test lowers them (1 MB
proves what 50 MB does, at a fiftieth of the reading) by setting ``MAX_FILE_BYTES`` or
``MAX_JSON_BYTES`` here.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import IO

from salesplan.errors import BadInput
from salesplan.i18n import _

MAX_FILE_BYTES = 50 * 1024 * 1024
# A JSON export is parsed whole and its rows checked before any is written, so its import holds
# about ten times the file: 25 MB (a five-year store's export) peaks near 280 MiB. A bigger store
# moves with backup and restore, which copy the file instead of reading it.
MAX_JSON_BYTES = 25 * 1024 * 1024

# A template or an e-mail body read from a file: far more than any, and never a device's flood.
MAX_SMALL_FILE_BYTES = 1024 * 1024


def _too_big(what: str, limit: int) -> str:
    if limit == MAX_JSON_BYTES:
        return _(
            "{file} is over {mb} MB: JSON exports up to {mb} MB are imported; "
            "move a bigger store with backup and restore"
        ).format(file=what, mb=limit // (1024 * 1024))
    return _("{file} is over {mb} MB: files over {mb} MB are not imported").format(
        file=what, mb=limit // (1024 * 1024)
    )


class _Capped(io.RawIOBase):
    """A binary file read through a count of its bytes, refused past the cap."""

    def __init__(self, raw: IO[bytes], what: str, limit: int) -> None:
        self._raw = raw
        self._what = what
        self._limit = limit
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def,unused-ignore]
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self.count += n or 0
        if self.count > self._limit:
            raise BadInput(_too_big(self._what, self._limit))
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_bounded(file: Path, limit: int | None = None) -> io.BufferedReader:
    """The file opened for reading, refused past ``limit`` bytes (``MAX_FILE_BYTES`` unless said)."""
    if limit is None:
        limit = MAX_FILE_BYTES
    try:
        raw = open(file, "rb", buffering=0)  # noqa: SIM115 - closed by the caller's reader
    except OSError as exc:
        raise BadInput(
            _("cannot read {file}: {reason}").format(file=file, reason=exc.strerror or exc)
        ) from None
    return io.BufferedReader(_Capped(raw, file.name, limit), buffer_size=1 << 16)


def read_bounded(file: Path, limit: int | None = None) -> bytes:
    """The file's bytes, at most ``limit`` of them (``MAX_FILE_BYTES`` unless said)."""
    with open_bounded(file, limit) as fh:
        try:
            return fh.read()
        except OSError as exc:
            raise BadInput(
                _("cannot read {file}: {reason}").format(file=file, reason=exc.strerror or exc)
            ) from None


def codec_for(head: bytes, encoding: str) -> str:
    """The codec to read a file starting with ``head``: its byte-order mark decides."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    name = encoding.lower().replace("_", "-")
    if name in ("utf-8", "utf8"):
        return "utf-8-sig"
    if not is_text_codec(name):
        raise BadInput(
            _(
                "unknown encoding {encoding!r}: use utf-8, utf-16, gb18030 or another text encoding"
            ).format(encoding=encoding)
        )
    return name


def is_text_codec(name: str) -> bool:
    """Whether ``name`` is a codec between bytes and text (rot13 and zlib_codec are not)."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return False
    # The standard library marks its bytes-to-bytes and str-to-str codecs so.
    return getattr(info, "_is_text_encoding", True) is not False


def open_text(
    file: Path, encoding: str | None = "utf-8", errors: str = "strict"
) -> io.TextIOWrapper:
    """The file as text, read as it is consumed (for CSV); decoding errors surface as
    UnicodeDecodeError while reading (``errors="surrogateescape"`` keeps the bytes instead, for
    a reader that knows their charset better), NUL characters are the reader's to refuse.
    ``encoding`` None: UTF-8, or GB18030 when the file's first 64 KiB are not UTF-8 but read
    as GB18030 (a Chinese Excel saves CSV so); the stream's ``encoding`` says which."""
    binary = open_bounded(file)
    try:
        head = binary.peek(1 << 16)
    except OSError as exc:
        binary.close()
        raise BadInput(
            _("cannot read {file}: {reason}").format(file=file, reason=exc.strerror or exc)
        ) from None
    chosen = guess_encoding(head) if encoding is None else encoding
    return io.TextIOWrapper(binary, encoding=codec_for(head[:4], chosen), errors=errors, newline="")


def guess_encoding(head: bytes) -> str:
    """``utf-8``, or ``gb18030`` for a head that is not UTF-8 but reads as GB18030 with some
    Chinese in it (a character cut at the head's end is no error)."""

    def reads_as(codec: str) -> bool:
        try:
            codecs.getincrementaldecoder(codec)().decode(head, final=False)
        except UnicodeDecodeError:
            return False
        return True

    if reads_as("utf-8") or not reads_as("gb18030"):
        return "utf-8"
    return "gb18030"


def read_text(file: Path, encoding: str = "utf-8", limit: int | None = None) -> str:
    """The whole file as text (a JSON export), bounded and checked."""
    return decode(read_bounded(file, limit), file.name, encoding)


def decode(data: bytes, what: str, encoding: str = "utf-8") -> str:
    codec = codec_for(data[:4], encoding)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadInput(
            _(
                "{what} is not {encoding} (line {line}); save it as UTF-8, or give --encoding gb18030"
            ).format(what=what, encoding=encoding, line=line)
        ) from None
    check_no_nul(text, what)
    return text


def check_no_nul(text: str, what: str) -> None:
    at = text.find("\x00")
    if at >= 0:
        line = text.count("\n", 0, at) + 1
        raise BadInput(
            _("{what} has a NUL byte on line {line}: not a text file").format(what=what, line=line)
        )
