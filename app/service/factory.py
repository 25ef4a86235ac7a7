"""The loyalty service the till's settings name, built with its API key and timeouts.

`[service] endpoint` picks the adapter by its scheme (`loyalty_client.endpoints`): the SOAP
contract, or RetailCRM, which needs an API key (app/service/api_key.py). A till whose RetailCRM
key is missing still starts: `KeyedService` stands in for the service, raising
`ServiceNotConfigured` (a kind of `ServiceUnavailable`: the till works as offline) until a key is
stored, and then builds the real client on its next call.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from loyalty_client.endpoints import Timeouts, loyalty_service_for, service_kind
from loyalty_client.errors import ServiceNotConfigured
from loyalty_client.service import LoyaltyService

log = logging.getLogger(__name__)

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


class KeyedService:
    """A `LoyaltyService` built on its first call with the API key found then.

    While `read_key()` finds no key, every call raises `ServiceNotConfigured` (after telling
    `on_missing` the first time); once an admin stores one, the next call builds the client and
    goes through. Used by one thread at a time, like the clients it builds.
    """

    def __init__(
        self,
        build: Callable[[str], LoyaltyService],
        read_key: Callable[[], str | None],
        on_missing: Callable[[], None] | None = None,
    ) -> None:
        self._build = build
        self._read_key = read_key
        self._on_missing = on_missing
        self._service: LoyaltyService | None = None
        self._told = False

    def _current(self) -> LoyaltyService:
        if self._service is None:
            key = self._read_key()
            if not key:
                if not self._told and self._on_missing is not None:
                    self._told = True
                    self._on_missing()
                raise ServiceNotConfigured(NO_KEY_MESSAGE)
            self._service = self._build(key)
            log.info("loyalty service API key found: the service is configured")
        return self._service

    def close(self) -> None:
        """Close the client, if one was built."""
        if self._service is not None:
            self._service.close()

    def __getattr__(self, name: str) -> Any:
        if self._service is not None:
            return getattr(self._service, name)
        if name not in _PORT_METHODS:  # e.g. `delivers_batches`: not known before the client is
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> Any:
            return getattr(self._current(), name)(*args, **kwargs)

        return call


_PORT_METHODS = frozenset(name for name in vars(LoyaltyService) if not name.startswith("_"))
