"""`till-loyalty devices ...`: list devices, print a test page, try a scanner.

    till-loyalty devices list [--json]
    till-loyalty devices test-print PRINTER_URI [--width 58|80] [--codepage auto|cp866|cp1251]
                                                [--qr native|image] [--timeout S]
    till-loyalty devices test-scan SCANNER_URI [--count N] [--timeout S] [--json] [--region BY|RU]

`test-scan` prints one line per scan, `KIND VALUE` (kind: card, qr, coupon, phone, unknown) or
with `--json` one JSON object per line; it ends after N scans or S seconds (exit code 1 if the
seconds ran out before N scans were read). For a `wedge://` scanner, scan into this terminal.
Exit codes: 0 done, 1 the device failed (unreachable printer, missing port), 2 bad usage or URI.
Also runnable as `python -m devices.cli ...`.
"""
from __future__ import annotations

import argparse
import json
import queue
import sys
import threading
import time
from dataclasses import replace
from typing import Sequence, TextIO

from devices.uris import (
    CodePageMode,
    DeviceUriError,
    PaperWidth,
    QrMode,
    SerialScannerConfig,
    WedgeScannerConfig,
    parse_printer_uri,
    parse_scanner_uri,
)

PROG = "till-loyalty devices"
EXIT_OK, EXIT_DEVICE, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with our exit code and one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be above 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `till-loyalty devices`."""
    parser = _Parser(prog=PROG, description="Receipt printers and barcode scanners of this till.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    listing = commands.add_parser("list", help="discovered scanners and printers with their URIs")
    listing.add_argument("--json", action="store_true", help="one JSON object per device")

    printing = commands.add_parser("test-print", help="print a test page")
    printing.add_argument("uri", metavar="PRINTER_URI")
    printing.add_argument("--width", type=int, choices=[58, 80], help="paper width in mm")
    printing.add_argument("--codepage", choices=[m.value for m in CodePageMode])
    printing.add_argument("--qr", choices=[m.value for m in QrMode], help="QR drawn by the printer or as an image")
    printing.add_argument("--timeout", type=_positive_float, help="seconds to wait for the printer")

    scanning = commands.add_parser("test-scan", help="show what a scanner reads")
    scanning.add_argument("uri", metavar="SCANNER_URI")
    scanning.add_argument("--count", type=_positive_int, help="stop after this many scans")
    scanning.add_argument("--timeout", type=_positive_float, help="stop after this many seconds")
    scanning.add_argument("--json", action="store_true", help="one JSON object per scan")
    scanning.add_argument("--region", choices=["BY", "RU"], default="BY", help="how phone numbers are read")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a `devices` command; returns the exit code. `argv` may start with "devices"."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["devices"]:
        args_list = args_list[1:]
    try:
        args = build_parser().parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        if args.command == "list":
            return list_devices(json_lines=args.json)
        if args.command == "test-print":
            return test_print(args.uri, width=args.width, codepage=args.codepage, qr=args.qr, timeout=args.timeout)
        return test_scan(args.uri, count=args.count, timeout=args.timeout, json_lines=args.json, region=args.region)
    except DeviceUriError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_OK


def _fail(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


def list_devices(*, json_lines: bool = False, out: TextIO | None = None) -> int:
    """Print the discovered devices."""
    from devices.discovery import discover_devices

    out = out or sys.stdout
    devices = discover_devices()
    if not devices:
        print("no scanners or printers found", file=sys.stderr)
    for device in devices:
        if json_lines:
            print(json.dumps({"uri": device.uri, "kind": device.kind.value, "description": device.description}, ensure_ascii=False), file=out)
        else:
            print(f"{device.kind.value:<8} {device.uri}  {device.description}", file=out)
    out.flush()
    return EXIT_OK


def test_print(
    uri: str,
    *,
    width: int | None = None,
    codepage: str | None = None,
    qr: str | None = None,
    timeout: float | None = None,
) -> int:
    """Print the test page on the printer at `uri`, with options overriding the URI's."""
    from devices.printing.printer import ReceiptPrinter

    config = parse_printer_uri(uri)
    options = config.options
    changes: dict[str, object] = {}
    if width is not None:
        changes["width"] = PaperWidth(width)
    if codepage is not None:
        changes["codepage"] = CodePageMode(codepage)
    if qr is not None:
        changes["qr"] = QrMode(qr)
    if timeout is not None:
        changes["timeout"] = timeout
    if changes:
        config = replace(config, options=replace(options, **changes))  # type: ignore[arg-type]
    status = ReceiptPrinter(config).print_test_page()
    if not status.ok:
        _fail(f"{status.state.value}: {status.message}")
        return EXIT_DEVICE
    note = "; paper running low" if status.paper_low else ""
    print(f"test page sent to {config.to_uri()}{note}", file=sys.stderr, flush=True)
    return EXIT_OK


