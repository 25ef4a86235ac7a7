"""Random receipts for the allocation properties, and the floor rule spelt out independently.

The oracles (floor, capacity) are computed here, not taken from `fiscal.allocation`, so a wrong
rule in the module cannot confirm itself.
"""
from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from hypothesis import strategies as st

from fiscal.receipt import ReceiptLine

CENT = Decimal("0.01")


# ----- strategies ------------------------------------------------------------------------------
def kopecks(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Amounts from `low` to `high` kopecks."""
    return st.integers(low, high).map(lambda cents: Decimal(cents) * CENT)


@st.composite
def receipt_lines(draw: st.DrawFn, line_no: int) -> ReceiptLine:
    """A line as a host hands it over: whole units or a weight, amount = quantity × price."""
    if draw(st.booleans()):
        quantity = Decimal(draw(st.integers(1, 12)))
    else:
        quantity = Decimal(draw(st.integers(1, 5000))) / 1000  # 0.001 .. 5.000 kg
    price = draw(st.one_of(kopecks(1, 300), kopecks(1, 500_000)))
    amount = (quantity * price).quantize(CENT)
    min_price = draw(st.one_of(st.none(), kopecks(0, int(price / CENT) + 50)))
    return ReceiptLine(
        line_no=line_no,
        sku=f"SKU{line_no}",
        name=f"Товар {line_no}",
        quantity=quantity,
        price=price,
        amount=amount,
        redeem_allowed=draw(st.booleans() | st.just(True)),
        min_price=min_price,
    )


@st.composite
def receipts(draw: st.DrawFn, max_lines: int = 8) -> list[ReceiptLine]:
    """Lines with distinct, not necessarily consecutive, line numbers in any order."""
    numbers = draw(st.lists(st.integers(1, 99), min_size=1, max_size=max_lines, unique=True))
    return [draw(receipt_lines(no)) for no in numbers]


@st.composite
def receipts_with_redeem(draw: st.DrawFn) -> tuple[list[ReceiptLine], Decimal]:
    """Lines and a redemption they can take (anything from nothing to all of the capacity)."""
    lines = draw(receipts())
    capacity = sum(capacity_cents(line) for line in lines)
    cents = draw(st.one_of(st.integers(0, capacity), st.just(capacity)))
    return lines, Decimal(cents) * CENT


# ----- independent oracles ---------------------------------------------------------------------
def whole_units(line: ReceiptLine) -> bool:
    """Whether the line is sold in whole units (not weighed)."""
    return line.quantity == line.quantity.to_integral_value() and line.quantity >= 1


def least_final(line: ReceiptLine) -> Decimal:
    """The rule of §7 spelt out: min_price per unit, and at least 0.01 per unit (per line for weights)."""
    per_unit = CENT * (line.quantity if whole_units(line) else 1)
    by_min_price = (line.min_price or Decimal(0)) * line.quantity
    return max(per_unit, by_min_price)


def capacity_cents(line: ReceiptLine) -> int:
    """The most kopecks of discount the line may take in all."""
    if not line.redeem_allowed or line.amount <= 0:
        return 0
    floor_cents = int((least_final(line) / CENT).to_integral_value(rounding=ROUND_CEILING))
    return max(0, int(line.amount / CENT) - floor_cents)
