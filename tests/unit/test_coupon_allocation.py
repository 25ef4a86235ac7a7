"""A coupon's discount and a points redemption on the same lines (docs/architecture.md §7).

Random receipts (whole units and weights, floors, lines that exclude discounts), coupon totals or
per-line coupon parts, and redemptions; the oracles are in `tests/unit/receipt_strategies.py`
and here, not taken from `fiscal`.
"""
from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from fiscal.allocation import AllocationError, LineDiscount, allocate, fiscal_lines, redeemable_capacity
from fiscal.coupon_allocation import allocate_discounts, coupon_by_line, coupon_capacity, spread_coupon
from fiscal.receipt import ReceiptLine
from tests.unit.receipt_strategies import CENT, capacity_cents, least_final, receipts, whole_units

ZERO = Decimal("0.00")


def cents(value: Decimal) -> int:
    return int(value / CENT)


def money(value: int) -> Decimal:
    return Decimal(value) * CENT


# ----- strategies ------------------------------------------------------------------------------
@st.composite
def coupon_totals(draw: st.DrawFn) -> tuple[list[ReceiptLine], set[int] | None, Decimal]:
    """Lines, the lines an offer covers (None: the whole receipt), and a total they can take."""
    lines = draw(receipts())
    eligible = draw(st.none() | st.sets(st.sampled_from([line.line_no for line in lines])))
    room = sum(capacity_cents(line) for line in lines if eligible is None or line.line_no in eligible)
    total = draw(st.integers(0, room) | st.just(room))
    return lines, eligible, money(total)


@st.composite
def coupon_parts(draw: st.DrawFn) -> tuple[list[ReceiptLine], dict[int, Decimal], Decimal]:
    """Lines, a coupon part per line as a service gives it (some lines left out), and a
    redemption that fits on what the coupon left."""
    lines = draw(receipts())
    parts = {
        line.line_no: money(draw(st.integers(0, capacity_cents(line)) | st.just(capacity_cents(line))))
        for line in lines
        if draw(st.booleans())
    }
    left = sum(capacity_cents(line) for line in lines) - sum(cents(part) for part in parts.values())
    redeem = draw(st.integers(0, left) | st.just(left))
    return lines, parts, money(redeem)


@st.composite
def spread_then_points(draw: st.DrawFn) -> tuple[list[ReceiptLine], set[int] | None, Decimal, Decimal]:
    """A coupon total to spread, then a redemption that fits on what it will leave."""
    lines, eligible, total = draw(coupon_totals())
    left = sum(capacity_cents(line) for line in lines) - cents(total)
    redeem = draw(st.integers(0, left) | st.just(left))
    return lines, eligible, total, money(redeem)


# ----- spreading a coupon total ----------------------------------------------------------------
@given(coupon_totals())
def test_a_coupon_total_is_spread_exactly_on_the_offer_s_lines_within_their_floors(
    case: tuple[list[ReceiptLine], set[int] | None, Decimal],
) -> None:
    lines, eligible, total = case
    parts = spread_coupon(lines, total, eligible)
    assert sorted(parts) == sorted(line.line_no for line in lines)
    assert sum(parts.values(), ZERO) == total
    for line in lines:
        part = parts[line.line_no]
        assert part >= 0 and part == part.quantize(CENT)
        if eligible is not None and line.line_no not in eligible:
            assert part == 0
        if not line.redeem_allowed:
            assert part == 0
        if part:
            assert line.amount - part >= least_final(line)


@given(coupon_totals())
def test_a_coupon_total_is_within_a_kopeck_of_its_exact_share_when_nothing_is_clamped(
    case: tuple[list[ReceiptLine], set[int] | None, Decimal],
) -> None:
    lines, eligible, total = case
    covered = [
        line for line in lines if capacity_cents(line) > 0 and (eligible is None or line.line_no in eligible)
    ]
    weight = sum(Fraction(cents(line.amount)) for line in covered)
    exact = {line.line_no: cents(total) * Fraction(cents(line.amount)) / weight for line in covered}
    assume(all(exact[line.line_no] <= capacity_cents(line) for line in covered))
    parts = spread_coupon(lines, total, eligible)
    for line in covered:
        assert abs(cents(parts[line.line_no]) - exact[line.line_no]) < 1


