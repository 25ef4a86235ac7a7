"""Printer transports other than TCP: device files (FIFOs), serial printers on a pseudo-terminal,
CUPS (through stand-in `lp` programs, as no CUPS runs here), and the platform-bound ones."""
from __future__ import annotations

import os
import stat
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from devices.printing.printer import ReceiptPrinter
from devices.printing.printer_status import STATUS_QUERY, PrinterState
from devices.printing.transports import CupsTransport, FileTransport, SerialTransport, UsbTransport, Win32Transport
from devices.uris import (
    CupsPrinterConfig,
    FilePrinterConfig,
    SerialPrinterConfig,
    UsbPrinterConfig,
    Win32PrinterConfig,
)
from tests.devices.pty_port import PtyPort
from tests.escpos_decoder import decode

pytestmark = pytest.mark.integration

JOB = b"\x1b@\x1bt\x11" + "Проверка печати\n".encode("cp866") + b"\x1dV\x01"


# ----- device files ---------------------------------------------------------------------------


def test_a_job_written_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    target.write_bytes(b"")
    status = FileTransport(FilePrinterConfig(str(target))).send(JOB, 2.0)
    assert status.ok
    assert target.read_bytes() == JOB


def test_a_missing_device_file_is_offline(tmp_path: Path) -> None:
    status = FileTransport(FilePrinterConfig(str(tmp_path / "lp9"))).send(JOB, 2.0)
    assert status.state is PrinterState.OFFLINE and "unplugged" in status.message


def test_a_device_nobody_reads_is_offline_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "printer"
    os.mkfifo(fifo)
    status = FileTransport(FilePrinterConfig(str(fifo))).send(JOB, 2.0)
    assert status.state is PrinterState.OFFLINE


def test_a_device_that_stops_taking_data_is_offline_within_the_timeout(tmp_path: Path) -> None:
    fifo = tmp_path / "printer"
    os.mkfifo(fifo)
    stuck = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # opened, never read: the pipe fills up
    try:
        status = FileTransport(FilePrinterConfig(str(fifo))).send(b"x" * (4 * 1024 * 1024), 0.5)
    finally:
        os.close(stuck)
    assert status.state is PrinterState.OFFLINE and "stopped taking data" in status.message


def test_a_slow_device_gets_the_whole_job(tmp_path: Path) -> None:
    fifo = tmp_path / "printer"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    keep_open = os.open(fifo, os.O_WRONLY)  # so the reader sees no end of file before the job
    received = bytearray()
    job = JOB * 20000  # much more than the pipe holds

    def drain() -> None:
        os.set_blocking(reader, True)
        while chunk := os.read(reader, 65536):
            received.extend(chunk)

    thread = threading.Thread(target=drain)
    thread.start()
    status = FileTransport(FilePrinterConfig(str(fifo))).send(job, 10.0)
    os.close(keep_open)
    thread.join(10)
    os.close(reader)
    assert status.ok and bytes(received) == job


# ----- serial printers ------------------------------------------------------------------------


def test_a_serial_printer_answering_paper_out_gets_no_job() -> None:
    with PtyPort() as device, ThreadPoolExecutor(1) as pool:
        transport = SerialTransport(SerialPrinterConfig(device.path), status_wait=5.0)
        sending = pool.submit(transport.send, JOB, 10.0)
        assert device.read_exactly(len(STATUS_QUERY)) == STATUS_QUERY
        device.send(bytes([0x1A, 0x32, 0x72]))  # offline; stopped by paper end; no paper
        status = sending.result(timeout=15)
        assert status.state is PrinterState.PAPER_OUT
        assert device.received(100, timeout=0.2) == b""  # nothing after the question


def test_a_serial_printer_that_does_not_answer_status_prints() -> None:
    with PtyPort() as device, ThreadPoolExecutor(1) as pool:
        printer = ReceiptPrinter(SerialPrinterConfig(device.path), status_wait=0.1)
        sending = pool.submit(printer.print_test_page)
        received = bytearray()
        while True:  # read what the printer is sent until the sender is done and nothing is left
            chunk = device.received(65536, timeout=0.3)
            if chunk:
                received += chunk
            elif sending.done():
                break
        status = sending.result()
        assert status.ok, status
        decoded = decode(bytes(received))
        assert decoded.cuts and "Беларуская:" in decoded.text


def test_a_serial_printer_that_stops_taking_data_is_offline() -> None:
    with PtyPort() as device:
        status = SerialTransport(SerialPrinterConfig(device.path), status_wait=0.05).send(b"x" * (2 * 1024 * 1024), 0.5)
        assert status.state is PrinterState.OFFLINE and "stopped taking data" in status.message


def test_a_missing_serial_port_is_offline() -> None:
    status = SerialTransport(SerialPrinterConfig("/dev/till-loyalty-no-printer")).send(JOB, 1.0)
    assert status.state is PrinterState.OFFLINE and "cannot open" in status.message


# ----- CUPS -----------------------------------------------------------------------------------


def _program(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder searched first for programs: the stand-in `lp` goes there."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder) + os.pathsep + os.environ.get("PATH", ""))
    return folder


def test_cups_gets_the_raw_job_on_stdin(bin_dir: Path, tmp_path: Path) -> None:
    _program(bin_dir, "lp", f'echo "$@" > {tmp_path}/args\ncat > {tmp_path}/job\necho "request id is Receipt-1"\n')
    status = CupsTransport(CupsPrinterConfig("Receipt")).send(JOB, 5.0)
    assert status.ok
    assert (tmp_path / "job").read_bytes() == JOB
    assert (tmp_path / "args").read_text().split() == ["-d", "Receipt", "-o", "raw", "-t", "till-loyalty"]


def test_cups_refusing_the_job(bin_dir: Path) -> None:
    _program(bin_dir, "lp", 'cat > /dev/null\necho "lp: The printer or class does not exist." >&2\nexit 1\n')
    status = CupsTransport(CupsPrinterConfig("Nope")).send(JOB, 5.0)
    assert status.state is PrinterState.ERROR and "does not exist" in status.message


def test_cups_hanging_is_cut_off_at_the_timeout(bin_dir: Path) -> None:
    _program(bin_dir, "lp", "exec sleep 30\n")
    status = CupsTransport(CupsPrinterConfig("Receipt")).send(JOB, 0.5)
    assert status.state is PrinterState.OFFLINE and "in time" in status.message


def test_no_cups_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no lp, no lpstat
    assert CupsTransport(CupsPrinterConfig("Receipt")).send(JOB, 1.0).state is PrinterState.ERROR
    assert "not installed" in CupsTransport(CupsPrinterConfig("Receipt")).check(1.0).message


# ----- platform-bound -------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="the Windows spooler is there")
def test_win32_printers_elsewhere_say_so() -> None:
    status = Win32Transport(Win32PrinterConfig("POS-80")).send(JOB, 1.0)
    assert status.state is PrinterState.ERROR
    assert status.message == "win32 printers are not available on this system"


def test_usb_without_pyusb_says_what_is_missing() -> None:
    try:
        import usb.core  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pyusb is installed here")
    status = UsbTransport(UsbPrinterConfig(0x04B8, 0x0202)).send(JOB, 1.0)
    assert status.state is PrinterState.ERROR and "pyusb" in status.message
