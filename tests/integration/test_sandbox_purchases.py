"""The sandbox over real HTTP: calculation, reservation, commit, cancel and refund, with replays."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest
from lxml import etree

from loyalty_client.sandbox import RunningSandbox, SandboxClock
from loyalty_client.sandbox.demo import ANNA, IVAN, MARIA, PETR
from tests.backends import ON_EVERY_DATABASE
from tests.integration.sandbox_soap import Fault, Line, SoapTill, amount, text

pytestmark = [pytest.mark.integration, ON_EVERY_DATABASE]

DEMO_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
TL = {"tl": "urn:till-loyalty:v1"}
BASKET = (Line(1, "60.00", quantity="3"), Line(2, "40.00"))  # Ivan, gold 10 %


@pytest.fixture
def sandbox_clock() -> SandboxClock:
    return SandboxClock(DEMO_NOW)


@pytest.fixture
def till(sandbox: RunningSandbox) -> SoapTill:
    return SoapTill(sandbox.url)


def lines_of(element: etree._Element) -> list[tuple[int, D, D]]:
    return [
        (int(line.findtext("tl:lineNo", namespaces=TL)), D(line.findtext("tl:discount", namespaces=TL)),
         D(line.findtext("tl:accrual", namespaces=TL)))
        for line in element.iterfind("tl:lines/tl:line", TL)
    ]


def balance(till: SoapTill, customer_card_or_phone: str) -> tuple[D, D, D]:
    kind = "card" if customer_card_or_phone.startswith("2") else "phone"
    found = till.identify(kind, customer_card_or_phone).find("tl:customer/tl:balance", TL)
    return amount(found, "tl:spendable"), amount(found, "tl:pending"), amount(found, "tl:total")


def code_for(sandbox: RunningSandbox, till: SoapTill, customer_id: str, redeem: str) -> str:
    till.send_code("redeem", customer_id=customer_id, amount=redeem)
    return sandbox.last_code(customer_id=customer_id).code


def fault_of(call, *args, **kwargs) -> Fault:  # type: ignore[no-untyped-def]
    with pytest.raises(Fault) as raised:
        call(*args, **kwargs)
    assert raised.value.faultcode == "soap:Client" and raised.value.retryable is False
    assert raised.value.message
    return raised.value


# ----- CalculatePurchase ------------------------------------------------------------------------


def test_calculate_quote(till: SoapTill) -> None:
    calc = till.calculate(IVAN.customer_id, BASKET)
    assert amount(calc, "tl:accrual") == D("10.00")
    assert amount(calc, "tl:maxRedeem") == D("50.00")
    assert amount(calc, "tl:redeem") == D("0.00")
    assert lines_of(calc) == [(1, D("0.00"), D("6.00")), (2, D("0.00"), D("4.00"))]
    assert text(calc, "tl:confirmationRequired") == "false"


def test_calculate_with_redemption_allocates_and_earns_on_the_rest(till: SoapTill) -> None:
    calc = till.calculate(IVAN.customer_id, BASKET + (Line(3, "5.40", redeem_allowed=False, accrual_allowed=False),), "30.00")
    assert amount(calc, "tl:redeem") == D("30.00")
    assert lines_of(calc) == [(1, D("18.00"), D("4.20")), (2, D("12.00"), D("2.80")), (3, D("0.00"), D("0.00"))]
    assert amount(calc, "tl:accrual") == D("7.00")
    assert text(calc, "tl:confirmationRequired") == "true"


def test_calculate_respects_line_floors(till: SoapTill) -> None:
    calc = till.calculate(IVAN.customer_id, (Line(1, "12.50", min_price="9.00"),))
    assert amount(calc, "tl:maxRedeem") == D("3.50")


def test_calculate_faults(till: SoapTill) -> None:
    assert fault_of(till.calculate, IVAN.customer_id, BASKET, "50.01").code == "REDEEM_LIMIT_EXCEEDED"
    assert fault_of(till.calculate, "C9999", BASKET).code == "CUSTOMER_NOT_FOUND"
    assert fault_of(till.calculate, PETR.customer_id, BASKET).code == "CUSTOMER_BLOCKED"
    assert fault_of(till.calculate, MARIA.customer_id, BASKET, "1.00").code == "NOT_ACTIVATED"
    quote = till.calculate(MARIA.customer_id, BASKET)
    assert amount(quote, "tl:maxRedeem") == D("0.00")
    assert amount(quote, "tl:accrual") == D("3.00")
    duplicate = (Line(1, "10.00"), Line(1, "20.00"))
    assert fault_of(till.calculate, IVAN.customer_id, duplicate).code == "INVALID_REQUEST"


# ----- ReservePurchase --------------------------------------------------------------------------


def test_reserve_below_threshold_needs_no_code_and_holds_points(till: SoapTill) -> None:
    reservation = till.reserve("T-1", ANNA.customer_id, (Line(1, "100.00"),), "19.99")
    assert text(reservation, "tl:transactionId") == "T-1"
    assert amount(reservation, "tl:redeem") == D("19.99")
    assert lines_of(reservation) == [(1, D("19.99"), D("4.00"))]
    assert datetime.fromisoformat(text(reservation, "tl:expiresAt")) == DEMO_NOW + timedelta(minutes=15)
    assert balance(till, ANNA.phone) == (D("105.51"), D("14.20"), D("139.70"))


def test_reserve_from_threshold_needs_the_right_code(sandbox: RunningSandbox, till: SoapTill) -> None:
    assert fault_of(till.reserve, "T-1", IVAN.customer_id, BASKET, "20.00").code == "CONFIRMATION_REQUIRED"
    good = code_for(sandbox, till, IVAN.customer_id, "20.00")
    wrong = "000000" if good != "000000" else "111111"
    assert fault_of(till.reserve, "T-1", IVAN.customer_id, BASKET, "20.00", wrong).code == "CONFIRMATION_INVALID"
    # a code is tied to its amount
    assert fault_of(till.reserve, "T-1", IVAN.customer_id, BASKET, "25.00", good).code == "CONFIRMATION_INVALID"
    reservation = till.reserve("T-1", IVAN.customer_id, BASKET, "20.00", good)
    assert amount(reservation, "tl:redeem") == D("20.00")
    assert sum(d for _, d, _ in lines_of(reservation)) == D("20.00")
    # a used code does not work twice
    assert fault_of(till.reserve, "T-2", IVAN.customer_id, BASKET, "20.00", good).code == "CONFIRMATION_INVALID"


def test_redeem_code_expires_after_300_seconds(sandbox: RunningSandbox, till: SoapTill) -> None:
    good = code_for(sandbox, till, IVAN.customer_id, "30.00")
    sandbox.clock.advance(301)
    assert fault_of(till.reserve, "T-1", IVAN.customer_id, BASKET, "30.00", good).code == "CONFIRMATION_INVALID"


def test_reserve_checks_the_balance_left_after_other_reservations(sandbox: RunningSandbox, till: SoapTill) -> None:
    big = (Line(1, "300.00"),)
    till.reserve("T-1", ANNA.customer_id, big, "100.00", code_for(sandbox, till, ANNA.customer_id, "100.00"), receipt_id="R-1")
    code = code_for(sandbox, till, ANNA.customer_id, "30.00")
    denied = fault_of(till.reserve, "T-2", ANNA.customer_id, big, "30.00", code, receipt_id="R-2")
    assert denied.code == "INSUFFICIENT_BALANCE"
    assert "25,50" in denied.message
    assert balance(till, ANNA.phone)[0] == D("25.50")


def test_reserve_limits_and_statuses(till: SoapTill) -> None:
    assert fault_of(till.reserve, "T-1", IVAN.customer_id, BASKET, "50.01").code == "REDEEM_LIMIT_EXCEEDED"
    assert fault_of(till.reserve, "T-1", MARIA.customer_id, BASKET, "5.00").code == "NOT_ACTIVATED"
    assert fault_of(till.reserve, "T-1", PETR.customer_id, BASKET, "5.00").code == "CUSTOMER_BLOCKED"
    assert fault_of(till.reserve, "T-1", "C9999", BASKET, "5.00").code == "CUSTOMER_NOT_FOUND"


def test_reserve_replay_returns_the_stored_result(sandbox: RunningSandbox, till: SoapTill) -> None:
    code = code_for(sandbox, till, IVAN.customer_id, "30.00")
    first = till.reserve("T-1", IVAN.customer_id, BASKET, "30.00", code)
    sandbox.clock.advance(60)
    again = till.reserve("T-1", IVAN.customer_id, BASKET, "30.00", code)
    assert etree.tostring(again) == etree.tostring(first)
    assert balance(till, IVAN.card_number)[0] == D("810.00")
    assert fault_of(till.reserve, "T-1", IVAN.customer_id, BASKET, "19.00").code == "INVALID_REQUEST"


def test_expired_reservation_releases_its_points(sandbox: RunningSandbox, till: SoapTill) -> None:
    big = (Line(1, "300.00"),)
    till.reserve("T-1", ANNA.customer_id, big, "100.00", code_for(sandbox, till, ANNA.customer_id, "100.00"))
    assert balance(till, ANNA.phone)[0] == D("25.50")
    sandbox.clock.advance(timedelta(minutes=15, seconds=1))
    assert balance(till, ANNA.phone)[0] == D("125.50")
    # another till may now spend them; the late commit of the expired reservation then fails
    till.reserve("T-2", ANNA.customer_id, big, "100.00", code_for(sandbox, till, ANNA.customer_id, "100.00"), receipt_id="R-2")
    assert fault_of(till.commit, "T-1", ANNA.customer_id, big, "100.00").code == "INSUFFICIENT_BALANCE"
    till.commit("T-2", ANNA.customer_id, big, "100.00", receipt_id="R-2")
    assert balance(till, ANNA.phone)[0] == D("25.50")


def test_commit_after_expiry_goes_through_when_the_balance_still_allows(sandbox: RunningSandbox, till: SoapTill) -> None:
    till.reserve("T-1", IVAN.customer_id, BASKET, "30.00", code_for(sandbox, till, IVAN.customer_id, "30.00"))
    sandbox.clock.advance(timedelta(hours=1))
    result = till.commit("T-1", IVAN.customer_id, BASKET, "30.00")
    assert amount(result, "tl:redeemed") == D("30.00")
    assert amount(result, "tl:balance/tl:spendable") == D("810.00")


# ----- CommitPurchase ---------------------------------------------------------------------------


def test_commit_a_reserved_purchase(sandbox: RunningSandbox, till: SoapTill) -> None:
    till.reserve("T-1", IVAN.customer_id, BASKET, "30.00", code_for(sandbox, till, IVAN.customer_id, "30.00"))
    result = till.commit("T-1", IVAN.customer_id, BASKET, "30.00")
    assert text(result, "tl:transactionId") == "T-1"
    assert amount(result, "tl:accrued") == D("7.00")
    assert amount(result, "tl:redeemed") == D("30.00")
    assert amount(result, "tl:balance/tl:spendable") == D("810.00")
    assert amount(result, "tl:balance/tl:pending") == D("7.00")  # pending for the 14-day return window
    assert amount(result, "tl:balance/tl:total") == D("817.00")
    assert len(result.findall("tl:offers/tl:offer", TL)) == 2
    assert balance(till, IVAN.card_number) == (D("810.00"), D("7.00"), D("817.00"))
    sandbox.clock.advance(timedelta(days=14))
    assert balance(till, IVAN.card_number) == (D("817.00"), D("0.00"), D("817.00"))


def test_commit_replay_returns_the_stored_result_and_changes_nothing(sandbox: RunningSandbox, till: SoapTill) -> None:
    till.reserve("T-1", IVAN.customer_id, BASKET, "30.00", code_for(sandbox, till, IVAN.customer_id, "30.00"))
    first = till.commit("T-1", IVAN.customer_id, BASKET, "30.00")
    again = till.commit("T-1", IVAN.customer_id, BASKET, "30.00")
    assert etree.tostring(again) == etree.tostring(first)
    assert balance(till, IVAN.card_number) == (D("810.00"), D("7.00"), D("817.00"))
    changed = fault_of(till.commit, "T-1", IVAN.customer_id, BASKET, "30.00", document="101")
    assert changed.code == "INVALID_REQUEST"


def test_commit_must_match_its_reservation(sandbox: RunningSandbox, till: SoapTill) -> None:
    till.reserve("T-1", IVAN.customer_id, BASKET, "30.00", code_for(sandbox, till, IVAN.customer_id, "30.00"))
    assert fault_of(till.commit, "T-1", IVAN.customer_id, BASKET, "29.00").code == "INVALID_REQUEST"
    other_receipt = (Line(1, "60.00", quantity="3"), Line(2, "41.00"))
    assert fault_of(till.commit, "T-1", IVAN.customer_id, other_receipt, "30.00").code == "INVALID_REQUEST"
    assert balance(till, IVAN.card_number)[0] == D("810.00")  # still held, nothing spent


def test_offline_commit_without_reservation(till: SoapTill) -> None:
    earned = till.commit("T-OFF-1", ANNA.customer_id, (Line(1, "100.00"),), "0.00", offline=True)
    assert amount(earned, "tl:accrued") == D("5.00")
    assert amount(earned, "tl:balance/tl:pending") == D("19.20")
    spent = till.commit("T-OFF-2", ANNA.customer_id, (Line(1, "100.00"),), "15.00", offline=True, receipt_id="R-2")
    assert amount(spent, "tl:redeemed") == D("15.00")
    assert amount(spent, "tl:balance/tl:spendable") == D("110.50")
    too_much = fault_of(till.commit, "T-OFF-3", ANNA.customer_id, (Line(1, "400.00"),), "150.00", offline=True)
    assert too_much.code == "INSUFFICIENT_BALANCE"
    over_percent = fault_of(till.commit, "T-OFF-4", ANNA.customer_id, (Line(1, "8.00"),), "5.00", offline=True)
    assert over_percent.code == "REDEEM_LIMIT_EXCEEDED"  # at most half of the receipt


def test_not_activated_member_earns_but_cannot_spend_at_commit(till: SoapTill) -> None:
    assert fault_of(till.commit, "T-1", MARIA.customer_id, BASKET, "5.00").code == "NOT_ACTIVATED"
    result = till.commit("T-2", MARIA.customer_id, BASKET, "0.00")
    assert amount(result, "tl:accrued") == D("3.00")
    assert amount(result, "tl:balance/tl:spendable") == D("10.00")


def test_purchases_move_a_member_up_a_tier(till: SoapTill) -> None:
    till.commit("T-1", ANNA.customer_id, (Line(1, "700.00"),), "0.00")
    customer = till.identify("phone", ANNA.phone).find("tl:customer", TL)
    assert text(customer, "tl:tier/tl:code") == "gold"
    assert customer.find("tl:nextTier", TL) is None


# ----- CancelPurchase ---------------------------------------------------------------------------


def test_cancel_a_reservation(sandbox: RunningSandbox, till: SoapTill) -> None:
    till.reserve("T-1", IVAN.customer_id, BASKET, "30.00", code_for(sandbox, till, IVAN.customer_id, "30.00"))
    cancelled = till.cancel("T-1")
    assert text(cancelled, "tl:cancelled") == "true"
    assert amount(cancelled, "tl:balance/tl:spendable") == D("840.00")
    assert etree.tostring(till.cancel("T-1")) == etree.tostring(cancelled)
    assert fault_of(till.commit, "T-1", IVAN.customer_id, BASKET, "30.00").code == "INVALID_REQUEST"
    assert balance(till, IVAN.card_number) == (D("840.00"), D("0.00"), D("840.00"))


def test_cancel_a_committed_purchase_reverses_it(sandbox: RunningSandbox, till: SoapTill) -> None:
    till.reserve("T-1", IVAN.customer_id, BASKET, "30.00", code_for(sandbox, till, IVAN.customer_id, "30.00"))
    till.commit("T-1", IVAN.customer_id, BASKET, "30.00")
    cancelled = till.cancel("T-1")
    assert text(cancelled, "tl:cancelled") == "true"
    assert balance(till, IVAN.card_number) == (D("840.00"), D("0.00"), D("840.00"))
    assert etree.tostring(till.cancel("T-1")) == etree.tostring(cancelled)
    assert balance(till, IVAN.card_number) == (D("840.00"), D("0.00"), D("840.00"))
    assert fault_of(till.refund, "RF-1", "T-1", [(2, "1")]).code == "REFUND_EXCEEDS_PURCHASE"


def test_cancel_unknown_transaction(till: SoapTill) -> None:
    assert fault_of(till.cancel, "T-404").code == "TRANSACTION_NOT_FOUND"


# ----- RefundPurchase ---------------------------------------------------------------------------


def buy_basket(sandbox: RunningSandbox, till: SoapTill) -> None:
    till.reserve("T-1", IVAN.customer_id, BASKET, "30.00", code_for(sandbox, till, IVAN.customer_id, "30.00"))
    till.commit("T-1", IVAN.customer_id, BASKET, "30.00")  # line 1: 18.00 off, earns 4.20; line 2: 12.00, 2.80


def test_refund_in_parts_reverses_in_proportion(sandbox: RunningSandbox, till: SoapTill) -> None:
    buy_basket(sandbox, till)
    first = till.refund("RF-1", "T-1", [(1, "1")])
    assert text(first, "tl:refundId") == "RF-1"
    assert amount(first, "tl:accrualReversed") == D("1.40")
    assert amount(first, "tl:redeemReturned") == D("6.00")
    assert amount(first, "tl:balance/tl:spendable") == D("816.00")
    assert amount(first, "tl:balance/tl:pending") == D("5.60")
    second = till.refund("RF-2", "T-1", [(1, "2"), (2, "1")])
    assert amount(second, "tl:accrualReversed") == D("5.60")
    assert amount(second, "tl:redeemReturned") == D("24.00")
    assert balance(till, IVAN.card_number) == (D("840.00"), D("0.00"), D("840.00"))
    exceeded = fault_of(till.refund, "RF-3", "T-1", [(1, "1")])
    assert exceeded.code == "REFUND_EXCEEDS_PURCHASE"
    assert "Позиция 1" in exceeded.message


def test_refund_replay_and_conflicting_content(sandbox: RunningSandbox, till: SoapTill) -> None:
    buy_basket(sandbox, till)
    first = till.refund("RF-1", "T-1", [(2, "1")])
    again = till.refund("RF-1", "T-1", [(2, "1")])
    assert etree.tostring(again) == etree.tostring(first)
    assert balance(till, IVAN.card_number) == (D("822.00"), D("4.20"), D("826.20"))
    assert fault_of(till.refund, "RF-1", "T-1", [(1, "1")]).code == "INVALID_REQUEST"


def test_refund_faults(sandbox: RunningSandbox, till: SoapTill) -> None:
    assert fault_of(till.refund, "RF-1", "T-404", [(1, "1")]).code == "TRANSACTION_NOT_FOUND"
    buy_basket(sandbox, till)
    assert fault_of(till.refund, "RF-2", "T-1", [(9, "1")]).code == "INVALID_REQUEST"
    assert fault_of(till.refund, "RF-3", "T-1", [(1, "3.001")]).code == "REFUND_EXCEEDS_PURCHASE"
    assert fault_of(till.refund, "RF-4", "T-1", [(1, "1"), (1, "1")]).code == "INVALID_REQUEST"


def test_refunds_of_uneven_shares_add_up_exactly(till: SoapTill) -> None:
    lines = (Line(1, "10.00", quantity="3"), Line(2, "10.00", quantity="3"))
    till.reserve("T-1", ANNA.customer_id, lines, "3.33")
    till.commit("T-1", ANNA.customer_id, lines, "3.33")
    returned = D("0")
    reversed_ = D("0")
    for n in range(3):
        result = till.refund(f"RF-{n}", "T-1", [(1, "1"), (2, "1")])
        returned += amount(result, "tl:redeemReturned")
        reversed_ += amount(result, "tl:accrualReversed")
    assert returned == D("3.33")
    assert reversed_ == D("0.82")  # all the purchase earned: 5 % of 8.33 and of 8.34, cut down
    assert balance(till, ANNA.phone) == (D("125.50"), D("14.20"), D("139.70"))


def test_cancel_after_a_partial_refund_reverses_the_rest(sandbox: RunningSandbox, till: SoapTill) -> None:
    buy_basket(sandbox, till)
    till.refund("RF-1", "T-1", [(1, "1")])
    till.cancel("T-1")
    assert balance(till, IVAN.card_number) == (D("840.00"), D("0.00"), D("840.00"))
