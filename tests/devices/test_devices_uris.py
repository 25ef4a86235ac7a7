"""Device URIs: every kind parses into its config, prints back the same, and mistakes are named."""
from __future__ import annotations

import pickle

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from devices.uris import (
    CodePageMode,
    DeviceRole,
    CupsPrinterConfig,
    DeviceUriError,
    FilePrinterConfig,
    PaperWidth,
    PrintOptions,
    QrMode,
    SerialPrinterConfig,
    SerialScannerConfig,
    StatusMode,
    TcpPrinterConfig,
    Terminator,
    UriProblem,
    UsbPrinterConfig,
    WedgeScannerConfig,
    WedgeSuffix,
    Win32PrinterConfig,
    parse_printer_uri,
    parse_scanner_uri,
)
from tests.devices.bad_device_uris import CASES, BadUri


def test_the_printer_uris_of_the_design_parse_into_their_configs() -> None:
    assert parse_printer_uri("tcp://10.0.0.5:9100") == TcpPrinterConfig("10.0.0.5", 9100)
    assert parse_printer_uri("serial:///dev/ttyUSB0?baudrate=19200") == SerialPrinterConfig("/dev/ttyUSB0", 19200)
    assert parse_printer_uri("usb://04b8:0202") == UsbPrinterConfig(0x04B8, 0x0202)
    assert parse_printer_uri("file:///dev/usb/lp0") == FilePrinterConfig("/dev/usb/lp0")
    assert parse_printer_uri("cups://Queue") == CupsPrinterConfig("Queue")
    assert parse_printer_uri("win32://Printer Name") == Win32PrinterConfig("Printer Name")


def test_the_scanner_uris_of_the_design_parse_into_their_configs() -> None:
    serial = parse_scanner_uri("serial:///dev/ttyACM0?baudrate=9600&terminator=CR")
    assert serial == SerialScannerConfig("/dev/ttyACM0", 9600, Terminator.CR)
    wedge = parse_scanner_uri("wedge://?prefix=%7E&suffix=Enter&min_length=10&max_gap_ms=30")
    assert wedge == WedgeScannerConfig(prefix="~", suffix=WedgeSuffix.ENTER, min_length=10, max_gap_ms=30)


def test_print_options_come_from_the_query_of_any_printer() -> None:
    config = parse_printer_uri("tcp://printer.local?width=58&codepage=cp1251&qr=image&timeout=2.5")
    assert config.options == PrintOptions(PaperWidth.MM58, CodePageMode.CP1251, QrMode.IMAGE, 2.5)
    assert config.options.columns == 32
    assert parse_printer_uri("cups://Receipt?width=80").options.columns == 48
    assert parse_printer_uri("file:///dev/usb/lp0").options == PrintOptions()


def test_a_network_printer_is_asked_for_its_status_unless_it_never_answers() -> None:
    assert parse_printer_uri("tcp://10.0.0.5").status is StatusMode.QUERY
    quiet = parse_printer_uri("tcp://10.0.0.5?status=NONE&width=58")
    assert quiet == TcpPrinterConfig("10.0.0.5", options=PrintOptions(width=58), status=StatusMode.NONE)
    assert quiet.to_uri() == "tcp://10.0.0.5?status=none&width=58"
    assert parse_printer_uri("tcp://10.0.0.5?status=query").to_uri() == "tcp://10.0.0.5"
    with pytest.raises(DeviceUriError, match=r"status='sometimes' is not one of query\|none"):
        parse_printer_uri("tcp://10.0.0.5?status=sometimes")
    with pytest.raises(DeviceUriError, match="unknown option 'status' for a CUPS printer"):
        parse_printer_uri("cups://Receipt?status=none")


def test_defaults_and_spellings() -> None:
    assert parse_printer_uri("tcp://10.0.0.5") == TcpPrinterConfig("10.0.0.5", 9100)
    assert parse_printer_uri("TCP://[fe80::1]:9101") == TcpPrinterConfig("fe80::1", 9101)
    assert parse_printer_uri("serial://COM3?baudrate=38400") == SerialPrinterConfig("COM3", 38400)
    assert parse_scanner_uri("serial:///dev/ttyACM0?terminator=crlf").terminator is Terminator.CRLF
    assert parse_scanner_uri("serial:///dev/ttyACM0").terminator is Terminator.AUTO
    assert parse_scanner_uri("serial:///dev/ttyACM0?terminator=none&gap_ms=30").gap_ms == 30
    scanner = parse_scanner_uri("serial:///dev/ttyACM0?usb=0C2E:0B61&serial_number=ABC123")
    assert scanner.usb_id == (0x0C2E, 0x0B61) and scanner.serial_number == "ABC123"


