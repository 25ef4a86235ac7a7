"""What the cashier is told about a sale while the loyalty service cannot be reached."""
from __future__ import annotations

from decimal import Decimal

from app.checkout import notices
from app.checkout.notices import Notice
from app.translation import translate
from fiscal.money import ZERO, format_money


def offline_notice(spendable: Decimal, currency: str) -> Notice:
    """What offline means for the sale: bonuses credited later, *spendable* at most with the
    admin PIN. The card says since when its balance is known. The narrow panel shows the short
    form, two lines there: the redemption and the totals show the amount, the card and the
    totals what is known and earned; the whole text is in its tooltip."""
    if spendable > ZERO:
        amount = format_money(spendable, currency)
        text = translate(
            "Checkout",
            "Loyalty service unavailable. Bonuses will be credited when the connection is back; "
            "up to %1 may be spent now with the admin PIN.",
        ).replace("%1", amount)
        short = translate("Checkout", "Offline: spending needs the admin PIN.")
    else:
        text = translate(
            "Checkout",
            "Loyalty service unavailable. Bonuses will be credited when the connection is back; "
            "they cannot be spent now.",
        )
        short = translate("Checkout", "Offline: no bonuses can be spent now.")
    return notices.warning(text, short)


def unavailable_text() -> str:
    """The first words of the offline warning, shown with the customer found in the cache."""
    return translate("Checkout", "Loyalty service unavailable.")
