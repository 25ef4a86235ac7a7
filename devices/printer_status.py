"""A receipt printer's state as the till reports it, and how ESC/POS status replies map to it.

Real-time status requests (`DLE EOT n`) are answered by most ESC/POS printers even while they
are offline: one byte per request, with bits 0 and 7 clear and bits 1 and 4 set. The till asks for
the printer status (n=1), the offline cause (n=2) and the roll paper sensor (n=4).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

STATUS_QUERY = b"\x10\x04\x01\x10\x04\x02\x10\x04\x04"
STATUS_REPLY_LENGTH = 3


class PrinterState(str, Enum):
    """What the cashier needs to know about the printer."""

    OK = "ok"
    OFFLINE = "offline"  # off, unplugged, unreachable, or not taking data
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    ERROR = "error"  # anything else: misconfiguration, printer error, missing driver


class DeliveryProblem(str, Enum):
    """Why a job sent to a reachable printer does not count as printed (the state is OFFLINE)."""

    NOT_READING = "not_reading"  # the printer did not take all of the job's bytes
    CONNECTION_RESET = "connection_reset"  # the printer dropped the connection before it took the job
    NO_ANSWER = "no_answer"  # no status answer (or not a printer's) where one was expected


@dataclass(frozen=True)
class PrinterStatus:
    """A printer's state with a short explanation (English, for logs and the admin).

    `problem` says, for a job that did not go out, what went wrong on the way (None otherwise).
    """

    state: PrinterState
    message: str = ""
    paper_low: bool = False
    problem: DeliveryProblem | None = None

    @property
    def ok(self) -> bool:
        """True when the job went out (or the printer is ready)."""
        return self.state is PrinterState.OK

    @classmethod
    def ready(cls, message: str = "printed") -> "PrinterStatus":
        """An OK status."""
        return cls(PrinterState.OK, message)

    @classmethod
    def offline(cls, message: str) -> "PrinterStatus":
        """The printer cannot be reached or stopped taking data."""
        return cls(PrinterState.OFFLINE, message)

    @classmethod
    def undelivered(cls, problem: DeliveryProblem, message: str) -> "PrinterStatus":
        """A job that the printer did not take (or did not confirm)."""
        return cls(PrinterState.OFFLINE, message, problem=problem)

    @classmethod
    def error(cls, message: str) -> "PrinterStatus":
        """Any other failure."""
        return cls(PrinterState.ERROR, message)


def _is_status_byte(value: int) -> bool:
    return value & 0x93 == 0x12


def parse_status_replies(replies: bytes) -> PrinterStatus | None:
    """The state told by the answers to `STATUS_QUERY` (in order: n=1, 2, 4), or None if none valid.

    A partial answer is read as far as it goes; bytes that are not status bytes mean the device
    does not speak ESC/POS status, and the state is unknown (None).
    """
    if not replies or not all(_is_status_byte(b) for b in replies[:STATUS_REPLY_LENGTH]):
        return None
    printer = replies[0]
    offline_cause = replies[1] if len(replies) > 1 else 0x12
    paper = replies[2] if len(replies) > 2 else 0x12
    if paper & 0x60 or offline_cause & 0x20:
        return PrinterStatus(PrinterState.PAPER_OUT, "out of paper")
    if offline_cause & 0x04:
        return PrinterStatus(PrinterState.COVER_OPEN, "cover open")
    if offline_cause & 0x40:
        return PrinterStatus(PrinterState.ERROR, "printer error (cutter jam or overheated head)")
    if printer & 0x08:
        return PrinterStatus(PrinterState.OFFLINE, "printer is offline")
    low = bool(paper & 0x0C)
    return PrinterStatus(PrinterState.OK, "paper running low" if low else "ready", paper_low=low)

