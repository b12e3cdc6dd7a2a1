"""The setting ``language`` decides the words on either engine: read through the open store
on SQLite and on a team server, and peeked at (without opening the store) for --help."""

from __future__ import annotations


def test_the_language_setting_speaks_on_either_engine(run, engine):
    assert run("contact", "list").stdout.startswith("no contacts yet")
    run("config", "set", "language", "zh-CN")
    # a command that reads the store: its words come from the setting read through it
    assert run("contact", "list").stdout.startswith("还没有联系人：")
    assert run("log", "call").stdout.startswith("电话 #1 → 陌生客户（接通）")
    # help never opens the store: the setting is peeked at, from the file or the server
    assert run("--help").stdout.startswith("用法：salesplan [选项] 命令 [参数]...")
    assert run("contact", "--help").stdout.startswith("用法：salesplan contact")
    # a mistake caught before the store is opened is in the setting's language too
    err = run("log", "call", "--outcome", "maybe", code=2).stderr
    assert err.startswith("错误：未知的结果 'maybe'")
    # the environment still wins, and the setting can be put back
    assert run("log", "list", env={"SALESPLAN_LANG": "en"}).stdout.endswith("1 entry\n")
    run("config", "set", "language", "en", env={"LANG": "zh_CN.UTF-8"})
    assert run("log", "list", env={"LANG": "zh_CN.UTF-8"}).stdout.endswith("1 entry\n")
    assert run("--help", env={"LANG": "zh_CN.UTF-8"}).stdout.startswith("Usage: salesplan")
    run("config", "set", "language", "auto")
    assert run("--help", env={"LANG": "zh_CN.UTF-8"}).stdout.startswith("用法：")


def test_the_confirmation_of_the_setting_is_in_the_new_language(run, engine):
    assert run("config", "set", "language", "zh-CN").stdout == "language = zh-CN\n"
    assert run("config", "get", "calls_per_day").stdout == "30\n"
    assert "设置" in run("config", "list").stdout
