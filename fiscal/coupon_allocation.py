"""A coupon's discount and a points redemption on the same receipt lines, both exact (docs/architecture.md §7).

The coupon comes first. The service either names its part per line (checked here: whole kopecks,
on lines of the receipt, within what each line can take) or gives a total, spread here over the
lines the offer covers the way a redemption is spread: proportionally to the line amounts, in
whole kopecks, never below a line's floor, never on a line that excludes discounts, leftover
kopecks by largest remainder (ties: lower line number). The points then go on what the coupon
left (`fiscal.allocation.allocate`). Floors and exclusions hold for the two parts together.
"""
from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import Mapping, Sequence

from fiscal.allocation import (
    AllocationError,
    LineDiscount,
    allocate,
    check_kopecks,
    check_line_numbers,
    coupon_cents,
    line_capacity,
    spread_kopecks,
)
from fiscal.money import CENT, ZERO
from fiscal.receipt import ReceiptLine


def coupon_capacity(lines: Sequence[ReceiptLine], eligible: Collection[int] | None = None) -> Decimal:
    """The most a coupon can take off the `eligible` lines (every line when None)."""
    return sum((line_capacity(line) for line in lines if eligible is None or line.line_no in eligible), ZERO)


def coupon_by_line(lines: Sequence[ReceiptLine], parts: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """The service's coupon part per line, checked, with every line present (0.00 where none).

    Raises `AllocationError` for a part that is negative, not in whole kopecks, on a line not on
    the receipt, or more than the line can take (below its floor, or on an excluded line).
    """
    taken = coupon_cents(lines, parts)
    return {line.line_no: Decimal(taken[line.line_no]) * CENT for line in lines}


def spread_coupon(
    lines: Sequence[ReceiptLine], total: Decimal, eligible: Collection[int] | None = None
) -> dict[int, Decimal]:
    """A coupon's `total` spread over the `eligible` lines (every line when None), every line present.

    Raises `AllocationError` for a total that is negative, not in whole kopecks or more than the
    lines can take, and for eligible line numbers not on the receipt.
    """
    check_kopecks(total, "coupon discount")
    check_line_numbers(lines)
    numbers = {line.line_no for line in lines}
    if eligible is not None and not set(eligible) <= numbers:
        raise AllocationError(f"coupon for lines not on the receipt: {sorted(set(eligible) - numbers)}")
    capacity = {
        line.line_no: _cents(line_capacity(line)) if eligible is None or line.line_no in eligible else 0
        for line in lines
    }
    total_cents = _cents(total)
    if total_cents > sum(capacity.values()):
        room = coupon_capacity(lines, eligible)
        raise AllocationError(f"coupon discount {total} exceeds what the lines can take ({room})")
    weights = {line.line_no: _cents(line.amount) for line in lines if capacity[line.line_no] > 0}
    whole = spread_kopecks(weights, capacity, total_cents)
    return {line.line_no: Decimal(whole.get(line.line_no, 0)) * CENT for line in lines}


def allocate_discounts(
    lines: Sequence[ReceiptLine], coupon: Mapping[int, Decimal], redeem: Decimal
) -> dict[int, LineDiscount]:
    """Each line's coupon part (as given, checked) and points part (`redeem` spread on what is left).

    Every line is present. The coupon parts add up to the coupon's total, the points parts to
    `redeem`, and no line ends below its floor. Raises `AllocationError` when `coupon` does not
    fit the lines (see `coupon_by_line`) or `redeem` exceeds what the coupon left.
    """
    parts = coupon_by_line(lines, coupon)
    points = allocate(lines, redeem, parts)
    return {line.line_no: LineDiscount(coupon=parts[line.line_no], points=points[line.line_no]) for line in lines}


def _cents(value: Decimal) -> int:
    return int(value / CENT)
