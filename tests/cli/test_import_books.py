"""Bringing one's own book: a phone's address book, an old CRM's sheet, Google's and Outlook's
exports. Good rows go in, bad rows are named and written beside the source to fix and import
again, every column is accounted for. The files are built here in the layouts those programs
write, with invented people."""

from __future__ import annotations

import csv
import io

import pytest

from tests.formats.test_ics_series import SERIES

ZH = {"SALESPLAN_LANG": "zh-CN"}


def sheet(tmp_path, name, rows, encoding="utf-8"):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_text(buf.getvalue(), encoding=encoding)
    return path


def people(run):
    return {
        c["name"]: (c["phone"], c["email"], c["company"], c["area"], c["tier"], c["status"])
        for c in run.json("contact", "list")
    }


CRM = [
    ["姓名", "公司", "手机号码", "地区", "客户等级", "客户状态", "微信号"],
    ["赵一鸣", "华远建材", "137 0000 1111", "海淀", "A类", "跟进中", "zym01"],
    ["钱二妹", "龙湖装饰", "18923817874w", "朝阳", "普通", "意向", ""],
    ["", "无名公司", "13600002222", "朝阳", "", "", ""],
    ["孙三强", "万科物业", "13700003333", "丰台", "", "已签约", ""],
]


def test_good_rows_in_bad_rows_named_and_kept_to_fix(run, tmp_path):
    book = sheet(tmp_path, "客户名单.csv", CRM)
    out = run("import", "contacts", str(book)).stdout.splitlines()
    assert out[0] == (
        "added 3 contacts · 0 already in the store · 1 row not imported · 1 value not kept"
    )
    assert out[1].startswith("  line 3: bad phone '18923817874w'")
    assert out[1].endswith("(the contact is kept without this phone)")
    assert out[2] == "  line 4 not imported: no name"
    rejects = tmp_path / "客户名单.rejected.csv"
    assert out[3] == f"the rows not imported are in {rejects}: fix them there and import it"
    assert out[4] == "columns not imported: 微信号"
    assert people(run) == {
        "赵一鸣": ("137 0000 1111", None, "华远建材", "海淀", "key", "lead"),
        "钱二妹": (None, None, "龙湖装饰", "朝阳", "normal", "intent"),
        "孙三强": ("13700003333", None, "万科物业", "丰台", "normal", "customer"),
    }
    # The rejects file: the source's layout, only the row not written.
    rows = list(csv.reader(io.StringIO(rejects.read_text(encoding="utf-8-sig"))))
    assert rows == [CRM[0], CRM[3]]
    # Fixed and imported again: only the fixed row comes in; the source again adds nothing.
    rows[1][0] = "周四海"
    sheet(tmp_path, "客户名单.rejected.csv", rows)
    again = run("import", "contacts", str(rejects)).stdout
    assert again.startswith("added 1 contact · 0 already in the store\n")
    assert "周四海" in people(run)
    repeat = run("import", "contacts", str(book)).stdout.splitlines()[0]
    assert repeat.startswith("added 0 contacts · 3 already in the store · 1 row not imported")


def test_the_same_in_chinese(run, tmp_path):
    book = sheet(tmp_path, "客户名单.csv", CRM)
    out = run("import", "contacts", str(book), env=ZH).stdout.splitlines()
    assert out[0] == "已新增 3 位联系人 · 0 位已存在 · 1 行未导入 · 1 个值未保留"
    assert out[1].startswith("  第 3 行：")
    assert out[1].endswith("（联系人已导入，未带此电话）")
    assert out[2] == "  第 4 行未导入：没有姓名"
    assert out[4] == "未导入的列：微信号"


def test_dry_run_shows_the_columns_and_writes_nothing(run, tmp_path):
    book = sheet(tmp_path, "客户名单.csv", CRM)
    out = run("import", "contacts", str(book), "--dry-run", env=ZH).stdout.splitlines()
    assert out[:8] == [
        "各列的用途：",
        "  姓名 → 姓名 (name)",
        "  公司 → 公司 (company)",
        "  手机号码 → 电话 (phone)",
        "  地区 → 区域 (area)",
        "  客户等级 → 级别 (tier)",
        "  客户状态 → 状态 (status)",
        "  微信号 → （不导入）",
    ]
    assert out[8] == "将新增 3 位联系人 · 0 位已存在 · 1 行未导入 · 1 个值未保留"
    assert f"未导入的行将写入 {tmp_path / '客户名单.rejected.csv'}" in out
    assert run.json("contact", "list") == []
    assert not (tmp_path / "客户名单.rejected.csv").exists()


