"""The program rules: tiers, accrual, redemption limits, confirmation, and `calculate`."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client import rules
from loyalty_client.errors import CustomerBlocked, InvalidRequest, NotActivated, RedeemLimitExceeded
from loyalty_client.types import CustomerStatus, NextTier, Program, ProgramTier
from tests.unit.receipt_strategies import receipts

BRONZE = ProgramTier("bronze", "Бронза", D("3.00"), D("0.00"))
SILVER = ProgramTier("silver", "Серебро", D("5.00"), D("500.00"))
GOLD = ProgramTier("gold", "Золото", D("10.00"), D("1500.00"))
PROGRAM = Program(
    name="Клуб друзей",
    currency="BYN",
    point_value=D("1.00"),
    max_redeem_percent=D("50.00"),
    confirmation_threshold=D("20.00"),
    tiers=(SILVER, GOLD, BRONZE),  # out of order on purpose
    version="1",
)


def line(no: int, amount: str, quantity: str = "1", **flags: object) -> ReceiptLine:
    qty = D(quantity)
    return ReceiptLine(
        line_no=no,
        sku=f"SKU{no}",
        name=f"Товар {no}",
        quantity=qty,
        price=(D(amount) / qty).quantize(D("0.01")),
        amount=D(amount),
        **flags,  # type: ignore[arg-type]
    )


def receipt(*lines: ReceiptLine) -> Receipt:
    return Receipt("R1", "001", "01", datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc), tuple(lines))


@pytest.mark.parametrize(
    ("bought", "tier"),
    [("0.00", BRONZE), ("499.99", BRONZE), ("500.00", SILVER), ("812.40", SILVER), ("1500.00", GOLD), ("99999.00", GOLD)],
)
def test_tier_for_picks_the_highest_threshold_reached(bought: str, tier: ProgramTier) -> None:
    assert rules.tier_for(PROGRAM, D(bought)) == tier


def test_next_tier_tells_what_is_left_to_buy() -> None:
    assert rules.next_tier(PROGRAM, D("812.40")) == NextTier("gold", "Золото", D("1500.00"), D("687.60"))
    assert rules.next_tier(PROGRAM, D("0.00")) == NextTier("silver", "Серебро", D("500.00"), D("500.00"))
    assert rules.next_tier(PROGRAM, D("1500.00")) is None


def test_accrual_is_cut_down_to_the_kopeck_after_discount() -> None:
    item = line(1, "10.99")
    assert rules.line_accrual(item, D("0.00"), D("5.00")) == D("0.54")  # 0.5495
    assert rules.line_accrual(item, D("5.00"), D("5.00")) == D("0.29")  # 5.99 * 5 % = 0.2995
    assert rules.line_accrual(item, D("0.00"), D("3.00")) == D("0.32")  # 0.3297


def test_no_accrual_on_excluded_lines() -> None:
    tobacco = line(1, "12.00", accrual_allowed=False)
    assert rules.line_accrual(tobacco, D("0.00"), D("10.00")) == D("0.00")


def test_max_redeem_is_limited_by_balance() -> None:
    lines = (line(1, "100.00"),)
    assert rules.max_redeem(PROGRAM, lines, D("12.34")) == D("12.34")


def test_max_redeem_is_limited_by_percent_of_eligible_amount() -> None:
    lines = (line(1, "100.01"), line(2, "50.00", redeem_allowed=False))
    assert rules.max_redeem(PROGRAM, lines, D("1000.00")) == D("50.00")  # 50.005 cut down


def test_max_redeem_is_limited_by_line_floors() -> None:
    lines = (line(1, "10.00", min_price=D("9.00")),)
    assert rules.max_redeem(PROGRAM, lines, D("1000.00")) == D("1.00")


def test_max_redeem_converts_points_by_their_value() -> None:
    program = Program(**{**PROGRAM.__dict__, "point_value": D("0.10")})
    lines = (line(1, "100.00"),)
    assert rules.max_redeem(program, lines, D("125.55")) == D("12.55")
    assert rules.points_for_redeem(program, D("12.55")) == D("125.50")
    assert rules.points_for_redeem(program, D("0.01")) == D("0.10")


def test_not_activated_and_blocked_members_cannot_spend() -> None:
    lines = (line(1, "100.00"),)
    assert rules.max_redeem(PROGRAM, lines, D("10.00"), CustomerStatus.NOT_ACTIVATED) == D("0.00")
    assert rules.max_redeem(PROGRAM, lines, D("10.00"), CustomerStatus.BLOCKED) == D("0.00")


@pytest.mark.parametrize(("redeem", "needed"), [("0.00", False), ("19.99", False), ("20.00", True), ("500.00", True)])
def test_confirmation_from_the_threshold(redeem: str, needed: bool) -> None:
    assert rules.confirmation_required(PROGRAM, D(redeem)) is needed


def test_no_confirmation_when_threshold_is_zero() -> None:
    program = Program(**{**PROGRAM.__dict__, "confirmation_threshold": D("0.00")})
    assert rules.confirmation_required(program, D("500.00")) is False


def test_calculate_quote_without_redemption() -> None:
    calc = rules.calculate(PROGRAM, receipt(line(1, "60.00"), line(2, "40.00")), SILVER, D("125.50"))
    assert calc.redeem == D("0.00")
    assert calc.max_redeem == D("50.00")
    assert calc.accrual == D("5.00")
    assert [(a.line_no, a.discount, a.accrual) for a in calc.lines] == [
        (1, D("0.00"), D("3.00")),
        (2, D("0.00"), D("2.00")),
    ]
    assert calc.confirmation_required is False
    assert any("SMS" in message for message in calc.messages)


def test_calculate_allocates_redemption_and_earns_on_the_rest() -> None:
    calc = rules.calculate(
        PROGRAM, receipt(line(1, "60.00"), line(2, "40.00"), line(3, "10.00", redeem_allowed=False)), GOLD, D("840.00"), D("30.00")
    )
    assert calc.redeem == D("30.00")
    assert [(a.line_no, a.discount, a.accrual) for a in calc.lines] == [
        (1, D("18.00"), D("4.20")),
        (2, D("12.00"), D("2.80")),
        (3, D("0.00"), D("1.00")),
    ]
    assert calc.accrual == D("8.00")
    assert calc.confirmation_required is True
    assert sum(a.discount for a in calc.lines) == calc.redeem


def test_calculate_refuses_more_than_the_maximum() -> None:
    with pytest.raises(RedeemLimitExceeded, match="50,00"):
        rules.calculate(PROGRAM, receipt(line(1, "100.00")), GOLD, D("840.00"), D("50.01"))
    with pytest.raises(RedeemLimitExceeded, match="на счёте"):
        rules.calculate(PROGRAM, receipt(line(1, "100.00")), GOLD, D("10.00"), D("10.01"))


def test_calculate_not_activated_earns_but_cannot_spend() -> None:
    quote = rules.calculate(PROGRAM, receipt(line(1, "100.00")), BRONZE, D("10.00"), None, CustomerStatus.NOT_ACTIVATED)
    assert quote.max_redeem == D("0.00")
    assert quote.accrual == D("3.00")
    assert rules.MSG_NOT_ACTIVATED in quote.messages
    with pytest.raises(NotActivated):
        rules.calculate(PROGRAM, receipt(line(1, "100.00")), BRONZE, D("10.00"), D("1.00"), CustomerStatus.NOT_ACTIVATED)


def test_calculate_blocked_member_cannot_spend() -> None:
    with pytest.raises(CustomerBlocked):
        rules.calculate(PROGRAM, receipt(line(1, "100.00")), BRONZE, D("50.00"), D("1.00"), CustomerStatus.BLOCKED)


@pytest.mark.parametrize("requested", ["-1.00", "1.001"])
def test_calculate_refuses_malformed_amounts(requested: str) -> None:
    with pytest.raises(InvalidRequest):
        rules.calculate(PROGRAM, receipt(line(1, "100.00")), GOLD, D("840.00"), D(requested))


def test_calculate_refuses_duplicate_line_numbers() -> None:
    with pytest.raises(InvalidRequest):
        rules.calculate(PROGRAM, receipt(line(1, "10.00"), line(1, "20.00")), GOLD, D("840.00"))


@settings(max_examples=200, deadline=None)
@given(receipts(), st.sampled_from([BRONZE, SILVER, GOLD]), st.sampled_from(list(CustomerStatus)),
       st.integers(0, 10_000_00).map(lambda cents: D(cents) / 100), st.sampled_from([None, D("0.00"), D("0")]))
def test_unredeemed_lines_are_what_calculate_allocates_when_nothing_is_redeemed(
    lines: list[ReceiptLine], tier: ProgramTier, status: CustomerStatus, spendable: D, requested: D | None
) -> None:
    sale = receipt(*lines)

    assert rules.unredeemed_lines(sale, tier, status) == rules.calculate(PROGRAM, sale, tier, spendable, requested, status).lines


def test_unredeemed_lines_earn_nothing_on_excluded_lines_and_refuse_a_receipt_as_calculate_does() -> None:
    sale = receipt(line(1, "10.00"), line(2, "20.00", accrual_allowed=False))

    assert [(item.discount, item.accrual) for item in rules.unredeemed_lines(sale, SILVER)] == [
        (D("0.00"), D("0.50")), (D("0.00"), D("0.00"))
    ]
    assert [item.accrual for item in rules.unredeemed_lines(sale, SILVER, CustomerStatus.BLOCKED)] == [D("0"), D("0")]
    for broken in (receipt(), receipt(line(1, "1.00"), line(1, "2.00"))):
        with pytest.raises(InvalidRequest):
            rules.unredeemed_lines(broken, SILVER)
