"""Device URIs: one string configures a scanner or a printer, for admins and the command line alike.

Printers::

    tcp://10.0.0.5:9100                       port defaults to 9100; status=query|none (below)
    serial:///dev/ttyUSB0?baudrate=19200      (`serial://COM3` on Windows)
    usb://04b8:0202                           vendor:product id, hexadecimal
    file:///dev/usb/lp0
    cups://Queue
    win32://Printer Name

  with the print options in the query of any of them: `width=58|80` (paper, mm),
  `codepage=auto|cp866|cp1251`, `qr=native|image`, `timeout=SECONDS`.
  A network printer is asked for its status after each job (`status=query`, the default) and a
  job counts as printed only once the answer came; `status=none` is for a printer that never
  answers status requests: a job then counts as printed once the printer took every byte.

Scanners::

    serial:///dev/ttyACM0?baudrate=9600&terminator=CR
        terminator: auto (any of CR, LF, CRLF; the default), CR, LF, CRLF, none;
        gap_ms=N also ends a frame after N ms of silence (required with terminator=none);
        max_length=N drops longer frames; usb=VID:PID and serial_number=S identify the port
        when it comes back under another path after an unplug.
    wedge://?prefix=%02&suffix=Enter&min_length=8&max_gap_ms=40
        a keyboard-wedge scanner: optional prefix text, suffix Enter|Tab|none.

`parse_printer_uri` / `parse_scanner_uri` return frozen configs; each config's `to_uri()` gives
the canonical string back (defaults left out), and parsing that gives an equal config.
Every mistake raises `DeviceUriError` (a `ValueError`, see `devices.uri_errors`): a code saying
what is wrong with the values concerned, and an English message naming them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Callable, Mapping, TypeVar, Union
from urllib.parse import parse_qsl, quote, unquote, urlencode

from devices.uri_errors import DeviceRole, DeviceUriError, UriProblem

DEFAULT_TCP_PORT = 9100
DEFAULT_PRINTER_BAUDRATE = 19200
DEFAULT_SCANNER_BAUDRATE = 9600
DEFAULT_PRINT_TIMEOUT = 5.0
MAX_PRINT_TIMEOUT = 120.0
DEFAULT_MAX_FRAME = 512
DEFAULT_WEDGE_MIN_LENGTH = 8
DEFAULT_WEDGE_MAX_GAP_MS = 40
# The rates scanners and printers are usually set to, for a settings list.
COMMON_BAUDRATES = (1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200, 230400, 460800, 921600)


class PaperWidth(int, Enum):
    """Receipt paper width in millimetres, and how many characters of font A fit on a line."""

    MM58 = 58
    MM80 = 80

    @property
    def columns(self) -> int:
        """Characters per line in the printer's standard font."""
        return 32 if self is PaperWidth.MM58 else 48

    @property
    def dots(self) -> int:
        """Printable width in dots at 203 dpi (for images)."""
        return 384 if self is PaperWidth.MM58 else 576


class CodePageMode(str, Enum):
    """Which code page the printer's text is sent in: fixed, or chosen per job from the text."""

    AUTO = "auto"
    CP866 = "cp866"
    CP1251 = "cp1251"


class QrMode(str, Enum):
    """Whether QR codes are drawn by the printer (`GS ( k`) or sent as a raster image."""

    NATIVE = "native"
    IMAGE = "image"


class Terminator(str, Enum):
    """How a serial scanner ends a code."""

    AUTO = "auto"  # any of CR, LF, CRLF
    CR = "CR"
    LF = "LF"
    CRLF = "CRLF"
    NONE = "none"  # frames end only by an inter-byte gap


class StatusMode(str, Enum):
    """Whether a network printer is asked for its real-time status (`DLE EOT`) around each job."""

    QUERY = "query"  # asked before and after each job; no answer means the job did not print
    NONE = "none"  # never asked: a printer that does not answer status requests


