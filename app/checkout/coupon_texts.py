"""What a coupon on the receipt gives, or why it does not apply, in the cashier's words."""
from __future__ import annotations

from decimal import Decimal

from app.checkout.coupons import ReceiptCoupon
from app.translation import translate
from fiscal.money import ZERO, format_money
from loyalty_client.types import CouponRefusal, CouponResult, Offer, OfferKind


def detail_text(coupon: ReceiptCoupon, currency: str = "") -> str:
    """What the coupon gives on this receipt ("−1,59", "+0,87 bonuses"), or why not."""
    result = coupon.result
    if result is None:
        return translate("Coupons", "not checked: the loyalty service is unavailable")
    if not result.applied:
        return reason_text(result)
    parts = []
    if result.discount > ZERO:
        parts.append("−" + format_money(result.discount, currency))
    if result.extra_accrual > ZERO:
        parts.append(translate("Coupons", "+%1 bonuses").replace("%1", format_money(result.extra_accrual)))
    return ", ".join(parts) or translate("Coupons", "applies")


def reason_text(result: CouponResult) -> str:
    """Why the coupon gives nothing on this receipt."""
    reason = result.reason
    if reason is CouponRefusal.MIN_AMOUNT and result.min_amount is not None:
        return translate("Coupons", "valid on purchases from %1").replace("%1", format_money(result.min_amount))
    if reason is CouponRefusal.EXPIRED and result.valid_until is not None:
        return translate("Coupons", "expired on %1").replace("%1", result.valid_until.strftime("%d.%m"))
    texts = {
        CouponRefusal.UNKNOWN: translate("Coupons", "no such coupon"),
        CouponRefusal.USED: translate("Coupons", "already used"),
        CouponRefusal.EXPIRED: translate("Coupons", "expired"),
        CouponRefusal.NOT_STARTED: translate("Coupons", "not valid yet"),
        CouponRefusal.MIN_AMOUNT: translate("Coupons", "the purchase is below the coupon's minimum"),
        CouponRefusal.NOT_OWNER: translate("Coupons", "only for its owner"),
        CouponRefusal.NO_ELIGIBLE_LINES: translate("Coupons", "nothing on the receipt it applies to"),
        CouponRefusal.HELD: translate("Coupons", "held by another receipt"),
    }
    return texts.get(reason, translate("Coupons", "does not apply")) if reason is not None else translate(
        "Coupons", "does not apply"
    )


def title_text(coupon: ReceiptCoupon) -> str:
    """The coupon's offer title, or its code while the service has not named it."""
    if coupon.result is not None and coupon.result.title:
        return coupon.result.title
    return translate("Coupons", "Coupon %1").replace("%1", coupon.code)


def offer_text(offer: Offer) -> str:
    """One of the member's offers for the card: its title, what it gives, from what amount, until when."""
    parts = [offer.title]
    value = offer.value
    if offer.kind is not None and value is not None:
        benefit = {
            OfferKind.PERCENT_OFF: translate("Coupons", "−%1 %").replace("%1", _plain(value)),
            OfferKind.AMOUNT_OFF: "−" + format_money(value),
            OfferKind.EXTRA_POINTS_MULTIPLIER: translate("Coupons", "×%1 bonuses").replace("%1", _plain(value)),
            OfferKind.EXTRA_POINTS_FIXED: translate("Coupons", "+%1 bonuses").replace("%1", format_money(value)),
        }[offer.kind]
        if benefit not in offer.title:
            parts.append(benefit)
    if offer.min_amount is not None:
        parts.append(translate("Coupons", "from %1").replace("%1", format_money(offer.min_amount)))
    parts.append(translate("Coupons", "until %1").replace("%1", offer.valid_until.strftime("%d.%m")))
    return ", ".join(parts)


def _plain(value: Decimal) -> str:
    """A percent or multiplier without trailing zeros: 10, 2, 2,5."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")
