"""``week --html`` in a real browser (headless Chromium) at a phone's width and a desktop's: no
request, no error, every chart drawn, nothing wider than the screen, the headings and the
sections rendered; screenshots kept beside the test's files."""

from __future__ import annotations

import pytest

from tests.browser import check_in_browser
from tests.cli.test_week_html import OWN_WORDS, THURSDAY, hostile_week  # noqa: F401 - the fixture


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Calls per day against the day's target", "1. Sales volume · 销售量", "bidding"]),
        ("zh-CN", ["每天电话量与当天目标", "一、销售量", "十一、当地政策变化", "招投标"]),
    ],
)
def test_the_week_page_in_a_browser(run, hostile_week, tmp_path, lang, words):  # noqa: F811
    page = tmp_path / "周报.html"
    env = {**THURSDAY, "SALESPLAN_LANG": lang}
    run("config", "set", "name", "张丽", env=env)
    run("week", "--summary", OWN_WORDS, env=env)
    run("week", "--html", "--week", "2026-W49", "-o", str(page), env=env)
    for opened in check_in_browser(page, tmp_path, f"week-{lang}"):
        assert len(opened.facts["charts"]) == 4
        assert ("销售员：张丽" if lang == "zh-CN" else "Salesperson: 张丽") in opened.facts["text"]
        assert OWN_WORDS in opened.facts["text"]
        for word in words:
            assert word in opened.facts["text"], (opened.width, word)
        assert "<script>alert(1)</script>" in opened.facts["text"]
