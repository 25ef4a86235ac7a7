"""Money and points as exact decimals with two places."""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: Decimal | int | str) -> Decimal:
    """Return *value* as a Decimal with exactly two places (half-up), refusing floats."""
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def money_down(value: Decimal) -> Decimal:
    """Return *value* cut down to whole kopecks: for amounts the customer may not exceed."""
    return Decimal(value).quantize(CENT, rounding=ROUND_DOWN)


def format_money(value: Decimal, currency: str = "") -> str:
    """Format an amount for people: `1 234,50 BYN` (space thousands, comma decimals)."""
    text = f"{money(value):,.2f}".replace(",", "\u00a0").replace(".", ",")
    return f"{text}\u00a0{currency}" if currency else text
