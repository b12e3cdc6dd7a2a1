"""``salesplan todo …``: the important things not yet done."""

from typing import Annotated

import typer

from salesplan.cli.common import (
    JSON_OPTION,
    MAX_ID,
    emit_list,
    print_json,
    say,
    state,
    sub_app,
)
from salesplan.i18n import _

app = sub_app(
    help="To-dos: the important things not yet done, until they are; shown on the day sheet "
    "and in due.\n\nExample: salesplan todo add 周五前发报价 --contact 王建国 --due fri --important",
)


@app.command("add")
def todo_add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What is to be done.")],
    contact: Annotated[str | None, typer.Option(help="REF of the contact it is for.")] = None,
    project: Annotated[
        int | None, typer.Option(min=1, max=MAX_ID, help="ID of the project it is for.")
    ] = None,
    due: Annotated[str | None, typer.Option("--due", help="DATE it is due by.")] = None,
    important: Annotated[
        bool, typer.Option("--important", help="Mark it important: listed first.")
    ] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a to-do (a promise to a customer, a document to send).

    Example: salesplan todo add 周五前发报价 --contact 王建国 --due fri --important
    """
    from salesplan.core.todos import check_text
    from salesplan.plans.todos import add_todo

    body = check_text(text)
    st = state(ctx)
    with st.session(write=True) as s:
        item = add_todo(
            body,
            session=s,
            now_utc=st.now_utc(s),
            today=st.today(s),
            due=due,
            important=important,
            contact_ref=contact,
            project_id=project,
        )
        today = st.today(s)
        calendar = st.workdays(s)
    if as_json:
        print_json(item.to_json(today, calendar))
        return
    when = _(" · due {date}").format(date=item.due.isoformat()) if item.due else ""
    say(_("to-do #{id}: {text}{when}").format(id=item.id, text=item.text, when=when))


@app.command("list")
def todo_list(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include the ones done.")] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """List the to-dos not yet done: important and overdue first, then by date.

    Example: salesplan todo list --json
    """
    from salesplan.plans.todos import todo_list

    st = state(ctx)
    with st.session() as s:
        today = st.today(s)
        calendar = st.workdays(s)
        items = todo_list(today, calendar, session=s, include_done=all_)
    records = [t.to_json(today, calendar) for t in items]

    def row(r):  # noqa: ANN001, ANN202 - a table row
        marks = ("!" if r["important"] else "") + ("✓" if r["done"] else "")
        late = _("{days}d overdue").format(days=r["overdue_days"]) if r["overdue_days"] else ""
        return (r["id"], marks, r["text"], r["due"] or "", late, r["contact"] or "")

    emit_list(
        records,
        as_json,
        empty=_("nothing to do"),
        columns=["#", "", "to-do", "due", "late", "contact"],
        row=row,
    )


@app.command("done")
def todo_done(
    ctx: typer.Context,
    todo_id: Annotated[int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="The to-do.")],
) -> None:
    """Mark a to-do done.

    Example: salesplan todo done 3
    """
    from salesplan.plans.todos import finish_todo

    st = state(ctx)
    with st.session(write=True) as s:
        row = finish_todo(todo_id, session=s, now_utc=st.now_utc(s))
    say(_("to-do #{id} done: {text}").format(id=row.id, text=row.text))


@app.command("undo")
def todo_undo(ctx: typer.Context) -> None:
    """Open again the to-do marked done last.

    Example: salesplan todo undo
    """
    from salesplan.plans.todos import reopen_last_todo

    st = state(ctx)
    with st.session(write=True) as s:
        row = reopen_last_todo(session=s)
    say(_("to-do #{id} open again: {text}").format(id=row.id, text=row.text))
