"""Spending points offline under the capped policy, against the real sandbox and the real journal.

The till identifies the customer online once (cached), the service goes away, and the checkout
works from the cache: spending waits for the admin's approval, stays within the day's limit and
within the cached balance less what this till spent and the service has not counted yet.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import update

from app.offline.balance_refresh import BalanceKeepingSync
from app.checkout.session import Phase
from app.offline.redemption import OfflineRedemptionPolicy
from app.offline.outbox_sync import OutboxSync
from cache.customer_cache import CustomerCache
from fiscal.money import format_money
from loyalty_client.codes import make_app_qr
from loyalty_client.sandbox import start_sandbox
from loyalty_client.sandbox.demo import ANNA as ANNA_DEMO
from loyalty_client.sandbox.storage.models import ProgramRow
from loyalty_client.soap.client import SoapLoyaltyService
from tests.integration.test_checkout_flow import ANNA, Till, spendable

COFFEE = "Кофе зерновой 250 г"
ANNA_E164 = "+375291234567"
ANNA_SPENDABLE = Decimal("125.50")


def capped(limit: str) -> OfflineRedemptionPolicy:
    return OfflineRedemptionPolicy.from_setting("capped", Decimal(limit))


def an_hour_on() -> datetime:
    """The till's clock an hour later: every retry the outage scheduled is due."""
    return datetime.now(timezone.utc) + timedelta(hours=1)


@pytest.fixture
def make_till(sandbox, tmp_path):
    tills: list[Till] = []

    def make(policy: OfflineRedemptionPolicy) -> Till:
        till = Till(sandbox.url, tmp_path / "till.sqlite", offline_policy=policy)
        tills.append(till)
        return till

    yield make
    for till in tills:
        till.database.close()


def program_allows_offline(sandbox, limit: str) -> None:
    """Raise the program's own daily offline limit (the demo's 20.00) before a till fetches it."""
    with sandbox.engine.begin() as connection:
        connection.execute(update(ProgramRow).values(offline_redeem_limit=Decimal(limit)))


def port_of(sandbox) -> int:
    return int(sandbox.url.rsplit(":", 1)[1].strip("/"))


def seen_then_offline(sandbox, till: Till, text: str = ANNA) -> int:
    """Identify the customer online (the till caches them), then take the service away."""
    assert till.checkout.identify(text).customer_as_of is None
    till.checkout.reset_customer()
    port = port_of(sandbox)
    sandbox.stop()
    return port


def spend_offline(till: Till, amount: str):
    state = till.checkout.set_redeem(Decimal(amount))
    assert state.redeem == Decimal(amount), state.notice
    state = till.checkout.close_receipt()
    assert state.phase is Phase.AWAITING_APPROVAL
    state = till.checkout.approve_offline_redemption()
    assert state.phase is Phase.AWAITING_PAYMENT, state.notice
    state = till.checkout.payment_received()
    assert state.phase is Phase.CLOSED
    return state


def test_offline_spending_waits_for_approval_is_recorded_and_delivered_once(sandbox, make_till) -> None:
    till = make_till(capped("20"))
    port = seen_then_offline(sandbox, till)
    till.sell(*[COFFEE] * 4)  # 63.60: half of it (31.80) is more than the day's limit

    state = till.checkout.identify("80291234567")
    assert state.customer_as_of is not None, "identified from the cache"
    assert state.redeem == 0, "offline nothing is spent unless the cashier asks"
    assert state.calculation.max_redeem == Decimal("20.00"), "the day's limit"
    assert state.can_redeem
    assert "admin PIN" in state.notice.text and format_money(Decimal("20.00"), "BYN") in state.notice.text

    state = till.checkout.set_redeem(Decimal("15"))
    assert state.redeem == Decimal("15.00") and sum(state.discounts.values()) == Decimal("15.00")
    state = till.checkout.close_receipt()
    assert state.phase is Phase.AWAITING_APPROVAL
    assert format_money(Decimal("15.00"), "BYN") in state.notice.text
    assert till.checkout.close_receipt().phase is Phase.AWAITING_APPROVAL, "closing again does not skip the PIN"
    state = till.checkout.approve_offline_redemption()
    assert state.phase is Phase.AWAITING_PAYMENT
    assert state.to_pay == Decimal("63.60") - Decimal("15.00")
    state = till.checkout.payment_received()
    assert state.phase is Phase.CLOSED and state.sale.redeem == Decimal("15.00")
    (item,) = till.sync.outbox.items()
    assert item.payload["offline"] is True and item.payload["redeem"] == "15.00"
    _, lines = till.registrar.printed[-1]
    assert sum(line.discount for line in lines) == Decimal("15.00"), "the fiscal receipt carries the discount"

    back = start_sandbox(sandbox.db_url, port=port, clock=sandbox.clock)
    try:
        later = OutboxSync(till.database, SoapLoyaltyService(back.url, timeout_seconds=5), clock=an_hour_on)
        report = later.drain()
        assert report.done == 1 and report.reports[0].result.redeemed == Decimal("15.00")
        assert later.drain().done == 0, "delivered once"
        assert spendable(back, ANNA_E164) == ANNA_SPENDABLE - Decimal("15.00")
    finally:
        back.stop()


