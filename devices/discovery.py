"""Finding the scanners and printers attached to this till, as device URIs to choose from.

Three sources, each optional and quiet when unavailable:
- serial ports (pyserial's port list), as `serial://` URIs; a USB scanner's carries `usb=VID:PID`
  and `serial_number=` so it is found again after it comes back under another path;
- USB printer class devices (class 7) through pyusb, if pyusb and libusb are installed;
- CUPS queues from `lpstat -e`, if CUPS is installed.

A serial port is a scanner or a printer only by its description; when that does not say, its kind
is `unknown` and the admin decides.

Each device found says where it was found (`DeviceSource`) with the words the device gives for
itself, its port or queue and USB id; `description` puts them into English for the command
line, and a user interface words them in its own language (the till: `app.devices.texts`).
"""
from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Iterable

from devices.uris import CupsPrinterConfig, SerialPrinterConfig, SerialScannerConfig, UsbPrinterConfig

log = logging.getLogger(__name__)

LPSTAT_TIMEOUT = 3.0
USB_PRINTER_CLASS = 7

_SCANNER_WORDS = ("scanner", "barcode", "bar code", "honeywell", "zebra", "symbol", "datalogic", "newland", "metrologic", "hand held", "handheld", "imager")
_PRINTER_WORDS = ("printer", "receipt", "pos58", "pos80", "thermal", "epson", "tm-t", "xprinter", "atol", "bixolon", "citizen", "star micronics")


class DeviceKind(str, Enum):
    """What a discovered device probably is."""

    SCANNER = "scanner"
    PRINTER = "printer"
    UNKNOWN = "unknown"


class DeviceSource(str, Enum):
    """Where a device was found, which says how to name it when it gives no name of its own."""

    SERIAL_PORT = "serial_port"  # `location` is the port's path
    USB_PRINTER = "usb_printer"
    CUPS_QUEUE = "cups_queue"  # `location` is the queue's name


@dataclass(frozen=True)
class DiscoveredDevice:
    """A device found on this machine: the URI to configure it by, its kind, and what names it.

    `name` is what the device says of itself (a port's description, manufacturer and product;
    a USB printer's manufacturer and product), "" when it says nothing; `location` is the serial
    port or CUPS queue; `usb_id` is (vendor, product) for a USB device.
    """

    uri: str
    kind: DeviceKind
    source: DeviceSource
    name: str = ""
    location: str = ""
    usb_id: tuple[int, int] | None = None

    @property
    def description(self) -> str:
        """An English label for the command line and logs, e.g. "CUPS queue Receipt"."""
        if self.source is DeviceSource.CUPS_QUEUE:
            return f"CUPS queue {self.location}"
        fallback = self.location if self.source is DeviceSource.SERIAL_PORT else "USB printer"
        label = self.name or fallback
        return f"{label} [USB {usb_id_text(self.usb_id)}]" if self.usb_id is not None else label


def usb_id_text(usb_id: tuple[int, int]) -> str:
    """A USB id as it is written in URIs and labels: `04b8:0202`."""
    return f"{usb_id[0]:04x}:{usb_id[1]:04x}"


def guess_kind(description: str) -> DeviceKind:
    """Scanner, printer or unknown, from a port's description, manufacturer and product name."""
    text = description.lower()
    if any(word in text for word in _SCANNER_WORDS):
        return DeviceKind.SCANNER
    if any(word in text for word in _PRINTER_WORDS):
        return DeviceKind.PRINTER
    return DeviceKind.UNKNOWN


