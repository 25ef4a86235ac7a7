"""Coupons before points over random receipts (loyalty_client.sandbox.offer_rules): every discount
is its coupon part plus its points part, floors and exclusions hold, each coupon's result adds up,
a percent never takes more than its percent from a line, and the same input gives the same answer."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from fiscal.allocation import line_floor
from fiscal.money import ZERO
from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client.sandbox.offer_rules import CouponCheck, OfferRule, calculate, split
from loyalty_client.types import CouponRefusal, CustomerStatus, OfferKind, Program, ProgramTier

TODAY = date(2026, 12, 5)
TIER = ProgramTier("silver", "Серебро", D("5.00"), D("0.00"))
PROGRAM = Program("Клуб", "BYN", D("1.00"), D("50.00"), D("20.00"), (TIER,), "1")
SKUS = ("A", "B", "C", "D")
CATEGORIES = {"A": "coffee", "B": "coffee", "C": "dairy"}


@st.composite
def receipts(draw: st.DrawFn) -> Receipt:
    lines = []
    for number in range(1, draw(st.integers(1, 6)) + 1):
        quantity = draw(st.sampled_from([D("1"), D("2"), D("3"), D("0.750")]))
        price = draw(st.decimals(D("0.01"), D("80.00"), places=2))
        amount = (price * quantity).quantize(D("0.01"))
        min_price = draw(st.none() | st.decimals(D("0.00"), price, places=2))
        lines.append(ReceiptLine(number, draw(st.sampled_from(SKUS)), "x", quantity, price, amount,
                                 draw(st.booleans()), draw(st.booleans()), min_price))
    return Receipt("R", "001", "01", datetime(2026, 12, 5, tzinfo=timezone.utc), tuple(lines))


@st.composite
def coupons(draw: st.DrawFn, code: str) -> CouponCheck:
    kind = draw(st.sampled_from(OfferKind))
    value = draw(st.decimals(D("0.01"), D("100.00") if kind is not OfferKind.EXTRA_POINTS_MULTIPLIER else D("5.00"), places=2))
    rule = OfferRule(
        offer_id=f"O-{code}", title=code, coupon_code=code, owner_id="C1", kind=kind, value=value,
        valid_until=TODAY, min_amount=draw(st.none() | st.decimals(D("0.00"), D("50.00"), places=2)),
        skus=frozenset(draw(st.sets(st.sampled_from(SKUS), max_size=2))),
        categories=frozenset(draw(st.sets(st.sampled_from(["coffee", "dairy"]), max_size=1))),
    )
    return CouponCheck(code, rule, draw(st.none() | st.just(CouponRefusal.HELD)))


@settings(max_examples=150, deadline=None)
@given(receipts(), st.lists(st.integers(1, 9), min_size=1, max_size=3, unique=True), st.data())
def test_coupons_then_points(receipt: Receipt, numbers: list[int], data: st.DataObject) -> None:
    checks = [data.draw(coupons(f"99{n}")) for n in numbers]
    quote = calculate(PROGRAM, receipt, TIER, D("500.00"), None, CustomerStatus.ACTIVE, checks, "C1", TODAY, CATEGORIES)
    redeem = data.draw(st.decimals(ZERO, quote.max_redeem, places=2))
    calc = calculate(PROGRAM, receipt, TIER, D("500.00"), redeem, CustomerStatus.ACTIVE, checks, "C1", TODAY, CATEGORIES)
    assert calc == calculate(PROGRAM, receipt, TIER, D("500.00"), redeem, CustomerStatus.ACTIVE, checks, "C1", TODAY, CATEGORIES)

    by_line = {line.line_no: line for line in receipt.lines}
    for allocation in calc.lines:
        line = by_line[allocation.line_no]
        assert allocation.discount == allocation.coupon_discount + allocation.points_discount
        assert min(allocation.coupon_discount, allocation.points_discount, allocation.accrual) >= ZERO
        if not line.redeem_allowed:
            assert allocation.discount == ZERO
        elif allocation.discount > ZERO:
            assert line.amount - allocation.discount >= line_floor(line)
    assert sum(a.points_discount for a in calc.lines) == calc.redeem == redeem
    assert [result.code for result in calc.coupons] == [check.code for check in checks]
    applied = [result for result in calc.coupons if result.applied]
    assert sum(a.coupon_discount for a in calc.lines) == sum(result.discount for result in applied)
    assert all((result.reason is None) == result.applied for result in calc.coupons)
    assert all(result.reason is CouponRefusal.HELD for result, check in zip(calc.coupons, checks) if check.state)
    plain = calculate(PROGRAM, receipt, TIER, D("500.00"), None, CustomerStatus.ACTIVE, [], "C1", TODAY, CATEGORIES)
    assert calc.accrual - sum(result.extra_accrual for result in applied) <= plain.accrual
    if len(checks) == 1 and applied and checks[0].rule.kind is OfferKind.PERCENT_OFF:  # type: ignore[union-attr]
        percent = checks[0].rule.value  # type: ignore[union-attr]
        assert all(a.coupon_discount <= by_line[a.line_no].amount * min(percent, D(100)) / 100 for a in calc.lines)


@given(st.decimals(ZERO, D("1000.00"), places=2), st.lists(st.decimals(ZERO, D("99.99"), places=2), max_size=6))
def test_split_is_exact_and_proportional(total: D, weights: list[D]) -> None:
    parts = split(total, dict(enumerate(weights)))
    if any(weight > ZERO for weight in weights):
        assert sum(parts.values()) == total
        whole = sum(weights)
        assert all(abs(parts[i] - total * weights[i] / whole) < D("0.01") for i in parts)
    else:
        assert parts == {}
