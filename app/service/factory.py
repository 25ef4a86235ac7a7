"""The loyalty service the till's settings name, built with its API key and timeouts.

`[service] endpoint` picks the adapter by its scheme (`loyalty_client.endpoints`): the SOAP
contract, or RetailCRM, which needs an API key (app/service/api_key.py). A till whose RetailCRM
key is missing still starts: its `LiveService` (app/service/live.py) raises `ServiceNotConfigured`
(a kind of `ServiceUnavailable`: the till works as offline) until a key is stored, and then builds
the real client on its next call.
"""
from __future__ import annotations

from loyalty_client.endpoints import Timeouts, loyalty_service_for, service_kind
from loyalty_client.errors import ServiceNotConfigured
from loyalty_client.service import LoyaltyService

NO_KEY_MESSAGE = (
    "the RetailCRM endpoint needs an API key: store it with `till-loyalty service set-key`"
    " (or Admin > Service), or set TILL_LOYALTY_API_KEY"
)


def needs_api_key(endpoint: str) -> bool:
    """Whether the service at `endpoint` is called with an API key (RetailCRM)."""
    return service_kind(endpoint) == "retailcrm"


def service_for(
    endpoint: str, api_key: str | None, timeouts: Timeouts, *, verify_tls: bool | str = True
) -> LoyaltyService:
    """The service at `endpoint`; `ServiceNotConfigured` when it needs a key and none is given."""
    if needs_api_key(endpoint) and not api_key:
        raise ServiceNotConfigured(NO_KEY_MESSAGE)
    return loyalty_service_for(endpoint, api_key, timeouts, verify_tls=verify_tls)