def discover_serial_ports(list_ports: Callable[[], Iterable[Any]] | None = None) -> list[DiscoveredDevice]:
    """Serial ports, as `serial://` URIs with a description."""
    if list_ports is None:
        from serial.tools import list_ports as _list_ports

        list_ports = _list_ports.comports
    found: list[DiscoveredDevice] = []
    try:
        ports = sorted(list_ports(), key=lambda p: str(p.device))
    except Exception as exc:  # discovery is best effort
        log.debug("listing serial ports failed: %s", exc)
        return found
    for info in ports:
        vid, pid = getattr(info, "vid", None), getattr(info, "pid", None)
        parts = [
            str(part)
            for part in (getattr(info, "description", None), getattr(info, "manufacturer", None), getattr(info, "product", None))
            if part and str(part) != "n/a"
        ]
        name = ", ".join(dict.fromkeys(parts))
        usb_id = (vid, pid) if vid is not None and pid is not None else None
        kind = guess_kind(name or str(info.device))
        if kind is DeviceKind.SCANNER and vid is not None and pid is not None:
            # A scanner's URI names its USB identity, to be found again under another path.
            uri = SerialScannerConfig(
                path=str(info.device),
                usb_id=(vid, pid),
                serial_number=getattr(info, "serial_number", None) or None,
            ).to_uri()
        elif kind is DeviceKind.PRINTER:
            uri = SerialPrinterConfig(path=str(info.device)).to_uri()
        else:
            uri = SerialScannerConfig(path=str(info.device)).to_uri()
        found.append(DiscoveredDevice(uri, kind, DeviceSource.SERIAL_PORT, name, str(info.device), usb_id))
    return found


def discover_usb_printers() -> list[DiscoveredDevice]:
    """USB printer class devices via pyusb; empty when pyusb or libusb is missing."""
    try:
        import usb.core
    except ImportError:
        return []
    try:
        devices = list(usb.core.find(find_all=True))
    except Exception as exc:  # NoBackendError (no libusb), permissions...
        log.debug("USB discovery unavailable: %s", exc)
        return []
    found: list[DiscoveredDevice] = []
    for device in devices:
        try:
            if not _is_printer_class(device):
                continue
            vid, pid = int(device.idVendor), int(device.idProduct)
        except Exception as exc:
            log.debug("skipping a USB device: %s", exc)
            continue
        config = UsbPrinterConfig(vendor_id=vid, product_id=pid)
        found.append(
            DiscoveredDevice(config.to_uri(), DeviceKind.PRINTER, DeviceSource.USB_PRINTER, _usb_name(device), usb_id=(vid, pid))
        )
    return found


def _is_printer_class(device: Any) -> bool:
    if device.bDeviceClass == USB_PRINTER_CLASS:
        return True
    for configuration in device:
        for interface in configuration:
            if interface.bInterfaceClass == USB_PRINTER_CLASS:
                return True
    return False


def _usb_name(device: Any) -> str:
    names = []
    for attribute in ("manufacturer", "product"):
        try:
            value = getattr(device, attribute)
        except Exception:  # reading strings needs permission on the device
            value = None
        if value:
            names.append(str(value).strip())
    return " ".join(names)


def discover_cups_queues(lpstat: str = "lpstat") -> list[DiscoveredDevice]:
    """CUPS queues (`lpstat -e`), as `cups://` URIs; empty when CUPS is not installed."""
    command = shutil.which(lpstat)
    if command is None:
        return []
    try:
        result = subprocess.run([command, "-e"], capture_output=True, timeout=LPSTAT_TIMEOUT, check=False)
    except (subprocess.TimeoutExpired, OSError) as exc:
        log.debug("lpstat failed: %s", exc)
        return []
    if result.returncode != 0:
        return []
    found: list[DiscoveredDevice] = []
    for line in result.stdout.decode("utf-8", errors="replace").splitlines():
        queue = line.strip()
        if not queue or any(ch.isspace() or ch in "/#" for ch in queue):
            continue
        uri = CupsPrinterConfig(queue=queue).to_uri()
        found.append(DiscoveredDevice(uri, DeviceKind.PRINTER, DeviceSource.CUPS_QUEUE, location=queue))
    return found


def discover_devices() -> list[DiscoveredDevice]:
    """Every scanner and printer found: serial ports, USB printers, CUPS queues."""
    return discover_serial_ports() + discover_usb_printers() + discover_cups_queues()
