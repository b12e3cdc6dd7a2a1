"""The month view (in Chinese: 2026年12月, weeks as 第49周, amounts in 万元)."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from salesplan.core.money import format_amount, to_number
from salesplan.core.summary import ContactTargets, MonthSummary, PeriodTarget, WentWrong
from salesplan.core.words import month_day, yuan
from salesplan.i18n import _, is_chinese

# At most this many names in a line of the review; the rest are counted.
NAMES_SHOWN = 10


def _money(minor: int) -> str:
    return yuan(minor) if is_chinese() else format_amount(minor) or "0"


def _names(names: list[str]) -> str:
    shown = _(", ").join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += _(" … and {count} more").format(count=len(names) - NAMES_SHOWN)
    return shown


def money_line(m: MonthSummary) -> str:
    t = m.totals
    return _("sales {sales} · collections {collections} · expenses {expenses}").format(
        sales=_money(t.sales), collections=_money(t.collections), expenses=_money(t.expenses)
    )


def contacts_line(c: ContactTargets) -> str:
    return _(
        "new contacts {new} of {new_target} · potential customers {potential} of {potential_target}"
    ).format(
        new=c.new,
        new_target=c.new_target,
        potential=c.potential,
        potential_target=c.potential_target,
    )


def target_line(share: PeriodTarget) -> str:
    progress = f"{share.progress:.1%}" if share.progress is not None else "-"
    return _("this month's share of the yearly target: {sales} of {target} ({progress})").format(
        sales=_money(share.sales), target=_money(share.target), progress=progress
    )


def went_wrong_lines(w: WentWrong) -> list[str]:
    """The review's lines, one per kind of miss; an empty list when nothing went wrong."""
    out = []
    if w.days_missed:
        out.append(
            _("days under the call target: {n} ({days})").format(
                n=len(w.days_missed),
                days=_names(
                    [month_day(d) if is_chinese() else d.strftime("%m-%d") for d in w.days_missed]
                ),
            )
        )
    for t in w.targets_missed:
        if t.what == "sales":
            out.append(
                _("sales target missed: {done} of {target}").format(
                    done=_money(t.done), target=_money(t.target)
                )
            )
        else:
            out.append(
                _("visit target missed in {week}: {done} of {target}").format(
                    week=_week(t.period), done=t.done, target=t.target
                )
            )
    if w.followups_missed:
        out.append(
            _("follow-ups missed: {n} ({names})").format(
                n=len(w.followups_missed),
                names=_names(list(dict.fromkeys(i.contact for i in w.followups_missed))),
            )
        )
    if w.key_not_touched:
        out.append(
            _("key customers not touched: {n} ({names})").format(
                n=len(w.key_not_touched), names=_names([k.name for k in w.key_not_touched])
            )
        )
    return out


def started_line(m: MonthSummary) -> str | None:
    """Said when the month counts from the day the store was first used, not its first."""
    if m.started is None or m.started <= m.first:
        return None
    return _(
        "counted from {day}, the first day used: missed days, attendance and score start there"
    ).format(day=_day(m.started))


def _label(m: MonthSummary) -> str:
    return f"{m.first.year}年{m.first.month}月" if is_chinese() else m.label


def _week(label: str) -> str:
    """``2026-W49``; 第49周 in Chinese."""
    if not is_chinese():
        return label
    return f"第{int(label.partition('-W')[2])}周"


def _day(day: date) -> str:
    return month_day(day) if is_chinese() else day.isoformat()


def _yearly(cents: int) -> str:
    """The yearly target line's amounts: whole yuan as numbers in English, 万元 in Chinese."""
    return yuan(cents) if is_chinese() else str(to_number(cents))


_COLUMNS = ("week", "from", "to", "calls", "reached", "visits", "emails", "call days met")


def _headings() -> list[str]:
    return [
        _("week"),
        _("from"),
        _("to"),
        _("calls"),
        _("reached"),
        _("visits"),
        _("emails"),
        _("call days met"),
    ]


def render_month(m: MonthSummary) -> RenderableType:
    t = Table(
        title=f"{_label(m)} · {_day(m.first)} – {_day(m.last)}",
        title_justify="left",
    )
    for key, col in zip(_COLUMNS, _headings(), strict=True):
        t.add_column(col, justify="left" if key in ("week", "from", "to") else "right")
    for w in m.weeks:
        t.add_row(
            _week(w.week.label),
            _day(w.week.first),
            _day(w.week.last),
            str(w.calls),
            str(w.reached),
            str(w.visits),
            str(w.emails),
            str(w.call_days_met),
        )
    y = m.yearly_target
    share = f"{y.share:.1%}" if y.share is not None else "-"
    lines: list[RenderableType] = [
        t,
        Text(
            _("sales this year {sales} of {target} ({share}; {gone} of the year gone)").format(
                sales=_yearly(y.sales_to_date),
                target=_yearly(y.target),
                share=share,
                gone=f"{y.expected_share:.1%}",
            )
        ),
    ]
    lines.append(Text(money_line(m)))
    since = started_line(m)
    if since:
        lines.append(Text(since, style="dim"))
    if m.contacts is not None:
        lines.append(Text(contacts_line(m.contacts)))
    if m.sales_target is not None:
        lines.append(Text(target_line(m.sales_target)))
    if m.went_wrong is not None:
        wrong = went_wrong_lines(m.went_wrong)
        lines.append(Text(_("What went wrong"), style="bold"))
        lines += [Text("  " + line, style="red") for line in wrong] or [
            Text("  " + _("nothing: every target met"), style="green")
        ]
    if m.score is not None:
        sc = m.score
        lines.append(
            Text(
                _(
                    "score {score} = daily work {daily} × 70% + attendance {attendance} × 30%"
                ).format(score=sc.score, daily=sc.daily_work, attendance=sc.attendance)
                + (_(" · full pay") if sc.full_pay else _(" · below 80")),
                style="bold",
            )
        )
    return Group(*lines)


def month_markdown(m: MonthSummary) -> str:
    out = [
        _("# Monthly report {month}").format(month=_label(m)),
        "",
        "| " + " | ".join(_headings()) + " |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    out += [
        f"| {_week(w.week.label)} | {_day(w.week.first)} | {_day(w.week.last)} | {w.calls} | "
        f"{w.reached} | {w.visits} | {w.emails} | {w.call_days_met} |"
        for w in m.weeks
    ]
    y = m.yearly_target
    out += [
        "",
        _("Sales this year: {sales} of {target}.").format(
            sales=_yearly(y.sales_to_date), target=_yearly(y.target)
        ),
        "",
    ]
    out += [money_line(m), ""]
    since = started_line(m)
    if since:
        out += [since, ""]
    if m.contacts is not None:
        out += [contacts_line(m.contacts), ""]
    if m.sales_target is not None:
        out += [target_line(m.sales_target), ""]
    if m.went_wrong is not None:
        out += ["## " + _("What went wrong"), ""]
        out += [f"- {line}" for line in went_wrong_lines(m.went_wrong)] or [
            "_" + _("nothing: every target met") + "_"
        ]
        out.append("")
    if m.score is not None:
        sc = m.score
        out += [
            _("Score: {score} (daily work {daily}, attendance {attendance}).").format(
                score=sc.score, daily=sc.daily_work, attendance=sc.attendance
            ),
            "",
        ]
    return "\n".join(out)
