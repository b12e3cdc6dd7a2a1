"""Email templates: which placeholders a template may use, how it is filled, and which one a
prospect gets next."""

import pytest

from salesplan.core.emails import (
    EmailTemplate,
    check_body,
    check_name,
    check_subject,
    fill,
    next_template,
    placeholders,
)
from salesplan.errors import BadInput


def test_placeholders_are_the_three_accepted_in_order():
    assert placeholders("{name}您好，{company}的{product}，{name}") == [
        "name",
        "company",
        "product",
        "name",
    ]
    assert placeholders("报价 {{不是占位符}} 100%") == []


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("你好 {nme}", "{nme}"),
        ("{name.upper}", "{name.upper}"),
        ("{name!r}", "{name!r}"),
        ("{product:>10}", "{product:>10}"),
        ("{0}", "{0}"),
        ("{}", "{}"),
        ("{电话}", "{电话}"),
    ],
)
def test_an_unknown_placeholder_is_refused_by_name_with_the_accepted_ones(text, named):
    with pytest.raises(BadInput) as refused:
        check_body(text)
    message = str(refused.value)
    assert named in message
    assert message.endswith("use {name}, {company}, {product}")


def test_unmatched_braces_are_refused_and_say_how_to_write_one():
    for text in ("{name", "name}", "a { b"):
        with pytest.raises(BadInput, match=r"write \{\{ and \}\}"):
            check_subject(text)


def test_subject_is_one_line_and_body_keeps_its_lines():
    with pytest.raises(BadInput):
        check_subject("第一行\n第二行")
    assert check_body("  {name}您好，\r\n\r\n附上资料。\n\n") == "{name}您好，\n\n附上资料。"
    with pytest.raises(BadInput):
        check_body("   ")
    with pytest.raises(BadInput):
        check_body("响铃\x07")
    assert check_name("  初次介绍 ") == "初次介绍"
    with pytest.raises(BadInput):
        check_name("a\nb")


def test_fill_puts_the_values_in_and_names_what_was_missing():
    t = EmailTemplate(
        "初次介绍", "{company}的{product}方案", "{name}您好，\n关于{product}：{{附件}}"
    )
    filled = fill(t, {"name": "王建国", "company": "华远建材", "product": "望京SOHO幕墙"})
    assert filled.subject == "华远建材的望京SOHO幕墙方案"
    assert filled.body == "王建国您好，\n关于望京SOHO幕墙：{附件}"
    assert filled.missing == ()
    bare = fill(t, {"name": "刘洋", "company": None, "product": "  "})
    assert bare.subject == "的方案"
    assert bare.missing == ("company", "product")
    # A placeholder the template does not use is never "missing".
    assert fill(EmailTemplate("a", "你好", "{name}"), {"name": "刘洋"}).missing == ()


def test_the_next_template_rotates_in_name_order_after_the_last_sent():
    names = ["c-报价", "a-介绍", "b-案例"]
    assert next_template(names, None) == "a-介绍"
    assert next_template(names, "a-介绍") == "b-案例"
    assert next_template(names, "b-案例") == "c-报价"
    assert next_template(names, "c-报价") == "a-介绍"  # wraps round
    # A template removed since it was sent: the next after its place in the order.
    assert next_template(names, "bb") == "c-报价"  # "a-介绍" < "b-案例" < "bb" < "c-报价"
    assert next_template(names, "z") == "a-介绍"
    assert next_template([], "a-介绍") is None
    # Followed for ten emails, two templates alternate: never the same one twice in a row.
    sent: list[str] = []
    for _ in range(10):
        sent.append(next_template(["甲", "乙"], sent[-1] if sent else None) or "")
    assert sent == ["乙", "甲"] * 5  # name order is code point order: 乙 U+4E59 < 甲 U+7532
