"""Misbehaving loopback servers for the SOAP client's failure tests: each one a real local socket.

- `refusing_port()`: a port bound but not listening, so a connection is refused at once.
- `SilentServer`: accepts connections and never answers.
- `CannedServer`: answers every request with a fixed status, content type and body, and counts
  the connections and requests it saw.
- `HangUpServer`: reads the request, then closes the connection without a word.
- `DripServer`: reads the request, then answers one byte at a time, in the headers or in the body.

`self_signed_tls` makes a TLS server context for 127.0.0.1 (with `cryptography`, which the
keyring backend brings along). `run_within` runs a call on a worker thread and gives up waiting for it after a limit, so a test
against a client that hangs fails at the limit instead of hanging with it.
"""
from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

LOOPBACK = "127.0.0.1"


@contextmanager
def refusing_port() -> Iterator[int]:
    """A loopback port with no listener; held (bound) for the block so nobody else takes it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((LOOPBACK, 0))
        yield sock.getsockname()[1]
    finally:
        sock.close()


@dataclass
class Outcome:
    """How a call run by `run_within` ended: its result or what it raised, and how long it took."""

    seconds: float
    result: Any = None
    error: BaseException | None = None


def run_within(limit: float, call: Callable[[], Any]) -> Outcome:
    """Run `call` on a worker thread; its outcome, or `AssertionError` if it is not over in `limit` s.

    A call still running is left to its (daemon) thread: stopping the server it waits on ends it.
    """
    outcome = Outcome(seconds=0.0)

    def work() -> None:
        started = time.monotonic()
        try:
            outcome.result = call()
        except BaseException as exc:  # noqa: BLE001 (handed to the test thread)
            outcome.error = exc
        outcome.seconds = time.monotonic() - started

    worker = threading.Thread(target=work, name="call-under-test", daemon=True)
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        raise AssertionError(f"the call was still waiting after {limit:g} s")
    return outcome


class _Server:
    """Start on enter, stop and join on exit; `url` is where to send the SOAP requests."""

    url: str

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> "_Server":
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class SilentServer(_Server):
    """Accepts every connection, reads nothing and never answers."""

    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind((LOOPBACK, 0))
        self.url = f"http://{LOOPBACK}:{self._listener.getsockname()[1]}/"
        self._accepted: list[socket.socket] = []
        self.accepted = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="silent-server", daemon=True)

    def start(self) -> None:
        self._listener.listen(8)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return  # listener closed
            self._accepted.append(conn)
            self.accepted.set()

    def stop(self) -> None:
        self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._thread.join(timeout=5)
        self.hang_up()

    def hang_up(self) -> None:
        """Close every accepted connection (a waiting client sees the peer go away)."""
        for conn in self._accepted:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()

    @property
    def connections(self) -> int:
        """How many connections were accepted."""
        return len(self._accepted)


class CannedServer(_Server):
    """An HTTP server answering every POST with the same status, content type and body."""

    def __init__(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/xml; charset=utf-8",
        *,
        headers: dict[str, str] | None = None,
        send_length: bool = True,
    ) -> None:
        self.status = status
        self.body = body
        self.content_type = content_type
        self.extra_headers = headers or {}
        self.send_length = send_length
        self.requests: list[bytes] = []
        self.connections = 0
        self._httpd = ThreadingHTTPServer((LOOPBACK, 0), self._handler())
        self._httpd.daemon_threads = True
        self.url = f"http://{LOOPBACK}:{self._httpd.server_address[1]}/"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.02},  # how soon `stop` is noticed
            name="canned-server",
            daemon=True,
        )

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1" if server.send_length else "HTTP/1.0"

            def setup(self) -> None:
                server.connections += 1
                super().setup()

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length", "0"))
                server.requests.append(self.rfile.read(length))
                self.send_response(server.status)
                self.send_header("Content-Type", server.content_type)
                for name, value in server.extra_headers.items():
                    self.send_header(name, value)
                if server.send_length:
                    self.send_header("Content-Length", str(len(server.body)))
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(server.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


class HangUpServer(_Server):
    """Reads each request's first bytes, then closes the connection without answering."""

    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind((LOOPBACK, 0))
        self.url = f"http://{LOOPBACK}:{self._listener.getsockname()[1]}/"
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, name="hang-up-server", daemon=True)

    def start(self) -> None:
        self._listener.listen(8)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.recv(65536)

    def stop(self) -> None:
        self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._thread.join(timeout=5)


