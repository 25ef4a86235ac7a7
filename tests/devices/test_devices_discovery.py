"""Discovery: serial ports as URIs that parse, CUPS queues from lpstat, quiet when a source is missing."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from serial.tools.list_ports_common import ListPortInfo

from devices.discovery import (
    DeviceKind,
    DeviceSource,
    DiscoveredDevice,
    discover_cups_queues,
    discover_devices,
    discover_serial_ports,
    discover_usb_printers,
    guess_kind,
)
from devices.uris import SerialPrinterConfig, SerialScannerConfig, parse_printer_uri, parse_scanner_uri


def port(device: str, description: str, vid: int | None = None, pid: int | None = None, serial: str | None = None) -> ListPortInfo:
    info = ListPortInfo(device, skip_link_detection=True)
    info.description = description
    info.vid, info.pid, info.serial_number = vid, pid, serial
    return info


def test_serial_ports_become_uris_a_scanner_with_its_usb_identity() -> None:
    found = discover_serial_ports(
        lambda: [
            port("/dev/ttyUSB0", "USB Receipt Printer", 0x0416, 0x5011),
            port("/dev/ttyACM0", "Honeywell 1900 barcode scanner", 0x0C2E, 0x0B61, "17012B0F2F"),
            port("/dev/ttyS0", "n/a"),
        ]
    )
    by_path = {d.uri.split("?")[0]: d for d in found}
    scanner = by_path["serial:///dev/ttyACM0"]
    assert scanner.kind is DeviceKind.SCANNER
    assert parse_scanner_uri(scanner.uri) == SerialScannerConfig(
        "/dev/ttyACM0", usb_id=(0x0C2E, 0x0B61), serial_number="17012B0F2F"
    )
    assert "[USB 0c2e:0b61]" in scanner.description
    printer = by_path["serial:///dev/ttyUSB0"]
    assert printer.kind is DeviceKind.PRINTER and parse_printer_uri(printer.uri) == SerialPrinterConfig("/dev/ttyUSB0")
    plain = by_path["serial:///dev/ttyS0"]
    assert plain.kind is DeviceKind.UNKNOWN and plain.description == "/dev/ttyS0"


def test_a_found_port_says_what_it_is_by_values_not_words() -> None:
    named, plain = discover_serial_ports(
        lambda: [port("/dev/ttyACM0", "Honeywell 1900 barcode scanner", 0x0C2E, 0x0B61), port("/dev/ttyS0", "n/a")]
    )
    assert (named.source, named.name, named.location, named.usb_id) == (
        DeviceSource.SERIAL_PORT,
        "Honeywell 1900 barcode scanner",
        "/dev/ttyACM0",
        (0x0C2E, 0x0B61),
    )
    assert named.description == "Honeywell 1900 barcode scanner [USB 0c2e:0b61]"
    assert (plain.source, plain.name, plain.location, plain.usb_id) == (DeviceSource.SERIAL_PORT, "", "/dev/ttyS0", None)


def test_a_usb_printer_without_a_name_is_described_by_its_id() -> None:
    found = DiscoveredDevice("usb://0416:5011", DeviceKind.PRINTER, DeviceSource.USB_PRINTER, usb_id=(0x0416, 0x5011))
    assert found.description == "USB printer [USB 0416:5011]"
    named = DiscoveredDevice("usb://04b8:0202", DeviceKind.PRINTER, DeviceSource.USB_PRINTER, "EPSON TM-T20III", usb_id=(0x04B8, 0x0202))
    assert named.description == "EPSON TM-T20III [USB 04b8:0202]"


def test_a_failing_port_list_gives_nothing() -> None:
    def broken() -> list[ListPortInfo]:
        raise OSError("no sysfs")

    assert discover_serial_ports(broken) == []


def test_kinds_from_descriptions() -> None:
    assert guess_kind("Datalogic QuickScan QD2430") is DeviceKind.SCANNER
    assert guess_kind("EPSON TM-T20III") is DeviceKind.PRINTER
    assert guess_kind("USB-Serial Controller") is DeviceKind.UNKNOWN


def _program(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_cups_queues_from_lpstat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No CUPS runs here: a stand-in lpstat prints what `lpstat -e` prints.
    _program(tmp_path, "lpstat", '[ "$1" = "-e" ] || exit 2\nprintf "Receipt_80\\nKitchen\\n"\n')
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + os.environ.get("PATH", ""))
    found = discover_cups_queues()
    assert [(d.uri, d.kind) for d in found] == [("cups://Receipt_80", DeviceKind.PRINTER), ("cups://Kitchen", DeviceKind.PRINTER)]
    assert (found[0].source, found[0].location, found[0].name) == (DeviceSource.CUPS_QUEUE, "Receipt_80", "")
    assert found[0].description == "CUPS queue Receipt_80"


def test_no_cups_no_queues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert discover_cups_queues() == []


def test_usb_discovery_is_quiet_without_pyusb() -> None:
    try:
        import usb.core  # noqa: F401
    except ImportError:
        assert discover_usb_printers() == []
    else:
        assert all(d.uri.startswith("usb://") for d in discover_usb_printers())


def test_discovering_this_machine_never_fails_and_every_uri_parses() -> None:
    for device in discover_devices():
        if device.kind is DeviceKind.PRINTER:
            parse_printer_uri(device.uri)
        else:
            parse_scanner_uri(device.uri)
