"""``salesplan workday …``: the days worked, official holidays, imported notices and the
user's own days."""

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from salesplan.cli.common import JSON_OPTION, emit_list, parse_day, print_json, say, state, sub_app
from salesplan.i18n import N_, NP_, _

if TYPE_CHECKING:
    from salesplan.plans.workdays import NoticeRead

app = sub_app(
    help="Workdays: China's public holidays and 调休 make-up days (setting holidays), "
    "the State Council's notice for a year not yet known (workday import), "
    "and your own days off and extra workdays.\n\n"
    "Example: salesplan workday set 2027-02-06 work",
)

NP_("metavar", "MARK")
NP_("column", "source")  # where a day's status comes from

_MARKS = {"work": True, "on": True, "off": False, "clear": None, "上班": True, "休息": False}


@app.command("set")
def workday_set(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument(metavar="DATE", help="A DATE.")],
    mark: Annotated[
        str,
        typer.Argument(
            metavar="MARK", help="work (a workday whatever the calendar says), off, or clear."
        ),
    ],
) -> None:
    """Mark one day as a workday or a day off for you; clear goes back to the calendar.

    Example: salesplan workday set 2027-02-06 work
    """
    from salesplan.errors import BadInput
    from salesplan.plans.workdays import set_own_day

    key = mark.strip().lower()
    if key not in _MARKS:
        raise BadInput(_("bad mark {mark!r}: use work, off or clear").format(mark=mark))
    st = state(ctx)
    with st.session(write=True) as s:
        on = parse_day(st, s, day)
        set_own_day(on, _MARKS[key], session=s)
    st.forget_settings()
    from salesplan.core.words import weekday_short

    what = {True: _("a workday"), False: _("a day off"), None: _("as the calendar says")}
    say(
        _("{day} ({weekday}) is now {what}").format(
            day=on.isoformat(), weekday=weekday_short(on), what=what[_MARKS[key]]
        )
    )


