"""Likely duplicates and merge plans, from literal facts."""

from __future__ import annotations

import pytest

from salesplan.core.dupes import ContactFacts, find_duplicates, plan_merge


def facts(cid, phones=(), names=(), pinyin=(), companies=(), email=None):
    return ContactFacts(cid, set(phones), set(names), set(pinyin), set(companies), email)


WANG = facts(1, ["13600000002"], ["王建国", "王建國"], ["wangjianguo"], ["华远建材", "華遠建材"])


@pytest.mark.parametrize(
    ("other", "reasons"),
    [
        (facts(2, phones=["13600000002"]), ("phone",)),
        (facts(2, names=["王建國"], companies=["華遠建材"]), ("name-company",)),
        (
            facts(2, names=["王健国"], pinyin=["wangjianguo"], companies=["华远建材"]),
            ("pinyin-company",),
        ),
        (facts(2, names=["王建国"], pinyin=["wangjianguo"], companies=["美的楼宇"]), None),
        (facts(2, names=["王建华"], pinyin=["wangjianhua"], companies=["华远建材"]), None),
        (
            facts(2, ["13600000002"], ["王建国"], ["wangjianguo"], ["华远建材"]),
            ("phone", "name-company"),  # the same reading is not a reason of its own then
        ),
    ],
)
def test_what_makes_a_pair(other, reasons):
    found = find_duplicates([WANG, other])
    assert [p.reasons for p in found] == ([reasons] if reasons else [])


def test_most_certain_first_then_by_id_and_among():
    people = [
        facts(1, names=["李娜"], companies=["中建"]),
        facts(2, names=["李娜"], companies=["中建"]),
        facts(3, email="li@x.cn"),
        facts(4, email="li@x.cn", phones=["010-1"]),
        facts(5, phones=["010-1"]),
    ]
    found = find_duplicates(people)
    assert [(p.first_id, p.second_id, p.reason) for p in found] == [
        (4, 5, "phone"),
        (3, 4, "email"),
        (1, 2, "name-company"),
    ]
    assert [(p.first_id, p.second_id) for p in find_duplicates(people, among=[5])] == [(4, 5)]


def test_a_name_and_company_3000_contacts_share_pairs_none_of_them(monkeypatch):
    """3,000 rows of one name and company made 4.5 million pairs (2.7 GB) after an import: a
    key held by more than SHARED_LIMIT contacts is a placeholder, not one person."""
    from salesplan.core import dupes

    monkeypatch.setattr(dupes, "SHARED_LIMIT", 3)
    crowd = [facts(i, names=["经理"], companies=["中建"]) for i in range(1, 5)]
    pair = [facts(i, names=["李娜"], companies=["中建"]) for i in (5, 6)]
    trio = [facts(i, phones=["010-1"]) for i in (7, 8, 9)]
    found = find_duplicates(crowd + pair + trio)
    assert [(p.first_id, p.second_id) for p in found] == [(7, 8), (7, 9), (8, 9), (5, 6)]


def test_pairs_stop_at_max_pairs_keeping_the_most_certain(monkeypatch):
    from salesplan.core import dupes

    monkeypatch.setattr(dupes, "MAX_PAIRS", 2)
    people = [
        facts(1, names=["李娜"], companies=["中建"], phones=["010-1"]),
        facts(2, names=["李娜"], companies=["中建"], phones=["010-1"]),
        facts(3, names=["王芳"], companies=["中建"]),
        facts(4, names=["王芳"], companies=["中建"]),
        facts(5, email="w@x.cn"),
        facts(6, email="w@x.cn"),
    ]
    found = find_duplicates(people)
    # Phone and email pairs come first; the pair found first keeps its later reason too.
    assert [(p.first_id, p.second_id, p.reasons) for p in found] == [
        (1, 2, ("phone", "name-company")),
        (5, 6, ("email",)),
    ]


def test_plan_fills_gaps_keeps_what_differs_and_carries_flags():
    keep = {"name": "王建国", "company": "华远建材", "phone": "13600000002", "email": None,
            "status": "intent", "tier": "normal", "flag_credit": False}  # fmt: skip
    other = {"name": "王建國", "company": "華遠建材", "phone": "+86 136-0000-0002",
             "email": "w@x.cn", "area": "朝阳", "status": "lead", "tier": "key",
             "flag_credit": True, "notes": ""}  # fmt: skip
    to_simplified = {"王建國": "王建国", "華遠建材": "华远建材"}
    plan = plan_merge(keep, other, lambda t: to_simplified.get(t, t))
    assert plan.fills == {"email": "w@x.cn", "area": "朝阳", "flag_credit": True, "tier": "key"}
    assert plan.conflicts == (("status", "intent", "lead"),)
    unfolded = plan_merge(keep, other)
    assert [c[0] for c in unfolded.conflicts] == ["name", "status", "company"]
