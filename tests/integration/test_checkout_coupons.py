"""Coupons in the checkout against the real sandbox over HTTP, with the real local journal: a coupon
scanned before or after identification, what it gives or why not, removal, offline refusal, a
coupon with a points redemption on the same lines, its delivery, and a return of such a sale."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.checkout.coupon_texts import detail_text
from app.checkout.notices import Severity
from app.checkout.session import Phase
from app.returns.model import ReturnLine, ReturnRequest
from app.returns.service import ReturnsService
from app.shift.summary import Count, summarise
from app.shift.window import ShiftWindow
from cache.tables import Operation
from cache.transactions.journal import Journal
from fiscal.receipt import FiscalDocument
from loyalty_client.sandbox.demo import ANNA, IVAN, coupon_code
from loyalty_client.sandbox.storage.models import CouponUse
from loyalty_client.types import CouponRefusal
from tests.integration.test_checkout_flow import Till

ANNA_COFFEE_10 = coupon_code(1, 1)  # −10 % on coffee, personal
ANNA_DOUBLE_FROM_20 = coupon_code(1, 2)  # double points from 20.00, personal
IVAN_2_OFF_FROM_10 = coupon_code(2, 1)  # −2.00 from 10.00, not personal
IVAN_WINE_10_POINTS = coupon_code(2, 2)  # +10 points on wine, personal
ANNA_PHONE = "+375 29 123-45-67"


@pytest.fixture
def till(sandbox, tmp_path):
    made = Till(sandbox.url, tmp_path / "till.sqlite")
    yield made
    made.database.close()


def uses(sandbox, code: str) -> list[tuple[str, str]]:
    with Session(sandbox.engine) as session:
        rows = session.scalars(select(CouponUse).where(CouponUse.coupon_code == code))
        return [(row.transaction_id, row.state) for row in rows]


def only(state, code: str):
    found = [coupon for coupon in state.coupons if coupon.code == code]
    assert len(found) == 1, state.coupons
    return found[0]


def test_a_coupon_scanned_first_identifies_its_owner_and_combines_with_points(sandbox, till) -> None:
    till.sell("Кофе зерновой 250 г", "Молоко 3,2% 1 л", "Сигареты")
    state = till.checkout.identify(ANNA_COFFEE_10)
    assert state.phase is Phase.IDENTIFIED
    assert state.customer.customer_id == ANNA.customer_id, "the coupon named its owner"
    coupon = only(state, ANNA_COFFEE_10)
    assert coupon.applied and coupon.result.discount == D("1.59")
    assert detail_text(coupon) == "−1,59"
    assert state.coupon_discounts == {1: D("1.59")}
    assert state.redeem > 0, "the points are spent on what the coupon left"
    assert state.discount == D("1.59") + state.redeem
    assert state.notice.severity is Severity.SUCCESS

    state = till.checkout.close_receipt()
    assert state.phase is Phase.AWAITING_PAYMENT, state.notice
    assert uses(sandbox, ANNA_COFFEE_10)[0][1] == "held"
    state = till.checkout.payment_received()
    assert state.phase is Phase.CLOSED
    document, lines = till.registrar.printed[-1]
    assert sum(line.coupon_discount for line in lines) == D("1.59")
    assert sum(line.points_discount for line in lines) == state.redeem
    assert sum(line.amount for line in lines) == state.to_pay, "the printed lines add up to what was paid"

    payload = Journal(till.database).get(Operation.COMMIT, state.sale.transaction_id).payload
    assert payload["coupons"] == [ANNA_COFFEE_10]
    shift = ShiftWindow(datetime.now(timezone.utc) - timedelta(hours=1), datetime.now(timezone.utc) + timedelta(hours=1))
    assert summarise(till.database, shift).coupons == Count(1, 1), "the shift counts it, not confirmed yet"
    report = till.sync.drain()
    assert report.done == 1
    assert uses(sandbox, ANNA_COFFEE_10) == [(state.sale.transaction_id, "used")], "used once"
    assert till.sync.drain().done == 0
    assert summarise(till.database, shift).coupons == Count(1, 0), "confirmed once delivered"


def test_coupons_after_identification_applied_or_refused_with_the_reason_and_removed(sandbox, till) -> None:
    till.sell("Молоко 3,2% 1 л", "Вино столовое 0,75 л")  # 14.99
    state = till.checkout.identify(ANNA_PHONE)
    assert state.customer.customer_id == ANNA.customer_id
    assert {offer.coupon_code for offer in state.offers} == {ANNA_COFFEE_10, ANNA_DOUBLE_FROM_20}

    state = till.checkout.identify(ANNA_DOUBLE_FROM_20)
    refused = only(state, ANNA_DOUBLE_FROM_20)
    assert not refused.applied and refused.result.reason is CouponRefusal.MIN_AMOUNT
    assert detail_text(refused) == "valid on purchases from 20,00"
    assert state.notice.severity is Severity.WARNING

    state = till.checkout.add_coupon(IVAN_WINE_10_POINTS)
    assert only(state, IVAN_WINE_10_POINTS).result.reason is CouponRefusal.NOT_OWNER
    assert detail_text(only(state, IVAN_WINE_10_POINTS)) == "only for its owner"

    state = till.checkout.identify(IVAN_2_OFF_FROM_10)
    assert state.customer.customer_id == ANNA.customer_id, "a coupon anyone may use keeps the member"
    gift = only(state, IVAN_2_OFF_FROM_10)
    assert gift.applied and gift.result.discount == D("2.00")
    assert sum(state.coupon_discounts.values()) == D("2.00")

    state = till.checkout.remove_coupon(IVAN_2_OFF_FROM_10)
    assert [coupon.code for coupon in state.coupons] == [ANNA_DOUBLE_FROM_20, IVAN_WINE_10_POINTS]
    assert state.coupon_discounts == {}
    assert IVAN.customer_id not in {state.customer.customer_id}


def test_a_changed_redemption_after_closing_releases_the_coupon_for_this_receipt(sandbox, till) -> None:
    till.sell("Кофе зерновой 250 г", "Кофе зерновой 250 г")
    till.checkout.identify(ANNA_PHONE)
    till.checkout.add_coupon(ANNA_COFFEE_10)
    state = till.checkout.close_receipt()
    assert state.phase is Phase.AWAITING_PAYMENT, state.notice
    state = till.checkout.set_redeem(D("1.00"))
    coupon = only(state, ANNA_COFFEE_10)
    assert coupon.applied, f"not held against its own receipt: {coupon.result}"
    assert coupon.result.discount == D("3.18")
    state = till.checkout.close_receipt()
    assert state.phase is Phase.AWAITING_PAYMENT
    state = till.checkout.payment_received()
    assert state.sale.redeem == D("1.00")
    assert till.sync.drain().done >= 1
    assert uses(sandbox, ANNA_COFFEE_10) == [(state.sale.transaction_id, "used")]


def test_offline_a_coupon_is_refused_with_the_reason(tmp_path) -> None:
    dead = Till("http://127.0.0.1:9/loyalty", tmp_path / "till.sqlite")
    try:
        dead.sell("Кофе зерновой 250 г")
        state = dead.checkout.identify(ANNA_COFFEE_10)
        assert state.coupons == () and state.customer is None
        assert state.notice.severity is Severity.ERROR
        assert "offline" in state.notice.text
    finally:
        dead.database.close()


def test_offline_midway_the_coupon_stays_unapplied_and_the_sale_carries_none(sandbox, till) -> None:
    till.sell("Кофе зерновой 250 г")
    till.checkout.identify(ANNA_COFFEE_10)
    sandbox.stop()
    state = till.checkout.update_receipt(till.host.add("4810001000017"))
    assert state.customer_as_of is not None, "offline now"
    assert not only(state, ANNA_COFFEE_10).applied and state.coupon_discounts == {}
    assert "offline" in state.notice.text
    state = till.checkout.close_receipt()
    state = till.checkout.payment_received()
    assert state.phase is Phase.CLOSED
    payload = Journal(till.database).get(Operation.COMMIT, state.sale.transaction_id).payload
    assert "coupons" not in payload


def test_a_return_of_a_coupon_sale_gives_back_only_the_points_spent(sandbox, till) -> None:
    till.sell("Кофе зерновой 250 г", "Молоко 3,2% 1 л")
    till.checkout.identify(ANNA_COFFEE_10)
    till.checkout.set_redeem(D("5.00"))
    till.checkout.close_receipt()
    state = till.checkout.payment_received()
    assert state.phase is Phase.CLOSED
    assert state.redeem == D("5.00")
    payload = Journal(till.database).get(Operation.COMMIT, state.sale.transaction_id).payload
    coffee = [line for line in payload["allocation"]["lines"] if line["line_no"] == 1][0]
    assert D(coffee["coupon_discount"]) == D("1.59")
    assert D(coffee["points_discount"]) + D(coffee["coupon_discount"]) == D(coffee["discount"])

    returns = ReturnsService(till.database, till="01")
    everything = tuple(ReturnLine(line.line_no, line.quantity) for line in state.receipt.lines)
    answer = returns.make_return(
        ReturnRequest("R-1", state.receipt.receipt_id, FiscalDocument("900", datetime.now(timezone.utc)), everything)
    )
    assert answer.points_returned == D("5.00"), "the coupon's part gives no points back"
    till.sync.drain()


def test_a_hosts_receipt_with_a_coupon_awaiting_payment_outlives_a_restart_and_uses_it_once(
    sandbox, tmp_path
) -> None:
    from fiscal.receipt import ReceiptLine
    from tests.integration.test_host_checkout import PAID_AT, Till as HostTill

    coffee = [ReceiptLine(1, "4810001000031", "Кофе", D(1), D("15.90"), D("15.90"))]
    first = HostTill(sandbox.url, tmp_path / "till.sqlite")
    first.host.put("R-9", coffee)
    first.host.add_coupon("R-9", ANNA_COFFEE_10)
    state = first.host.close("R-9")
    assert state.phase is Phase.AWAITING_PAYMENT and state.coupon_discounts == {1: D("1.59")}
    shown = state
    first.close()

    again = HostTill(sandbox.url, tmp_path / "till.sqlite")
    try:
        resumed = again.resumed
        assert resumed.phase is Phase.AWAITING_PAYMENT
        assert [(c.code, c.applied) for c in resumed.coupons] == [(ANNA_COFFEE_10, True)]
        assert resumed.coupon_discounts == shown.coupon_discounts and resumed.discounts == shown.discounts
        closed = again.host.paid("R-9", FiscalDocument("77", PAID_AT))
        assert closed.phase is Phase.CLOSED
        payload = again.journal.get(Operation.COMMIT, closed.sale.transaction_id).payload
        assert payload["coupons"] == [ANNA_COFFEE_10]
        assert again.sync.drain().done == 1
        assert uses(sandbox, ANNA_COFFEE_10) == [(closed.sale.transaction_id, "used")]
    finally:
        again.close()


def test_a_service_that_takes_no_coupons_refuses_the_coupon_and_the_receipt_goes_on(tmp_path) -> None:
    from app.checkout.identify_input import identifier_parser
    from app.checkout.recorder import OutboxRecorder
    from app.checkout.session import CheckoutSession
    from app.demo.host import DemoReceiptBuilder
    from cache.database import open_database
    from fiscal.demo_registrar import DemoRegistrar
    from loyalty_client.retailcrm.fake_server import FakeRetailCrm
    from tests.integration.test_retailcrm_adapter import service

    database = open_database(tmp_path / "till.sqlite")
    try:
        with FakeRetailCrm() as fake:
            checkout = CheckoutSession(
                service(fake), OutboxRecorder(database), DemoRegistrar(), identifier_parser("BY"),
                store_id="001", till_id="01", currency="BYN",
            )
            checkout.update_receipt(DemoReceiptBuilder("001", "01").add("4810001000031"))
            quoted = checkout.identify(ANNA_PHONE)
            assert quoted.calculation is not None
            state = checkout.add_coupon(ANNA_COFFEE_10)
            assert state.coupons == () and state.notice.code == "NOT_SUPPORTED"
            assert "does not take coupons" in state.notice.text
            assert state.calculation == quoted.calculation, "the receipt is quoted as before"
    finally:
        database.close()