def test_scan(
    uri: str,
    *,
    count: int | None = None,
    timeout: float | None = None,
    json_lines: bool = False,
    region: str = "BY",
    out: TextIO | None = None,
) -> int:
    """Print what the scanner at `uri` reads, until `count` scans or `timeout` seconds."""
    config = parse_scanner_uri(uri)
    out = out or sys.stdout
    deadline = time.monotonic() + timeout if timeout is not None else None
    if isinstance(config, WedgeScannerConfig):
        return _scan_terminal(config, count, deadline, json_lines, region, out)
    return _scan_serial(config, count, deadline, json_lines, region, out)


def _print_scan(raw: bytes | str, region: str, json_lines: bool, out: TextIO) -> None:
    from devices.scanner.scan_classifier import classify_scan

    result = classify_scan(raw, region)
    if json_lines:
        record = {"kind": result.kind.value, "value": result.value, "message": result.message}
        print(json.dumps(record, ensure_ascii=False), file=out, flush=True)
    else:
        value = result.value if result.value else "-"
        suffix = f"  ({result.message})" if result.reason is not None else ""
        print(f"{result.kind.value} {value}{suffix}", file=out, flush=True)


def _left(deadline: float | None) -> float | None:
    return None if deadline is None else max(0.0, deadline - time.monotonic())


def _scan_serial(
    config: SerialScannerConfig, count: int | None, deadline: float | None, json_lines: bool, region: str, out: TextIO
) -> int:
    from devices.scanner.serial_scanner import ScannerEvent, ScannerStatus, SerialScannerReader

    events: queue.Queue[tuple[str, object]] = queue.Queue()
    reader = SerialScannerReader(
        config,
        on_frame=lambda data: events.put(("frame", data)),
        on_status=lambda event: events.put(("status", event)),
        on_overflow=lambda length: events.put(("overflow", length)),
    )
    reader.start()
    seen = 0
    connected_once = False
    try:
        while count is None or seen < count:
            left = _left(deadline)
            if left is not None and left <= 0:
                break
            try:
                kind, payload = events.get(timeout=0.5 if left is None else min(left, 0.5))
            except queue.Empty:
                continue
            if kind == "frame":
                assert isinstance(payload, bytes)
                _print_scan(payload, region, json_lines, out)
                seen += 1
            elif kind == "overflow":
                print(f"dropped a {payload}-byte code: too long", file=sys.stderr, flush=True)
            else:
                assert isinstance(payload, ScannerEvent)
                if payload.status is ScannerStatus.CONNECTED:
                    if not connected_once:
                        print(f"reading {payload.port}: scan codes now", file=sys.stderr, flush=True)
                    else:
                        print(f"scanner back at {payload.port}", file=sys.stderr, flush=True)
                    connected_once = True
                elif payload.status is ScannerStatus.RECONNECTING and not connected_once:
                    _fail(payload.message.split("; next try")[0])
                    return EXIT_DEVICE
                elif payload.status is ScannerStatus.DISCONNECTED:
                    print(f"scanner lost ({payload.message}); waiting for it to come back", file=sys.stderr, flush=True)
    finally:
        reader.stop()
    return _scan_end(seen, count)


def _scan_end(seen: int, count: int | None) -> int:
    if count is not None and seen < count:
        _fail(f"timed out after {seen} of {count} scans")
        return EXIT_DEVICE
    return EXIT_OK


def _scan_terminal(
    config: WedgeScannerConfig, count: int | None, deadline: float | None, json_lines: bool, region: str, out: TextIO
) -> int:
    """A keyboard-wedge scanner types into this terminal: each line is a scan."""
    from devices.scanner.wedge import remap_layout

    print("scan into this terminal (each code ends with Enter)", file=sys.stderr, flush=True)
    lines: queue.Queue[str | None] = queue.Queue()
    stdin = sys.stdin

    def read_lines() -> None:
        for line in stdin:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read_lines, name="wedge-test-input", daemon=True).start()
    seen = 0
    while count is None or seen < count:
        left = _left(deadline)
        if left is not None and left <= 0:
            break
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if line is None:
            break
        text = line.rstrip("\r\n")
        if config.prefix and text.startswith(config.prefix):
            text = text[len(config.prefix) :]
        _print_scan(remap_layout(text), region, json_lines, out)
        seen += 1
    return _scan_end(seen, count)


if __name__ == "__main__":
    sys.exit(main())