class WedgeSuffix(str, Enum):
    """The key a keyboard-wedge scanner presses after a code."""

    ENTER = "Enter"
    TAB = "Tab"
    NONE = "none"


@dataclass(frozen=True)
class PrintOptions:
    """How jobs are laid out and how long sending may take; shared by every printer kind."""

    width: PaperWidth = PaperWidth.MM80
    codepage: CodePageMode = CodePageMode.AUTO
    qr: QrMode = QrMode.NATIVE
    timeout: float = DEFAULT_PRINT_TIMEOUT

    @property
    def columns(self) -> int:
        """Characters per line for this paper width."""
        return self.width.columns

    def __post_init__(self) -> None:
        # Accept plain values too (58, "cp866", "image"), as settings files store them.
        printer = DeviceRole.PRINTER
        try:
            object.__setattr__(self, "width", PaperWidth(int(self.width)))
        except (TypeError, ValueError):
            raise DeviceUriError(UriProblem.BAD_WIDTH, role=printer, value=str(self.width)) from None
        object.__setattr__(self, "codepage", _coerce(CodePageMode, self.codepage, "codepage", printer))
        object.__setattr__(self, "qr", _coerce(QrMode, self.qr, "qr", printer))
        try:
            object.__setattr__(self, "timeout", float(self.timeout))
        except (TypeError, ValueError):
            raise DeviceUriError(UriProblem.BAD_TIMEOUT, role=printer, value=str(self.timeout)) from None
        if not 0 < self.timeout <= MAX_PRINT_TIMEOUT:
            raise _timeout_out_of_range(_format_number(self.timeout))

    def query(self) -> dict[str, str]:
        """The options that differ from the defaults, as URI query parameters."""
        out: dict[str, str] = {}
        if self.width != PaperWidth.MM80:
            out["width"] = str(self.width.value)
        if self.codepage is not CodePageMode.AUTO:
            out["codepage"] = self.codepage.value
        if self.qr is not QrMode.NATIVE:
            out["qr"] = self.qr.value
        if self.timeout != DEFAULT_PRINT_TIMEOUT:
            out["timeout"] = _format_number(self.timeout)
        return out


