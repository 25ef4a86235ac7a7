"""Run the sandbox with waitress in a background thread: for tests, the demo and the command line.

    with start_sandbox() as sandbox:          # fresh SQLite file, demo data, free loopback port
        client = make_client(sandbox.url)      # e.g. http://127.0.0.1:54321/
        ...
        code = sandbox.codes[-1].code         # one-time codes 'sent' so far
        sandbox.faults.schedule(FaultRule(FaultKind.DROP, "CommitPurchase", every=3))
        with sandbox.refusing():              # connections refused until the block ends
            ...
"""
from __future__ import annotations

import logging
import shutil
import socket
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Counter, Iterator

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from waitress import wasyncore
from waitress.server import create_server

from loyalty_client.sandbox.clock import SandboxClock
from loyalty_client.sandbox.storage.database import has_customers, make_engine
from loyalty_client.sandbox.demo import seed_demo
from loyalty_client.sandbox.faults import FaultInjector, FaultRule
from loyalty_client.sandbox.logic import SandboxLoyalty, SentCode
from loyalty_client.sandbox.migrate import upgrade
from loyalty_client.sandbox.serving.soap import MAX_BODY_BYTES
from loyalty_client.sandbox.operations import OPERATIONS, REVISION_3_OPERATIONS
from loyalty_client.sandbox.serving.wsgi import SandboxApp, check_public_url
from loyalty_client.soap.contract import CONTRACT_REVISION

log = logging.getLogger(__name__)

SERVER_THREADS = 8
# waitress stops accepting new connections while this many are open (its count includes its
# listening socket and its wake-up pipe), and only resumes once some close. Its defaults (100,
# idle ones closed after 120 s, looked for every 30 s) let 98 connections that never finish
# their headers keep everyone out for minutes. Here a connection that has sent nothing for
# CHANNEL_TIMEOUT_SECONDS and has no request being served (a half-sent request, or an idle
# keep-alive one) is closed at the next cleanup, every CLEANUP_INTERVAL_SECONDS: the sandbox
# serves again within about 11 s of being flooded with idle connections. A till whose
# keep-alive connection was closed simply opens a new one. Someone trickling a byte every few
# seconds on each connection still keeps them open: waitress has no deadline for a whole request.
CONNECTION_LIMIT = 100  # far above the tills of a store, far below the usual 1024 open files
CHANNEL_TIMEOUT_SECONDS = 10
CLEANUP_INTERVAL_SECONDS = 1
_STOP_TIMEOUT_SECONDS = 10
_LOOP_TIMEOUT_SECONDS = 0.5  # only matters if the loop cannot be woken


@dataclass(frozen=True)
class ConnectionLimits:
    """How many connections the server keeps open at most, and after how long idle ones go."""

    connection_limit: int = CONNECTION_LIMIT
    channel_timeout: int = CHANNEL_TIMEOUT_SECONDS

    @property
    def cleanup_interval(self) -> int:
        """How often idle connections are looked for (waitress takes whole seconds)."""
        return max(1, min(CLEANUP_INTERVAL_SECONDS, self.channel_timeout))


