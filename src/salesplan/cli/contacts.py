"""``salesplan contact …``: the contact book."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from salesplan.cli.common import JSON_OPTION, MAX_ID, console, print_json, say, state, sub_app
from salesplan.cli.shared_options import with_options
from salesplan.core.validate import CONTACT_FIELDS
from salesplan.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from salesplan.plans.contacts import ContactCard

app = sub_app(
    help="The contact book: add, find, list, edit.\n\nExample: salesplan contact list --area 朝阳",
)

Company = Annotated[str | None, typer.Option(help="Company name.")]
Phone = Annotated[
    str | None, typer.Option(help="Phone number, kept as typed and matched in any format.")
]
Email = Annotated[str | None, typer.Option(help="Email address.")]
Area = Annotated[str | None, typer.Option(help="District or area, e.g. 朝阳.")]
Address = Annotated[str | None, typer.Option(help="Street address.")]
Tier = Annotated[str | None, typer.Option(help="key or normal.")]
Status = Annotated[str | None, typer.Option(help="lead, intent, unclear, customer or lost.")]
Business = Annotated[str | None, typer.Option(help="Their main business.")]
Needs = Annotated[str | None, typer.Option(help="Likely needs.")]
Decider = Annotated[str | None, typer.Option("--decision-maker", help="Who decides.")]
Interests = Annotated[str | None, typer.Option(help="The decision maker's interests.")]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Free notes.")]
REF_HELP = N_("#ID, phone, (part of) a name, pinyin, initials (wjg), 王总, or part of the company.")
Force = Annotated[bool, typer.Option("--force", help="Keep a phone number another contact has.")]


def _contact_options(
    company: Company = None,
    phone: Phone = None,
    email: Email = None,
    area: Area = None,
    address: Address = None,
    tier: Tier = None,
    status: Status = None,
    business: Business = None,
    needs: Needs = None,
    decision_maker: Decider = None,
    interests: Interests = None,
    note: NoteOpt = None,
    force: Force = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """The options ``add`` and ``edit`` share, after their own: the contact's fields (all but
    its name), --force and --json."""


def _fields(options: dict[str, Any]) -> dict[str, Any]:
    """The contact fields among a command's options (``--note`` fills ``notes``)."""
    return {f: options["note" if f == "notes" else f] for f in CONTACT_FIELDS}


def _card_json(card: "ContactCard", full: bool = True) -> dict[str, Any]:
    """A contact's JSON record, with every number and address it has."""
    from salesplan.render.records import contact_json

    return contact_json(card.contact, full, card.phones, card.emails)


def _saved(record: dict[str, Any], as_json: bool, line: str) -> None:
    """What ``add`` and ``edit`` print: the contact's record, or ``line`` naming it."""
    if as_json:
        print_json(record)
    else:
        say(line.format(id=record["id"], name=record["name"]))


@app.command("add")
@with_options(_contact_options)
def contact_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person's name, in any script.")],
    **options: Any,
) -> None:
    """Add a contact and print its id.

    Example: salesplan contact add 王建国 --company 华远建材 --phone 13800138000 --area 朝阳 --tier key
    """
    from salesplan.plans.contacts import add_contact

    st = state(ctx)
    fields = _fields({"name": name, **options})
    with st.session(write=True) as s:
        added = add_contact(fields, session=s, now_utc=st.now_utc(s), force=options["force"])
        record = _card_json(added)
    _saved(record, options["as_json"], _("contact #{id} {name} added"))


