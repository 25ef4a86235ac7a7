"""A serial barcode scanner read on its own thread, reconnecting by itself after an unplug.

`SerialScannerReader` opens the port with pyserial (`serial_for_url`, so a plain path, a COM
name or a pseudo-terminal all work), cuts the byte stream into codes (`devices.scanner.framing`), and
calls back:

- `on_frame(data: bytes)` for every complete code (classify it with
  `devices.scanner.scan_classifier.classify_scan`);
- `on_status(ScannerEvent)`: CONNECTED when the port is open and read; DISCONNECTED when an
  open port failed (unplugged, read error); RECONNECTING after every failed attempt to open it,
  with the reason and the attempt number (so a first event RECONNECTING with attempt 1 means
  the port could not be opened at all); STOPPED when the thread ends;
- `on_overflow(length: int)` when an overlong frame was dropped.

All callbacks run on the reader's thread: a GUI must hand them over to its own thread (a Qt
signal does that). A callback that raises is logged and the reader carries on.

After a read error or a vanished port the reader keeps trying to reopen it, with a backoff from
`retry_initial` doubling up to `retry_max` seconds, until `stop()`. If the port is known by its
USB identity (serial number and/or VID:PID, from the URI or learnt from the system's port list
when it first opened) it is looked up again by that identity, so a scanner that comes back as
`/dev/ttyACM1` instead of `/dev/ttyACM0` is found; otherwise the same path is tried again.
Reads use a short timeout, so `stop()` returns promptly.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from enum import Enum
from types import TracebackType
from typing import Any, Callable, Iterable

import serial
from serial.tools import list_ports as _list_ports

from devices.scanner.framing import Frame, FrameAssembler, Overflow
from devices.uris import SerialScannerConfig

log = logging.getLogger(__name__)

DEFAULT_READ_TIMEOUT = 0.05
DEFAULT_RETRY_INITIAL = 0.2
DEFAULT_RETRY_MAX = 5.0


class ScannerStatus(str, Enum):
    """The reader's connection state."""

    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    RECONNECTING = "reconnecting"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ScannerEvent:
    """A change of the reader's state: which port, and a short reason for people."""

    status: ScannerStatus
    port: str
    message: str = ""
    attempt: int = 0  # RECONNECTING: how many tries failed so far


@dataclass(frozen=True)
class PortIdentity:
    """How to recognise a USB serial port whatever path it comes back under."""

    serial_number: str | None = None
    vendor_id: int | None = None
    product_id: int | None = None

    def matches(self, info: Any) -> bool:
        """True when a `serial.tools.list_ports` entry is this device."""
        if self.serial_number is not None and getattr(info, "serial_number", None) != self.serial_number:
            return False
        if self.vendor_id is not None and getattr(info, "vid", None) != self.vendor_id:
            return False
        if self.product_id is not None and getattr(info, "pid", None) != self.product_id:
            return False
        return self.serial_number is not None or self.vendor_id is not None

    @classmethod
    def of(cls, info: Any) -> "PortIdentity | None":
        """The identity of a port list entry, or None when it is not a USB device."""
        if getattr(info, "vid", None) is None:
            return None
        return cls(getattr(info, "serial_number", None) or None, info.vid, getattr(info, "pid", None))


FrameCallback = Callable[[bytes], None]
StatusCallback = Callable[[ScannerEvent], None]
OverflowCallback = Callable[[int], None]


