"""``salesplan project …`` (the pipeline) and ``salesplan event …`` (customer days)."""

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING, Annotated, Any

import typer

from salesplan.cli.common import (
    JSON_OPTION,
    MAX_ID,
    console,
    emit_list,
    parse_day,
    print_json,
    say,
    state,
    sub_app,
)
from salesplan.core.words import stage_word
from salesplan.i18n import NP_, _, pgettext

if TYPE_CHECKING:
    from sqlmodel import Session

    from salesplan.cli.common import State
    from salesplan.plans.projects import ProjectDetail
    from salesplan.plans.views import ProjectView

app = sub_app(
    help="Projects through the pipeline: design → bidding → detailing → delivery → acceptance → won.\n\n"
    "Example: salesplan project add 望京SOHO幕墙 --contact 王建国 --amount 850000 --bid-date 2026-12-10",
)
event_app = sub_app(
    help="Events customers are invited to (phone two weeks ahead, then the letter).\n\n"
    "Example: salesplan event add 客户答谢日 --on 2026-12-20 --tier key",
)

ProjectId = Annotated[int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="Project id.")]

_KEY_DATES = (NP_("key date", "delivery"), NP_("key date", "acceptance"), NP_("key date", "survey"))


def _amount(text: str | None):
    from salesplan.core.money import parse_amount

    return None if text is None else parse_amount(text)


def _change(
    ctx: typer.Context,
    as_json: bool,
    change: "Callable[[State, Session], ProjectView]",
    line: Callable[[dict[str, Any]], str],
) -> None:
    """A command that changes a project: ``change`` (a plan) in a write session, then the
    project's record as JSON, or one line made from it."""
    from salesplan.render.records import project_json

    st = state(ctx)
    with st.session(write=True) as s:
        project = change(st, s)
    record = project_json(project, project.contact)
    if as_json:
        print_json(record)
    else:
        say(line(record))


