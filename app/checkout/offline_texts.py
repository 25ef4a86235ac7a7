"""What the cashier is told about a sale while the loyalty service cannot be reached."""
from __future__ import annotations

from decimal import Decimal

from app.checkout import notices
from app.checkout.notices import Notice
from app.translation import translate
from fiscal.money import ZERO, format_money


def offline_notice(spendable: Decimal, currency: str, coupons: bool = False) -> Notice:
    """What offline means for the sale: bonuses credited later, *spendable* at most with the
    admin PIN, and, with *coupons* on the receipt, that they are not applied. The card says since
    when its balance is known. The narrow panel shows the short form, two lines there, and so
    does a wide one where the whole would take more than four lines: the redemption and the
    totals show the amount, the card and the totals what is known and earned, the coupon list
    each coupon's state; the whole text is in its tooltip."""
    if spendable > ZERO:
        amount = format_money(spendable, currency)
        text = translate(
            "Checkout",
            "Loyalty service unavailable. Bonuses will be credited when the connection is back; "
            "up to %1 may be spent now with the admin PIN.",
        ).replace("%1", amount)
    else:
        text = translate(
            "Checkout",
            "Loyalty service unavailable. Bonuses will be credited when the connection is back; "
            "they cannot be spent now.",
        )
    if coupons:
        text = f"{text} {offline_coupon_text()}"
    return notices.warning(text, _short_text(spendable > ZERO, coupons))


def _short_text(spendable: bool, coupons: bool) -> str:
    # Whole sentences rather than a clause added on: each language then fits its own words into
    # the narrow panel's two lines, where the spending sentence alone already takes most of them.
    if spendable and coupons:
        return translate("Checkout", "Offline: spending by admin PIN; coupons not applied.")
    if spendable:
        return translate("Checkout", "Offline: spending needs the admin PIN.")
    if coupons:
        return translate("Checkout", "Offline: no spending; coupons not applied.")
    return translate("Checkout", "Offline: no bonuses can be spent now.")


def offline_coupon_text() -> str:
    """Why a coupon is refused while the service cannot be asked."""
    return translate(
        "Coupons", "Coupons cannot be checked offline: the coupon is not applied. Keep it for the next visit."
    )


def unavailable_text() -> str:
    """The first words of the offline warning, shown with the customer found in the cache."""
    return translate("Checkout", "Loyalty service unavailable.")
