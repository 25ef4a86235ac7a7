"""The SOAP client against the sandbox over loopback HTTP: every operation, every fault, replays,
two tills racing for one balance, and every request checked against the XSD on its way out."""
from __future__ import annotations

import copy
import logging
import re
import threading
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import zeep
from lxml import etree

from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.codes import make_app_qr
from loyalty_client.errors import (
    FAULTS,
    ConfirmationInvalid,
    ConfirmationRequired,
    CustomerBlocked,
    CustomerNotFound,
    InsufficientBalance,
    InvalidRequest,
    LoyaltyFault,
    NotActivated,
    RedeemLimitExceeded,
    RefundExceedsPurchase,
    ServiceUnavailable,
    TransactionNotFound,
)
from loyalty_client.identifiers import parse_identifier
from loyalty_client.sandbox import RunningSandbox, SandboxClock
from loyalty_client.sandbox.demo import ANNA, IVAN, MARIA, OLGA, PETR
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import (
    BarcodeKind,
    CommitResult,
    ConfirmationPurpose,
    CustomerStatus,
    Identifier,
    IdentifierKind,
    Program,
    RefundLine,
    Registration,
    Reservation,
)

pytestmark = pytest.mark.integration

STORE = "001"
TIMEOUT = 10.0
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
XSD = Path(__file__).resolve().parents[2] / "resources" / "wsdl" / "till_loyalty.xsd"
ALL_OPERATIONS = {
    "GetProgram",
    "IdentifyCustomer",
    "CalculatePurchase",
    "SendConfirmationCode",
    "ReservePurchase",
    "CommitPurchase",
    "CancelPurchase",
    "RefundPurchase",
    "RegisterCustomer",
    "GetOffers",
}


