"""Which loyalty service an endpoint address names, as SQLAlchemy URLs pick a driver.

- `http(s)://host/path`: the till's SOAP contract (the sandbox, or any platform implementing it);
- `retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE`: RetailCRM API v5 loyalty
  (`retailcrm+http://127.0.0.1:PORT/?site=CODE` only for a test server on this machine).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from loyalty_client.endpoint_problems import EndpointError, EndpointProblem

if TYPE_CHECKING:  # the contract's types load with a client, not with the command line's checks
    from loyalty_client.service import LoyaltyService

API_KEY_ENV = "TILL_LOYALTY_API_KEY"
"""The environment variable with the service's API key for command-line runs (overrides the keyring)."""
RETAILCRM_SCHEMES = ("retailcrm+https", "retailcrm+http")
SOAP_SCHEMES = ("http", "https")


class Timeouts(Protocol):
    """How long a call may take: to connect, and in all (seconds)."""

    connect_seconds: float
    total_seconds: float


def service_kind(url: str) -> str:
    """"soap" or "retailcrm" for an endpoint address; `EndpointError` (a ValueError) for any other scheme."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in SOAP_SCHEMES:
        return "soap"
    if scheme in RETAILCRM_SCHEMES:
        return "retailcrm"
    raise EndpointError(
        EndpointProblem.NOT_AN_ADDRESS, "the loyalty endpoint must start with http://, https:// or retailcrm+https://"
    )


def loyalty_service_for(
    url: str, api_key: str | None, timeouts: Timeouts, *, verify_tls: bool | str = True
) -> LoyaltyService:
    """The loyalty service the address names, with these timeouts (one per thread, as always).

    RetailCRM needs `api_key`; the SOAP contract takes none (its credentials, if any, are HTTP's).
    """
    if service_kind(url) == "retailcrm":
        from loyalty_client.retailcrm.adapter import RetailCrmLoyaltyService
        from loyalty_client.retailcrm.client import RetailCrmClient, parse_endpoint

        if not api_key:
            raise ValueError("RetailCRM needs an API key")
        client = RetailCrmClient(
            parse_endpoint(url),
            api_key,
            timeout_seconds=timeouts.total_seconds,
            connect_timeout_seconds=timeouts.connect_seconds,
            verify_tls=verify_tls,
        )
        return RetailCrmLoyaltyService(client)
    from loyalty_client.soap.client import SoapLoyaltyService

    return SoapLoyaltyService(
        url,
        timeout_seconds=timeouts.total_seconds,
        connect_timeout_seconds=timeouts.connect_seconds,
        verify_tls=verify_tls,
    )
