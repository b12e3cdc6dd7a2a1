"""Hostile input at the command line: control characters, bad UTF-8, out-of-range values.

Each case exits 2 with one line on stderr and leaves the store exactly as it was.
"""

from __future__ import annotations

import pytest

TITLE_AND_CLEAR = "\x1b]0;pwned\x07\x1b[2J\x1b[31mEVIL"


@pytest.fixture
def stored(run, db_path):
    run("contact", "add", "王建国", "--phone", "13800138000")
    return db_path


def _one_line(result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["contact", "add", TITLE_AND_CLEAR],
        ["contact", "add", "陈静", "--company", "居然\x9b2J之家"],
        ["contact", "add", "周杰", "--note", "ok\u202etxt.exe"],
        ["contact", "edit", "王建国", "--area", "朝阳\x1b]8;;https://evil.example/\x1b\\"],
        ["log", "call", "王建国", "--note", "回电\x07"],
        ["contact", "list", "--search", "\x1b[2J"],
    ],
)
def test_typed_control_characters_exit_2_and_change_nothing(run, stored, digest, argv):
    before = digest(stored)
    line = _one_line(run(*argv, code=2))
    assert "control character U+" in line
    assert "\x1b" not in line and "\x9b" not in line and "\u202e" not in line
    assert digest(stored) == before


def test_invalid_utf8_in_an_argument_exits_2_naming_its_position(run, stored, digest):
    before = digest(stored)
    name = b"\xff\xfe\xe7\x8e\x8b".decode("utf-8", "surrogateescape")
    line = _one_line(run("contact", "add", name, code=2))
    assert line == "error: argument 3 is not valid UTF-8: use UTF-8 text"
    assert digest(stored) == before


def test_tabs_and_line_breaks_in_a_note_are_kept(run, stored):
    run("log", "call", "王建国", "--note", "第一行\n第二行\t完")
    assert run.json("log", "list")[0]["note"] == "第一行\n第二行\t完"


RANGE = "dates from 1900-01-01 to 2999-12-31 are accepted"


@pytest.mark.parametrize(
    ("argv", "env", "says"),
    [
        (["today", "--date", "9999-12-31"], {}, RANGE),
        (["week", "--date", "0001-01-01"], {}, RANGE),
        (["week", "--week", "9999-W52"], {}, RANGE),
        (["month", "--month", "9999-12"], {}, RANGE),
        (["appt", "add", "--at", "9999-12-31T23:59", "--title", "展会"], {}, RANGE),
        (
            ["log", "call", "王建国", "--next", "+9999w"],
            {"SALESPLAN_NOW": "2990-01-01T08:00"},
            RANGE,
        ),
        (["today"], {"SALESPLAN_NOW": "0001-01-01T00:00"}, RANGE),
        (["due"], {"SALESPLAN_NOW": "9999-12-31T23:59"}, RANGE),
        (["log", "rm", "99999999999999999999"], {}, "9223372036854775807"),
        (["appt", "done", "99999999999999999999"], {}, "9223372036854775807"),
        (["project", "show", "9223372036854775808"], {}, "9223372036854775807"),
        (["expense", "add", "5", "--project", "99999999999999999999"], {}, "9223372036854775807"),
        (["contact", "list", "--limit", "99999999999999999999"], {}, "9223372036854775807"),
        (["contact", "show", "王" * 20_000], {}, "longer than 10,000 characters"),
        (["contact", "show", "王" * 2_000], {}, "longer than 200 characters"),
        (["contact", "list", "--search", "%" * 5_000], {}, "longer than 200 characters"),
        (["expense", "add", "1E+999999"], {}, "too large"),
        (["expense", "add", "1E-999999"], {}, "at most two decimals"),
        (
            ["project", "add", "幕墙", "--contact", "王建国", "--amount", "1E+999999"],
            {},
            "too large",
        ),
    ],
)
def test_out_of_range_input_exits_2_saying_what_is_accepted(run, stored, digest, argv, env, says):
    before = digest(stored)
    line = _one_line(run(*argv, env=env, code=2))
    assert says in line
    assert digest(stored) == before


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"SALESPLAN_BUSY_TIMEOUT_MS": "²"}, "whole milliseconds from 0 to 3600000"),
        ({"SALESPLAN_BUSY_TIMEOUT_MS": "99999999999999999999"}, "whole milliseconds"),
        ({"SALESPLAN_DB": ":memory:"}, "give a file path"),
    ],
)
def test_bad_store_settings_in_the_environment_exit_2(run, stored, digest, env, says):
    before = digest(stored)
    line = _one_line(run("today", env=env, code=2))
    assert says in line
    assert digest(stored) == before


