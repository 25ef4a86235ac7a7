"""A receipt printer's state as the till reports it, and how ESC/POS status replies map to it.

Real-time status requests (`DLE EOT n`) are answered by most ESC/POS printers even while they
are offline: one byte per request, with bits 0 and 7 clear and bits 1 and 4 set. The till asks for
the printer status (n=1), the offline cause (n=2) and the roll paper sensor (n=4).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Mapping

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


class StatusReason(str, Enum):
    """Why a printer is in its state: the printer's own answer, or what the till met on the way.

    The values each reason's sentence names are in `ENGLISH`: `device` is the serial port, file,
    USB id, network address, CUPS queue or Windows printer name; `detail` is the system's words.
    """

    PRINTED = "printed"
    PRINTED_CONNECTION_KEPT = "printed_connection_kept"
    SENT_TO_CUPS = "sent_to_cups"
    SENT_TO_WINDOWS = "sent_to_windows"
    READY = "ready"
    PAPER_LOW = "paper_low"
    OUT_OF_PAPER = "out_of_paper"
    COVER_OPEN = "cover_open"
    PRINTER_ERROR = "printer_error"
    PRINTER_OFFLINE = "printer_offline"
    NO_STATUS_REPORTED = "no_status_reported"
    STATUS_NOT_ASKED = "status_not_asked"
    CANNOT_OPEN = "cannot_open"
    NOT_TAKING_DATA = "not_taking_data"
    STOPPED_TAKING_DATA = "stopped_taking_data"
    JOB_NOT_TAKEN = "job_not_taken"
    FAILED = "failed"
    UNPLUGGED = "unplugged"
    NO_PERMISSION = "no_permission"
    DEVICE_BUSY = "device_busy"
    DEVICE_ERROR = "device_error"
    SOFTWARE_MISSING = "software_missing"
    NOT_ON_THIS_SYSTEM = "not_on_this_system"
    USB_LIST_FAILED = "usb_list_failed"
    NOT_CONNECTED = "not_connected"
    USB_SETUP_FAILED = "usb_setup_failed"
    NO_ANSWER_IN_TIME = "no_answer_in_time"
    CANNOT_RUN = "cannot_run"
    CUPS_JOB_TIMEOUT = "cups_job_timeout"
    CUPS_REFUSED = "cups_refused"
    CUPS_UNKNOWN_QUEUE = "cups_unknown_queue"
    CUPS_QUEUE_DISABLED = "cups_queue_disabled"
    CUPS_QUEUE_ENABLED = "cups_queue_enabled"
    WINDOWS_NO_PRINTER = "windows_no_printer"
    WINDOWS_REFUSED = "windows_refused"
    WINDOWS_KNOWS_PRINTER = "windows_knows_printer"
    NAME_SERVER_SILENT = "name_server_silent"
    REFUSED = "refused"
    UNKNOWN_HOST = "unknown_host"
    UNREACHABLE = "unreachable"
    NO_STATUS_ANSWER = "no_status_answer"
    NOT_A_STATUS = "not_a_status"
    DROPPED = "dropped"
    CLOSED_EARLY = "closed_early"
    LAYOUT_FAILED = "layout_failed"
    NOTHING_TO_REPRINT = "nothing_to_reprint"
    STILL_BUSY = "still_busy"
    TRANSPORT_FAILED = "transport_failed"


_NONE_HINT = "status=none is for a printer that never answers"

# The English sentence of each reason (for logs, the `devices` command line and support).
ENGLISH: Mapping[StatusReason, str] = {
    StatusReason.PRINTED: "printed",
    StatusReason.PRINTED_CONNECTION_KEPT: "printed (the printer keeps the connection open)",
    StatusReason.SENT_TO_CUPS: "sent to CUPS",
    StatusReason.SENT_TO_WINDOWS: "sent to the Windows spooler",
    StatusReason.READY: "ready",
    StatusReason.PAPER_LOW: "paper running low",
    StatusReason.OUT_OF_PAPER: "out of paper",
    StatusReason.COVER_OPEN: "cover open",
    StatusReason.PRINTER_ERROR: "printer error (cutter jam or overheated head)",
    StatusReason.PRINTER_OFFLINE: "printer is offline",
    StatusReason.NO_STATUS_REPORTED: "{device} is open; the printer does not report its status",
    StatusReason.STATUS_NOT_ASKED: "{device} is reachable; its status is not asked (status=none)",
    StatusReason.CANNOT_OPEN: "cannot open {device}: {detail}",
    StatusReason.NOT_TAKING_DATA: "{device} is not taking data (printer off or busy)",
    StatusReason.STOPPED_TAKING_DATA: "{device} stopped taking data (printer off, busy or out of paper)",
    StatusReason.JOB_NOT_TAKEN: "{device} did not take the whole job (printer stuck, busy or off)",
    StatusReason.FAILED: "{device} failed: {detail}",
    StatusReason.UNPLUGGED: "{device}: printer off or unplugged ({detail})",
    StatusReason.NO_PERMISSION: "no permission to write {device} (add the till's user to the printer group)",
    StatusReason.DEVICE_BUSY: "{device} is busy (used by another program)",
    StatusReason.DEVICE_ERROR: "{device}: {detail}",
    StatusReason.SOFTWARE_MISSING: "printing needs software that is not installed: {detail}",
    StatusReason.NOT_ON_THIS_SYSTEM: "{device} printers are not available on this system",
    StatusReason.USB_LIST_FAILED: "cannot list USB devices: {detail}",
    StatusReason.NOT_CONNECTED: "{device} is not connected or is off",
    StatusReason.USB_SETUP_FAILED: "cannot use {device}: {detail}",
    StatusReason.NO_ANSWER_IN_TIME: "{device} did not answer in time",
    StatusReason.CANNOT_RUN: "cannot run {device}: {detail}",
    StatusReason.CUPS_JOB_TIMEOUT: "CUPS did not take the job for {device!r} in time",
    StatusReason.CUPS_REFUSED: "CUPS refused the job for {device!r}: {detail}",
    StatusReason.CUPS_UNKNOWN_QUEUE: "CUPS does not know the queue {device!r}",
    StatusReason.CUPS_QUEUE_DISABLED: "CUPS queue {device!r} is disabled",
    StatusReason.CUPS_QUEUE_ENABLED: "CUPS queue {device!r} is enabled",
    StatusReason.WINDOWS_NO_PRINTER: "no printer named {device!r}: {detail}",
    StatusReason.WINDOWS_REFUSED: "Windows refused the job for {device!r}: {detail}",
    StatusReason.WINDOWS_KNOWS_PRINTER: "known to Windows",
    StatusReason.NAME_SERVER_SILENT: "no answer from the name server for {device!r}",
    StatusReason.REFUSED: "{device} refused the connection (printer off or wrong port)",
    StatusReason.UNKNOWN_HOST: "unknown printer host {device!r}: {detail}",
    StatusReason.UNREACHABLE: "cannot reach {device}: {detail}",
    StatusReason.NO_STATUS_ANSWER: "{device} did not answer the status request ({hint})",
    StatusReason.NOT_A_STATUS: "{device} answered the status request with {detail}, not a printer's status",
    StatusReason.DROPPED: "{device} dropped the connection before taking the job: {detail}",
    StatusReason.CLOSED_EARLY: "{device} closed the connection before taking the job",
    StatusReason.LAYOUT_FAILED: "could not lay out the slip: {detail}",
    StatusReason.NOTHING_TO_REPRINT: "nothing to reprint yet",
    StatusReason.STILL_BUSY: "the printer is still busy with another job",
    StatusReason.TRANSPORT_FAILED: "printer failure: {detail}",
}
_AFTER_JOB = " at the end of the job (the slip may be cut short)"
_NO_ANSWER_AFTER_JOB = "{device} did not answer the status request after the job ({hint})"


@dataclass(frozen=True)
class PrinterStatus:
    """A printer's state, why (`reason` with the values in `params`), and an English `message`.

    `problem` says, for a job that did not go out, what went wrong on the way (None otherwise);
    `after_job` that the printer's answer came after the job's last byte (it changed on the way).
    """

    state: PrinterState
    reason: StatusReason | None = None
    params: Mapping[str, str] = field(default_factory=dict, hash=False)
    paper_low: bool = False
    problem: DeliveryProblem | None = None
    after_job: bool = False

    @property
    def ok(self) -> bool:
        """True when the job went out (or the printer is ready)."""
        return self.state is PrinterState.OK

    @property
    def message(self) -> str:
        """A short English explanation, for logs, the command line and support."""
        if self.reason is None:
            return ""
        template = ENGLISH[self.reason]
        if self.after_job and self.reason is StatusReason.NO_STATUS_ANSWER:
            return _NO_ANSWER_AFTER_JOB.format(hint=_NONE_HINT, **self.params)
        text = template.format(hint=_NONE_HINT, **self.params)
        return text + _AFTER_JOB if self.after_job else text

    @classmethod
    def ready(cls, reason: StatusReason = StatusReason.PRINTED, **params: str) -> "PrinterStatus":
        """An OK status."""
        return cls(PrinterState.OK, reason, params)

    @classmethod
    def offline(cls, reason: StatusReason, **params: str) -> "PrinterStatus":
        """The printer cannot be reached or stopped taking data."""
        return cls(PrinterState.OFFLINE, reason, params)

    @classmethod
    def undelivered(cls, problem: DeliveryProblem, reason: StatusReason, **params: str) -> "PrinterStatus":
        """A job that the printer did not take (or did not confirm)."""
        return cls(PrinterState.OFFLINE, reason, params, problem=problem)

    @classmethod
    def error(cls, reason: StatusReason, **params: str) -> "PrinterStatus":
        """Any other failure."""
        return cls(PrinterState.ERROR, reason, params)


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
        return PrinterStatus(PrinterState.PAPER_OUT, StatusReason.OUT_OF_PAPER)
    if offline_cause & 0x04:
        return PrinterStatus(PrinterState.COVER_OPEN, StatusReason.COVER_OPEN)
    if offline_cause & 0x40:
        return PrinterStatus(PrinterState.ERROR, StatusReason.PRINTER_ERROR)
    if printer & 0x08:
        return PrinterStatus(PrinterState.OFFLINE, StatusReason.PRINTER_OFFLINE)
    low = bool(paper & 0x0C)
    return PrinterStatus(PrinterState.OK, StatusReason.PAPER_LOW if low else StatusReason.READY, paper_low=low)

