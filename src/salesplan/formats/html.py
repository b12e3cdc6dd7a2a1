"""The week as one self-contained HTML page (``week --html``) and the team's week
(``team board``): Jinja2 with autoescape, charts drawn here as inline SVG.

Self-contained means no request of any kind: the styles are inline, the charts are SVG
elements, text is the browser's own fonts (Chinese stays text), and no template or chart
writes a URL. Stored text (names, notes, comments) reaches the page only through autoescaped
template variables or :func:`markupsafe.escape` in the chart code.

Jinja2 is imported by these two commands alone (``salesplan.cli`` imports this module inside
them), so the other commands start as fast as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from salesplan.core import vocab
from salesplan.core.board import DayBar, Pipeline, RepPage, TrendWeek
from salesplan.core.dates import weekday_short as weekday
from salesplan.core.money import yuan
from salesplan.core.teamwords import FLAG_WORDS
from salesplan.i18n import _, is_chinese, ngettext, pgettext

TEMPLATES = Path(__file__).with_name("templates")

# Okabe–Ito: told apart by readers with every common colour-vision deficiency.
BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#999999"
INK = "#222222"


def money(cents: int | None, signed: bool = False) -> str:
    """Amounts as the report shows them: 元 with 万 and 亿 in Chinese, two decimals in
    English."""
    cents = cents or 0
    if not is_chinese():
        number = Decimal(cents).scaleb(-2)
        return f"{number:+,.2f}" if signed else f"{number:,.2f}"
    return yuan(cents, signed)


def _wan(cents: int) -> float:
    """An amount in the pipeline chart's unit: 万元 in Chinese, thousands in English."""
    return cents / 100 / (10_000 if is_chinese() else 1_000)


def _compact(cents: int) -> str:
    """An amount short enough for a chart's label: 万元 in Chinese, thousands in English."""
    if is_chinese():
        return money(cents)
    return f"{Decimal(cents).scaleb(-5):,.0f}k"


# --- charts ----------------------------------------------------------------------------------


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _text(
    x: float, y: float, words: object, anchor: str = "middle", size: int = 11, **attrs: str
) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" font-size="{size}"{extra}>'
        f"{escape(str(words))}</text>"
    )


def _svg(width: int, height: int, label: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}">' + "".join(body) + "</svg>"
    )


