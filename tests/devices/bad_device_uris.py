"""Device URIs and configurations that are refused, with the code and values each must be refused with.

One case (at least) for every place that raises `DeviceUriError`; shared by the core's tests and
the till's wording tests.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from devices.uris import (
    DeviceRole,
    FilePrinterConfig,
    PrintOptions,
    SerialPrinterConfig,
    SerialScannerConfig,
    TcpPrinterConfig,
    UriProblem,
    UsbPrinterConfig,
    WedgeScannerConfig,
    parse_printer_uri,
    parse_scanner_uri,
)

PRINTER, SCANNER = DeviceRole.PRINTER, DeviceRole.SCANNER


@dataclass(frozen=True)
class BadUri:
    """A refused address (or configuration) and what the refusal must say."""

    name: str
    refuse: Callable[[], object]
    code: UriProblem
    role: DeviceRole
    params: dict[str, str] = field(default_factory=dict)


def printer(uri: object) -> Callable[[], object]:
    return lambda: parse_printer_uri(uri)  # type: ignore[arg-type]


def scanner(uri: str) -> Callable[[], object]:
    return lambda: parse_scanner_uri(uri)


PRINTER_SCHEMES = "tcp, serial, usb, file, cups, win32"

CASES = [
    BadUri("not text", printer(None), UriProblem.NOT_TEXT, PRINTER),
    BadUri("empty", printer("  "), UriProblem.EMPTY, PRINTER),
    BadUri("empty scanner", scanner(""), UriProblem.EMPTY, SCANNER),
    BadUri(
        "no scheme",
        printer("10.0.0.5:9100"),
        UriProblem.NO_SCHEME,
        PRINTER,
        {"uri": "10.0.0.5:9100", "schemes": "tcp://, serial://, usb://, file://, cups://, win32://"},
    ),
    BadUri(
        "unknown scheme",
        printer("lpt://1"),
        UriProblem.UNKNOWN_SCHEME,
        PRINTER,
        {"scheme": "lpt", "uri": "lpt://1", "schemes": PRINTER_SCHEMES},
    ),
    BadUri(
        "printer scheme for a scanner",
        scanner("tcp://10.0.0.5"),
        UriProblem.UNKNOWN_SCHEME,
        SCANNER,
        {"scheme": "tcp", "schemes": "serial, wedge"},
    ),
    BadUri("unreadable options", printer("tcp://10.0.0.5?width"), UriProblem.BAD_QUERY, PRINTER, {"query": "width"}),
    BadUri(
        "option twice",
        printer("tcp://10.0.0.5?width=58&width=80"),
        UriProblem.DUPLICATE_OPTION,
        PRINTER,
        {"option": "width"},
    ),
    BadUri(
        "unknown option",
        printer("tcp://10.0.0.5?colour=red"),
        UriProblem.UNKNOWN_OPTION,
        PRINTER,
        {"option": "colour", "scheme": "tcp", "known": "status, width, codepage, qr, timeout"},
    ),
    BadUri(
        "printer option for a scanner",
        scanner("serial:///dev/ttyACM0?width=58"),
        UriProblem.UNKNOWN_OPTION,
        SCANNER,
        {"option": "width", "scheme": "serial"},
    ),
    BadUri(
        "unknown code page",
        printer("tcp://10.0.0.5?codepage=koi8"),
        UriProblem.NOT_ONE_OF,
        PRINTER,
        {"option": "codepage", "value": "koi8", "choices": "auto|cp866|cp1251"},
    ),
    BadUri(
        "unknown status mode",
        printer("tcp://10.0.0.5?status=sometimes"),
        UriProblem.NOT_ONE_OF,
        PRINTER,
        {"option": "status", "value": "sometimes", "choices": "query|none"},
    ),
    BadUri(
        "unknown terminator",
        scanner("serial:///dev/ttyACM0?terminator=ETX"),
        UriProblem.NOT_ONE_OF,
        SCANNER,
        {"option": "terminator", "value": "ETX"},
    ),
    BadUri(
        "baud rate not a number",
        printer("serial:///dev/ttyUSB0?baudrate=fast"),
        UriProblem.NOT_A_WHOLE_NUMBER,
        PRINTER,
        {"option": "baudrate", "value": "fast"},
    ),
    BadUri(
        "baud rate out of range",
        scanner("serial:///dev/ttyACM0?baudrate=10"),
        UriProblem.OUT_OF_RANGE,
        SCANNER,
        {"option": "baudrate", "value": "10", "low": "50", "high": "4000000"},
    ),
    BadUri(
        "gap out of range",
        scanner("serial:///dev/ttyACM0?gap_ms=0"),
        UriProblem.OUT_OF_RANGE,
        SCANNER,
        {"option": "gap_ms", "value": "0", "low": "1", "high": "10000"},
    ),
    BadUri(
        "wedge minimum length out of range",
        scanner("wedge://?min_length=0"),
        UriProblem.OUT_OF_RANGE,
        SCANNER,
        {"option": "min_length", "value": "0", "low": "1", "high": "256"},
    ),
    BadUri(
        "flow control not a switch",
        printer("serial:///dev/ttyUSB0?rtscts=maybe"),
        UriProblem.NOT_A_SWITCH,
        PRINTER,
        {"option": "rtscts", "value": "maybe"},
    ),
    BadUri("paper width", printer("tcp://10.0.0.5?width=57"), UriProblem.BAD_WIDTH, PRINTER, {"value": "57"}),
    BadUri("timeout not a number", printer("tcp://10.0.0.5?timeout=soon"), UriProblem.BAD_TIMEOUT, PRINTER, {"value": "soon"}),
    BadUri(
        "timeout out of range",
        printer("tcp://10.0.0.5?timeout=0"),
        UriProblem.TIMEOUT_OUT_OF_RANGE,
        PRINTER,
        {"value": "0", "high": "120"},
    ),
    BadUri("no host", printer("tcp://"), UriProblem.TCP_NEEDS_HOST, PRINTER),
    BadUri("bad host", printer("tcp://bad%20host:9100"), UriProblem.BAD_HOST, PRINTER, {"host": "bad host"}),
    BadUri("unclosed IPv6", printer("tcp://[fe80::1"), UriProblem.UNCLOSED_IPV6, PRINTER, {"location": "[fe80::1"}),
    BadUri("text after IPv6", printer("tcp://[fe80::1]x"), UriProblem.TEXT_AFTER_IPV6, PRINTER, {"text": "x"}),
    BadUri("IPv6 without brackets", printer("tcp://fe80::1"), UriProblem.IPV6_NEEDS_BRACKETS, PRINTER, {"host": "fe80::1"}),
    BadUri("port too big", printer("tcp://10.0.0.5:99999"), UriProblem.BAD_PORT, PRINTER, {"value": "99999"}),
    BadUri("port not a number", printer("tcp://10.0.0.5:abc"), UriProblem.BAD_PORT, PRINTER, {"value": "abc"}),
    BadUri("no serial port", printer("serial://"), UriProblem.SERIAL_NEEDS_PORT, PRINTER),
    BadUri(
        "serial port with a control character",
        scanner("serial:///dev/tty%01"),
        UriProblem.BAD_SERIAL_PORT,
        SCANNER,
        {"path": "/dev/tty\x01"},
    ),
    BadUri("no USB id", printer("usb://"), UriProblem.USB_NEEDS_ID, PRINTER),
    BadUri("bad USB id", printer("usb://zz:0202"), UriProblem.BAD_USB_ID, PRINTER, {"value": "zz:0202"}),
    BadUri("bad scanner USB id", scanner("serial:///dev/ttyACM0?usb=xyz"), UriProblem.BAD_USB_ID, SCANNER, {"value": "xyz"}),
    BadUri(
        "bad USB serial number",
        scanner("serial:///dev/ttyACM0?serial_number=%07"),
        UriProblem.BAD_SERIAL_NUMBER,
        SCANNER,
        {"value": "\x07"},
    ),
    BadUri("no file path", printer("file://"), UriProblem.FILE_NEEDS_PATH, PRINTER),
    BadUri("file path with a control character", printer("file:///dev/lp%00"), UriProblem.BAD_FILE_PATH, PRINTER, {"path": "/dev/lp\x00"}),
    BadUri("no CUPS queue", printer("cups://"), UriProblem.CUPS_NEEDS_QUEUE, PRINTER),
    BadUri("CUPS queue with a space", printer("cups://My Queue"), UriProblem.BAD_CUPS_QUEUE, PRINTER, {"queue": "My Queue"}),
    BadUri("no Windows printer name", printer("win32://"), UriProblem.WIN32_NEEDS_NAME, PRINTER),
    BadUri("Windows printer name in spaces", printer("win32:// Kassa"), UriProblem.WIN32_NEEDS_NAME, PRINTER),
    BadUri("Windows printer name with a bell", printer("win32://Kassa%07"), UriProblem.BAD_WIN32_NAME, PRINTER, {"name": "Kassa\x07"}),
    BadUri("no terminator and no gap", scanner("serial:///dev/ttyACM0?terminator=none"), UriProblem.GAP_NEEDED, SCANNER),
    BadUri("wedge with a location", scanner("wedge://keyboard"), UriProblem.WEDGE_HAS_NO_LOCATION, SCANNER),
    # Configurations built in code (from a settings file's values) are checked the same way.
    BadUri("options: width", lambda: PrintOptions(width=76), UriProblem.BAD_WIDTH, PRINTER, {"value": "76"}),  # type: ignore[arg-type]
    BadUri(
        "options: code page",
        lambda: PrintOptions(codepage="utf8"),  # type: ignore[arg-type]
        UriProblem.NOT_ONE_OF,
        PRINTER,
        {"option": "codepage", "value": "utf8", "choices": "auto|cp866|cp1251"},
    ),
    BadUri("options: QR mode", lambda: PrintOptions(qr="svg"), UriProblem.NOT_ONE_OF, PRINTER, {"option": "qr", "value": "svg"}),  # type: ignore[arg-type]
    BadUri("options: timeout text", lambda: PrintOptions(timeout="x"), UriProblem.BAD_TIMEOUT, PRINTER, {"value": "x"}),  # type: ignore[arg-type]
    BadUri(
        "options: timeout too long",
        lambda: PrintOptions(timeout=500),
        UriProblem.TIMEOUT_OUT_OF_RANGE,
        PRINTER,
        {"value": "500", "high": "120"},
    ),
    BadUri("network printer: host", lambda: TcpPrinterConfig("a b"), UriProblem.BAD_HOST, PRINTER, {"host": "a b"}),
    BadUri("network printer: port", lambda: TcpPrinterConfig("h", 0), UriProblem.BAD_PORT, PRINTER, {"value": "0"}),
    BadUri(
        "network printer: status",
        lambda: TcpPrinterConfig("h", status="often"),  # type: ignore[arg-type]
        UriProblem.NOT_ONE_OF,
        PRINTER,
        {"option": "status", "value": "often"},
    ),
    BadUri(
        "serial printer: baud rate",
        lambda: SerialPrinterConfig("/dev/ttyUSB0", baudrate=10),
        UriProblem.OUT_OF_RANGE,
        PRINTER,
        {"option": "baudrate", "value": "10"},
    ),
    BadUri("serial printer: path", lambda: SerialPrinterConfig("/"), UriProblem.BAD_SERIAL_PORT, PRINTER, {"path": "/"}),
    BadUri("USB printer: id", lambda: UsbPrinterConfig(0x10000, 1), UriProblem.USB_ID_OUT_OF_RANGE, PRINTER),
    BadUri("printer file: path", lambda: FilePrinterConfig(""), UriProblem.BAD_FILE_PATH, PRINTER, {"path": ""}),
    BadUri(
        "serial scanner: terminator",
        lambda: SerialScannerConfig("/dev/ttyACM0", terminator="ETB"),  # type: ignore[arg-type]
        UriProblem.NOT_ONE_OF,
        SCANNER,
        {"option": "terminator", "value": "ETB"},
    ),
    BadUri(
        "serial scanner: frame length",
        lambda: SerialScannerConfig("/dev/ttyACM0", max_length=0),
        UriProblem.OUT_OF_RANGE,
        SCANNER,
        {"option": "max_length", "value": "0", "low": "1", "high": "65536"},
    ),
    BadUri(
        "serial scanner: USB id",
        lambda: SerialScannerConfig("/dev/ttyACM0", usb_id=(1, 0x10000)),
        UriProblem.USB_ID_OUT_OF_RANGE,
        SCANNER,
    ),
    BadUri(
        "serial scanner: empty serial number",
        lambda: SerialScannerConfig("/dev/ttyACM0", serial_number=""),
        UriProblem.BAD_SERIAL_NUMBER,
        SCANNER,
        {"value": ""},
    ),
    BadUri(
        "wedge scanner: suffix",
        lambda: WedgeScannerConfig(suffix="Space"),  # type: ignore[arg-type]
        UriProblem.NOT_ONE_OF,
        SCANNER,
        {"option": "suffix", "value": "Space", "choices": "Enter|Tab|none"},
    ),
    BadUri(
        "wedge scanner: gap",
        lambda: WedgeScannerConfig(max_gap_ms=1),
        UriProblem.OUT_OF_RANGE,
        SCANNER,
        {"option": "max_gap_ms", "value": "1", "low": "5", "high": "1000"},
    ),
]