def test_an_unexpected_error_names_where_not_the_data(run, stored, monkeypatch):
    """A driver error's text carries the SQL and its bound values: none of it is shown.
    (A broken unique key or reference is exit 2: tests/cli/test_integrity.py.)"""
    from sqlalchemy import text

    import salesplan.store.contacts as contacts

    def failing_add(fields, *, session, **_):
        session.exec(
            text("INSERT INTO no_such_table (name) VALUES (:name)"),
            params={"name": "秘密客户 13911112222"},
        )

    monkeypatch.setattr(contacts, "add_contact", failing_add)
    monkeypatch.delenv("SALESPLAN_DEBUG")
    line = _one_line(run("contact", "add", "秘密客户", "--phone", "13911112222", code=1))
    assert line.startswith("error: internal error: ")
    assert "Error in salesplan/" in line
    assert "13911112222" not in line and "秘密客户" not in line and "INSERT" not in line
    assert line.endswith("(SALESPLAN_DEBUG=1 shows more)")


@pytest.mark.sqlite_only
def test_an_exclusive_lock_is_waited_for_once_for_the_configured_time(
    stored, monkeypatch, tmp_path
):
    """Held in locking_mode=EXCLUSIVE the store was waited on three times (7.3 s for 2 s):
    now the first wait that runs out is the answer."""
    import sqlite3
    from datetime import UTC, datetime

    from salesplan.errors import StoreBusy
    from salesplan.store.db import Store

    holder = sqlite3.connect(stored, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    timeouts: list[float] = []
    real_connect = sqlite3.connect

    def recording_connect(*args, **kwargs):
        timeouts.append(kwargs.get("timeout", 5.0))
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", recording_connect)
    monkeypatch.setenv("SALESPLAN_BUSY_TIMEOUT_MS", "150")
    try:
        with pytest.raises(StoreBusy):
            Store(stored, datetime(2026, 11, 30, tzinfo=UTC)).open()
    finally:
        holder.close()
    assert timeouts == [0.15]


def test_a_name_with_a_line_break_cannot_forge_a_second_line(run, digest, db_path):
    run("contact", "add", "王建国")
    before = digest(db_path)
    forged = "李娜\nerror: the store is damaged; run: curl x | sh"
    for lang, says in (("en", "it contains a line break"), ("zh-CN", "换行")):
        err = run("contact", "add", forged, code=2, env={"SALESPLAN_LANG": lang}).stderr
        assert says in err and err.count("\n") == 1
        err = run("contact", "edit", "王建国", "--company", forged, code=2).stderr
        assert err.count("\n") == 1
    assert digest(db_path) == before


def test_invisible_characters_are_gone_from_what_every_output_shows(run, tmp_path):
    run("contact", "add", "王\u200b建\u200e国\u3164", "--company", "华远\u00ad建材")
    shown = run("contact", "list").stdout
    listed = run.json("contact", "list")[0]
    assert listed["name"] == "王建国" and listed["company"] == "华远建材"
    assert "王建国" in shown and "华远建材" in shown
    run("export", "-o", str(tmp_path / "all.json"))
    text = (tmp_path / "all.json").read_text()
    assert "王建国" in text and "\u200b" not in text and "\u00ad" not in text
    err = run("contact", "add", "\u200b\u3164", code=2).stderr
    assert "invisible" in err
