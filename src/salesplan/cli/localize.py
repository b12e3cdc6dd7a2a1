"""Click's and typer's own words in the user's language.

The click that typer vendors writes its words as plain English literals ("Usage: ",
"Show this message and exit.", "Commands", its error messages), and typer's few
``gettext.gettext`` calls use the process-wide default domain, which salesplan does not own.
So they are translated where they leave: help goes through ``LocalizedFormatter`` (made by
``LocalizedContext``, every command's ``context_class``), command listings through
``LocalizedGroup``, and usage errors through ``usage_error_text``. Help texts themselves
stay English in the source (docstrings and ``help=`` are the catalog's message ids, see
tools/catalog) and are translated when shown.

In English nothing here changes a byte.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from salesplan.i18n import N_, NP_, _, is_chinese, pgettext

# The words click and typer print, for the catalog: the formatter translates them on the way out.
CLICK_WORDS = (
    N_("Usage: "),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("required"),
    N_("default: {default}"),
    N_("env var: {var}"),
)

# Metavars and argument names as help shows them (``<str>``, ``{name}``, ``[OPTIONS]``).
METAVARS = (
    NP_("metavar", "OPTIONS"),
    NP_("metavar", "COMMAND"),
    NP_("metavar", "ARGS"),
    NP_("metavar", "str"),
    NP_("metavar", "int"),
    NP_("metavar", "path"),
    NP_("metavar", "PATH"),
    NP_("metavar", "DATE"),
    NP_("metavar", "FILE"),
    NP_("metavar", "DIR"),
    NP_("metavar", "ID"),
    NP_("metavar", "NAME"),
    NP_("metavar", "COLUMN"),
    NP_("metavar", "field"),
    # Arguments show under their parameter names.
    NP_("metavar", "name"),
    NP_("metavar", "file"),
    NP_("metavar", "ref"),
    NP_("metavar", "template"),
    NP_("metavar", "flag"),
    NP_("metavar", "stage"),
    NP_("metavar", "amount"),
    NP_("metavar", "text"),
    NP_("metavar", "key"),
    NP_("metavar", "value"),
    NP_("metavar", "date"),
    NP_("metavar", "id"),
    NP_("metavar", "range"),
    NP_("metavar", "keep"),
    NP_("metavar", "other"),
)
_METAVAR_WORD = re.compile(r"(?<![\w-])([A-Za-z][A-Za-z_]*[A-Za-z])(?![\w-])")


def metavars(text: str) -> str:
    """The metavar words of a usage line or an option's term in the user's language; option
    names (``--phone``) and the command path are left alone."""
    if not is_chinese():
        return text
    return _METAVAR_WORD.sub(lambda m: pgettext("metavar", m.group(1)), text)


def help_text(text: str) -> str:
    """A help paragraph (a docstring, an option's help) in the user's language."""
    if not text or not is_chinese():
        return text
    return _(inspect.cleandoc(text))


def first_line(text: str) -> str:
    return text.strip().split("\n")[0].strip()


_EXTRA = re.compile(r"^(?P<help>.*?)\s*\[(?P<extra>[^\[\]]*)\]$", re.S)
_EXTRA_PARTS = (
    (re.compile(r"^default: (?P<default>.*)$"), N_("default: {default}")),
    (re.compile(r"^env var: (?P<var>.*)$"), N_("env var: {var}")),
    (re.compile(r"^required$"), N_("required")),
)


def _extra_part(part: str) -> str | None:
    for pattern, message in _EXTRA_PARTS:
        found = pattern.match(part.strip())
        if found:
            return _(message).format(**found.groupdict())
    return None


def definition(text: str) -> str:
    """An option's help cell: its help, then typer's ``[default: …; required]``."""
    if not is_chinese():
        return text
    found = _EXTRA.match(text)
    if not found:
        return help_text(text)
    parts = [(_extra_part(p), p.strip()) for p in found["extra"].split(";")]
    head = help_text(found["help"])
    # A part typer words otherwise (a range such as 1<=x<=9) is kept as it is.
    extra = "；".join(translated or raw for translated, raw in parts)
    return f"{head}  [{extra}]" if head else f"[{extra}]"


HelpFormatter: Any = typer.Context.formatter_class


class LocalizedFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if is_chinese():
            prefix = _("Usage: ") if prefix is None else prefix
            args = metavars(args)
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        if is_chinese():
            self.write(f"{'':>{self.current_indent}}{_(heading)}：\n")
        else:
            super().write_heading(heading)

    def write_text(self, text: str) -> None:
        super().write_text(help_text(text))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        if is_chinese():
            rows = [(metavars(term), definition(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)

    def write_commands(self, rows: Sequence[tuple[str, str]]) -> None:
        """A group's commands: each name as it is typed (a command named ``flag`` is not the
        metavar FLAG), beside its help line already in the user's language."""
        super().write_dl(rows)


