"""How people name a contact, read side: no library imports, so every read command can use it.

The keys a REF is matched against are made when a contact is written (``core.searchkeys``);
this module only folds what was typed into the same shape: a phone number into its national
digits, latin letters with or without tones into bare pinyin, ``王总`` into a surname.
"""

from __future__ import annotations

import re
import unicodedata

# Kinds of search key rows (contact_key.kind).
KEY_PHONE = "phone"  # the normalised phone number
KEY_PINYIN = "pinyin"  # full pinyin, one row per reading of the surname
KEY_INITIALS = "initials"  # first letters of the pinyin syllables, likewise
KEY_NAME = "name"  # the name in simplified and in traditional characters, case-folded
KEY_SURNAME = "surname"  # the surname, in both scripts
KEY_COMPANY = "company"  # the company name in both scripts, case-folded

# Two-character surnames, so 欧阳修 is 欧阳总 and not 欧总 (the common ones; others fall back
# to the first character, which is right for nearly every Chinese name).
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "令狐",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "呼延",
    "百里",
    "东郭",
    "澹台",
    "闻人",
    "申屠",
    "钟离",
    "万俟",
)

# What follows a surname when a salesperson names someone by role or courtesy: 王总, 李工.
# Longest first so 王总监 is 王 + 总监, not 王 + 总 + 监.
TITLES = tuple(
    sorted(
        (
            "总",
            "总监",
            "总经理",
            "总工",
            "董",
            "董事长",
            "经理",
            "主任",
            "处长",
            "科长",
            "局长",
            "部长",
            "厂长",
            "院长",
            "校长",
            "所长",
            "主管",
            "老板",
            "工",
            "老师",
            "师傅",
            "医生",
            "律师",
            "会计",
            "姐",
            "哥",
            "先生",
            "女士",
            "小姐",
            "老",
            "总裁",
            "书记",
            "助理",
            # The same in traditional characters, as imported lists write them.
            "總",
            "總監",
            "總經理",
            "總工",
            "董事長",
            "經理",
            "處長",
            "局長",
            "部長",
            "廠長",
            "院長",
            "校長",
            "所長",
            "老闆",
            "老師",
            "師傅",
            "醫生",
            "律師",
            "會計",
            "總裁",
            "書記",
        ),
        key=len,
        reverse=True,
    )
)

_PHONE_JUNK = re.compile(r"[\s\-().\u00a0/]")
_DIGITS = re.compile(r"^\+?\d{3,20}$")
_PINYIN_TYPED = re.compile(r"^[a-z0-9' ]+$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def fold(text: str) -> str:
    """Case-folded and width-normalised (ＡＢＣ → abc), as keys are stored."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def phone_digits(text: str) -> str:
    """The number as typed without spaces, dashes, brackets or dots (full-width digits too)."""
    return _PHONE_JUNK.sub("", unicodedata.normalize("NFKC", text).strip())


def phone_key(text: str | None) -> str | None:
    """One form per Chinese number, however it was typed.

    Mainland mobiles lose ``+86``/``0086``/``86``; landlines keep their area code with its
    trunk 0 (``+86 10 8888 6666`` = ``010-8888 6666`` = ``01088886666``); other countries
    keep ``+`` and their country code. None when it is not a phone number at all.
    """
    if text is None:
        return None
    digits = phone_digits(text)
    if not _DIGITS.match(digits):
        return None
    if len(digits.lstrip("+")) < 10:
        return digits  # a short number or a fragment of one: nothing to fold
    international = None
    if digits.startswith("+"):
        international = digits[1:]
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith("86") and len(digits) == 13 and digits[2] == "1":
        international = digits  # 8613600000002: a mobile with the country code, no plus
    if international is None:
        return digits
    if not international.startswith("86"):
        return "+" + international
    national = international[2:]
    if not national:
        return None
    if len(national) == 11 and national.startswith("1"):
        return national
    return national if national.startswith("0") else "0" + national


def looks_like_phone(text: str) -> bool:
    digits = phone_digits(text)
    return bool(_DIGITS.match(digits)) and len(digits.lstrip("+")) >= 5


def pinyin_query(text: str) -> str | None:
    """Latin letters as pinyin: ``Wáng Jiànguó``, ``wang2 jian4 guo2``, ``wang jianguo`` and
    ``WJG`` become ``wangjianguo``/``wjg``; ``ü``/``u:`` become ``v`` as pypinyin writes them.
    None when the text is not written in latin letters."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    decomposed = decomposed.replace("u\u0308", "v").replace("u:", "v")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()
    if not bare or not _PINYIN_TYPED.match(bare):
        return None
    letters = re.sub(r"[^a-z]", "", bare)
    return letters or None


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def surname_of(name: str) -> str:
    """The surname of a Chinese name (compound ones included); the first character else."""
    name = name.strip()
    for compound in COMPOUND_SURNAMES:
        if name.startswith(compound) and len(name) > len(compound):
            return compound
    return name[:1]


def surname_and_title(text: str) -> str | None:
    """``王总`` → ``王``, ``欧阳经理`` → ``欧阳``, ``老王`` → ``王``; None unless it is a
    surname with a title."""
    text = text.strip()
    if not has_han(text):
        return None
    if len(text) == 2 and text[0] in "老小" and _HAN.match(text[1]):
        return text[1]
    for title in TITLES:
        if text.endswith(title):
            surname = text[: -len(title)]
            if 1 <= len(surname) <= 2 and all(_HAN.match(ch) for ch in surname):
                return surname
    return None
