"""HTTP for the SOAP client: a total deadline per call, no retries, TLS verified, bounded answers,
no envelopes in logs.

- Deadline. requests' timeouts bound each socket operation, not the call: a server that sends one
  byte every half second holds a "1 s" call for minutes. Here every POST has a total deadline that
  covers connecting, sending, the headers and the body. One watchdog thread per process shuts the
  call's socket down when its deadline passes (a blocked read or write then returns at once) and
  the call raises `ServiceUnavailable`; no thread is started per call.
- Retries of a POST belong to the outbox (docs/architecture.md §5), never to the HTTP layer: the session's
  adapters have `max_retries=0` and redirects are not followed.
- Answers. At most `max_response_bytes` of body is read, and a compressed body is refused (a small
  body must not become a large one). Before zeep parses the answer, it is screened in one pass that
  builds no tree: a DOCTYPE is refused as soon as it is seen (nothing it names is ever opened or
  fetched), and so are answers with too many elements or attributes, or nested too deep. Those
  limits sit far above the contract's largest answer and far below what costs the till memory.
- zeep's own transport logs whole envelopes at DEBUG level; envelopes carry personal data, so
  `post` here logs none of it.
"""
from __future__ import annotations

import heapq
import itertools
import logging
import os
import socket
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import requests
from lxml import etree
from requests.adapters import HTTPAdapter
from urllib3 import poolmanager
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NameResolutionError, NewConnectionError
from urllib3.util.retry import Retry

from loyalty_client.errors import ResponseRefused, ServiceUnavailable
from loyalty_client.soap.contract import LocalFilesTransport
from loyalty_client.soap.name_lookup import LookupTimeout, is_address, lookup_within

log = logging.getLogger(__name__)

DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024
"""The largest answer read (the contract's largest, 500 allocation lines, is about 55 KB)."""
MAX_ELEMENTS = 20_000
MAX_ATTRIBUTES = 1_000
"""Attributes and namespace declarations together (the contract's answers use a handful)."""
MAX_DEPTH = 32
USER_AGENT = "till-loyalty/1"
_CHUNK = 64 * 1024


# ----- the total deadline of one HTTP exchange ------------------------------------------------


class CallDeadline:
    """When one HTTP exchange must be over, and the sockets to shut down when it is not.

    The sockets are attached by the connections the exchange uses (see `DeadlineAdapter`);
    `expire()` is called by the watchdog, `finish()` by the exchange once it is over (after that,
    `expire()` does nothing, so a kept-alive connection is never touched by a later expiry).
    """

    __slots__ = ("expires_at", "expired", "finished", "_lock", "_sockets", "_owned")

    def __init__(self, seconds: float) -> None:
        self.expires_at = time.monotonic() + seconds
        self.expired = False
        self.finished = False
        self._lock = threading.Lock()
        self._sockets: list[Any] = []
        self._owned: list[socket.socket] = []  # duplicates made for the deadline, closed by it

    def passed(self) -> bool:
        """Whether the deadline has passed (or the watchdog already expired it)."""
        return self.expired or time.monotonic() >= self.expires_at

    def attach(self, sock: Any, *, owned: bool = False) -> None:
        """Shut `sock` down at the deadline; an `owned` socket is also closed by `finish()`."""
        with self._lock:
            if self.finished:
                if owned:
                    sock.close()
                return
            (self._owned if owned else self._sockets).append(sock)
            if self.expired:
                _shut_down(sock)

    def expire(self) -> None:
        """The deadline passed: shut down every attached socket (a no-op once finished)."""
        with self._lock:
            if self.finished or self.expired:
                return
            self.expired = True
            for sock in (*self._sockets, *self._owned):
                _shut_down(sock)

    def finish(self) -> None:
        """The exchange is over: forget its sockets and close the duplicates."""
        with self._lock:
            self.finished = True
            owned, self._owned, self._sockets = self._owned, [], []
        for sock in owned:
            sock.close()