def test_strict_keeps_all_or_nothing(run, tmp_path, db_path, digest):
    run("contact", "add", "已有")
    before = digest(db_path)
    book = sheet(tmp_path, "客户名单.csv", CRM)
    err = run("import", "contacts", str(book), "--strict", code=2).stderr
    assert err.startswith("error: line 3: bad phone '18923817874w'") and err.count("\n") == 1
    assert digest(db_path) == before
    assert not (tmp_path / "客户名单.rejected.csv").exists()


def test_nothing_usable_exits_2_and_still_names_every_row(run, tmp_path, db_path, digest):
    run("contact", "add", "已有")
    before = digest(db_path)
    book = sheet(tmp_path, "坏.csv", [["姓名", "手机"], ["", "13600000001"], ["", "x"]])
    result = run("import", "contacts", str(book), code=2)
    assert "line 2 not imported: no name" in result.stdout
    assert result.stderr.count("\n") == 1
    assert "none of the 2 rows of 坏.csv could be" in result.stderr
    assert digest(db_path) == before
    assert (tmp_path / "坏.rejected.csv").exists()


def test_a_phone_book_vcard_with_a_nameless_card(run, tmp_path):
    card = tmp_path / "手机通讯录.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:李;建华;;;\r\nTEL;WORK:010-8888 6666\r\n"
        "TEL;CELL:138 0013 8000\r\nEMAIL:li@example.com\r\nEMAIL:jianhua@example.cn\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nTEL;CELL:13900000009\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:周小红\r\nTEL;TYPE=CELL:18923817874w\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    out = run("import", "contacts", str(card)).stdout.splitlines()
    assert out[0] == (
        "added 2 contacts · 0 already in the store · 1 row not imported · 1 value not kept"
    )
    assert "  vCard 2 not imported: no name" in out
    got = {c["name"]: c for c in run.json("contact", "list")}
    li = run.json("contact", "show", str(got["李建华"]["id"]))  # 姓+名, no space
    assert li["phone"] == "138 0013 8000" and li["email"] == "li@example.com"
    # The mobile first (the card lists the landline first); the landline and the second
    # address kept as the contact's own, not in its notes.
    assert li["phones"] == [
        {"number": "138 0013 8000", "kind": "mobile"},
        {"number": "010-8888 6666", "kind": "landline"},
    ]
    assert li["emails"] == ["li@example.com", "jianhua@example.cn"]
    assert li["notes"] is None
    assert got["周小红"]["phone"] is None
    rejected = (tmp_path / "手机通讯录.rejected.vcf").read_bytes().decode("utf-8")
    assert rejected == "BEGIN:VCARD\r\nVERSION:2.1\r\nTEL;CELL:13900000009\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    ("layout", "rows", "expected", "unused"),
    [
        (
            "Google Contacts (current)",
            [
                [
                    "First Name",
                    "Middle Name",
                    "Last Name",
                    "Organization Name",
                    "Organization Title",
                    "E-mail 1 - Label",
                    "E-mail 1 - Value",
                    "Phone 1 - Label",
                    "Phone 1 - Value",
                    "Phone 2 - Label",
                    "Phone 2 - Value",
                    "Address 1 - Formatted",
                    "Notes",
                    "Labels",
                ],
                [
                    "Jane",
                    "",
                    "Doe",
                    "Acme Tiles",
                    "Buyer",
                    "* Work",
                    "jane@example.com",
                    "Work",
                    "+86 10 6666 8888",
                    "Mobile",
                    "+86 139 0000 0001",
                    "1 Jianguo Rd",
                    "met at the fair",
                    "* myContacts",
                ],
            ],
            {"Jane Doe": ("+86 139 0000 0001", "jane@example.com", "Acme Tiles", None)},
            "Organization Title, E-mail 1 - Label, Phone 1 - Label, Phone 2 - Label, Labels",
        ),
        (
            "Google Contacts (older)",
            [
                [
                    "Name",
                    "Given Name",
                    "Additional Name",
                    "Family Name",
                    "Group Membership",
                    "E-mail 1 - Type",
                    "E-mail 1 - Value",
                    "Phone 1 - Type",
                    "Phone 1 - Value",
                    "Organization 1 - Type",
                    "Organization 1 - Name",
                ],
                [
                    "吴六顺",
                    "六顺",
                    "",
                    "吴",
                    "* My Contacts",
                    "* Work",
                    "wu@example.com",
                    "Mobile",
                    "13600000006 ::: 010-66660006",
                    "",
                    "顺达门窗",
                ],
            ],
            {"吴六顺": ("13600000006", "wu@example.com", "顺达门窗", None)},
            "Group Membership, E-mail 1 - Type, Phone 1 - Type, Organization 1 - Type",
        ),
        (
            "Outlook (English)",
            [
                [
                    "Title",
                    "First Name",
                    "Middle Name",
                    "Last Name",
                    "Suffix",
                    "Company",
                    "Department",
                    "Job Title",
                    "Business Street",
                    "Business Phone",
                    "Mobile Phone",
                    "E-mail Address",
                    "E-mail Display Name",
                    "Notes",
                ],
                [
                    "",
                    "Tom",
                    "J",
                    "Lee",
                    "",
                    "Lee Glass",
                    "Sales",
                    "Owner",
                    "8 Chang'an Ave",
                    "010-55556666",
                    "13700000007",
                    "tom@example.com",
                    "Tom Lee",
                    "",
                ],
            ],
            {"Tom J Lee": ("13700000007", "tom@example.com", "Lee Glass", None)},
            "Title, Suffix, Department, Job Title, E-mail Display Name",
        ),
        (
            "Outlook (Chinese)",
            [
                [
                    "称谓",
                    "名",
                    "中间名",
                    "姓",
                    "后缀",
                    "公司",
                    "部门",
                    "职务",
                    "商务电话",
                    "移动电话",
                    "电子邮件地址",
                    "备注",
                ],
                [
                    "",
                    "国强",
                    "",
                    "郑",
                    "",
                    "郑氏建材",
                    "",
                    "经理",
                    "0755-22223333",
                    "13800000008",
                    "zheng@example.com",
                    "老客户介绍",
                ],
            ],
            {"郑国强": ("13800000008", "zheng@example.com", "郑氏建材", None)},
            "称谓, 后缀, 部门, 职务",
        ),
        (
            "钉钉 member list",
            [
                ["姓名", "工号", "手机号", "部门", "职位", "邮箱", "办公地点"],
                [
                    "冯七",
                    "A001",
                    "13900000010",
                    "华北大区",
                    "区域经理",
                    "feng@example.com",
                    "北京市朝阳区",
                ],
            ],
            {"冯七": ("13900000010", "feng@example.com", None, None)},
            "工号, 部门, 职位",
        ),
        (
            "企业微信 member list",
            [
                [
                    "姓名",
                    "账号",
                    "别名",
                    "职务",
                    "部门",
                    "性别",
                    "手机",
                    "座机",
                    "个人邮箱",
                    "企业邮箱",
                    "地址",
                ],
                [
                    "陈八",
                    "chenba",
                    "",
                    "采购",
                    "采购部",
                    "男",
                    "13900000011",
                    "021-66667777",
                    "chen@example.com",
                    "chen@corp.example.com",
                    "",
                ],
            ],
            {"陈八": ("13900000011", "chen@example.com", None, None)},
            "账号, 别名, 职务, 部门, 性别",
        ),
        (
            "a Chinese CRM sheet",
            [
                ["客户名称", "联系人", "手机号码", "所属区域", "客户级别", "跟进状态", "备注"],
                ["卫氏装饰公司", "卫九", "13900000012", "西城", "重点", "有意向", "年底采购"],
            ],
            {"卫九": ("13900000012", None, "卫氏装饰公司", "西城")},
            "",
        ),
    ],
)
def test_the_layouts_real_exports_write(run, tmp_path, layout, rows, expected, unused):
    book = sheet(tmp_path, "export.csv", rows)
    out = run("import", "contacts", str(book)).stdout
    assert out.startswith("added 1 contact · 0 already in the store\n"), layout
    got = {
        c["name"]: (c["phone"], c["email"], c["company"], c["area"])
        for c in run.json("contact", "list")
    }
    assert got == expected, layout
    if unused:
        assert f"columns not imported: {unused}\n" in out, layout
    else:
        assert "columns not imported" not in out, layout


