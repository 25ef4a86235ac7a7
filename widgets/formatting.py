"""Pure text formatting for the views: points, percents, quantities, dates (no Qt, no I/O)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from fiscal.money import format_money, money

if TYPE_CHECKING:  # the window's first paint shows no dates: `datetime` loads with the first one
    from datetime import date, datetime


def format_points(value: Decimal) -> str:
    """Points as people read them at the till: `1 234,50` (two places, comma decimals)."""
    return format_money(value)


def format_amount(value: Decimal, currency: str = "") -> str:
    """Money with an optional currency: `1 234,50 BYN`."""
    return format_money(value, currency)


def format_percent(value: Decimal) -> str:
    """A percentage without needless zeros: `5%`, `2,5%`."""
    text = format(Decimal(value).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def format_quantity(value: Decimal) -> str:
    """A receipt quantity: `2` for whole units, `0,350` for weighed goods (three places)."""
    quantity = Decimal(value)
    if quantity == quantity.to_integral_value():
        return str(quantity.quantize(Decimal(1)))
    return format(quantity.quantize(Decimal("0.001")), "f").replace(".", ",")


def format_date(value: date) -> str:
    """A calendar date as written in Belarus and Russia: `31.12.2025`."""
    return value.strftime("%d.%m.%Y")


def format_moment(value: datetime, today: date | None = None) -> str:
    """A moment for "as of" hints: `14:32` today, `30.11.2025 14:32` on another day."""
    reference = today if today is not None else value.now(value.tzinfo).date()  # now, in its zone
    if value.date() == reference:
        return value.strftime("%H:%M")
    return value.strftime("%d.%m.%Y %H:%M")


def parse_amount(text: str) -> Decimal:
    """Read an amount typed as `12,50` or `12.50` (empty means zero) as a 2-place Decimal.

    Raises ValueError when the text is not a number.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if cleaned in ("", "."):
        return money(0)
    try:
        return money(Decimal(cleaned))
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {text!r}") from exc