@given(coupon_totals(), st.integers(1, 10_000))
def test_a_coupon_total_above_what_its_lines_can_take_is_refused(
    case: tuple[list[ReceiptLine], set[int] | None, Decimal], excess: int
) -> None:
    lines, eligible, _ = case
    room = coupon_capacity(lines, eligible)
    assert room == money(sum(capacity_cents(l) for l in lines if eligible is None or l.line_no in eligible))
    with pytest.raises(AllocationError):
        spread_coupon(lines, room + money(excess), eligible)


# ----- a coupon, then points ---------------------------------------------------------------------
def check_two_parts(lines: list[ReceiptLine], coupon: dict[int, Decimal], redeem: Decimal,
                    discounts: dict[int, LineDiscount]) -> None:
    """The properties every two-part allocation has."""
    assert sorted(discounts) == sorted(line.line_no for line in lines)
    assert sum((d.coupon for d in discounts.values()), ZERO) == sum(coupon.values(), ZERO)
    assert sum((d.points for d in discounts.values()), ZERO) == redeem
    for line in lines:
        found = discounts[line.line_no]
        assert found.coupon == coupon.get(line.line_no, ZERO)
        assert found.coupon >= 0 and found.points >= 0
        assert found.points == found.points.quantize(CENT)
        assert found.coupon + found.points == found.total
        if not line.redeem_allowed:
            assert found.points == 0
        if found.total:
            assert line.amount - found.total >= least_final(line), (line, found)


@given(coupon_parts())
@example(
    (
        [
            ReceiptLine(1, "C", "Coffee", Decimal(1), Decimal("15.90"), Decimal("15.90"), min_price=Decimal("15.00")),
            ReceiptLine(2, "M", "Milk", Decimal(2), Decimal("2.49"), Decimal("4.98")),
        ],
        {1: Decimal("0.90")},
        Decimal("4.96"),
    )
)
def test_service_coupon_parts_then_points_add_up_and_keep_the_floors(
    case: tuple[list[ReceiptLine], dict[int, Decimal], Decimal],
) -> None:
    lines, coupon, redeem = case
    check_two_parts(lines, coupon, redeem, allocate_discounts(lines, coupon, redeem))


@given(spread_then_points())
def test_a_spread_coupon_then_points_add_up_and_keep_the_floors(
    case: tuple[list[ReceiptLine], set[int] | None, Decimal, Decimal],
) -> None:
    lines, eligible, total, redeem = case
    coupon = spread_coupon(lines, total, eligible)
    check_two_parts(lines, coupon, redeem, allocate_discounts(lines, coupon, redeem))


@given(coupon_parts())
def test_points_go_on_what_the_coupon_left_in_proportion(
    case: tuple[list[ReceiptLine], dict[int, Decimal], Decimal],
) -> None:
    lines, coupon, redeem = case
    room = {line.line_no: capacity_cents(line) - cents(coupon.get(line.line_no, ZERO)) for line in lines}
    remaining = {line.line_no: cents(line.amount) - cents(coupon.get(line.line_no, ZERO)) for line in lines}
    open_lines = [line.line_no for line in lines if room[line.line_no] > 0]
    weight = sum(Fraction(remaining[no]) for no in open_lines)
    exact = {no: cents(redeem) * Fraction(remaining[no]) / weight for no in open_lines}
    assume(all(exact[no] <= room[no] for no in open_lines))
    discounts = allocate_discounts(lines, coupon, redeem)
    for no in open_lines:
        assert abs(cents(discounts[no].points) - exact[no]) < 1, (no, discounts[no], exact[no])


