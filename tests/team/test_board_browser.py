"""``team board`` in a real browser (headless Chromium) at 375 and 1280 px: no request, no
error, every rep's charts drawn, the rep names and headings rendered; screenshots kept."""

from __future__ import annotations

import pytest

from tests.browser import check_in_browser
from tests.team.test_board import OVER, worked  # noqa: F401 - the fixture
from tests.team.test_display_names import OWN_WORDS


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            ["The team", "Red flags", "Calls and visits, the last 8 weeks", "The weekly report"],
        ),
        ("zh-CN", ["团队", "预警", "近 8 周电话与拜访", "经理点评", "一、销售量"]),
    ],
)
def test_the_team_page_in_a_browser(run, worked, tmp_path, lang, words):  # noqa: F811
    page = tmp_path / "团队周报.html"
    alice = worked.roles["alice"]
    run("team", "add-rep", alice, "--name", "张丽", env={"SALESPLAN_DB": worked.admin})
    run("week", "--summary", OWN_WORDS, "--date", "2026-12-02", env={**worked.env("alice"), **OVER})
    env = {**worked.env("boss"), **OVER, "SALESPLAN_LANG": lang}
    run("team", "board", "--week", "2026-W49", "-o", str(page), env=env)
    for opened in check_in_browser(page, tmp_path, f"team-{lang}"):
        # Four charts for each of three reps, and a small multiple each.
        assert len(opened.facts["charts"]) == 3 * 4 + 3
        for who in ("bob", "carol"):
            assert worked.roles[who] in opened.facts["headings"]
        # The display name heads alice's section, her role beside it; her 小结 is text.
        assert f"张丽 {alice}" in opened.facts["headings"]
        assert OWN_WORDS in opened.facts["text"]
        for word in words:
            assert word in opened.facts["text"], (opened.width, word)
