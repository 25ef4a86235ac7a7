"""HTTP for RetailCRM API v5: the key, the site, form bodies, the error envelope, a total deadline.

- Requests. GET filters go as bracketed query parameters (`filter[phoneNumber]=…`); POST bodies
  are form-encoded, nested objects as JSON strings inside form fields (`order={…}`). The key goes
  in the `X-API-KEY` header, never in a URL (URLs end up in proxies' logs).
- Deadline. Every call must be over within `timeout_seconds` in all (connecting, sending, the
  answer's headers and body), enforced as for SOAP by `soap_transport.CallDeadline`; past it the
  call raises `ServiceUnavailable`. No retries at this layer and no redirects followed: a POST may
  have been done when its answer was lost, so repeating it is the outbox's decision.
- Answers. At most `max_response_bytes` read; a compressed body is refused.
- Errors. The envelope `{"success": false, "errorMsg": …, "errors": …}` is mapped on `errorMsg`
  as RetailCRM's own SDKs do: a missing or wrong key or "Access denied." -> `InvalidCredentials`;
  "Account does not exist." and the HTML 405 page RetailCRM's front answers for an unknown
  account -> `AccountNotFound`; "Not found" -> `NotFoundError` (the adapter decides what is
  missing); validation and missing parameters -> `InvalidRequest`. 429, 5xx, timeouts, dropped
  connections and answers that are not JSON -> `ServiceUnavailable` (`unreachable` when no
  connection could be made at all); 429 and the till's own limiter -> `RateLimited`, one kind of it.
- Rate. RetailCRM allows about 10 requests a second per key and answers 503 or 429 above that.
  All clients of one key in the process share a `RequestRate` limiter: a call waits for a slot
  only as long as its own deadline allows, else it raises `ServiceUnavailable` at once (the
  checkout falls back as offline, the outbox backs off as for any lost call).
- Logs carry the method, path, status and timing only: no key, no filters, no bodies. urllib3
  logs each request's URL at DEBUG level, and a GET's filters (a phone number) are in it: its
  records lose the query of any API URL (`_QueryRedactor`).
"""
from __future__ import annotations

import collections
import hashlib
import json
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import parse_qs, urlsplit

import requests

from loyalty_client.endpoint_problems import EndpointError, EndpointProblem
from loyalty_client.errors import (
    AccountNotFound,
    InvalidCredentials,
    InvalidRequest,
    LoyaltyError,
    LoyaltyFault,
    RateLimited,
    ServiceUnavailable,
)
from loyalty_client.soap.transport import (
    DEFAULT_MAX_RESPONSE_BYTES,
    exchange_within,
    never_connected,
    no_retry_session,
)

log = logging.getLogger(__name__)

SCHEME_PREFIX = "retailcrm+"
API_PATH = "/api/v5/"


class _QueryRedactor(logging.Filter):
    """Cuts the query (filters: phone and card numbers) off API URLs in urllib3's records."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and any(isinstance(a, str) and API_PATH in a and "?" in a for a in args):
            record.args = tuple(
                a.split("?", 1)[0] + "?…" if isinstance(a, str) and API_PATH in a and "?" in a else a for a in args
            )
        return True


logging.getLogger("urllib3.connectionpool").addFilter(_QueryRedactor())



REQUESTS_PER_SECOND = 10
RATE_WINDOW_SECONDS = 1.1
"""A little over a second: the server counts arrivals, which can bunch up behind a slow one."""


class RequestRate:
    """At most `limit` requests in any `window` seconds, shared by the threads that use it."""

    def __init__(self, limit: int = REQUESTS_PER_SECOND, window: float = RATE_WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window
        self._sent: collections.deque[float] = collections.deque()
        self._lock = threading.Lock()

    def acquire(self, deadline: float) -> None:
        """Wait for a slot until the monotonic time `deadline`; `ServiceUnavailable` if none comes by then."""
        while True:
            with self._lock:
                now = time.monotonic()
                while self._sent and self._sent[0] <= now - self.window:
                    self._sent.popleft()
                if len(self._sent) < self.limit:
                    self._sent.append(now)
                    return
                free_at = self._sent[0] + self.window
            if free_at > deadline:
                raise RateLimited("rate limited: too many requests to RetailCRM this second")
            time.sleep(free_at - now)


_RATES: dict[str, RequestRate] = {}
_RATES_LOCK = threading.Lock()


def rate_for(api_url: str, api_key: str) -> RequestRate:
    """The process's one limiter for this account and key."""
    name = hashlib.sha256(f"{api_url}\0{api_key}".encode()).hexdigest()  # the key itself is kept nowhere
    with _RATES_LOCK:
        return _RATES.setdefault(name, RequestRate())


