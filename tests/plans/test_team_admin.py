"""The team's writes, checked before any database is asked: role names, the URL a rep
connects with, the targets parsed from their options."""

import pytest

from salesplan.errors import BadInput
from salesplan.plans.team_admin import (
    NewRep,
    check_new_rep,
    connect_url,
    parse_targets,
    role_name,
)


def test_a_new_rep_is_checked_and_their_name_cleaned():
    assert check_new_rep(" zhangli ", "wang", " 张丽 ") == NewRep(
        "zhangli", "wang", " 张丽 ", "张丽"
    )
    assert check_new_rep("zhangli", None, None) == NewRep("zhangli", None, None, None)


def test_a_chinese_role_name_is_refused_with_its_pinyin_offered():
    with pytest.raises(BadInput, match=r"use e\.g\. zhangli and --name 张丽"):
        check_new_rep("张丽", None, None)
    with pytest.raises(BadInput, match=r"bad manager name '王芳'.*use e\.g\. wangfang"):
        check_new_rep("zhangli", "王芳", None)


def test_a_rep_cannot_manage_themselves_nor_take_a_reserved_name():
    with pytest.raises(BadInput, match="their own manager"):
        check_new_rep("alice", "alice", None)
    with pytest.raises(BadInput, match="reserved role name"):
        role_name("salesplan_rep")
    assert role_name("  bob ") == "bob"


def test_the_url_a_rep_connects_with_has_their_role_and_no_password():
    url = connect_url("postgresql://admin:secret@db:5432/team?sslmode=require&password=x", "bob")
    assert url == "postgresql://bob@db:5432/team?sslmode=require"


def test_targets_given_are_parsed_and_the_others_left_out():
    typed = parse_targets(
        {"calls_per_day": "30", "visits_per_week": None, "yearly_sales_target": "100万"}
    )
    assert typed == {"calls_per_day": 30, "yearly_sales_target": 100_000_000}


def test_team_show_takes_a_role_name_or_a_departed_reps_name():
    from salesplan.plans.team import shown_rep_name

    assert shown_rep_name(" alice~2026-12-07 ") == "alice~2026-12-07"
    assert shown_rep_name(" alice ") == "alice"
    with pytest.raises(BadInput, match="bad rep name"):
        shown_rep_name("alice~yesterday")
