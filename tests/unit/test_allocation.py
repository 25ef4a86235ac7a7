"""Properties of the exact allocation of a redemption over receipt lines (docs/architecture.md §7).

The test oracles (floor, capacity, exact proportional share) are computed in the tests
(`tests/unit/receipt_strategies.py`, here) independently of `fiscal.allocation`, so a wrong rule in
the module cannot confirm itself.
"""
from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from fiscal.allocation import (
    AllocationError,
    allocate,
    eligible_amount,
    fiscal_lines,
    line_capacity,
    line_floor,
    redeemable_capacity,
)
from fiscal.receipt import ReceiptLine
from tests.unit.receipt_strategies import (
    CENT,
    capacity_cents as _capacity_cents,
    least_final as _least_final,
    receipt_lines,
    receipts,
    receipts_with_redeem,
    whole_units as _whole_units,
)


# ----- allocation properties ---------------------------------------------------------------------
@given(receipts_with_redeem())
@example(([ReceiptLine(1, "A", "A", Decimal(3), Decimal("29.99"), Decimal("89.97"))], Decimal("1.00")))
def test_discounts_add_up_to_the_redemption_exactly(case: tuple[list[ReceiptLine], Decimal]) -> None:
    lines, redeem = case
    discounts = allocate(lines, redeem)
    assert sorted(discounts) == sorted(line.line_no for line in lines)
    assert sum(discounts.values(), Decimal(0)) == redeem
    for discount in discounts.values():
        assert discount >= 0
        assert discount == discount.quantize(CENT)


@given(receipts_with_redeem())
def test_no_line_goes_below_its_floor(case: tuple[list[ReceiptLine], Decimal]) -> None:
    lines, redeem = case
    discounts = allocate(lines, redeem)
    for line in lines:
        if discounts[line.line_no]:
            final = line.amount - discounts[line.line_no]
            assert final >= _least_final(line), (line, final)
            assert final >= CENT
            if line.min_price is not None:
                assert final >= line.min_price * line.quantity


@given(receipts_with_redeem())
def test_excluded_lines_are_untouched(case: tuple[list[ReceiptLine], Decimal]) -> None:
    lines, redeem = case
    discounts = allocate(lines, redeem)
    for line in lines:
        if not line.redeem_allowed:
            assert discounts[line.line_no] == 0


@given(receipts_with_redeem(), st.randoms(use_true_random=False))
def test_allocation_is_deterministic_whatever_the_line_order(
    case: tuple[list[ReceiptLine], Decimal], rnd: random.Random
) -> None:
    lines, redeem = case
    first = allocate(lines, redeem)
    assert allocate(list(lines), redeem) == first
    shuffled = list(lines)
    rnd.shuffle(shuffled)
    assert allocate(shuffled, redeem) == first


@given(receipts_with_redeem())
def test_each_share_is_within_a_kopeck_of_its_exact_share_when_nothing_is_clamped(
    case: tuple[list[ReceiptLine], Decimal],
) -> None:
    lines, redeem = case
    open_lines = [line for line in lines if _capacity_cents(line) > 0]
    weight = sum(Fraction(int(line.amount / CENT)) for line in open_lines)
    cents = Fraction(int(redeem / CENT))
    exact = {line.line_no: cents * int(line.amount / CENT) / weight for line in open_lines}
    assume(all(exact[line.line_no] <= _capacity_cents(line) for line in open_lines))
    discounts = allocate(lines, redeem)
    for line in open_lines:
        given_cents = Fraction(int(discounts[line.line_no] / CENT))
        assert abs(given_cents - exact[line.line_no]) < 1, (line.line_no, given_cents, exact[line.line_no])


@given(receipts_with_redeem())
def test_a_line_short_of_its_capacity_gets_at_least_the_rate_of_any_other_line(
    case: tuple[list[ReceiptLine], Decimal],
) -> None:
    """Water filling: what a clamped line cannot take goes to the others, not lost or skewed.

    With a common rate r (discount per amount) for unclamped lines and clamped lines below it,
    every line short of its capacity has (d + 1) / a > r > (d' - 1) / a' for any other line.
    """
    lines, redeem = case
    discounts = allocate(lines, redeem)
    cents = {line.line_no: int(discounts[line.line_no] / CENT) for line in lines}
    open_lines = [line for line in lines if _capacity_cents(line) > 0]
    for line in open_lines:
        assert cents[line.line_no] <= _capacity_cents(line)
    for short in open_lines:
        if cents[short.line_no] == _capacity_cents(short):
            continue
        for other in open_lines:
            assert Fraction(cents[short.line_no] + 1, int(short.amount / CENT)) > Fraction(
                cents[other.line_no] - 1, int(other.amount / CENT)
            )