def _shut_down(sock: Any) -> None:
    """Shut a socket down both ways; a blocked recv or send in another thread returns at once."""
    try:
        # The plain socket method, also on an SSLSocket: its own `shutdown` drops the TLS state
        # that the reading thread is still using.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except (OSError, TypeError):
        pass  # already closed, or not a socket (a TLS-in-TLS proxy tunnel): its timeouts apply


class _Watchdog:
    """One daemon thread for the process that expires `CallDeadline`s when their time comes."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._wakeup = threading.Condition(threading.Lock())
        self._due: list[tuple[float, int, CallDeadline]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: CallDeadline) -> None:
        """Expire `deadline` when it passes, unless it finished before."""
        with self._wakeup:
            heapq.heappush(self._due, (deadline.expires_at, next(self._order), deadline))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="soap-deadlines", daemon=True)
                self._thread.start()
            elif self._due[0][2] is deadline:
                self._wakeup.notify()

    def _run(self) -> None:
        while True:
            with self._wakeup:
                while True:
                    while self._due and self._due[0][2].finished:
                        heapq.heappop(self._due)
                    if not self._due:
                        self._wakeup.wait()
                        continue
                    wait = self._due[0][0] - time.monotonic()
                    if wait <= 0:
                        break
                    self._wakeup.wait(wait)
                _, _, deadline = heapq.heappop(self._due)
            deadline.expire()


_WATCHDOG = _Watchdog()
os.register_at_fork(after_in_child=_WATCHDOG._reset)  # the thread does not survive a fork
_exchange = threading.local()  # the deadline of the exchange under way on this thread


@contextmanager
def watched_exchange(seconds: float) -> Iterator[CallDeadline]:
    """Run one HTTP exchange on this thread under a total deadline of `seconds`.

    Connections opened or reused inside the block attach their sockets to the deadline, and the
    process's watchdog shuts them down when it passes. The caller checks `deadline.expired` and
    drops its pooled connections when it is.
    """
    deadline = CallDeadline(seconds)
    _exchange.deadline = deadline
    _WATCHDOG.watch(deadline)
    try:
        yield deadline
    finally:
        _exchange.deadline = None
        deadline.finish()


def read_bounded(
    response: requests.Response, deadline: CallDeadline, max_bytes: int, timed_out: Callable[[], Exception]
) -> bytes:
    """The body of a streamed response, or `ResponseRefused` once it grows past `max_bytes` or if it
    is compressed; `timed_out()` is raised once the deadline has passed."""
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise ResponseRefused("compressed response refused")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ResponseRefused(f"response too large (over {max_bytes} bytes)")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise ResponseRefused(f"response too large (over {max_bytes} bytes)")
        if deadline.passed():
            raise timed_out()
        chunks.append(chunk)
    return b"".join(chunks)


def exchange_within(
    session: requests.Session,
    method: str,
    url: str,
    *,
    seconds: float,
    connect_seconds: float,
    max_bytes: int,
    timed_out: Callable[..., ServiceUnavailable],
    **kwargs: Any,
) -> tuple[requests.Response, bytes]:
    """One HTTP exchange under a total deadline of `seconds`: the response and its bounded body.

    Never retried, never redirected. When the deadline passes, `timed_out(unreachable=...)` is
    raised (unreachable: no connection was ever made, e.g. a name lookup that hangs) and the
    session's pooled connections are dropped (a socket the deadline shut must not be reused).
    Any other failure of `requests` is raised as it is, for the caller to word.
    """
    with watched_exchange(seconds) as deadline:
        try:
            response = session.request(
                method,
                url,
                # Each wait is also bounded by the whole deadline, should the watchdog be late.
                timeout=(min(connect_seconds, seconds), seconds),
                allow_redirects=False,
                stream=True,
                **kwargs,
            )
            try:
                content = read_bounded(response, deadline, max_bytes, timed_out)
            finally:
                response.close()
            if deadline.expired:
                # The watchdog cut the connection: what came before the cut may look complete
                # (headers cut short read as ended; a body without a length ends at the cut).
                raise timed_out()
        except ServiceUnavailable:
            raise
        except Exception as exc:
            if deadline.passed():
                unreachable = isinstance(exc, requests.ConnectionError) and never_connected(exc)
                raise timed_out(unreachable=unreachable) from exc
            raise
        finally:
            if deadline.expired:
                for adapter in session.adapters.values():
                    adapter.close()
    return response, content


def never_connected(exc: requests.ConnectionError) -> bool:
    """Whether no connection was made (refused, unknown host, no route), not one lost mid-call."""
    return any(isinstance(getattr(arg, "reason", arg), NewConnectionError) for arg in exc.args)


class _DeadlineAware:
    """Mixin for urllib3 connections: attach their sockets to the calling thread's deadline."""

    sock: Any

    def _new_conn(self) -> socket.socket:
        deadline: CallDeadline | None = getattr(_exchange, "deadline", None)
        if deadline is None or is_address(self._dns_host):  # type: ignore[attr-defined]
            sock = super()._new_conn()  # type: ignore[misc]
        else:
            sock = self._connect_looked_up(deadline)
        if deadline is not None:
            # A duplicate, because TLS wrapping takes the descriptor from this object: through
            # the duplicate the deadline also covers the TLS handshake.
            deadline.attach(sock.dup(), owned=True)
        return sock

    def _connect_looked_up(self, deadline: CallDeadline) -> socket.socket:
        """Connect by the address the name stands for, looked up within the deadline.

        TLS still checks the certificate against the name (`self.host`), not the address.
        """
        name: str = self._dns_host  # type: ignore[attr-defined]
        try:
            found = lookup_within(name, self.port, deadline.expires_at - time.monotonic())  # type: ignore[attr-defined]
        except LookupTimeout:
            raise NewConnectionError(self, f"looking up {name} took longer than the call may") from None
        except socket.gaierror as exc:
            raise NameResolutionError(name, self, exc) from exc  # type: ignore[arg-type]
        refused: NewConnectionError | None = None
        try:
            for address in dict.fromkeys(info[4][0] for info in found):  # in the resolver's order, once each
                self._dns_host = address
                try:
                    return super()._new_conn()  # type: ignore[misc]
                except NewConnectionError as exc:
                    refused = exc
        finally:
            self._dns_host = name
        raise refused or NewConnectionError(self, f"{name} has no address")

    def request(self, *args: Any, **kwargs: Any) -> None:
        deadline: CallDeadline | None = getattr(_exchange, "deadline", None)
        if deadline is not None and self.sock is not None:
            deadline.attach(self.sock)  # a kept-alive connection
        super().request(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_DeadlineAware, HTTPConnection):
    pass


