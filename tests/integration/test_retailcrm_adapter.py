"""The RetailCRM adapter against the fake RetailCRM, over real HTTP on loopback.

Every till operation, the SMS confirmation, replays after lost answers (no second order, no
second charge), returns (whole: reversed; partial: refused, nothing changed), and each failure
typed: a wrong key, an unknown account (RetailCRM's HTML 405), a validation envelope, 503s, a
server that does not answer within the deadline, and a refused connection.
"""
from __future__ import annotations

import logging
import socket
import time
from datetime import datetime, timezone
from decimal import Decimal
from typing import Iterator

import pytest

from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.endpoints import loyalty_service_for, service_kind
from loyalty_client.errors import (
    AccountNotFound,
    ConfirmationInvalid,
    ConfirmationRequired,
    CustomerNotFound,
    InvalidCredentials,
    InvalidRequest,
    NotSupported,
    ServiceUnavailable,
    TransactionNotFound,
)
from loyalty_client.retailcrm.adapter import RetailCrmLoyaltyService
from loyalty_client.retailcrm.client import RequestRate, RetailCrmClient, parse_endpoint
from loyalty_client.retailcrm.fake_server import FakeRetailCrm
from loyalty_client.sandbox.demo import ANNA, IVAN, MARIA, PETR
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import ConfirmationPurpose, CustomerStatus, Identifier, IdentifierKind, RefundLine

pytestmark = pytest.mark.integration

D = Decimal
NOW = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)
FISCAL = FiscalDocument("42", NOW)


class Timeouts:
    connect_seconds = 1.0
    total_seconds = 3.0


class Hasty:
    connect_seconds = 0.3
    total_seconds = 0.5


def receipt(key: str = "R1") -> Receipt:
    return Receipt(
        key,
        "001",
        "01",
        NOW,
        (
            ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", D("2"), D("15.90"), D("31.80")),
            ReceiptLine(2, "4810001000042", "Хлеб", D("1"), D("2.10"), D("2.10")),
        ),
    )


@pytest.fixture
def fake() -> Iterator[FakeRetailCrm]:
    with FakeRetailCrm() as fake:
        yield fake


@pytest.fixture
def sms_fake() -> Iterator[FakeRetailCrm]:
    with FakeRetailCrm(confirm_sms_charge=True) as fake:
        yield fake


def service(
    fake: FakeRetailCrm, timeouts: object = Timeouts, key: str | None = None, *, rate_limited: bool = False
) -> RetailCrmLoyaltyService:
    """The adapter as the till builds it; without its 10-a-second limit unless asked (the fake
    has none unless told, and the limit would only make these tests slow)."""
    if rate_limited:
        made = loyalty_service_for(fake.url, key or fake.api_key, timeouts)  # type: ignore[arg-type]
        assert isinstance(made, RetailCrmLoyaltyService)
        return made
    client = RetailCrmClient(
        parse_endpoint(fake.url),
        key or fake.api_key,
        timeout_seconds=timeouts.total_seconds,  # type: ignore[attr-defined]
        connect_timeout_seconds=timeouts.connect_seconds,  # type: ignore[attr-defined]
        rate=RequestRate(limit=10_000),
    )
    return RetailCrmLoyaltyService(client)


def anna(svc: RetailCrmLoyaltyService) -> str:
    return svc.identify(Identifier(IdentifierKind.PHONE, ANNA.phone), "001", "01").customer_id


def charges(fake: FakeRetailCrm, kind: str = "charge_for_order") -> list[dict[str, str]]:
    return [op for op in fake.operations if op["type"] == kind]


# ----- endpoint and factory --------------------------------------------------------------------


