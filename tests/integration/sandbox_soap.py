"""Raw SOAP 1.1 calls to the sandbox over HTTP, built with lxml, every answer checked against the XSD."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

import requests
from lxml import etree
from lxml.builder import ElementMaker

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
TL = "urn:till-loyalty:v1"
XSD = Path(__file__).resolve().parents[2] / "resources" / "wsdl" / "till_loyalty.xsd"
SCHEMA = etree.XMLSchema(etree.parse(str(XSD)))
E = ElementMaker(namespace=TL, nsmap={"tl": TL})
TIMEOUT = 30


class Fault(Exception):
    """A SOAP fault the sandbox answered with."""

    def __init__(self, faultcode: str, faultstring: str, code: str | None, message: str | None, retryable: bool | None) -> None:
        super().__init__(f"{faultcode} {code}: {message or faultstring}")
        self.faultcode = faultcode
        self.faultstring = faultstring
        self.code = code
        self.message = message
        self.retryable = retryable


def envelope(payload: etree._Element) -> bytes:
    """A SOAP 1.1 envelope around `payload`."""
    env = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"soap": SOAP})
    etree.SubElement(env, f"{{{SOAP}}}Header")
    etree.SubElement(env, f"{{{SOAP}}}Body").append(payload)
    return etree.tostring(env, xml_declaration=True, encoding="utf-8")


def assert_valid(element: etree._Element) -> None:
    """Fail unless `element` is valid against the contract schema."""
    document = etree.ElementTree(etree.fromstring(etree.tostring(element)))
    assert SCHEMA.validate(document), f"{SCHEMA.error_log}\n{etree.tostring(element, encoding='unicode')}"


def post(url: str, body: bytes, **headers: str) -> requests.Response:
    """POST raw bytes as a SOAP 1.1 request (with an empty SOAPAction unless `headers` give one)."""
    return requests.post(
        url,
        data=body,
        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""', **headers},
        timeout=TIMEOUT,
    )


def soap_action(payload: etree._Element) -> str:
    """The quoted SOAPAction the WSDL declares for a request element, e.g. `"urn:till-loyalty:v1#GetProgram"`."""
    return f'"{TL}#{etree.QName(payload).localname.removesuffix("Request")}"'



def read(response: requests.Response) -> etree._Element:
    """The response element of a successful answer; raises `Fault` for a fault (after checking it)."""
    assert response.headers["Content-Type"].startswith("text/xml"), response.headers
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{SOAP}}}Envelope"
    body = root.find(f"{{{SOAP}}}Body")
    (payload,) = list(body)
    if payload.tag == f"{{{SOAP}}}Fault":
        assert response.status_code == 500
        detail = payload.find("detail")
        code = message = retryable = None
        if detail is not None:
            (loyalty,) = list(detail)
            assert_valid(loyalty)
            code = loyalty.findtext(f"{{{TL}}}code")
            message = loyalty.findtext(f"{{{TL}}}message")
            retryable = loyalty.findtext(f"{{{TL}}}retryable") == "true"
        raise Fault(payload.findtext("faultcode"), payload.findtext("faultstring"), code, message, retryable)
    assert response.status_code == 200
    assert_valid(payload)
    return payload


def text(element: etree._Element, path: str) -> str | None:
    """Text at a `tl:`-prefixed path, e.g. `tl:balance/tl:spendable`."""
    return element.findtext(path, namespaces={"tl": TL})


def amount(element: etree._Element, path: str) -> Decimal:
    """A decimal at a `tl:` path."""
    value = text(element, path)
    assert value is not None, f"no {path}"
    return Decimal(value)


@dataclass(frozen=True)
class Line:
    """A receipt line for requests."""

    no: int
    amount: str
    quantity: str = "1"
    redeem_allowed: bool | None = None
    accrual_allowed: bool | None = None
    min_price: str | None = None
    sku: str | None = None

    def element(self) -> etree._Element:
        qty = Decimal(self.quantity)
        children: list[Any] = [
            E.lineNo(str(self.no)),
            E.sku(self.sku or f"SKU-{self.no}"),
            E.name(f"Товар {self.no}"),
            E.quantity(self.quantity),
            E.price(str((Decimal(self.amount) / qty).quantize(Decimal("0.01")))),
            E.amount(self.amount),
        ]
        if self.redeem_allowed is not None:
            children.append(E.redeemAllowed("true" if self.redeem_allowed else "false"))
        if self.accrual_allowed is not None:
            children.append(E.accrualAllowed("true" if self.accrual_allowed else "false"))
        if self.min_price is not None:
            children.append(E.minPrice(self.min_price))
        return E.line(*children)


def receipt(*lines: Line, receipt_id: str = "R-1") -> etree._Element:
    """A `receipt` element for store 001, till 01."""
    return E.receipt(
        E.receiptId(receipt_id),
        E.storeId("001"),
        E.tillId("01"),
        E.openedAt("2026-11-20T12:00:00+03:00"),
        E.lines(*(line.element() for line in lines)),
    )


class SoapTill:
    """A till speaking raw SOAP to the sandbox: one method per operation, answers as elements."""

    def __init__(self, url: str) -> None:
        self.url = url

    def call(self, payload: etree._Element) -> etree._Element:
        """Send one request element; the validated response element, or `Fault`."""
        assert_valid(payload)
        return read(post(self.url, envelope(payload), SOAPAction=soap_action(payload)))

    def get_program(self) -> etree._Element:
        return self.call(E.GetProgramRequest(E.storeId("001")))

    def identify(self, kind: str, value: str) -> etree._Element:
        return self.call(
            E.IdentifyCustomerRequest(E.identifier(E.kind(kind), E.value(value)), E.storeId("001"), E.tillId("01"))
        )

    def calculate(self, customer_id: str, lines: Sequence[Line], requested: str | None = None) -> etree._Element:
        parts: list[Any] = [E.customerId(customer_id), receipt(*lines)]
        if requested is not None:
            parts.append(E.requestedRedeem(requested))
        return self.call(E.CalculatePurchaseRequest(*parts))

    def send_code(self, purpose: str, customer_id: str | None = None, phone: str | None = None,
                  amount: str | None = None) -> etree._Element:
        parts: list[Any] = []
        if customer_id is not None:
            parts.append(E.customerId(customer_id))
        if phone is not None:
            parts.append(E.phone(phone))
        parts.append(E.purpose(purpose))
        if amount is not None:
            parts.append(E.amount(amount))
        return self.call(E.SendConfirmationCodeRequest(*parts))

    def reserve(self, transaction_id: str, customer_id: str, lines: Sequence[Line], redeem: str,
                code: str | None = None, receipt_id: str = "R-1") -> etree._Element:
        parts: list[Any] = [
            E.transactionId(transaction_id),
            E.customerId(customer_id),
            receipt(*lines, receipt_id=receipt_id),
            E.redeem(redeem),
        ]
        if code is not None:
            parts.append(E.confirmationCode(code))
        return self.call(E.ReservePurchaseRequest(*parts))

    def commit(self, transaction_id: str, customer_id: str, lines: Sequence[Line], redeem: str,
               offline: bool = False, receipt_id: str = "R-1", document: str = "100") -> etree._Element:
        return self.call(
            E.CommitPurchaseRequest(
                E.transactionId(transaction_id),
                E.customerId(customer_id),
                receipt(*lines, receipt_id=receipt_id),
                E.redeem(redeem),
                E.fiscal(E.documentNumber(document), E.closedAt("2026-11-20T12:05:00+03:00")),
                E.offline("true" if offline else "false"),
                E.occurredAt("2026-11-20T12:05:00+03:00"),
            )
        )

    def cancel(self, transaction_id: str) -> etree._Element:
        return self.call(E.CancelPurchaseRequest(E.transactionId(transaction_id)))

    def refund(self, refund_id: str, original: str, lines: Sequence[tuple[int, str]]) -> etree._Element:
        return self.call(
            E.RefundPurchaseRequest(
                E.refundId(refund_id),
                E.originalTransactionId(original),
                E.lines(*(E.line(E.lineNo(str(no)), E.quantity(qty)) for no, qty in lines)),
            )
        )

    def register(self, phone: str, first_name: str, code: str, birth_date: str | None = None) -> etree._Element:
        parts: list[Any] = [E.phone(phone), E.firstName(first_name)]
        if birth_date is not None:
            parts.append(E.birthDate(birth_date))
        parts += [E.marketingConsent("true"), E.confirmationCode(code)]
        return self.call(E.RegisterCustomerRequest(*parts))

    def get_offers(self, customer_id: str) -> etree._Element:
        return self.call(E.GetOffersRequest(E.customerId(customer_id), E.storeId("001")))
