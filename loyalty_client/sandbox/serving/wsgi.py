"""The sandbox as a WSGI application: SOAP 1.1 on `POST /`, the contract on `GET /?wsdl`.

- `POST /`: one SOAP 1.1 envelope with the headers `soap_headers` asks for (HTTP 415 for another
  Content-Type); the request element is validated against the XSD, dispatched by its name, and
  the response element is validated too before it leaves.
- Business faults: HTTP 500 with a soap:Client fault and `detail/LoyaltyFault`. Malformed XML,
  a DOCTYPE, a request over the limits of `request_guard`, a schema violation, an unknown
  operation or a SOAPAction that does not match it: the same with code INVALID_REQUEST.
  Anything unexpected: a soap:Server fault (no detail), logged with its traceback.
- `GET /?wsdl`: the WSDL, its address and XSD import pointing at the app's `public_url` (the
  address it was started on, or the one it is reached by behind a proxy; never the request's
  Host header, which any client can forge);
  `GET /?xsd=till_loyalty.xsd` (or `/till_loyalty.xsd`): the XSD.
- Injected faults (`loyalty_client.sandbox.faults`): chosen by the app's `FaultInjector`
  schedule or, only when the app allows fault requests, asked for by the request's URL query
  (`POST /?fault=drop`); for valid requests only. A fault query to an app that does not allow
  them is refused with INVALID_REQUEST before the operation runs, rather than ignored, so that
  nobody takes a sandbox that served normally for one that failed as asked.
"""
from __future__ import annotations

import logging
import threading
from collections import Counter
from typing import Callable, Iterable, Mapping
from urllib.parse import urlsplit

from lxml import etree

from loyalty_client.errors import InvalidRequest, LoyaltyFault
from loyalty_client.sandbox.serving import soap, soap_headers
from loyalty_client.sandbox.faults import FaultInjector, FaultKind, FaultSpecError, InjectedFault, asks_for_fault
from loyalty_client.sandbox.operations import OPERATIONS, Handler
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


MALFORMED_BODY = b"<?xml version='1.0' encoding='utf-8'?>\n<soap:Envelope xmlns:soap=\"" + soap.SOAP_ENV.encode() + b"\"><soap:Body><broken"
HTTP500_BODY = b"Internal Server Error (injected fault)\n"
FAULT_REQUESTS_OFF = "Сбои по запросу выключены: запустите песочницу с --allow-fault-requests"