class SerialScannerReader:
    """Reads codes from a serial scanner on a thread of its own; see the module documentation."""

    def __init__(
        self,
        config: SerialScannerConfig,
        on_frame: FrameCallback,
        on_status: StatusCallback | None = None,
        on_overflow: OverflowCallback | None = None,
        *,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        retry_initial: float = DEFAULT_RETRY_INITIAL,
        retry_max: float = DEFAULT_RETRY_MAX,
        list_ports: Callable[[], Iterable[Any]] = _list_ports.comports,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self._on_frame = on_frame
        self._on_status = on_status
        self._on_overflow = on_overflow
        gap = config.gap_ms / 1000.0 if config.gap_ms is not None else None
        self._read_timeout = min(read_timeout, gap / 2) if gap is not None else read_timeout
        self._retry_initial = retry_initial
        self._retry_max = retry_max
        self._list_ports = list_ports
        self._clock = clock
        self._assembler = FrameAssembler(config.terminator, gap, config.max_length)
        self._identity: PortIdentity | None = None
        if config.serial_number is not None or config.usb_id is not None:
            vid, pid = config.usb_id if config.usb_id is not None else (None, None)
            self._identity = PortIdentity(config.serial_number, vid, pid)
        self._path = config.path
        self._status = ScannerStatus.DISCONNECTED
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ----- control ----------------------------------------------------------------------------

    def start(self) -> None:
        """Start reading on a new thread (named after the port)."""
        if self._thread is not None:
            raise RuntimeError("the reader was already started")
        self._thread = threading.Thread(target=self._run, name=f"scanner {self.config.path}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> bool:
        """Stop reading, close the port and join the thread; True when it ended within `timeout`."""
        self._stop.set()
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(timeout)
        return not thread.is_alive()

    @property
    def status(self) -> ScannerStatus:
        """The last reported state."""
        return self._status

    @property
    def port(self) -> str:
        """The path in use, or last tried."""
        return self._path

    @property
    def running(self) -> bool:
        """True while the reader thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> "SerialScannerReader":
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ----- the thread -------------------------------------------------------------------------

    def _run(self) -> None:
        failures = 0
        try:
            while not self._stop.is_set():
                path = self._find_port()
                try:
                    port = self._open(path)
                except (serial.SerialException, OSError, ValueError) as exc:
                    failures += 1
                    delay = min(self._retry_max, self._retry_initial * 2 ** min(failures - 1, 16))
                    self._report(
                        ScannerStatus.RECONNECTING,
                        path,
                        f"cannot open {path}: {_reason(exc)}; next try in {delay:.1f} s",
                        failures,
                    )
                    if self._stop.wait(delay):
                        break
                    continue
                failures = 0
                self._path = path
                self._learn_identity(path)
                self._report(ScannerStatus.CONNECTED, path, f"reading {path}")
                try:
                    error = self._read(port)
                finally:
                    _close_quietly(port)
                    self._assembler.reset()
                if error is None:
                    break
                self._report(ScannerStatus.DISCONNECTED, path, error)
        finally:
            self._report(ScannerStatus.STOPPED, self._path, "stopped")

    def _open(self, path: str) -> Any:
        port = serial.serial_for_url(
            path,
            baudrate=self.config.baudrate,
            timeout=self._read_timeout,
            do_not_open=True,
        )
        if os.name == "posix" and "://" not in path:
            port.exclusive = True  # a second program reading the same scanner would steal codes
        port.open()
        try:
            port.reset_input_buffer()
        except (serial.SerialException, OSError):
            pass
        return port

    def _read(self, port: Any) -> str | None:
        """Read until stopped (None) or the port fails (the reason)."""
        while not self._stop.is_set():
            try:
                waiting = port.in_waiting
                data = port.read(max(1, min(waiting, 4096)))
            except (serial.SerialException, OSError) as exc:
                return f"lost {self._path}: {_reason(exc)}"
            now = self._clock()
            events = self._assembler.feed(data, now) if data else self._assembler.flush_if_idle(now)
            for event in events:
                if isinstance(event, Frame):
                    self._call(self._on_frame, event.data)
                elif isinstance(event, Overflow):
                    log.warning("dropped a %d-byte frame from %s (limit %d)", event.length, self._path, self.config.max_length)
                    if self._on_overflow is not None:
                        self._call(self._on_overflow, event.length)
        return None

    def _find_port(self) -> str:
        """The path to open: where the known USB device is now, else the last path."""
        if self._identity is None:
            return self._path
        try:
            candidates = [info for info in self._list_ports() if self._identity.matches(info)]
        except Exception as exc:  # the port list is best effort
            log.debug("listing serial ports failed: %s", exc)
            return self._path
        for info in candidates:
            if info.device == self._path:
                return self._path
        if candidates:
            log.info("scanner found again at %s (was %s)", candidates[0].device, self._path)
            return str(candidates[0].device)
        return self._path

    def _learn_identity(self, path: str) -> None:
        if self._identity is not None:
            return
        try:
            real = os.path.realpath(path)
            for info in self._list_ports():
                if info.device in (path, real):
                    self._identity = PortIdentity.of(info)
                    return
        except Exception as exc:
            log.debug("listing serial ports failed: %s", exc)

    def _report(self, status: ScannerStatus, port: str, message: str, attempt: int = 0) -> None:
        self._status = status
        if self._on_status is not None:
            self._call(self._on_status, ScannerEvent(status, port, message, attempt))

    def _call(self, callback: Callable[[Any], None], value: Any) -> None:
        try:
            callback(value)
        except Exception:
            log.exception("scanner callback failed")


def _close_quietly(port: Any) -> None:
    try:
        port.close()
    except (serial.SerialException, OSError):
        pass


def _reason(exc: BaseException) -> str:
    code = getattr(exc, "errno", None)
    if isinstance(code, int) and code > 0:
        return os.strerror(code)
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