def test_the_days_limit_counts_what_was_already_spent_offline(sandbox, make_till) -> None:
    till = make_till(capped("20"))
    seen_then_offline(sandbox, till)
    till.sell(*[COFFEE] * 4)
    till.checkout.identify(ANNA)
    spend_offline(till, "15")

    till.checkout.new_receipt(till.host.new())
    till.sell(*[COFFEE] * 4)
    state = till.checkout.identify(ANNA)
    assert state.calculation.max_redeem == Decimal("5.00"), "20.00 a day, 15.00 spent"
    state = till.checkout.set_redeem(Decimal("10"))
    assert state.redeem == Decimal("5.00"), "clamped to what is left"
    spend_offline(till, "5")

    till.checkout.new_receipt(till.host.new())
    till.sell(*[COFFEE] * 4)
    state = till.checkout.identify(ANNA)
    assert not state.can_redeem and state.calculation.max_redeem == 0
    assert "cannot be spent now" in state.notice.text


def test_the_programs_offline_limit_caps_a_more_generous_till(sandbox, make_till) -> None:
    till = make_till(capped("1000"))  # the program (GetProgram, then the cache) says 20.00
    seen_then_offline(sandbox, till)
    till.sell(*[COFFEE] * 20)
    state = till.checkout.identify(ANNA)
    assert state.customer_as_of is not None
    assert state.calculation.max_redeem == Decimal("20.00"), "what the service would accept offline today"


def test_points_this_till_spent_are_held_against_the_cached_balance(sandbox, make_till) -> None:
    program_allows_offline(sandbox, "1000")
    till = make_till(capped("1000"))
    till.sell(*[COFFEE] * 4)
    till.checkout.identify(ANNA)  # cached with 125.50 spendable
    assert till.checkout.set_redeem(Decimal("19")).redeem == Decimal("19.00")  # below the code threshold
    assert till.checkout.close_receipt().phase is Phase.AWAITING_PAYMENT
    assert till.checkout.payment_received().phase is Phase.CLOSED  # recorded, not yet delivered
    sandbox.stop()

    till.checkout.new_receipt(till.host.new())
    till.sell(*[COFFEE] * 20)  # half of 318.00 is more than Anna has
    state = till.checkout.identify(ANNA)
    assert state.customer.balance.spendable == ANNA_SPENDABLE, "the cached balance, as seen before the sale"
    assert state.calculation.max_redeem == ANNA_SPENDABLE - Decimal("19.00"), "the undelivered sale is held"
    spend_offline(till, str(ANNA_SPENDABLE - Decimal("19.00")))

    till.checkout.new_receipt(till.host.new())
    till.sell(*[COFFEE] * 4)
    state = till.checkout.identify(ANNA)
    assert state.calculation.max_redeem == 0, "the same cached points cannot be spent twice"


