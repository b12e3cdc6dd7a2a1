"""Every command documents itself with an example; --help never touches a store."""

import re

import pytest
import typer

from salesplan.cli.app import app


def walk(command, path=()):
    yield path, command
    if hasattr(command, "list_commands"):
        ctx = typer.Context(command)
        for name in command.list_commands(ctx):
            yield from walk(command.get_command(ctx, name), (*path, name))


def test_every_command_has_help_with_an_example():
    root = typer.main.get_command(app)
    missing = []
    count = 0
    for path, command in walk(root):
        count += 1
        text = command.help or ""
        if "Example: " not in text or not text.split("\n")[0].strip():
            missing.append(" ".join(path) or "salesplan")
    assert missing == []
    assert count > 40


def test_every_example_names_a_real_command():
    root = typer.main.get_command(app)
    known = {" ".join(path) for path, _ in walk(root)}
    for path, command in walk(root):
        example = (command.help or "").split("Example: ", 1)[1].split("\n")[0]
        example = re.sub(r"--db \S+ ", "", example)
        words = [w for w in example.split() if not w.startswith("-") and "=" not in w]
        assert words[0] == "salesplan", example
        if path:
            assert any(" ".join(words[1 : 1 + n]) in known for n in (1, 2, 3)), example


def test_help_does_not_create_a_store(run, db_path):
    run("--help")
    run("contact", "--help")
    run("log", "call", "--help")
    assert not db_path.exists()
    assert not db_path.parent.exists()


def test_version(run):
    from salesplan import __version__

    assert run("--version").stdout.strip() == f"salesplan {__version__}"


def test_a_group_without_a_command_prints_its_help(run):
    out = run("appt").stdout
    assert out.startswith("Usage: salesplan appt") and "move" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("config", "set", "calls_per_day", "-3"),
            "bad value '-3' for calls_per_day: use a positive whole number",
        ),
        (("config", "set", "week_start", "someday"), "bad value 'someday' for week_start"),
        (("config", "set", "nope", "1"), "unknown setting 'nope'"),
        (("expense", "add", "-5"), "bad amount '-5'"),
    ],
)
def test_negative_numbers_reach_our_checks(run, args, message):
    assert message in run(*args, code=2).stderr


def _shown_commands(help_text: str) -> list[str]:
    """The command names a group's help lists, as a person would type them."""
    names, listing = [], False
    for line in help_text.splitlines():
        if line.strip() in ("Commands:", "命令："):
            listing = True
        elif listing and line.startswith("  ") and not line.startswith("   "):
            names.append(line.split()[0])
        elif listing and line and not line.startswith(" "):
            listing = False
    return names


@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_every_command_name_help_shows_works(run, lang):
    """Walk the tree by what help shows: every name listed runs (its own --help, exit 0)."""
    env = {"SALESPLAN_LANG": lang}
    seen, todo = [], [()]
    while todo:
        path = todo.pop()
        out = run(*path, "--help", env=env).stdout
        usage = "用法：" if lang == "zh-CN" else "Usage: "
        assert out.startswith(f"{usage}salesplan {' '.join(path)}".rstrip()), (path, out[:80])
        names = _shown_commands(out)
        assert all(n.isascii() for n in names), (path, names)
        seen.extend(" ".join((*path, n)) for n in names)
        todo.extend((*path, n) for n in names)
    assert len(seen) > 60
    for shown in ("contact flag", "project stage", "project date", "config template"):
        assert shown in seen
