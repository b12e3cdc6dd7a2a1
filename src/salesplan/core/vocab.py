"""The Chinese words for every enumerated value, beside the English keys that are stored.

One table per enumeration: English key → the Chinese words a salesperson types for it, the
first being the one shown. Typed values are accepted in either language in any language
setting (``choose`` in core.validate); what is stored, and what ``--json`` says, is always the
English key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

TIER: dict[str, tuple[str, ...]] = {
    "key": ("重点", "重点客户", "大客户", "重要"),
    "normal": ("普通", "一般", "普通客户"),
}
STATUS: dict[str, tuple[str, ...]] = {
    "lead": ("线索", "潜在", "潜在客户", "prospect"),  # the word help and calls use
    "intent": ("意向", "有意向", "意向客户"),
    "unclear": ("意向不明", "不明确", "待定"),
    "customer": ("客户", "老客户", "成交客户", "已成交"),
    "lost": ("流失", "已流失", "流失客户"),
}
STAGE: dict[str, tuple[str, ...]] = {
    "design": ("初步设计", "设计", "方案设计"),
    "bidding": ("招投标", "投标", "招标"),
    "detailing": ("深化设计", "深化"),
    "delivery": ("备货交付", "备货", "供货", "交付", "发货"),
    "acceptance": ("验收",),
    "won": ("成交", "赢单", "中标", "签约"),
    "lost": ("丢单", "失败", "未中标", "输单"),
}
OUTCOME: dict[str, tuple[str, ...]] = {
    "reached": ("接通", "已接通", "通了"),
    "no-answer": ("未接通", "无人接听", "没接", "未接"),
    "busy": ("占线", "忙", "忙线"),
    "callback": ("回电", "稍后再打", "再打", "回拨"),
    "appointment": ("约见", "已约", "约好", "预约"),
    "not-interested": ("无意向", "不感兴趣", "没兴趣"),
    "order": ("成交", "下单", "签单"),
    "consultation": ("咨询",),
    "sent": ("已发送", "已发", "发送"),
    "wrong-number": ("空号", "错号", "号码错误"),
}
ACTIVITY_KIND: dict[str, tuple[str, ...]] = {
    "call": ("电话", "打电话", "通话"),
    "visit": ("拜访", "上门", "走访"),
    "email": ("邮件", "电邮", "发邮件"),
    "meeting": ("会面", "见面", "会议"),
}
APPT_STATUS: dict[str, tuple[str, ...]] = {
    "planned": ("待赴约", "已预约", "计划"),
    "done": ("已完成", "完成", "已赴约"),
    "cancelled": ("已取消", "取消"),
}
EXPENSE_CATEGORY: dict[str, tuple[str, ...]] = {
    "travel": ("交通", "差旅", "交通费", "差旅费", "路费"),
    "meal": ("餐费", "餐饮", "吃饭", "招待"),
    "gift": ("礼品", "礼物"),
    "phone": ("话费", "电话费", "通讯费"),
    "other": ("其他", "其它"),
}
NOTE_KIND: dict[str, tuple[str, ...]] = {
    "competitor": ("竞争对手", "竞品", "竞争对手动态", "对手"),
    "policy": ("政策", "当地政策", "政策变化"),
    "promotion": ("促销", "广告", "广告促销", "推广"),
    "general": ("其他", "其它", "一般", "综合"),
    "summary": ("本周小结", "小结", "周小结", "总结"),
}
FLAG: dict[str, tuple[str, ...]] = {
    "credit": ("信用不良", "信用差", "信用"),
    "abnormal": ("异常", "不正常"),
}

# A real contact: one that reached the person (DOMAIN.md). A call reached someone only with one
# of these outcomes; any contact whose outcome is an attempt (nobody reached) is not one. A kept
# visit or meeting and an email sent are real. Attempts count toward the daily call target and
# nothing else. Every rule, report and team view asks ``is_real_contact``; the store renders the
# same rule as SQL (store/activities.py ``real_contact_sql``), and a test feeds every
# (kind, outcome) pair to both.
REACHED_OUTCOMES = ("reached", "callback", "appointment", "not-interested", "order", "consultation")
ATTEMPT_OUTCOMES = ("no-answer", "busy", "wrong-number")
# A follow-up whose channel is a visit is done by a visit or a meeting, one by email by an
# email; a call's by any real contact (DOMAIN: "a follow-up is done by its own channel").
CHANNEL_KINDS: dict[str, tuple[str, ...]] = {
    "visit": ("visit", "meeting"),
    "email": ("email",),
}


def is_real_contact(kind: str, outcome: str | None) -> bool:
    """Whether a logged contact of ``kind`` with ``outcome`` reached the person."""
    said = outcome or "reached"
    if kind == "call":
        return said in REACHED_OUTCOMES
    return said not in ATTEMPT_OUTCOMES


# Which table a ``choose(..., what)`` consults, by the noun it names.
# The expense categories and note kinds a store holds (the models' too).
EXPENSE_CATEGORIES = ("travel", "meal", "gift", "phone", "other")
NOTE_KINDS = ("competitor", "policy", "promotion", "general", "summary")

TABLES: dict[str, Mapping[str, tuple[str, ...]]] = {
    "tier": TIER,
    "status": STATUS,
    "stage": STAGE,
    "outcome": OUTCOME,
    "kind": {**ACTIVITY_KIND, **NOTE_KIND},
    "category": EXPENSE_CATEGORY,
    "flag": FLAG,
    "appointment status": APPT_STATUS,
}
ALL_TABLES = (
    TIER,
    STATUS,
    STAGE,
    OUTCOME,
    ACTIVITY_KIND,
    APPT_STATUS,
    EXPENSE_CATEGORY,
    NOTE_KIND,
    FLAG,
)


def key_for(word: str, options: Iterable[str], table: Mapping[str, tuple[str, ...]]) -> str | None:
    """The English key among ``options`` whose Chinese words include ``word``, or None."""
    text = word.strip()
    for key in options:
        words = table.get(key, ())
        if text in words or text.lower() in words:  # an English synonym in any case
            return key
    return None


def shown(key: str, table: Mapping[str, tuple[str, ...]]) -> str:
    """The word a person reads for a key: the Chinese word in Chinese, else the key."""
    from salesplan.i18n import is_chinese

    return label(key, table) if is_chinese() else key


def label(key: str | None, table: Mapping[str, tuple[str, ...]]) -> str:
    """The Chinese word shown for an English key (the key itself when the table lacks it)."""
    if key is None:
        return ""
    words = table.get(key)
    return words[0] if words else key