def test_delivered_sales_refresh_the_cached_balance_and_release_their_holds(sandbox, make_till, tmp_path) -> None:
    program_allows_offline(sandbox, "1000")
    till = make_till(capped("1000"))
    till.sell(*[COFFEE] * 4)
    till.checkout.identify(ANNA)
    till.checkout.set_redeem(Decimal("10"))
    till.checkout.close_receipt()
    till.checkout.payment_received()
    cache = CustomerCache(till.database, b"k" * 32)
    sync = BalanceKeepingSync(OutboxSync(till.database, SoapLoyaltyService(sandbox.url, timeout_seconds=5)), cache)
    report = sync.drain()
    assert report.done == 1
    reported = report.reports[0].result.balance
    assert reported.spendable == ANNA_SPENDABLE - Decimal("10.00")
    sandbox.stop()

    till.checkout.new_receipt(till.host.new())
    till.sell(*[COFFEE] * 20)
    state = till.checkout.identify(ANNA)
    assert state.customer.balance == reported, "identification offline shows what the service last reported"
    assert state.calculation.max_redeem == reported.spendable, "a delivered sale is no longer held"


def test_a_customer_identified_offline_by_app_qr_cannot_spend(sandbox, make_till) -> None:
    till = make_till(capped("20"))
    seen_then_offline(sandbox, till, make_app_qr(ANNA_DEMO.account, ANNA_DEMO.totp_secret, sandbox.clock.now()))
    till.sell(*[COFFEE] * 4)
    fresh = make_app_qr(ANNA_DEMO.account, ANNA_DEMO.totp_secret, sandbox.clock.now() + timedelta(minutes=1))
    state = till.checkout.identify(fresh)
    assert state.customer.display_name == "Анна Ковалёва" and state.customer_as_of is not None
    assert not state.can_redeem, "a rotating QR the service has not checked proves nothing"
    assert till.checkout.set_redeem(Decimal("5")).redeem == 0
    till.checkout.close_receipt()
    assert till.checkout.payment_received().phase is Phase.CLOSED, "the sale goes on, with accrual"


def test_declined_approval_goes_back_to_the_receipt_with_nothing_spent(sandbox, make_till) -> None:
    till = make_till(capped("20"))
    seen_then_offline(sandbox, till)
    till.sell(*[COFFEE] * 4)
    till.checkout.identify(ANNA)
    till.checkout.set_redeem(Decimal("10"))
    assert till.checkout.close_receipt().phase is Phase.AWAITING_APPROVAL
    state = till.checkout.decline_offline_redemption()
    assert state.phase is Phase.IDENTIFIED and state.redeem == 0 and not state.discounts
    assert "not approved" in state.notice.text
    assert till.checkout.approve_offline_redemption().phase is Phase.IDENTIFIED, "nothing waits for approval now"
    till.checkout.close_receipt()
    state = till.checkout.payment_received()
    assert state.phase is Phase.CLOSED and state.sale.redeem == 0


def test_the_default_policy_refuses_spending_offline(sandbox, make_till) -> None:
    till = make_till(OfflineRedemptionPolicy())
    seen_then_offline(sandbox, till)
    till.sell(*[COFFEE] * 4)
    state = till.checkout.identify(ANNA)
    assert not state.can_redeem and state.calculation.max_redeem == 0
    assert till.checkout.set_redeem(Decimal("5")).redeem == 0


@pytest.mark.parametrize(
    ("mode", "limit", "allowed"),
    [("refuse", "20", False), ("capped", "0", False), ("capped", "20", True), (" Capped ", "7.5", True)],
)
def test_the_policy_comes_from_the_settings_values(mode: str, limit: str, allowed: bool) -> None:
    policy = OfflineRedemptionPolicy.from_setting(mode, Decimal(limit))
    assert policy.allowed is allowed
    if allowed:
        assert policy.limit_per_day == Decimal(limit).quantize(Decimal("0.01"))


@pytest.mark.parametrize(("mode", "limit"), [("sometimes", "20"), ("capped", "-1")])
def test_a_wrong_policy_setting_is_refused(mode: str, limit: str) -> None:
    with pytest.raises(ValueError):
        OfflineRedemptionPolicy.from_setting(mode, Decimal(limit))
