"""The sandbox's SOAP layer over real HTTP: the served contract, hostile and broken requests, faults."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
import requests
import zeep
from lxml import etree

from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.serving.soap import MAX_BODY_BYTES, XSD_PATH
from loyalty_client.types import Program
from tests.integration.sandbox_soap import SOAP, TL, E, Fault, SoapTill, assert_valid, envelope, post, read

pytestmark = pytest.mark.integration

GET_PROGRAM = b"<tl:GetProgramRequest><tl:storeId>001</tl:storeId></tl:GetProgramRequest>"


def wrap(body: bytes, prolog: bytes = b'<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    return (
        prolog
        + b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tl="urn:till-loyalty:v1">'
        + b"<soap:Body>" + body + b"</soap:Body></soap:Envelope>"
    )


def invalid_request(response: requests.Response) -> Fault:
    with pytest.raises(Fault) as raised:
        read(response)
    fault = raised.value
    assert (fault.faultcode, fault.code, fault.retryable) == ("soap:Client", "INVALID_REQUEST", False)
    assert fault.message == fault.faultstring
    return fault


def test_plain_envelope_works(sandbox: RunningSandbox) -> None:
    program = read(post(sandbox.url, wrap(GET_PROGRAM)))
    assert program.tag == f"{{{TL}}}GetProgramResponse"


def test_wsdl_points_at_this_server_and_its_xsd(sandbox: RunningSandbox) -> None:
    response = requests.get(sandbox.url + "?wsdl", timeout=30)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/xml")
    wsdl = etree.fromstring(response.content)
    ns = {"wsdl": "http://schemas.xmlsoap.org/wsdl/", "xs": "http://www.w3.org/2001/XMLSchema",
          "soap": "http://schemas.xmlsoap.org/wsdl/soap/"}
    (schema_import,) = wsdl.findall(".//wsdl:types/xs:schema/xs:import", ns)
    assert schema_import.get("schemaLocation") == sandbox.url + "?xsd=till_loyalty.xsd"
    assert wsdl.find(".//wsdl:service/wsdl:port/soap:address", ns).get("location") == sandbox.url
    assert len(wsdl.findall("wsdl:portType/wsdl:operation", ns)) == 11
    xsd = requests.get(schema_import.get("schemaLocation"), timeout=30)
    assert xsd.status_code == 200 and xsd.content == XSD_PATH.read_bytes()
    assert requests.get(sandbox.url + "till_loyalty.xsd", timeout=30).content == XSD_PATH.read_bytes()


def test_a_soap_toolkit_can_use_the_served_wsdl(sandbox: RunningSandbox) -> None:
    client = zeep.Client(sandbox.url + "?wsdl")
    try:
        program = client.service.GetProgram(storeId="001")
        assert program.name == "Клуб друзей" and program.pointValue == D("1.00")
        with pytest.raises(zeep.exceptions.Fault) as fault:
            client.service.GetOffers(customerId="C9999", storeId="001")
        assert fault.value.message == "Клиент не найден"
    finally:
        client.transport.session.close()


def test_internal_dtd_with_entities_is_rejected(sandbox: RunningSandbox) -> None:
    doctype = b'<!DOCTYPE soap:Envelope [<!ENTITY store "001">]>'
    body = wrap(b"<tl:GetProgramRequest><tl:storeId>&store;</tl:storeId></tl:GetProgramRequest>",
                b'<?xml version="1.0"?>' + doctype)
    fault = invalid_request(post(sandbox.url, body))
    assert "DOCTYPE" in fault.message


def test_billion_laughs_is_rejected_without_expansion(sandbox: RunningSandbox) -> None:
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    body = wrap(b"<tl:GetProgramRequest><tl:storeId>&lol9;</tl:storeId></tl:GetProgramRequest>",
                b'<?xml version="1.0"?><!DOCTYPE soap:Envelope [' + entities + b"]>")
    invalid_request(post(sandbox.url, body))


def test_external_entity_is_rejected_and_not_read(sandbox: RunningSandbox, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42")
    body = wrap(b"<tl:GetProgramRequest><tl:storeId>&xxe;</tl:storeId></tl:GetProgramRequest>",
                b'<?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "'
                + secret.as_uri().encode() + b'">]>')
    response = post(sandbox.url, body)
    invalid_request(response)
    assert b"TOP-SECRET-42" not in response.content


def test_bare_doctype_is_rejected(sandbox: RunningSandbox) -> None:
    invalid_request(post(sandbox.url, wrap(GET_PROGRAM, b'<?xml version="1.0"?><!DOCTYPE soap:Envelope>')))


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"<soap:Envelope><unclosed>", "XML"),
        (b"", "Пустой"),
        (b"not xml at all", "XML"),
        (b'<?xml version="1.0"?><Envelope/>', "SOAP 1.1"),
        (b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>', "SOAP 1.2"),
        (b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"/>', "Body"),
        (wrap(b""), "ровно один"),
        (wrap(GET_PROGRAM + GET_PROGRAM), "ровно один"),
    ],
)
def test_malformed_envelopes_are_rejected(sandbox: RunningSandbox, body: bytes, says: str) -> None:
    assert says in invalid_request(post(sandbox.url, body)).message


@pytest.mark.parametrize(
    "payload",
    [
        b"<tl:GetProgramRequest/>",
        b"<tl:GetProgramRequest><tl:storeId>001</tl:storeId><tl:extra>1</tl:extra></tl:GetProgramRequest>",
        b"<tl:GetProgramRequest><tl:storeId>0 0 1</tl:storeId></tl:GetProgramRequest>",
        b"<tl:CalculatePurchaseRequest><tl:customerId>C0002</tl:customerId><tl:receipt><tl:receiptId>R</tl:receiptId>"
        b"<tl:storeId>001</tl:storeId><tl:tillId>01</tl:tillId><tl:openedAt>2026-11-20T10:00:00Z</tl:openedAt>"
        b"<tl:lines><tl:line><tl:lineNo>1</tl:lineNo><tl:sku>A</tl:sku><tl:name>A</tl:name><tl:quantity>1</tl:quantity>"
        b"<tl:price>1.005</tl:price><tl:amount>1.00</tl:amount></tl:line></tl:lines></tl:receipt></tl:CalculatePurchaseRequest>",
        b"<tl:SendConfirmationCodeRequest><tl:phone>375291234567</tl:phone><tl:purpose>register</tl:purpose>"
        b"</tl:SendConfirmationCodeRequest>",
    ],
)
def test_schema_violations_are_rejected_with_the_reason(sandbox: RunningSandbox, payload: bytes) -> None:
    assert "схеме" in invalid_request(post(sandbox.url, wrap(payload))).message


@pytest.mark.parametrize(
    "payload",
    [
        b"<tl:GetProgramResponse><tl:name>x</tl:name></tl:GetProgramResponse>",
        b'<x:GetProgramRequest xmlns:x="urn:other"><x:storeId>001</x:storeId></x:GetProgramRequest>',
        b"<tl:LoyaltyFault><tl:code>INVALID_REQUEST</tl:code><tl:message>m</tl:message>"
        b"<tl:retryable>false</tl:retryable></tl:LoyaltyFault>",
    ],
)
def test_unknown_operations_are_rejected(sandbox: RunningSandbox, payload: bytes) -> None:
    assert "Неизвестная операция" in invalid_request(post(sandbox.url, wrap(payload))).message


def test_mandatory_header_we_do_not_understand_is_rejected(sandbox: RunningSandbox) -> None:
    body = (
        b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tl="urn:till-loyalty:v1">'
        b'<soap:Header><x:Auth xmlns:x="urn:x" soap:mustUnderstand="1"/></soap:Header>'
        b"<soap:Body>" + GET_PROGRAM + b"</soap:Body></soap:Envelope>"
    )
    assert "mustUnderstand" in invalid_request(post(sandbox.url, body)).message


def test_oversized_body_is_rejected(sandbox: RunningSandbox) -> None:
    padding = b"<!--" + b"x" * MAX_BODY_BYTES + b"-->"
    assert "байт" in invalid_request(post(sandbox.url, wrap(GET_PROGRAM + padding))).message


def test_unexpected_error_is_a_server_fault_without_detail(
    sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(store_id: str) -> Program:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sandbox.service, "get_program", broken)
    response = post(sandbox.url, wrap(GET_PROGRAM))
    with pytest.raises(Fault) as raised:
        read(response)
    assert raised.value.faultcode == "soap:Server" and raised.value.code is None
    assert b"disk on fire" not in response.content
    assert any("disk on fire" in (record.exc_text or str(record.exc_info)) for record in caplog.records)


def test_a_response_breaking_the_schema_never_leaves(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    real = sandbox.service.get_program("001")
    monkeypatch.setattr(sandbox.service, "get_program", lambda store_id: Program(**{**real.__dict__, "currency": "byn"}))
    with pytest.raises(Fault) as raised:
        read(post(sandbox.url, wrap(GET_PROGRAM)))
    assert raised.value.faultcode == "soap:Server"


def test_http_surface(sandbox: RunningSandbox) -> None:
    assert requests.get(sandbox.url, timeout=30).status_code == 200
    assert requests.get(sandbox.url + "nothing-here", timeout=30).status_code == 404
    assert requests.put(sandbox.url, data=b"x", timeout=30).status_code == 405


def test_every_fault_carries_a_valid_detail(sandbox: RunningSandbox) -> None:
    till = SoapTill(sandbox.url)
    with pytest.raises(Fault) as raised:
        till.call(E.GetOffersRequest(E.customerId("C9999"), E.storeId("001")))
    assert raised.value.code == "CUSTOMER_NOT_FOUND"
    # the helper validated the LoyaltyFault detail; check the envelope shape by hand as well
    response = post(sandbox.url, envelope(E.CancelPurchaseRequest(E.transactionId("T-404"))))
    fault = etree.fromstring(response.content).find(f"{{{SOAP}}}Body/{{{SOAP}}}Fault")
    assert [child.tag for child in fault] == ["faultcode", "faultstring", "detail"]
    assert_valid(fault.find(f"detail/{{{TL}}}LoyaltyFault"))
