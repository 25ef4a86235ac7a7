"""What the sandbox asks of a SOAP 1.1 request's HTTP headers: Content-Type and SOAPAction.

- Content-Type must be `text/xml`, with no charset or `charset=utf-8` (the only encoding the
  sandbox reads). Anything else is answered with HTTP 415, as WS-I Basic Profile 1.1 advises.
- SOAPAction must be present (SOAP 1.1 §6.1.1) and either empty (`""`: the URI says it all) or
  the `soapAction` the WSDL declares for the operation in the Body, e.g.
  `"urn:till-loyalty:v1#GetProgram"`, which is what zeep sends. The quotes the profile asks for
  are expected but not insisted on. A missing or mismatched action is a soap:Client fault
  (INVALID_REQUEST) with a fixed text.
"""
from __future__ import annotations

from functools import cache

from loyalty_client.errors import InvalidRequest
from loyalty_client.sandbox.serving import soap
CONTENT_TYPE_REFUSED = "Content-Type must be text/xml; charset=utf-8\n"
NO_ACTION = "Нет заголовка SOAPAction: запрос SOAP 1.1 должен его содержать"

_WSDL_NS = {"wsdl": "http://schemas.xmlsoap.org/wsdl/", "soap": "http://schemas.xmlsoap.org/wsdl/soap/"}


@cache
def soap_actions() -> dict[str, str]:
    """The `soapAction` of each operation of the contract's SOAP 1.1 binding, by operation name."""
    tree = soap.contract_tree(soap.WSDL_PATH)
    actions: dict[str, str] = {}
    for operation in tree.iterfind("wsdl:binding/wsdl:operation", _WSDL_NS):
        binding = operation.find("soap:operation", _WSDL_NS)
        actions[operation.get("name", "")] = binding.get("soapAction", "") if binding is not None else ""
    return actions


def content_type_accepted(value: str | None) -> bool:
    """Whether a request's Content-Type is `text/xml` in UTF-8 (a missing charset means UTF-8 here)."""
    if not value:
        return False
    media_type, *parameters = (part.strip() for part in value.split(";"))
    if media_type.lower() != "text/xml":
        return False
    for parameter in parameters:
        name, _, setting = parameter.partition("=")
        if name.strip().lower() == "charset" and setting.strip().strip('"').lower() not in ("utf-8", "utf8"):
            return False
    return True


def soap_action(environ: dict) -> str | None:
    """The request's SOAPAction without its quotes, or None when the header is missing."""
    value = environ.get("HTTP_SOAPACTION")
    if value is None:
        return None
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return value


def check_action(action: str | None, operation: str) -> None:
    """Raise `InvalidRequest` unless `action` is empty or the WSDL's soapAction of `operation`."""
    if action is None:
        raise InvalidRequest(NO_ACTION)
    expected = soap_actions().get(operation)
    if action and action != expected:
        raise InvalidRequest(f'SOAPAction не соответствует операции {operation}: ожидается "{expected}" или ""')
