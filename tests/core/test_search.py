"""Folding what a salesperson types, and the keys a contact is written with."""

import pytest

from salesplan.core.search import (
    looks_like_phone,
    phone_key,
    pinyin_query,
    surname_and_title,
    surname_of,
)
from salesplan.core.searchkeys import contact_keys, readings


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("13600000002", "13600000002"),
        ("136 0000 0002", "13600000002"),
        ("136-0000-0002", "13600000002"),
        ("+86 136-0000-0002", "13600000002"),
        ("+86 136 0000 0002", "13600000002"),
        ("+8613600000002", "13600000002"),
        ("0086 13600000002", "13600000002"),
        ("8613600000002", "13600000002"),
        ("(+86) 136.0000.0002", "13600000002"),
        ("１３６００００００02", "13600000002"),  # full-width digits from a Chinese keyboard
        ("010-8888 6666", "01088886666"),
        ("(010) 88886666", "01088886666"),
        ("+86 10 8888 6666", "01088886666"),
        ("0086-10-88886666", "01088886666"),
        ("0755-2345 6789", "075523456789"),
        ("+1 415 555 0100", "+14155550100"),
        ("001 415 555 0100", "+14155550100"),
        ("0000", "0000"),  # a fragment: nothing to fold
        ("call me", None),
        ("", None),
        (None, None),
    ],
)
def test_phone_keys(typed, key):
    assert phone_key(typed) == key


@pytest.mark.parametrize(
    ("typed", "looks"),
    [("13600000002", True), ("+86 136", True), ("1234", False), ("王建国", False), ("wjg", False)],
)
def test_what_looks_like_a_phone(typed, looks):
    assert looks_like_phone(typed) is looks


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("wangjianguo", "wangjianguo"),
        ("wang jianguo", "wangjianguo"),
        ("Wang Jian Guo", "wangjianguo"),
        ("Wáng Jiànguó", "wangjianguo"),
        ("wang2 jian4 guo2", "wangjianguo"),
        ("WJG", "wjg"),
        ("Lǚ Bù", "lvbu"),
        ("lu:bu", "lvbu"),
        ("xi'an", "xian"),
        ("王建国", None),
        ("华远2", None),
        ("a_b", None),
        ("", None),
    ],
)
def test_pinyin_queries(typed, query):
    assert pinyin_query(typed) == query


@pytest.mark.parametrize(
    ("typed", "surname"),
    [
        ("王总", "王"),
        ("王经理", "王"),
        ("李工", "李"),
        ("张姐", "张"),
        ("刘老师", "刘"),
        ("王总监", "王"),
        ("欧阳经理", "欧阳"),
        ("王總", "王"),
        ("劉老師", "劉"),
        ("老王", "王"),
        ("小李", "李"),
        ("王建国", None),
        ("总", None),
        ("wang zong", None),
    ],
)
def test_surname_and_title(typed, surname):
    assert surname_and_title(typed) == surname


@pytest.mark.parametrize(
    ("name", "surname"), [("王建国", "王"), ("欧阳修", "欧阳"), ("司马光", "司马"), ("欧阳", "欧")]
)
def test_surnames(name, surname):
    assert surname_of(name) == surname


@pytest.mark.parametrize(
    ("name", "spoken"),
    [
        ("王建国", "wangjianguo"),
        ("曾国藩", "zengguofan"),
        ("曾国藩", "cengguofan"),
        ("单田芳", "shantianfang"),
        ("单田芳", "dantianfang"),
        ("仇英", "qiuying"),
        ("仇英", "chouying"),
        ("区志强", "ouzhiqiang"),
        ("区志强", "quzhiqiang"),
        ("王建國", "wangjianguo"),  # traditional characters read the same
        ("吕布", "lvbu"),
        ("吕布", "lubu"),
        ("Lisa Wang", "lisawang"),
    ],
)
def test_every_reading_of_a_name_is_a_key(name, spoken):
    assert spoken in ["".join(r) for r in readings(name)]
    initials = "".join(s[0] for s in next(r for r in readings(name) if "".join(r) == spoken))
    assert ("initials", initials) in contact_keys(name, None, None)


def test_keys_hold_both_scripts_the_surname_and_the_phone():
    keys = set(contact_keys("王建國", "華遠建材", "+86 136-0000-0002"))
    assert {
        ("name", "王建国"),
        ("name", "王建國"),
        ("surname", "王"),
        ("pinyin", "wangjianguo"),
        ("initials", "wjg"),
        ("company", "华远建材"),
        ("company", "華遠建材"),
        ("phone", "13600000002"),
    } <= keys
    assert not any(kind == "phone" for kind, _ in contact_keys("王建国", None, None))
    assert ("name", "lisa wang") in set(contact_keys("Lisa Wang", "ABB中国", None))
    assert ("company", "abb中国") in set(contact_keys("Lisa Wang", "ABB中国", None))


@pytest.mark.parametrize(
    ("name", "spoken"),
    [
        ("王建国", ["wangjianguo"]),  # pypinyin also lists 王 yu: nobody types yujianguo
        ("张伟", ["zhangwei"]),
        ("长孙无忌", ["zhangsunwuji"]),
        ("曾", ["ceng", "zeng"]),
    ],
)
def test_other_surnames_have_their_usual_reading_only(name, spoken):
    assert ["".join(r) for r in readings(name)] == spoken
    pinyin = [key for kind, key in contact_keys(name, None, None) if kind == "pinyin"]
    assert pinyin == spoken
