"""contact dupes, contact merge and its --undo, on both engines."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest


def _rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every salesplan table, sorted: what 'exactly as before' compares."""
    from sqlalchemy import select

    from salesplan.models import load_all
    from salesplan.store.db import open_store

    load_all()
    from sqlmodel import SQLModel

    store = open_store(None, datetime(2026, 11, 30, tzinfo=UTC))
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.session() as s:
        for table in SQLModel.metadata.sorted_tables:
            rows = s.execute(select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def _counts(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, int]:
    return {table: len(found) for table, found in rows.items()}


@pytest.fixture
def two_wangs(run):
    """王建国 #1 and, imported again in traditional characters, 王建國 #3, each with history."""
    run("contact", "add", "王建国", "--company", "华远建材", "--phone", "13600000002")
    run("contact", "add", "王建华", "--company", "美的楼宇", "--area", "海淀")
    run(
        "contact", "add", "王建國", "--company", "華遠建材", "--email", "wjg@huayuan.cn",
        "--area", "朝阳", "--tier", "key",
    )  # fmt: skip
    run("log", "call", "#1", "-o", "reached", "--at", "yesterday 09:00")
    run("log", "call", "#3", "-o", "no-answer")
    run("log", "visit", "#3", "-o", "reached", "--at", "yesterday 15:00", "--next", "+5d")
    run("appt", "add", "#3", "--at", "tomorrow 14:00", "--minutes", "60")
    run("project", "add", "望京SOHO幕墙", "--contact", "#3", "--amount", "850000")
    run("expense", "add", "86.50", "--category", "travel", "--contact", "#3")
    run("note", "add", "要报价", "--contact", "#3")
    run("contact", "flag", "#3", "credit", "--note", "两次逾期")


def test_dupes_names_the_pair_and_why(run, two_wangs):
    run("contact", "add", "刘玄德", "--phone", "+86 136 0000 0002", "--force")
    found = run.json("contact", "dupes")
    pairs = [(d["first"]["id"], d["second"]["id"], d["reasons"]) for d in found]
    assert pairs == [(1, 4, ["phone"]), (1, 3, ["name-company"])]
    out = run("contact", "dupes").stdout
    assert "王建国 #1 华远建材  ~  王建國 #3 華遠建材·朝阳  · same name and company" in out
    assert "2 likely duplicates" in out
    zh = run("contact", "dupes", env={"SALESPLAN_LANG": "zh-CN"}).stdout
    assert "姓名和公司相同" in zh
    assert "同一电话" in zh


def test_dupes_on_pinyin_and_company_and_email(run):
    run("contact", "add", "张伟", "--company", "万科物业")
    run("contact", "add", "张玮", "--company", "万科物业")
    run("contact", "add", "张伟", "--company", "龙湖地产")  # same name, another company
    run("contact", "add", "李娜", "--email", "Li.Na@example.com")
    run("contact", "add", "Lina", "--email", "li.na@example.com")
    found = run.json("contact", "dupes")
    assert [(d["first"]["id"], d["second"]["id"], d["reasons"]) for d in found] == [
        (4, 5, ["email"]),
        (1, 2, ["pinyin-company"]),
    ]
    run("contact", "archive", "#5")
    assert len(run.json("contact", "dupes")) == 1  # archived contacts are not duplicates


def test_merge_moves_every_row_and_undo_puts_back_exactly(run, two_wangs):
    before = _rows()
    merged = run.json("contact", "merge", "#1", "#3")
    assert merged["moved"] == {
        "activity": 2,
        "appointment": 1,
        "contact_point": 1,  # its number: the kept contact has every number of both
        "expense": 1,
        "note": 1,
        "project": 1,
    }
    assert merged["filled"] == ["email", "area", "flag_note", "flag_credit", "tier"]
    assert merged["conflicts"] == []  # 王建國/華遠建材 are 王建国/华远建材 in the other script
    after = _rows()
    counts = _counts(before)
    # The kept contact is a key customer from the merge on: one tier row, which undo removes.
    assert _counts(after) == {
        **counts,
        "contact_merge": counts["contact_merge"] + 1,
        "contact_tier": counts["contact_tier"] + 1,
    }
    keep = run.json("contact", "show", "#1")
    assert (keep["email"], keep["area"], keep["tier"], keep["flags"]) == (
        "wjg@huayuan.cn",
        "朝阳",
        "key",
        ["credit"],
    )
    assert keep["next"] == "2026-12-05"  # the promise the other's visit made moved with it
    assert len(keep["recent"]) == 3
    other = run.json("contact", "show", "#3")
    assert other["archived"] is True
    assert run.json("contact", "show", "wjg")["id"] == 1  # one 王建国 left to find
    assert run.json("contact", "dupes") == []

    undone = run.json("contact", "merge", "--undo")
    assert undone["undone"] is True
    assert _rows() == before
    run("contact", "merge", "--undo", code=2)  # nothing left to undo


def test_merge_lists_conflicting_values_it_kept(run):
    run("contact", "add", "王建国", "--company", "华远建材", "--phone", "13600000002")
    run("contact", "add", "王建国", "--company", "华远建材", "--phone", "13600000009")
    out = run("contact", "merge", "#1", "#2").stdout
    assert (
        "merged 王建国 #2 华远建材 into 王建国 #1 华远建材: 1 row moved (phones and emails 1)"
    ) in out
    assert "kept phone 13600000002 (#2 had 13600000009)" in out
    # The other's number is not lost: the kept contact dials its own first, and has both.
    numbers = [p["number"] for p in run.json("contact", "show", "#1")["phones"]]
    assert numbers == ["13600000002", "13600000009"]
    assert run.json("contact", "show", "13600000009")["id"] == 1
    zh = run("contact", "merge", "--undo", env={"SALESPLAN_LANG": "zh-CN"}).stdout
    assert "已撤销合并" in zh
    assert [p["number"] for p in run.json("contact", "show", "#2")["phones"]] == ["13600000009"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("#1",), "give two contacts"),
        (("#1", "#1"), "same contact twice"),
        (("#1", "#2", "--undo"), "--undo alone"),
        (("#1", "#9"), "no contact #9"),
        (("--undo",), "no merge to undo"),
    ],
)
def test_bad_merges_exit_2_with_one_line_and_change_nothing(run, digest, db_path, args, says):
    run("contact", "add", "王建国")
    run("contact", "add", "王建國")
    was = digest(db_path)
    result = run("contact", "merge", *args, code=2)
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert digest(db_path) == was