class LocalizedContext(typer.Context):
    formatter_class = LocalizedFormatter


class LocalizedGroup(TyperGroup):
    """A command group whose listing shows each command's first help line, translated."""

    context_class = LocalizedContext

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        if not is_chinese():
            super().format_commands(ctx, formatter)
            return
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            rows.append((name, first_line(help_text(command.help or ""))))
        if rows:
            with formatter.section("Commands"):
                if isinstance(formatter, LocalizedFormatter):
                    formatter.write_commands(rows)
                else:
                    formatter.write_dl(rows)


def localize(command: Any) -> None:
    """Make this command and every one below it format help through the catalog."""
    command.context_class = LocalizedContext
    for sub in getattr(command, "commands", {}).values():
        localize(sub)


# --- usage errors ---------------------------------------------------------------------------

_USAGE_ERRORS = (
    (
        re.compile(r"^No such option: (?P<name>\S+)(?: \(Possible options: (?P<options>.*)\))?$"),
        N_("no such option: {name}"),
    ),
    (re.compile(r"^No such command '(?P<name>.*)'\.$"), N_("no such command: {name}")),
    (re.compile(r"^Missing command\.$"), N_("a command is missing")),
    (re.compile(r"^Missing argument '(?P<name>.*)'\.$"), N_("missing argument {name}")),
    (re.compile(r"^Missing option '(?P<name>.*)'\.$"), N_("missing option {name}")),
    (re.compile(r"^Missing parameter: (?P<name>.*)$"), N_("missing argument {name}")),
    (
        re.compile(r"^Option '(?P<name>.*)' requires an argument\.$"),
        N_("option {name} needs a value"),
    ),
    (
        re.compile(r"^Option '(?P<name>.*)' requires (?P<count>\d+) arguments\.$"),
        N_("option {name} needs {count} values"),
    ),
    (
        re.compile(r"^Option '(?P<name>.*)' does not take a value\.$"),
        N_("option {name} takes no value"),
    ),
    (
        re.compile(r"^Got unexpected extra arguments? \((?P<args>.*)\)$"),
        N_("unexpected extra arguments: {args}"),
    ),
    (re.compile(r"^Invalid value for (?P<name>.*?): (?P<message>.*)$"), N_("{name}: {message}")),
    (re.compile(r"^Invalid value: (?P<message>.*)$"), N_("invalid value: {message}")),
)


# What typer's own checks say about a value (pydantic's words).
_VALUE_ERRORS = (
    (re.compile(r"^Input should be a valid integer.*$"), N_("use a whole number")),
    (
        re.compile(r"^Input should be greater than or equal to (?P<low>\S+)$"),
        N_("use {low} or more"),
    ),
    (re.compile(r"^Input should be greater than (?P<low>\S+)$"), N_("use more than {low}")),
    (
        re.compile(r"^Input should be less than or equal to (?P<high>\S+)$"),
        N_("use at most {high}"),
    ),
    (re.compile(r"^Input should be less than (?P<high>\S+)$"), N_("use less than {high}")),
)


def _value_error(message: str) -> str:
    for pattern, template in _VALUE_ERRORS:
        found = pattern.match(message)
        if found:
            return _(template).format(**found.groupdict())
    return _(message)


def usage_error_text(message: str) -> str:
    """One of click's error messages in the user's language (English: as click wrote it)."""
    if not is_chinese():
        return message
    for pattern, template in _USAGE_ERRORS:
        found = pattern.match(message)
        if found:
            values = {k: v for k, v in found.groupdict().items() if v is not None}
            if "message" in values:
                values["message"] = _value_error(values["message"])
            if "name" in values and not values["name"].startswith("-"):
                values["name"] = pgettext("metavar", values["name"])
            text = _(template).format(**values)
            if values.get("options"):
                text += _(" (possible options: {options})").format(options=values["options"])
            return text
    return _(message)
