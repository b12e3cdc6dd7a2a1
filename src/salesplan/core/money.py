"""Money is kept in integer minor units (fen/cents) so sums are exact."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from salesplan.errors import BadInput


def parse_amount(text: str | int | float, what: str = "amount", allow_zero: bool = True) -> int:
    """``"1234.5"`` → ``123450``. At most two decimals; never negative."""
    raw = str(text).strip().replace(",", "").replace("¥", "").replace("￥", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise BadInput(f"bad {what} {text!r}: use a number such as 1200 or 1200.50") from None
    if not value.is_finite() or value < 0 or (value == 0 and not allow_zero):
        low = "0 or more" if allow_zero else "more than 0"
        raise BadInput(f"bad {what} {text!r}: use a number {low}, such as 1200.50")
    cents = value * 100
    if cents != cents.to_integral_value():
        raise BadInput(f"bad {what} {text!r}: at most two decimals, such as 1200.50")
    if cents > 10**15:
        raise BadInput(f"bad {what} {text!r}: too large")
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
