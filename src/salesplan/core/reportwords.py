"""The weekly report's own words, shared by its terminal view (``render.report``) and its files
(``formats.markdown``, ``formats.xlsx``): the title, the salesperson, the sections' headings, the
totals' names, a change and an amount as the report writes them.

In Chinese the report reads as a salesperson writes it: 2026年第49周（11月30日–12月6日）,
amounts in 元 with 万 and 亿 where large, the eleven sections numbered 一、…十一、 in the
templates' words.
"""

from __future__ import annotations

from decimal import Decimal

from salesplan.core.summary import Summary
from salesplan.core.words import chinese_numeral, week_title, yuan
from salesplan.i18n import N_, NP_, _, is_chinese, pgettext

N_NONE = N_("none recorded")

# The sections' Chinese names: the seed templates' words (SECTIONS keeps the English beside).
_SECTION_TITLES = {
    "sales_volume": NP_("report section", "Sales volume"),
    "collections": NP_("report section", "Collections"),
    "customer_visits": NP_("report section", "Customer visits"),
    "expenses": NP_("report section", "Sales expenses"),
    "promotions": NP_("report section", "Advertising and promotions"),
    "key_customers": NP_("report section", "Key customers"),
    "new_customers": NP_("report section", "New customers"),
    "abnormal_customers": NP_("report section", "Abnormal or poor-credit customers"),
    "to_develop": NP_("report section", "Customers to develop"),
    "competitors": NP_("report section", "Competitors' moves"),
    "policy": NP_("report section", "Local policy changes"),
}
# Totals as the spreadsheet names them, by field.
_TOTAL_NAMES = {
    "calls": NP_("total", "calls"),
    "reached": NP_("total", "reached"),
    "visits": NP_("total", "visits"),
    "emails": NP_("total", "emails"),
    "meetings": NP_("total", "meetings"),
    "new_contacts": NP_("total", "new contacts"),
    "potential_contacts": NP_("total", "potential customers"),
    "appointments_kept": NP_("total", "appointments kept"),
    "appointments_cancelled": NP_("total", "appointments cancelled"),
    "sales": NP_("total", "sales"),
    "collections": NP_("total", "collections"),
    "expenses": NP_("total", "expenses"),
    "call_days_met": NP_("total", "days the call target was met"),
    "visited_customers": NP_("total", "customers visited"),
}


def none_recorded() -> str:
    return _(N_NONE)


def section_title(number: int, key: str, english: str, chinese: str) -> str:
    """``一、销售量`` in Chinese; ``1. Sales volume · 销售量`` in English."""
    if is_chinese():
        return f"{chinese_numeral(number)}、{pgettext('report section', _SECTION_TITLES[key])}"
    return f"{number}. {english} · {chinese}"


def report_title(s: Summary) -> str:
    if is_chinese():
        return _("Weekly report {week}").format(week=week_title(s.label, s.start, s.end))
    return f"Weekly report {s.label} ({s.start.isoformat()} – {s.end.isoformat()})"


def salesperson_line(s: Summary) -> str:
    """``销售员：张丽`` under the title; empty when the report names no one."""
    return _("Salesperson: {name}").format(name=s.salesperson) if s.salesperson else ""


def own_words(s: Summary) -> list[str]:
    """The week in the salesperson's own words (本周小结), one paragraph per note."""
    return [n.text for n in s.own_words]


def total_name(key: str) -> str:
    """A total by its field: the key in English, the spreadsheet's word in Chinese."""
    return pgettext("total", _TOTAL_NAMES[key]) if is_chinese() else key


def delta(value: float | int) -> str:
    """A change against last week: ``+3``, ``-1.50``, ``±0``."""
    if value == 0:
        return "±0"
    return f"{value:+,}" if isinstance(value, int) else f"{value:+,.2f}"


def money(cents: int | None, signed: bool = False) -> str:
    """Amounts in the report, from minor units: thousands separators, always two decimals;
    in Chinese 元, with 万 and 亿 where large."""
    if is_chinese():
        return yuan(cents, signed=signed)
    number = Decimal(cents or 0).scaleb(-2)
    return f"{number:+,.2f}" if signed else f"{number:,.2f}"
