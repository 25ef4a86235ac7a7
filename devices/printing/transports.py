"""Getting a job's bytes to a receipt printer within a deadline, and reading its status.

One transport per kind of printer URI. Each `send(data, timeout)` returns a `PrinterStatus` and
never raises for a printer problem; none of them waits longer than `timeout` seconds (except the
Windows spooler, which is asked to take the job and answers at once). Network printers are in
`devices.printing.tcp_transport`: a job there counts as printed only once the printer confirmed it.
Where a serial or USB connection is two-way the printer is first asked for its real-time status
(`DLE EOT`) for a short moment: a printer that says it is out of paper, has its cover open or is
offline does not get the job, so the job can be printed again later in full. A device that does
not answer status requests simply gets the job.

These are the blocking calls; run them on the printer's worker thread, never on a GUI thread.
"""
from __future__ import annotations

import errno
import logging
import os
import select
import shutil
import stat
import subprocess
import sys
import time
from typing import Any, Protocol

import serial

from devices.printing.deadline import Deadline
from devices.printing.printer_status import (
    STATUS_QUERY,
    STATUS_REPLY_LENGTH,
    PrinterState,
    PrinterStatus,
    StatusReason,
    parse_status_replies,
)
from devices.printing.tcp_transport import TcpTransport
from devices.uris import (
    CupsPrinterConfig,
    FilePrinterConfig,
    PrinterConfig,
    SerialPrinterConfig,
    TcpPrinterConfig,
    UsbPrinterConfig,
    Win32PrinterConfig,
)

log = logging.getLogger(__name__)

DEFAULT_STATUS_WAIT = 0.3  # how long serial and USB wait for a DLE EOT answer before sending anyway
_POLL_INTERVAL = 0.01


class Transport(Protocol):
    """Sends bytes to one printer."""

    def send(self, data: bytes, timeout: float) -> PrinterStatus:
        """Send a whole job within `timeout` seconds; the status says whether it went out."""
        ...

    def check(self, timeout: float) -> PrinterStatus:
        """Connect and ask the printer how it is, within `timeout` seconds, printing nothing."""
        ...


def _unknown_status(reason: StatusReason, **params: str) -> PrinterStatus:
    return PrinterStatus(PrinterState.OK, reason, params)


# ----- serial ---------------------------------------------------------------------------------


class SerialTransport:
    """A printer on a serial port: write timeout, bounded drain, DLE EOT status first."""

    def __init__(self, config: SerialPrinterConfig, status_wait: float = DEFAULT_STATUS_WAIT) -> None:
        self.config = config
        self.status_wait = status_wait

    def _open(self, deadline: Deadline) -> Any:
        try:
            port = serial.serial_for_url(
                self.config.path,
                baudrate=self.config.baudrate,
                rtscts=self.config.rtscts,
                timeout=0,
                write_timeout=max(deadline.left(), 0.001),
                do_not_open=True,
            )
            port.open()
            return port
        except (serial.SerialException, OSError, ValueError) as exc:
            return PrinterStatus.offline(StatusReason.CANNOT_OPEN, device=self.config.path, detail=_first_line(exc))

    def _status(self, port: Any, deadline: Deadline) -> PrinterStatus | None:
        wait_until = Deadline(min(self.status_wait, deadline.left()))
        try:
            port.reset_input_buffer()
            port.write_timeout = max(wait_until.left(), 0.001)
            port.write(STATUS_QUERY)
            replies = b""
            while len(replies) < STATUS_REPLY_LENGTH and not wait_until.passed():
                port.timeout = max(min(wait_until.left(), 0.05), 0.001)
                replies += port.read(STATUS_REPLY_LENGTH - len(replies))
        except serial.SerialTimeoutException:
            return PrinterStatus.offline(StatusReason.NOT_TAKING_DATA, device=self.config.path)
        except (serial.SerialException, OSError) as exc:
            return PrinterStatus.offline(StatusReason.FAILED, device=self.config.path, detail=_first_line(exc))
        return parse_status_replies(replies)

    def send(self, data: bytes, timeout: float) -> PrinterStatus:
        """Send a job; see the module documentation."""
        deadline = Deadline(timeout)
        port = self._open(deadline)
        if isinstance(port, PrinterStatus):
            return port
        try:
            status = self._status(port, deadline)
            if status is not None and not status.ok:
                return status
            try:
                port.write_timeout = max(deadline.left(), 0.001)
                port.write(data)
                while port.out_waiting and not deadline.passed():
                    time.sleep(_POLL_INTERVAL)  # bounded drain: close() could otherwise wait 30 s
                if port.out_waiting:
                    raise serial.SerialTimeoutException("output not drained")
            except serial.SerialTimeoutException:
                _discard_output(port)
                return PrinterStatus.offline(StatusReason.STOPPED_TAKING_DATA, device=self.config.path)
            except (serial.SerialException, OSError) as exc:
                _discard_output(port)
                return PrinterStatus.offline(StatusReason.FAILED, device=self.config.path, detail=_first_line(exc))
        finally:
            _close_quietly(port)
        if status is not None:
            return PrinterStatus(PrinterState.OK, StatusReason.PRINTED, paper_low=status.paper_low)
        return PrinterStatus.ready()

    def check(self, timeout: float) -> PrinterStatus:
        """Open the port and read the status; see the module documentation."""
        deadline = Deadline(timeout)
        port = self._open(deadline)
        if isinstance(port, PrinterStatus):
            return port
        try:
            status = self._status(port, deadline)
        finally:
            _discard_output(port)
            _close_quietly(port)
        return status or _unknown_status(StatusReason.NO_STATUS_REPORTED, device=self.config.path)


