"""The synonyms table: which field a heading feeds, in the layouts real exports write."""

from __future__ import annotations

import io

import pytest

from salesplan.core.importrules import crm_value, full_name, order_numbers, phone_kind, point_rows
from salesplan.errors import BadInput
from salesplan.formats.csv import CsvContacts, plan_columns


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("手机号码", "phone"),
        ("*手机号", "phone"),
        ("手机号（必填）", "phone"),
        ("Ｅ-mail Address", "email"),
        ("电子邮件 2 地址", "email"),
        ("Phone 3 - Value", "phone"),
        ("Phone 3 - Label", None),
        ("Organization 1 - Name", "company"),
        ("所属区域", "area"),
        ("片区", "area"),
        ("客户级别", "tier"),
        ("跟进状态", "status"),
        ("座机", "phone"),
        ("个人邮箱", "email"),
        ("名", "given_name"),
        ("姓", "family_name"),
        ("Given Name", "given_name"),
        ("Family Name", "family_name"),
        ("微信号", None),
        # A sheet's second and third numbers and addresses.
        ("电话 2", "phone"),
        ("手机2", "phone"),
        ("Mobile 2", "phone"),
        ("邮箱 3", "email"),
        ("地区 2", None),
        ("2", None),
    ],
)
def test_headings(heading, field):
    plan = plan_columns(["姓名", heading], {}, "t.csv")
    assert plan.fields[1] == field


def test_a_customer_column_is_the_name_alone_and_the_company_beside_a_person():
    assert plan_columns(["客户名称", "电话"], {}, "t").fields == ("name", "phone")
    assert plan_columns(["客户名称", "联系人"], {}, "t").fields == ("company", "name")
    assert plan_columns(["客户名称", "联系人", "公司"], {}, "t").fields == (None, "name", "company")


def test_a_second_heading_for_a_one_value_field_is_not_imported_and_named():
    plan = plan_columns(["姓名", "公司", "单位名称", "手机", "座机"], {}, "t")
    assert plan.fields == ("name", "company", None, "phone", "phone")
    assert plan.unused() == ["单位名称"]


def test_map_overrides_and_a_sheet_without_a_name_is_refused():
    assert plan_columns(["客户", "x"], {"x": "notes"}, "t").fields == ("name", "notes")
    with pytest.raises(BadInput, match="no name column"):
        plan_columns(["公司", "电话"], {}, "t")


def test_rows_build_a_name_from_its_parts_and_split_several_numbers():
    text = (
        "名,姓,移动电话,商务电话\r\n建国,王,13800000001 ::: 13900000002,010-66667777\r\nJane,,,\r\n"
    )
    records = list(CsvContacts(io.StringIO(text), {}, "t"))
    assert records[0].fields == {
        "name": "王建国",
        "phone": ["13800000001", "13900000002", "010-66667777"],
    }
    assert records[1].fields == {"name": "Jane"}


def test_name_parts_order_and_crm_words():
    assert full_name("王", "建国") == "王建国"
    assert full_name("Doe", "Jane", "Q") == "Jane Q Doe"
    assert full_name(None, None) is None
    assert order_numbers(["010-88886666", "+86 138 0000 0001", "13800000001"]) == [
        "+86 138 0000 0001",
        "010-88886666",
    ]
    assert crm_value("tier", "A类") == "key"
    assert crm_value("status", "跟进中") == "lead"
    assert crm_value("status", "奇怪") == "奇怪"


def test_a_numbers_kind_and_a_contacts_rows():
    kinds = {
        n: phone_kind(n)
        for n in ("+86 138 0000 0001", "010-8888 6666 ext 801", "+86 755 8888 9999", "400-800-1234",
                  "12345", "+1 415 555 0100", "0086 13800000001")
    }  # fmt: skip
    assert kinds == {
        "+86 138 0000 0001": "mobile",
        "010-8888 6666 ext 801": "landline",
        "+86 755 8888 9999": "landline",
        "400-800-1234": "other",
        "12345": "other",
        "+1 415 555 0100": "other",
        "0086 13800000001": "mobile",
    }
    assert point_rows(["13800000001", "010-88886666"], ["a@b.cn"]) == [
        ("mobile", "13800000001", 0),
        ("landline", "010-88886666", 1),
        ("email", "a@b.cn", 0),
    ]