@app.command("add")
def project_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Project name.")],
    contact: Annotated[str, typer.Option("--contact", help="REF of the customer contact.")] = ...,  # type: ignore[assignment]
    stage: Annotated[
        str | None, typer.Option(help="design, bidding, detailing, delivery or acceptance.")
    ] = None,
    amount: Annotated[
        str | None, typer.Option(help="Expected amount, e.g. 850000 or 1200.50.")
    ] = None,
    bid_date: Annotated[str | None, typer.Option("--bid-date", help="DATE of the bid.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a project for a contact and print its id.

    Example: salesplan project add 望京SOHO幕墙 --contact 王建国 --stage bidding --bid-date +10d
    """
    from salesplan.plans.projects import add_project

    cents = _amount(amount)
    _change(
        ctx,
        as_json,
        lambda st, s: add_project(
            name,
            contact,
            session=s,
            today=st.today(s),
            now_utc=st.now_utc(s),
            stage=stage,
            amount=cents,
            bid_date=parse_day(st, s, bid_date) if bid_date else None,
        ),
        lambda r: _("project #{id} {name} ({stage}) for {who}").format(
            id=r["id"], name=r["name"], stage=stage_word(r["stage"]), who=r["contact"]
        ),
    )


@app.command("stage")
def project_stage(
    ctx: typer.Context,
    project_id: ProjectId,
    stage: Annotated[
        str, typer.Argument(help="design, bidding, detailing, delivery, acceptance, won or lost.")
    ],
    date: Annotated[
        str | None, typer.Option("--date", help="DATE of the move (default today).")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Move a project to another stage (the move is recorded with its date).

    Example: salesplan project stage 3 detailing
    """
    from salesplan.plans.projects import move_project

    _change(
        ctx,
        as_json,
        lambda st, s: move_project(project_id, stage, date, session=s, today=st.today(s)),
        lambda r: _("project #{id} now in {stage}").format(
            id=project_id, stage=stage_word(r["stage"])
        ),
    )


@app.command("won")
def project_won(
    ctx: typer.Context,
    project_id: ProjectId,
    amount: Annotated[str | None, typer.Option(help="The contract amount.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="DATE it was won (default today).")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Mark a project won (starts the after-sales follow-ups).

    Example: salesplan project won 3 --amount 820000
    """
    from salesplan.plans.projects import win_project

    cents = _amount(amount)
    _change(
        ctx,
        as_json,
        lambda st, s: win_project(project_id, date, cents, session=s, today=st.today(s)),
        lambda _r: (
            _("project #{id} won").format(id=project_id) + (f" · {amount}" if amount else "")
        ),
    )


@app.command("lost")
def project_lost(
    ctx: typer.Context,
    project_id: ProjectId,
    reason: Annotated[str | None, typer.Option(help="Why it was lost (for the review).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="DATE (default today).")] = None,
) -> None:
    """Mark a project lost, with the reason.

    Example: salesplan project lost 3 --reason 价格高于竞品
    """
    from salesplan.plans.projects import lose_project

    st = state(ctx)
    with st.session(write=True) as s:
        lose_project(project_id, date, reason, session=s, today=st.today(s))
    say(_("project #{id} lost").format(id=project_id))


@app.command("pay", context_settings={"ignore_unknown_options": True})
def project_pay(
    ctx: typer.Context,
    project_id: ProjectId,
    amount: Annotated[str, typer.Argument(help="Amount collected, e.g. 250000.")],
    date: Annotated[
        str | None, typer.Option("--date", help="DATE received (default today).")
    ] = None,
    note: Annotated[str | None, typer.Option(help="e.g. 预付款 (advance).")] = None,
) -> None:
    """Record a collection (payment received) on a project.

    Example: salesplan project pay 3 250000 --note 预付款
    """
    from salesplan.core.money import format_amount, parse_amount
    from salesplan.plans.projects import record_payment

    cents = parse_amount(amount, allow_zero=False)
    st = state(ctx)
    with st.session(write=True) as s:
        done = record_payment(project_id, cents, date, note, session=s, today=st.today(s))
    of = _(" of {amount}").format(amount=format_amount(done.amount)) if done.amount else ""
    say(
        _("payment {amount} on project #{id} · collected {total}{of}").format(
            amount=format_amount(cents), id=project_id, total=format_amount(done.total), of=of
        )
    )


@app.command("date")
def project_date(
    ctx: typer.Context,
    project_id: ProjectId,
    name: Annotated[
        str, typer.Argument(help="e.g. delivery, acceptance, survey (bid sets the bid date).")
    ],
    on: Annotated[str, typer.Argument(metavar="DATE", help="The DATE.")],
) -> None:
    """Remember a key date of a project.

    Example: salesplan project date 3 acceptance 2027-03-15
    """
    from salesplan.plans.projects import add_key_date

    st = state(ctx)
    with st.session(write=True) as s:
        day = parse_day(st, s, on)
        add_key_date(project_id, name, day, session=s)
    say(
        _("project #{id}: {name} on {day}").format(
            id=project_id, name=pgettext("key date", name), day=day.isoformat()
        )
    )


@app.command("list")
def project_list(
    ctx: typer.Context,
    stage: Annotated[str | None, typer.Option(help="Only this stage.")] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """List projects with stage, amount and bid date.

    Example: salesplan project list --stage bidding
    """
    from salesplan.core.money import format_amount
    from salesplan.plans.projects import project_list
    from salesplan.render.records import project_json

    st = state(ctx)
    with st.session() as s:
        projects = project_list(session=s, stage=stage)
    records = [project_json(p, p.contact) for p in projects]
    cents = {p.id: p.amount for p in projects}
    emit_list(
        records,
        as_json,
        empty=_("no projects"),
        columns=["#", "project", "contact", "stage", "since", "amount", "bid"],
        row=lambda r: (
            r["id"],
            r["name"],
            r["contact"],
            r["stage"],
            r["stage_since"],
            format_amount(cents[r["id"]]),
            r["bid_date"],
        ),
    )


@app.command("show")
def project_show(ctx: typer.Context, project_id: ProjectId, as_json: bool = JSON_OPTION) -> None:
    """A project's stage history, key dates, collections and the contacts logged with its customer.

    Example: salesplan project show 3
    """
    from salesplan.plans.projects import project_detail

    st = state(ctx)
    with st.session() as s:
        tz = st.settings(s).tz
        detail = project_detail(project_id, session=s)
    record = _detail_json(detail, tz)
    if as_json:
        print_json(record)
    else:
        _print_detail(detail, record)


def _detail_json(detail: "ProjectDetail", tz: tzinfo) -> dict[str, Any]:
    """``project show --json``: the project's record with its history and latest contacts."""
    from salesplan.core.money import to_number
    from salesplan.render.records import activity_json, project_json

    project = detail.project
    record = project_json(project, project.contact)
    record["lost_reason"] = project.lost_reason
    record["stages"] = [
        {"stage": x.stage, "on": x.on.isoformat(), "note": x.note} for x in detail.stages
    ]
    record["payments"] = [
        {"amount": to_number(x.amount), "on": x.on.isoformat(), "note": x.note}
        for x in detail.payments
    ]
    record["collected"] = to_number(detail.collected)
    record["dates"] = [{"name": x.name, "on": x.on.isoformat()} for x in detail.dates]
    record["contacts"] = [activity_json(a, project.contact, tz) for a in detail.contacts]
    return record


def _print_detail(detail: "ProjectDetail", record: dict[str, Any]) -> None:
    """``project show`` on screen: the project, then a table per history that has rows."""
    from salesplan.core.money import format_amount
    from salesplan.render.tables import key_value_table, table

    c = console()
    c.print(
        key_value_table(
            [
                ("project", f"#{record['id']} {record['name']}"),
                ("contact", detail.project.contact),
                (
                    "stage",
                    _("{stage} since {day}").format(
                        stage=stage_word(record["stage"]), day=record["stage_since"]
                    ),
                ),
                ("amount", format_amount(detail.project.amount)),
                ("collected", format_amount(detail.collected)),
                ("bid date", record["bid_date"]),
                ("lost because", detail.project.lost_reason),
            ]
        )
    )
    c.print(
        table(
            ["on", "stage", "note"],
            [(x["on"], x["stage"], x["note"]) for x in record["stages"]],
            title="stages",
        )
    )
    if detail.dates:
        c.print(
            table(
                ["on", "date"],
                [(x["on"], pgettext("key date", x["name"])) for x in record["dates"]],
                title="key dates",
            )
        )
    if detail.payments:
        c.print(
            table(
                ["on", "amount", "note"],
                [(x.on, format_amount(x.amount), x.note) for x in detail.payments],
                title="collections",
            )
        )
    if record["contacts"]:
        c.print(
            table(
                ["at", "kind", "outcome", "note"],
                [(a["at"], a["kind"], a["outcome"], a["note"]) for a in record["contacts"]],
                title="latest contacts",
            )
        )


@event_app.command("add")
def event_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Event name, e.g. 客户答谢日.")],
    on: Annotated[str, typer.Option("--on", help="DATE of the event.")] = ...,  # type: ignore[assignment]
    tier: Annotated[str | None, typer.Option(help="Invite only this tier.")] = None,
    status: Annotated[str | None, typer.Option(help="Invite only this status.")] = None,
    area: Annotated[str | None, typer.Option(help="Invite only this area.")] = None,
) -> None:
    """Add an event: matching contacts get a call due 14 days ahead, then the letter.

    Example: salesplan event add 免费检测周 --on 2026-12-20 --status customer --area 朝阳
    """
    from salesplan.plans.events import add_event

    st = state(ctx)
    with st.session(write=True) as s:
        event = add_event(
            name,
            parse_day(st, s, on),
            session=s,
            tier=tier,
            status=status,
            area=area,
            now_utc=st.now_utc(s),
        )
    say(_("event #{id} {name} on {day}").format(id=event.id, name=name, day=event.on.isoformat()))


@event_app.command("list")
def event_list(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Upcoming events.

    Example: salesplan event list
    """
    from salesplan.plans.events import upcoming_events

    st = state(ctx)
    with st.session() as s:
        events = upcoming_events(session=s, since=st.today(s))
    emit_list(
        [e.to_json() for e in events],
        as_json,
        empty=_("no upcoming events"),
        columns=["#", "on", "event", "tier", "status", "area"],
        row=lambda r: (r["id"], r["on"], r["name"], r["tier"], r["status"], r["area"]),
    )
