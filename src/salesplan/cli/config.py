"""``salesplan config …``: targets, buffers and the day template."""

from pathlib import Path
from typing import Annotated

import typer

from salesplan.cli.common import JSON_OPTION, console, print_json, say, state, sub_app
from salesplan.i18n import _, ngettext

app = sub_app(
    help="Settings: targets, buffers, week start, time zone, the day template.\n\n"
    "Example: salesplan config set calls_per_day 40",
)
template_app = sub_app(
    help="The day template: the named blocks of a working day, per weekday.\n\n"
    "Example: salesplan config template show",
)
app.add_typer(template_app, name="template")


@app.command("list")
def config_list(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Show every setting and its value.

    Example: salesplan config list --json
    """
    from salesplan.core.settings import SPECS

    st = state(ctx)
    with st.session() as s:
        settings = st.settings(s)
    if as_json:
        print_json(settings.as_public())
        return
    from salesplan.render.tables import table

    console().print(
        table(
            ["setting", "value", "meaning"],
            [(k, settings.display(k), _(SPECS[k].help)) for k in SPECS],
        )
    )


@app.command("get")
def config_get(
    ctx: typer.Context, key: Annotated[str, typer.Argument(help="A setting name.")]
) -> None:
    """Print one setting's value.

    Example: salesplan config get visits_per_week
    """
    from salesplan.core.settings import SPECS
    from salesplan.errors import BadInput

    if key not in SPECS:
        raise BadInput(
            _("unknown setting {key!r}: use one of {choices}").format(
                key=key, choices=", ".join(SPECS)
            )
        )
    st = state(ctx)
    with st.session() as s:
        settings = st.settings(s)
    say(settings.display(key))


@app.command("set", context_settings={"ignore_unknown_options": True})
def config_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="A setting name (see config list).")],
    value: Annotated[str, typer.Argument(help="The new value.")],
) -> None:
    """Change one setting; the value is checked before anything is written.

    Example: salesplan config set week_start sunday
    """
    from salesplan.core.settings import Settings, parse_setting
    from salesplan.plans.config import set_setting

    typed = parse_setting(key, value)
    st = state(ctx)
    with st.session(write=True) as s:
        set_setting(key, typed, session=s, team=st.store.is_server)
    st.forget_settings()
    shown = Settings(**{key: typed}).display(key)
    say(f"{key} = {shown}")


@template_app.command("show")
def template_show(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Print the day template as TOML (edit it and load it back with template set).

    Example: salesplan config template show > day.toml
    """
    from salesplan.core.template import template_to_json, template_to_toml
    from salesplan.plans.config import day_template

    st = state(ctx)
    with st.session() as s:
        template = day_template(session=s)
    if as_json:
        print_json(template_to_json(template))
    else:
        from salesplan.render.safe import safe_text

        typer.echo(safe_text(template_to_toml(template)), nl=False)


@template_app.command("set")
def template_set(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A TOML file in the form template show prints.")],
) -> None:
    """Replace the day template with a TOML file, after checking it.

    Example: salesplan config template set day.toml
    """
    from salesplan.core.template import parse_template_toml
    from salesplan.formats.text import MAX_SMALL_FILE_BYTES, read_text
    from salesplan.plans.config import save_day_template

    text = read_text(file, limit=MAX_SMALL_FILE_BYTES)  # bounded: /dev/zero is refused
    template = parse_template_toml(text)
    st = state(ctx)
    with st.session(write=True) as s:
        save_day_template(template, session=s)
    blocks = sum(len(v) for v in template.values())
    say(
        ngettext("day template saved: {n} block", "day template saved: {n} blocks", blocks).format(
            n=blocks
        )
    )


@template_app.command("edit")
def template_edit(ctx: typer.Context) -> None:
    """Open the day template in $EDITOR, check it, and save it.

    Example: EDITOR=nano salesplan config template edit
    """
    import os
    import subprocess
    import tempfile

    from salesplan.core.template import parse_template_toml, template_to_toml
    from salesplan.errors import BadInput
    from salesplan.plans.config import day_template, save_day_template

    st = state(ctx)
    with st.session() as s:
        text = template_to_toml(day_template(session=s))
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.NamedTemporaryFile("w+", suffix=".toml", delete=False, encoding="utf-8") as fh:
        fh.write(text)
        tmp = fh.name
    try:
        if subprocess.call([*editor.split(), tmp]) != 0:
            raise BadInput(
                _("the editor {editor!r} failed; the template is unchanged").format(editor=editor)
            )
        template = parse_template_toml(Path(tmp).read_text(encoding="utf-8"))
    finally:
        os.unlink(tmp)
    with st.session(write=True) as s:
        save_day_template(template, session=s)
    say(_("day template saved"))
