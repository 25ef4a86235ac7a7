"""The SOAP client against misbehaving loopback servers: every failure comes out typed.

Network and nonsense -> `ServiceUnavailable`; a fault with `detail/LoyaltyFault` -> its typed
fault; a request that breaks the contract -> `InvalidRequest` before anything is sent.
"""
from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Callable
from decimal import Decimal

import pytest
import requests
from zeep.exceptions import ExternalReferenceForbidden

from loyalty_client.errors import (
    FAULTS,
    InvalidRequest,
    LoyaltyFault,
    ServiceUnavailable,
)
from loyalty_client.soap.contract import LocalFilesTransport, contract_document
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import CustomerStatus, Identifier, IdentifierKind
from tests.integration.bad_servers import (
    CannedServer,
    DripServer,
    HangUpServer,
    SilentServer,
    http_answer,
    refusing_port,
    self_signed_tls,
)

pytestmark = pytest.mark.integration

ANNA = Identifier(IdentifierKind.PHONE, "+375291234567")
TIMEOUT = 5.0


def envelope(body: str, prolog: str = "") -> bytes:
    """A SOAP 1.1 envelope around `body` (with `tl:` bound to the contract namespace)."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}'
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
        'xmlns:tl="urn:till-loyalty:v1">'
        f"<soap:Body>{body}</soap:Body></soap:Envelope>"
    ).encode()


def fault(code: str, message: str, retryable: str = "false") -> bytes:
    return envelope(
        f"<soap:Fault><faultcode>soap:Client</faultcode><faultstring>{message}</faultstring>"
        f"<detail><tl:LoyaltyFault><tl:code>{code}</tl:code><tl:message>{message}</tl:message>"
        f"<tl:retryable>{retryable}</tl:retryable></tl:LoyaltyFault></detail></soap:Fault>"
    )


CANCELLED = envelope(
    "<tl:CancelPurchaseResponse><tl:transactionId>T-1</tl:transactionId>"
    "<tl:cancelled>true</tl:cancelled></tl:CancelPurchaseResponse>"
)

CUSTOMER_FULL = envelope(
    "<tl:IdentifyCustomerResponse><tl:customer>"
    "<tl:customerId>C0001</tl:customerId><tl:displayName>Анна Ковалёва</tl:displayName>"
    "<tl:maskedPhone>+375 29 ***-**-67</tl:maskedPhone><tl:cardNumber>2000000000015</tl:cardNumber>"
    "<tl:status>active</tl:status>"
    "<tl:tier><tl:code>silver</tl:code><tl:name>Серебро</tl:name>"
    "<tl:accrualPercent>3.00</tl:accrualPercent></tl:tier>"
    "<tl:nextTier><tl:code>gold</tl:code><tl:name>Золото</tl:name>"
    "<tl:threshold>1000.00</tl:threshold><tl:remaining>187.60</tl:remaining></tl:nextTier>"
    "<tl:balance><tl:spendable>125.50</tl:spendable><tl:total>139.70</tl:total>"
    "<tl:pending>14.20</tl:pending><tl:expiringAmount>30.00</tl:expiringAmount>"
    "<tl:expiringOn>2026-12-31</tl:expiringOn></tl:balance>"
    "<tl:messages><tl:message>С днём рождения!</tl:message><tl:message>Второе</tl:message>"
    "</tl:messages></tl:customer></tl:IdentifyCustomerResponse>"
)

CUSTOMER_BARE = envelope(
    "<tl:IdentifyCustomerResponse><tl:customer>"
    "<tl:customerId>C0003</tl:customerId><tl:displayName>Ольга</tl:displayName>"
    "<tl:maskedPhone>+375 33 ***-**-21</tl:maskedPhone><tl:status>not_activated</tl:status>"
    "<tl:tier><tl:code>base</tl:code><tl:name>Базовый</tl:name>"
    "<tl:accrualPercent>1</tl:accrualPercent></tl:tier>"
    "<tl:balance><tl:spendable>0</tl:spendable><tl:total>0.00</tl:total>"
    "<tl:pending>0.00</tl:pending></tl:balance>"
    "</tl:customer></tl:IdentifyCustomerResponse>"
)


def client(url: str, **options: object) -> SoapLoyaltyService:
    options.setdefault("timeout_seconds", TIMEOUT)
    return SoapLoyaltyService(url, **options)  # type: ignore[arg-type]


# ----- the service cannot be reached --------------------------------------------------------


def test_connection_refused() -> None:
    with refusing_port() as port, client(f"http://127.0.0.1:{port}/") as service:
        with pytest.raises(ServiceUnavailable, match="cannot connect") as caught:
            service.identify(ANNA, "001", "01")
    assert caught.value.unreachable, "refused: the service is down, the request never left"


def test_a_server_that_never_answers_times_out() -> None:
    with SilentServer() as server, client(server.url, timeout_seconds=0.2) as service:
        with pytest.raises(ServiceUnavailable, match="timed out") as caught:
            service.cancel("T-1")
    # The socket's own timeout or the deadline's watchdog, whichever came first: either way the
    # HTTP failure is kept as the cause.
    assert isinstance(caught.value.__cause__, requests.RequestException)
    assert not caught.value.unreachable, "connected and sent: maybe only the answer is lost"


def test_a_server_that_hangs_up_is_asked_once() -> None:
    with HangUpServer() as server, client(server.url) as service:
        with pytest.raises(ServiceUnavailable) as caught:
            service.cancel("T-1")
    assert server.connections == 1
    assert not caught.value.unreachable, "connected and sent: maybe only the answer is lost"


# ----- the service answers nonsense ---------------------------------------------------------

HTML = b"<html><head><title>500 Internal Server Error</title></head><body><h1>Oops</h1><br></html>"


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        pytest.param(500, HTML, "text/html", id="500-html"),
        pytest.param(200, b"<soap:Envelope><soap:Body><unclosed>", "text/xml", id="200-malformed"),
        pytest.param(200, b"", "text/xml", id="200-empty"),
        pytest.param(200, b'{"ok": true}', "application/json", id="200-json"),
        pytest.param(200, b"<html><body>Login</body></html>", "text/html", id="200-xhtml"),
        pytest.param(503, CANCELLED, "text/xml", id="503-with-a-valid-body"),
        pytest.param(404, b"", "text/plain", id="404-empty"),
        pytest.param(500, CANCELLED, "text/xml", id="500-with-a-response-not-a-fault"),
        pytest.param(
            500,
            envelope(
                "<soap:Fault><faultcode>soap:Server</faultcode>"
                "<faultstring>boom</faultstring></soap:Fault>"
            ),
            "text/xml",
            id="server-fault-without-detail",
        ),
    ],
)
def test_nonsense_answers_mean_unavailable(status: int, body: bytes, content_type: str) -> None:
    with CannedServer(status, body, content_type) as server, client(server.url) as service:
        with pytest.raises(ServiceUnavailable):
            service.cancel("T-1")
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            envelope(
                "<tl:CancelPurchaseResponse><tl:transactionId>T-1</tl:transactionId>"
                "<tl:cancelled>true</tl:cancelled></tl:CancelPurchaseResponse>",
                prolog='<!DOCTYPE soap:Envelope [<!ENTITY lol "lol">'
                '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
            ).replace(b"T-1</tl:transactionId>", b"&lol3;</tl:transactionId>"),
            id="entity-expansion",
        ),
        pytest.param(
            envelope(
                "<tl:CancelPurchaseResponse><tl:transactionId>&xxe;</tl:transactionId>"
                "<tl:cancelled>true</tl:cancelled></tl:CancelPurchaseResponse>",
                prolog='<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>',
            ),
            id="external-entity",
        ),
        pytest.param(envelope("<tl:CancelPurchaseResponse/>", prolog="<!DOCTYPE x>"), id="bare-dtd"),
        pytest.param(
            envelope(
                "<tl:CancelPurchaseResponse><tl:transactionId>T-1</tl:transactionId>"
                "<tl:cancelled>true</tl:cancelled></tl:CancelPurchaseResponse>",
                prolog='<!DOCTYPE soap:Envelope SYSTEM "http://127.0.0.1:9/evil.dtd">',
            ),
            id="external-dtd",
        ),
    ],
)
def test_a_dtd_or_entities_in_the_answer_is_refused_not_expanded(body: bytes) -> None:
    with CannedServer(200, body) as server, client(server.url) as service:
        with pytest.raises(ServiceUnavailable, match="DTD or entities refused"):
            service.cancel("T-1")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            envelope(
                "<tl:CancelPurchaseResponse><tl:transactionId>T-1</tl:transactionId>"
                "</tl:CancelPurchaseResponse>"
            ),
            id="required-part-missing",
        ),
        pytest.param(CANCELLED.replace(b">true<", b">maybe<"), id="not-a-boolean"),
        pytest.param(
            CANCELLED.replace(
                b"</tl:CancelPurchaseResponse>", b"<tl:extra/></tl:CancelPurchaseResponse>"
            ),
            id="unexpected-element",
        ),
        pytest.param(
            CUSTOMER_BARE.replace(b"IdentifyCustomerResponse", b"CancelPurchaseResponse"),
            id="another-operations-response",
        ),
        pytest.param(
            envelope(
                "<tl:CancelPurchaseResponse><tl:transactionId>T-1</tl:transactionId>"
                "<tl:cancelled>true</tl:cancelled><tl:balance><tl:spendable>1.234</tl:spendable>"
                "<tl:total>1</tl:total><tl:pending>0</tl:pending></tl:balance>"
                "</tl:CancelPurchaseResponse>"
            ),
            id="three-decimal-places",
        ),
        pytest.param(
            b'<?xml version="1.0"?><Envelope><Body><x/></Body></Envelope>', id="not-soap"
        ),
        pytest.param(envelope(""), id="empty-body"),
    ],
)
def test_an_answer_that_breaks_the_contract_means_unavailable(body: bytes) -> None:
    with CannedServer(200, body) as server, client(server.url) as service:
        with pytest.raises(ServiceUnavailable):
            service.cancel("T-1")


def test_a_redirect_is_not_followed() -> None:
    with CannedServer(200, CANCELLED) as target:
        with CannedServer(307, b"", headers={"Location": target.url}) as redirecting:
            with client(redirecting.url) as service:
                with pytest.raises(ServiceUnavailable, match="HTTP 307"):
                    service.cancel("T-1")
        assert target.requests == []


@pytest.mark.parametrize("send_length", [True, False], ids=["content-length", "read-to-close"])
def test_an_oversized_answer_is_refused(send_length: bool) -> None:
    padding = b"<!--" + b"x" * 4096 + b"-->"
    body = CANCELLED.replace(b"<soap:Body>", b"<soap:Body>" + padding)
    with CannedServer(200, body, send_length=send_length) as server:
        with client(server.url) as roomy:
            assert roomy.cancel("T-1").cancelled is True
        with client(server.url, max_response_bytes=1024) as tight:
            with pytest.raises(ServiceUnavailable, match="too large"):
                tight.cancel("T-1")


# ----- faults -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(FAULTS))
def test_every_fault_code_arrives_as_its_typed_fault(code: str) -> None:
    retryable = "true" if code == "INSUFFICIENT_BALANCE" else "false"
    with CannedServer(500, fault(code, "Сообщение для кассира", retryable)) as server:
        with client(server.url) as service:
            with pytest.raises(FAULTS[code]) as caught:
                service.cancel("T-1")
    assert caught.value.code == code
    assert caught.value.message == "Сообщение для кассира"
    assert caught.value.retryable is (retryable == "true")


def test_a_fault_code_the_client_does_not_know_stays_a_loyalty_fault() -> None:
    body = fault("NEW_RULE", "Новое правило")
    with CannedServer(500, body) as server, client(server.url) as service:
        with pytest.raises(LoyaltyFault) as caught:
            service.cancel("T-1")
    assert type(caught.value) is LoyaltyFault
    assert caught.value.code == "NEW_RULE"


def test_a_client_fault_without_detail_is_an_invalid_request() -> None:
    body = envelope(
        "<soap:Fault><faultcode>soap:Client</faultcode>"
        "<faultstring>Bad envelope</faultstring></soap:Fault>"
    )
    with CannedServer(500, body) as server, client(server.url) as service:
        with pytest.raises(InvalidRequest, match="Bad envelope"):
            service.cancel("T-1")


# ----- requests the contract refuses never leave --------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda s: s.cancel("not an id"), id="id-pattern"),
        pytest.param(
            lambda s: s.identify(Identifier(IdentifierKind.PHONE, ""), "001", "01"), id="empty"
        ),
        pytest.param(lambda s: s.identify(ANNA, "", "01"), id="empty-store"),
        pytest.param(
            lambda s: s.send_confirmation_code("redeem", customer_id="C1", amount=Decimal("1.005")),
            id="three-places",
        ),
        pytest.param(
            lambda s: s.send_confirmation_code("register", phone="80291234567"), id="not-e164"
        ),
    ],
)
def test_a_request_that_breaks_the_contract_is_refused_before_sending(
    call: Callable[[SoapLoyaltyService], object],
) -> None:
    with CannedServer(200, CANCELLED) as server, client(server.url) as service:
        with pytest.raises(InvalidRequest, match="request breaks the contract at /"):
            call(service)
    assert server.requests == []


def test_money_as_float_is_a_programming_error() -> None:
    with CannedServer(200, CANCELLED) as server, client(server.url) as service:
        with pytest.raises(TypeError):
            amount: Decimal = 1.5  # type: ignore[assignment]
            service.send_confirmation_code("redeem", customer_id="C1", amount=amount)
    assert server.requests == []


# ----- answers become domain objects --------------------------------------------------------


def test_a_customer_with_every_optional_part() -> None:
    with CannedServer(200, CUSTOMER_FULL) as server, client(server.url) as service:
        customer = service.identify(ANNA, "001", "01")
    assert customer.customer_id == "C0001"
    assert customer.display_name == "Анна Ковалёва"
    assert customer.status is CustomerStatus.ACTIVE
    assert customer.card_number == "2000000000015"
    assert customer.tier.accrual_percent == Decimal("3.00")
    assert customer.next_tier is not None and customer.next_tier.remaining == Decimal("187.60")
    assert customer.balance.spendable == Decimal("125.50")
    assert customer.balance.expiring_amount == Decimal("30.00")
    assert customer.balance.expiring_on == date(2026, 12, 31)
    assert customer.messages == ("С днём рождения!", "Второе")


def test_a_customer_without_optional_parts() -> None:
    with CannedServer(200, CUSTOMER_BARE) as server, client(server.url) as service:
        customer = service.identify(ANNA, "001", "01")
    assert customer.status is CustomerStatus.NOT_ACTIVATED
    assert customer.card_number is None
    assert customer.next_tier is None
    assert customer.balance.expiring_amount is None and customer.balance.expiring_on is None
    assert customer.messages == ()
    assert isinstance(customer.balance.spendable, Decimal)


# ----- how the client is built --------------------------------------------------------------


def test_the_http_layer_never_retries_and_verifies_tls() -> None:
    service = client("https://loyalty.example/", timeout_seconds=3.0)
    session = service._session
    for prefix in ("http://", "https://"):
        retry = session.get_adapter(prefix + "x").max_retries
        assert retry.total == 0
    assert session.verify is True
    assert service._transport.operation_timeout == 3.0
    assert client("https://x/", verify_tls=False)._session.verify is False
    assert client("https://x/", verify_tls="/etc/ssl/ca.pem")._session.verify == "/etc/ssl/ca.pem"


def test_a_configured_ca_bundle_is_used_whatever_the_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("cryptography")
    context, certificate = self_signed_tls(tmp_path)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "another-bundle.pem"))
    with DripServer(http_answer(CANCELLED), interval=0, tls=context) as server:
        url = server.url.replace("http://", "https://")
        with client(url, verify_tls=str(certificate)) as service:
            assert service.cancel("T-1").cancelled is True


def test_only_http_endpoints_are_accepted() -> None:
    for url in ("file:///etc/passwd", "ftp://x/", "127.0.0.1:8580"):
        with pytest.raises(ValueError):
            client(url)


def test_the_contract_is_parsed_once_and_never_loaded_from_the_network() -> None:
    first = client("http://127.0.0.1:1/")
    second = client("http://127.0.0.1:1/")
    assert first._client.wsdl is second._client.wsdl is contract_document()
    assert first._client.transport is not second._client.transport
    with pytest.raises(ExternalReferenceForbidden):
        LocalFilesTransport().load("https://example.com/till_loyalty.xsd")


def test_a_client_is_used_by_one_thread_at_a_time() -> None:
    with SilentServer() as server, client(server.url) as service:
        outcome: list[BaseException] = []

        def waiting_call() -> None:
            try:
                service.cancel("T-1")
            except BaseException as exc:  # noqa: BLE001 (handed to the test thread)
                outcome.append(exc)

        worker = threading.Thread(target=waiting_call)
        worker.start()
        assert server.accepted.wait(TIMEOUT)
        with pytest.raises(RuntimeError, match="one thread at a time"):
            service.cancel("T-2")
        server.hang_up()
        worker.join(TIMEOUT)
    assert len(outcome) == 1 and isinstance(outcome[0], ServiceUnavailable)