def test_the_crm_sheets_level_and_state_in_chinese(run, tmp_path):
    rows = [
        ["客户名称", "联系人", "手机号码", "所属区域", "客户级别", "跟进状态"],
        ["卫氏装饰公司", "卫九", "13900000012", "西城", "重点", "有意向"],
        ["蒋氏门业", "蒋十", "13900000013", "东城", "C类", "已流失"],
    ]
    run("import", "contacts", str(sheet(tmp_path, "crm.csv", rows)))
    got = {c["name"]: (c["tier"], c["status"], c["company"]) for c in run.json("contact", "list")}
    assert got == {
        "卫九": ("key", "intent", "卫氏装饰公司"),
        "蒋十": ("normal", "lost", "蒋氏门业"),
    }


def test_a_shared_switchboard_keeps_both_people_and_a_match_fills_in(run, tmp_path):
    run("contact", "add", "韩梅", "--phone", "010-88886666")
    rows = [
        ["姓名", "电话", "公司", "邮箱"],
        ["杨雷", "010 8888 6666", "总机公司", ""],  # another person on the same line
        ["韩梅", "01088886666", "总机公司", "han@example.com"],  # the same person, more said
    ]
    out = run("import", "contacts", str(sheet(tmp_path, "总机.csv", rows))).stdout
    assert out.startswith("added 1 contact · 0 already in the store · filled in 1 contact\n")
    assert "韩梅 #1" in out and "杨雷 #2" in out and "same phone" in out
    got = people(run)
    assert got["韩梅"][1:3] == ("han@example.com", "总机公司")
    assert got["杨雷"][0] == "010 8888 6666"


