"""A network receipt printer on 127.0.0.1 for tests: it records what the till sends.

`LoopbackPrinter` accepts connections on a free loopback port and keeps every connection's bytes
as one job. It answers real-time status requests (DLE EOT n) with the bytes in `status` (a dict
n -> byte; empty = a printer that never answers), like an ESC/POS printer. With `read=False` it
accepts and never reads, so the sender's buffers fill up: a printer stuck mid-job.
"""
from __future__ import annotations

import queue
import socket
import threading
from types import TracebackType

LOOPBACK = "127.0.0.1"

# Status answers (DLE EOT 1, 2, 4) of an Epson-compatible printer; bits 1 and 4 are always set.
READY = {1: 0x12, 2: 0x12, 4: 0x12}
PAPER_OUT = {1: 0x12 | 0x08, 2: 0x12 | 0x20, 4: 0x12 | 0x60}  # offline; stopped by paper end; no paper
COVER_OPEN = {1: 0x12 | 0x08, 2: 0x12 | 0x04, 4: 0x12}
PAPER_LOW = {1: 0x12, 2: 0x12, 4: 0x12 | 0x0C}


class LoopbackPrinter:
    """See the module documentation. Use as a context manager."""

    def __init__(self, status: dict[int, int] | None = None, *, read: bool = True, receive_buffer: int | None = None) -> None:
        self.status = dict(status or {})
        self.read = read
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if receive_buffer is not None:
            self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self._listener.bind((LOOPBACK, 0))
        self.port = self._listener.getsockname()[1]
        self.jobs: queue.Queue[bytes] = queue.Queue()
        self.accepted = threading.Event()
        self._connections: list[socket.socket] = []
        self._threads: list[threading.Thread] = []

    def uri(self, query: str = "") -> str:
        """The printer URI of this listener, with optional query options."""
        return f"tcp://{LOOPBACK}:{self.port}" + (f"?{query}" if query else "")

    def __enter__(self) -> "LoopbackPrinter":
        self._listener.listen(8)
        thread = threading.Thread(target=self._accept, name="loopback-printer", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

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
            self._connections.append(conn)
            self.accepted.set()
            if self.read:
                thread = threading.Thread(target=self._serve, args=(conn,), name="loopback-printer-conn", daemon=True)
                thread.start()
                self._threads.append(thread)

    def _serve(self, conn: socket.socket) -> None:
        received = bytearray()
        scanned = 0
        try:
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                received += chunk
                # Answer each complete DLE EOT n at once, as a printer does (real-time commands).
                while True:
                    at = received.find(b"\x10\x04", scanned)
                    if at < 0 or at + 2 >= len(received):
                        scanned = max(scanned, len(received) - 2)
                        break
                    answer = self.status.get(received[at + 2])
                    if answer is not None:
                        conn.sendall(bytes([answer]))
                    scanned = at + 3
        except OSError:
            pass
        finally:
            self.jobs.put(bytes(received))
            try:
                conn.close()
            except OSError:
                pass
