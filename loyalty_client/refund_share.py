"""What a return of goods takes back of a purchase, in proportion: the one rule both sides use.

The sandbox reverses a refund with it, and the till estimates a return with it before the service
answers, so the two cannot drift apart. Shares are cumulative (everything returned so far, minus
what earlier returns took), so returning a purchase in several parts reverses exactly what one
full return would; each share is exact to the kopeck.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping

from fiscal.money import ZERO, money


@dataclass(frozen=True)
class SoldLine:
    """A purchase's line as the return share needs it: what was bought, paid and earned."""

    line_no: int
    quantity: Decimal
    amount: Decimal  # before the loyalty discount
    discount: Decimal  # the whole loyalty discount: coupon and points
    accrual: Decimal  # points earned
    points_discount: Decimal | None = None  # the part paid with points (None: all the discount)


@dataclass(frozen=True)
class ReturnShare:
    """What a return reverses: accrual taken back, spent points given back, money given back."""

    accrual: Decimal
    points: Decimal
    paid: Decimal


def share(total: Decimal, part: Decimal, whole: Decimal) -> Decimal:
    """`total × part / whole` to the kopeck: the cumulative share of a line returned so far."""
    if whole <= 0 or part <= 0:
        return ZERO
    if part >= whole:
        return total
    return money(total * part / whole)


def return_share(
    lines: Iterable[SoldLine],
    points_spent: Decimal,
    redeem: Decimal,
    returned_before: Mapping[int, Decimal],
    quantities: Mapping[int, Decimal],
) -> ReturnShare:
    """The share of a purchase that returning `quantities` (line → quantity) reverses, after the
    earlier returns `returned_before` (line → quantity).

    `points_spent` are the points the purchase cost and `redeem` the money they paid: the points
    given back are the share of the points part of the discount returned (a coupon's part gives
    no points back). The accrual is what should be taken back;
    a service may take back less when the member has spent it (a balance never goes below zero).
    """
    discount = [ZERO, ZERO]
    points_discount = [ZERO, ZERO]
    accrual = [ZERO, ZERO]
    amount = [ZERO, ZERO]
    for line in lines:
        before = returned_before.get(line.line_no, ZERO)
        by_points = line.discount if line.points_discount is None else line.points_discount
        for i, part in enumerate((before, before + quantities.get(line.line_no, ZERO))):
            discount[i] += share(line.discount, part, line.quantity)
            points_discount[i] += share(by_points, part, line.quantity)
            accrual[i] += share(line.accrual, part, line.quantity)
            amount[i] += share(line.amount, part, line.quantity)
    points = share(points_spent, points_discount[1], redeem) - share(points_spent, points_discount[0], redeem)
    paid = (amount[1] - discount[1]) - (amount[0] - discount[0])
    return ReturnShare(accrual[1] - accrual[0], points, paid)