def test_the_endpoint_scheme_picks_the_adapter_and_the_site_comes_from_the_address() -> None:
    assert parse_endpoint("retailcrm+https://shop.retailcrm.ru/?site=main").api_url == "https://shop.retailcrm.ru/api/v5/"
    assert parse_endpoint("retailcrm+https://shop.retailcrm.ru/?site=main").site == "main"
    with pytest.raises(ValueError, match="site"):
        parse_endpoint("retailcrm+https://shop.retailcrm.ru/")
    with pytest.raises(ValueError, match="test server"):
        parse_endpoint("retailcrm+http://shop.retailcrm.ru/?site=main")
    assert service_kind("https://loyalty.example/soap") == "soap"
    assert isinstance(loyalty_service_for("http://127.0.0.1:1/soap", None, Timeouts), SoapLoyaltyService)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="API key"):
        loyalty_service_for("retailcrm+https://shop.retailcrm.ru/?site=main", None, Timeouts)  # type: ignore[arg-type]


# ----- members and program ---------------------------------------------------------------------


def test_the_client_goes_through_the_proxy_the_environment_names(fake: FakeRetailCrm, monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment is read once per client, not per call: a proxy named there is still used."""
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{fake.port}")  # the fake answers a proxy's requests too
    nowhere = parse_endpoint(f"retailcrm+http://localhost:1/?site={fake.site}")  # nothing listens there
    client = RetailCrmClient(nowhere, fake.api_key, timeout_seconds=5, rate=RequestRate(limit=10_000))
    with RetailCrmLoyaltyService(client) as svc:
        assert svc.identify(Identifier(IdentifierKind.PHONE, ANNA.phone), "001", "01").customer_id == "1"
        assert svc.identify(Identifier(IdentifierKind.PHONE, ANNA.phone), "001", "01").customer_id == "1"
    assert fake.requests[-1] == ("GET", "/api/v5/loyalty/accounts")


def test_identify_by_phone_and_by_card_gives_the_demo_member_with_level_and_progress(fake: FakeRetailCrm) -> None:
    with service(fake) as svc:
        by_phone = svc.identify(Identifier(IdentifierKind.PHONE, ANNA.phone), "001", "01")
        by_card = svc.identify(Identifier(IdentifierKind.CARD, ANNA.card_number or ""), "001", "01")
        assert by_phone == by_card
        assert by_phone.display_name == ANNA.display_name
        assert by_phone.masked_phone == "+375 29 ***-**-67"
        assert by_phone.balance.spendable == ANNA.spendable
        assert by_phone.status is CustomerStatus.ACTIVE
        assert by_phone.tier.name == "Серебро" and by_phone.tier.accrual_percent == D("5.00")
        assert by_phone.next_tier is not None
        assert (by_phone.next_tier.name, by_phone.next_tier.remaining) == ("Золото", D("1500.00") - ANNA.purchases_12m)
        assert svc.identify(Identifier(IdentifierKind.PHONE, IVAN.phone), "001", "01").next_tier is None
        assert svc.identify(Identifier(IdentifierKind.PHONE, PETR.phone), "001", "01").status is CustomerStatus.BLOCKED
        assert svc.identify(Identifier(IdentifierKind.PHONE, MARIA.phone), "001", "01").status is CustomerStatus.NOT_ACTIVATED
        with pytest.raises(CustomerNotFound):
            svc.identify(Identifier(IdentifierKind.PHONE, "+375290000000"), "001", "01")
        with pytest.raises(NotSupported):
            svc.identify(Identifier(IdentifierKind.COUPON, "9900001000015"), "001", "01")


def test_the_program_has_the_levels_as_tiers_and_allows_no_offline_spending(fake: FakeRetailCrm) -> None:
    with service(fake) as svc:
        program = svc.get_program("001")
    assert program.name == "Клуб друзей" and program.currency == "BYN"
    assert [(t.name, t.accrual_percent, t.threshold) for t in program.tiers] == [
        ("Бронза", D("3.00"), D("0.00")),
        ("Серебро", D("5.00"), D("500.00")),
        ("Золото", D("10.00"), D("1500.00")),
    ]
    assert program.offline_redeem_limit == D("0.00")


def test_calculate_gives_accrual_maximum_and_a_per_line_allocation_that_adds_up(fake: FakeRetailCrm) -> None:
    with service(fake) as svc:
        member = anna(svc)
        plain = svc.calculate(member, receipt())
        assert plain.redeem == D("0.00")
        assert plain.max_redeem == D("16.95")  # half of 33.90, within Anna's 125.50
        assert plain.accrual == D("1.70")  # 5 % of 31.80 and of 2.10, per line
        spend = svc.calculate(member, receipt(), D("10.00"))
        assert spend.redeem == D("10.00")
        assert sum(line.discount for line in spend.lines) == D("10.00")
        assert [line.line_no for line in spend.lines] == [1, 2]
        assert spend.accrual == sum(line.accrual for line in spend.lines)
        too_much = svc.calculate(member, receipt(), D("50.00"))
        assert too_much.redeem == too_much.max_redeem == D("16.95")


# ----- a sale ------------------------------------------------------------------------------------


def test_reserve_then_commit_charges_once_and_credits_once(fake: FakeRetailCrm) -> None:
    with service(fake) as svc:
        member = anna(svc)
        reservation = svc.reserve("T-1", member, receipt(), D("10.00"))
        assert reservation.redeem == D("10.00") and sum(l.discount for l in reservation.lines) == D("10.00")
        order = fake.orders["T-1"]
        assert [i["externalIds"][0]["value"] for i in order.items] == ["1", "2"]
        result = svc.commit("T-1", member, receipt(), D("10.00"), FISCAL, False, NOW)
        assert (result.redeemed, result.accrued) == (D("10.00"), D("1.19"))
        assert result.balance.spendable == ANNA.spendable - D("10.00") + D("1.19")
        assert order.status == "complete"
        again = svc.commit("T-1", member, receipt(), D("10.00"), FISCAL, False, NOW)
        assert again.balance == result.balance
    assert len(fake.orders) == 1 and len(charges(fake)) == 1 and len(charges(fake, "credit_for_order")) == 1
    assert fake.balance_check()


def test_coupons_are_refused_never_ignored_and_nothing_is_sent_for_them(fake: FakeRetailCrm) -> None:
    with service(fake) as svc:
        member = anna(svc)
        coupon = ("9900001000010",)
        with pytest.raises(NotSupported, match="coupons are not supported"):
            svc.calculate(member, receipt(), coupons=coupon)
        with pytest.raises(NotSupported, match="coupons are not supported"):
            svc.reserve("T-cp", member, receipt(), D("0.00"), coupons=coupon)
        with pytest.raises(NotSupported, match="coupons are not supported"):
            svc.commit("T-cp", member, receipt(), D("0.00"), FISCAL, True, NOW, coupons=coupon)
        assert "T-cp" not in fake.orders and fake.operations == []
        assert svc.calculate(member, receipt(), coupons=()).accrual > D("0.00")  # none: as before


def test_a_sale_made_offline_is_created_and_completed_at_commit(fake: FakeRetailCrm) -> None:
    with service(fake) as svc:
        member = svc.identify(Identifier(IdentifierKind.CARD, IVAN.card_number or ""), "001", "01").customer_id
        result = svc.commit("T-off", member, receipt(), D("0.00"), FISCAL, True, NOW)
        with_points = svc.commit("T-off2", member, receipt("R2"), D("5.00"), FISCAL, True, NOW)
    assert fake.orders["T-off"].status == fake.orders["T-off2"].status == "complete"
    assert result.accrued == D("3.39")  # gold: 10 %
    assert with_points.redeemed == D("5.00")
    assert len(charges(fake)) == 1 and fake.balance_check()


def test_an_sms_confirmed_charge_is_made_only_with_the_right_code(sms_fake: FakeRetailCrm) -> None:
    with service(sms_fake) as svc:
        member = anna(svc)
        with pytest.raises(ConfirmationRequired):
            svc.reserve("T-sms", member, receipt(), D("10.00"))
        sent = svc.send_confirmation_code(ConfirmationPurpose.REDEEM, customer_id=member, amount=D("10.00"))
        assert sent.sent_to == "+375 29 ***-**-67"
        assert charges(sms_fake) == []
        with pytest.raises(ConfirmationInvalid):
            svc.reserve("T-sms", member, receipt(), D("10.00"), "0000" if "0000" not in sms_fake.sms_codes.values() else "9999x")
        (code,) = sms_fake.sms_codes.values()
        reservation = svc.reserve("T-sms", member, receipt(), D("10.00"), code)
        assert reservation.redeem == D("10.00")
        svc.reserve("T-sms", member, receipt(), D("10.00"), code)  # replayed: the charge is already there
        svc.commit("T-sms", member, receipt(), D("10.00"), FISCAL, False, NOW)
    assert len(charges(sms_fake)) == 1 and sms_fake.balance_check()


def test_without_a_charge_to_confirm_reserve_asks_no_code(sms_fake: FakeRetailCrm) -> None:
    with service(sms_fake) as svc:
        svc.reserve("T-0", anna(svc), receipt(), D("0.00"))
    assert sms_fake.sms_codes == {}


# ----- replays after lost answers ----------------------------------------------------------------


@pytest.mark.parametrize("lost", ["orders/create", "orders/loyalty/apply", "/edit"])
def test_a_step_whose_answer_was_lost_is_not_done_twice_when_replayed(fake: FakeRetailCrm, lost: str) -> None:
    fake.lose_answers(lost)
    with service(fake) as svc:
        member = anna(svc)
        lost_answers = 0
        for step in (
            lambda: svc.reserve("T-lost", member, receipt(), D("10.00")),
            lambda: svc.commit("T-lost", member, receipt(), D("10.00"), FISCAL, False, NOW),
        ):
            try:
                step()
            except ServiceUnavailable as exc:
                assert not exc.unreachable
                lost_answers += 1
                step()  # replayed, as the checkout or the outbox does
        assert lost_answers == 1
    assert len(fake.orders) == 1
    assert len(charges(fake)) == 1 and len(charges(fake, "credit_for_order")) == 1
    assert fake.balance_check()


def test_cancel_gives_the_points_back_once_and_cancels_the_order(fake: FakeRetailCrm) -> None:
    with service(fake) as svc:
        member = anna(svc)
        svc.reserve("T-c", member, receipt(), D("10.00"))
        fake.lose_answers("/edit")
        with pytest.raises(ServiceUnavailable):
            svc.cancel("T-c")
        result = svc.cancel("T-c")
        assert result.cancelled and result.balance is not None
        assert result.balance.spendable == ANNA.spendable
        svc.cancel("T-c")
        with pytest.raises(TransactionNotFound):
            svc.cancel("T-never")
    assert fake.orders["T-c"].status == "cancel-other"
    assert len(charges(fake, "cancel_of_charge")) == 1 and fake.balance_check()


# ----- returns ---------------------------------------------------------------------------------------


def test_a_whole_return_reverses_charge_and_accrual_and_a_partial_one_is_refused(fake: FakeRetailCrm) -> None:
    with service(fake) as svc:
        member = anna(svc)
        svc.reserve("T-r", member, receipt(), D("10.00"))
        svc.commit("T-r", member, receipt(), D("10.00"), FISCAL, False, NOW)
        before = list(fake.operations)
        with pytest.raises(NotSupported, match="whole sale"):
            svc.refund("RF-1", "T-r", [RefundLine(1, D("1"))])
        assert fake.operations == before  # nothing changed in RetailCRM
        with pytest.raises(Exception, match="more returned"):
            svc.refund("RF-1", "T-r", [RefundLine(1, D("3")), RefundLine(2, D("1"))])
        result = svc.refund("RF-2", "T-r", [RefundLine(1, D("2")), RefundLine(2, D("1"))])
        assert (result.redeem_returned, result.accrual_reversed) == (D("10.00"), D("1.19"))
        assert result.balance.spendable == ANNA.spendable
        replayed = svc.refund("RF-2", "T-r", [RefundLine(1, D("2")), RefundLine(2, D("1"))])
        assert replayed == result  # the same answer, from the account's history
    assert len(charges(fake, "cancel_of_charge")) == 1 and fake.balance_check()


# ----- failures --------------------------------------------------------------------------------------


def test_a_wrong_key_is_a_clear_credentials_error(fake: FakeRetailCrm) -> None:
    with service(fake, key="not-the-key", rate_limited=True) as svc:
        with pytest.raises(InvalidCredentials, match="API key") as caught:
            svc.get_program("001")
    assert caught.value.retryable  # the outbox keeps its rows until the key is fixed


def test_an_unknown_account_html_405_is_a_clear_error(fake: FakeRetailCrm) -> None:
    fake.account_exists = False
    with service(fake) as svc:
        with pytest.raises(AccountNotFound, match="does not exist"):
            svc.reserve("T-x", "1", receipt(), D("0.00"))


def test_a_validation_envelope_is_an_invalid_request_with_the_reason() -> None:
    with FakeRetailCrm(site="other") as other, FakeRetailCrm() as fake:
        url = fake.url.replace(f"site={fake.site}", "site=nope")
        svc = loyalty_service_for(url, fake.api_key, Timeouts)  # type: ignore[arg-type]
        with pytest.raises(InvalidRequest, match="nope"):
            svc.calculate("1", receipt())
        assert other.requests == []


def test_503_bursts_are_service_unavailable_and_the_service_answers_after(fake: FakeRetailCrm) -> None:
    fake.fail_next(2, 503)
    with service(fake) as svc:
        for _ in range(2):
            with pytest.raises(ServiceUnavailable) as caught:
                anna(svc)
            assert not caught.value.unreachable
        assert anna(svc) == "1"


def test_a_server_that_does_not_answer_is_unavailable_within_the_deadline(fake: FakeRetailCrm) -> None:
    fake.delay_seconds = 5.0
    with service(fake, Hasty) as svc:
        started = time.monotonic()
        with pytest.raises(ServiceUnavailable, match="timed out"):
            anna(svc)
        assert time.monotonic() - started < 4.0  # well before the server would answer


def test_a_refused_connection_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    svc = loyalty_service_for(f"retailcrm+http://127.0.0.1:{port}/?site=s", "k", Timeouts)  # type: ignore[arg-type]
    with pytest.raises(ServiceUnavailable) as caught:
        svc.get_program("001")
    assert caught.value.unreachable


def test_the_key_travels_in_the_header_only(fake: FakeRetailCrm) -> None:
    with service(fake) as svc:
        anna(svc)
    assert all("apiKey" not in path for _, path in fake.requests)


def test_the_client_keeps_under_the_rate_limit_and_a_call_that_cannot_wait_is_unavailable(fake: FakeRetailCrm) -> None:
    fake.rate_limit = 10
    with service(fake, rate_limited=True) as svc:
        for _ in range(25):
            anna(svc)
    assert fake.rate_limited == 0
    busy = RequestRate(limit=1, window=60.0)
    busy.acquire(time.monotonic() + 1)
    client = RetailCrmClient(parse_endpoint(fake.url), fake.api_key, timeout_seconds=0.5, rate=busy)
    with pytest.raises(ServiceUnavailable, match="rate limited") as caught:
        client.get("loyalty/loyalties")
    assert not caught.value.unreachable
    assert fake.requests[-1][1].endswith("loyalty/accounts")  # nothing was sent


def test_no_key_and_no_phone_reach_the_logs(fake: FakeRetailCrm, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with service(fake) as svc:
        member = anna(svc)
        svc.reserve("T-log", member, receipt(), D("1.00"))
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "loyalty" in text  # the calls were logged
    for secret in (fake.api_key, ANNA.phone, ANNA.phone[1:], ANNA.display_name):
        assert secret not in text


def test_a_burst_of_the_tills_own_calls_waits_its_turn_rather_than_failing(fake: FakeRetailCrm) -> None:
    # The window is longer than a call's deadline: a call that had to wait out the window from
    # within its deadline could never be made, and the till would sell as offline.
    window = RequestRate(limit=2, window=0.6)
    client = RetailCrmClient(parse_endpoint(fake.url), fake.api_key, timeout_seconds=0.4, rate=window)
    for _ in range(5):
        client.get("loyalty/loyalties")
    assert [path for _, path in fake.requests[-5:]] == [fake.requests[-1][1]] * 5
