"""The refund share rule the sandbox reverses with and the till estimates with: returning a purchase
in parts reverses exactly what one full return does, never more, to the kopeck."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from fiscal.money import ZERO, money
from loyalty_client.refund_share import SoldLine, return_share, share

CENTS = st.integers(min_value=0, max_value=50_000).map(lambda cents: Decimal(cents) / 100)


@st.composite
def purchases(draw):
    count = draw(st.integers(min_value=1, max_value=4))
    lines = []
    for number in range(1, count + 1):
        quantity = Decimal(draw(st.integers(min_value=1, max_value=5000))) / 1000
        amount = draw(CENTS)
        discount = min(amount, draw(CENTS))
        lines.append(SoldLine(number, quantity, amount, discount, draw(CENTS)))
    redeem = money(sum((line.discount for line in lines), ZERO))
    points = money(redeem / draw(st.sampled_from([Decimal("1"), Decimal("0.5"), Decimal("0.1")])))
    # each line returned in up to three parts, in a random order of parts
    parts = []
    for line in lines:
        cuts = sorted(draw(st.lists(st.integers(min_value=0, max_value=int(line.quantity * 1000)), max_size=2)))
        bounds = [0, *cuts, int(line.quantity * 1000)]
        parts += [(line.line_no, Decimal(b - a) / 1000) for a, b in zip(bounds, bounds[1:]) if b > a]
    return lines, redeem, points, draw(st.permutations(parts))


@settings(max_examples=200, deadline=None)
@given(purchases())
def test_returns_in_parts_add_up_to_one_full_return(purchase) -> None:
    lines, redeem, points, parts = purchase
    whole = return_share(lines, points, redeem, {}, {line.line_no: line.quantity for line in lines})
    assert whole.accrual == sum((line.accrual for line in lines), ZERO)
    assert whole.points == points
    returned: dict[int, Decimal] = {}
    total = [ZERO, ZERO, ZERO]
    for number, quantity in parts:
        part = return_share(lines, points, redeem, dict(returned), {number: quantity})
        assert part.accrual >= ZERO and part.points >= ZERO
        total = [total[0] + part.accrual, total[1] + part.points, total[2] + part.paid]
        returned[number] = returned.get(number, ZERO) + quantity
    assert total == [whole.accrual, whole.points, whole.paid]


def test_a_share_is_rounded_half_up_to_the_kopeck_and_whole_at_the_end() -> None:
    assert share(Decimal("1.00"), Decimal("1"), Decimal("3")) == Decimal("0.33")
    assert share(Decimal("1.00"), Decimal("2"), Decimal("3")) == Decimal("0.67")
    assert share(Decimal("1.00"), Decimal("3"), Decimal("3")) == Decimal("1.00")
    assert share(Decimal("1.00"), ZERO, Decimal("3")) == ZERO
