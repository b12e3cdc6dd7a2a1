"""People, not rows: a contact keeps every phone and email it comes with (contact_point), is
found by any of them, and an import compares every one of them with the store. The files are
built here in the layouts phones and CRM sheets write, with invented people."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_import_books import sheet

ZH = {"SALESPLAN_LANG": "zh-CN"}

# An iPhone-style card that lists the office line first, then the mobile, with two addresses;
# and a second person on the same switchboard.
CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:林;海涛;;;\r\nFN:林海涛\r\nORG:华远建材\r\n"
    "TEL;TYPE=WORK,VOICE:010-6688 1234\r\nTEL;TYPE=CELL:+86 137 1111 2222\r\n"
    "TEL;TYPE=HOME:400-800-1234\r\n"
    "EMAIL;TYPE=WORK:lin@huayuan.cn\r\nEMAIL;TYPE=HOME:haitao@example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:郑秀英\r\nORG:华远建材\r\n"
    "TEL;TYPE=WORK:+86 10 6688 1234\r\nEND:VCARD\r\n"
)


def _numbers(record):
    return [(p["number"], p["kind"]) for p in record["phones"]]


def test_a_card_keeps_every_number_and_address_and_each_finds_the_person(run, tmp_path):
    book = tmp_path / "通讯录.vcf"
    book.write_text(CARDS, encoding="utf-8")
    out = run("import", "contacts", str(book)).stdout
    assert out.startswith("added 2 contacts · 0 already in the store")
    # The switchboard both share: two people, both imported, listed as a likely pair.
    assert "1 likely duplicate brought in, not merged" in out
    assert "林海涛 #1 华远建材  ~  郑秀英 #2 华远建材  · same phone" in out
    lin = run.json("contact", "show", "林海涛")
    assert lin["phone"] == "+86 137 1111 2222"  # the mobile, though the card lists it second
    assert _numbers(lin) == [
        ("+86 137 1111 2222", "mobile"),
        ("010-6688 1234", "landline"),
        ("400-800-1234", "other"),
    ]
    assert lin["emails"] == ["lin@huayuan.cn", "haitao@example.com"]
    assert lin["email"] == "lin@huayuan.cn" and lin["notes"] is None
    # Any number in any form, and the second address, find him.
    assert run.json("contact", "show", "4008001234")["id"] == 1
    assert [c["id"] for c in run.json("contact", "list", "--search", "800-1234")] == [1]
    listed = {c["name"]: c for c in run.json("contact", "list")}
    assert listed["郑秀英"]["phones"] == [{"number": "+86 10 6688 1234", "kind": "landline"}]
    assert listed["林海涛"]["emails"] == lin["emails"]
    # Two people on it: the switchboard names both, never one of them.
    err = run("contact", "show", "01066881234", code=2).stderr
    assert "林海涛 #1" in err and "郑秀英 #2" in err
    # A number of the card is another contact's: adding it again says whose it is.
    err = run("contact", "add", "某人", "--phone", "400 800 1234", code=2).stderr
    assert "already on #1 林海涛" in err


def test_contact_show_lists_every_number_in_both_languages(run, tmp_path):
    book = tmp_path / "通讯录.vcf"
    book.write_text(CARDS, encoding="utf-8")
    run("import", "contacts", str(book))
    out = run("contact", "show", "林海涛").stdout
    assert (
        "phones  +86 137 1111 2222 (mobile), 010-6688 1234 (landline), 400-800-1234 (other)"
        in " ".join(out.split()).replace("phones +86", "phones  +86")
    )
    assert "lin@huayuan.cn, haitao@example.com" in out
    zh = " ".join(run("contact", "show", "林海涛", env=ZH).stdout.split())
    assert "全部电话 +86 137 1111 2222（手机）、010-6688 1234（座机）、400-800-1234（其他）" in zh
    assert "全部邮箱 lin@huayuan.cn、haitao@example.com" in zh
    # One number only: the phone line says it all, no second line.
    single = run("contact", "show", "郑秀英").stdout
    assert "phones" not in single and "+86 10 6688 1234" in single


def test_a_sheet_with_several_phone_columns_keeps_them_all(run, tmp_path):
    rows = [
        ["客户名称", "单位", "座机", "手机", "电话 2", "邮箱", "手机2"],
        ["冯立新", "龙湖装饰", "021-5555 6666", "139 2222 3333", "13566667777", "f@lh.cn", ""],
    ]
    out = run("import", "contacts", str(sheet(tmp_path, "客户.csv", rows))).stdout
    assert out == "added 1 contact · 0 already in the store\n"  # every column read
    # Another sheet has him by a number that is not his first: it adds the address he lacked,
    # counted as filled in, not added.
    more = [["姓名", "电话", "个人邮箱"], ["冯立新", "135-6666-7777", "fengli@example.com"]]
    out = run("import", "contacts", str(sheet(tmp_path, "补充.csv", more))).stdout
    assert out == "added 0 contacts · 0 already in the store · filled in 1 contact\n"
    feng = run.json("contact", "show", "冯立新")
    assert _numbers(feng) == [
        ("139 2222 3333", "mobile"),
        ("021-5555 6666", "landline"),
        ("13566667777", "mobile"),
    ]
    assert feng["emails"] == ["f@lh.cn", "fengli@example.com"]
    again = run("import", "contacts", str(sheet(tmp_path, "客户.csv", rows))).stdout
    assert again == "added 0 contacts · 1 already in the store\n"


def test_a_row_matched_by_an_extra_number_fills_the_contact(run, tmp_path):
    first = [["姓名", "手机", "座机"], ["韩梅", "13811112222", "0755-8888 9999"]]
    run("import", "contacts", str(sheet(tmp_path, "a.csv", first)))
    # Another sheet knows her only by the office line, and brings her company and a new mobile.
    later = [
        ["联系人", "公司名称", "联系电话", "移动电话"],
        ["韩梅", "腾达", "+86 755 88889999", "13900001111"],
    ]
    out = run("import", "contacts", str(sheet(tmp_path, "b.csv", later)), env=ZH).stdout
    assert out == "已新增 0 位联系人 · 0 位已存在 · 已补全 1 位联系人\n"
    han = run.json("contact", "show", "韩梅")
    assert han["company"] == "腾达" and han["phone"] == "13811112222"  # hers still dialled first
    assert [p["number"] for p in han["phones"]] == ["13811112222", "0755-8888 9999", "13900001111"]
    assert run.json("contact", "show", "139 0000 1111")["id"] == han["id"]
    again = run("import", "contacts", str(sheet(tmp_path, "b.csv", later))).stdout
    assert again == "added 0 contacts · 1 already in the store\n"


def test_two_names_on_one_extra_number_are_two_people_listed_as_duplicates(run, tmp_path):
    run("contact", "add", "曹操", "--phone", "13700000001")
    rows = [["姓名", "手机", "座机"], ["许褚", "13700000009", "13700000001"]]
    out = run("import", "contacts", str(sheet(tmp_path, "c.csv", rows))).stdout
    assert out.startswith("added 1 contact · 0 already in the store")
    assert "曹操 #1  ~  许褚 #2  · same phone" in out
    zh = run("contact", "dupes", env=ZH).stdout
    assert "曹操 #1  ~  许褚 #2" in zh
    assert [
        (d["first"]["id"], d["second"]["id"], d["reasons"]) for d in run.json("contact", "dupes")
    ] == [(1, 2, ["phone"])]


def test_an_extra_address_pairs_duplicates(run, tmp_path):
    run("contact", "add", "Amy Chen", "--email", "amy@acme.cn")
    card = tmp_path / "amy.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:陈艾米\r\nEMAIL:chen@home.cn\r\nEMAIL:AMY@acme.cn\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    out = run("import", "contacts", str(card)).stdout
    assert "Amy Chen #1  ~  陈艾米 #2  · same email" in out


def test_edit_replaces_the_phone_and_keeps_the_others(run, tmp_path):
    rows = [["姓名", "手机", "座机"], ["魏征", "13600000001", "010-1234 5678"]]
    run("import", "contacts", str(sheet(tmp_path, "d.csv", rows)))
    edited = run.json("contact", "edit", "魏征", "--phone", "13600000002", "--email", "w@x.cn")
    assert _numbers(edited) == [("13600000002", "mobile"), ("010-1234 5678", "landline")]
    assert edited["emails"] == ["w@x.cn"]
    run("contact", "show", "13600000001", code=2)  # the number it replaced is gone
    assert run.json("contact", "show", "01012345678")["id"] == edited["id"]


def test_json_export_carries_every_number_and_round_trips(run, tmp_path):
    book = tmp_path / "通讯录.vcf"
    book.write_text(CARDS, encoding="utf-8")
    run("import", "contacts", str(book))
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    run("export", "-o", str(first))
    data = json.loads(first.read_text(encoding="utf-8"))
    assert [(p["contact_id"], p["kind"], p["value"]) for p in data["contact_points"]] == [
        (1, "mobile", "+86 137 1111 2222"),
        (1, "landline", "010-6688 1234"),
        (1, "other", "400-800-1234"),
        (1, "email", "lin@huayuan.cn"),
        (1, "email", "haitao@example.com"),
        (2, "landline", "+86 10 6688 1234"),
    ]
    other = {"SALESPLAN_DB": str(tmp_path / "other.db")}
    run("import", "json", str(first), env=other)
    run("export", "-o", str(second), env=other)
    assert first.read_bytes() == second.read_bytes()
    # The numbers are search keys in the store they went to, as in the one they came from.
    assert run.json("contact", "show", "400 8001234", env=other)["name"] == "林海涛"
    assert "added nothing new" in run("import", "json", str(first), env=other).stdout


def test_a_bad_number_in_an_export_is_refused_naming_it(run, tmp_path, db_path, digest):
    run("contact", "add", "已有", "--phone", "13600000001")
    path = tmp_path / "bad.json"
    run("export", "-o", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["contact_points"][0]["value"] = "call me"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    other = {"SALESPLAN_DB": str(tmp_path / "other.db")}
    err = run("import", "json", str(path), code=2, env=other).stderr
    assert "bad phone 'call me'" in err and err.count("\n") == 1


@pytest.mark.parametrize("batch", [1000, 1])  # the first card still in hand, or written already
def test_a_person_twice_in_one_book_is_one_contact_with_every_number(
    run, tmp_path, monkeypatch, batch
):
    monkeypatch.setattr("salesplan.store.interchange.BATCH", batch)
    book = tmp_path / "重复.vcf"
    book.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:秦淑芬\r\nTEL;TYPE=WORK:0571-8765 4321\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:岳明\r\nTEL:13000000001\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:秦淑芬\r\nORG:西湖建设\r\nTEL;TYPE=CELL:13512345678\r\n"
        "TEL;TYPE=WORK:+86 571 87654321\r\nEMAIL:qin@xihu.cn\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    out = run("import", "contacts", str(book)).stdout
    assert out == "added 2 contacts · 1 already in the store\n"
    qin = run.json("contact", "show", "秦淑芬")
    assert (qin["company"], qin["email"]) == ("西湖建设", "qin@xihu.cn")
    assert _numbers(qin) in (
        [("13512345678", "mobile"), ("0571-8765 4321", "landline")],  # still in hand: mobile first
        [("0571-8765 4321", "landline"), ("13512345678", "mobile")],  # written: its number stays
    )
    assert run.json("contact", "show", "13512345678")["id"] == qin["id"]
    assert (
        run("import", "contacts", str(book)).stdout == "added 0 contacts · 3 already in the store\n"
    )
