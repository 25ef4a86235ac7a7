"""The checkout state machine against the real sandbox over HTTP, with the real local journal.

No window: this is the path the till's controller runs on its worker thread.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from app.checkout.session import CheckoutSession, Phase
from app.demo.host import DEMO_PRODUCTS, DemoReceiptBuilder
from app.checkout.identify_input import identifier_parser
from app.checkout.notices import Severity
from app.offline.store import CachedOfflineStore
from app.offline.outbox_sync import OutboxSync
from app.checkout.recorder import OutboxRecorder
from cache.database import open_database
from cache.tables import OutboxState
from fiscal.demo_registrar import DemoRegistrar
from loyalty_client.sandbox import start_sandbox
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import CommitResult, Identifier, IdentifierKind

ANNA = "+375 29 123-45-67"
PRODUCTS = {p.name: p.sku for p in DEMO_PRODUCTS}


class Till:
    """A headless till: checkout session, host receipt, journal and outbox sync."""

    def __init__(self, url: str, db_path: Path, **session_options) -> None:
        self.database = open_database(db_path)
        self.host = DemoReceiptBuilder("001", "01")
        self.registrar = DemoRegistrar()
        self.checkout = CheckoutSession(
            SoapLoyaltyService(url, timeout_seconds=5),
            OutboxRecorder(self.database),
            self.registrar,
            identifier_parser("BY"),
            store_id="001",
            till_id="01",
            currency="RUB",
            offline=CachedOfflineStore(self.database, b"k" * 32),
            **session_options,
        )
        self.checkout.load_program()
        self.sync = OutboxSync(self.database, SoapLoyaltyService(url, timeout_seconds=5))

    def sell(self, *names: str):
        state = None
        for name in names:
            state = self.checkout.update_receipt(self.host.add(PRODUCTS[name]))
        return state


@pytest.fixture
def till(sandbox, tmp_path):
    till = Till(sandbox.url, tmp_path / "till.sqlite")
    yield till
    till.database.close()


def spendable(sandbox, phone: str) -> Decimal:
    return sandbox.service.identify(Identifier(IdentifierKind.PHONE, phone), "001", "01").balance.spendable


def test_identify_quote_redeem_with_code_pay_and_deliver(sandbox, till) -> None:
    till.sell("Кофе зерновой 250 г", "Кофе зерновой 250 г", "Молоко 3,2% 1 л", "Сигареты")
    state = till.checkout.identify(ANNA)
    assert state.phase is Phase.IDENTIFIED
    assert state.customer.display_name == "Анна Ковалёва"
    assert state.customer.masked_phone == "+375 29 ***-**-67"
    # eligible 34.29 (cigarettes excluded): at most 50% -> 17.14, below the code threshold
    assert state.calculation.max_redeem == Decimal("17.14")
    assert state.redeem == Decimal("17.14"), "the redemption defaults to the maximum"
    assert state.discounts.get(3, Decimal(0)) == 0, "no redemption on cigarettes"
    assert sum(state.discounts.values()) == state.redeem
    assert state.to_pay == state.total - Decimal("17.14")

    state = till.checkout.close_receipt()
    assert state.phase is Phase.AWAITING_PAYMENT, state.notice
    before = spendable(sandbox, "+375291234567")
    assert before == Decimal("125.50") - Decimal("17.14"), "the reservation holds the points"

    state = till.checkout.close_receipt()  # payment received
    assert state.phase is Phase.CLOSED
    assert till.sync.outbox.counts()[OutboxState.PENDING] == 1, "recorded before delivery"
    report = till.sync.drain()
    assert report.done == 1
    result = report.reports[0].result
    assert isinstance(result, CommitResult)
    assert result.transaction_id == state.sale.transaction_id
    assert result.redeemed == Decimal("17.14")
    assert result.accrued == state.sale.expected_accrual
    document, lines = till.registrar.printed[-1]
    assert document == state.sale.fiscal
    assert sum(line.discount for line in lines) == Decimal("17.14")


def test_a_redemption_from_the_threshold_needs_the_code_the_customer_received(sandbox, till) -> None:
    till.sell(*["Подарочная карта"], *["Кофе зерновой 250 г"] * 4)
    state = till.checkout.identify("2000000000015")  # Anna's card
    assert state.redeem >= Decimal("20.00")
    state = till.checkout.close_receipt()
    assert state.phase is Phase.AWAITING_CODE
    assert state.confirmation.sent_to == "+375 29 ***-**-67"

    state = till.checkout.confirm_code("000000" if sandbox.last_code().code != "000000" else "111111")
    assert state.phase is Phase.AWAITING_CODE
    assert state.notice.severity is Severity.ERROR

    state = till.checkout.confirm_code(sandbox.last_code().code)
    assert state.phase is Phase.AWAITING_PAYMENT
    state = till.checkout.payment_received()
    assert state.phase is Phase.CLOSED
    assert till.sync.drain().done == 1
    assert spendable(sandbox, "+375291234567") == Decimal("125.50") - state.sale.redeem


def test_voiding_a_reserved_receipt_releases_the_points(sandbox, till) -> None:
    till.sell("Кофе зерновой 250 г", "Шоколад горький")
    till.checkout.identify(ANNA)
    state = till.checkout.set_redeem(Decimal("5"))
    assert state.redeem == Decimal("5.00")
    state = till.checkout.close_receipt()
    assert state.phase is Phase.AWAITING_PAYMENT
    assert spendable(sandbox, "+375291234567") == Decimal("120.50")

    state = till.checkout.void_receipt(till.host.new())
    assert state.phase is Phase.NO_CUSTOMER
    assert state.receipt.lines == ()
    assert till.sync.drain().done == 1, "the cancellation goes through the outbox"
    assert spendable(sandbox, "+375291234567") == Decimal("125.50")


def test_changing_the_receipt_while_awaiting_payment_releases_and_requotes(sandbox, till) -> None:
    till.sell("Кофе зерновой 250 г")
    till.checkout.identify(ANNA)
    till.checkout.set_redeem(Decimal("3"))
    till.checkout.close_receipt()
    state = till.sell("Шоколад горький")
    assert state.phase is Phase.IDENTIFIED
    assert state.redeem == Decimal("3.00"), "the cashier's chosen amount is kept"
    till.sync.drain()
    assert spendable(sandbox, "+375291234567") == Decimal("125.50")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("+375 29 555-55-55", "Customer not found"),
        ("+375 44 700-00-01", "blocked"),
        ("2000000000016", "check digit"),
        ("hello", "Unknown code"),
        ("", "Type a phone"),
    ],
)
def test_identification_failures_keep_the_receipt_and_say_why(sandbox, till, text, expected) -> None:
    till.sell("Молоко 3,2% 1 л")
    state = till.checkout.identify(text)
    assert state.phase is Phase.NO_CUSTOMER
    assert state.notice.severity is Severity.ERROR
    assert expected in state.notice.text
    assert len(state.receipt.lines) == 1


def test_a_not_activated_card_earns_but_cannot_redeem(sandbox, till) -> None:
    till.sell("Кофе зерновой 250 г")
    state = till.checkout.identify("+375 25 111-22-33")
    assert state.customer.status.value == "not_activated"
    assert state.redeem == Decimal("0.00")
    assert not state.can_redeem
    assert state.notice.severity is Severity.WARNING
    assert state.calculation.accrual > 0
    till.checkout.close_receipt()
    state = till.checkout.close_receipt()
    assert state.phase is Phase.CLOSED
    report = till.sync.drain()
    assert report.reports[0].result.accrued == state.sale.expected_accrual


def test_service_down_mid_flow_loses_nothing(sandbox, till) -> None:
    till.sell("Кофе зерновой 250 г")
    till.checkout.identify(ANNA)
    till.checkout.set_redeem(Decimal("0"))
    till.checkout.close_receipt()
    sandbox.stop()
    state = till.checkout.close_receipt()
    assert state.phase is Phase.CLOSED, "a sale without redemption needs no service to close"
    report = till.sync.drain()
    assert report.offline and report.done == 0
    counts = till.sync.outbox.counts()
    assert counts[OutboxState.PENDING] == 1, "kept for a later try"


def test_the_program_comes_from_the_service_and_sets_the_currency(sandbox, till) -> None:
    assert till.checkout.state.currency == "BYN"
    assert till.checkout.state.online is True


def test_offline_a_known_customer_is_identified_from_the_cache_and_the_sale_is_delivered_later(
    sandbox, till, tmp_path
) -> None:
    till.checkout.identify(ANNA)  # seen online once: cached
    till.checkout.reset_customer()
    port = int(sandbox.url.rsplit(":", 1)[1].strip("/"))
    sandbox.stop()

    till.sell("Кофе зерновой 250 г", "Сигареты")
    state = till.checkout.identify("80291234567")
    assert state.phase is Phase.IDENTIFIED and state.online is False
    assert state.customer.display_name == "Анна Ковалёва"
    assert state.customer_as_of is not None
    assert state.notice.severity is Severity.WARNING and "Loyalty service unavailable" in state.notice.text
    assert "Balance as of" not in state.notice.text, "the card says it: `customer_as_of`"
    assert state.notice.short == "Offline: no bonuses can be spent now.", "for the narrow panel"
    assert not state.can_redeem and state.redeem == 0
    assert state.calculation.accrual == Decimal("0.79"), "5% of 15.90 estimated with the cached rules"

    till.checkout.close_receipt()
    state = till.checkout.close_receipt()
    assert state.phase is Phase.CLOSED
    assert till.sync.drain().offline

    back = start_sandbox(sandbox.db_url, port=port, clock=sandbox.clock)
    an_hour_on = lambda: datetime.now(timezone.utc) + timedelta(hours=1)  # noqa: E731 (the retry is due)
    later = OutboxSync(till.database, SoapLoyaltyService(back.url, timeout_seconds=5), clock=an_hour_on)
    try:
        report = later.drain()
        assert report.done == 1
        assert report.reports[0].result.accrued == Decimal("0.79")
        assert later.outbox.items()[0].payload["offline"] is True
    finally:
        back.stop()


def test_a_customer_found_with_cache_later_is_cached_only_when_the_till_keeps_it(sandbox, till) -> None:
    cache = CachedOfflineStore(till.database, b"k" * 32)
    phone = Identifier(IdentifierKind.PHONE, "+375291234567")
    state = till.checkout.identify(ANNA, cache_later=True)
    assert state.phase is Phase.IDENTIFIED and state.customer.display_name == "Анна Ковалёва"
    assert cache.customer(phone) is None, "nothing written between the scan and the card shown"

    till.checkout.keep_seen_customers()
    cached = cache.customer(phone)
    assert cached is not None and cached[0] == state.customer
    till.checkout.keep_seen_customers()  # kept once: nothing is left to write


def test_offline_an_unknown_customer_is_refused_with_a_reason(sandbox, till) -> None:
    sandbox.stop()
    till.sell("Молоко 3,2% 1 л")
    state = till.checkout.identify("+375 33 765-43-21")
    assert state.phase is Phase.NO_CUSTOMER
    assert "not been seen at this till" in state.notice.text


def test_the_service_failing_after_identification_turns_the_sale_offline_without_redemption(sandbox, till) -> None:
    till.sell("Кофе зерновой 250 г")
    state = till.checkout.identify(ANNA)
    assert state.redeem > 0
    sandbox.stop()
    state = till.checkout.close_receipt()  # the reservation cannot be made
    assert state.phase is Phase.IDENTIFIED
    assert state.redeem == 0 and state.customer_as_of is not None
    assert state.notice.severity is Severity.WARNING
    till.checkout.close_receipt()
    assert till.checkout.close_receipt().phase is Phase.CLOSED


def test_the_customer_found_is_shown_before_the_quote_online_and_from_the_cache(sandbox, till) -> None:
    shown: list = []
    till.checkout.show_progress_with(shown.append)
    till.sell("Кофе зерновой 250 г")

    final = till.checkout.identify(ANNA)
    assert [s.customer.display_name for s in shown] == ["Анна Ковалёва"]
    assert shown[0].phase is Phase.IDENTIFIED and shown[0].calculation is None and shown[0].offers == ()
    assert final.calculation is not None and final.customer == shown[0].customer

    till.checkout.reset_customer()
    sandbox.stop()
    shown.clear()
    final = till.checkout.identify(ANNA)
    assert len(shown) == 1 and shown[0].customer_as_of is not None and shown[0].calculation is None
    warning = shown[0].notice
    assert warning is not None and warning.severity is Severity.WARNING, "the card comes with its warning"
    assert warning.text == "Loyalty service unavailable." and final.notice.text.startswith(warning.text)
    assert final.customer_as_of is not None and final.calculation is not None, "quoted by the till's own rules"