def test_a_merged_contact_cannot_be_merged_again(run):
    for name in ("王建国", "王建國", "王建华"):
        run("contact", "add", name)
    run("contact", "merge", "#1", "#2")
    result = run("contact", "merge", "#3", "#2", code=2)
    assert "#2 王建國 was merged into #1 already" in result.stderr


def test_done_means_find_him_every_way_import_him_again_and_merge(run, tmp_path):
    run("contact", "add", "王建国", "--company", "华远建材", "--phone", "13600000002")
    assert run.json("contact", "show", "王总")["id"] == 1  # while he is the only 王
    run("contact", "add", "王建华", "--company", "美的楼宇", "--area", "海淀")
    for ref in ("wjg", "wangjianguo", "王建國", "华远", "+86 136-0000-0002"):
        assert run.json("contact", "show", ref)["id"] == 1, ref
    two = run("contact", "show", "王总", code=2).stderr
    assert "王建国 #1 华远建材, 王建华 #2 美的楼宇·海淀" in two
    run("log", "call", "wjg", "-o", "reached", "--note", "约了看样品")

    card = tmp_path / "phone.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王建國\r\nORG:華遠建材\r\nTEL;TYPE=CELL:+86 136-0000-0002"
        "\r\nEMAIL:wjg@huayuan.cn\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    out = run("import", "contacts", str(card)).stdout
    assert "added 1 contact" in out
    assert "1 likely duplicate brought in, not merged" in out
    assert "王建国 #1 华远建材  ~  王建國 #3 華遠建材  · same phone, same name and company" in out
    run("log", "call", "#3", "-o", "busy")
    two_of_him = run("contact", "show", "wjg", code=2).stderr
    assert "王建国 #1 华远建材, 王建國 #3 華遠建材;" in two_of_him
    run("contact", "merge", "#1", "#3")
    wangs = run.json("contact", "list", "--search", "王建国")
    assert [c["id"] for c in wangs] == [1]
    him = run.json("contact", "show", "wjg")
    assert him["email"] == "wjg@huayuan.cn"
    assert sorted(a["outcome"] for a in him["recent"]) == ["busy", "reached"]


def test_an_import_lists_duplicates_within_the_file_and_a_dry_run_too(run, tmp_path):
    sheet = tmp_path / "list.csv"
    sheet.write_text(
        "name,phone,company\n刘备,13900000001,蜀汉建材\n刘玄德,139-0000-0001,\n曹操,13900000003,\n",
        encoding="utf-8",
    )
    dry = run("import", "contacts", str(sheet), "--dry-run").stdout
    assert "would add 3 contacts" in dry
    assert "刘备 #1 蜀汉建材  ~  刘玄德 #2  · same phone" in dry  # a switchboard: both kept
    assert run.json("contact", "list") == []
    zh = run("import", "contacts", str(sheet), env={"SALESPLAN_LANG": "zh-CN"}).stdout
    assert "疑似重复" in zh
    found = run.json("contact", "dupes")  # ids: a server's sequence moved on in the dry run
    assert [(d["first"]["company"], d["second"]["name"], d["reasons"]) for d in found] == [
        ("蜀汉建材", "刘玄德", ["phone"])
    ]
    again = run("import", "contacts", str(sheet)).stdout  # nothing new: nothing to report
    assert "duplicate" not in again