class NotFoundError(LoyaltyFault):
    """RetailCRM answered "Not found" (HTTP 404): the entity asked for does not exist."""

    code = "NOT_FOUND"


@dataclass(frozen=True)
class RetailCrmEndpoint:
    """Where the account's API is (`https://ACCOUNT.retailcrm.ru/api/v5/`) and the site code."""

    api_url: str
    site: str


def parse_endpoint(url: str) -> RetailCrmEndpoint:
    """The API address and site of `retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE`
    (`retailcrm+http://` only for a loopback test server). Raises `EndpointError` (a ValueError)
    for anything else."""
    if not url.startswith(SCHEME_PREFIX):
        raise EndpointError(EndpointProblem.RETAILCRM_SHAPE, "a RetailCRM endpoint starts with retailcrm+https://")
    parts = urlsplit(url[len(SCHEME_PREFIX):])
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(
            EndpointProblem.RETAILCRM_SHAPE, "a RetailCRM endpoint is retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE"
        )
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise EndpointError(
            EndpointProblem.RETAILCRM_PLAIN_HTTP, "RetailCRM over plain http is only for a test server on this machine"
        )
    sites = parse_qs(parts.query).get("site", [])
    if len(sites) != 1 or not sites[0].strip():
        raise EndpointError(EndpointProblem.RETAILCRM_NO_SITE, "the RetailCRM endpoint names no site: add ?site=CODE")
    if parts.username or parts.password:
        raise EndpointError(EndpointProblem.KEY_IN_ADDRESS, "the API key does not belong in the endpoint address")
    netloc = parts.netloc
    return RetailCrmEndpoint(api_url=f"{parts.scheme}://{netloc}{API_PATH}", site=sites[0].strip())


def form_fields(fields: Mapping[str, Any]) -> dict[str, str]:
    """Form fields as RetailCRM wants them: objects and lists as JSON strings, the rest as text."""
    encoded: dict[str, str] = {}
    for name, value in fields.items():
        if value is None:
            continue
        if isinstance(value, (dict, list)):
            encoded[name] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        else:
            encoded[name] = str(value)
    return encoded


