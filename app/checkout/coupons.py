"""The coupons on the open receipt: the codes scanned, typed or sent by the host, and what the
service answered for each on this receipt (none while it could not be asked)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence

from fiscal.money import ZERO
from loyalty_client.types import CouponResult, LineAllocation


@dataclass(frozen=True)
class ReceiptCoupon:
    """A coupon on the receipt and the service's answer for it (None: not checked, e.g. offline)."""

    code: str
    result: CouponResult | None = None

    @property
    def applied(self) -> bool:
        """Whether it gives something on this receipt now."""
        return self.result is not None and self.result.applied


def with_results(coupons: Sequence[ReceiptCoupon], results: Iterable[CouponResult]) -> tuple[ReceiptCoupon, ...]:
    """The same coupons, each with the service's answer for its code (None where it gave none)."""
    found = {result.code: result for result in results}
    return tuple(ReceiptCoupon(coupon.code, found.get(coupon.code)) for coupon in coupons)


def unchecked(coupons: Sequence[ReceiptCoupon]) -> tuple[ReceiptCoupon, ...]:
    """The same coupons with no answer (the service could not check them)."""
    return tuple(ReceiptCoupon(coupon.code) for coupon in coupons)


def applied_codes(coupons: Sequence[ReceiptCoupon]) -> tuple[str, ...]:
    """The codes of the coupons that give something on the receipt: the ones to reserve and commit."""
    return tuple(coupon.code for coupon in coupons if coupon.applied)


def coupon_parts(lines: Iterable[LineAllocation]) -> dict[int, Decimal]:
    """The coupons' part of each line's discount, for the lines that have one."""
    return {line.line_no: line.coupon_discount for line in lines if line.coupon_discount > ZERO}