class EnvelopeRecorder(zeep.Plugin):
    """Keeps a copy of every envelope the client sends."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, etree._Element]] = []

    def egress(
        self, envelope: Any, http_headers: dict, operation: Any, binding_options: Any
    ) -> tuple[Any, dict]:
        self.sent.append((operation.name, copy.deepcopy(envelope)))
        return envelope, http_headers


def assert_body_valid(envelope: etree._Element) -> None:
    """The one element in soap:Body must be valid against the contract XSD."""
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    (body,) = envelope.findall(f"{{{SOAP_ENV}}}Body")
    (payload,) = list(body)
    document = etree.ElementTree(etree.fromstring(etree.tostring(payload)))
    assert schema.validate(document), str(schema.error_log)


@pytest.fixture
def recorder() -> Iterator[EnvelopeRecorder]:
    """Every envelope sent during the test; each is checked against the XSD afterwards."""
    recording = EnvelopeRecorder()
    yield recording
    for _, envelope in recording.sent:
        assert_body_valid(envelope)


@pytest.fixture
def connect(
    sandbox: RunningSandbox, recorder: EnvelopeRecorder
) -> Iterator[Callable[[], SoapLoyaltyService]]:
    """Build clients on the sandbox (one per till/thread), all recorded, all closed afterwards."""
    made: list[SoapLoyaltyService] = []

    def make() -> SoapLoyaltyService:
        client = SoapLoyaltyService(sandbox.url, timeout_seconds=TIMEOUT, plugins=[recorder])
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def service(connect: Callable[[], SoapLoyaltyService]) -> SoapLoyaltyService:
    """One client on the sandbox."""
    return connect()


def receipt(till: str = "01", *lines: tuple[str, str, str, str]) -> Receipt:
    """A receipt opened now; lines as (sku, name, quantity, price)."""
    lines = lines or (("4810001", "Сыр Российский", "2", "60.00"), ("4810002", "Кофе", "1", "80.00"))
    return Receipt(
        receipt_id=f"R-{uuid.uuid4().hex[:12]}",
        store_id=STORE,
        till_id=till,
        opened_at=datetime.now(timezone.utc),
        lines=tuple(
            ReceiptLine(
                line_no=number,
                sku=sku,
                name=name,
                quantity=Decimal(quantity),
                price=Decimal(price),
                amount=(Decimal(quantity) * Decimal(price)).quantize(Decimal("0.01")),
            )
            for number, (sku, name, quantity, price) in enumerate(lines, start=1)
        ),
    )


def fiscal() -> FiscalDocument:
    number = str(uuid.uuid4().int % 10**9)
    return FiscalDocument(document_number=number, closed_at=datetime.now(timezone.utc))


def tx() -> str:
    return str(uuid.uuid4())


def by_phone(phone: str) -> Identifier:
    return Identifier(IdentifierKind.PHONE, phone)


def redeem_code(
    sandbox: RunningSandbox, service: SoapLoyaltyService, customer_id: str, amount: Decimal
) -> str:
    """Have a one-time code sent for redeeming `amount` and read it from the sandbox."""
    service.send_confirmation_code(
        ConfirmationPurpose.REDEEM, customer_id=customer_id, amount=amount
    )
    return sandbox.last_code(customer_id=customer_id).code


def spendable(service: SoapLoyaltyService, phone: str) -> Decimal:
    return service.identify(by_phone(phone), STORE, "01").balance.spendable


# ----- every operation ----------------------------------------------------------------------


def test_get_program(service: SoapLoyaltyService) -> None:
    program = service.get_program(STORE)
    assert isinstance(program, Program)
    assert program.currency == "BYN"
    assert program.confirmation_threshold == Decimal("20.00")
    assert isinstance(program.tiers, tuple) and len(program.tiers) >= 2
    assert all(isinstance(tier.threshold, Decimal) for tier in program.tiers)
    assert "Серебро" in {tier.name for tier in program.tiers}


def test_identify_by_every_kind_of_identifier(
    service: SoapLoyaltyService, sandbox: RunningSandbox
) -> None:
    anna = service.identify(parse_identifier("+375 29 123-45-67", "BY"), STORE, "01")
    assert anna.display_name == "Анна Ковалёва"
    assert anna.masked_phone == "+375 29 ***-**-67"
    assert anna.card_number == "2000000000015"
    assert anna.status is CustomerStatus.ACTIVE
    assert anna.tier.name == "Серебро"
    assert anna.balance.spendable == Decimal("125.50")
    assert isinstance(anna.messages, tuple)

    assert service.identify(parse_identifier("2000000000015"), STORE, "01") == anna
    ivan = service.identify(parse_identifier("89165550123", "RU"), STORE, "01")
    assert (ivan.display_name, ivan.tier.name, ivan.balance.spendable) == (
        "Иван Петров",
        "Золото",
        Decimal("840.00"),
    )
    qr = make_app_qr(IVAN.account, IVAN.totp_secret, sandbox.clock.now())
    assert service.identify(parse_identifier(qr), STORE, "01").customer_id == ivan.customer_id
    coupon = service.get_offers(anna.customer_id, STORE)[0].coupon_code
    assert service.identify(parse_identifier(coupon), STORE, "01").customer_id == anna.customer_id

    olga = service.identify(by_phone(OLGA.phone), STORE, "01")
    assert olga.balance.spendable == Decimal("0.00") and olga.card_number is None


def test_calculate(service: SoapLoyaltyService) -> None:
    anna = service.identify(by_phone(ANNA.phone), STORE, "01")
    quote = service.calculate(anna.customer_id, receipt())
    assert quote.redeem == Decimal("0") and quote.max_redeem > Decimal("0")
    assert quote.accrual > Decimal("0")
    calculation = service.calculate(anna.customer_id, receipt(), Decimal("30.00"))
    assert calculation.redeem == Decimal("30.00")
    assert calculation.confirmation_required is True
    assert isinstance(calculation.lines, tuple) and [a.line_no for a in calculation.lines] == [1, 2]
    assert sum(a.discount for a in calculation.lines) == Decimal("30.00")


def test_a_sale_from_code_to_refund(service: SoapLoyaltyService, sandbox: RunningSandbox) -> None:
    sale, key = receipt(), tx()
    sent = service.send_confirmation_code(
        ConfirmationPurpose.REDEEM, customer_id=ANNA.customer_id, amount=Decimal("30.00")
    )
    assert sent.sent_to == "+375 29 ***-**-67" and sent.expires_in_seconds > 0
    code = sandbox.last_code(customer_id=ANNA.customer_id).code

    reservation = service.reserve(key, ANNA.customer_id, sale, Decimal("30.00"), code)
    assert isinstance(reservation, Reservation)
    assert reservation.transaction_id == key and reservation.redeem == Decimal("30.00")
    assert sum(line.discount for line in reservation.lines) == Decimal("30.00")
    assert reservation.expires_at > sandbox.clock.now()

    committed = service.commit(
        key, ANNA.customer_id, sale, Decimal("30.00"), fiscal(), False, datetime.now(timezone.utc)
    )
    assert isinstance(committed, CommitResult)
    assert committed.redeemed == Decimal("30.00") and committed.accrued > Decimal("0")
    assert committed.balance.spendable == Decimal("95.50")
    assert committed.offers and all(isinstance(o.barcode_kind, BarcodeKind) for o in committed.offers)

    refunded = service.refund(tx(), key, [RefundLine(line_no=1, quantity=Decimal("1"))])
    assert refunded.redeem_returned > Decimal("0") and refunded.accrual_reversed > Decimal("0")
    assert refunded.balance.spendable == Decimal("95.50") + refunded.redeem_returned


def test_cancel_releases_a_reservation(service: SoapLoyaltyService) -> None:
    key = tx()
    service.reserve(key, ANNA.customer_id, receipt(), Decimal("10.00"))
    assert spendable(service, ANNA.phone) == Decimal("115.50")
    cancelled = service.cancel(key)
    assert cancelled.transaction_id == key and cancelled.cancelled is True
    assert cancelled.balance is not None and cancelled.balance.spendable == Decimal("125.50")


def test_register_a_new_member(service: SoapLoyaltyService, sandbox: RunningSandbox) -> None:
    phone = parse_identifier("+375 29 555-12-34").value
    sent = service.send_confirmation_code(ConfirmationPurpose.REGISTER, phone=phone)
    assert sent.sent_to == "+375 29 ***-**-34"
    code = sandbox.last_code(phone=phone).code
    member = service.register(
        Registration(phone=phone, first_name="Софья", marketing_consent=True, confirmation_code=code)
    )
    assert member.masked_phone == "+375 29 ***-**-34"
    assert service.identify(by_phone(phone), STORE, "01").customer_id == member.customer_id


def test_offers(service: SoapLoyaltyService) -> None:
    offers = service.get_offers(ANNA.customer_id, STORE)
    assert isinstance(offers, tuple) and len(offers) == 2
    assert {offer.title for offer in offers} == {"−10 % на кофе", "Двойные баллы"}
    assert all(offer.coupon_code.startswith("99") for offer in offers)


def test_every_request_the_client_sends_is_valid_against_the_xsd(
    service: SoapLoyaltyService, sandbox: RunningSandbox, recorder: EnvelopeRecorder
) -> None:
    service.get_program(STORE)
    service.identify(by_phone(ANNA.phone), STORE, "01")
    sale = receipt("01", ("4810001", "Сыр «Российский», вес.", "0.455", "21.90"))
    bread = ReceiptLine(
        line_no=2,
        sku="4810002",
        name="Хлеб",
        quantity=Decimal("3"),
        price=Decimal("1.99"),
        amount=Decimal("5.97"),
        redeem_allowed=False,
        accrual_allowed=True,
        min_price=Decimal("1.50"),
    )
    sale = sale.with_lines([*sale.lines, bread])
    service.calculate(ANNA.customer_id, sale, Decimal("1.00"))
    code = redeem_code(sandbox, service, ANNA.customer_id, Decimal("1.00"))
    key = tx()
    service.reserve(key, ANNA.customer_id, sale, Decimal("1.00"), code)
    an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
    service.commit(key, ANNA.customer_id, sale, Decimal("1.00"), fiscal(), True, an_hour_ago)
    service.refund(tx(), key, [RefundLine(2, Decimal("1"))])
    service.cancel(key)
    phone = "+79165550199"
    service.send_confirmation_code(ConfirmationPurpose.REGISTER, phone=phone)
    code = sandbox.last_code(phone=phone).code
    service.register(
        Registration(
            phone=phone,
            first_name="Ёлка",
            marketing_consent=False,
            confirmation_code=code,
            birth_date=date(1990, 2, 28),
        )
    )
    service.get_offers(ANNA.customer_id, STORE)

    assert {name for name, _ in recorder.sent} == ALL_OPERATIONS
    for _, envelope in recorder.sent:
        assert_body_valid(envelope)


# ----- every fault code ---------------------------------------------------------------------


def _refund_too_much(service: SoapLoyaltyService) -> None:
    sale, key, now = receipt(), tx(), datetime.now(timezone.utc)
    service.commit(key, ANNA.customer_id, sale, Decimal("0.00"), fiscal(), False, now)
    service.refund(tx(), key, [RefundLine(1, Decimal("5"))])


FAULT_CASES: list[Any] = [
    pytest.param(
        CustomerNotFound,
        lambda s: s.identify(by_phone("+375291112233"), STORE, "01"),
        id="CUSTOMER_NOT_FOUND",
    ),
    pytest.param(
        CustomerBlocked,
        lambda s: s.identify(by_phone(PETR.phone), STORE, "01"),
        id="CUSTOMER_BLOCKED",
    ),
    pytest.param(
        NotActivated,
        lambda s: s.reserve(tx(), MARIA.customer_id, receipt(), Decimal("5.00")),
        id="NOT_ACTIVATED",
    ),
    pytest.param(
        InsufficientBalance,
        lambda s: s.reserve(tx(), OLGA.customer_id, receipt(), Decimal("5.00")),
        id="INSUFFICIENT_BALANCE",
    ),
    pytest.param(
        RedeemLimitExceeded,
        lambda s: s.calculate(
            ANNA.customer_id, receipt("01", ("4810003", "Вода", "1", "10.00")), Decimal("10.00")
        ),
        id="REDEEM_LIMIT_EXCEEDED",
    ),
    pytest.param(
        ConfirmationRequired,
        lambda s: s.reserve(tx(), ANNA.customer_id, receipt(), Decimal("30.00")),
        id="CONFIRMATION_REQUIRED",
    ),
    pytest.param(
        ConfirmationInvalid,
        lambda s: s.reserve(tx(), ANNA.customer_id, receipt(), Decimal("30.00"), "000000"),
        id="CONFIRMATION_INVALID",
    ),
    pytest.param(TransactionNotFound, lambda s: s.cancel(tx()), id="TRANSACTION_NOT_FOUND"),
    pytest.param(RefundExceedsPurchase, _refund_too_much, id="REFUND_EXCEEDS_PURCHASE"),
    pytest.param(
        InvalidRequest,
        lambda s: s.send_confirmation_code(
            ConfirmationPurpose.REDEEM, customer_id=ANNA.customer_id
        ),
        id="INVALID_REQUEST",
    ),
]


@pytest.mark.parametrize(("expected", "call"), FAULT_CASES)
def test_every_fault_code_arrives_as_its_typed_exception(
    service: SoapLoyaltyService,
    expected: type[LoyaltyFault],
    call: Callable[[SoapLoyaltyService], object],
) -> None:
    with pytest.raises(LoyaltyFault) as caught:
        call(service)
    assert type(caught.value) is expected
    assert caught.value.code == expected.code
    assert re.search("[А-Яа-яЁё]", caught.value.message)  # Russian, for the cashier


def test_the_fault_cases_cover_every_code() -> None:
    assert {case.id for case in FAULT_CASES} == set(FAULTS)


# ----- idempotent replays -------------------------------------------------------------------


def test_replayed_reserve_and_commit_count_once(
    service: SoapLoyaltyService, sandbox: RunningSandbox
) -> None:
    sale, key, moment = receipt(), tx(), datetime.now(timezone.utc)
    code = redeem_code(sandbox, service, ANNA.customer_id, Decimal("25.00"))
    first_hold = service.reserve(key, ANNA.customer_id, sale, Decimal("25.00"), code)
    assert service.reserve(key, ANNA.customer_id, sale, Decimal("25.00"), code) == first_hold
    assert spendable(service, ANNA.phone) == Decimal("100.50")

    document = fiscal()
    first = service.commit(key, ANNA.customer_id, sale, Decimal("25.00"), document, False, moment)
    again = service.commit(key, ANNA.customer_id, sale, Decimal("25.00"), document, False, moment)
    assert again == first
    assert first.balance.spendable == Decimal("100.50")
    after = service.identify(by_phone(ANNA.phone), STORE, "01").balance
    assert (after.spendable, after.pending) == (first.balance.spendable, first.balance.pending)


def test_replayed_refund_and_cancel_count_once(service: SoapLoyaltyService) -> None:
    sale, key, now = receipt(), tx(), datetime.now(timezone.utc)
    service.reserve(key, ANNA.customer_id, sale, Decimal("10.00"))
    service.commit(key, ANNA.customer_id, sale, Decimal("10.00"), fiscal(), False, now)
    refund_id = tx()
    refund = service.refund(refund_id, key, [RefundLine(1, Decimal("1"))])
    assert service.refund(refund_id, key, [RefundLine(1, Decimal("1"))]) == refund
    cancelled = service.cancel(key)
    assert service.cancel(key) == cancelled
    assert cancelled.balance is not None
    assert spendable(service, ANNA.phone) == cancelled.balance.spendable == Decimal("125.50")


# ----- two tills, one balance ---------------------------------------------------------------


@pytest.mark.parametrize("sandbox_clock", [SandboxClock()], ids=["running-clock"])
def test_two_tills_reserving_one_balance_at_once_exactly_one_wins(
    connect: Callable[[], SoapLoyaltyService], sandbox: RunningSandbox
) -> None:
    """Two clients in two threads hold 100.00 each of Анна's 125.50 at the same moment.

    The sandbox runs on a moving clock here, as in production.
    """
    amount = Decimal("100.00")  # Анна has 125.50: one hold fits, two do not
    tills = {"01": connect(), "02": connect()}
    codes = {
        till: redeem_code(sandbox, client, ANNA.customer_id, amount)
        for till, client in tills.items()
    }
    start = threading.Barrier(len(tills))
    outcomes: dict[str, object] = {}

    def reserve(till: str, client: SoapLoyaltyService) -> None:
        sale = receipt(till, ("4810004", "Коньяк", "1", "250.00"))
        start.wait(TIMEOUT)
        try:
            outcomes[till] = client.reserve(tx(), ANNA.customer_id, sale, amount, codes[till])
        except LoyaltyFault as fault:
            outcomes[till] = fault

    threads = [threading.Thread(target=reserve, args=item) for item in tills.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)

    winners = [o for o in outcomes.values() if isinstance(o, Reservation)]
    losers = [o for o in outcomes.values() if isinstance(o, InsufficientBalance)]
    assert (len(winners), len(losers)) == (1, 1), outcomes
    assert winners[0].redeem == amount
    assert spendable(tills["01"], ANNA.phone) == Decimal("25.50")


# ----- the service goes away ----------------------------------------------------------------


def test_a_sandbox_that_stops_makes_the_client_unavailable(
    service: SoapLoyaltyService, sandbox: RunningSandbox
) -> None:
    service.get_program(STORE)  # a keep-alive connection is now open
    sandbox.stop()
    with pytest.raises(ServiceUnavailable):
        service.identify(by_phone(ANNA.phone), STORE, "01")


# ----- nothing personal in the logs ---------------------------------------------------------


def test_logs_carry_no_personal_data(
    service: SoapLoyaltyService, sandbox: RunningSandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    anna = service.identify(by_phone(ANNA.phone), STORE, "01")
    service.calculate(anna.customer_id, receipt(), Decimal("5.00"))
    service.get_offers(anna.customer_id, STORE)
    with pytest.raises(CustomerBlocked):
        service.identify(by_phone(PETR.phone), STORE, "01")
    client_records = [r for r in caplog.records if not r.name.startswith("loyalty_client.sandbox")]
    assert any(r.name == "loyalty_client.soap.client" for r in client_records)
    text = "\n".join(r.getMessage() for r in client_records)
    for secret in ("291234567", "447000001", "Анна", "Ковалёва", "Пётр", "2000000000015", "Сыр"):
        assert secret not in text


def test_clients_built_in_several_threads_at_once_all_work(sandbox) -> None:
    # The till builds its service and sync clients on two workers at the same moment.
    barrier = threading.Barrier(6)
    built: list[object] = []
    failures: list[BaseException] = []

    def build() -> None:
        try:
            barrier.wait(timeout=10)
            client = SoapLoyaltyService(sandbox.url, timeout_seconds=5)
            built.append(client.get_program("001"))
        except BaseException as exc:  # noqa: BLE001 (reported below)
            failures.append(exc)

    threads = [threading.Thread(target=build) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == [] and len(built) == 6


def test_proxy_settings_come_from_the_environment(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(ServiceUnavailable):
        SoapLoyaltyService(sandbox.url, timeout_seconds=TIMEOUT).get_program(STORE)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert SoapLoyaltyService(sandbox.url, timeout_seconds=TIMEOUT).get_program(STORE).tiers