class DripServer(_Server):
    """Reads each request, then sends `answer` one byte every `interval` seconds.

    With `part="headers"` the drip starts at the status line; with `part="body"` the status line
    and headers (with the full Content-Length) go at once and only the body drips. Each connection
    is served by its own thread; `stop` ends them all. With `reads_request=False` the drip starts
    as soon as the connection is accepted (as a TLS server's handshake answer would); with `tls`
    (a server context) the connection is TLS and the drip is inside it. `served` holds, per connection, when the
    request arrived and when the client went away (`None` while it is still there).
    """

    def __init__(
        self,
        answer: bytes,
        *,
        interval: float = 0.3,
        part: str = "headers",
        reads_request: bool = True,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        if part not in ("headers", "body"):
            raise ValueError("part is 'headers' or 'body'")
        self.answer = answer
        self.interval = interval
        self.part = part
        self.reads_request = reads_request
        self.tls = tls
        self.requests = 0
        self.served: list[list[float | None]] = []
        self._stopping = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind((LOOPBACK, 0))
        self.url = f"http://{LOOPBACK}:{self._listener.getsockname()[1]}/"
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, name="drip-server", daemon=True)

    def start(self) -> None:
        self._listener.listen(8)
        self._accepting.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            worker = threading.Thread(target=self._serve, args=(conn,), name="drip", daemon=True)
            self._threads.append(worker)
            worker.start()

    def _serve(self, conn: socket.socket) -> None:
        if self.tls is not None:
            try:
                conn = self.tls.wrap_socket(conn, server_side=True)
            except (OSError, ssl.SSLError):
                conn.close()
                return
        with conn:
            if self.reads_request and not _read_request(conn):
                return
            self.requests += 1
            times: list[float | None] = [time.monotonic(), None]
            self.served.append(times)
            head, _, body = self.answer.partition(b"\r\n\r\n")
            if self.part == "body":
                at_once, drip = head + b"\r\n\r\n", body
            else:
                at_once, drip = b"", self.answer
            try:
                conn.sendall(at_once)
                for i in range(len(drip)):
                    if self._stopping.wait(self.interval):
                        return
                    conn.sendall(drip[i : i + 1])
                self._stopping.wait()
            except OSError:
                times[1] = time.monotonic()  # the client closed its end

    def stop(self) -> None:
        self._stopping.set()
        self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._accepting.join(timeout=5)
        for worker in self._threads:
            worker.join(timeout=5)


def http_answer(body: bytes, status: str = "200 OK", *, send_length: bool = True) -> bytes:
    """A whole HTTP/1.1 answer carrying `body` as a SOAP 1.1 document (for `DripServer`);
    without `send_length`, the body ends where the connection does."""
    length = f"Content-Length: {len(body)}" if send_length else "Connection: close"
    head = f"HTTP/1.1 {status}\r\nContent-Type: text/xml; charset=utf-8\r\n{length}\r\n\r\n"
    return head.encode() + body


def _read_request(conn: socket.socket) -> bool:
    """Read one HTTP request (headers, then Content-Length bytes of body); False if cut short."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return False
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return False
        body += chunk
    return True


def self_signed_tls(folder: Path) -> tuple[ssl.SSLContext, Path]:
    """A TLS server context for 127.0.0.1 with a fresh self-signed certificate, and that
    certificate's PEM file in `folder` (the CA bundle a client must be given to trust it)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, LOOPBACK)])
    now = datetime.now(timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(LOOPBACK))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "server.pem", folder / "server.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context, cert_file
