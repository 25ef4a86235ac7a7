"""The sandbox as a WSGI application: SOAP 1.1 on `POST /`, the contract on `GET /?wsdl`.

- `POST /`: one SOAP 1.1 envelope; the request element is validated against the XSD, dispatched
  by its name, and the response element is validated too before it leaves.
- Business faults: HTTP 500 with a soap:Client fault and `detail/LoyaltyFault`. Malformed XML,
  a DOCTYPE, a schema violation or an unknown operation: the same with code INVALID_REQUEST.
  Anything unexpected: a soap:Server fault (no detail), logged with its traceback.
- `GET /?wsdl`: the WSDL, its address and XSD import pointing back at this server;
  `GET /?xsd=till_loyalty.xsd` (or `/till_loyalty.xsd`): the XSD.
"""
from __future__ import annotations

import logging
from typing import Callable, Iterable
from wsgiref.util import application_uri

from lxml import etree

from loyalty_client.errors import InvalidRequest, LoyaltyFault
from loyalty_client.sandbox import soap
from loyalty_client.sandbox.operations import OPERATIONS
from loyalty_client.service import LoyaltyService

log = logging.getLogger(__name__)

StartResponse = Callable[..., object]
XML = "text/xml; charset=utf-8"
XSD_NAME = "till_loyalty.xsd"
_WSDL_NS = {
    "wsdl": "http://schemas.xmlsoap.org/wsdl/",
    "xs": "http://www.w3.org/2001/XMLSchema",
    "soap": "http://schemas.xmlsoap.org/wsdl/soap/",
}


class SandboxApp:
    """WSGI application serving a `LoyaltyService` (normally `SandboxLoyalty`) over SOAP 1.1."""

    def __init__(self, service: LoyaltyService, max_body_bytes: int = soap.MAX_BODY_BYTES) -> None:
        self.service = service
        self.max_body_bytes = max_body_bytes

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path = environ.get("PATH_INFO") or "/"
        query = environ.get("QUERY_STRING", "")
        if path == f"/{XSD_NAME}" and method in ("GET", "HEAD"):
            return self._reply(start_response, "200 OK", XML, soap.XSD_PATH.read_bytes(), method)
        if path != "/":
            return self._reply(start_response, "404 Not Found", "text/plain; charset=utf-8", b"not found\n", method)
        if method in ("GET", "HEAD"):
            if query.lower() == "wsdl":
                return self._reply(start_response, "200 OK", XML, self._wsdl(environ), method)
            if query.lower().startswith("xsd"):
                return self._reply(start_response, "200 OK", XML, soap.XSD_PATH.read_bytes(), method)
            text = "till-loyalty sandbox: POST SOAP 1.1 envelopes here; the contract is at ?wsdl\n"
            return self._reply(start_response, "200 OK", "text/plain; charset=utf-8", text.encode(), method)
        if method != "POST":
            start_response("405 Method Not Allowed", [("Allow", "GET, HEAD, POST"), ("Content-Length", "0")])
            return [b""]
        status, body = self._soap(environ)
        return self._reply(start_response, status, XML, body, method)

    @staticmethod
    def _reply(start_response: StartResponse, status: str, content_type: str, body: bytes, method: str) -> list[bytes]:
        start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return [b""] if method == "HEAD" else [body]

    def _read_body(self, environ: dict) -> bytes:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise InvalidRequest("Неверный заголовок Content-Length") from None
        if length > self.max_body_bytes:
            raise InvalidRequest(f"Запрос больше {self.max_body_bytes} байт")
        return environ["wsgi.input"].read(length) if length > 0 else b""

    def _soap(self, environ: dict) -> tuple[str, bytes]:
        """Handle one SOAP call; returns the HTTP status and the envelope to send."""
        operation = "?"
        try:
            request = soap.parse_request(self._read_body(environ))
            name = etree.QName(request)
            handler = OPERATIONS.get(name.localname) if name.namespace == soap.TL else None
            if handler is None:
                raise InvalidRequest(f"Неизвестная операция: {name.localname[:60]}")
            operation = name.localname
            soap.validate_request(request)
            response = handler(self.service, request)
        except LoyaltyFault as fault:
            log.info("%s: %s %s", operation, fault.code, fault.message)
            return "500 Internal Server Error", soap.fault_envelope(fault)
        except Exception:
            log.exception("%s: непредвиденная ошибка", operation)
            return "500 Internal Server Error", soap.server_fault_envelope()
        errors = soap.schema_errors(response)
        if errors:
            log.error("%s: ответ не соответствует схеме: %s", operation, errors)
            return "500 Internal Server Error", soap.server_fault_envelope("Ответ сервиса не соответствует схеме")
        return "200 OK", soap.response_envelope(response)

    @staticmethod
    def _wsdl(environ: dict) -> bytes:
        """The WSDL with its XSD import and service address pointing at this server."""
        base = application_uri(environ)
        tree = etree.parse(str(soap.WSDL_PATH), soap.hardened_parser())
        for schema_import in tree.iterfind(".//wsdl:types/xs:schema/xs:import", _WSDL_NS):
            schema_import.set("schemaLocation", f"{base}?xsd={XSD_NAME}")
        for address in tree.iterfind(".//wsdl:service/wsdl:port/soap:address", _WSDL_NS):
            address.set("location", base)
        return etree.tostring(tree, xml_declaration=True, encoding="utf-8")
