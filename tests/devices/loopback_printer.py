"""A network receipt printer on 127.0.0.1 for tests: it records what the till sends.

`LoopbackPrinter` accepts connections on a free loopback port and keeps every connection's bytes
as one job. It answers real-time status requests (DLE EOT n) like an ESC/POS printer, and it can
misbehave the ways a printer in trouble does. What it does with a connection is its `behaviour`
when the connection is accepted, so a test can set another one before a reprint:

- `status`: answers (n -> byte) to requests before any job bytes came; empty = never answers.
- `status_after_job`: answers to requests that come after job bytes (None: as `status`).
- `read_limit`: stop reading after this many bytes (0: never read); its buffers then fill up,
  a printer stuck mid-job. Give the listener a small `receive_buffer` to make that happen soon.
- `reset_at_limit`: at the read limit, reset the connection (RST) instead of holding it.
- `close_at_once`: close each connection as soon as it is accepted, reading nothing.
- `hold_open`: after the till's end of the job, keep the connection open instead of closing it.

With `listening=False` the port is bound but not listening: connections are refused until
`start_listening()`.
"""
from __future__ import annotations

import queue
import socket
import struct
import threading
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Mapping

LOOPBACK = "127.0.0.1"

# Status answers (DLE EOT 1, 2, 4) of an Epson-compatible printer; bits 1 and 4 are always set.
READY = {1: 0x12, 2: 0x12, 4: 0x12}
PAPER_OUT = {1: 0x12 | 0x08, 2: 0x12 | 0x20, 4: 0x12 | 0x60}  # offline; stopped by paper end; no paper
COVER_OPEN = {1: 0x12 | 0x08, 2: 0x12 | 0x04, 4: 0x12}
PAPER_LOW = {1: 0x12, 2: 0x12, 4: 0x12 | 0x0C}
NOT_STATUS = {1: 0x00, 2: 0x41, 4: 0xFF}  # bytes no ESC/POS printer sends as a status

_QUERIES = (b"\x10\x04\x01", b"\x10\x04\x02", b"\x10\x04\x03", b"\x10\x04\x04")


@dataclass(frozen=True)
class Behaviour:
    """What the loopback printer does with a connection; see the module documentation."""

    status: Mapping[int, int] = field(default_factory=lambda: dict(READY))
    status_after_job: Mapping[int, int] | None = None
    read_limit: int | None = None
    reset_at_limit: bool = False
    close_at_once: bool = False
    hold_open: bool = False


class LoopbackPrinter:
    """See the module documentation. Use as a context manager."""

    def __init__(
        self,
        status: dict[int, int] | None = None,
        *,
        read: bool = True,
        receive_buffer: int | None = None,
        behaviour: Behaviour | None = None,
        listening: bool = True,
    ) -> None:
        if behaviour is None:
            behaviour = Behaviour(status=dict(status or {}), read_limit=None if read else 0)
        self.behaviour = behaviour
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if receive_buffer is not None:
            self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self._listener.bind((LOOPBACK, 0))
        self.port = self._listener.getsockname()[1]
        self._listening = listening
        self.jobs: queue.Queue[bytes] = queue.Queue()
        self.accepted = threading.Event()
        self._connections: list[socket.socket] = []
        self._threads: list[threading.Thread] = []

    @property
    def status(self) -> dict[int, int]:
        """The status answers of the current behaviour."""
        return dict(self.behaviour.status)

    @status.setter
    def status(self, answers: dict[int, int]) -> None:
        self.behaviour = replace(self.behaviour, status=dict(answers), status_after_job=None)

    def uri(self, query: str = "") -> str:
        """The printer URI of this listener, with optional query options."""
        return f"tcp://{LOOPBACK}:{self.port}" + (f"?{query}" if query else "")

    def __enter__(self) -> "LoopbackPrinter":
        if self._listening:
            self._listening = False
            self.start_listening()
        return self

    def start_listening(self) -> None:
        """Take connections from now on (a printer switched on)."""
        if self._listening:
            return
        self._listening = True
        self._listener.listen(8)
        thread = threading.Thread(target=self._accept, name="loopback-printer", daemon=True)
        thread.start()
        self._threads.append(thread)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        # shutdown() wakes the threads blocked in accept()/recv(); close() alone would not.
        for sock in [self._listener, *self._connections]:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in self._threads:
            thread.join(5)
            assert not thread.is_alive(), "the loopback printer did not stop"
        for sock in [self._listener, *self._connections]:
            sock.close()

    def next_job(self, timeout: float = 10.0) -> bytes:
        """The bytes of the next connection that ended."""
        return self.jobs.get(timeout=timeout)

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            behaviour = self.behaviour
            self.accepted.set()
            if behaviour.close_at_once:
                conn.close()
                continue
            self._connections.append(conn)
            if behaviour.read_limit != 0:
                thread = threading.Thread(
                    target=self._serve, args=(conn, behaviour), name="loopback-printer-conn", daemon=True
                )
                thread.start()
                self._threads.append(thread)

    def _serve(self, conn: socket.socket, behaviour: Behaviour) -> None:
        received = bytearray()
        scanned = 0
        limit = behaviour.read_limit
        try:
            while limit is None or len(received) < limit:
                wanted = 65536 if limit is None else min(65536, limit - len(received))
                chunk = conn.recv(wanted)
                if not chunk:
                    break
                received += chunk
                # Answer each complete DLE EOT n at once, as a printer does (real-time commands).
                while True:
                    at = received.find(b"\x10\x04", scanned)
                    if at < 0 or at + 2 >= len(received):
                        scanned = max(scanned, len(received) - 2)
                        break
                    answers = behaviour.status
                    if behaviour.status_after_job is not None and _job_bytes_before(received, at):
                        answers = behaviour.status_after_job
                    answer = answers.get(received[at + 2])
                    if answer is not None:
                        conn.sendall(bytes([answer]))
                    scanned = at + 3
            else:
                self.jobs.put(bytes(received))  # before the reset, which the till may see at once
                if behaviour.reset_at_limit:
                    # Linger 0: close() sends RST and drops whatever is still unread.
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    conn.close()
                return  # held: nothing more is read; the socket closes when the printer stops
        except OSError:
            pass
        self.jobs.put(bytes(received))
        if behaviour.hold_open:
            return
        try:
            conn.close()
        except OSError:
            pass


def _job_bytes_before(received: bytearray, at: int) -> bool:
    """Whether anything but status requests came before position `at`."""
    head = bytes(received[:at])
    for request in _QUERIES:
        head = head.replace(request, b"")
    return bool(head)
