"""The catalog: every message has Chinese, the shipped .mo is the .po compiled, and the
language is chosen from the documented sources in order."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from salesplan import i18n

ROOT = Path(__file__).resolve().parents[1]


def _catalog_tool():
    spec = importlib.util.spec_from_file_location("catalog_tool", ROOT / "tools" / "catalog.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalog_tool"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    pytest.importorskip("babel")
    return _catalog_tool()


def test_every_message_in_the_source_has_chinese(tool):
    source = tool.extracted()
    assert len(source) > 200  # the extractor sees docstrings and help= texts, not only _()
    assert tool.untranslated(tool.load_po(), source) == [], (
        "add the Chinese to the .po: python tools/catalog.py update, translate, compile"
    )


def _messages(catalog) -> dict:
    return {
        (m.context, m.id if isinstance(m.id, str) else tuple(m.id)): m.string
        if isinstance(m.string, str)
        else tuple(m.string)
        for m in catalog
        if m.id and m.string and not m.fuzzy
    }


def test_the_packaged_mo_is_its_po_compiled(tool):
    from babel.messages.mofile import read_mo

    with i18n.catalog_path().open("rb") as fh:
        shipped = read_mo(fh)
    po = tool.load_po()
    assert _messages(shipped) == _messages(po), "run python tools/catalog.py compile"
    assert i18n.catalog_path() == tool.MO


def test_the_mo_translates_through_gettext():
    i18n.use_language("zh-CN")
    assert i18n._("Show this message and exit.") == "显示本帮助并退出。"
    assert i18n.pgettext("metavar", "DATE") == "日期"
    assert i18n._("not a message of ours") == "not a message of ours"
    i18n.use_language("en")
    assert i18n._("Show this message and exit.") == "Show this message and exit."


@pytest.mark.parametrize(
    ("env", "stored", "expected"),
    [
        ({}, None, "en"),
        ({"LANG": "zh_CN.UTF-8"}, None, "zh-CN"),
        ({"LANG": "zh_TW.UTF-8"}, None, "zh-CN"),
        ({"LANG": "en_US.UTF-8"}, None, "en"),
        ({"LANG": "de_DE.UTF-8"}, None, "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, None, "zh-CN"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, None, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, None, "zh-CN"),
        ({"LANG": "zh_CN.UTF-8"}, "en", "en"),
        ({"LANG": "en_US.UTF-8"}, "zh-CN", "zh-CN"),
        ({"LANG": "zh_CN.UTF-8"}, "auto", "zh-CN"),
        ({"SALESPLAN_LANG": "en", "LANG": "zh_CN.UTF-8"}, "zh-CN", "en"),
        ({"SALESPLAN_LANG": "zh-CN"}, "en", "zh-CN"),
        ({"SALESPLAN_LANG": "zh"}, None, "zh-CN"),
        ({"SALESPLAN_LANG": "klingon", "LANG": "zh_CN.UTF-8"}, None, "zh-CN"),
    ],
)
def test_the_language_comes_from_env_then_setting_then_locale(monkeypatch, env, stored, expected):
    for name in ("SALESPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(i18n, "_setting_reader", lambda: stored)
    assert i18n.resolve_language() == expected


def test_the_language_is_chosen_once_per_run(monkeypatch):
    calls = []
    monkeypatch.setattr(i18n, "_setting_reader", lambda: calls.append(1) or "zh-CN")
    i18n.reset()
    assert i18n._("Options") == "选项"
    assert i18n._("Commands") == "命令"
    assert calls == [1]


def test_the_stored_setting_is_read_without_opening_the_store(run, db_path, digest):
    run("config", "set", "language", "zh-CN")
    before = digest(db_path)
    out = run("--help").stdout
    assert out.startswith("用法：salesplan [选项] 命令 [参数]...")
    assert "显示本帮助并退出。" in out
    assert digest(db_path) == before
    run("config", "set", "language", "auto")
    assert run("--help").stdout.startswith("Usage: salesplan [OPTIONS] COMMAND [ARGS]...")


def test_help_needs_no_store_to_choose_a_language(run, db_path):
    assert run("--help", env={"LANG": "zh_CN.UTF-8"}).stdout.startswith("用法：")
    assert not db_path.exists()


def test_a_bad_language_setting_is_refused(run):
    result = run("config", "set", "language", "klingon", code=2)
    assert "zh-CN, en or auto" in result.stderr


def test_click_words_and_errors_follow_the_language(run):
    zh = {"SALESPLAN_LANG": "zh-CN"}
    out = run("contact", "add", "--help", env=zh).stdout
    assert out.startswith("用法：salesplan contact add [选项] {姓名}")
    assert "\n选项：\n" in out and "\n参数：\n" in out
    assert "--company <文字>" in out and "[必填]" in out
    assert "示例：salesplan contact add 王建国" in out
    result = run("contact", "add", "--bogus", code=2, env=zh)
    assert result.stderr == "错误：没有这个选项：--bogus（见 salesplan contact add --help）\n"
    result = run("contact", "add", code=2, env=zh)
    assert result.stderr == "错误：缺少参数 姓名（见 salesplan contact add --help）\n"
    result = run("contact", "list", "--limit", "x", code=2, env=zh)
    assert result.stderr == "错误：'--limit'：请输入整数（见 salesplan contact list --help）\n"
    result = run("calls", "--limit", "0", code=2, env=zh)
    assert result.stderr == "错误：'--limit'：请用 1 或更大的数（见 salesplan calls --help）\n"


def test_english_help_and_errors_are_click_s_own(run):
    out = run("contact", "add", "--help").stdout
    assert out.startswith("Usage: salesplan contact add [OPTIONS] {name}")
    assert "  -h, --help" in out and "Show this message and exit." in out
    result = run("contact", "add", "--bogus", code=2)
    assert result.stderr == "error: No such option: --bogus (see salesplan contact add --help)\n"
