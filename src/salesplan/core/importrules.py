"""How a contact is made from what another program wrote: a name from its parts, the order of
its phone numbers, and the words old CRMs use for a customer's level and follow-up state.

Pure rules on text; which column or property holds what is the formats' business.
"""

from __future__ import annotations

import re

from salesplan.core.search import has_han, phone_key

_MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_MAINLAND_LANDLINE = re.compile(r"^0[1-9]\d{8,10}$")
# A contact keeps at most this many phones and emails from one row or card.
MAX_NUMBERS = 20


def full_name(family: str | None, given: str | None, middle: str | None = None) -> str | None:
    """A name from its parts: 姓+名 without a space when either part is Chinese (王 + 建国 →
    王建国), else given, middle and family names with spaces (Jane + Doe → Jane Doe)."""
    parts = [p.strip() for p in (family, middle, given) if p and p.strip()]
    if not parts:
        return None
    if any(has_han(p) for p in parts):
        return "".join(parts)
    western = [p.strip() for p in (given, middle, family) if p and p.strip()]
    return " ".join(western)


def is_mainland_mobile(number: str) -> bool:
    key = phone_key(number)
    return key is not None and bool(_MAINLAND_MOBILE.match(key))


# How an extension is written after a number a contact keeps (``010-8888 6666 ext 801``).
EXT = " ext "


def phone_kind(number: str) -> str:
    """``mobile`` (a mainland mobile), ``landline`` (a mainland number with its area code),
    or ``other`` (a short number, 400/800 lines, another country's)."""
    key = phone_key(number.partition(EXT)[0])
    if key is None:
        return "other"
    if _MAINLAND_MOBILE.match(key):
        return "mobile"
    if _MAINLAND_LANDLINE.match(key):
        return "landline"
    return "other"


def point_rows(phones: list[str], emails: list[str]) -> list[tuple[str, str, int]]:
    """A contact's contact_point rows as (kind, value, position): its numbers in their order
    (the first is the one dialled), then its addresses in theirs."""
    return [(phone_kind(p), p, i) for i, p in enumerate(phones)] + [
        ("email", e, i) for i, e in enumerate(emails)
    ]


def order_numbers(numbers: list[str]) -> list[str]:
    """The numbers without repeats (however typed), a mainland mobile first, the rest in the
    order given: the first is the one dialled."""
    seen: set[str] = set()
    unique: list[str] = []
    for number in numbers:
        key = phone_key(number) or number
        if key not in seen:
            seen.add(key)
            unique.append(number)
    mobiles = [n for n in unique if is_mainland_mobile(n)]
    return mobiles[:1] + [n for n in unique if not mobiles or n != mobiles[0]]


# The words Chinese CRM sheets write in a level or state column, beside salesplan's own
# (core.vocab): a sheet's "A类" is a key customer, its "跟进中" a lead.
CRM_TIERS: dict[str, str] = {
    **dict.fromkeys(
        ("a", "a类", "a级", "vip", "重要客户", "核心", "核心客户", "一级", "svip"), "key"
    ),
    **dict.fromkeys(
        ("b", "b类", "b级", "c", "c类", "c级", "d", "d类", "d级", "二级", "三级", "一般客户"),
        "normal",
    ),
}
CRM_STATUSES: dict[str, str] = {
    **dict.fromkeys(
        ("新客户", "初次接触", "待跟进", "未跟进", "跟进中", "新建", "未联系", "new", "open"),
        "lead",
    ),
    **dict.fromkeys(
        ("有需求", "报价", "已报价", "谈判", "谈判中", "商务谈判", "样品", "试用", "qualified"),
        "intent",
    ),
    **dict.fromkeys(("暂无需求", "观望", "待定", "搁置"), "unclear"),
    **dict.fromkeys(
        ("已签约", "签约", "合作中", "已合作", "成交", "已成交", "老客户", "won", "customer"),
        "customer",
    ),
    **dict.fromkeys(("无效", "无效客户", "放弃", "已放弃", "丢单", "lost", "closed lost"), "lost"),
}


def crm_value(field: str, value: str) -> str:
    """A CRM's word for a tier or status as salesplan's key when it is one of those words;
    anything else unchanged (for ``choose`` to accept or refuse)."""
    table = CRM_TIERS if field == "tier" else CRM_STATUSES if field == "status" else {}
    return table.get(value.strip().casefold(), value)