@app.command("list")
def workday_list(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", help="The year to show (default this year).")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """The year's days that differ from plain Monday to Friday: holidays, 调休 workdays and
    your own days.

    Example: salesplan workday list --year 2027 --json
    """
    from datetime import date

    from salesplan.errors import BadInput

    st = state(ctx)
    with st.session() as s:
        shown = year or st.today(s).year
        if not 1900 <= shown <= 9999:
            raise BadInput(_("bad year {shown}: use a year such as 2027").format(shown=shown))
        first, last = date(shown, 1, 1), date(shown, 12, 31)
        calendar = st.workdays(s, first, last)
        region = st.settings(s).holiday_calendar
    from salesplan.core.dates import days
    from salesplan.core.words import weekday_short

    records = [
        {
            "date": d.isoformat(),
            "weekday": d.strftime("%a"),
            "workday": calendar.is_workday(d),
            "kind": calendar.kind(d),
            "source": calendar.source(d),
        }
        for d in days(first, last)
        if calendar.kind(d) not in ("workday", "weekend")
    ]
    source = calendar.year_source(shown)
    known = "" if region == "none" or source == "official" else _(_SOURCE_WORDS[source])
    emit_list(
        records,
        as_json,
        empty=_(
            "{year}: Monday to Friday, no holidays or own days (holidays: {region}{known})"
        ).format(year=shown, region=region, known=known),
        columns=["date", "day", "worked", "why", "source"],
        row=lambda r: (
            r["date"],
            weekday_short(date.fromisoformat(r["date"])),
            _("yes") if r["workday"] else _("no"),
            _(_WHY[r["kind"]]),
            _(_FROM[r["source"]]),
        ),
        footer=_("{n} workdays in {year} (holidays: {region}{known})").format(
            n=calendar.count(first, last), year=shown, region=region, known=known
        ),
    )


_WHY = {
    "holiday": N_("public holiday"),
    "makeup": N_("调休 make-up workday"),
    "own-work": N_("your extra workday"),
    "own-off": N_("your day off"),
    "absent": N_("absent"),
}

_FROM = {
    "own": N_("you"),
    "notice": N_("imported notice"),
    "official": N_("official schedule"),
    "statutory": N_("statutory (guess)"),
    "weekdays": N_("Monday to Friday"),
}
_SOURCE_WORDS = {
    "notice": N_(", from the imported notice"),
    "statutory": N_(", not yet announced: statutory holidays only"),
    "weekdays": N_(", not yet known"),
}


@app.command("import")
def workday_import(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="The notice as text (国务院办公厅关于2027年部分节假日安排的通知), or - for stdin.",
        ),
    ],
    year: Annotated[
        int | None,
        typer.Option("--year", help="The notice's year, when its text does not say it."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what was read and change nothing.")
    ] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Read the State Council's annual holiday notice: its holidays and 调休 make-up workdays
    become that year's calendar (your own days still win). Shows what it read and which days
    change.

    Example: salesplan workday import 通知.txt --dry-run
    """

    from salesplan.core.notices import check_whole, parse_notice
    from salesplan.errors import BadInput
    from salesplan.plans.workdays import import_notice

    if year is not None and not 1900 <= year <= 9999:
        raise BadInput(_("bad year {shown}: use a year such as 2027").format(shown=year))
    notice = check_whole(parse_notice(_read_text(file), year))
    st = state(ctx)
    with st.session(write=not dry_run) as s:
        region = st.settings(s).holiday_calendar
        read = import_notice(notice, session=s, region=region, dry_run=dry_run)
        if not dry_run:
            st.forget_settings()
    if as_json:
        print_json(
            {
                **notice.to_json(),
                "dry_run": dry_run,
                "replaced": read.replaced,
                "workdays": read.workdays,
                "changed": [
                    {"date": d.isoformat(), "was_workday": old, "workday": new}
                    for d, old, new in read.changed
                ],
            }
        )
        return
    _say_notice(read, region, dry_run)


def _say_notice(read: "NoticeRead", region: str, dry_run: bool) -> None:
    """What ``workday import`` prints: each festival's days, the year's workdays, the days
    that change, and whether it was saved."""
    from salesplan.core.words import weekday_short

    def shown(d: date) -> str:
        return f"{d.isoformat()} ({weekday_short(d)})"

    notice = read.notice
    for item in notice.items:
        say(
            _("{festival}: off {off}; make-up workdays {work}").format(
                festival=item.label,
                off=_spans(item.off, shown),
                work=", ".join(shown(d) for d in item.work) or _("none"),
            )
        )
    say(
        _("{year}: {n} workdays (was: {was})").format(
            year=notice.year, n=read.workdays, was=_(_FROM[read.replaced])
        )
    )
    if read.changed:
        for d, _old, new in read.changed:
            say(
                _("  {day} is now {what}").format(
                    day=shown(d), what=_("a workday") if new else _("a day off")
                )
            )
    else:
        say(_("no day changes: the notice agrees with the calendar"))
    if region != "cn":
        say(
            _(
                "the setting holidays is none: set it to cn for the notice to count (salesplan config set holidays cn)"
            )
        )
    if dry_run:
        say(_("dry run: nothing was saved"))
    else:
        say(_("saved as the notice of {year}").format(year=notice.year))


def _spans(days: tuple[date, ...], shown: Callable[[date], str]) -> str:
    """Consecutive days as one range: 2026-02-15 (Sun) – 2026-02-23 (Mon)."""
    from datetime import timedelta

    runs: list[list[date]] = []
    for d in days:
        if runs and runs[-1][-1] + timedelta(days=1) == d:
            runs[-1].append(d)
        else:
            runs.append([d])
    return ", ".join(
        shown(r[0]) if len(r) == 1 else f"{shown(r[0])} – {shown(r[-1])}" for r in runs
    ) or _("none")


# A notice is a page of text; anything far longer is not one.
_MAX_NOTICE = 200_000


def _read_text(file: str) -> str:
    import sys
    from pathlib import Path

    from salesplan.errors import BadInput

    try:
        if file == "-":
            raw = (
                sys.stdin.buffer.read(_MAX_NOTICE + 1)
                if hasattr(sys.stdin, "buffer")
                else sys.stdin.read(_MAX_NOTICE + 1).encode()
            )
        else:
            with Path(file).expanduser().open("rb") as fh:
                raw = fh.read(_MAX_NOTICE + 1)
    except OSError as exc:
        raise BadInput(
            _("cannot read {file}: {reason}").format(
                file=file, reason=(exc.strerror or str(exc)).lower()
            )
        ) from None
    if len(raw) > _MAX_NOTICE:
        raise BadInput(
            _("{file} is too long for a notice: give the notice's text alone").format(file=file)
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadInput(_("cannot read {file}: not UTF-8 or GB18030 text").format(file=file))