@pytest.mark.parametrize(
    ("uri", "named"),
    [
        ("", "empty"),
        ("10.0.0.5:9100", "no scheme"),
        ("ftp://x", "unknown printer kind 'ftp'"),
        ("tcp://", "needs a host"),
        ("tcp://10.0.0.5:99999", "port '99999'"),
        ("tcp://10.0.0.5:abc", "port 'abc'"),
        ("tcp://fe80::1", "IPv6"),
        ("tcp://10.0.0.5?width=57", "width='57' must be 58 or 80"),
        ("tcp://10.0.0.5?codepage=koi8", "codepage='koi8' is not one of auto|cp866|cp1251"),
        ("tcp://10.0.0.5?qr=svg", "qr='svg'"),
        ("tcp://10.0.0.5?timeout=0", "timeout=0"),
        ("tcp://10.0.0.5?timeout=soon", "timeout='soon'"),
        ("tcp://10.0.0.5?colour=red", "unknown option 'colour' for a network printer"),
        ("tcp://10.0.0.5?width=58&width=80", "'width' is given twice"),
        ("serial://", "needs a port"),
        ("serial:///dev/ttyUSB0?baudrate=fast", "baudrate='fast' must be a whole number"),
        ("usb://04b8", "VENDOR:PRODUCT"),
        ("usb://zz:0202", "VENDOR:PRODUCT"),
        ("file://", "needs a path"),
        ("cups://", "needs a queue name"),
        ("cups://My Queue", "may not contain spaces"),
        ("win32:// Kassa", "without surrounding spaces"),
        ("win32://", "needs a printer name"),
    ],
)
def test_a_bad_printer_uri_is_refused_with_what_is_wrong(uri: str, named: str) -> None:
    with pytest.raises(DeviceUriError, match=None) as caught:
        parse_printer_uri(uri)
    assert named in str(caught.value)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("uri", "named"),
    [
        ("tcp://10.0.0.5", "unknown scanner kind 'tcp'"),
        ("serial:///dev/ttyACM0?terminator=ETX", "terminator='ETX' is not one of"),
        ("serial:///dev/ttyACM0?terminator=none", "terminator=none needs gap_ms"),
        ("serial:///dev/ttyACM0?gap_ms=0", "gap_ms=0 is out of range"),
        ("serial:///dev/ttyACM0?width=58", "unknown option 'width' for a serial scanner"),
        ("serial:///dev/ttyACM0?usb=xyz", "usb 'xyz'"),
        ("wedge://?suffix=Space", "suffix='Space'"),
        ("wedge://?min_length=0", "min_length=0"),
        ("wedge://keyboard", "no location"),
    ],
)
def test_a_bad_scanner_uri_is_refused_with_what_is_wrong(uri: str, named: str) -> None:
    with pytest.raises(DeviceUriError) as caught:
        parse_scanner_uri(uri)
    assert named in str(caught.value)


@pytest.mark.parametrize(
    "uri",
    [
        "tcp://10.0.0.5",
        "tcp://10.0.0.5:9101?width=58&codepage=cp866&qr=image&timeout=2.5",
        "tcp://[fe80::1]:9100",
        "serial:///dev/ttyUSB0?baudrate=38400&rtscts=1",
        "serial://COM3",
        "usb://04b8:0202?codepage=cp1251",
        "file:///dev/usb/lp0",
        "file:///tmp/receipt%20out.bin",
        "cups://Receipt_80",
        "win32://POS-80 Printer",
        "win32://Kassa%3F1",
    ],
)
def test_printer_uris_round_trip(uri: str) -> None:
    config = parse_printer_uri(uri)
    assert parse_printer_uri(config.to_uri()) == config


@pytest.mark.parametrize(
    "uri",
    [
        "serial:///dev/ttyACM0",
        "serial:///dev/ttyACM0?baudrate=115200&terminator=CRLF&gap_ms=50&max_length=64",
        "serial:///dev/ttyACM0?terminator=none&gap_ms=20&usb=0c2e:0b61&serial_number=S%2F N",
        "wedge://",
        "wedge://?prefix=%02%5D&suffix=none&min_length=6&max_gap_ms=25",
    ],
)
def test_scanner_uris_round_trip(uri: str) -> None:
    config = parse_scanner_uri(uri)
    assert parse_scanner_uri(config.to_uri()) == config


