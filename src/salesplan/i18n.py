"""Every word a person reads, in the user's language: gettext over the ``salesplan`` catalog.

``_("…")`` and ``ngettext`` translate through ``locale/<lang>/LC_MESSAGES/salesplan.mo``;
``N_("…")`` only marks a message for extraction where the text must be kept in English until
it is shown (module-level tables, help texts read by the help formatter).

The language is chosen on the first translation and kept for the process (``reset`` forgets
it, for a new command run): ``SALESPLAN_LANG``, else the stored setting ``language`` (read
through a hook the command line installs, so this module never opens a store), else
``LC_ALL``/``LC_MESSAGES``/``LANG`` (``zh*`` → zh-CN), else English. English needs no
catalog: the messages are English.

JSON keys and enumerated values are never translated; the parsers accept Chinese words
beside the English keys (see ``salesplan.core.vocab``).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable
from pathlib import Path

DOMAIN = "salesplan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENGLISH = "en"
CHINESE = "zh-CN"
LANGUAGES = (CHINESE, ENGLISH)
# gettext's directory name for each language that has a catalog.
_CATALOG_DIRS = {CHINESE: "zh_CN"}

_language: str | None = None
_translations: dict[str, gettext.NullTranslations] = {}
_setting_reader: Callable[[], str | None] | None = None


def normalize_language(raw: str | None) -> str | None:
    """``zh``, ``zh-CN``, ``zh_CN.UTF-8``, ``中文`` → zh-CN; ``en*``, ``C``, ``POSIX`` → en;
    anything else (empty included) → None."""
    if raw is None:
        return None
    text = raw.strip()
    low = text.lower().replace("_", "-")
    if not low:
        return None
    if low.startswith("zh") or text in ("中文", "简体中文", "汉语"):
        return CHINESE
    if low.startswith("en") or low in ("c", "posix") or low.startswith("c.") or text == "英文":
        return ENGLISH
    return None


def set_setting_reader(reader: Callable[[], str | None] | None) -> None:
    """Where the stored ``language`` setting comes from (installed by the command line)."""
    global _setting_reader
    _setting_reader = reader


def _locale_language() -> str:
    # POSIX precedence: the first of these that is set decides, even when it says "C".
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip()
        if value:
            return normalize_language(value) or ENGLISH
    return ENGLISH


def resolve_language() -> str:
    """The language this run speaks, from the sources in order (see the module docstring)."""
    chosen = normalize_language(os.environ.get("SALESPLAN_LANG"))
    if chosen:
        return chosen
    if _setting_reader is not None:
        try:
            chosen = normalize_language(_setting_reader())
        except Exception:  # noqa: BLE001 - an unreadable store must not stop a help text
            chosen = None
        if chosen:
            return chosen
    return _locale_language()


def language() -> str:
    global _language
    if _language is None:
        _language = resolve_language()
    return _language


def use_language(lang: str | None) -> None:
    """Fix the language for this process (None: choose again on the next translation)."""
    global _language
    _language = normalize_language(lang) if lang else None


def reset() -> None:
    """Forget the chosen language; catalogs already read stay cached."""
    use_language(None)


def is_chinese() -> bool:
    return language() == CHINESE


def catalog_path(lang: str = CHINESE) -> Path:
    return LOCALE_DIR / _CATALOG_DIRS[lang] / "LC_MESSAGES" / f"{DOMAIN}.mo"


def translations(lang: str | None = None) -> gettext.NullTranslations:
    """The compiled catalog for a language, read once per process."""
    lang = lang or language()
    found = _translations.get(lang)
    if found is None:
        if lang in _CATALOG_DIRS:
            try:
                with catalog_path(lang).open("rb") as fh:
                    found = gettext.GNUTranslations(fh)
            except OSError:
                found = gettext.NullTranslations()
        else:
            found = gettext.NullTranslations()
        _translations[lang] = found
    return found


def _(message: str) -> str:
    """The message in the user's language."""
    if not message:
        return message
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A short message whose meaning depends on where it stands (a metavar, a column)."""
    return translations().pgettext(context, message)


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it yet."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark a message with a context for the catalog without translating it yet."""
    return message
