"""Money is kept in integer minor units (fen/cents) so sums are exact."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from salesplan.errors import BadInput
from salesplan.i18n import N_, _

N_("amount")

# Chinese amounts: ``85万``, ``8.5万元``, ``1.2亿``, ``3千``, ``12,000元``, ``¥12,000``.
_UNITS = {"": 1, "千": 1_000, "万": 10_000, "亿": 100_000_000}
_CHINESE_AMOUNT = re.compile(r"^(?P<number>.*?)\s*(?P<unit>[千万亿]?)\s*(?:元|块|块钱|人民币)?$")


def parse_amount(text: str | int | float, what: str = "amount", allow_zero: bool = True) -> int:
    """``"1234.5"`` → ``123450``; ``"85万"`` → ``85000000``. At most two decimals (in yuan);
    never negative."""
    raw = str(text).strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
    raw = raw.removeprefix("人民币").strip()
    found = _CHINESE_AMOUNT.match(raw)
    unit = _UNITS[found["unit"]] if found else 1
    number = found["number"].strip() if found else raw
    try:
        value = Decimal(number)
        # Sized by its exponent before any arithmetic: 1E+999999 would overflow a multiplication.
        if value.is_finite() and value != 0 and not -3 < value.adjusted() < 13:
            too_small = value.adjusted() <= -3
            raise BadInput(
                (
                    _("bad {what} {text}: at most two decimals, such as 1200.50")
                    if too_small
                    else _("bad {what} {text}: too large (at most 9,999,999,999,999.99)")
                ).format(what=_(what), text=repr(text))
            )
        value *= unit
    except InvalidOperation:
        raise BadInput(
            _("bad {what} {text}: use a number such as 1200, 1200.50 or 85万").format(
                what=_(what), text=repr(text)
            )
        ) from None
    if not value.is_finite() or value < 0 or (value == 0 and not allow_zero):
        if allow_zero:
            message = _("bad {what} {text}: use a number 0 or more, such as 1200.50")
        else:
            message = _("bad {what} {text}: use a number more than 0, such as 1200.50")
        raise BadInput(message.format(what=_(what), text=repr(text)))
    cents = value * 100
    if cents != cents.to_integral_value():
        raise BadInput(
            _("bad {what} {text}: at most two decimals, such as 1200.50").format(
                what=_(what), text=repr(text)
            )
        )
    if cents >= 10**15:
        raise BadInput(
            _("bad {what} {text}: too large (at most 9,999,999,999,999.99)").format(
                what=_(what), text=repr(text)
            )
        )
    return int(cents)


def to_number(cents: int | None) -> int | float | None:
    """For JSON: whole amounts as integers, others as the exact two-decimal float."""
    if cents is None:
        return None
    if cents % 100 == 0:
        return cents // 100
    return float(Decimal(cents) / 100)


def format_amount(cents: int | None) -> str:
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole:,}" + (f".{frac:02d}" if frac else "")


def yuan(cents: int | None, signed: bool = False) -> str:
    """An amount as a Chinese report writes it: ``991.74元``, ``320元``, ``92.61万元``,
    ``1.2亿元`` (万 and 亿 to two decimals, trailing zeros dropped); ``+86.14万元`` for a
    change."""
    cents = cents or 0
    if signed and cents == 0:
        return "±0"
    sign = ("+" if cents > 0 else "-") if signed else ("-" if cents < 0 else "")
    value = Decimal(abs(cents)).scaleb(-2)
    unit = ""
    for size, name in ((Decimal(100_000_000), "亿"), (Decimal(10_000), "万")):
        if value >= size:
            value, unit = (value / size).quantize(Decimal("0.01"), ROUND_HALF_UP), name
            break
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{sign}{text}{unit}元"
