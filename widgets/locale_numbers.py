"""Amounts, points and percentages written as a person writes them in the till's language (QLocale):
`2,5 %` and `1 234,50` in Russian and Belarusian, `2.5%` and `1,234.50` in English.

The digits come from the Decimal itself, never through a float; the locale gives the decimal
mark, the grouping of the whole part and the percent sign.
"""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale

from fiscal.money import money

# Languages that put a (no-break) space between a number and its percent sign (CLDR's pattern "#,##0 %").
_SPACED_PERCENT = frozenset({QLocale.Language.Russian, QLocale.Language.Belarusian, QLocale.Language.Ukrainian})


def percent_text(value: Decimal, locale: QLocale | None = None) -> str:
    """A percentage without needless zeros: `5 %`, `2,5 %` (ru, be); `5%`, `2.5%` (en)."""
    locale = QLocale() if locale is None else locale
    number = _decimal_text(Decimal(value).normalize(), locale)
    space = "\u00a0" if locale.language() in _SPACED_PERCENT else ""
    return f"{number}{space}{locale.percent()}"


def amount_text(value: Decimal, locale: QLocale | None = None, currency: str = "") -> str:
    """Money (or points) with two places: `1 234,50 BYN` (ru), `1,234.50 BYN` (en)."""
    locale = QLocale() if locale is None else locale
    text = _decimal_text(money(value), locale, places=2)
    return f"{text}\u00a0{currency}" if currency else text


def _decimal_text(value: Decimal, locale: QLocale, places: int | None = None) -> str:
    """`value` with the locale's grouping and decimal mark; `places` fixed, or as many as it has."""
    text = format(abs(value), "f") if places is None else format(abs(value), f".{places}f")
    whole, _, fraction = text.partition(".")
    if places is None:
        fraction = fraction.rstrip("0")
    number = locale.toString(int(whole)) + (locale.decimalPoint() + fraction if fraction else "")
    return locale.negativeSign() + number if value < 0 else number