@given(coupon_parts(), st.integers(1, 10_000))
def test_more_points_than_the_coupon_left_room_for_are_refused(
    case: tuple[list[ReceiptLine], dict[int, Decimal], Decimal], excess: int
) -> None:
    lines, coupon, _ = case
    left = money(sum(capacity_cents(line) for line in lines) - sum(cents(c) for c in coupon.values()))
    assert redeemable_capacity(lines, coupon) == left
    with pytest.raises(AllocationError):
        allocate_discounts(lines, coupon, left + money(excess))


@given(coupon_parts(), st.randoms(use_true_random=False))
def test_the_same_receipt_gets_the_same_discounts_whatever_the_order(
    case: tuple[list[ReceiptLine], dict[int, Decimal], Decimal], rnd: random.Random
) -> None:
    lines, coupon, redeem = case
    first = allocate_discounts(lines, coupon, redeem)
    assert allocate_discounts(list(lines), dict(coupon), redeem) == first
    shuffled = list(lines)
    rnd.shuffle(shuffled)
    reordered = dict(sorted(coupon.items(), key=lambda item: rnd.random()))
    assert allocate_discounts(shuffled, reordered, redeem) == first


@given(coupon_totals(), st.randoms(use_true_random=False))
def test_a_spread_coupon_is_the_same_whatever_the_order(
    case: tuple[list[ReceiptLine], set[int] | None, Decimal], rnd: random.Random
) -> None:
    lines, eligible, total = case
    first = spread_coupon(lines, total, eligible)
    shuffled = list(lines)
    rnd.shuffle(shuffled)
    assert spread_coupon(shuffled, total, None if eligible is None else set(eligible)) == first


@given(st.data(), receipts())
def test_coupon_parts_a_line_cannot_take_are_refused(data: st.DataObject, lines: list[ReceiptLine]) -> None:
    line = data.draw(st.sampled_from(lines))
    bad = data.draw(
        st.sampled_from(
            [
                {line.line_no: Decimal("-0.01")},
                {line.line_no: Decimal("0.005")},
                {line.line_no: money(capacity_cents(line) + 1)},
                {max(l.line_no for l in lines) + 1: Decimal("0.01")},
            ]
        )
    )
    with pytest.raises(AllocationError):
        coupon_by_line(lines, bad)
    with pytest.raises(AllocationError):
        allocate_discounts(lines, bad, ZERO)
    with pytest.raises(AllocationError):
        allocate(lines, ZERO, bad)


@given(coupon_parts())
def test_without_a_coupon_the_points_are_allocated_as_before(
    case: tuple[list[ReceiptLine], dict[int, Decimal], Decimal],
) -> None:
    lines, _, redeem = case
    assume(redeem <= redeemable_capacity(lines))
    alone = allocate(lines, redeem)
    both = allocate_discounts(lines, {}, redeem)
    assert {no: d.points for no, d in both.items()} == alone
    assert all(d.coupon == 0 for d in both.values())
    for line in lines:
        assert fiscal_lines(line, LineDiscount(points=alone[line.line_no])) == fiscal_lines(line, alone[line.line_no])


# ----- fiscal lines with two parts ---------------------------------------------------------------
@settings(max_examples=300)
@given(coupon_parts())
def test_fiscal_lines_carry_the_whole_discount_and_both_parts_exactly(
    case: tuple[list[ReceiptLine], dict[int, Decimal], Decimal],
) -> None:
    lines, coupon, redeem = case
    discounts = allocate_discounts(lines, coupon, redeem)
    printed = []
    for line in lines:
        found = discounts[line.line_no]
        parts = fiscal_lines(line, found)
        printed += parts
        assert sum((p.amount for p in parts), ZERO) == line.amount - found.total
        assert sum((p.discount for p in parts), ZERO) == found.total
        assert sum((p.coupon_discount for p in parts), ZERO) == found.coupon
        assert sum((p.points_discount for p in parts), ZERO) == found.points
        assert sum((p.quantity for p in parts), Decimal(0)) == line.quantity
        for part in parts:
            assert part.coupon_discount >= 0 and part.points_discount >= 0
            assert part.coupon_discount + part.points_discount == part.discount
            assert part.coupon_discount == part.coupon_discount.quantize(CENT)
            if whole_units(line):
                assert part.amount == part.quantity * part.price
                if found.total:
                    assert part.price >= CENT
                    if line.min_price is not None:
                        assert part.price >= line.min_price
    assert sum((p.amount for p in printed), ZERO) == sum((l.amount for l in lines), ZERO) - redeem - sum(
        coupon.values(), ZERO
    )
    assert sum((p.coupon_discount for p in printed), ZERO) == sum(coupon.values(), ZERO)
    assert sum((p.points_discount for p in printed), ZERO) == redeem


