"""The network printer in every kind of trouble a till meets, as cases for the loopback printer.

Each `FaultCase` is a way the printer on the other end behaves, the URI options the till has for
it, and what printing a slip must end with: printed, or failed with which state and problem.
Shared by the transport tests and the till's devices controller tests.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from devices.printing.printer_status import DeliveryProblem, PrinterState
from devices.printing.receipt_layout import RUSSIAN, LoyaltySummary, ReceiptLabels, build_receipt
from devices.uris import parse_printer_uri
from loyalty_client.types import BarcodeKind, Offer
from tests.devices.loopback_printer import (
    COVER_OPEN,
    LOOPBACK,
    NOT_STATUS,
    PAPER_LOW,
    PAPER_OUT,
    READY,
    Behaviour,
    LoopbackPrinter,
)

SMALL_BUFFER = 4096  # the printer's receive buffer: a slip with an image QR is bigger
TIMEOUT = 1.5  # the printer's timeout= in every case
HANG = TIMEOUT + 8  # a case that takes longer than this hangs

SUMMARY = LoyaltySummary(
    masked_phone="+375 29 ***-**-67",
    tier_name="Серебро",
    earned=Decimal("4.20"),
    spent=Decimal("10.00"),
    balance_after=Decimal("57.35"),
)
OFFERS = [
    Offer("o-8", "Кофе «Арабика» — скидка", "Предъявите купон № 12 на кассе.", "9900000001230",
          date(2026, 12, 31), BarcodeKind.QR),
]
SLIP_TEXT = "+375 29 ***-**-67"  # in the slip of SUMMARY, whatever the language of its words


@dataclass(frozen=True)
class FaultCase:
    """One behaviour of the printer and the print result it must give."""

    name: str
    behaviour: Behaviour
    state: PrinterState
    problem: DeliveryProblem | None = None
    status: str = "query"  # the URI's status= option
    listening: bool = True
    receive_buffer: int | None = None
    half_read: bool = False  # read_limit: half of the slip, set when the slip is known
    slip_sent: bool | None = None  # whether the slip's bytes must (True) or must not (False) arrive
    paper_low: bool = False

    @property
    def printed(self) -> bool:
        """Whether the slip must count as printed."""
        return self.state is PrinterState.OK

    def uri_query(self) -> str:
        """The URI options for this case (an image QR makes the slip bigger than the buffers)."""
        query = {"timeout": str(TIMEOUT), "qr": "image"}
        if self.status != "query":
            query["status"] = self.status
        return "&".join(f"{k}={v}" for k, v in query.items())

    def slip(self, labels: ReceiptLabels = RUSSIAN) -> bytes:
        """The bytes of the slip of SUMMARY and OFFERS in the words of `labels` as this case's
        printer gets them."""
        options = parse_printer_uri(f"tcp://{LOOPBACK}?{self.uri_query()}").options
        return build_receipt(SUMMARY, OFFERS, options, labels=labels)

    def sink(self) -> LoopbackPrinter:
        """The loopback printer for this case, not yet started."""
        behaviour = self.behaviour
        if self.half_read:
            behaviour = replace(behaviour, read_limit=len(self.slip()) // 2)
        return LoopbackPrinter(behaviour=behaviour, receive_buffer=self.receive_buffer, listening=self.listening)

    def healthy(self) -> Behaviour:
        """The same printer once fixed (paper loaded, switched on...), for the reprint."""
        return Behaviour(status=READY if self.status == "query" else {})


OK, OFFLINE = PrinterState.OK, PrinterState.OFFLINE
NOT_READING = DeliveryProblem.NOT_READING
RESET = DeliveryProblem.CONNECTION_RESET
NO_ANSWER = DeliveryProblem.NO_ANSWER
SILENT: dict[int, int] = {}

# status=query (the default for a network printer)
QUERY_CASES = [
    FaultCase("ready", Behaviour(status=READY), OK, slip_sent=True),
    FaultCase("paper low", Behaviour(status=PAPER_LOW), OK, slip_sent=True, paper_low=True),
    FaultCase("paper out", Behaviour(status=PAPER_OUT), PrinterState.PAPER_OUT, slip_sent=False),
    FaultCase("cover open", Behaviour(status=COVER_OPEN), PrinterState.COVER_OPEN, slip_sent=False),
    FaultCase("paper runs out during the job", Behaviour(status=READY, status_after_job=PAPER_OUT),
              PrinterState.PAPER_OUT, slip_sent=True),
    FaultCase("cover opened during the job", Behaviour(status=READY, status_after_job=COVER_OPEN),
              PrinterState.COVER_OPEN, slip_sent=True),
    FaultCase("never reads", Behaviour(status=READY, read_limit=0), OFFLINE, NO_ANSWER,
              receive_buffer=SMALL_BUFFER),
    FaultCase("answers, then stops reading", Behaviour(status=READY, read_limit=len(b"\x10\x04\x01") * 3),
              OFFLINE, NOT_READING, receive_buffer=SMALL_BUFFER),
    FaultCase("reads half, then resets", Behaviour(status=READY, reset_at_limit=True), OFFLINE, RESET,
              half_read=True, receive_buffer=SMALL_BUFFER),
    FaultCase("closes at once", Behaviour(close_at_once=True), OFFLINE, RESET),
    FaultCase("refuses", Behaviour(status=READY), OFFLINE, listening=False),
    FaultCase("never answers status", Behaviour(status=SILENT), OFFLINE, NO_ANSWER, slip_sent=False),
    FaultCase("stalls after the job", Behaviour(status=READY, status_after_job=SILENT), OFFLINE, NO_ANSWER,
              slip_sent=True),
    FaultCase("answers garbage", Behaviour(status=NOT_STATUS), OFFLINE, NO_ANSWER, slip_sent=False),
]

# status=none: a printer that never answers status requests
UNASKED_CASES = [
    FaultCase("status=none: reads, closes", Behaviour(status=SILENT), OK, status="none", slip_sent=True),
    FaultCase("status=none: reads, keeps open", Behaviour(status=SILENT, hold_open=True), OK, status="none",
              slip_sent=True),
    FaultCase("status=none: never reads", Behaviour(status=SILENT, read_limit=0), OFFLINE, NOT_READING,
              status="none", receive_buffer=SMALL_BUFFER),
    FaultCase("status=none: reads half, then resets", Behaviour(status=SILENT, reset_at_limit=True), OFFLINE,
              RESET, status="none", half_read=True, receive_buffer=SMALL_BUFFER),
    FaultCase("status=none: closes at once", Behaviour(close_at_once=True), OFFLINE, RESET, status="none"),
]

CASES = QUERY_CASES + UNASKED_CASES