def test_a_reimport_moves_what_the_calendar_moved_and_adds_nothing(run, tmp_path):
    cal = tmp_path / "class.ics"
    cal.write_text(SERIES, encoding="utf-8")
    first = run("import", "calendar", str(cal), "--days", "60").stdout
    assert first.startswith("added 5 appointments · 0 already imported")
    moved = SERIES.replace(
        "DTSTART;TZID=Asia/Shanghai:20261216T140000", "DTSTART;TZID=Asia/Shanghai:20261217T150000"
    )
    cal.write_text(
        moved.replace("SUMMARY:培训课（改期）", "SEQUENCE:2\r\nSUMMARY:培训课（再改期）"),
        encoding="utf-8",
    )
    again = run("import", "calendar", str(cal), "--days", "60").stdout
    assert again.startswith(
        "added 0 appointments · 4 already imported · 1 changed in the calendar since, updated"
    )
    titles = {
        a["title"]: a["start"][:16]
        for a in run.json("appt", "list", "--from", "2026-12-01", "--to", "2026-12-31")
    }
    assert titles.get("培训课（再改期）", "").startswith("2026-12-17")


def test_events_outside_the_window_are_counted_both_ways(run, tmp_path):
    def event(uid, start):
        return f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{start}\r\nDURATION:PT1H\r\nSUMMARY:会\r\nEND:VEVENT\r\n"

    cal = tmp_path / "old.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
        + event("a@t", "20250301T010000Z")
        + event("b@t", "20260101T010000Z")
        + event("c@t", "20261201T010000Z")
        + event("d@t", "20280101T010000Z")
        + "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    out = run("import", "calendar", str(cal), env=ZH).stdout.splitlines()
    assert out[1:] == [
        "跳过 2 个已过去的日程（--since 日期 可导入）",
        "跳过 1 个 180 天以后的日程（--days 可放宽范围）",
    ]
    again = run("import", "calendar", str(cal), "--since", "2025-01-01").stdout
    assert again.startswith("added 2 appointments · 1 already imported")


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, "added 0 appointments · 4 already imported · 1 no longer in the calendar, cancelled"),
        (ZH, "已新增 0 个约见 · 4 个已导入过 · 1 个已不在日历中，已取消"),
    ],
)
def test_an_occurrence_the_calendar_excluded_since_is_cancelled(run, tmp_path, env, said):
    cal = tmp_path / "class.ics"
    cal.write_text(SERIES, encoding="utf-8")
    run("import", "calendar", str(cal), "--days", "60")
    # The organiser cancels the class of the 29th by excluding it from the series.
    cal.write_text(
        SERIES.replace(
            "EXDATE;TZID=Asia/Shanghai:20261208T090000",
            "EXDATE;TZID=Asia/Shanghai:20261208T090000,20261229T090000",
        ),
        encoding="utf-8",
    )
    assert run("import", "calendar", str(cal), "--days", "60", env=env).stdout.strip() == said
    got = {
        a["start"][:16]: a["status"]
        for a in run.json("appt", "list", "--from", "2026-12-01", "--to", "2026-12-31")
    }
    assert got["2026-12-29T09:00"] == "cancelled"
    assert got["2026-12-12T10:00"] == got["2026-12-01T09:00"] == "planned"
    # Nothing changes on a third reading of the same file.
    third = run("import", "calendar", str(cal), "--days", "60").stdout.strip()
    assert third == "added 0 appointments · 4 already imported"


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, "skipped 2 all-day events (holidays, birthdays: not appointments)"),
        (ZH, "跳过 2 个全天日程（节假日、生日等，不算约见）"),
    ],
)
def test_all_day_events_are_counted_not_dropped_silently(run, tmp_path, env, said):
    cal = tmp_path / "holidays.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\nUID:a@t\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:元旦放假\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b@t\r\nDTSTART;VALUE=DATE:20261218\r\nSUMMARY:生日\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:c@t\r\nDTSTART:20261210T020000Z\r\nSUMMARY:拜访\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    out = run("import", "calendar", str(cal), env=env).stdout.splitlines()
    assert out[1:] == [said]
    assert [
        a["title"] for a in run.json("appt", "list", "--from", "2026-12-01", "--to", "2027-01-31")
    ] == ["拜访"]