@dataclass(frozen=True)
class TcpPrinterConfig:
    """A network printer (raw TCP, usually port 9100)."""

    host: str
    port: int = DEFAULT_TCP_PORT
    options: PrintOptions = field(default_factory=PrintOptions)
    status: StatusMode = StatusMode.QUERY

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", _coerce(StatusMode, self.status, "status", DeviceRole.PRINTER))
        if not self.host or any(ch.isspace() or ch in "/@?#[]" or not ch.isprintable() for ch in self.host):
            raise DeviceUriError(UriProblem.BAD_HOST, role=DeviceRole.PRINTER, host=self.host)
        if not 1 <= self.port <= 65535:
            raise DeviceUriError(UriProblem.BAD_PORT, role=DeviceRole.PRINTER, value=str(self.port))

    def to_uri(self) -> str:
        """The canonical URI of this printer."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port == DEFAULT_TCP_PORT else f":{self.port}"
        query = {} if self.status is StatusMode.QUERY else {"status": self.status.value}
        query.update(self.options.query())
        return f"tcp://{host}{port}" + _query(query)


@dataclass(frozen=True)
class SerialPrinterConfig:
    """A printer on a serial port (RS-232 or a USB serial adapter)."""

    path: str
    baudrate: int = DEFAULT_PRINTER_BAUDRATE
    rtscts: bool = False
    options: PrintOptions = field(default_factory=PrintOptions)

    def __post_init__(self) -> None:
        _check_path(self.path, UriProblem.BAD_SERIAL_PORT, DeviceRole.PRINTER)
        _check_baudrate(self.baudrate, DeviceRole.PRINTER)

    def to_uri(self) -> str:
        """The canonical URI of this printer."""
        query: dict[str, str] = {}
        if self.baudrate != DEFAULT_PRINTER_BAUDRATE:
            query["baudrate"] = str(self.baudrate)
        if self.rtscts:
            query["rtscts"] = "1"
        query.update(self.options.query())
        return _serial_uri(self.path) + _query(query)


@dataclass(frozen=True)
class UsbPrinterConfig:
    """A USB printer class device, talked to directly through libusb (pyusb)."""

    vendor_id: int
    product_id: int
    options: PrintOptions = field(default_factory=PrintOptions)

    def __post_init__(self) -> None:
        if not (0 <= self.vendor_id <= 0xFFFF and 0 <= self.product_id <= 0xFFFF):
            raise DeviceUriError(UriProblem.USB_ID_OUT_OF_RANGE, role=DeviceRole.PRINTER)

    def to_uri(self) -> str:
        """The canonical URI of this printer."""
        return f"usb://{self.vendor_id:04x}:{self.product_id:04x}" + _query(self.options.query())


@dataclass(frozen=True)
class FilePrinterConfig:
    """A printer device file such as `/dev/usb/lp0` (or any file, for a print-to-file test)."""

    path: str
    options: PrintOptions = field(default_factory=PrintOptions)

    def __post_init__(self) -> None:
        _check_path(self.path, UriProblem.BAD_FILE_PATH, DeviceRole.PRINTER)

    def to_uri(self) -> str:
        """The canonical URI of this printer."""
        return "file://" + quote(self.path, safe="/:\\") + _query(self.options.query())


@dataclass(frozen=True)
class CupsPrinterConfig:
    """A CUPS queue that passes raw jobs through (`lp -o raw`)."""

    queue: str
    options: PrintOptions = field(default_factory=PrintOptions)

    def __post_init__(self) -> None:
        if not self.queue:
            raise DeviceUriError(UriProblem.CUPS_NEEDS_QUEUE, role=DeviceRole.PRINTER)
        if any(ch.isspace() or ch in "/#" or not ch.isprintable() for ch in self.queue):
            raise DeviceUriError(UriProblem.BAD_CUPS_QUEUE, role=DeviceRole.PRINTER, queue=self.queue)

    def to_uri(self) -> str:
        """The canonical URI of this printer."""
        return "cups://" + quote(self.queue, safe="") + _query(self.options.query())


@dataclass(frozen=True)
class Win32PrinterConfig:
    """A Windows printer by name, sent RAW jobs through the spooler (Windows only)."""

    name: str
    options: PrintOptions = field(default_factory=PrintOptions)

    def __post_init__(self) -> None:
        if not self.name or self.name != self.name.strip():
            raise DeviceUriError(UriProblem.WIN32_NEEDS_NAME, role=DeviceRole.PRINTER)
        if not self.name.isprintable():
            raise DeviceUriError(UriProblem.BAD_WIN32_NAME, role=DeviceRole.PRINTER, name=self.name)

    def to_uri(self) -> str:
        """The canonical URI of this printer."""
        return "win32://" + quote(self.name, safe=" \\") + _query(self.options.query())


PrinterConfig = Union[
    TcpPrinterConfig,
    SerialPrinterConfig,
    UsbPrinterConfig,
    FilePrinterConfig,
    CupsPrinterConfig,
    Win32PrinterConfig,
]


@dataclass(frozen=True)
class SerialScannerConfig:
    """A scanner on a serial port (RS-232, or USB in CDC/virtual COM mode)."""

    path: str
    baudrate: int = DEFAULT_SCANNER_BAUDRATE
    terminator: Terminator = Terminator.AUTO
    gap_ms: int | None = None
    max_length: int = DEFAULT_MAX_FRAME
    usb_id: tuple[int, int] | None = None  # (vendor id, product id) to re-find the port
    serial_number: str | None = None  # the USB serial number, to re-find the port

    def __post_init__(self) -> None:
        scanner = DeviceRole.SCANNER
        object.__setattr__(self, "terminator", _coerce(Terminator, self.terminator, "terminator", scanner))
        _check_path(self.path, UriProblem.BAD_SERIAL_PORT, scanner)
        _check_baudrate(self.baudrate, scanner)
        if self.terminator is Terminator.NONE and self.gap_ms is None:
            raise DeviceUriError(UriProblem.GAP_NEEDED, role=scanner)
        if self.gap_ms is not None:
            _check_range("gap_ms", self.gap_ms, 1, 10_000, scanner)
        _check_range("max_length", self.max_length, 1, 65536, scanner)
        if self.usb_id is not None and not all(0 <= part <= 0xFFFF for part in self.usb_id):
            raise DeviceUriError(UriProblem.USB_ID_OUT_OF_RANGE, role=scanner)
        if self.serial_number is not None and (not self.serial_number or not self.serial_number.isprintable()):
            raise DeviceUriError(UriProblem.BAD_SERIAL_NUMBER, role=scanner, value=self.serial_number)

    def to_uri(self) -> str:
        """The canonical URI of this scanner."""
        query: dict[str, str] = {}
        if self.baudrate != DEFAULT_SCANNER_BAUDRATE:
            query["baudrate"] = str(self.baudrate)
        if self.terminator is not Terminator.AUTO:
            query["terminator"] = self.terminator.value
        if self.gap_ms is not None:
            query["gap_ms"] = str(self.gap_ms)
        if self.max_length != DEFAULT_MAX_FRAME:
            query["max_length"] = str(self.max_length)
        if self.usb_id is not None:
            query["usb"] = f"{self.usb_id[0]:04x}:{self.usb_id[1]:04x}"
        if self.serial_number is not None:
            query["serial_number"] = self.serial_number
        return _serial_uri(self.path) + _query(query)


@dataclass(frozen=True)
class WedgeScannerConfig:
    """A keyboard-wedge scanner: it types its codes as key presses (see `devices.scanner.wedge`)."""

    prefix: str = ""
    suffix: WedgeSuffix = WedgeSuffix.ENTER
    min_length: int = DEFAULT_WEDGE_MIN_LENGTH
    max_gap_ms: int = DEFAULT_WEDGE_MAX_GAP_MS

    def __post_init__(self) -> None:
        scanner = DeviceRole.SCANNER
        object.__setattr__(self, "suffix", _coerce(WedgeSuffix, self.suffix, "suffix", scanner))
        _check_range("min_length", self.min_length, 1, 256, scanner)
        _check_range("max_gap_ms", self.max_gap_ms, 5, 1000, scanner)

    def to_uri(self) -> str:
        """The canonical URI of this scanner."""
        query: dict[str, str] = {}
        if self.prefix:
            query["prefix"] = self.prefix
        if self.suffix is not WedgeSuffix.ENTER:
            query["suffix"] = self.suffix.value
        if self.min_length != DEFAULT_WEDGE_MIN_LENGTH:
            query["min_length"] = str(self.min_length)
        if self.max_gap_ms != DEFAULT_WEDGE_MAX_GAP_MS:
            query["max_gap_ms"] = str(self.max_gap_ms)
        return "wedge://" + _query(query)


ScannerConfig = Union[SerialScannerConfig, WedgeScannerConfig]

PRINTER_SCHEMES = ("tcp", "serial", "usb", "file", "cups", "win32")
SCANNER_SCHEMES = ("serial", "wedge")


# ----- parsing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parts:
    scheme: str
    location: str  # everything between "scheme://" and "?", percent-decoded
    raw_location: str
    query: dict[str, str]


def _split(uri: str, allowed: tuple[str, ...], role: DeviceRole) -> _Parts:
    if not isinstance(uri, str):
        raise DeviceUriError(UriProblem.NOT_TEXT, role=role)
    text = uri.strip()
    if not text:
        raise DeviceUriError(UriProblem.EMPTY, role=role)
    scheme, sep, rest = text.partition("://")
    if not sep:
        raise DeviceUriError(
            UriProblem.NO_SCHEME, role=role, uri=text, schemes=", ".join(f"{s}://" for s in allowed)
        )
    scheme = scheme.lower()
    if scheme not in allowed:
        raise DeviceUriError(UriProblem.UNKNOWN_SCHEME, role=role, scheme=scheme, uri=text, schemes=", ".join(allowed))
    location, _, query_text = rest.partition("?")
    location, _, _fragment = location.partition("#")
    query: dict[str, str] = {}
    try:
        pairs = parse_qsl(query_text, keep_blank_values=True, strict_parsing=bool(query_text))
    except ValueError:
        raise DeviceUriError(UriProblem.BAD_QUERY, role=role, query=query_text, uri=text) from None
    for key, value in pairs:
        key = key.strip().lower()
        if key in query:
            raise DeviceUriError(UriProblem.DUPLICATE_OPTION, role=role, option=key, uri=text)
        query[key] = value
    return _Parts(scheme, unquote(location), location, query)


def _check_known(parts: _Parts, known: tuple[str, ...]) -> None:
    unknown = sorted(set(parts.query) - set(known))
    if unknown:
        raise DeviceUriError(UriProblem.UNKNOWN_OPTION, option=unknown[0], scheme=parts.scheme, known=", ".join(known))


E = TypeVar("E", bound=Enum)


def _enum_option(query: Mapping[str, str], name: str, enum: type[E], default: E, *, fold: Callable[[str], str]) -> E:
    if name not in query:
        return default
    wanted = fold(query[name])
    for member in enum:
        if fold(str(member.value)) == wanted:
            return member
    raise DeviceUriError(UriProblem.NOT_ONE_OF, option=name, value=query[name], choices=_choices(enum))


def _int_option(query: Mapping[str, str], name: str, default: int | None, low: int, high: int) -> int | None:
    if name not in query:
        return default
    text = query[name]
    if not text.isdigit():
        raise DeviceUriError(UriProblem.NOT_A_WHOLE_NUMBER, option=name, value=text)
    value = int(text)
    _check_range(name, value, low, high)
    return value


def _print_options(query: Mapping[str, str]) -> PrintOptions:
    width_text = query.get("width")
    width = PaperWidth.MM80
    if width_text is not None:
        cleaned = width_text.lower().removesuffix("mm")
        if cleaned not in ("58", "80"):
            raise DeviceUriError(UriProblem.BAD_WIDTH, value=width_text)
        width = PaperWidth(int(cleaned))
    codepage = _enum_option(query, "codepage", CodePageMode, CodePageMode.AUTO, fold=str.lower)
    qr = _enum_option(query, "qr", QrMode, QrMode.NATIVE, fold=str.lower)
    timeout = DEFAULT_PRINT_TIMEOUT
    if "timeout" in query:
        try:
            timeout = float(query["timeout"])
            if timeout != timeout:  # NaN
                raise ValueError
        except ValueError:
            raise DeviceUriError(UriProblem.BAD_TIMEOUT, value=query["timeout"]) from None
        if not 0 < timeout <= MAX_PRINT_TIMEOUT:
            raise _timeout_out_of_range(query["timeout"])
    return PrintOptions(width=width, codepage=codepage, qr=qr, timeout=timeout)


_PRINT_OPTION_NAMES = ("width", "codepage", "qr", "timeout")


def _baudrate(query: Mapping[str, str], default: int) -> int:
    value = _int_option(query, "baudrate", default, 50, 4_000_000)
    assert value is not None
    return value


def _serial_path(parts: _Parts) -> str:
    # serial:///dev/ttyUSB0 -> "/dev/ttyUSB0"; serial://COM3 -> "COM3"
    path = parts.location
    if not path or path == "/":
        raise DeviceUriError(UriProblem.SERIAL_NEEDS_PORT)
    return path


def _usb_id(text: str, name: str) -> tuple[int, int]:
    vendor, sep, product = text.partition(":")
    hexdigits = set("0123456789abcdefABCDEF")
    if (
        not sep
        or not 1 <= len(vendor) <= 4
        or not 1 <= len(product) <= 4
        or not set(vendor) <= hexdigits
        or not set(product) <= hexdigits
    ):
        raise DeviceUriError(UriProblem.BAD_USB_ID, name=name, value=text)
    return int(vendor, 16), int(product, 16)


def _bool_option(query: Mapping[str, str], name: str) -> bool:
    text = query.get(name, "0").lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise DeviceUriError(UriProblem.NOT_A_SWITCH, option=name, value=query[name])


def parse_printer_uri(uri: str) -> PrinterConfig:
    """The printer configuration a URI describes; raises `DeviceUriError` naming what is wrong."""
    try:
        return _parse_printer_uri(uri)
    except DeviceUriError as exc:
        exc.role = DeviceRole.PRINTER
        raise


def parse_scanner_uri(uri: str) -> ScannerConfig:
    """The scanner configuration a URI describes; raises `DeviceUriError` naming what is wrong."""
    try:
        return _parse_scanner_uri(uri)
    except DeviceUriError as exc:
        exc.role = DeviceRole.SCANNER
        raise


def _parse_printer_uri(uri: str) -> PrinterConfig:
    parts = _split(uri, PRINTER_SCHEMES, DeviceRole.PRINTER)
    query = parts.query
    if parts.scheme == "tcp":
        _check_known(parts, ("status",) + _PRINT_OPTION_NAMES)
        host, port = _host_port(parts.raw_location)
        return TcpPrinterConfig(
            host=host,
            port=port,
            options=_print_options(query),
            status=_enum_option(query, "status", StatusMode, StatusMode.QUERY, fold=str.lower),
        )
    if parts.scheme == "serial":
        _check_known(parts, ("baudrate", "rtscts") + _PRINT_OPTION_NAMES)
        return SerialPrinterConfig(
            path=_serial_path(parts),
            baudrate=_baudrate(query, DEFAULT_PRINTER_BAUDRATE),
            rtscts=_bool_option(query, "rtscts"),
            options=_print_options(query),
        )
    if parts.scheme == "usb":
        _check_known(parts, _PRINT_OPTION_NAMES)
        if not parts.location:
            raise DeviceUriError(UriProblem.USB_NEEDS_ID)
        vendor, product = _usb_id(parts.location.strip("/"), "USB id")
        return UsbPrinterConfig(vendor_id=vendor, product_id=product, options=_print_options(query))
    if parts.scheme == "file":
        _check_known(parts, _PRINT_OPTION_NAMES)
        if not parts.location or parts.location == "/":
            raise DeviceUriError(UriProblem.FILE_NEEDS_PATH)
        return FilePrinterConfig(path=parts.location, options=_print_options(query))
    if parts.scheme == "cups":
        _check_known(parts, _PRINT_OPTION_NAMES)
        return CupsPrinterConfig(queue=parts.location, options=_print_options(query))
    # win32
    _check_known(parts, _PRINT_OPTION_NAMES)
    return Win32PrinterConfig(name=parts.location, options=_print_options(query))


def _parse_scanner_uri(uri: str) -> ScannerConfig:
    parts = _split(uri, SCANNER_SCHEMES, DeviceRole.SCANNER)
    query = parts.query
    if parts.scheme == "serial":
        _check_known(parts, ("baudrate", "terminator", "gap_ms", "max_length", "usb", "serial_number"))
        terminator = _enum_option(query, "terminator", Terminator, Terminator.AUTO, fold=str.lower)
        usb_id = _usb_id(query["usb"], "usb") if "usb" in query else None
        serial_number = query.get("serial_number") or None
        max_length = _int_option(query, "max_length", DEFAULT_MAX_FRAME, 1, 65536)
        assert max_length is not None
        return SerialScannerConfig(
            path=_serial_path(parts),
            baudrate=_baudrate(query, DEFAULT_SCANNER_BAUDRATE),
            terminator=terminator,
            gap_ms=_int_option(query, "gap_ms", None, 1, 10_000),
            max_length=max_length,
            usb_id=usb_id,
            serial_number=serial_number,
        )
    # wedge
    _check_known(parts, ("prefix", "suffix", "min_length", "max_gap_ms"))
    if parts.location.strip("/"):
        raise DeviceUriError(UriProblem.WEDGE_HAS_NO_LOCATION)
    min_length = _int_option(query, "min_length", DEFAULT_WEDGE_MIN_LENGTH, 1, 256)
    max_gap_ms = _int_option(query, "max_gap_ms", DEFAULT_WEDGE_MAX_GAP_MS, 5, 1000)
    assert min_length is not None and max_gap_ms is not None
    return WedgeScannerConfig(
        prefix=query.get("prefix", ""),
        suffix=_enum_option(query, "suffix", WedgeSuffix, WedgeSuffix.ENTER, fold=str.lower),
        min_length=min_length,
        max_gap_ms=max_gap_ms,
    )


def device_uri(config: PrinterConfig | ScannerConfig) -> str:
    """The canonical URI of a printer or scanner configuration."""
    return config.to_uri()


# ----- helpers --------------------------------------------------------------------------------


def _host_port(location: str) -> tuple[str, int]:
    location = location.rstrip("/")
    if not location:
        raise DeviceUriError(UriProblem.TCP_NEEDS_HOST)
    if location.startswith("["):
        host, bracket, rest = location[1:].partition("]")
        if not bracket or not host:
            raise DeviceUriError(UriProblem.UNCLOSED_IPV6, location=location)
        if rest and not rest.startswith(":"):
            raise DeviceUriError(UriProblem.TEXT_AFTER_IPV6, text=rest)
        port_text = rest[1:] if rest else ""
    else:
        host, _, port_text = location.rpartition(":") if ":" in location else (location, "", "")
        if ":" in host:
            raise DeviceUriError(UriProblem.IPV6_NEEDS_BRACKETS, host=location)
    host = unquote(host)
    if not host or any(ch.isspace() or ch in "/@?#" for ch in host):
        raise DeviceUriError(UriProblem.BAD_HOST, host=host)
    if not port_text:
        return host, DEFAULT_TCP_PORT
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise DeviceUriError(UriProblem.BAD_PORT, value=port_text)
    return host, int(port_text)


def _check_path(path: str, problem: UriProblem, role: DeviceRole) -> None:
    if not path or path == "/" or not path.isprintable():
        raise DeviceUriError(problem, role=role, path=path)


def _check_baudrate(value: int, role: DeviceRole) -> None:
    _check_range("baudrate", value, 50, 4_000_000, role)


def _check_range(option: str, value: int, low: int, high: int, role: DeviceRole | None = None) -> None:
    if not low <= value <= high:
        raise DeviceUriError(UriProblem.OUT_OF_RANGE, role=role, option=option, value=str(value), low=str(low), high=str(high))


def _timeout_out_of_range(value: str) -> DeviceUriError:
    return DeviceUriError(
        UriProblem.TIMEOUT_OUT_OF_RANGE, role=DeviceRole.PRINTER, value=value, high=_format_number(MAX_PRINT_TIMEOUT)
    )


def _choices(enum: type[Enum]) -> str:
    return "|".join(str(member.value) for member in enum)


def _serial_uri(path: str) -> str:
    quoted = quote(path, safe="/:\\")
    return f"serial://{quoted}"


def _query(params: Mapping[str, str]) -> str:
    return "?" + urlencode(params, quote_via=quote) if params else ""


def _format_number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def _coerce(enum: type[E], value: object, option: str, role: DeviceRole) -> E:
    if isinstance(value, enum):
        return value
    if isinstance(value, Enum):
        value = value.value
    for member in enum:
        if str(member.value).lower() == str(value).lower():
            return member
    raise DeviceUriError(UriProblem.NOT_ONE_OF, role=role, option=option, value=str(value), choices=_choices(enum))

