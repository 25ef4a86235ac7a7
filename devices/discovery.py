"""Finding the scanners and printers attached to this till, as device URIs to choose from.

Three sources, each optional and quiet when unavailable:
- serial ports (pyserial's port list), as `serial://` URIs; a USB scanner's carries `usb=VID:PID`
  and `serial_number=` so it is found again after it comes back under another path;
- USB printer class devices (class 7) through pyusb, if pyusb and libusb are installed;
- CUPS queues from `lpstat -e`, if CUPS is installed.

A serial port is a scanner or a printer only by its description; when that does not say, its kind
is `unknown` and the admin decides.
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


@dataclass(frozen=True)
class DiscoveredDevice:
    """A device found on this machine: the URI to configure it by, its kind, a description."""

    uri: str
    kind: DeviceKind
    description: str


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
        description = ", ".join(dict.fromkeys(parts)) or str(info.device)
        if vid is not None and pid is not None:
            description += f" [USB {vid:04x}:{pid:04x}]"
        kind = guess_kind(description)
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
        found.append(DiscoveredDevice(uri, kind, description))
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
        name = _usb_name(device) or "USB printer"
        config = UsbPrinterConfig(vendor_id=vid, product_id=pid)
        found.append(DiscoveredDevice(config.to_uri(), DeviceKind.PRINTER, f"{name} [USB {vid:04x}:{pid:04x}]"))
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
        found.append(
            DiscoveredDevice(CupsPrinterConfig(queue=queue).to_uri(), DeviceKind.PRINTER, f"CUPS queue {queue}")
        )
    return found


def discover_devices() -> list[DiscoveredDevice]:
    """Every scanner and printer found: serial ports, USB printers, CUPS queues."""
    return discover_serial_ports() + discover_usb_printers() + discover_cups_queues()
