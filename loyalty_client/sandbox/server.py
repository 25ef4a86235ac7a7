"""Run the sandbox with waitress in a background thread: for tests, the demo and the command line.

    with start_sandbox() as sandbox:          # fresh SQLite file, demo data, free loopback port
        client = make_client(sandbox.url)      # e.g. http://127.0.0.1:54321/
        ...
        code = sandbox.codes[-1].code         # one-time codes 'sent' so far
"""
from __future__ import annotations

import logging
import shutil
import socket
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from waitress import wasyncore
from waitress.server import create_server

from loyalty_client.sandbox.clock import SandboxClock
from loyalty_client.sandbox.database import create_schema, has_customers, make_engine
from loyalty_client.sandbox.demo import seed_demo
from loyalty_client.sandbox.logic import SandboxLoyalty, SentCode
from loyalty_client.sandbox.soap import MAX_BODY_BYTES
from loyalty_client.sandbox.wsgi import SandboxApp

log = logging.getLogger(__name__)

SERVER_THREADS = 8
_STOP_TIMEOUT_SECONDS = 10
_LOOP_TIMEOUT_SECONDS = 0.5  # only matters if the loop cannot be woken


@dataclass
class RunningSandbox:
    """A sandbox serving on `url` until `stop()`: its logic, clock, database and sent codes."""

    url: str
    service: SandboxLoyalty
    db_url: str
    codes: list[SentCode] = field(default_factory=list)
    _server: Any = field(default=None, repr=False)
    _socket_map: dict = field(default_factory=dict, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _tempdir: str | None = field(default=None, repr=False)
    _codes_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _stopped: bool = field(default=False, repr=False)
    _stopping: threading.Event = field(default_factory=threading.Event, repr=False)

    def _serve(self) -> None:
        """The server loop (on its own thread): serve until stopped, then close every socket here."""
        socket_map = self._socket_map
        try:
            while socket_map and not self._stopping.is_set():
                wasyncore.loop(timeout=_LOOP_TIMEOUT_SECONDS, map=socket_map, count=1)
        finally:
            wasyncore.close_all(socket_map)

    @property
    def clock(self) -> SandboxClock:
        """The clock every operation reads; `advance()` it to let reservations and codes expire."""
        return self.service.clock

    @property
    def engine(self) -> Engine:
        """The sandbox database, for tests that look inside."""
        return self.service.engine

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

    def stop(self) -> None:
        """Stop serving, wait for the server thread and release the database (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        server = self._server
        self._stopping.set()
        try:
            server.trigger.pull_trigger()  # wake the loop now rather than at its next timeout
        except OSError:
            log.warning("Песочница: не удалось разбудить цикл сервера, он остановится по таймауту")
        if self._thread is not None:
            self._thread.join(_STOP_TIMEOUT_SECONDS)
        server.task_dispatcher.shutdown(timeout=_STOP_TIMEOUT_SECONDS)
        self.service.engine.dispose()
        if self._tempdir is not None:
            shutil.rmtree(self._tempdir, ignore_errors=True)

    def __enter__(self) -> "RunningSandbox":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def prepare_database(db_url: str, seed: bool, clock: SandboxClock) -> Engine:
    """Create the schema if missing and seed the demo data into a database without members."""
    engine = make_engine(db_url)
    create_schema(engine)
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
) -> RunningSandbox:
    """Serve the sandbox on `host:port` (0: a free port) in a background thread.

    `db_url` is any SQLAlchemy URL; None means a fresh SQLite file in a temporary folder removed on
    `stop()`. The schema is created if missing; with `seed`, the demo data goes into a database
    that has no members yet. Every one-time code sent is appended to `.codes` and passed to
    `on_code` (called on a server thread).
    """
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
    socket_map: dict = {}
    server = create_server(
        SandboxApp(service),
        map=socket_map,
        sockets=[listener],
        threads=threads,
        ident="till-loyalty-sandbox",
        max_request_body_size=4 * MAX_BODY_BYTES,
        expose_tracebacks=False,
    )
    bound_host, bound_port = server.effective_host, server.effective_port
    shown_host = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
    running = RunningSandbox(
        url=f"http://{shown_host}:{bound_port}/",
        service=service,
        db_url=db_url,
        _server=server,
        _socket_map=socket_map,
        _tempdir=tempdir,
    )
    service.add_code_observer(running._record)
    if on_code is not None:
        service.add_code_observer(on_code)
    running._thread = threading.Thread(target=running._serve, name="sandbox-server", daemon=True)
    running._thread.start()
    log.info("Песочница лояльности слушает %s (база %s)", running.url, engine.url.render_as_string(hide_password=True))
    return running