class _Listener:
    """One waitress server on a bound socket, served by its own loop thread until `close()`."""

    def __init__(self, app: SandboxApp, listener: socket.socket, threads: int, limits: ConnectionLimits) -> None:
        self._socket_map: dict = {}
        self._stopping = threading.Event()
        self.server = create_server(
            app,
            map=self._socket_map,
            sockets=[listener],
            threads=threads,
            ident="till-loyalty-sandbox",
            max_request_body_size=4 * MAX_BODY_BYTES,
            expose_tracebacks=False,
            connection_limit=limits.connection_limit,
            channel_timeout=limits.channel_timeout,
            cleanup_interval=limits.cleanup_interval,
        )
        self._thread = threading.Thread(target=self._serve, name="sandbox-server", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        """The server loop (on its own thread): serve until stopped, then close every socket here."""
        socket_map = self._socket_map
        try:
            while socket_map and not self._stopping.is_set():
                wasyncore.loop(timeout=_LOOP_TIMEOUT_SECONDS, map=socket_map, count=1)
        finally:
            wasyncore.close_all(socket_map)

    def stop_listening(self) -> None:
        """Stop the loop: the listening socket and every connection are closed when this returns."""
        self._stopping.set()
        try:
            self.server.trigger.pull_trigger()  # wake the loop now rather than at its next timeout
        except OSError:  # the loop saw the flag first and has closed its sockets, trigger included
            log.debug("Песочница: цикл сервера уже остановлен")
        self._thread.join(_STOP_TIMEOUT_SECONDS)

    def end_workers(self) -> None:
        """Wait for the request workers to finish what they were doing (after `stop_listening`)."""
        self.server.task_dispatcher.shutdown(timeout=_STOP_TIMEOUT_SECONDS)


@dataclass
class RunningSandbox:
    """A sandbox serving on `url` until `stop()`: its logic, clock, database, sent codes and faults.

    `faults` schedules injected faults (see `loyalty_client.sandbox.faults`); `refuse_connections()`
    / `accept_connections()` (or `with refusing():`) take the sandbox off the network and back on
    the same port, so that tills see a real "connection refused" meanwhile.
    """

    url: str
    service: SandboxLoyalty
    db_url: str
    faults: FaultInjector = field(default_factory=FaultInjector)
    codes: list[SentCode] = field(default_factory=list)
    _app: SandboxApp | None = field(default=None, repr=False)
    _address: tuple[str, int] = field(default=("127.0.0.1", 0), repr=False)
    _threads: int = field(default=SERVER_THREADS, repr=False)
    _limits: ConnectionLimits = field(default_factory=ConnectionLimits, repr=False)
    _listener: _Listener | None = field(default=None, repr=False)
    _listener_lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _tempdir: str | None = field(default=None, repr=False)
    _codes_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _stopped: bool = field(default=False, repr=False)

    def served(self) -> "Counter[str]":
        """How many requests of each known operation (`CommitPurchase`, `DeliverBatch`, ...) arrived."""
        assert self._app is not None
        return self._app.served()

    @property
    def clock(self) -> SandboxClock:
        """The clock every operation reads; `advance()` it to let reservations and codes expire."""
        return self.service.clock

    @property
    def engine(self) -> Engine:
        """The sandbox database, for tests that look inside."""
        return self.service.engine

    @property
    def accepting(self) -> bool:
        """Whether the sandbox is listening (False while it refuses connections or once stopped)."""
        with self._listener_lock:
            return self._listener is not None

    def last_code(self, phone: str | None = None, customer_id: str | None = None) -> SentCode:
        """The latest code sent (to `phone` or to member `customer_id` if given)."""
        with self._codes_lock:
            for sent in reversed(self.codes):
                if (phone is None or sent.phone == phone) and (customer_id is None or sent.customer_id == customer_id):
                    return sent
        raise LookupError("no such one-time code was sent")

    def _record(self, sent: SentCode) -> None:
        with self._codes_lock:
            self.codes.append(sent)

    # ----- on and off the network -----------------------------------------------------------------
    def _listen(self) -> None:
        assert self._app is not None
        listener = _bind(*self._address)
        try:
            self._listener = _Listener(self._app, listener, self._threads, self._limits)
        except BaseException:
            listener.close()
            raise

    def refuse_connections(self) -> None:
        """Stop listening and drop every open connection: calls are refused until `accept_connections()`.

        Requests held by a slow or stall fault are let go (their answers reach nobody).
        """
        with self._listener_lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop_listening()
            self.faults.release()
            listener.end_workers()

    def accept_connections(self) -> None:
        """Listen again on the same address after `refuse_connections()` (no-op if listening)."""
        with self._listener_lock:
            if self._stopped:
                raise RuntimeError("the sandbox was stopped")
            if self._listener is None:
                self._listen()

    @contextmanager
    def refusing(self) -> Iterator[None]:
        """Refuse connections for the duration of the block."""
        self.refuse_connections()
        try:
            yield
        finally:
            self.accept_connections()

    def _refuse_for(self, seconds: float) -> None:
        """A `refuse` fault fired on a request worker: off the network now, back after `seconds`.

        The listener is closed before this returns (the request's own connection with it); the
        workers are waited for, and the listener reopened, on a thread of its own.
        """
        with self._listener_lock:
            listener, self._listener = self._listener, None
        if listener is None:
            return
        listener.stop_listening()

        def outage() -> None:
            self.faults.release()
            listener.end_workers()
            self.faults.wait(seconds)
            with self._listener_lock:
                if self._stopped or self._listener is not None:
                    return
                try:
                    self._listen()
                except OSError as exc:
                    log.error("Песочница: не удалось снова слушать %s: %s", self.url, exc)

        threading.Thread(target=outage, name="sandbox-outage", daemon=True).start()

    def stop(self) -> None:
        """Stop serving, wait for the server threads and release the database (idempotent)."""
        with self._listener_lock:
            if self._stopped:
                return
            self._stopped = True
        self.faults.release()
        self.refuse_connections()
        self.service.engine.dispose()
        if self._tempdir is not None:
            shutil.rmtree(self._tempdir, ignore_errors=True)

    def __enter__(self) -> "RunningSandbox":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def prepare_database(db_url: str, seed: bool, clock: SandboxClock) -> Engine:
    """Create or upgrade the schema (`migrate`) and seed the demo data into a database without members."""
    engine = make_engine(db_url)
    upgrade(engine)
    if seed and not has_customers(engine):
        with Session(engine) as session, session.begin():
            seed_demo(session, clock.now())
    return engine


def _bind(host: str, port: int) -> socket.socket:
    """A socket bound to `host:port` (0: a free port), so a busy port fails before any server exists."""
    family, socktype, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    listener = socket.socket(family, socktype, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        listener.bind(address)
    except BaseException:
        listener.close()
        raise
    return listener


def start_sandbox(
    db_url: str | None = None,
    *,
    seed: bool = True,
    host: str = "127.0.0.1",
    port: int = 0,
    clock: SandboxClock | None = None,
    on_code: Callable[[SentCode], None] | None = None,
    threads: int = SERVER_THREADS,
    faults: tuple[FaultRule, ...] | list[FaultRule] = (),
    allow_fault_requests: bool = False,
    connection_limit: int = CONNECTION_LIMIT,
    channel_timeout: int = CHANNEL_TIMEOUT_SECONDS,
    public_url: str | None = None,
    revision: int = CONTRACT_REVISION,
) -> RunningSandbox:
    """Serve the sandbox on `host:port` (0: a free port) in a background thread.

    `db_url` is any SQLAlchemy URL; None means a fresh SQLite file in a temporary folder removed on
    `stop()`. The schema is created, or upgraded to the newest revision (`migrate`); with `seed`,
    the demo data goes into a database that has no members yet. Every one-time code sent is
    appended to `.codes` and passed to `on_code` (called on a server thread). `faults` are
    scheduled from the start (more can be added on `.faults`); with `allow_fault_requests`, a
    request may also ask for a fault in its URL query (`?fault=drop`), which anyone who can reach
    the sandbox could then do. `connection_limit` and `channel_timeout` (whole seconds) bound the
    open connections and how long idle ones stay (see `CONNECTION_LIMIT`). The served WSDL names
    `public_url` (an http(s) address, e.g. a proxy's in front of the sandbox; ValueError if it is
    not one) or else `url`, the address the sandbox listens on. `revision` below 3 serves a
    service of that contract revision, without the revision-3 operations (`DeliverBatch`).
    """
    if public_url is not None:
        check_public_url(public_url)
    clock = clock or SandboxClock()
    tempdir = None
    if db_url is None:
        tempdir = tempfile.mkdtemp(prefix="till-loyalty-sandbox-")
        db_url = f"sqlite:///{Path(tempdir) / 'sandbox.sqlite'}"
    engine = prepare_database(db_url, seed, clock)
    service = SandboxLoyalty(engine, clock)
    try:
        listener = _bind(host, port)
    except BaseException:
        engine.dispose()
        if tempdir is not None:
            shutil.rmtree(tempdir, ignore_errors=True)
        raise
    bound_host, bound_port = listener.getsockname()[:2]
    shown_host = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
    url = f"http://{shown_host}:{bound_port}/"
    injector = FaultInjector(faults)
    running = RunningSandbox(
        url=url,
        service=service,
        db_url=db_url,
        faults=injector,
        _address=(str(bound_host), int(bound_port)),
        _threads=threads,
        _limits=ConnectionLimits(connection_limit, channel_timeout),
        _tempdir=tempdir,
    )
    running._app = SandboxApp(
        service,
        faults=injector,
        on_refuse=running._refuse_for,
        allow_fault_requests=allow_fault_requests,
        public_url=public_url or url,
        operations=OPERATIONS if revision >= 3 else {
            name: handler for name, handler in OPERATIONS.items() if name not in REVISION_3_OPERATIONS
        },
    )
    try:
        running._listener = _Listener(running._app, listener, threads, running._limits)
    except BaseException:
        listener.close()
        engine.dispose()
        if tempdir is not None:
            shutil.rmtree(tempdir, ignore_errors=True)
        raise
    service.add_code_observer(running._record)
    if on_code is not None:
        service.add_code_observer(on_code)
    log.info("Песочница лояльности слушает %s (база %s)", running.url, engine.url.render_as_string(hide_password=True))
    return running
