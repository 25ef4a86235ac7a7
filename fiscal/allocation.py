"""Exact allocation of a redemption over receipt lines, and the fiscal lines that result (docs/architecture.md §7).

Each fiscal line must carry its final price, so a redemption is spread in whole kopecks:
proportionally to the line amounts, never below a line's floor (its `min_price` per unit, and at
least 0.01 per unit), never on lines that exclude redemption, with leftover kopecks given by
largest remainder (ties: lower line number first). The sum of discounts equals the redemption.

When a coupon already took its part of the lines (`fiscal.coupon_allocation`), the points are
spread the same way over what it left: proportionally to each line's amount less its coupon
part, within the line's floor less that part.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, Decimal
from typing import Mapping, Sequence, Union

from fiscal.money import CENT, ZERO, money_down
from fiscal.receipt import ReceiptLine


class AllocationError(ValueError):
    """The redemption cannot be placed on these lines (more than they can take, or negative)."""


def _cents(value: Decimal) -> int:
    return int((value / CENT).to_integral_value(rounding=ROUND_CEILING))


def line_floor(line: ReceiptLine) -> Decimal:
    """The least a line may cost after discount: its minimum price per unit, at least 0.01 a unit."""
    whole_units = line.quantity == line.quantity.to_integral_value()
    units = line.quantity if whole_units and line.quantity >= 1 else Decimal(1)
    per_unit_floor = CENT * units
    min_total = (line.min_price or ZERO) * line.quantity
    return (max(per_unit_floor, min_total) / CENT).to_integral_value(rounding=ROUND_CEILING) * CENT


def line_capacity(line: ReceiptLine) -> Decimal:
    """How much discount a line can take, coupon and points together (zero for excluded lines)."""
    if not line.redeem_allowed or line.amount <= ZERO:
        return ZERO
    return max(ZERO, money_down(line.amount - line_floor(line)))


def redeemable_capacity(lines: Sequence[ReceiptLine], coupon: Mapping[int, Decimal] | None = None) -> Decimal:
    """The most that can be redeemed on these lines, whatever the program allows, after `coupon`
    (the coupon part per line number, if a coupon applies)."""
    if not coupon:
        return sum((line_capacity(line) for line in lines), ZERO)
    taken = coupon_cents(lines, coupon)
    return Decimal(sum(_cents(line_capacity(line)) - taken[line.line_no] for line in lines)) * CENT


def eligible_amount(lines: Sequence[ReceiptLine]) -> Decimal:
    """Sum of the amounts of lines that allow redemption."""
    return sum((line.amount for line in lines if line.redeem_allowed), ZERO)


def check_kopecks(amount: Decimal, what: str) -> None:
    """Refuse a negative amount or one with a fraction of a kopeck (`what` names it)."""
    if amount < ZERO:
        raise AllocationError(f"{what} must not be negative")
    if amount != amount.quantize(CENT):
        raise AllocationError(f"{what} must be in whole kopecks")


def check_line_numbers(lines: Sequence[ReceiptLine]) -> None:
    """Refuse lines that share a line number."""
    numbers = [line.line_no for line in lines]
    if len(set(numbers)) != len(numbers):
        raise AllocationError("line numbers must be unique")


def coupon_cents(lines: Sequence[ReceiptLine], coupon: Mapping[int, Decimal] | None) -> dict[int, int]:
    """A coupon's part per line number in kopecks, every line present, checked against the lines.

    Each part must be whole kopecks, not negative, on a line of the receipt, and within what the
    line can take (so none on a line that excludes discounts, and none below its floor).
    """
    check_line_numbers(lines)
    parts = dict(coupon or {})
    unknown = sorted(set(parts) - {line.line_no for line in lines})
    if unknown:
        raise AllocationError(f"coupon discount on lines not on the receipt: {unknown}")
    taken: dict[int, int] = {}
    for line in lines:
        part = parts.get(line.line_no, ZERO)
        check_kopecks(part, f"line {line.line_no}: coupon discount")
        if part and part > line_capacity(line):  # a line's capacity is never negative
            raise AllocationError(
                f"line {line.line_no}: coupon discount {part} exceeds what the line can take ({line_capacity(line)})"
            )
        taken[line.line_no] = int(part / CENT)
    return taken


def allocate(
    lines: Sequence[ReceiptLine], redeem: Decimal, coupon: Mapping[int, Decimal] | None = None
) -> dict[int, Decimal]:
    """Discount per line number (every line present, excluded ones at 0.00) summing to `redeem`.

    With `coupon` (its part per line number), the redemption goes on what the coupon left.
    """
    check_kopecks(redeem, "redemption")
    taken = coupon_cents(lines, coupon)
    if not redeem:
        return {line.line_no: ZERO for line in lines}
    capacity = {line.line_no: _cents(line_capacity(line)) - taken[line.line_no] for line in lines}
    total_cents = int(redeem / CENT)
    if total_cents > sum(capacity.values()):
        raise AllocationError(f"{redeem} exceeds what the lines can take ({redeemable_capacity(lines, coupon)})")
    weights = {
        line.line_no: _cents(line.amount) - taken[line.line_no] for line in lines if capacity[line.line_no] > 0
    }
    whole = spread_kopecks(weights, capacity, total_cents)
    return {line.line_no: Decimal(whole.get(line.line_no, 0)) * CENT for line in lines}


def spread_kopecks(weights: Mapping[int, int], capacity: Mapping[int, int], total: int) -> dict[int, int]:
    """`total` kopecks over the keys of `weights`, in proportion to them, none above its capacity.

    What a capped key cannot take is spread over the others (water filling); the kopecks left
    after rounding down go by largest remainder, ties to the lower key. The caller makes sure the
    capacities can hold `total`. Deterministic: the result depends on the mappings' contents only.
    """
    if total == 0:
        return {key: 0 for key in weights}
    whole, remainders = _water_fill(weights, capacity, total)
    left = total - sum(whole.values())
    by_remainder = sorted(whole, key=lambda key: (-remainders.get(key, 0), key))
    for key in by_remainder:
        if left == 0:
            break
        if whole[key] < capacity[key]:
            whole[key] += 1
            left -= 1
    assert left == 0, "the caller's capacity check guarantees every kopeck finds a key"
    return whole


def _water_fill(
    weights: Mapping[int, int], capacity: Mapping[int, int], total: int
) -> tuple[dict[int, int], dict[int, int]]:
    """Exact proportional shares of `total`, clamping lines at their capacity and re-spreading.

    Each share is returned as its whole kopecks and the numerator of what is left over it. Only
    the lines of the last round have a fraction, and theirs all share one denominator (that
    round's weight sum), so the numerators order the remainders exactly, in integers. Weights are
    positive: callers weigh only lines that can take a kopeck.
    """
    whole: dict[int, int] = {}
    remainders: dict[int, int] = {}
    open_lines = dict(weights)
    remaining = total
    while open_lines and remaining > 0:
        weight_sum = sum(open_lines.values())
        clamped = {no for no, weight in open_lines.items() if remaining * weight >= capacity[no] * weight_sum}
        if not clamped:
            for no, weight in open_lines.items():
                whole[no], remainders[no] = divmod(remaining * weight, weight_sum)
            return whole, remainders
        for no in clamped:
            whole[no] = capacity[no]
            remaining -= capacity[no]
            del open_lines[no]
    for no in open_lines:
        whole.setdefault(no, 0)
    return whole, remainders


@dataclass(frozen=True)
class LineDiscount:
    """One line's loyalty discount: the coupon's part, then the points' part."""

    coupon: Decimal = ZERO
    points: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        """What the line loses in all."""
        return self.coupon + self.points


@dataclass(frozen=True)
class FiscalLine:
    """A line as the fiscal registrar prints it: final unit price after the loyalty discount.

    `discount` is the whole loyalty discount of this printed line; `coupon_discount` is the
    coupon's part of it and `points_discount` the rest, paid with points.
    """

    line_no: int
    sku: str
    name: str
    quantity: Decimal
    price: Decimal
    amount: Decimal
    discount: Decimal
    coupon_discount: Decimal = ZERO

    @property
    def points_discount(self) -> Decimal:
        """The part of the discount paid with points."""
        return self.discount - self.coupon_discount


LineDiscountLike = Union[Decimal, LineDiscount]
"""A line's discount: points only (a Decimal), or a coupon part and a points part."""


def fiscal_lines(line: ReceiptLine, discount: LineDiscountLike) -> list[FiscalLine]:
    """The fiscal lines for one receipt line after `discount` (a Decimal: points only).

    A whole-unit line whose final amount does not divide evenly by its quantity becomes two lines
    whose unit prices differ by one kopeck: `3 × 29.99 − 1.00` → `1 × 29.65 + 2 × 29.66`. Each
    part carries its own discount, its share of the line amount less its own final amount
    (`29.99 − 29.65 = 0.34` and `59.98 − 59.32 = 0.66`), so every printed line adds up by itself.
    A coupon part is shared between the two in proportion to their discounts (largest remainder,
    the first part on a tie), so each printed line's coupon and points parts add up to its discount.
    """
    parts = discount if isinstance(discount, LineDiscount) else LineDiscount(points=discount)
    for part in (parts.coupon, parts.points):
        if part < ZERO or part != part.quantize(CENT):
            raise AllocationError(f"line {line.line_no}: a discount part of {part} cannot be printed")
    printed = _printed_lines(line, parts.total)
    coupon = spread_kopecks(
        {index: _cents(p.discount) for index, p in enumerate(printed) if p.discount > ZERO},
        {index: _cents(p.discount) for index, p in enumerate(printed)},
        _cents(parts.coupon),
    )
    return [replace(p, coupon_discount=Decimal(coupon.get(index, 0)) * CENT) for index, p in enumerate(printed)]


def _printed_lines(line: ReceiptLine, discount: Decimal) -> list[FiscalLine]:
    """The fiscal lines for `line` after a total `discount`, before the coupon part is shared."""
    if discount < ZERO or discount != discount.quantize(CENT) or discount > line.amount:
        raise AllocationError(f"line {line.line_no}: a discount of {discount} cannot be printed")
    final = line.amount - discount
    quantity = line.quantity
    if quantity != quantity.to_integral_value() or quantity <= 1:
        price = (final / quantity).quantize(CENT) if quantity else final
        return [FiscalLine(line.line_no, line.sku, line.name, quantity, price, final, discount)]
    units = int(quantity)
    base, extra = divmod(int(final / CENT), units)
    gross_cents = int(line.amount / CENT)
    # Split the line amount over the same units: its odd kopecks go to the dearer part first, so
    # neither part's discount is negative (when amount = quantity × price, each part's gross is
    # exactly its quantity × price).
    gross_unit, gross_extra = divmod(gross_cents, units)
    high_gross = extra * gross_unit + min(extra, gross_extra)
    result = []
    for count, unit_cents, part_gross in (
        (units - extra, base, gross_cents - high_gross),
        (extra, base + 1, high_gross),
    ):
        if count:
            amount_cents = count * unit_cents
            result.append(
                FiscalLine(
                    line.line_no,
                    line.sku,
                    line.name,
                    Decimal(count),
                    Decimal(unit_cents) * CENT,
                    Decimal(amount_cents) * CENT,
                    Decimal(part_gross - amount_cents) * CENT,
                )
            )
    return result
