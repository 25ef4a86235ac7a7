"""The HTTP side of a SOAP call: Content-Type and SOAPAction are checked, the WSDL ignores Host."""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import Iterator

import pytest
import requests
from lxml import etree

from loyalty_client import errors
from loyalty_client.sandbox import RunningSandbox, SandboxClock, start_sandbox
from loyalty_client.sandbox.demo import IVAN
from loyalty_client.soap.client import SoapLoyaltyService
from tests.integration.sandbox_soap import TL, E, Fault, Line, envelope, read, receipt
from tests.integration.test_sandbox_cli import running_main
from tests.integration.test_sandbox_faults import purchases

pytestmark = pytest.mark.integration

GET_PROGRAM = envelope(E.GetProgramRequest(E.storeId("001")))
WSDL_NS = {
    "wsdl": "http://schemas.xmlsoap.org/wsdl/",
    "xs": "http://www.w3.org/2001/XMLSchema",
    "soap": "http://schemas.xmlsoap.org/wsdl/soap/",
}
FORGED_HOST = "attacker.example:666"


def send(url: str, body: bytes, headers: dict[str, str]) -> requests.Response:
    """POST exactly these headers (requests adds none of Content-Type or SOAPAction itself)."""
    return requests.post(url, data=body, headers=headers, timeout=30)


def commit_body(transaction_id: str) -> bytes:
    return envelope(
        E.CommitPurchaseRequest(
            E.transactionId(transaction_id),
            E.customerId(IVAN.customer_id),
            receipt(Line(1, "10.00")),
            E.redeem("0.00"),
            E.fiscal(E.documentNumber("1"), E.closedAt("2026-11-20T12:05:00+03:00")),
            E.offline("true"),
            E.occurredAt("2026-11-20T12:05:00+03:00"),
        )
    )


# ----- Content-Type ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [None, "application/soap+xml; charset=utf-8", "application/xml", "text/plain", "text/xml; charset=utf-16",
     "text/xml; charset=windows-1251", "multipart/related; type=\"text/xml\""],
)
def test_a_request_that_is_not_text_xml_in_utf8_is_unsupported(sandbox: RunningSandbox, content_type: str | None) -> None:
    transaction_id = str(uuid.uuid4())
    headers = {"SOAPAction": f'"{TL}#CommitPurchase"'}
    if content_type is not None:
        headers["Content-Type"] = content_type
    response = send(sandbox.url, commit_body(transaction_id), headers)
    assert response.status_code == 415
    assert b"text/xml; charset=utf-8" in response.content
    assert transaction_id not in purchases(sandbox)


@pytest.mark.parametrize("content_type", ["text/xml", "text/xml; charset=utf-8", 'Text/XML ; Charset="UTF-8"'])
def test_text_xml_in_utf8_is_served(sandbox: RunningSandbox, content_type: str) -> None:
    response = send(sandbox.url, GET_PROGRAM, {"Content-Type": content_type, "SOAPAction": '""'})
    assert read(response).tag == f"{{{TL}}}GetProgramResponse"


# ----- SOAPAction -------------------------------------------------------------------------------------


def refused(response: requests.Response) -> str:
    with pytest.raises(Fault) as raised:
        read(response)
    assert (raised.value.faultcode, raised.value.code) == ("soap:Client", "INVALID_REQUEST")
    return raised.value.message or ""


def test_a_request_without_soapaction_is_refused(sandbox: RunningSandbox) -> None:
    transaction_id = str(uuid.uuid4())
    assert "SOAPAction" in refused(send(sandbox.url, commit_body(transaction_id), {"Content-Type": "text/xml"}))
    assert transaction_id not in purchases(sandbox)


@pytest.mark.parametrize(
    "action", [f'"{TL}#GetProgram"', f'"{TL}#CancelPurchase"', '"CommitPurchase"', "urn:other#CommitPurchase", '"x"']
)
def test_a_soapaction_naming_another_operation_is_refused(sandbox: RunningSandbox, action: str) -> None:
    transaction_id = str(uuid.uuid4())
    message = refused(send(sandbox.url, commit_body(transaction_id), {"Content-Type": "text/xml", "SOAPAction": action}))
    assert f'"{TL}#CommitPurchase"' in message
    assert transaction_id not in purchases(sandbox)


@pytest.mark.parametrize("action", [f'"{TL}#CommitPurchase"', f"{TL}#CommitPurchase", '""', ""])
def test_the_operations_own_soapaction_or_an_empty_one_is_served(sandbox: RunningSandbox, action: str) -> None:
    transaction_id = str(uuid.uuid4())
    response = send(sandbox.url, commit_body(transaction_id), {"Content-Type": "text/xml", "SOAPAction": action})
    assert read(response).tag == f"{{{TL}}}CommitPurchaseResponse"
    assert transaction_id in purchases(sandbox)


def test_the_tills_client_sends_what_the_sandbox_asks_for(sandbox: RunningSandbox) -> None:
    with SoapLoyaltyService(sandbox.url, timeout_seconds=5) as client:
        assert client.get_program("001").currency == "BYN"
        with pytest.raises(errors.TransactionNotFound):  # the operation ran: its business fault
            client.cancel(str(uuid.uuid4()))


# ----- the WSDL's address -----------------------------------------------------------------------------


def served_addresses(url: str, host: str | None = None) -> tuple[str, str]:
    headers = {"Host": host} if host else {}
    wsdl = etree.fromstring(requests.get(url + "?wsdl", headers=headers, timeout=30).content)
    (schema_import,) = wsdl.findall(".//wsdl:types/xs:schema/xs:import", WSDL_NS)
    (address,) = wsdl.findall(".//wsdl:service/wsdl:port/soap:address", WSDL_NS)
    return address.get("location"), schema_import.get("schemaLocation")


def test_a_forged_host_header_does_not_reach_the_wsdl(sandbox: RunningSandbox) -> None:
    assert served_addresses(sandbox.url, FORGED_HOST) == (sandbox.url, sandbox.url + "?xsd=till_loyalty.xsd")


@pytest.fixture
def proxied_sandbox(tmp_path: Path, sandbox_clock: SandboxClock) -> Iterator[RunningSandbox]:
    running = start_sandbox(
        f"sqlite:///{tmp_path / 'sandbox.sqlite'}", clock=sandbox_clock, public_url="https://loyalty.example/sandbox/"
    )
    try:
        yield running
    finally:
        running.stop()


def test_the_wsdl_names_the_public_url_it_was_given(proxied_sandbox: RunningSandbox) -> None:
    expected = ("https://loyalty.example/sandbox/", "https://loyalty.example/sandbox/?xsd=till_loyalty.xsd")
    assert served_addresses(proxied_sandbox.url, FORGED_HOST) == expected
    assert served_addresses(proxied_sandbox.url) == expected


def test_the_command_puts_its_public_url_in_the_wsdl() -> None:
    with running_main(["--port", "0", "--public-url", "http://till-gateway.local:8080/"]) as till:
        assert served_addresses(till.url, FORGED_HOST)[0] == "http://till-gateway.local:8080/"


@pytest.mark.parametrize("url", ["ftp://x/", "http:///nohost", "http://x/?wsdl", "not a url"])
def test_a_public_url_tills_cannot_call_is_refused(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from loyalty_client.sandbox.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--port", "0", "--public-url", url])
    assert exit_.value.code == 2
    assert "--public-url" in capsys.readouterr().err
    with pytest.raises(ValueError):
        start_sandbox(public_url=url)
