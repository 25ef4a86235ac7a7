"""HTTP for the SOAP client: timeouts always set, no retries, TLS verified, no envelopes in logs.

Retries of a POST belong to the outbox (DESIGN.md §5), never to the HTTP layer: the session's
adapters have `max_retries=0` and redirects are not followed. zeep's own transport logs whole
envelopes at DEBUG level; envelopes carry personal data, so `post` here logs none of it.
"""
from __future__ import annotations

import logging
import time
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from loyalty_client.errors import ServiceUnavailable
from loyalty_client.soap_contract import LocalFilesTransport

log = logging.getLogger(__name__)

DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024
USER_AGENT = "till-loyalty/1"
_CHUNK = 64 * 1024


def no_retry_session(
    verify_tls: bool | str = True, auth: requests.auth.AuthBase | tuple[str, str] | None = None
) -> requests.Session:
    """A requests session whose HTTP(S) adapters never retry and whose TLS is verified.

    `verify_tls` is True (the system's CA bundle), False, or the path of a CA bundle.
    """
    session = requests.Session()
    for prefix in ("http://", "https://"):
        session.mount(
            prefix,
            HTTPAdapter(max_retries=Retry(total=0, read=False), pool_connections=1, pool_maxsize=1),
        )
    session.verify = verify_tls
    session.auth = auth
    session.headers["User-Agent"] = USER_AGENT
    return session


class ServiceTransport(LocalFilesTransport):
    """zeep transport for the loyalty endpoint: one session, bounded waits, bounded answers.

    Every POST waits at most `connect_timeout_seconds` to connect and `timeout_seconds` for each
    read; an answer other than HTTP 200 or 500 (the SOAP fault status), or one larger than
    `max_response_bytes`, raises `ServiceUnavailable`.
    """

    def __init__(
        self,
        session: requests.Session,
        *,
        timeout_seconds: float,
        connect_timeout_seconds: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        if timeout_seconds <= 0:
            raise ValueError("timeout_seconds must be positive")
        super().__init__(
            timeout=timeout_seconds, operation_timeout=timeout_seconds, session=session
        )
        self.connect_timeout_seconds = connect_timeout_seconds or timeout_seconds
        self.max_response_bytes = max_response_bytes
        self.session.headers["User-Agent"] = USER_AGENT  # zeep's constructor sets its own
        self.posts = 0
        # requests reads proxies, a CA bundle and .netrc from the environment on every call
        # (walking the whole environment twice); they are read once per address instead.
        self._trust_env = self.session.trust_env
        self.session.trust_env = False
        self._environment: dict[str, tuple[Any, Any, Any]] = {}

    def post(self, address: str, message: bytes, headers: dict) -> requests.Response:
        """POST one envelope and return the complete response (never logs its content)."""
        self.posts += 1
        started = time.perf_counter()
        proxies, verify, auth = self._settings_for(address)
        response = self.session.post(
            address,
            data=message,
            headers=headers,
            timeout=(self.connect_timeout_seconds, self.operation_timeout),
            allow_redirects=False,
            stream=True,
            proxies=proxies,
            verify=verify,
            auth=auth,
        )
        try:
            content = self._read_bounded(response)
        finally:
            response.close()
        # requests keeps a streamed body here once read; zeep reads `response.content`.
        response._content = content
        log.debug(
            "HTTP %d, %d bytes in %.1f ms",
            response.status_code,
            len(content),
            (time.perf_counter() - started) * 1000,
        )
        if response.status_code not in (200, 500):
            raise ServiceUnavailable(f"HTTP {response.status_code}")
        return response

    def _settings_for(self, address: str) -> tuple[Any, Any, Any]:
        """Proxies, TLS verification and .netrc credentials for `address`, as the session would
        take them from the environment on each call if it trusted it."""
        settings = self._environment.get(address)
        if settings is None:
            self.session.trust_env = self._trust_env
            try:
                merged = self.session.merge_environment_settings(address, {}, None, None, None)
                netrc = None
                if self._trust_env and self.session.auth is None:
                    netrc = requests.utils.get_netrc_auth(address)
            finally:
                self.session.trust_env = False
            settings = self._environment[address] = (merged["proxies"], merged["verify"], netrc)
        return settings

    def get(self, address: str, params: Any, headers: dict) -> requests.Response:
        """Not used by the contract (SOAP over POST only)."""
        raise ServiceUnavailable("HTTP GET is not part of the loyalty contract")

    def _read_bounded(self, response: requests.Response) -> bytes:
        """The body, or `ServiceUnavailable` once it grows past `max_response_bytes`."""
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_response_bytes:
            raise ServiceUnavailable("response too large")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(_CHUNK):
            size += len(chunk)
            if size > self.max_response_bytes:
                raise ServiceUnavailable("response too large")
            chunks.append(chunk)
        return b"".join(chunks)
