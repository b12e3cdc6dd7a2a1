"""``salesplan email-template …``: the emails of the unclear-intent cadence (not the day
template, which is ``config template``)."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from salesplan.cli.common import JSON_OPTION, emit_list, print_json, say, state, sub_app, warn
from salesplan.cli.shared_options import with_options
from salesplan.i18n import _

if TYPE_CHECKING:
    from salesplan.core.emails import EmailTemplate

app = sub_app(
    help="Email templates for prospects whose intent is unclear (an email every two days): "
    "subject and body with {name}, {company} and {product}; due and calls suggest the next "
    "one for each prospect.\n\n"
    "Example: salesplan email-template render 初次介绍 王建国",
)

NameArg = Annotated[str, typer.Argument(help="The template's name.")]
SubjectOpt = Annotated[
    str | None,
    typer.Option("--subject", help="The subject line; may use {name}, {company}, {product}."),
]
BodyOpt = Annotated[
    str | None,
    typer.Option("--body", help="The body text ('-' reads it from standard input)."),
]
BodyFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--body-file", metavar="FILE", help="Read the body from FILE ('-': standard input)."
    ),
]


def _body(body: str | None, body_file: Path | None) -> str | None:
    """The body from --body or --body-file (either may be '-' for standard input)."""
    from salesplan.errors import BadInput

    if body is not None and body_file is not None:
        raise BadInput(_("give --body or --body-file, not both"))
    if body_file is None and body != "-":
        return body
    from salesplan.formats.text import MAX_SMALL_FILE_BYTES, read_text

    if body == "-" or str(body_file) == "-":
        text = sys.stdin.read(MAX_SMALL_FILE_BYTES + 1)  # bounded, as a file is
        if len(text) > MAX_SMALL_FILE_BYTES:
            raise BadInput(
                _("{file} is over {mb} MB: files over {mb} MB are not imported").format(
                    file="stdin", mb=MAX_SMALL_FILE_BYTES // (1024 * 1024)
                )
            )
        return text
    assert body_file is not None
    return read_text(body_file, limit=MAX_SMALL_FILE_BYTES)  # bounded: /dev/zero is refused


def _print_template(subject: str, body: str) -> None:
    from salesplan.render.safe import safe_text

    say(_("Subject: {subject}").format(subject=subject))
    say("")
    typer.echo(safe_text(body))


def _template_options(
    subject: SubjectOpt = None,
    body: BodyOpt = None,
    body_file: BodyFileOpt = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """The options ``add`` and ``edit`` share, after the template's name."""


def _saved(saved: "EmailTemplate", as_json: bool, line: str) -> None:
    """What ``add`` and ``edit`` print: the template, or ``line`` naming it."""
    if as_json:
        print_json(saved.to_json())
        return
    say(line.format(name=saved.name))


@app.command("add")
@with_options(_template_options)
def email_template_add(ctx: typer.Context, template: NameArg, **options: Any) -> None:
    """Add an email template; unknown placeholders are refused.

    Example: salesplan email-template add 初次介绍 --subject '{company}的{product}方案' --body '{name}您好，附上资料。'
    """
    from salesplan.errors import BadInput
    from salesplan.plans.emails import add_template

    subject, text = options["subject"], _body(options["body"], options["body_file"])
    if subject is None or text is None:
        raise BadInput(_("a template needs --subject and --body (or --body-file)"))
    st = state(ctx)
    with st.session(write=True) as s:
        made = add_template(template, subject, text, session=s, now_utc=st.now_utc(s))
    _saved(made, options["as_json"], _("email template {name} added"))


@app.command("list")
def email_template_list(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """List the email templates in name order (the order the rotation follows).

    Example: salesplan email-template list --json
    """
    from salesplan.plans.emails import templates

    st = state(ctx)
    with st.session() as s:
        records = [t.to_json() for t in templates(session=s)]
    emit_list(
        records,
        as_json,
        empty=_("no email templates: add one with salesplan email-template add"),
        columns=["template", "subject", "placeholders"],
        row=lambda r: (r["name"], r["subject"], " ".join("{" + p + "}" for p in r["placeholders"])),
    )


@app.command("show")
def email_template_show(ctx: typer.Context, template: NameArg, as_json: bool = JSON_OPTION) -> None:
    """Print one template's subject and body, placeholders unfilled.

    Example: salesplan email-template show 初次介绍
    """
    from salesplan.plans.emails import template as get_template

    st = state(ctx)
    with st.session() as s:
        found = get_template(template, session=s)
    if as_json:
        print_json(found.to_json())
        return
    _print_template(found.subject, found.body)


@app.command("edit")
@with_options(_template_options)
def email_template_edit(ctx: typer.Context, template: NameArg, **options: Any) -> None:
    """Change a template's subject or body; what is not given stays.

    Example: salesplan email-template edit 初次介绍 --body-file intro.txt
    """
    from salesplan.errors import BadInput
    from salesplan.plans.emails import edit_template

    subject, text = options["subject"], _body(options["body"], options["body_file"])
    if subject is None and text is None:
        raise BadInput(_("nothing to change: give --subject, --body or --body-file"))
    st = state(ctx)
    with st.session(write=True) as s:
        changed = edit_template(template, session=s, subject=subject, body=text)
    _saved(changed, options["as_json"], _("email template {name} changed"))


@app.command("rm")
def email_template_rm(ctx: typer.Context, template: NameArg) -> None:
    """Remove a template (emails already sent from it keep its name).

    Example: salesplan email-template rm 旧模板
    """
    from salesplan.plans.emails import remove_template

    st = state(ctx)
    with st.session(write=True) as s:
        gone = remove_template(template, session=s)
    say(_("email template {name} removed").format(name=gone.name))


@app.command("render")
def email_template_render(
    ctx: typer.Context,
    template: NameArg,
    ref: Annotated[str, typer.Argument(help="#ID, phone or (part of) a name.")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Print a template filled for one contact, to paste into a mail client.

    {name} is the contact's name, {company} their company, {product} their open project
    (the one moved last), else what they need (the contact's needs).

    Example: salesplan email-template render 初次介绍 王建国
    """
    from salesplan.plans.emails import fill_for

    st = state(ctx)
    with st.session() as s:
        made = fill_for(template, ref, session=s)
    filled = made.email
    if as_json:
        print_json(
            {
                **filled.to_json(),
                "contact_id": made.contact_id,
                "contact": made.contact,
                "email": made.address,
            }
        )
        return
    for placeholder in filled.missing:
        warn(
            _("nothing to fill {placeholder} for {contact}: left empty").format(
                placeholder="{" + placeholder + "}", contact=made.contact
            )
        )
    if made.address:
        say(_("To: {email}").format(email=made.address))
    _print_template(filled.subject, filled.body)