class RetailCrmClient:
    """Calls of RetailCRM API v5 for one account, site and key: one object per thread.

    `get` and `post` return the decoded success envelope or raise the typed failure described in
    the module's docstring.
    """

    def __init__(
        self,
        endpoint: RetailCrmEndpoint,
        api_key: str,
        *,
        timeout_seconds: float,
        connect_timeout_seconds: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        verify_tls: bool | str = True,
        rate: RequestRate | None = None,
    ) -> None:
        if timeout_seconds <= 0:
            raise ValueError("timeout_seconds must be positive")
        self.endpoint = endpoint
        self.timeout_seconds = timeout_seconds
        self.connect_timeout_seconds = min(connect_timeout_seconds or timeout_seconds, timeout_seconds)
        self.max_response_bytes = max_response_bytes
        self._rate = rate or rate_for(endpoint.api_url, api_key)
        self._session = no_retry_session(verify_tls)
        self._session.headers["X-API-KEY"] = api_key
        self._session.headers["Accept"] = "application/json"
        _read_environment_once(self._session, endpoint.api_url)

    @property
    def site(self) -> str:
        """The site code every call is made for."""
        return self.endpoint.site

    def close(self) -> None:
        """Close the keep-alive connection."""
        self._session.close()

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """GET `path` (relative to /api/v5/) with query parameters; the success envelope."""
        return self._call("GET", path, params=dict(params or {}))

    def post(self, path: str, fields: Mapping[str, Any], params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """POST form `fields` (objects as JSON strings) to `path`; the success envelope. Never retried."""
        return self._call("POST", path, params=dict(params or {}), data=form_fields(fields))

    # ----- one exchange ---------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        started = time.perf_counter()
        # A call may wait up to one of RetailCRM's rate windows for its turn (a till's own burst: identify,
        # calculate and reserve come close together), then has its whole deadline for the
        # exchange; a limit that would keep it longer (another till on the same key) is RateLimited.
        self._rate.acquire(time.monotonic() + max(self.timeout_seconds, RATE_WINDOW_SECONDS))
        try:
            response, content = exchange_within(
                self._session,
                method,
                self.endpoint.api_url + path,
                seconds=self.timeout_seconds,
                connect_seconds=self.connect_timeout_seconds,
                max_bytes=self.max_response_bytes,
                timed_out=self._timed_out,
                **kwargs,
            )
        except LoyaltyError:
            raise
        except requests.Timeout as exc:
            raise ServiceUnavailable("timed out", unreachable=isinstance(exc, requests.ConnectTimeout)) from None
        except requests.ConnectionError as exc:
            raise ServiceUnavailable("cannot connect", unreachable=never_connected(exc)) from None
        except requests.RequestException as exc:
            raise ServiceUnavailable(f"HTTP failure: {type(exc).__name__}") from None
        status = response.status_code
        log.debug("%s %s: HTTP %d in %.1f ms", method, path.split("/", 1)[0], status, (time.perf_counter() - started) * 1000)
        return answer(status, response.headers.get("Content-Type", ""), content)

    def _timed_out(self, *, unreachable: bool = False) -> ServiceUnavailable:
        return ServiceUnavailable(
            f"timed out: no complete answer within {self.timeout_seconds:g} s", unreachable=unreachable
        )


def _read_environment_once(session: requests.Session, api_url: str) -> None:
    """Take the proxies, the CA bundle and .netrc credentials the environment gives for the API's
    address into `session` now, and stop the session reading them again: requests reads them on
    every call, walking the whole environment twice (about half a millisecond a call)."""
    merged = session.merge_environment_settings(api_url, {}, None, session.verify, None)
    if session.trust_env and session.auth is None:
        session.auth = requests.utils.get_netrc_auth(api_url)
    session.proxies.update(merged["proxies"])
    session.verify = merged["verify"]
    session.trust_env = False


def answer(status: int, content_type: str, content: bytes) -> dict[str, Any]:
    """The success envelope of an answer, or the typed failure it stands for."""
    looks_html = content.lstrip()[:1] == b"<" or "html" in content_type.lower()
    if status == 405 and looks_html:
        raise AccountNotFound("RetailCRM account does not exist at this address")
    if status == 429:
        raise RateLimited("HTTP 429: too many requests")
    if status >= 500:
        raise ServiceUnavailable(f"HTTP {status}")
    try:
        data = json.loads(content) if content else None
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        if looks_html and status >= 400:
            raise AccountNotFound(f"RetailCRM answered HTTP {status} with a web page, not the API")
        raise ServiceUnavailable(f"HTTP {status}: not a RetailCRM answer")
    if status < 400 and data.get("success") is True:
        return data
    raise envelope_error(status, data)


_CREDENTIAL_MESSAGES = ('"apiKey" is missing.', 'Wrong "apiKey" value.', "Access denied.")


def envelope_error(status: int, data: Mapping[str, Any]) -> LoyaltyError:
    """The typed failure for RetailCRM's error envelope (mapped on `errorMsg`, as its SDKs do)."""
    message = str(data.get("errorMsg") or f"HTTP {status}")
    details = _details(data.get("errors"))
    text = f"{message} {details}".strip()
    if message in _CREDENTIAL_MESSAGES:
        return InvalidCredentials(f"RetailCRM refused the API key: {message}")
    if message == "Account does not exist.":
        return AccountNotFound("RetailCRM account does not exist")
    if message == "Not found" or status == 404:
        return NotFoundError(text)
    if status >= 400:
        return InvalidRequest(f"RetailCRM: {text}")
    return ServiceUnavailable(f"HTTP {status}: unsuccessful answer without an error")


def _details(errors: Any) -> str:
    if isinstance(errors, dict):
        return "; ".join(f"{key}: {value}" for key, value in errors.items())
    if isinstance(errors, list):
        return "; ".join(str(item) for item in errors)
    return ""