def _discard_output(port: Any) -> None:
    try:
        port.reset_output_buffer()
    except (serial.SerialException, OSError):
        pass


def _close_quietly(port: Any) -> None:
    try:
        port.close()
    except (serial.SerialException, OSError):
        pass


# ----- device file ----------------------------------------------------------------------------

_LPGETSTATUS = 0x060B  # Linux parallel/USB printer class ioctl
_LP_PSELECD = 0x10
_LP_POUTPA = 0x20


class FileTransport:
    """A printer device file (`/dev/usb/lp0`): non-blocking writes waited on until the deadline."""

    def __init__(self, config: FilePrinterConfig) -> None:
        self.config = config

    def _open(self) -> int | PrinterStatus:
        path = self.config.path
        flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | os.O_APPEND
        flags |= getattr(os, "O_BINARY", 0)
        try:
            return os.open(path, flags)
        except OSError as exc:
            return _file_error(path, exc)

    def send(self, data: bytes, timeout: float) -> PrinterStatus:
        """Send a job; see the module documentation."""
        deadline = Deadline(timeout)
        fd = self._open()
        if isinstance(fd, PrinterStatus):
            return fd
        try:
            status = _lp_status(fd)
            if status is not None and not status.ok:
                return status
            view = memoryview(data)
            while view:
                try:
                    written = os.write(fd, view)
                    view = view[written:]
                except BlockingIOError:
                    if not _wait_writable(fd, deadline):
                        return PrinterStatus.offline(StatusReason.STOPPED_TAKING_DATA, device=self.config.path)
                except InterruptedError:
                    continue
                except OSError as exc:
                    return _file_error(self.config.path, exc)
        finally:
            os.close(fd)
        return PrinterStatus.ready()

    def check(self, timeout: float) -> PrinterStatus:
        """Open the device and read its port status where the driver tells it."""
        fd = self._open()
        if isinstance(fd, PrinterStatus):
            return fd
        try:
            status = _lp_status(fd)
        finally:
            os.close(fd)
        return status or _unknown_status(StatusReason.NO_STATUS_REPORTED, device=self.config.path)


def _wait_writable(fd: int, deadline: Deadline) -> bool:
    while True:
        left = deadline.left()
        if left <= 0:
            return False
        try:
            _, writable, _ = select.select([], [fd], [], left)
        except InterruptedError:
            continue
        except (OSError, ValueError):
            # No select() on this kind of file (Windows): poll briefly until the deadline.
            time.sleep(min(_POLL_INTERVAL, left))
            return not deadline.passed()
        return bool(writable)