@app.command("list")
def contact_list(
    ctx: typer.Context,
    area: Area = None,
    tier: Tier = None,
    status: Status = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Name, pinyin, initials, 王总, company, phone (any format), area or notes.",
        ),
    ] = None,
    flagged: Annotated[
        bool, typer.Option(help="Only contacts marked for poor credit or abnormal.")
    ] = False,
    archived: Annotated[
        bool, typer.Option("--archived", help="Include archived contacts.")
    ] = False,
    limit: Annotated[int | None, typer.Option(min=1, max=MAX_ID, help="Show at most N.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """List contacts, filtered by area, tier, status or a search text.

    Example: salesplan contact list --tier key --search 建材
    """
    from salesplan.plans.contacts import find_contacts

    wanted = {"area": area, "tier": tier, "status": status, "search": search, "flagged": flagged}
    st = state(ctx)
    with st.session() as s:
        found = find_contacts(
            session=s, include_archived=archived, limit=limit, numbers=as_json, **wanted
        )
    if as_json:
        print_json([_card_json(c, full=False) for c in found])
        return
    if not found:
        say(
            _("no contacts match")
            if any(wanted.values())
            else _("no contacts yet: add one with salesplan contact add NAME")
        )
        return
    from salesplan.render.tables import contact_table

    console().print(contact_table([c.contact for c in found]))
    say(ngettext("{n} contact", "{n} contacts", len(found)).format(n=len(found)))


@app.command("show")
def contact_show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help=REF_HELP)],
    as_json: bool = JSON_OPTION,
) -> None:
    """Show everything known about one contact, with its latest log entries.

    Example: salesplan contact show 王建国
    """
    from salesplan.plans.contacts import show_contact
    from salesplan.render.records import activity_json, local_iso

    st = state(ctx)
    with st.session() as s:
        shown = show_contact(ref, session=s)
        contact = shown.card.contact
        tz = st.settings(s).tz
        record = _card_json(shown.card)
        record["created"] = local_iso(contact.created_at, tz)
        record["last_contact"] = local_iso(contact.last_contact_at, tz)
        recent = [activity_json(a, contact.name, tz) for a in shown.recent]
    record["recent"] = recent
    if as_json:
        print_json(record)
        return
    from salesplan.render.tables import key_value_table, numbers_cell, table

    hidden = ("recent", "flags", "phones", "emails")
    pairs = [(k.replace("_", " "), v) for k, v in record.items() if k not in hidden]
    # Every number and address, when there is more than the one shown as phone or email.
    at = next(i for i, (k, _v) in enumerate(pairs) if k == "email") + 1
    if len(record["phones"]) > 1:
        pairs.insert(at, ("phones", numbers_cell(record["phones"])))
        at += 1
    if len(record["emails"]) > 1:
        pairs.insert(at, ("emails", _(", ").join(record["emails"])))
    if record["flags"]:
        pairs.append(("⚠ flags", " ".join(record["flags"])))
    console().print(key_value_table(pairs))
    if recent:
        console().print(
            table(
                ["#", "at", "kind", "outcome", "note", "next"],
                [(a["id"], a["at"], a["kind"], a["outcome"], a["note"], a["next"]) for a in recent],
                title="latest contacts",
            )
        )


@app.command("edit")
@with_options(_contact_options)
def contact_edit(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help=REF_HELP)],
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    **options: Any,
) -> None:
    """Change some fields of a contact; fields not given stay as they are.

    Example: salesplan contact edit 王建国 --status intent --tier key
    """
    from salesplan.errors import BadInput
    from salesplan.plans.contacts import edit_contact

    fields = _fields({"name": name, **options})
    if all(v is None for v in fields.values()):
        raise BadInput(_("nothing to change: give at least one option such as --status or --phone"))
    st = state(ctx)
    with st.session(write=True) as s:
        force = options["force"]
        changed = edit_contact(ref, fields, session=s, now_utc=st.now_utc(s), force=force)
        record = _card_json(changed)
    _saved(record, options["as_json"], _("contact #{id} {name} updated"))


@app.command("archive")
def contact_archive(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help=REF_HELP)],
    undo: Annotated[bool, typer.Option("--undo", help="Bring an archived contact back.")] = False,
) -> None:
    """Archive a contact: hidden from lists and follow-ups, its history kept.

    Example: salesplan contact archive '#12'
    """
    from salesplan.plans.contacts import archive_contact

    st = state(ctx)
    with st.session(write=True) as s:
        done = archive_contact(ref, session=s, undo=undo)
    say(
        (_("contact #{id} {name} restored") if undo else _("contact #{id} {name} archived")).format(
            id=done.id, name=done.name
        )
    )


@app.command("flag")
def contact_flag(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help=REF_HELP)],
    flag: Annotated[str, typer.Argument(help="credit (poor credit) or abnormal.")],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
) -> None:
    """Mark a customer with poor credit or as abnormal (shown in lists and the weekly report).

    Example: salesplan contact flag 李四 credit --note "两次逾期付款"
    """
    from salesplan.plans.contacts import flag_contact

    st = state(ctx)
    with st.session(write=True) as s:
        done = flag_contact(ref, flag, session=s, on=True, note=note)
    say(
        _("contact #{id} {name} flagged {flag}").format(
            id=done.id, name=done.name, flag=_flag_word(flag)
        )
    )


@app.command("unflag")
def contact_unflag(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help=REF_HELP)],
    flag: Annotated[str, typer.Argument(help="credit or abnormal.")],
) -> None:
    """Remove a credit or abnormal mark.

    Example: salesplan contact unflag 李四 credit
    """
    from salesplan.plans.contacts import flag_contact

    st = state(ctx)
    with st.session(write=True) as s:
        done = flag_contact(ref, flag, session=s, on=False)
    say(
        _("contact #{id} {name}: {flag} mark removed").format(
            id=done.id, name=done.name, flag=_flag_word(flag)
        )
    )


def _flag_word(flag: str) -> str:
    from salesplan.core import vocab
    from salesplan.core.validate import choose
    from salesplan.i18n import is_chinese

    key = flag.lower()
    if not is_chinese():
        return key
    return vocab.label(choose(flag, vocab.FLAG, "flag"), vocab.FLAG)


@app.command("dupes")
def contact_dupes(
    ctx: typer.Context,
    limit: Annotated[int | None, typer.Option(min=1, max=MAX_ID, help="Show at most N.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """List pairs of contacts that are likely one person, most certain first: same phone (in
    any format), same email, same name and company (in either script), same pinyin and company.

    Example: salesplan contact dupes
    """
    from salesplan.plans.dupes import likely_duplicates
    from salesplan.render.dupes import duplicate_json, duplicate_lines

    st = state(ctx)
    with st.session() as s:
        found = likely_duplicates(session=s)
        shown = found[:limit] if limit else found
        if as_json:
            records = [duplicate_json(d) for d in shown]
        else:
            lines = duplicate_lines(shown)
    if as_json:
        print_json(records)
        return
    if not found:
        say(_("no likely duplicates"))
        return
    for line in lines:
        say(line)
    say(
        ngettext(
            "{count} likely duplicate: merge one with salesplan contact merge KEEP OTHER",
            "{count} likely duplicates: merge one with salesplan contact merge KEEP OTHER",
            len(found),
        ).format(count=len(found))
    )


@app.command("merge")
def contact_merge(
    ctx: typer.Context,
    keep: Annotated[
        str | None, typer.Argument(help="The contact kept: #ID, phone or name.")
    ] = None,
    other: Annotated[
        str | None,
        typer.Argument(help="The contact merged into it and archived: #ID, phone or name."),
    ] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Reverse the latest merge.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Merge OTHER into KEEP in one step: OTHER's log, appointments, projects, expenses and
    notes move to KEEP, KEEP's empty fields are filled from OTHER (differing values are
    listed, KEEP's kept), flags carry over, and OTHER is archived pointing to KEEP.
    --undo reverses the latest merge exactly.

    Example: salesplan contact merge '#1' '#32'
    """
    from salesplan.errors import BadInput
    from salesplan.render.dupes import merge_json, merge_lines

    if undo and (keep or other):
        raise BadInput(_("give KEEP and OTHER, or --undo alone"))
    if not undo and not (keep and other):
        raise BadInput(_("give two contacts: contact merge KEEP OTHER (or --undo)"))
    st = state(ctx)
    with st.session(write=True) as s:
        if undo:
            from salesplan.plans.dupes import undo_merge

            outcome = undo_merge(session=s)
        else:
            from salesplan.plans.dupes import merge

            outcome = merge(keep or "", other or "", session=s, now_utc=st.now_utc(s))
        record = merge_json(outcome, undo)
        lines = merge_lines(outcome, undo)
    if as_json:
        print_json(record)
        return
    for line in lines:
        say(line)
