"""A slip counts as printed only when the network printer took it: every kind of trouble, for real.

Each case of `tests.devices.printer_faults` runs against a loopback printer that misbehaves that
way: the result must be printed, or failed with the state and problem the case names, within the
printer's timeout (a generous bound catches hangs); a failed slip stays for the reprint, which
reaches the printer whole once it is fixed.
"""
from __future__ import annotations

import queue
import socket
import sys
import time

import pytest

from devices.printing import tcp_transport
from devices.printing.printer import ReceiptPrinter
from devices.printing.printer_status import DeliveryProblem
from devices.printing.tcp_send_queue import unacknowledged_bytes
from devices.uris import parse_printer_uri
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.devices.printer_faults import CASES, HANG, OFFERS, SLIP_TEXT, SMALL_BUFFER, SUMMARY, FaultCase
from tests.escpos_decoder import decode

pytestmark = pytest.mark.integration


def drain(sink: LoopbackPrinter) -> list[bytes]:
    jobs = []
    while True:
        try:
            jobs.append(sink.jobs.get_nowait())
        except queue.Empty:
            return jobs


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_slip_is_printed_only_when_the_printer_took_it(case: FaultCase) -> None:
    slip = case.slip()
    with case.sink() as sink:
        printer = ReceiptPrinter(parse_printer_uri(sink.uri(case.uri_query())))
        started = time.monotonic()
        status = printer.print_receipt(SUMMARY, OFFERS)
        took = time.monotonic() - started

        assert (status.state, status.problem) == (case.state, case.problem), status
        assert status.paper_low is case.paper_low
        assert took < HANG, f"{case.name} took {took:.1f} s"
        assert printer.last_job is not None and printer.last_job.data == slip
        if case.slip_sent is not None:  # a printer that reads: what it got
            assert (slip in sink.next_job()) is case.slip_sent
        if case.printed:
            return

        # Fixed (paper loaded, printer switched on or restarted): the kept slip prints whole.
        drain(sink)
        sink.behaviour = case.healthy()
        sink.start_listening()
        again = printer.reprint_last()
        assert again.ok, again
        job = sink.next_job()
    assert slip in job
    assert SLIP_TEXT in decode(job).text


def test_the_kernel_tells_bytes_a_printer_has_not_taken() -> None:
    if sys.platform != "linux":
        pytest.skip("SIOCOUTQ is Linux's")
    with LoopbackPrinter(read=False, receive_buffer=SMALL_BUFFER) as stuck:
        with socket.create_connection(("127.0.0.1", stuck.port)) as sock:
            sock.sendall(b"x" * 200_000)  # all in this computer's buffer; the printer's window is shut
            assert unacknowledged_bytes(sock) > 100_000
    with LoopbackPrinter(READY) as reading:
        with socket.create_connection(("127.0.0.1", reading.port)) as sock:
            sock.sendall(b"x" * 200_000)
            sock.shutdown(socket.SHUT_WR)
            assert sock.recv(1) == b""  # the printer read to the end and closed
            assert unacknowledged_bytes(sock) == 0  # every byte, and the end, acknowledged


@pytest.mark.parametrize(("read", "printed"), [(True, True), (False, False)])
def test_where_the_system_cannot_count_unacknowledged_bytes_the_printer_must_close(
    monkeypatch: pytest.MonkeyPatch, read: bool, printed: bool
) -> None:
    monkeypatch.setattr(tcp_transport, "unacknowledged_bytes", lambda sock: None)  # as on Windows
    with LoopbackPrinter({}, read=read, receive_buffer=SMALL_BUFFER) as sink:
        printer = ReceiptPrinter(parse_printer_uri(sink.uri("status=none&timeout=1")))
        status = printer.print_receipt(SUMMARY, OFFERS)
    assert status.ok is printed, status
    if not printed:
        assert status.problem is DeliveryProblem.NOT_READING