class _HTTPSConnection(_DeadlineAware, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class DeadlineAdapter(HTTPAdapter):
    """A requests adapter that never retries and whose connections obey `CallDeadline`s.

    Through a SOCKS proxy (its own connection classes) only the per-read timeouts apply.
    """

    def __init__(self) -> None:
        super().__init__(
            max_retries=Retry(total=0, read=False), pool_connections=1, pool_maxsize=1
        )

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """The pool manager, with connections that obey deadlines."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        """The manager for an HTTP(S) proxy, with connections that obey deadlines."""
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if manager.pool_classes_by_scheme is poolmanager.pool_classes_by_scheme:  # not SOCKS
            manager.pool_classes_by_scheme = _POOLS
        return manager


def no_retry_session(
    verify_tls: bool | str = True, auth: requests.auth.AuthBase | tuple[str, str] | None = None
) -> requests.Session:
    """A requests session whose HTTP(S) adapters never retry and whose TLS is verified.

    `verify_tls` is True (the system's CA bundle), False, or the path of a CA bundle.
    """
    session = requests.Session()
    for prefix in ("http://", "https://"):
        session.mount(prefix, DeadlineAdapter())
    session.verify = verify_tls
    session.auth = auth
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept-Encoding"] = "identity"
    return session


# ----- the shape of an answer -----------------------------------------------------------------


class _ShapeCheck:
    """lxml parser target: counts elements, attributes and depth, refuses a DOCTYPE; keeps nothing."""

    def __init__(self) -> None:
        self.elements = self.attributes = self.depth = 0

    def doctype(self, *_: object) -> None:
        raise ResponseRefused("response with a DTD or entities refused")

    def start_ns(self, prefix: str | None, uri: str) -> None:
        self.attributes += 1
        if self.attributes > MAX_ATTRIBUTES:
            raise ResponseRefused(f"response has more than {MAX_ATTRIBUTES} attributes")

    def start(self, tag: str, attrib: Any) -> None:
        self.elements += 1
        self.attributes += len(attrib)
        self.depth += 1
        if self.elements > MAX_ELEMENTS:
            raise ResponseRefused(f"response has more than {MAX_ELEMENTS} elements")
        if self.attributes > MAX_ATTRIBUTES:
            raise ResponseRefused(f"response has more than {MAX_ATTRIBUTES} attributes")
        if self.depth > MAX_DEPTH:
            raise ResponseRefused(f"response nested deeper than {MAX_DEPTH}")

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> None:
        return None


class _RefuseEverything(etree.Resolver):
    """An lxml resolver that refuses to load anything an answer names."""

    def resolve(self, url: str, pubid: str, context: Any) -> Any:
        raise ResponseRefused("response with a DTD or entities refused")


class AnswerScreen:
    """Refuses an answer that is not plain, modest XML, in one pass that builds no tree.

    One per transport (one thread at a time): building the parser costs more than screening a
    typical answer.
    """

    def __init__(self) -> None:
        self._shape = _ShapeCheck()
        self._parser = etree.XMLParser(
            target=self._shape,
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
        )
        self._parser.resolvers.add(_RefuseEverything())

    def check(self, content: bytes) -> None:
        """Raise `ResponseRefused` for a DOCTYPE or an answer past `MAX_ELEMENTS`,
        `MAX_ATTRIBUTES` or `MAX_DEPTH`, and lxml's `XMLSyntaxError` for one that is not
        well-formed XML."""
        shape = self._shape
        shape.elements = shape.attributes = shape.depth = 0
        etree.fromstring(content, self._parser)


# ----- the transport --------------------------------------------------------------------------


class ServiceTransport(LocalFilesTransport):
    """zeep transport for the loyalty endpoint: one session, a deadline per call, bounded answers.

    Every POST must be over within `timeout_seconds` in all (connecting, sending, reading the
    headers and the body), and waits at most `connect_timeout_seconds` of that to connect; past
    the deadline it raises `ServiceUnavailable` ("timed out"). An answer other than HTTP 200 or 500
    (the SOAP fault status) raises `ServiceUnavailable`; one larger than `max_response_bytes`,
    compressed, or refused by `AnswerScreen` raises `ResponseRefused`.
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
        self.timeout_seconds = timeout_seconds
        self.connect_timeout_seconds = min(connect_timeout_seconds or timeout_seconds, timeout_seconds)
        self.max_response_bytes = max_response_bytes
        self._screen = AnswerScreen()
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
        response, content = exchange_within(
            self.session,
            "POST",
            address,
            seconds=self.timeout_seconds,
            connect_seconds=self.connect_timeout_seconds,
            max_bytes=self.max_response_bytes,
            timed_out=self._timed_out,
            data=message,
            headers=headers,
            proxies=proxies,
            verify=verify,
            auth=auth,
        )
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
        try:
            self._screen.check(content)
        except etree.XMLSyntaxError:
            raise ServiceUnavailable(f"HTTP {response.status_code}: not a SOAP response") from None
        return response

    def _settings_for(self, address: str) -> tuple[Any, Any, Any]:
        """Proxies, TLS verification and .netrc credentials for `address`, as the session would
        take them from the environment on each call if it trusted it."""
        settings = self._environment.get(address)
        if settings is None:
            self.session.trust_env = self._trust_env
            try:
                # The session's own `verify` goes in: given None, requests lets REQUESTS_CA_BUNDLE
                # replace a configured CA bundle (or a configured False).
                merged = self.session.merge_environment_settings(
                    address, {}, None, self.session.verify, None
                )
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

    def _timed_out(self, *, unreachable: bool = False) -> ServiceUnavailable:
        return ServiceUnavailable(
            f"timed out: no complete answer within {self.timeout_seconds:g} s", unreachable=unreachable
        )