@given(receipts(), st.integers(1, 10_000))
def test_more_than_the_capacity_is_refused(lines: list[ReceiptLine], excess: int) -> None:
    capacity = sum(_capacity_cents(line) for line in lines)
    with pytest.raises(AllocationError):
        allocate(lines, Decimal(capacity + excess) * CENT)


@given(receipts())
def test_capacity_is_what_the_lines_can_take(lines: list[ReceiptLine]) -> None:
    assert redeemable_capacity(lines) == Decimal(sum(_capacity_cents(line) for line in lines)) * CENT
    for line in lines:
        assert line_capacity(line) == Decimal(_capacity_cents(line)) * CENT
        assert line_floor(line) >= _least_final(line)
        assert line_floor(line) - _least_final(line) < CENT


def test_negative_or_fractional_kopeck_redemptions_are_refused() -> None:
    lines = [ReceiptLine(1, "A", "A", Decimal(1), Decimal("10.00"), Decimal("10.00"))]
    with pytest.raises(AllocationError):
        allocate(lines, Decimal("-0.01"))
    with pytest.raises(AllocationError):
        allocate(lines, Decimal("0.005"))


def test_duplicate_line_numbers_are_refused() -> None:
    line = ReceiptLine(1, "A", "A", Decimal(1), Decimal("10.00"), Decimal("10.00"))
    with pytest.raises(AllocationError):
        allocate([line, line], Decimal("1.00"))


def test_leftover_kopecks_go_by_largest_remainder_then_lower_line_number() -> None:
    lines = [
        ReceiptLine(no, f"S{no}", f"N{no}", Decimal(1), Decimal("10.00"), Decimal("10.00")) for no in (7, 3, 5)
    ]
    assert allocate(lines, Decimal("0.01")) == {7: Decimal("0.00"), 3: Decimal("0.01"), 5: Decimal("0.00")}
    assert allocate(lines, Decimal("0.02")) == {7: Decimal("0.00"), 3: Decimal("0.01"), 5: Decimal("0.01")}
    # 1.00 over 20.00 and 10.00: exact shares 0.6666.. and 0.3333..: the larger remainder wins.
    two = [
        ReceiptLine(1, "A", "A", Decimal(1), Decimal("10.00"), Decimal("10.00")),
        ReceiptLine(2, "B", "B", Decimal(1), Decimal("20.00"), Decimal("20.00")),
    ]
    assert allocate(two, Decimal("1.00")) == {1: Decimal("0.33"), 2: Decimal("0.67")}


def test_a_clamped_line_passes_its_share_on() -> None:
    lines = [
        ReceiptLine(1, "A", "A", Decimal(1), Decimal("10.00"), Decimal("10.00"), min_price=Decimal("9.50")),
        ReceiptLine(2, "B", "B", Decimal(1), Decimal("10.00"), Decimal("10.00")),
        ReceiptLine(3, "T", "Tobacco", Decimal(1), Decimal("10.00"), Decimal("10.00"), redeem_allowed=False),
    ]
    assert allocate(lines, Decimal("5.00")) == {1: Decimal("0.50"), 2: Decimal("4.50"), 3: Decimal("0.00")}


def test_eligible_amount_counts_only_lines_that_allow_redemption() -> None:
    lines = [
        ReceiptLine(1, "A", "A", Decimal(1), Decimal("10.00"), Decimal("10.00")),
        ReceiptLine(2, "T", "T", Decimal(1), Decimal("7.00"), Decimal("7.00"), redeem_allowed=False),
    ]
    assert eligible_amount(lines) == Decimal("10.00")


# ----- fiscal lines ------------------------------------------------------------------------------
@st.composite
def lines_with_discount(draw: st.DrawFn) -> tuple[ReceiptLine, Decimal]:
    """One line and a discount it can take."""
    line = draw(receipt_lines(1))
    cents = draw(st.integers(0, _capacity_cents(line)))
    return line, Decimal(cents) * CENT


def test_the_design_example_splits_into_two_lines() -> None:
    line = ReceiptLine(1, "A", "Кофе", Decimal(3), Decimal("29.99"), Decimal("89.97"))
    parts = fiscal_lines(line, Decimal("1.00"))
    assert [(p.quantity, p.price, p.amount) for p in parts] == [
        (Decimal(1), Decimal("29.65"), Decimal("29.65")),
        (Decimal(2), Decimal("29.66"), Decimal("59.32")),
    ]
    assert [p.discount for p in parts] == [Decimal("0.34"), Decimal("0.66")]


