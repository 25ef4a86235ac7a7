"""Exact allocation of a redemption over receipt lines, and the fiscal lines that result (docs/architecture.md §7).

Each fiscal line must carry its final price, so a redemption is spread in whole kopecks:
proportionally to the line amounts, never below a line's floor (its `min_price` per unit, and at
least 0.01 per unit), never on lines that exclude redemption, with leftover kopecks given by
largest remainder (ties: lower line number first). The sum of discounts equals the redemption.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from typing import Sequence

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
    """How much redemption a line can take (zero for excluded lines)."""
    if not line.redeem_allowed or line.amount <= ZERO:
        return ZERO
    return max(ZERO, money_down(line.amount - line_floor(line)))


def redeemable_capacity(lines: Sequence[ReceiptLine]) -> Decimal:
    """The most that can be redeemed on these lines, whatever the program allows."""
    return sum((line_capacity(line) for line in lines), ZERO)


def eligible_amount(lines: Sequence[ReceiptLine]) -> Decimal:
    """Sum of the amounts of lines that allow redemption."""
    return sum((line.amount for line in lines if line.redeem_allowed), ZERO)


def allocate(lines: Sequence[ReceiptLine], redeem: Decimal) -> dict[int, Decimal]:
    """Discount per line number (every line present, excluded ones at 0.00) summing to `redeem`."""
    if redeem < ZERO:
        raise AllocationError("redemption must not be negative")
    if redeem != redeem.quantize(CENT):
        raise AllocationError("redemption must be in whole kopecks")
    numbers = [line.line_no for line in lines]
    if len(set(numbers)) != len(numbers):
        raise AllocationError("line numbers must be unique")
    capacity = {line.line_no: _cents(line_capacity(line)) for line in lines}
    total_cents = int(redeem / CENT)
    if total_cents > sum(capacity.values()):
        raise AllocationError(f"{redeem} exceeds what the lines can take ({redeemable_capacity(lines)})")
    weights = {line.line_no: Fraction(_cents(line.amount)) for line in lines if capacity[line.line_no] > 0}
    shares = _water_fill(weights, capacity, Fraction(total_cents))
    whole = {no: int(share) for no, share in shares.items()}  # shares are non-negative: int() floors
    left = total_cents - sum(whole.values())
    by_remainder = sorted(shares, key=lambda no: (-(shares[no] - whole[no]), no))
    for no in by_remainder:
        if left == 0:
            break
        if whole[no] < capacity[no]:
            whole[no] += 1
            left -= 1
    assert left == 0, "capacity check above guarantees every kopeck finds a line"
    return {line.line_no: Decimal(whole.get(line.line_no, 0)) * CENT for line in lines}


def _water_fill(
    weights: dict[int, Fraction], capacity: dict[int, int], total: Fraction
) -> dict[int, Fraction]:
    """Exact proportional shares of `total`, clamping lines at their capacity and re-spreading."""
    shares: dict[int, Fraction] = {}
    open_lines = dict(weights)
    remaining = total
    while open_lines and remaining > 0:
        weight_sum = sum(open_lines.values())
        clamped = {
            no for no, weight in open_lines.items() if remaining * weight / weight_sum >= capacity[no]
        }
        if not clamped:
            for no, weight in open_lines.items():
                shares[no] = remaining * weight / weight_sum
            return shares
        for no in clamped:
            shares[no] = Fraction(capacity[no])
            remaining -= capacity[no]
            del open_lines[no]
    for no in open_lines:
        shares.setdefault(no, Fraction(0))
    return shares


@dataclass(frozen=True)
class FiscalLine:
    """A line as the fiscal registrar prints it: final unit price after the loyalty discount."""

    line_no: int
    sku: str
    name: str
    quantity: Decimal
    price: Decimal
    amount: Decimal
    discount: Decimal


def fiscal_lines(line: ReceiptLine, discount: Decimal) -> list[FiscalLine]:
    """The fiscal lines for one receipt line after `discount`.

    A whole-unit line whose final amount does not divide evenly by its quantity becomes two lines
    whose unit prices differ by one kopeck: `3 × 29.99 − 1.00` → `1 × 29.65 + 2 × 29.66`. Each
    part carries its own discount, its share of the line amount less its own final amount
    (`29.99 − 29.65 = 0.34` and `59.98 − 59.32 = 0.66`), so every printed line adds up by itself.
    """
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