def test_the_canonical_uri_leaves_out_the_defaults() -> None:
    assert parse_printer_uri("tcp://10.0.0.5:9100?width=80&codepage=auto&qr=native&timeout=5").to_uri() == "tcp://10.0.0.5"
    assert parse_scanner_uri("serial:///dev/ttyACM0?baudrate=9600&terminator=auto").to_uri() == "serial:///dev/ttyACM0"


_names = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")), min_size=1, max_size=20)
_options = st.builds(
    PrintOptions,
    st.sampled_from(list(PaperWidth)),
    st.sampled_from(list(CodePageMode)),
    st.sampled_from(list(QrMode)),
    st.floats(0.1, 120, allow_nan=False).map(lambda f: round(f, 3)),
)


def _maybe(build):  # noqa: ANN001, ANN202 - a hypothesis helper
    """Build a config, or None where the generated name is not a legal one (refused clearly)."""

    def make(*args: object) -> object:
        try:
            return build(*args)
        except DeviceUriError as exc:
            assert str(exc)
            return None

    return make


_printer_configs = st.one_of(
    st.builds(_maybe(TcpPrinterConfig), st.from_regex(r"[a-z0-9][a-z0-9.-]{0,20}", fullmatch=True), st.integers(1, 65535), _options, st.sampled_from(StatusMode)),
    st.builds(_maybe(SerialPrinterConfig), _names.map(lambda n: "/dev/" + n), st.sampled_from([9600, 19200, 115200]), st.booleans(), _options),
    st.builds(_maybe(UsbPrinterConfig), st.integers(0, 0xFFFF), st.integers(0, 0xFFFF), _options),
    st.builds(_maybe(FilePrinterConfig), _names.map(lambda n: "/" + n), _options),
    st.builds(_maybe(CupsPrinterConfig), _names, _options),
    st.builds(_maybe(Win32PrinterConfig), _names, _options),
)


@settings(deadline=None, max_examples=300)
@given(_printer_configs)
def test_any_printer_config_round_trips(config: object) -> None:
    assume(config is not None)
    assert parse_printer_uri(config.to_uri()) == config  # type: ignore[attr-defined]


@settings(deadline=None, max_examples=200)
@given(
    st.builds(
        _maybe(SerialScannerConfig),
        _names.map(lambda n: "/dev/" + n),
        st.sampled_from([9600, 115200]),
        st.sampled_from(list(Terminator)),
        st.one_of(st.none(), st.integers(1, 10_000)),
        st.integers(1, 65536),
        st.one_of(st.none(), st.tuples(st.integers(0, 0xFFFF), st.integers(0, 0xFFFF))),
        st.one_of(st.none(), _names),
    )
    | st.builds(_maybe(WedgeScannerConfig), st.text(max_size=4), st.sampled_from(list(WedgeSuffix)), st.integers(1, 256), st.integers(5, 1000))
)
def test_any_scanner_config_round_trips(config: object) -> None:
    assume(config is not None)
    assert parse_scanner_uri(config.to_uri()) == config  # type: ignore[attr-defined]


def test_plain_values_are_accepted_for_options() -> None:
    options = PrintOptions(width=58, codepage="CP866", qr="image", timeout=3)  # type: ignore[arg-type]
    assert options == PrintOptions(PaperWidth.MM58, CodePageMode.CP866, QrMode.IMAGE, 3.0)
    with pytest.raises(DeviceUriError):
        PrintOptions(width=76)  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_refusal_carries_its_code_role_and_values(case: BadUri) -> None:
    with pytest.raises(DeviceUriError) as caught:
        case.refuse()
    error = caught.value
    assert (error.code, error.role) == (case.code, case.role)
    assert {name: error.params.get(name) for name in case.params} == case.params
    message = str(error)  # the English sentence for logs and the command line names the values
    for name, value in case.params.items():
        if name == "scheme" and case.code is UriProblem.UNKNOWN_OPTION:
            continue  # named as the kind of device: "for a network printer"
        assert (value if value.isprintable() else repr(value)[1:-1]) in message, (value, message)


def test_every_uri_problem_has_a_case() -> None:
    assert {case.code for case in CASES} == set(UriProblem)


def test_a_refusal_keeps_its_code_when_copied_to_another_process() -> None:
    with pytest.raises(DeviceUriError) as caught:
        parse_printer_uri("tcp://10.0.0.5:99999")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.code, copy.role, copy.params, str(copy)) == (
        UriProblem.BAD_PORT,
        DeviceRole.PRINTER,
        {"value": "99999"},
        "port '99999' must be a number from 1 to 65535",
    )
