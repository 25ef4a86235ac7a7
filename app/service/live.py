"""The loyalty service the running till speaks to, switched without a restart.

Each of the till's workers owns its own client (a client is used by one thread at a time). An
admin who saves a new address or API key changes the `ServiceTarget` they share; each worker's
`LiveService` notices at its next call and builds its client again there, with the address in
force and the key stored then, never on the GUI thread. A key changed elsewhere (`till-loyalty
service set-key` beside the running till) is found when the service refuses the key in use: the
key is read again and, if it changed, the refused call is made once more with it (a refused key
means nothing was done).

Only the address's kind cannot change this way: a till started on the SOAP contract stays on it
(and RetailCRM on RetailCRM) until its next start (`ServiceTarget.can_switch_to`).
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from app.service.factory import NO_KEY_MESSAGE, needs_api_key
from loyalty_client import errors
from loyalty_client.endpoints import service_kind
from loyalty_client.service import LoyaltyService

log = logging.getLogger(__name__)

Build = Callable[[str, "str | None"], LoyaltyService]
"""Builds a client for an address and its key (None: the address takes none)."""


class ServiceTarget:
    """The address the till's clients speak to, and a count of changes to it or to the key.

    Shared by the workers (thread-safe); changed by the admin's save (`switch`).
    """

    def __init__(self, endpoint: str) -> None:
        self._lock = threading.Lock()
        self._endpoint = endpoint
        self._changes = 0

    def current(self) -> tuple[str, int]:
        """The address in force and how many changes were made so far."""
        with self._lock:
            return self._endpoint, self._changes

    def can_switch_to(self, endpoint: str) -> bool:
        """Whether the running till can speak to `endpoint` (the same kind of service as now)."""
        with self._lock:
            current = self._endpoint
        return service_kind(endpoint) == service_kind(current)

    def switch(self, endpoint: str) -> None:
        """Speak to `endpoint` with the key stored now, from each worker's next call on.

        ValueError for an address of another kind (see `can_switch_to`).
        """
        if not self.can_switch_to(endpoint):
            raise ValueError("another kind of loyalty service needs a restart of the till")
        with self._lock:
            self._endpoint = endpoint
            self._changes += 1


class LiveService:
    """A `LoyaltyService` built on its first call from the target and key in force, and built
    again at the next call after they change (see the module).

    While the address needs a key and none is found, every call raises `ServiceNotConfigured`
    (after telling `on_missing` the first time), reading the key again each time. Used by one
    thread at a time, like the clients it builds.
    """

    def __init__(
        self,
        target: ServiceTarget,
        build: Build,
        read_key: Callable[[], str | None],
        on_missing: Callable[[], None] | None = None,
    ) -> None:
        self._target = target
        self._build = build
        self._read_key = read_key
        self._on_missing = on_missing
        self._service: LoyaltyService | None = None
        self._built_for: tuple[str, str | None] | None = None  # (address, key) of the client
        self._changes_seen: int | None = None  # the target's count the client is up to date with
        self._told = False

    def _current(self) -> LoyaltyService:
        endpoint, changes = self._target.current()
        if self._service is not None and changes == self._changes_seen:
            return self._service
        key = self._read_key() if needs_api_key(endpoint) else None
        if needs_api_key(endpoint) and not key:
            self._drop()
            if not self._told and self._on_missing is not None:
                self._told = True
                self._on_missing()
            raise errors.ServiceNotConfigured(NO_KEY_MESSAGE)
        if self._service is None or self._built_for != (endpoint, key):
            self._drop()
            self._service = self._build(endpoint, key)
            self._built_for = (endpoint, key)
            self._told = False
            log.info("loyalty service client built for %s", service_kind(endpoint))
        self._changes_seen = changes
        return self._service

    def _key_changed(self) -> bool:
        """After the service refused the key: whether another key is stored now (the next call
        then builds the client with it)."""
        if self._built_for is None or not needs_api_key(self._built_for[0]):
            return False
        key = self._read_key()
        if not key or key == self._built_for[1]:
            return False
        log.info("the service refused the API key in use; another key is stored: using it")
        self._changes_seen = None
        return True

    def _drop(self) -> None:
        service, self._service, self._built_for = self._service, None, None
        if service is not None:
            try:
                service.close()
            except Exception:  # a client that cannot close cleanly is dropped all the same
                log.warning("closing the previous loyalty client failed", exc_info=True)

    @property
    def delivers_batches(self) -> bool:
        """Whether the service in force takes several outbox rows in one request."""
        try:
            return bool(getattr(self._current(), "delivers_batches", False))
        except errors.LoyaltyError:
            return False

    def close(self) -> None:
        """Close the client, if one was built."""
        self._drop()

    def __getattr__(self, name: str) -> Any:
        if name not in _CALLS:
            if self._service is not None:
                return getattr(self._service, name)
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return getattr(self._current(), name)(*args, **kwargs)
            except errors.InvalidCredentials:
                if not self._key_changed():
                    raise
            return getattr(self._current(), name)(*args, **kwargs)

        return call


_CALLS = frozenset(name for name in vars(LoyaltyService) if not name.startswith("_")) | {"deliver_batch"}
"""The calls made through the client in force: the contract's operations and batch delivery."""