def test_a_discount_part_that_cannot_be_printed_is_refused() -> None:
    line = ReceiptLine(1, "A", "A", Decimal(2), Decimal("1.00"), Decimal("2.00"))
    for bad in (
        LineDiscount(coupon=Decimal("-0.01"), points=Decimal("0.50")),
        LineDiscount(coupon=Decimal("0.50"), points=Decimal("-0.01")),
        LineDiscount(coupon=Decimal("0.005")),
        LineDiscount(coupon=Decimal("1.50"), points=Decimal("0.51")),
    ):
        with pytest.raises(AllocationError):
            fiscal_lines(line, bad)


# ----- real figures ------------------------------------------------------------------------------
COFFEE = ReceiptLine(1, "4810001000017", "Кофе в зёрнах", Decimal(1), Decimal("15.90"), Decimal("15.90"))
MILK = ReceiptLine(2, "4810001000024", "Молоко 3,2%", Decimal(2), Decimal("2.49"), Decimal("4.98"))
CIGARETTES = ReceiptLine(
    3, "4810001000055", "Сигареты", Decimal(1), Decimal("5.40"), Decimal("5.40"), redeem_allowed=False
)


def test_ten_percent_off_coffee_then_three_points() -> None:
    """−10% on coffee (1.59, the service's figure), then 3.00 points over what is left.

    Points by what the coupon left: coffee 14.31, milk 4.98: 300 × 1431 / 1929 = 222.55 and
    300 × 498 / 1929 = 77.45 kopecks; the last kopeck to coffee's larger remainder.
    """
    lines = [COFFEE, MILK, CIGARETTES]
    discounts = allocate_discounts(lines, {1: Decimal("1.59")}, Decimal("3.00"))
    assert discounts == {
        1: LineDiscount(coupon=Decimal("1.59"), points=Decimal("2.23")),
        2: LineDiscount(coupon=ZERO, points=Decimal("0.77")),
        3: LineDiscount(coupon=ZERO, points=ZERO),
    }
    (coffee,) = fiscal_lines(COFFEE, discounts[1])
    assert (coffee.amount, coffee.discount, coffee.coupon_discount, coffee.points_discount) == (
        Decimal("12.08"), Decimal("3.82"), Decimal("1.59"), Decimal("2.23")
    )
    milk = fiscal_lines(MILK, discounts[2])  # 4.21 over two units: 2.10 and 2.11
    assert [(p.quantity, p.price, p.discount, p.coupon_discount) for p in milk] == [
        (Decimal(1), Decimal("2.10"), Decimal("0.39"), ZERO),
        (Decimal(1), Decimal("2.11"), Decimal("0.38"), ZERO),
    ]
    (cigarettes,) = fiscal_lines(CIGARETTES, discounts[3])
    assert (cigarettes.amount, cigarettes.discount) == (Decimal("5.40"), ZERO)