def _lp_status(fd: int) -> PrinterStatus | None:
    """Paper and online state from a Linux printer device (LPGETSTATUS), if it is one."""
    if sys.platform != "linux":
        return None
    try:
        if not stat.S_ISCHR(os.fstat(fd).st_mode):
            return None
        import array
        import fcntl

        buf = array.array("i", [0])
        fcntl.ioctl(fd, _LPGETSTATUS, buf, True)
    except (OSError, ImportError):
        return None
    value = buf[0]
    if value & _LP_POUTPA:
        return PrinterStatus(PrinterState.PAPER_OUT, StatusReason.OUT_OF_PAPER)
    if not value & _LP_PSELECD:
        return PrinterStatus.offline(StatusReason.PRINTER_OFFLINE)
    return None


def _file_error(path: str, exc: OSError) -> PrinterStatus:
    code = exc.errno
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO):
        return PrinterStatus.offline(StatusReason.UNPLUGGED, device=path, detail=str(exc.strerror))
    if code == errno.ENOSPC:
        return PrinterStatus(PrinterState.PAPER_OUT, StatusReason.OUT_OF_PAPER)
    if code in (errno.EACCES, errno.EPERM):
        return PrinterStatus.error(StatusReason.NO_PERMISSION, device=path)
    if code == errno.EBUSY:
        return PrinterStatus.offline(StatusReason.DEVICE_BUSY, device=path)
    return PrinterStatus.error(StatusReason.DEVICE_ERROR, device=path, detail=str(exc.strerror or exc))


# ----- usb ------------------------------------------------------------------------------------


