"""A pseudo-terminal pair standing in for a serial device: the code under test opens `path`.

Writing to `master` is the device sending (a scanner's codes); reading `master` is what the
device received (a printer's job). `unplug()` closes the master, which makes the path vanish and
the other side's reads fail, as when a USB serial device is pulled out.
"""
from __future__ import annotations

import os
import select
import tty
from types import TracebackType


class PtyPort:
    """See the module documentation. Use as a context manager."""

    def __init__(self) -> None:
        self.master, self._slave = os.openpty()
        self.path = os.ttyname(self._slave)
        tty.setraw(self._slave)  # no echo, no CR/LF translation before the port is opened
        self.plugged = True

    def send(self, data: bytes) -> None:
        """Bytes from the device to the computer."""
        os.write(self.master, data)

    def received(self, size: int, timeout: float = 10.0) -> bytes:
        """At least one and up to `size` bytes the computer sent to the device; b"" on timeout."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        return os.read(self.master, size) if ready else b""

    def read_exactly(self, size: int, timeout: float = 10.0) -> bytes:
        """`size` bytes the computer sent (fewer if none came for `timeout` seconds)."""
        out = bytearray()
        while len(out) < size:
            chunk = self.received(size - len(out), timeout)
            if not chunk:
                break
            out += chunk
        return bytes(out)

    def unplug(self) -> None:
        """Pull the device out: the path disappears, reads on the other side fail."""
        if self.plugged:
            os.close(self.master)
            os.close(self._slave)
            self.plugged = False

    def __enter__(self) -> "PtyPort":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.unplug()