def test_five_off_the_receipt_spread_then_one_point() -> None:
    """5.00 off the whole receipt by line amount (89.97 : 2.70), cigarettes excluded, then 1.00 points.

    Coupon: 500 × 8997 / 9267 = 485.43, 500 × 270 / 9267 = 14.57: bread's larger remainder takes
    the last kopeck. Points on 85.12 and 2.55: 97.09 and 2.91: bread again.
    """
    coffee = ReceiptLine(1, "C", "Кофе", Decimal(3), Decimal("29.99"), Decimal("89.97"))
    bread = ReceiptLine(2, "B", "Хлеб", Decimal(2), Decimal("1.35"), Decimal("2.70"))
    lines = [coffee, bread, CIGARETTES]
    coupon = spread_coupon(lines, Decimal("5.00"))
    assert coupon == {1: Decimal("4.85"), 2: Decimal("0.15"), 3: ZERO}
    discounts = allocate_discounts(lines, coupon, Decimal("1.00"))
    assert discounts[1] == LineDiscount(Decimal("4.85"), Decimal("0.97"))
    assert discounts[2] == LineDiscount(Decimal("0.15"), Decimal("0.03"))
    (coffee_line,) = fiscal_lines(coffee, discounts[1])  # 84.15 = 3 × 28.05: no split
    assert (coffee_line.quantity, coffee_line.price, coffee_line.discount) == (
        Decimal(3), Decimal("28.05"), Decimal("5.82")
    )


def test_a_split_line_shares_the_coupon_part_by_each_printed_line_s_discount() -> None:
    """3 × 29.99 less 0.70 coupon and 0.30 points prints as 1 × 29.65 (0.34) and 2 × 29.66 (0.66);
    the coupon's 0.70 goes 23.8 : 46.2 kopecks, the first part's larger remainder taking the odd one."""
    coffee = ReceiptLine(1, "C", "Кофе", Decimal(3), Decimal("29.99"), Decimal("89.97"))
    parts = fiscal_lines(coffee, LineDiscount(coupon=Decimal("0.70"), points=Decimal("0.30")))
    assert [(p.quantity, p.price, p.discount, p.coupon_discount, p.points_discount) for p in parts] == [
        (Decimal(1), Decimal("29.65"), Decimal("0.34"), Decimal("0.24"), Decimal("0.10")),
        (Decimal(2), Decimal("29.66"), Decimal("0.66"), Decimal("0.46"), Decimal("0.20")),
    ]


def test_a_weighed_line_at_its_floor_passes_the_coupon_on_and_points_fill_the_rest() -> None:
    """0.750 kg of cheese at 24.00 with a floor of 20.00 a kilo can lose 3.00; a 10.00 coupon over
    it and coffee clamps the cheese there and puts 7.00 on coffee, which then takes 8.89 points
    down to its last kopeck, and not one more."""
    cheese = ReceiptLine(
        4, "W", "Сыр", Decimal("0.750"), Decimal("24.00"), Decimal("18.00"), min_price=Decimal("20.00")
    )
    lines = [COFFEE, cheese]
    coupon = spread_coupon(lines, Decimal("10.00"))
    assert coupon == {1: Decimal("7.00"), 4: Decimal("3.00")}
    discounts = allocate_discounts(lines, coupon, Decimal("8.89"))
    assert discounts == {1: LineDiscount(Decimal("7.00"), Decimal("8.89")), 4: LineDiscount(Decimal("3.00"), ZERO)}
    (cheese_line,) = fiscal_lines(cheese, discounts[4])
    assert (cheese_line.quantity, cheese_line.amount, cheese_line.coupon_discount) == (
        Decimal("0.750"), Decimal("15.00"), Decimal("3.00")
    )
    with pytest.raises(AllocationError):
        allocate_discounts(lines, coupon, Decimal("8.90"))


def test_a_coupon_on_a_line_that_excludes_discounts_is_refused() -> None:
    with pytest.raises(AllocationError):
        coupon_by_line([COFFEE, CIGARETTES], {3: Decimal("0.54")})
    assert spread_coupon([COFFEE, CIGARETTES], Decimal("1.00"), {1, 3}) == {1: Decimal("1.00"), 3: ZERO}
    with pytest.raises(AllocationError):
        spread_coupon([COFFEE, CIGARETTES], Decimal("0.01"), {3})
    with pytest.raises(AllocationError):
        spread_coupon([COFFEE], Decimal("0.01"), {9})
