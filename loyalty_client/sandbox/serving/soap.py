"""SOAP 1.1 envelopes for the sandbox: hardened parsing, schema validation, responses and faults.

Bodies above `MAX_BODY_BYTES` are refused before parsing; the rest go through
`request_guard`: UTF-8 only, any DOCTYPE refused before a parser sees it, a parser that opens
nothing, and limits on elements, attributes and depth checked while parsing. Request and
response elements are then validated against `resources/wsdl/till_loyalty.xsd`; a fault names
at most the first few schema errors.
"""
from __future__ import annotations

import threading
from importlib import resources
from itertools import islice
from pathlib import Path

from lxml import etree

from loyalty_client.errors import ConfirmationInvalid, InvalidRequest, LoyaltyFault
from loyalty_client.sandbox.serving.request_guard import parse_within_limits, safe_parser

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
TL = "urn:till-loyalty:v1"
MAX_BODY_BYTES = 1024 * 1024
MAX_MESSAGE = 500  # tl:Text
SCHEMA_ERRORS_SHOWN = 3

_local = threading.local()  # lxml parsers and validators are not shared between threads
_compiling = threading.Lock()  # libxml2 can abort when two threads compile a schema at once


def wsdl_dir() -> Path:
    """The folder holding the contract files."""
    return Path(str(resources.files("resources") / "wsdl"))


WSDL_PATH = wsdl_dir() / "till_loyalty.wsdl"
XSD_PATH = wsdl_dir() / "till_loyalty.xsd"


def hardened_parser() -> etree.XMLParser:
    """This thread's parser for the contract files: no DTD, no entities, opens nothing else."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = safe_parser()
        _local.parser = parser
    return parser


def contract_tree(path: Path) -> etree._ElementTree:
    """One of the contract files, parsed from its bytes (the parser opens no file itself)."""
    return etree.ElementTree(etree.fromstring(path.read_bytes(), hardened_parser()))


def _schema() -> etree.XMLSchema:
    schema = getattr(_local, "schema", None)
    if schema is None:
        with _compiling:
            schema = etree.XMLSchema(contract_tree(XSD_PATH))
        _local.schema = schema
    return schema


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def schema_errors(element: etree._Element) -> str | None:
    """What is wrong with `element` against the contract schema, or None when it is valid.

    lxml validates the element as the root of its own document, with the namespaces it inherits.
    """
    schema = _schema()
    if schema.validate(element):
        return None
    first = islice(schema.error_log, SCHEMA_ERRORS_SHOWN)  # never format them all: there can be thousands
    return "; ".join(f"строка {error.line}: {error.message}" for error in first) or "неизвестная ошибка схемы"


def parse_request(body: bytes) -> etree._Element:
    """The one element inside the Body of a SOAP 1.1 envelope; `InvalidRequest` for anything else."""
    if len(body) > MAX_BODY_BYTES:
        raise InvalidRequest(f"Запрос больше {MAX_BODY_BYTES} байт")
    if not body.strip():
        raise InvalidRequest("Пустой запрос: ожидается конверт SOAP 1.1")
    root = parse_within_limits(body)
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise InvalidRequest("DTD и сущности (DOCTYPE) в запросах запрещены")
    if root.tag == f"{{{SOAP12_ENV}}}Envelope":
        raise InvalidRequest("Ожидается SOAP 1.1, получен SOAP 1.2")
    if root.tag != f"{{{SOAP_ENV}}}Envelope":
        raise InvalidRequest("Ожидается конверт SOAP 1.1 (soap:Envelope)")
    header = root.find(f"{{{SOAP_ENV}}}Header")
    if header is not None:
        for block in header:
            if isinstance(block.tag, str) and block.get(f"{{{SOAP_ENV}}}mustUnderstand") in ("1", "true"):
                raise InvalidRequest(_short(f"Заголовок {block.tag} не поддерживается (mustUnderstand)"))
    body_el = root.find(f"{{{SOAP_ENV}}}Body")
    if body_el is None:
        raise InvalidRequest("В конверте нет soap:Body")
    children = [child for child in body_el if isinstance(child.tag, str)]
    if len(children) != 1:
        raise InvalidRequest("В soap:Body должен быть ровно один элемент запроса")
    if next(root.iter(etree.Entity), None) is not None:
        raise InvalidRequest("Ссылки на сущности в запросах запрещены")
    return children[0]


def validate_request(element: etree._Element) -> None:
    """Raise `InvalidRequest` saying what is wrong when the request breaks the schema."""
    errors = schema_errors(element)
    if errors:
        raise InvalidRequest(_short(f"Запрос не соответствует схеме: {errors}"))


def _envelope(payload: etree._Element) -> bytes:
    envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soap": SOAP_ENV})
    body = etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body")
    body.append(payload)
    etree.cleanup_namespaces(envelope, top_nsmap={"tl": TL})
    return etree.tostring(envelope, xml_declaration=True, encoding="utf-8")


def response_envelope(element: etree._Element) -> bytes:
    """A SOAP 1.1 envelope around a response element."""
    return _envelope(element)


def fault_envelope(fault: LoyaltyFault) -> bytes:
    """A soap:Client fault carrying `detail/LoyaltyFault {code, message, retryable}` (and for a
    wrong code `attemptsLeft`, `codeExpired`)."""
    message = _short(fault.message or fault.code)
    element = etree.Element(f"{{{SOAP_ENV}}}Fault", nsmap={"soap": SOAP_ENV})
    etree.SubElement(element, "faultcode").text = "soap:Client"
    etree.SubElement(element, "faultstring").text = message
    detail = etree.SubElement(element, "detail")
    loyalty = etree.SubElement(detail, f"{{{TL}}}LoyaltyFault", nsmap={"tl": TL})
    etree.SubElement(loyalty, f"{{{TL}}}code").text = fault.code
    etree.SubElement(loyalty, f"{{{TL}}}message").text = message
    etree.SubElement(loyalty, f"{{{TL}}}retryable").text = "true" if fault.retryable else "false"
    if isinstance(fault, ConfirmationInvalid):
        if fault.attempts_left is not None:
            etree.SubElement(loyalty, f"{{{TL}}}attemptsLeft").text = str(fault.attempts_left)
        etree.SubElement(loyalty, f"{{{TL}}}codeExpired").text = "true" if fault.expired else "false"
    return _envelope(element)


def server_fault_envelope(message: str = "Внутренняя ошибка сервиса лояльности") -> bytes:
    """A soap:Server fault for a failure on our side (no business detail)."""
    element = etree.Element(f"{{{SOAP_ENV}}}Fault", nsmap={"soap": SOAP_ENV})
    etree.SubElement(element, "faultcode").text = "soap:Server"
    etree.SubElement(element, "faultstring").text = _short(message)
    return _envelope(element)