@given(lines_with_discount())
@example((ReceiptLine(1, "A", "A", Decimal(3), Decimal("29.99"), Decimal("89.97")), Decimal("1.00")))
def test_fiscal_lines_add_back_exactly(case: tuple[ReceiptLine, Decimal]) -> None:
    line, discount = case
    parts = fiscal_lines(line, discount)
    assert 1 <= len(parts) <= 2
    assert sum((p.amount for p in parts), Decimal(0)) == line.amount - discount
    assert sum((p.discount for p in parts), Decimal(0)) == discount
    assert sum((p.amount + p.discount for p in parts), Decimal(0)) == line.amount
    assert sum((p.quantity for p in parts), Decimal(0)) == line.quantity
    for part in parts:
        assert (part.line_no, part.sku, part.name) == (line.line_no, line.sku, line.name)
        assert part.discount >= 0
        assert part.amount == part.amount.quantize(CENT)
        assert part.discount == part.discount.quantize(CENT)


@given(lines_with_discount())
def test_whole_unit_lines_split_into_prices_a_kopeck_apart(case: tuple[ReceiptLine, Decimal]) -> None:
    line, discount = case
    assume(_whole_units(line))
    parts = fiscal_lines(line, discount)
    for part in parts:
        assert part.quantity == part.quantity.to_integral_value() and part.quantity >= 1
        assert part.amount == part.quantity * part.price
        # Each printed line is its own gross (quantity × shelf price) minus its own discount.
        assert part.amount + part.discount == part.quantity * line.price
    if len(parts) == 2:
        low, high = parts
        assert high.price - low.price == CENT
    else:
        assert int((line.amount - discount) / CENT) % int(line.quantity) == 0


@given(lines_with_discount())
def test_fiscal_unit_prices_respect_the_floor(case: tuple[ReceiptLine, Decimal]) -> None:
    line, discount = case
    assume(_whole_units(line) and discount > 0)
    for part in fiscal_lines(line, discount):
        assert part.price >= CENT
        if line.min_price is not None:
            assert part.price >= line.min_price


def test_an_undiscounted_line_is_printed_as_it_is() -> None:
    line = ReceiptLine(4, "B", "Хлеб", Decimal(2), Decimal("1.35"), Decimal("2.70"))
    (part,) = fiscal_lines(line, Decimal("0.00"))
    assert (part.quantity, part.price, part.amount, part.discount) == (
        Decimal(2), Decimal("1.35"), Decimal("2.70"), Decimal("0.00")
    )


def test_a_weighed_line_keeps_one_line_with_its_final_amount() -> None:
    line = ReceiptLine(2, "W", "Сыр", Decimal("0.347"), Decimal("25.90"), Decimal("8.99"))
    (part,) = fiscal_lines(line, Decimal("0.50"))
    assert (part.quantity, part.amount, part.discount) == (Decimal("0.347"), Decimal("8.49"), Decimal("0.50"))
    assert part.price == Decimal("24.47")  # 8.49 / 0.347 = 24.466..: the registrar prints the amount


@settings(max_examples=300)
@given(receipts_with_redeem())
def test_allocation_then_fiscal_lines_print_the_whole_redemption(case: tuple[ReceiptLine, Decimal]) -> None:
    lines, redeem = case
    discounts = allocate(lines, redeem)
    parts = [part for line in lines for part in fiscal_lines(line, discounts[line.line_no])]
    assert sum((p.discount for p in parts), Decimal(0)) == redeem
    assert sum((p.amount for p in parts), Decimal(0)) == sum((l.amount for l in lines), Decimal(0)) - redeem


@given(
    st.integers(2, 12),
    st.integers(1, 100_000),
    st.integers(-50, 50),
    st.data(),
)
def test_split_parts_never_carry_a_negative_discount_when_the_host_rounded_the_amount(
    units: int, price_cents: int, deviation: int, data: st.DataObject
) -> None:
    """A host may hand over an amount that is not exactly quantity × price (its own rounding)."""
    amount_cents = max(units, units * price_cents + deviation)
    line = ReceiptLine(
        1, "A", "A", Decimal(units), Decimal(price_cents) * CENT, Decimal(amount_cents) * CENT
    )
    discount = Decimal(data.draw(st.integers(0, amount_cents - units))) * CENT
    parts = fiscal_lines(line, discount)
    assert all(part.discount >= 0 for part in parts)
    assert sum((p.amount + p.discount for p in parts), Decimal(0)) == line.amount
    assert sum((p.discount for p in parts), Decimal(0)) == discount
    if len(parts) == 2:
        assert parts[1].price - parts[0].price == CENT


def test_a_discount_that_cannot_be_printed_is_refused() -> None:
    line = ReceiptLine(1, "A", "A", Decimal(2), Decimal("1.00"), Decimal("2.00"))
    for bad in (Decimal("-0.01"), Decimal("0.001"), Decimal("2.01")):
        with pytest.raises(AllocationError):
            fiscal_lines(line, bad)
