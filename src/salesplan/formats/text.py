"""Reading the files people bring, bounded: too big, NUL bytes or a bad encoding are refused
with one line naming the line, instead of importing half of the file."""

from __future__ import annotations

from pathlib import Path

from salesplan.errors import BadInput

MAX_FILE_BYTES = 50 * 1024 * 1024


def read_bounded(file: Path) -> bytes:
    """The file's bytes, refusing files over the cap and files with NUL bytes."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BadInput(
                f"{file.name} is {size // (1024 * 1024)} MB: files over 50 MB are not imported"
            )
        data = file.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read {file}: {exc.strerror or exc}") from None
    check_size(data, file.name)
    return data


def check_size(data: bytes, what: str) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise BadInput(
            f"{what} is {len(data) // (1024 * 1024)} MB: files over 50 MB are not imported"
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise BadInput(f"{what} has a NUL byte on line {line}: not a text file")


def decode(data: bytes, what: str, encoding: str = "utf-8") -> str:
    try:
        return data.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        line = data[: getattr(exc, "start", 0)].count(b"\n") + 1
        raise BadInput(
            f"{what} is not {encoding} (line {line}); save it as UTF-8, or give --encoding gb18030"
        ) from None
