"""A slip counts as printed only when the network printer took it: every kind of trouble, for real.

Each case of `tests.devices.printer_faults` runs against a loopback printer that misbehaves that
way: the result must be printed, or failed with the state and problem the case names, within the
printer's timeout (a generous bound catches hangs); a failed slip stays for the reprint, which
reaches the printer whole once it is fixed.
"""
from __future__ import annotations

import queue
import time

import pytest

from devices.printer import ReceiptPrinter
from devices.uris import parse_printer_uri
from tests.devices.loopback_printer import LoopbackPrinter
from tests.devices.printer_faults import CASES, HANG, OFFERS, SLIP_TEXT, SUMMARY, FaultCase
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
