"""The SOAP contract in `resources/wsdl/`: where it is, how zeep parses it, how it is enforced.

- The WSDL and its XSD are read from the installed `resources` package, never from the network.
- zeep parses the WSDL once per process (`contract_document()`); every client reuses that parsed
  document, so building a client costs well under a millisecond after the first one.
- `ContractValidator` checks, with lxml and the XSD, the body of every request before it leaves
  and of every response before zeep reads it. zeep alone does not (a missing required element
  comes back as `None`, `<cancelled>maybe</cancelled>` as `False`). Error messages name the
  element path and the kind of error, never the value: values may be personal data.
"""
from __future__ import annotations

import threading
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import zeep
from lxml import etree
from zeep.exceptions import ExternalReferenceForbidden
from zeep.wsdl import Document

from loyalty_client.errors import InvalidRequest, ServiceUnavailable

NAMESPACE = "urn:till-loyalty:v1"
CONTRACT_REVISION = 4
"""The revision of contract version 1 this copy of the XSD describes; the till names it in the
`tl:ContractRevision` SOAP header so that a service sends it the elements of that revision."""
BINDING = f"{{{NAMESPACE}}}LoyaltyBinding"
WSDL_FILE = "till_loyalty.wsdl"
XSD_FILE = "till_loyalty.xsd"
SOAP_ENV_11 = "http://schemas.xmlsoap.org/soap/envelope/"

_document: Document | None = None
_document_lock = threading.Lock()
_schema_lock = threading.Lock()


def contract_directory() -> Path:
    """The folder holding the WSDL and XSD inside the installed `resources` package."""
    folder = Path(str(importlib_resources.files("resources") / "wsdl"))
    if not (folder / WSDL_FILE).is_file() or not (folder / XSD_FILE).is_file():
        raise FileNotFoundError(f"the loyalty contract is missing from {folder}")
    return folder


def wsdl_path() -> Path:
    """The WSDL file of the loyalty contract."""
    return contract_directory() / WSDL_FILE


def xsd_path() -> Path:
    """The XSD file of the loyalty contract."""
    return contract_directory() / XSD_FILE


def contract_settings() -> zeep.Settings:
    """zeep settings for the contract: strict, no DTDs, no entities, nothing external."""
    return zeep.Settings(
        strict=True,
        forbid_dtd=True,
        forbid_entities=True,
        forbid_external=True,
        xml_huge_tree=False,
    )


class LocalFilesTransport(zeep.Transport):
    """A zeep transport that loads documents from local files only and refuses any URL."""

    def load(self, url: str) -> bytes:
        """The bytes of a local file; a network address raises `ExternalReferenceForbidden`."""
        scheme = urlparse(url).scheme
        if len(scheme) > 1 and scheme != "file":  # one letter: a Windows drive, not a scheme
            raise ExternalReferenceForbidden(url)
        return super().load(url)


def contract_document() -> Document:
    """The parsed WSDL (with its XSD), parsed on first use and shared by every client after.

    The parsed document is only read once built (its lazily computed parts are
    `functools.cached_property`, safe to compute from several threads), so clients in different
    threads may share it; each client keeps its own transport, session and settings.
    """
    global _document
    with _document_lock:
        if _document is None:
            _document = Document(
                str(wsdl_path()), LocalFilesTransport(), settings=contract_settings()
            )
        return _document


def contract_schema() -> etree.XMLSchema:
    """A fresh lxml validator for the contract XSD (about a millisecond; one per client)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    # libxml2 aborts the process when two threads compile a schema at the same moment (seen when
    # the till's service and sync workers build their clients together): one at a time.
    with _schema_lock:
        return etree.XMLSchema(etree.parse(str(xsd_path()), parser))


def describe_schema_error(schema: etree.XMLSchema) -> str:
    """Where and how a document broke the schema, without the offending value."""
    error = schema.error_log.last_error
    if error is None:
        return "schema violation"
    return f"{error.path or '?'} ({error.type_name})"


class ContractValidator(zeep.Plugin):
    """Checks the body of every outgoing request and incoming response against the XSD.

    A request that breaks the contract raises `InvalidRequest` before anything is sent (the
    same verdict the service would give, without the round trip). A response that breaks it
    raises `ServiceUnavailable`: the service answered nonsense.
    """

    def __init__(self, schema: etree.XMLSchema | None = None) -> None:
        self.schema = schema if schema is not None else contract_schema()

    def egress(
        self, envelope: Any, http_headers: dict, operation: Any, binding_options: Any
    ) -> tuple[Any, dict]:
        """Refuse a request body that the XSD refuses."""
        body = _body_element(envelope)
        if body is None or not self.schema.validate(body):
            where = describe_schema_error(self.schema) if body is not None else "no body"
            raise InvalidRequest(f"request breaks the contract at {where}")
        return envelope, http_headers

    def ingress(self, envelope: Any, http_headers: dict, operation: Any) -> tuple[Any, dict]:
        """Refuse a response that is not the operation's response element as the XSD has it."""
        if envelope.tag != f"{{{SOAP_ENV_11}}}Envelope":
            raise ServiceUnavailable("response is not a SOAP 1.1 envelope")
        body = _body_element(envelope)
        if body is None:
            raise ServiceUnavailable("response has no body")
        if body.tag == f"{{{SOAP_ENV_11}}}Fault":
            return envelope, http_headers  # read by zeep, then by the client's fault mapping
        expected = f"{{{NAMESPACE}}}{operation.name}Response"
        if body.tag != expected:
            raise ServiceUnavailable(f"response is not {operation.name}Response")
        if not self.schema.validate(body):
            raise ServiceUnavailable(
                f"response breaks the contract at {describe_schema_error(self.schema)}"
            )
        return envelope, http_headers


def _body_element(envelope: Any) -> Any:
    """The single element inside soap:Body, or None when there is not exactly one."""
    body = envelope.find(f"{{{SOAP_ENV_11}}}Body")
    if body is None:
        return None
    children = [child for child in body if isinstance(child.tag, str)]
    return children[0] if len(children) == 1 else None