class UsbTransport:
    """A USB printer class device through pyusb/libusb, with write and read timeouts."""

    def __init__(self, config: UsbPrinterConfig, status_wait: float = DEFAULT_STATUS_WAIT) -> None:
        self.config = config
        self.status_wait = status_wait
        self.name = f"usb://{config.vendor_id:04x}:{config.product_id:04x}"

    def _open(self) -> tuple[Any, Any, Any, Any] | PrinterStatus:
        try:
            import usb.core
            import usb.util
        except ImportError:
            return PrinterStatus.error(StatusReason.SOFTWARE_MISSING, detail="pyusb and libusb (pip install pyusb)")
        try:
            device = usb.core.find(idVendor=self.config.vendor_id, idProduct=self.config.product_id)
        except usb.core.NoBackendError:
            return PrinterStatus.error(StatusReason.SOFTWARE_MISSING, detail="libusb")
        except (usb.core.USBError, OSError) as exc:
            return PrinterStatus.error(StatusReason.USB_LIST_FAILED, detail=str(exc))
        if device is None:
            return PrinterStatus.offline(StatusReason.NOT_CONNECTED, device=self.name)
        try:
            config = device.get_active_configuration()
        except usb.core.USBError:
            try:
                device.set_configuration()
                config = device.get_active_configuration()
            except usb.core.USBError as exc:
                return PrinterStatus.error(StatusReason.USB_SETUP_FAILED, device=self.name, detail=str(exc))
        interfaces = list(config)
        interface = next((i for i in interfaces if i.bInterfaceClass == 7), interfaces[0] if interfaces else None)
        if interface is None:
            return PrinterStatus.error(StatusReason.USB_SETUP_FAILED, device=self.name, detail="no interface to print on")
        try:
            if device.is_kernel_driver_active(interface.bInterfaceNumber):
                device.detach_kernel_driver(interface.bInterfaceNumber)
        except (NotImplementedError, usb.core.USBError):
            pass
        direction = usb.util.endpoint_direction
        out_ep = usb.util.find_descriptor(interface, custom_match=lambda e: direction(e.bEndpointAddress) == usb.util.ENDPOINT_OUT)
        in_ep = usb.util.find_descriptor(interface, custom_match=lambda e: direction(e.bEndpointAddress) == usb.util.ENDPOINT_IN)
        if out_ep is None:
            return PrinterStatus.error(StatusReason.USB_SETUP_FAILED, device=self.name, detail="no output endpoint")
        return device, out_ep, in_ep, usb

    def _status(self, out_ep: Any, in_ep: Any, usb: Any, deadline: Deadline) -> PrinterStatus | None:
        if in_ep is None:
            return None
        wait_ms = max(1, int(min(self.status_wait, deadline.left()) * 1000))
        try:
            out_ep.write(STATUS_QUERY, timeout=wait_ms)
            replies = bytes(in_ep.read(64, timeout=wait_ms))
        except usb.core.USBTimeoutError:
            return None
        except usb.core.USBError as exc:
            return PrinterStatus.offline(StatusReason.FAILED, device=self.name, detail=str(exc))
        return parse_status_replies(replies[:STATUS_REPLY_LENGTH])

    def send(self, data: bytes, timeout: float) -> PrinterStatus:
        """Send a job; see the module documentation."""
        deadline = Deadline(timeout)
        opened = self._open()
        if isinstance(opened, PrinterStatus):
            return opened
        device, out_ep, in_ep, usb = opened
        try:
            status = self._status(out_ep, in_ep, usb, deadline)
            if status is not None and not status.ok:
                return status
            left_ms = int(deadline.left() * 1000)
            if left_ms <= 0:
                return PrinterStatus.offline(StatusReason.NO_ANSWER_IN_TIME, device=self.name)
            out_ep.write(data, timeout=left_ms)
        except usb.core.USBTimeoutError:
            return PrinterStatus.offline(StatusReason.STOPPED_TAKING_DATA, device=self.name)
        except usb.core.USBError as exc:
            return PrinterStatus.offline(StatusReason.FAILED, device=self.name, detail=str(exc))
        finally:
            usb.util.dispose_resources(device)
        return PrinterStatus.ready()

    def check(self, timeout: float) -> PrinterStatus:
        """Open the device and read the status."""
        deadline = Deadline(timeout)
        opened = self._open()
        if isinstance(opened, PrinterStatus):
            return opened
        device, out_ep, in_ep, usb = opened
        try:
            status = self._status(out_ep, in_ep, usb, deadline)
        finally:
            usb.util.dispose_resources(device)
        return status or _unknown_status(StatusReason.NO_STATUS_REPORTED, device=self.name)


# ----- cups -----------------------------------------------------------------------------------


