"""``week --html``: one self-contained page whose numbers are the week's JSON, with stored text
escaped; on both engines, in both languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.html_page import check_self_contained

THURSDAY = {"SALESPLAN_NOW": "2026-12-03T18:00"}
SCRIPT_NAME = "<script>alert(1)</script>"
IMG_NOTE = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_week(run):
    run("contact", "add", SCRIPT_NAME, "--area", "朝阳", "--tier", "key", "--status", "customer")
    run("contact", "add", "李娜", "--area", "望京", "--status", "intent")
    for day, calls in (("2026-11-30", 31), ("2026-12-01", 12), ("2026-12-02", 30)):
        for i in range(calls):
            run("log", "call", "", "--at", f"{day} 09:{i % 60:02d}", "--future", "-o", "no-answer")
        run("log", "visit", "李娜", "--at", f"{day} 14:00", "--future", "--note", IMG_NOTE)
    run("log", "visit", SCRIPT_NAME, "--at", "2026-11-24 10:00")
    run("log", "call", SCRIPT_NAME, "--at", "2026-11-17 10:00")
    run(
        "project",
        "add",
        "幕墙",
        "--contact",
        SCRIPT_NAME,
        "--stage",
        "bidding",
        "--amount",
        "850000",
    )
    run("project", "add", "门窗", "--contact", "李娜", "--amount", "1200.50")
    run("note", "add", IMG_NOTE, "--kind", "competitor")


def _html(run, tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    out = tmp_path / "周报.html"
    result = run("week", "--html", "-o", str(out), *args, env=env)
    assert str(out) in result.stdout
    return out.read_text(encoding="utf-8")


def _n(cell: str) -> int:
    return int(cell.split("/")[0].replace(",", ""))


def test_the_page_is_self_contained_and_its_numbers_are_the_weeks_json(run, hostile_week, tmp_path):
    text = _html(run, tmp_path, "--week", "2026-W49", env=THURSDAY)
    page = check_self_contained(text)
    data = run.json("week", "--week", "2026-W49", env=THURSDAY)
    # A bar a day: calls and the day's target, as the JSON counts them.
    calls_rows = page.tables["calls"][1:]
    assert (
        [_n(r[1]) for r in calls_rows]
        == [d["calls"] for d in data["days"]]
        == [31, 12, 30, 0, 0, 0, 0]
    )
    assert [r[2] for r in calls_rows] == ["30", "30", "30", "30", "30", "—", "—"]
    assert [r[3] for r in calls_rows][:4] == ["met", "missed", "met", "to come"]
    targets = {r[0]: (int(r[1]), int(r[2])) for r in page.tables["targets"][1:]}
    assert targets["visits"] == (data["totals"]["visits"], data["targets"]["visits_per_week"])
    assert targets["new customers"] == (data["totals"]["new_contacts"], 5)
    assert targets["potential customers"] == (data["totals"]["potential_contacts"], 3)
    compared = {r[0]: r[1:] for r in page.tables["compared"][1:]}
    assert compared["calls"] == ["73", str(data["previous"]["calls"]), "▲ +73"]
    assert compared["visits"] == ["3", "1", "▲ +2"]
    assert compared["reached"] == ["0", "0", "＝ +0"]
    # The last 8 weeks end with this one, as the week counts it.
    trend = page.tables["trend"][1:]
    assert [r[0] for r in trend] == [f"2026-W{n}" for n in range(42, 50)]
    assert trend[-1][1:] == [str(data["totals"]["calls"]), str(data["totals"]["visits"])]
    assert trend[-2][1:] == ["0", "1"] and trend[-3][1:] == ["1", "0"]
    # The pipeline at the week's end: one project in design, one in bidding.
    stages = {r[0]: r[1:] for r in page.tables["pipeline"][1:]}
    assert stages["design"] == ["1", "1,200.50"]
    assert stages["bidding"] == ["1", "850,000.00"]
    assert stages["open in all"] == ["2", "851,200.50"]


def test_stored_text_shows_as_text(run, hostile_week, tmp_path):
    text = _html(run, tmp_path, "--week", "2026-W49", env=THURSDAY)
    page = check_self_contained(text)
    assert SCRIPT_NAME not in text and IMG_NOTE not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert SCRIPT_NAME in page.words and IMG_NOTE in page.words
    assert page.tags.count("script") == 0 and "img" not in page.tags


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        ("en", ["1. Sales volume · 销售量", "11. Local policy changes · 当地政策变化"]),
        ("zh-CN", ["一、销售量", "十一、当地政策变化", "每天电话量与当天目标", "招投标"]),
    ],
)
def test_the_report_sections_follow_the_charts_in_both_languages(
    run, hostile_week, tmp_path, lang, headings
):
    text = _html(run, tmp_path, "--week", "2026-W49", env={**THURSDAY, "SALESPLAN_LANG": lang})
    page = check_self_contained(text)
    for heading in headings:
        assert heading in page.words
    assert f'<html lang="{lang}">' in text
    # The charts come first, the report's sections after them.
    assert text.index('data-chart="calls"') < text.index(headings[0])
    if lang == "zh-CN":
        assert "85万元" in page.words  # amounts in 万元


def test_an_empty_store_gives_a_page(run, tmp_path):
    page = check_self_contained(_html(run, tmp_path))
    assert len(page.tables["trend"]) == 9


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--html", "-o", "week.md"], "file ending in .html"),
        (["--html", "--json"], "one of them"),
        (["--html", "--markdown", "-o", "w.html"], "one of them"),
    ],
)
def test_bad_html_options_say_what_is_accepted(run, tmp_path, args, says):
    args = [str(tmp_path / a) if a.endswith((".md", ".html")) else a for a in args]
    result = run("week", *args, code=2)
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "week.md").exists() and not (tmp_path / "w.html").exists()


@pytest.mark.sqlite_only
def test_week_without_html_never_imports_jinja2(tmp_path):
    env = {
        **os.environ,
        "SALESPLAN_DB": str(tmp_path / "s.db"),
        "SALESPLAN_NOW": "2026-12-03T09:00",
    }
    for args in (["week", "--json"], ["--help"]):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "salesplan", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        assert "jinja2" not in done.stderr and "salesplan.formats.html" not in done.stderr


def test_without_o_the_page_goes_to_stdout(run):
    out = run("week", "--html").stdout
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    check_self_contained(out)


OWN_WORDS = '本周<script>alert("小结")</script>签了华远'


@pytest.mark.parametrize(
    ("lang", "heading", "who"),
    [("en", "The week in my words", "Salesperson: 张丽"), ("zh-CN", "本周小结", "销售员：张丽")],
)
def test_the_page_shows_the_salesperson_and_their_own_words_as_text(
    run, tmp_path, lang, heading, who
):
    env = {**THURSDAY, "SALESPLAN_LANG": lang}
    run("config", "set", "name", "张丽", env=env)
    run("week", "--summary", OWN_WORDS, env=env)
    text = _html(run, tmp_path, env=env)
    page = check_self_contained(text)
    assert who in page.words
    # The summary is text under its heading, never markup.
    squeezed = "".join(page.words.split())
    assert "".join(f"{heading}{OWN_WORDS}".split()) in squeezed
    assert "<script>" not in text.split("<style>")[0] + text.split("</style>")[1]
