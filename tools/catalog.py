#!/usr/bin/env python3
"""The zh_CN message catalog: extract every message from the source, merge, compile.

    python tools/catalog.py update     # extract, merge into the .po, list untranslated
    python tools/catalog.py compile    # .po -> .mo (the .mo is committed beside the .po)
    python tools/catalog.py check      # exit 1 if a message lacks Chinese or the .mo is stale

Messages are what ``_()``, ``ngettext``, ``pgettext``, ``N_`` and ``NP_`` mark, plus what
help shows without a call: the docstring of every command (a docstring with an
``Example:`` line, as every command has) and every ``help=`` text in cli/.
"""

from __future__ import annotations

import ast
import inspect
import io
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "salesplan"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "salesplan.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
}


def _string(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract_salesplan(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """babel's Python extractor, plus command docstrings and ``help=`` texts."""
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    tree = ast.parse(source)
    help_texts = options.get("help_texts", False)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=True)
            if doc and "Example:" in doc:
                yield node.lineno, None, doc, []
        elif help_texts and isinstance(node, ast.Call):
            for kw in node.keywords:
                text = _string(kw.value) if kw.arg == "help" else None
                if text:
                    yield kw.value.lineno, None, inspect.cleandoc(text), []
            name = getattr(node.func, "id", None)
            if name == "sub_app" and node.args and _string(node.args[0]):
                yield node.lineno, None, inspect.cleandoc(_string(node.args[0])), []


# Fixed header dates: a date that moved on every update would make every landing conflict.
HEADER_DATE = datetime(2026, 11, 28, tzinfo=UTC)


def new_catalog() -> Catalog:
    return Catalog(
        locale="zh_CN",
        domain="salesplan",
        project="salesplan",
        version="",
        copyright_holder="salesplan",
        msgid_bugs_address="",
        creation_date=HEADER_DATE,
        revision_date=HEADER_DATE,
        language_team="zh_CN",
        last_translator="salesplan",
        fuzzy=False,
    )


def extracted() -> Catalog:
    catalog = new_catalog()
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        options = {"help_texts": "/cli/" in relative}
        with path.open("rb") as fh:
            for lineno, message, comments, context in extract(
                extract_salesplan, fh, KEYWORDS, options=options
            ):
                catalog.add(
                    message, None, [(relative, lineno)], auto_comments=comments, context=context
                )
    return catalog


def load_po() -> Catalog:
    with PO.open("rb") as fh:
        return read_po(fh, locale="zh_CN", domain="salesplan")


def untranslated(po: Catalog, source: Catalog) -> list[str]:
    missing = []
    for message in source:
        if not message.id:
            continue
        found = po.get(message.id, context=message.context)
        strings = found.string if found else None
        if isinstance(strings, tuple | list):
            ok = found is not None and all(strings)
        else:
            ok = bool(strings)
        if not ok or (found is not None and found.fuzzy):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def compiled(po: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, po, use_fuzzy=False)
    return out.getvalue()


def update() -> None:
    source = extracted()
    po = load_po() if PO.exists() else new_catalog()
    po.update(source, no_fuzzy_matching=True, update_header_comment=True)
    for attribute in ("project", "version", "copyright_holder", "msgid_bugs_address"):
        setattr(po, attribute, getattr(source, attribute))
    po.revision_date = po.creation_date = HEADER_DATE
    po.last_translator, po.language_team, po.fuzzy = "salesplan", "zh_CN", False
    # Obsolete messages are dropped: the source is the list of what is said.
    po.obsolete.clear()
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as fh:
        # Sorted and without source lines, so two branches adding messages rarely conflict.
        write_po(fh, po, width=100, no_location=True, sort_output=True, include_previous=False)
    missing = untranslated(load_po(), source)
    for message in missing:
        print(f"untranslated: {message!r}")
    print(f"{len(source)} messages, {len(missing)} without Chinese")


def compile_() -> None:
    MO.write_bytes(compiled(load_po()))
    print(f"wrote {MO.relative_to(ROOT)}")


def check() -> int:
    missing = untranslated(load_po(), extracted())
    stale = not MO.exists() or MO.read_bytes() != compiled(load_po())
    for message in missing:
        print(f"untranslated: {message!r}")
    if stale:
        print("the .mo does not match the .po: run python tools/catalog.py compile")
    return 1 if missing or stale else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_()
    else:
        sys.exit(check())
