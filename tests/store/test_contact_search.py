"""Finding a contact the way a salesperson names them (store level, one store per test)."""

from datetime import UTC, datetime

import pytest

from salesplan.errors import Ambiguous, NotFound
from salesplan.store.contacts import add_contact, edit_contact, list_contacts, resolve_contact
from salesplan.store.db import Store

NOW = datetime(2026, 11, 30, 0, 5, tzinfo=UTC)

PEOPLE = [  # id: name, company, phone, area
    ("王建国", "华远建材", "+86 136 0000 0002", "朝阳"),  # 1
    ("王建华", "美的楼宇", None, "海淀"),  # 2
    ("曾国藩", "湘军集团", None, None),  # 3
    ("单田芳", "评书社", None, None),  # 4
    ("仇英", "画院", None, None),  # 5
    ("区志强", "粤海", None, None),  # 6
    ("李娜", "中建三局", "010-8888 6666", "海淀"),  # 7
    ("劉德華", "天幕影業", None, None),  # 8: written in traditional characters
    ("欧阳修", "滁州亭", None, None),  # 9
    ("美的小张", None, None, None),  # 10: a name holding another's company name
]


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "s.db", NOW)
    with store.session(write=True) as s:
        for name, company, phone, area in PEOPLE:
            add_contact(
                {"name": name, "company": company, "phone": phone, "area": area},
                session=s,
                now_utc=NOW,
            )
    return store


def find(store, ref):
    with store.session() as s:
        return resolve_contact(ref, session=s).id


@pytest.mark.parametrize(
    ("ref", "contact_id"),
    [
        # id and phone in any format
        ("#1", 1),
        ("7", 7),
        ("13600000002", 1),
        ("+86 136-0000-0002", 1),
        ("0086 136 0000 0002", 1),
        ("8613600000002", 1),
        ("01088886666", 7),
        ("010-8888 6666", 7),
        ("+86 10 8888 6666", 7),
        # exact name, part of the name
        ("王建国", 1),
        ("建国", 1),
        ("德華", 8),
        # full pinyin, with or without spaces, tones or capitals
        ("wangjianguo", 1),
        ("wang jianguo", 1),
        ("Wáng Jiànguó", 1),
        ("wang2 jian4 guo2", 1),
        ("liudehua", 8),
        # initials
        ("wjg", 1),
        ("WJG", 1),
        ("wjh", 2),
        ("ldh", 8),
        # the start of the pinyin, when nothing matches it whole
        ("wangjianh", 2),
        # heteronym surnames: every reading
        ("zengguofan", 3),
        ("cengguofan", 3),
        ("zgf", 3),
        ("shantianfang", 4),
        ("dantianfang", 4),
        ("qiuying", 5),
        ("chouying", 5),
        ("ouzhiqiang", 6),
        ("quzhiqiang", 6),
        # surname with a title, when the surname is unique
        ("李工", 7),
        ("李总", 7),
        ("曾总", 3),
        ("刘老师", 8),
        ("劉老師", 8),
        ("欧阳经理", 9),
        # traditional or simplified, either way
        ("王建國", 1),
        ("刘德华", 8),
        ("歐陽修", 9),
        # part of the company name, in either script
        ("华远", 1),
        ("華遠建材", 1),
        ("天幕影业", 8),
        ("湘军", 3),
        # a part of a name comes before a part of a company
        ("美的", 10),
    ],
)
def test_every_form_of_ref(store, ref, contact_id):
    assert find(store, ref) == contact_id


@pytest.mark.parametrize(("ref", "ids"), [("王总", [1, 2]), ("wangjian", [1, 2]), ("王", [1, 2])])
def test_several_matches_are_an_error_naming_company_and_area(store, ref, ids):
    with pytest.raises(Ambiguous) as err:
        find(store, ref)
    message = str(err.value)
    assert "王建国 #1 华远建材·朝阳" in message and "王建华 #2 美的楼宇·海淀" in message
    assert "\n" not in message


def test_a_surname_with_a_title_needs_the_surname_to_be_unique_among_active(store):
    with store.session(write=True) as s:
        resolve_contact("#2", session=s).archived = True
    assert find(store, "王总") == 1


def test_at_most_five_candidates_then_how_many_more(tmp_path):
    store = Store(tmp_path / "s.db", NOW)
    with store.session(write=True) as s:
        for n in range(8):
            add_contact({"name": f"张{n}号", "company": "万科"}, session=s, now_utc=NOW)
    with pytest.raises(Ambiguous) as err:
        find(store, "张")
    message = str(err.value)
    assert message.count("张") == 6  # the ref and five candidates
    assert "… and 3 more" in message


def test_unknown_refs_say_what_is_accepted(store):
    with pytest.raises(NotFound, match="pinyin or initials"):
        find(store, "nobody")


def test_edits_rewrite_the_keys(store):
    with store.session(write=True) as s:
        edit_contact(
            resolve_contact("#2", session=s),
            {"name": "赵磊", "company": "北辰"},
            session=s,
            now_utc=NOW,
        )
    assert find(store, "zl") == 2
    assert find(store, "北辰") == 2
    with pytest.raises(NotFound):
        find(store, "wjh")


@pytest.mark.parametrize(
    ("search", "names"),
    [
        ("wjg", ["王建国"]),
        ("wangjian", ["王建国", "王建华"]),
        ("王总", ["王建国", "王建华"]),
        ("王建國", ["王建国"]),
        ("美的", ["王建华", "美的小张"]),
        ("+86 136-0000-0002", ["王建国"]),
        ("8888", ["李娜"]),
        ("海淀", ["王建华", "李娜"]),
    ],
)
def test_list_search_matches_the_same_way(store, search, names):
    with store.session() as s:
        assert [c.name for c in list_contacts(session=s, search=search)] == names
