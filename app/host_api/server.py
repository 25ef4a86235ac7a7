"""The host API's server: uvicorn on a thread of its own, started and stopped with the till.

The listening socket is bound here, before uvicorn runs, so that a port in use or an address
that is not loopback is a clear `HostApiUnavailable` at once (the till then shows it and keeps
working without the API). uvicorn runs with its signal handlers off (the till owns the process's
signals) and without its own logging setup.
"""
from __future__ import annotations

import errno
import ipaddress
import logging
import os
import socket
import threading
from typing import Any

import uvicorn

from app.host_api.events import StateBroadcaster

log = logging.getLogger(__name__)

LOOPBACK_ADDRESSES = ("127.0.0.1", "::1")
"""The only addresses the API listens on."""


HTTP_PARSER = "auto"
"""uvicorn's HTTP/1.1 implementation: "auto" is httptools (C, llhttp; a dependency) where it is
installed, which parses a request in a fraction of h11's time; h11 otherwise."""

EVENT_LOOP = "auto"
"""uvicorn's event loop: "auto" is uvloop (libuv; a dependency except on Windows, where it does
not exist) where it is installed, asyncio's own otherwise."""


class HostApiUnavailable(RuntimeError):
    """The API cannot listen where it was told (another address than loopback, a port in use)."""


def loopback_address(host: str) -> str:
    """`host` if it is 127.0.0.1 or ::1; anything else is refused with `HostApiUnavailable`."""
    try:
        address = ipaddress.ip_address(host.strip().strip("[]"))
    except ValueError:
        address = None
    if address is None or str(address) not in LOOPBACK_ADDRESSES:
        raise HostApiUnavailable(
            f"the host API listens only on 127.0.0.1 or ::1, not on {host!r}: the POS runs on the same"
            " computer, and nothing else may reach the till ([host_api] host in the settings)"
        )
    return str(address)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on the loopback address `host` and `port` (0: a free one)."""
    address = loopback_address(host)
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name == "nt":  # on Windows SO_REUSEADDR would let another program take the port
            sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_EXCLUSIVEADDRUSE", 0), 1)
        else:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit it: an answer's headers and body go out at once instead of
        # the body waiting ~40 ms for the client's delayed acknowledgement of the headers.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((address, port))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            raise HostApiUnavailable(
                f"port {port} on {address} is in use by another program: the host API is off. Stop that"
                " program or choose another port ([host_api] port in the settings)"
            ) from exc
        raise HostApiUnavailable(f"the host API cannot listen on {address} port {port}: {exc.strerror or exc}") from exc
    sock.setblocking(False)
    return sock


class _Server(uvicorn.Server):
    """uvicorn without signal handlers: the till quits it."""

    def install_signal_handlers(self) -> None:  # older uvicorn
        return

    def capture_signals(self) -> Any:  # uvicorn >= 0.29
        import contextlib

        return contextlib.nullcontext()


class HostApiServer:
    """Serves an ASGI app on a loopback socket from a thread; `start` binds, `stop` ends it."""

    def __init__(
        self,
        app: Any,
        host: str,
        port: int,
        broadcaster: StateBroadcaster | None = None,
        *,
        http: str = HTTP_PARSER,
        loop: str = EVENT_LOOP,
    ) -> None:
        self._http = http
        self._loop = loop
        self._app = app
        self._host = host
        self._port = port
        self._broadcaster = broadcaster
        self._socket: socket.socket | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port listened on (the one chosen when 0 was asked for)."""
        if self._socket is None:
            return self._port
        return int(self._socket.getsockname()[1])

    @property
    def url(self) -> str:
        """The API's base address, e.g. `http://127.0.0.1:8766`."""
        host = loopback_address(self._host)
        return f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"

    def start(self) -> None:
        """Bind now (raising `HostApiUnavailable`), then serve on a thread."""
        self._socket = bind(self._host, self._port)
        config = uvicorn.Config(
            self._app,
            log_config=None,
            access_log=False,
            lifespan="off",
            loop=self._loop,
            http=self._http,
            ws="none",
            server_header=False,
            timeout_graceful_shutdown=2,
            timeout_keep_alive=30,
        )
        self._server = _Server(config)
        self._thread = threading.Thread(target=self._serve, name="host-api", daemon=True)
        self._thread.start()
        log.info("host API listening at %s", self.url)

    def _serve(self) -> None:
        assert self._server is not None and self._socket is not None
        try:
            self._server.run(sockets=[self._socket])  # on the configured event loop
        except BaseException:  # uvicorn ends a failed start with SystemExit: keep it in this thread
            log.exception("the host API stopped")

    @property
    def started(self) -> bool:
        """Whether uvicorn is serving."""
        return self._server is not None and self._server.started

    def stop(self, timeout: float = 5.0) -> None:
        """End the event streams, let requests under way finish, and stop (waits up to `timeout`)."""
        if self._broadcaster is not None:
            self._broadcaster.close()
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("the host API did not stop within %.0f s", timeout)
        if self._socket is not None:
            self._socket.close()
        self._thread = None
