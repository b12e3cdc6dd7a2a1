"""Search keys of a contact, made when it is written: pinyin (full and initials, every reading
of the surname), the name and company in simplified and traditional characters, the surname,
the normalised phone.

pypinyin and OpenCC cost ~150 ms to import, so only commands that write a contact import this
module; reads match the stored keys with plain SQL (``core.search`` folds the query).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from salesplan.core.search import (
    KEY_COMPANY,
    KEY_INITIALS,
    KEY_NAME,
    KEY_PHONE,
    KEY_PINYIN,
    KEY_SURNAME,
    fold,
    has_han,
    phone_key,
    surname_of,
)

_LATIN_RUN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _converters() -> tuple[Any, Any]:
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def simplified(text: str) -> str:
    return str(_converters()[0].convert(text))


def traditional(text: str) -> str:
    return str(_converters()[1].convert(text))


def _keep(chars: str) -> list[str]:
    """What pypinyin has no reading for (latin words, digits) stays as it is."""
    return [chars]


def _syllables(text: str) -> list[str]:
    """Pinyin syllables of the Han characters (phrase-aware), latin words lowercased."""
    from pypinyin import Style, lazy_pinyin

    out: list[str] = []
    pieces = lazy_pinyin(text, style=Style.NORMAL, errors=_keep)  # type: ignore[arg-type]
    for piece in pieces:
        if has_han(piece):
            continue  # a character pypinyin has no reading for
        out.extend(_LATIN_RUN.findall(fold(piece)))
    return out


# Surnames read otherwise than their character usually is, with both readings in use: a name
# with one is found by each. Every other surname has its usual reading only: pypinyin lists
# rare readings too (王 yu, 张 zhang4), and nobody types yujianguo for 王建国.
SURNAME_READINGS = {
    "曾": ("zeng", "ceng"),
    "单": ("shan", "dan"),
    "仇": ("qiu", "chou"),
    "区": ("ou", "qu"),
    "解": ("xie", "jie"),
    "朴": ("piao", "pu"),
    "查": ("zha", "cha"),
    "盖": ("ge", "gai"),
    "乐": ("yue", "le"),
    "缪": ("miao", "mou"),
    "翟": ("zhai", "di"),
    "覃": ("qin", "tan"),
    "尉": ("yu", "wei"),
    "召": ("shao", "zhao"),
    "种": ("chong", "zhong"),
    "员": ("yun", "yuan"),
    "繁": ("po", "fan"),
    "秘": ("bi", "mi"),
    "黑": ("he", "hei"),
    "藏": ("zang", "cang"),
}


def readings(name: str) -> list[list[str]]:
    """The name's syllables: its usual reading first, then one per reading of a surname that
    is read more than one way (曾 zeng/ceng, 单 shan/dan, 仇 qiu/chou, 区 ou/qu)."""
    name = simplified(name.strip())
    usual = _syllables(name)
    if not usual:
        return []
    out = [usual]
    surname = surname_of(name)
    if surname in SURNAME_READINGS:
        out.extend([reading, *usual[1:]] for reading in SURNAME_READINGS[surname])
    # 吕 is lv to pypinyin and lu on most keyboards' input methods: both find it.
    out.extend([s.replace("v", "u") for s in r] for r in list(out) if any("v" in s for s in r))
    return [list(r) for r in dict.fromkeys(tuple(r) for r in out)]


@lru_cache(maxsize=4096)
def _company_forms(company: str) -> tuple[str, ...]:
    """A company in both scripts, folded: cached, as a list brings many people of one company."""
    simple = simplified(company)
    return tuple(dict.fromkeys(fold(form) for form in (simple, traditional(simple))))


def contact_keys(
    name: str, company: str | None, phone: str | None, others: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """Every (kind, key) row a contact is found by, without repeats: ``others`` are its
    numbers besides ``phone`` (an extension after `` ext `` is not part of the key)."""
    keys: list[tuple[str, str]] = []
    name = name.strip()
    if name:
        simple = simplified(name)
        for form in (simple, traditional(simple)):
            keys.append((KEY_NAME, fold(form)))
        if has_han(simple[:1]):
            surname = surname_of(simple)
            keys.append((KEY_SURNAME, surname))
            keys.append((KEY_SURNAME, traditional(surname)))
        spoken = readings(simple)
        keys.extend((KEY_PINYIN, "".join(r)) for r in spoken)
        keys.extend((KEY_INITIALS, "".join(s[0] for s in r)) for r in spoken)
    if company and company.strip():
        keys.extend((KEY_COMPANY, form) for form in _company_forms(company.strip()))
    for written in (phone, *others):
        number = phone_key(written.partition(" ext ")[0]) if written else None
        if number:
            keys.append((KEY_PHONE, number))
    return list(dict.fromkeys(keys))