class CupsTransport:
    """A CUPS queue: the job goes to `lp -d QUEUE -o raw`, killed if it takes too long."""

    def __init__(self, config: CupsPrinterConfig, lp_command: str = "lp") -> None:
        self.config = config
        self.lp_command = lp_command

    def send(self, data: bytes, timeout: float) -> PrinterStatus:
        """Hand the job to CUPS; OK means CUPS accepted it (it prints when the printer can)."""
        command = shutil.which(self.lp_command)
        if command is None:
            return PrinterStatus.error(StatusReason.SOFTWARE_MISSING, detail="CUPS (no lp command)")
        try:
            result = subprocess.run(
                [command, "-d", self.config.queue, "-o", "raw", "-t", "till-loyalty"],
                input=data,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return PrinterStatus.offline(StatusReason.CUPS_JOB_TIMEOUT, device=self.config.queue)
        except OSError as exc:
            return PrinterStatus.error(StatusReason.CANNOT_RUN, device="lp", detail=str(exc.strerror or exc))
        if result.returncode != 0:
            detail = _first_line(result.stderr.decode("utf-8", errors="replace")) or f"exit code {result.returncode}"
            return PrinterStatus.error(StatusReason.CUPS_REFUSED, device=self.config.queue, detail=detail)
        return PrinterStatus.ready(StatusReason.SENT_TO_CUPS)

    def check(self, timeout: float) -> PrinterStatus:
        """Ask CUPS whether the queue exists and is enabled (`lpstat -p QUEUE`)."""
        command = shutil.which("lpstat")
        if command is None:
            return PrinterStatus.error(StatusReason.SOFTWARE_MISSING, detail="CUPS (no lpstat command)")
        try:
            result = subprocess.run(
                [command, "-p", self.config.queue], capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return PrinterStatus.offline(StatusReason.NO_ANSWER_IN_TIME, device="CUPS")
        except OSError as exc:
            return PrinterStatus.error(StatusReason.CANNOT_RUN, device="lpstat", detail=str(exc.strerror or exc))
        text = result.stdout.decode("utf-8", errors="replace")
        if result.returncode != 0:
            return PrinterStatus.error(StatusReason.CUPS_UNKNOWN_QUEUE, device=self.config.queue)
        if "disabled" in text:
            return PrinterStatus.offline(StatusReason.CUPS_QUEUE_DISABLED, device=self.config.queue)
        return _unknown_status(StatusReason.CUPS_QUEUE_ENABLED, device=self.config.queue)


# ----- win32 ----------------------------------------------------------------------------------


class Win32Transport:
    """A Windows printer by name: a RAW document through the spooler (pywin32), Windows only."""

    def __init__(self, config: Win32PrinterConfig) -> None:
        self.config = config

    def _printing(self) -> Any:
        if sys.platform != "win32":
            return PrinterStatus.error(StatusReason.NOT_ON_THIS_SYSTEM, device="win32")
        try:
            import win32print
        except ImportError:
            return PrinterStatus.error(StatusReason.SOFTWARE_MISSING, detail="pywin32 (pip install pywin32)")
        return win32print

    def send(self, data: bytes, timeout: float) -> PrinterStatus:
        """Spool the job; OK means Windows accepted it."""
        win32print = self._printing()
        if isinstance(win32print, PrinterStatus):
            return win32print
        try:
            handle = win32print.OpenPrinter(self.config.name)
        except Exception as exc:  # pywintypes.error
            return PrinterStatus.offline(StatusReason.WINDOWS_NO_PRINTER, device=self.config.name, detail=str(exc))
        try:
            win32print.StartDocPrinter(handle, 1, ("till-loyalty", None, "RAW"))
            try:
                win32print.StartPagePrinter(handle)
                win32print.WritePrinter(handle, data)
                win32print.EndPagePrinter(handle)
            finally:
                win32print.EndDocPrinter(handle)
        except Exception as exc:
            return PrinterStatus.error(StatusReason.WINDOWS_REFUSED, device=self.config.name, detail=str(exc))
        finally:
            win32print.ClosePrinter(handle)
        return PrinterStatus.ready(StatusReason.SENT_TO_WINDOWS)

    def check(self, timeout: float) -> PrinterStatus:
        """Whether Windows knows the printer."""
        win32print = self._printing()
        if isinstance(win32print, PrinterStatus):
            return win32print
        try:
            handle = win32print.OpenPrinter(self.config.name)
            win32print.ClosePrinter(handle)
        except Exception as exc:
            return PrinterStatus.offline(StatusReason.WINDOWS_NO_PRINTER, device=self.config.name, detail=str(exc))
        return _unknown_status(StatusReason.WINDOWS_KNOWS_PRINTER)


# ----- choosing -------------------------------------------------------------------------------


def transport_for(config: PrinterConfig, *, status_wait: float = DEFAULT_STATUS_WAIT) -> Transport:
    """The transport that reaches the printer a configuration describes."""
    if isinstance(config, TcpPrinterConfig):
        return TcpTransport(config)
    if isinstance(config, SerialPrinterConfig):
        return SerialTransport(config, status_wait)
    if isinstance(config, FilePrinterConfig):
        return FileTransport(config)
    if isinstance(config, UsbPrinterConfig):
        return UsbTransport(config, status_wait)
    if isinstance(config, CupsPrinterConfig):
        return CupsTransport(config)
    if isinstance(config, Win32PrinterConfig):
        return Win32Transport(config)
    raise TypeError(f"not a printer configuration: {config!r}")


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0][:200] if text else ""