class SandboxApp:
    """WSGI application serving a `LoyaltyService` (normally `SandboxLoyalty`) over SOAP 1.1.

    `faults` decides injected faults per request; `allow_fault_requests` lets a request ask for
    one in its URL query; `on_refuse(seconds)` is called when a `refuse` fault fires (the
    running server stops listening for that long). `public_url` is the address the served WSDL
    names (see `check_public_url`); None serves the WSDL with the address it ships with.
    `operations` maps request elements to handlers: leaving one out serves a service of an
    earlier contract revision, which refuses that request as an unknown operation.
    """

    def __init__(
        self,
        service: LoyaltyService,
        max_body_bytes: int = soap.MAX_BODY_BYTES,
        faults: FaultInjector | None = None,
        on_refuse: Callable[[float], None] | None = None,
        allow_fault_requests: bool = False,
        public_url: str | None = None,
        operations: Mapping[str, Handler] = OPERATIONS,
    ) -> None:
        self.service = service
        self.operations = operations
        self._served: Counter[str] = Counter()
        self._served_lock = threading.Lock()
        self.max_body_bytes = max_body_bytes
        self.faults = faults if faults is not None else FaultInjector()
        self.on_refuse = on_refuse
        self.allow_fault_requests = allow_fault_requests
        self.public_url = check_public_url(public_url) if public_url is not None else None

    def served(self) -> Counter[str]:
        """How many requests of each contract operation arrived (faulted or not; "?" for any
        other element), as a copy."""
        with self._served_lock:
            return Counter(self._served)

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
                return self._reply(start_response, "200 OK", XML, self._wsdl(), method)
            if query.lower().startswith("xsd"):
                return self._reply(start_response, "200 OK", XML, soap.XSD_PATH.read_bytes(), method)
            text = "till-loyalty sandbox: POST SOAP 1.1 envelopes here; the contract is at ?wsdl\n"
            return self._reply(start_response, "200 OK", "text/plain; charset=utf-8", text.encode(), method)
        if method != "POST":
            start_response("405 Method Not Allowed", [("Allow", "GET, HEAD, POST"), ("Content-Length", "0")])
            return [b""]
        if not soap_headers.content_type_accepted(environ.get("CONTENT_TYPE")):
            body = soap_headers.CONTENT_TYPE_REFUSED.encode()
            return self._reply(start_response, "415 Unsupported Media Type", "text/plain; charset=utf-8", body, method)
        status, body, fault = self._soap(environ)
        if fault is None:
            return self._reply(start_response, status, XML, body, method)
        return self._faulty_reply(start_response, fault, status, body)

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

    def _soap(self, environ: dict) -> tuple[str, bytes, InjectedFault | None]:
        """Handle one SOAP call; returns the HTTP status, the envelope, and the fault to inject.

        A fault whose kind is not `processed` is returned before the operation runs.
        """
        operation = "?"
        fault: InjectedFault | None = None
        try:
            action = soap_headers.soap_action(environ)
            if action is None:
                raise InvalidRequest(soap_headers.NO_ACTION)
            request = soap.parse_request(self._read_body(environ))
            name = etree.QName(request)
            known = name.namespace == soap.TL and name.localname in OPERATIONS
            with self._served_lock:  # counted even when this app's revision does not serve it
                self._served[name.localname.removesuffix("Request") if known else "?"] += 1
            handler = self.operations.get(name.localname) if name.namespace == soap.TL else None
            if handler is None:
                raise InvalidRequest(f"Неизвестная операция: {name.localname[:60]}")
            operation = name.localname
            soap_headers.check_action(action, operation.removesuffix("Request"))
            soap.validate_request(request)
            query = environ.get("QUERY_STRING", "")
            if not self.allow_fault_requests:
                if asks_for_fault(query):
                    raise InvalidRequest(FAULT_REQUESTS_OFF)
                query = ""
            try:
                fault = self.faults.decide(operation.removesuffix("Request"), query)
            except FaultSpecError as exc:
                raise InvalidRequest(f"Неверный сбой в запросе: {exc}") from None
            if fault is not None and not fault.kind.processed:
                return "500 Internal Server Error", b"", fault
            if fault is not None and fault.kind is FaultKind.STALL:
                self.faults.hold(fault)
            response = handler(self.service, request)
        except LoyaltyFault as error:
            log.info("%s: %s %s", operation, error.code, error.message)
            return "500 Internal Server Error", soap.fault_envelope(error), fault
        except Exception:
            log.exception("%s: непредвиденная ошибка", operation)
            return "500 Internal Server Error", soap.server_fault_envelope(), fault
        errors = soap.schema_errors(response)
        if errors:
            log.error("%s: ответ не соответствует схеме: %s", operation, errors)
            return "500 Internal Server Error", soap.server_fault_envelope("Ответ сервиса не соответствует схеме"), fault
        return "200 OK", soap.response_envelope(response), fault

    def _faulty_reply(self, start_response: StartResponse, fault: InjectedFault, status: str, body: bytes) -> list[bytes]:
        """The answer as the injected fault makes it (the operation has run if the kind says so)."""
        kind = fault.kind
        if kind is FaultKind.SLOW:
            self.faults.hold(fault)
        elif kind is FaultKind.STALL:
            pass  # held before processing; answered normally
        elif kind is FaultKind.MALFORMED:
            status, body = "200 OK", MALFORMED_BODY
        elif kind is FaultKind.HTTP500:
            return self._reply(start_response, "500 Internal Server Error", "text/plain; charset=utf-8", HTTP500_BODY, "POST")
        elif kind is FaultKind.SOAP_FAULT:
            status, body = "500 Internal Server Error", soap.server_fault_envelope("Сбой сервиса (внедрённый)")
        elif kind in (FaultKind.DROP, FaultKind.REFUSE):
            if kind is FaultKind.REFUSE and self.on_refuse is not None:
                self.on_refuse(fault.rule.delay)
            # The headers promise a body that never comes: the server closes the connection, and
            # the client is left with a response lost on the way.
            start_response("200 OK", [("Content-Type", XML), ("Content-Length", str(max(len(body), 1)))])
            return []
        return self._reply(start_response, status, XML, body, "POST")

    def _wsdl(self) -> bytes:
        """The WSDL with its XSD import and service address pointing at `public_url`."""
        tree = soap.contract_tree(soap.WSDL_PATH)
        if self.public_url is not None:
            for schema_import in tree.iterfind(".//wsdl:types/xs:schema/xs:import", _WSDL_NS):
                schema_import.set("schemaLocation", f"{self.public_url}?xsd={XSD_NAME}")
            for address in tree.iterfind(".//wsdl:service/wsdl:port/soap:address", _WSDL_NS):
                address.set("location", self.public_url)
        return etree.tostring(tree, xml_declaration=True, encoding="utf-8")


def check_public_url(url: str) -> str:
    """`url` if tills can be told to call it: http(s), a host, no query or fragment; else ValueError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"not an http(s) address without a query: {url!r}")
    return url
