"""`till-loyalty devices ...` as a process: test-scan on a pseudo-terminal, test-print to a
loopback printer, listing, and the one-line errors with their exit codes."""
from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
from pathlib import Path

import pytest

from devices.cli import main
from loyalty_client.codes import make_ean13
from tests.devices.loopback_printer import PAPER_OUT, READY, LoopbackPrinter
from tests.devices.pty_port import PtyPort
from tests.escpos_decoder import decode

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
CARD = make_ean13("200000000001")
COUPON = make_ean13("990000000123")
PRODUCT = "5901234123457"


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "devices.cli", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )


def wait_for_line(stream: object, fragment: str, timeout: float = 30.0) -> str:
    """Read `stream` line by line until one contains `fragment` (fail after `timeout` seconds)."""
    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)  # type: ignore[arg-type]
    seen = []
    try:
        while True:
            if not selector.select(timeout):
                pytest.fail(f"no line with {fragment!r} within {timeout} s; saw {seen}")
            line = stream.readline()  # type: ignore[attr-defined]
            if not line:
                pytest.fail(f"stream ended before {fragment!r}; saw {seen}")
            seen.append(line)
            if fragment in line:
                return line
    finally:
        selector.close()


def run(*args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "devices.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def test_test_scan_prints_one_line_per_scan() -> None:
    with PtyPort() as scanner:
        process = start("test-scan", f"serial://{scanner.path}", "--count", "4", "--timeout", "60")
        try:
            wait_for_line(process.stderr, "scan codes now")
            scanner.send(f"{CARD}\r{COUPON[:6]}".encode())
            scanner.send(f"{COUPON[6:]}\r\n{PRODUCT}\n".encode() + b"80291234567\r")
            out, err = process.communicate(timeout=30)
        finally:
            process.kill()
    assert process.returncode == 0, err
    assert out.splitlines() == [
        f"card {CARD}",
        f"coupon {COUPON}",
        f"unknown {PRODUCT}  (Product barcode, not a loyalty card)",
        "phone +375291234567",
    ]


def test_test_scan_as_json_lines_with_the_russian_region() -> None:
    with PtyPort() as scanner:
        process = start("test-scan", f"serial://{scanner.path}?terminator=CR", "--count", "2", "--json", "--region", "RU")
        try:
            wait_for_line(process.stderr, "scan codes now")
            scanner.send(b"89165550123\r\x00\x00garbage\r")
            out, err = process.communicate(timeout=30)
        finally:
            process.kill()
    assert process.returncode == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["kind"], r["value"]) for r in records] == [("phone", "+79165550123"), ("unknown", "garbage")]


def test_test_scan_times_out_before_the_count() -> None:
    with PtyPort() as scanner:
        result = run("test-scan", f"serial://{scanner.path}", "--count", "2", "--timeout", "1")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "till-loyalty devices: timed out after 0 of 2 scans"


def test_test_scan_of_a_missing_port() -> None:
    result = run("test-scan", "serial:///dev/till-loyalty-missing", "--timeout", "20")
    assert result.returncode == 1
    assert result.stderr.strip() == "till-loyalty devices: cannot open /dev/till-loyalty-missing: No such file or directory"


def test_test_print_sends_the_test_page_with_the_options_given() -> None:
    with LoopbackPrinter(READY) as sink:
        code = main(["devices", "test-print", sink.uri(), "--width", "58", "--codepage", "cp866", "--qr", "image"])
        job = sink.next_job()
    assert code == 0
    decoded = decode(job)
    assert decoded.code_pages == [17] and decoded.images and not decoded.qr_codes
    assert "Бумага: 58 мм; ширина строки: 32" in decoded.text
    assert "зёлкi. Ў, I, i - \"№ 7\"." in decoded.text  # the Belarusian sample, CP866 stand-ins


def test_test_print_as_a_process() -> None:
    with LoopbackPrinter(READY) as sink:
        result = run("test-print", sink.uri("width=80"))
        job = sink.next_job()
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("test page sent to tcp://127.0.0.1:")
    assert decode(job).code_pages == [46] and decode(job).barcodes


def test_test_print_to_a_printer_out_of_paper() -> None:
    with LoopbackPrinter(PAPER_OUT) as sink:
        result = run("test-print", sink.uri())
    assert result.returncode == 1
    assert result.stderr.strip() == "till-loyalty devices: paper_out: out of paper"


def test_test_print_to_nobody() -> None:
    import socket

    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    try:
        result = run("test-print", f"tcp://127.0.0.1:{holder.getsockname()[1]}", "--timeout", "2")
    finally:
        holder.close()
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("till-loyalty devices: offline: ") and "refused" in lines[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["test-print", "lpt://1"], "unknown printer kind 'lpt'"),
        (["test-print", "tcp://10.0.0.5?width=57"], "width='57' must be 58 or 80"),
        (["test-scan", "tcp://10.0.0.5"], "unknown scanner kind 'tcp'"),
    ],
)
def test_a_bad_uri_is_one_line_and_exit_code_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("till-loyalty devices: ") and message in err and "\n" not in err


def test_bad_usage_is_exit_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test-print", "tcp://x", "--width", "60"]) == 2
    assert main(["fly"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_list_as_json_lines() -> None:
    result = run("list", "--json")
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        record = json.loads(line)
        assert set(record) == {"uri", "kind", "description"} and record["kind"] in ("scanner", "printer", "unknown")


def test_test_scan_of_a_wedge_scanner_reads_lines_typed_into_the_terminal() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "devices.cli", "test-scan", "wedge://?prefix=~", "--count", "2"],
        cwd=ROOT,
        input=f"~{CARD}\nЗКЩЬЩ\n",  # the second typed on a Russian layout
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"card {CARD}", "unknown PROMO  (Unknown code)"]