def calls_chart(bars: Sequence[DayBar], label: str) -> Markup:
    """A bar a day: calls, the day's target as a line across the bar, days off shaded."""
    width, height, top, bottom, left = 360, 190, 16, 34, 28
    plot = height - top - bottom
    top_value = max([b.calls for b in bars] + [b.target for b in bars] + [1])
    top_value = int(top_value * 1.15) + 1
    slot = (width - left - 4) / max(len(bars), 1)

    def y(v: float) -> float:
        return top + plot - plot * v / top_value

    body = [
        f'<line x1="{left}" y1="{_num(y(0))}" x2="{width - 4}" y2="{_num(y(0))}" stroke="{INK}"/>',
    ]
    for tick in (0, top_value // 2, top_value):
        body.append(_text(left - 4, y(tick) + 4, tick, anchor="end", size=9, fill="#555"))
    for n, b in enumerate(bars):
        x = left + n * slot
        if not b.workday:
            body.append(
                f'<rect x="{_num(x + 1)}" y="{top}" width="{_num(slot - 2)}" height="{plot}" '
                f'fill="url(#off)" stroke="#cccccc"/>'
            )
            body.append(_text(x + slot / 2, top + 12, _("off"), size=9, fill="#555"))
        colour = BLUE if b.met or not b.workday else (SKY if b.pending else ORANGE)
        if b.calls:
            body.append(
                f'<rect x="{_num(x + slot * 0.18)}" y="{_num(y(b.calls))}" '
                f'width="{_num(slot * 0.64)}" height="{_num(y(0) - y(b.calls))}" fill="{colour}"/>'
            )
            body.append(_text(x + slot / 2, y(b.calls) - 3, b.calls, size=10))
        if b.target:
            body.append(
                f'<line x1="{_num(x + 2)}" y1="{_num(y(b.target))}" x2="{_num(x + slot - 2)}" '
                f'y2="{_num(y(b.target))}" stroke="{VERMILLION}" stroke-width="2" '
                f'stroke-dasharray="5 3"/>'
            )
        under = weekday(b.day) + ("½" if b.half else "")
        body.append(_text(x + slot / 2, height - bottom + 14, under, size=10))
        body.append(
            _text(x + slot / 2, height - bottom + 27, f"{b.day:%m-%d}", size=8, fill="#555")
        )
    pattern = (
        '<defs><pattern id="off" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#d0d0d0" stroke-width="2"/></pattern></defs>'
    )
    return _svg(width, height, label, [pattern, *body])


def hbar_chart(rows: Sequence[tuple[str, float, float | None, str]], label: str) -> Markup:
    """Horizontal bars, one per row of (name, value, target or None, shown value); a target is
    a dashed mark across its bar."""
    width, row_h, left, right = 360, 30, 112, 118
    height = row_h * len(rows) + 8
    top_value = max([v for _, v, _, _ in rows] + [t or 0 for _, _, t, _ in rows] + [1]) * 1.05
    span = width - left - right

    def x(v: float) -> float:
        return left + span * v / top_value

    body = []
    for n, (name, value, target, shown) in enumerate(rows):
        y0 = 4 + n * row_h
        body.append(_text(left - 6, y0 + 19, name, anchor="end", size=12))
        met = target is None or value >= target
        body.append(
            f'<rect x="{left}" y="{y0 + 6}" width="{_num(max(x(value) - left, 0))}" '
            f'height="{row_h - 12}" fill="{BLUE if met else ORANGE}"/>'
        )
        if target is not None:
            body.append(
                f'<line x1="{_num(x(target))}" y1="{y0 + 2}" x2="{_num(x(target))}" '
                f'y2="{y0 + row_h - 2}" stroke="{VERMILLION}" stroke-width="2" '
                f'stroke-dasharray="4 2"/>'
            )
        body.append(_text(x(max(value, target or 0)) + 5, y0 + 19, shown, anchor="start", size=11))
    return _svg(width, height, label, body)


def trend_chart(weeks: Sequence[TrendWeek], label: str, small: bool = False) -> Markup:
    """Calls (bars, above) and visits (a line, below, on its own scale) over the last weeks."""
    width, height = (240, 130) if small else (360, 200)
    left, right, gap = 6, 6, 8
    top = 4 if small else 14
    calls_h = (height - top - 14 - gap) * 0.6
    visits_top = top + calls_h + gap + (0 if small else 10)
    visits_h = height - 14 - visits_top
    slot = (width - left - right) / max(len(weeks), 1)
    calls_max = max([w.calls for w in weeks] + [1])
    visits_max = max([w.visits for w in weeks] + [1])
    base = top + calls_h
    body = [
        f'<line x1="{left}" y1="{_num(base)}" x2="{width - right}" y2="{_num(base)}" '
        f'stroke="{INK}"/>',
        f'<line x1="{left}" y1="{_num(visits_top + visits_h)}" x2="{width - right}" '
        f'y2="{_num(visits_top + visits_h)}" stroke="#bbbbbb"/>',
    ]
    points = []
    for n, w in enumerate(weeks):
        x = left + n * slot
        h = (calls_h - (0 if small else 10)) * w.calls / calls_max
        body.append(
            f'<rect x="{_num(x + slot * 0.2)}" y="{_num(base - h)}" width="{_num(slot * 0.6)}" '
            f'height="{_num(h)}" fill="{SKY}"/>'
        )
        if not small:
            body.append(_text(x + slot / 2, base - h - 2, w.calls, size=9))
        py = visits_top + visits_h - (visits_h - (0 if small else 10)) * w.visits / visits_max
        points.append((x + slot / 2, py, w.visits))
        week_no = w.label.rsplit("W", 1)[-1]
        body.append(_text(x + slot / 2, height - 3, f"W{week_no}", size=8, fill="#555"))
    body.append(
        f'<polyline fill="none" stroke="{VERMILLION}" stroke-width="2" points="'
        + " ".join(f"{_num(px)},{_num(py)}" for px, py, _ in points)
        + '"/>'
    )
    for px, py, v in points:
        body.append(f'<circle cx="{_num(px)}" cy="{_num(py)}" r="3" fill="{VERMILLION}"/>')
        if not small:
            body.append(_text(px, py - 6, v, size=9, fill=VERMILLION))
    return _svg(width, height, label, body)


def pipeline_chart(pipeline: Pipeline, label: str) -> Markup:
    rows = [
        (
            vocab.shown(s.stage, vocab.STAGE),
            _wan(s.amount),
            None,
            f"{_compact(s.amount)} ({s.projects})",
        )
        for s in pipeline.stages
    ]
    return hbar_chart(rows, label)


# --- the page's words and numbers ------------------------------------------------------------


def flag_word(flag: str) -> str:
    return _(FLAG_WORDS[flag]) if flag in FLAG_WORDS else flag


def arrow(change: float) -> str:
    return "▲" if change > 0 else ("▼" if change < 0 else "＝")


@dataclass(frozen=True)
class Compared:
    name: str
    now: str
    before: str
    change: str
    arrow: str
    direction: str  # up, down or same: the CSS class


def compared(p: RepPage) -> list[Compared]:
    s = p.summary
    now, before = s.totals, s.previous
    out = []
    counted = (
        ("calls", _("calls")),
        ("reached", _("reached")),
        ("visits", _("visits")),
        ("emails", _("emails")),
        ("new_contacts", _("new customers")),
        ("potential_contacts", _("potential customers")),
    )
    for key, name in counted:
        a, b = getattr(now, key), getattr(before, key)
        out.append(Compared(name, str(a), str(b), f"{a - b:+d}", arrow(a - b), _dir(a - b)))
    for key, name in (
        ("sales", _("sales")),
        ("collections", _("collections")),
        ("expenses", _("expenses")),
    ):
        a, b = getattr(now, key), getattr(before, key)
        out.append(
            Compared(name, money(a), money(b), money(a - b, signed=True), arrow(a - b), _dir(a - b))
        )
    return out


def _dir(change: float) -> str:
    return "up" if change > 0 else ("down" if change < 0 else "same")


def _day_state(b: DayBar) -> str:
    if not b.workday:
        return _("day off")
    if b.met:
        return _("met")
    if b.pending:
        return _("to come")
    return _("missed")


def _targets_rows(p: RepPage) -> list[tuple[str, int, int]]:
    s = p.summary
    return [
        (_("visits"), s.totals.visits, s.targets.visits_per_week),
        (_("new customers"), s.totals.new_contacts, _prorated(s, s.targets.new_contacts_per_week)),
        (
            _("potential customers"),
            s.totals.potential_contacts,
            _prorated(s, s.targets.potential_contacts_per_week),
        ),
    ]


def _prorated(s: Any, per_week: int) -> int:
    from salesplan.core.workdays import prorated_weekly_target

    return prorated_weekly_target(per_week, s.targets.workdays)


def rep_view(p: RepPage) -> dict[str, Any]:
    """One person's part of the page: charts as SVG markup, their numbers as table rows."""
    s = p.summary
    # The name people read (the roster's display name, else the name setting, else the role).
    who = s.salesperson or p.rep or ""
    targets = _targets_rows(p)
    sales_target = s.sales_target
    return {
        "page": p,
        "who": who,
        "salesperson": _("Salesperson: {name}").format(name=who) if who else "",
        "own_words": [n.text for n in s.own_words],
        "calls_chart": calls_chart(p.bars, _("Calls per day against the day's target")),
        "bars": [
            {
                "day": f"{weekday(b.day)} {b.day.isoformat()}" + (" ½" if b.half else ""),
                "calls": b.calls,
                "target": b.target,
                "state": _day_state(b),
            }
            for b in p.bars
        ],
        "targets_chart": hbar_chart(
            [(name, done, target, f"{done}/{target}") for name, done, target in targets],
            _("Visits and customers against the week's targets"),
        ),
        "targets": targets,
        "compared": compared(p),
        "trend_chart": trend_chart(p.trend, _("Calls and visits, the last 8 weeks")),
        "trend_small": trend_chart(p.trend, who, small=True),
        "pipeline_chart": pipeline_chart(p.pipeline, _("Open projects by stage")),
        "stages": [
            (vocab.shown(st.stage, vocab.STAGE), st.projects, money(st.amount))
            for st in p.pipeline.stages
        ],
        "open_amount": money(p.pipeline.open_amount),
        "collections": money(s.totals.collections),
        "sales": money(s.totals.sales),
        "sales_target": money(sales_target.target) if sales_target else "",
        "sales_progress": (
            f"{sales_target.progress:.0%}"
            if sales_target and sales_target.progress is not None
            else "—"
        ),
        "oldest": [
            {
                "contact": i.contact,
                "due": i.due.isoformat(),
                "late": ngettext("{n} workday", "{n} workdays", i.overdue_days).format(
                    n=i.overdue_days
                ),
                "reason": i.reason_words,
            }
            for i in p.oldest
        ],
    }


def _env() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every variable is escaped unless it is our own Markup (the charts)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(_=_, ngettext=ngettext, money=money, flag_word=flag_word)
    # The team's JSON gives money in yuan; the page shows it as the report does.
    env.filters["yuan"] = lambda value: money(round(Decimal(str(value)) * 100))
    return env


def _css() -> Markup:
    return Markup((TEMPLATES / "page.css").read_text(encoding="utf-8"))


def _lang() -> str:
    return "zh-CN" if is_chinese() else "en"


def week_page(page: RepPage, title: str, generated: str) -> str:
    """``week --html``: one person's week."""
    return _render([page], None, title, generated)


def team_page(team: dict[str, Any], pages: Sequence[RepPage], title: str, generated: str) -> str:
    """``team board``: the team's table (``team week --json``'s numbers), the reps' trends side
    by side, then each rep's week."""
    return _render(pages, team, title, generated)


def _render(
    pages: Sequence[RepPage], team: dict[str, Any] | None, title: str, generated: str
) -> str:
    """The one template, for one person's week or the team's."""
    return (
        _env()
        .get_template("week.html.j2")
        .render(
            lang=_lang(),
            css=_css(),
            w=words(),
            title=title,
            generated=generated,
            reps=[rep_view(p) for p in pages],
            team=team,
        )
    )


def words() -> dict[str, str]:
    """Every word the template shows (marked here, where the catalog finds them)."""
    return {
        "team": _("The team"),
        "rep": pgettext("column", "rep"),
        "calls": _("calls"),
        "call_days": _("days at target"),
        "visits": _("visits"),
        "new": _("new customers"),
        "followups_missed": _("follow-ups missed"),
        "followups_open": _("follow-ups open"),
        "followups_overdue": _("follow-ups overdue"),
        "sales": _("sales"),
        "collections": _("collections"),
        "expenses": _("expenses"),
        "total": _("total"),
        "flags": _("Red flags"),
        "no_flags": _("no red flags"),
        "trends": _("Calls and visits, the last 8 weeks"),
        "trend_key": _("bars: calls · line: visits"),
        "comments": _("The manager's comments"),
        "own_words": _("The week in my words"),
        "none_recorded": _("none recorded"),
        "calls_title": _("Calls per day against the day's target"),
        "calls_key": _(
            "bars: calls (blue met, orange short, light blue still to come) · "
            "dashed line: the day's target · shaded: day off · ½: half day"
        ),
        "day": _("day"),
        "target": _("target"),
        "state": _("state"),
        "targets_title": _("Visits and customers against the week's targets"),
        "done": _("done"),
        "compared_title": _("This week against last"),
        "this_week": _("this week"),
        "last_week": _("last week"),
        "change": _("change"),
        "week": _("week"),
        "pipeline_title": _("Open projects by stage"),
        "stage": _("stage"),
        "projects": _("projects"),
        "amount": _("amount"),
        "open_total": _("open in all"),
        "won_lost": _("won this week · lost this week"),
        "collected": _("collected this week"),
        "won_sales": _("sales this week"),
        "sales_target": _("the week's share of the yearly target"),
        "followups_title": _("Follow-ups overdue"),
        "oldest": _("The oldest"),
        "contact": _("contact"),
        "due": _("due"),
        "late": _("late by"),
        "reason": _("why"),
        "none": _("none"),
        "report": _("The weekly report"),
        "generated": _("made"),
    }