def test_a_rejects_file_imported_again_keeps_what_is_still_wrong_in_its_own_place(run, tmp_path):
    book = sheet(tmp_path, "客户名单.csv", CRM)
    run("import", "contacts", str(book))
    rejects = tmp_path / "客户名单.rejected.csv"
    first = rejects.read_bytes()
    out = run("import", "contacts", str(rejects), code=2).stdout
    assert str(rejects) in out
    assert rejects.read_bytes() == first  # the row still without a name, in the same file
    assert not (tmp_path / "客户名单.rejected.rejected.csv").exists()


def test_a_sheet_grades_the_contacts_a_phone_book_brought_in_but_not_ones_set_by_hand(
    run, tmp_path
):
    book = tmp_path / "phone.vcf"
    book.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nTEL;TYPE=CELL:{tel}\r\nEND:VCARD\r\n"
            for name, tel in (
                ("周敏", "13601178852"),
                ("陈建华", "13911112222"),
                ("吴国平", "13722223333"),
            )
        ),
        encoding="utf-8",
    )
    run("import", "contacts", str(book))
    run("contact", "add", "郑洁", "--phone", "13633334444")  # typed in: lead by choice
    run("contact", "edit", "吴国平", "--status", "intent")  # set by hand since the import
    rows = [
        ["联系人", "手机号码", "客户级别", "跟进状态"],
        ["周敏", "13601178852", "重点", "已签约"],
        ["陈建华", "13911112222", "A类", "意向"],
        ["吴国平", "13722223333", "重点", "已签约"],
        ["郑洁", "13633334444", "重点", "已签约"],
    ]
    out = run("import", "contacts", str(sheet(tmp_path, "客户表.csv", rows))).stdout
    assert out.startswith("added 0 contacts · 1 already in the store · filled in 3 contacts")
    got = {c["name"]: (c["tier"], c["status"]) for c in run.json("contact", "list")}
    assert got == {
        "周敏": ("key", "customer"),
        "陈建华": ("key", "intent"),
        "吴国平": ("key", "intent"),  # its tier was the import's default; its status was set
        "郑洁": ("normal", "lead"),  # typed in by hand: the store's stays
    }


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, "warning: 客户名单.csv is not UTF-8: read as GB18030, as a Chinese Excel saves CSV"),
        (ZH, "提示：客户名单.csv 不是 UTF-8：按 GB18030（中文版 Excel 保存 CSV 的编码）读取"),
    ],
)
def test_a_sheet_saved_by_a_chinese_excel_is_read_as_gb18030(run, tmp_path, env, said):
    book = sheet(tmp_path, "客户名单.csv", CRM, encoding="gbk")
    result = run("import", "contacts", str(book), env=env)
    assert said in result.stderr and result.stderr.count("\n") == 1
    got = {c["name"]: (c["company"], c["area"]) for c in run.json("contact", "list")}
    assert got["赵一鸣"] == ("华远建材", "海淀") and len(got) == 3
    # Said otherwise, it is read as said: not UTF-8, refused whole.
    again = run("import", "contacts", str(book), "--encoding", "utf-8", code=2, env=env).stderr
    assert "gb18030" in again
