"""The receipt printer as the till uses it: print a job, report a status, reprint the last job.

`ReceiptPrinter` lays out the job (`devices.printing.receipt_layout`), sends it through the transport for
its URI (`devices.printing.transports`) and returns a `PrinterStatus`. It never raises for a printer
problem and never blocks longer than the printer's timeout (the `timeout=` of its URI, 5 s by
default), including the wait for a job another thread is sending. The last job is kept, printed
or not, for `reprint_last()`.

Calls block: make them on the printer's worker thread. The object is safe to share between
threads; jobs go out one at a time.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Sequence

from devices.printing.printer_status import PrinterStatus, StatusReason
from devices.printing.receipt_layout import RUSSIAN, LoyaltySummary, ReceiptLabels, build_receipt, build_test_page
from devices.printing.return_slip import RUSSIAN as RETURN_RUSSIAN
from devices.printing.return_slip import ReturnLabels, ReturnSummary, build_return_slip
from devices.printing.shift_slip import RUSSIAN as SHIFT_RUSSIAN
from devices.printing.shift_slip import ShiftLabels, ShiftSlip, build_shift_slip
from devices.printing.transports import DEFAULT_STATUS_WAIT, Transport, transport_for
from devices.uris import PrinterConfig, PrintOptions, parse_printer_uri
from loyalty_client.types import Offer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintJob:
    """Bytes for the printer and what they are, for the admin's "reprint last"."""

    data: bytes
    title: str
    created_at: datetime = field(default_factory=datetime.now)


class ReceiptPrinter:
    """One configured receipt printer; see the module documentation."""

    def __init__(
        self,
        config: PrinterConfig,
        *,
        transport: Transport | None = None,
        status_wait: float = DEFAULT_STATUS_WAIT,
    ) -> None:
        self.config = config
        self._transport = transport or transport_for(config, status_wait=status_wait)
        self._lock = threading.Lock()
        self._last_job: PrintJob | None = None
        self._last_status: PrinterStatus | None = None

    @classmethod
    def from_uri(cls, uri: str) -> "ReceiptPrinter":
        """A printer from its URI; raises `devices.uris.DeviceUriError` for a bad one."""
        return cls(parse_printer_uri(uri))

    @property
    def options(self) -> PrintOptions:
        """Paper width, code page, QR mode and timeout."""
        return self.config.options

    @property
    def uri(self) -> str:
        """The printer's canonical URI."""
        return self.config.to_uri()

    @property
    def last_job(self) -> PrintJob | None:
        """The last job given to this printer, printed or not."""
        return self._last_job

    @property
    def last_status(self) -> PrinterStatus | None:
        """The status the last job (or status check) ended with."""
        return self._last_status

    def print_receipt(
        self, summary: LoyaltySummary | None, offers: Sequence[Offer] = (), *, labels: ReceiptLabels = RUSSIAN
    ) -> PrinterStatus:
        """Print the after-sale slip: the loyalty block and the customer's offers, in the words of `labels`."""
        try:
            data = build_receipt(summary, offers, self.options, labels=labels)
        except Exception as exc:  # a layout bug must not cost the cashier more than a message
            log.exception("could not lay out the loyalty slip")
            return self._remember(PrinterStatus.error(StatusReason.LAYOUT_FAILED, detail=str(exc)))
        return self.print_job(PrintJob(data, "loyalty slip"))

    def print_return_slip(self, summary: ReturnSummary, *, labels: ReturnLabels = RETURN_RUSSIAN) -> PrinterStatus:
        """Print the slip of a return in the words of `labels`: points taken back and given back,
        the balance when known."""
        try:
            data = build_return_slip(summary, self.options, labels=labels)
        except Exception as exc:  # a layout bug must not cost the cashier more than a message
            log.exception("could not lay out the return slip")
            return self._remember(PrinterStatus.error(StatusReason.LAYOUT_FAILED, detail=str(exc)))
        return self.print_job(PrintJob(data, "return slip"))

    def print_shift_slip(self, slip: ShiftSlip, *, labels: ShiftLabels = SHIFT_RUSSIAN) -> PrinterStatus:
        """Print the shift slip in the words of `labels`: the loyalty figures of the till's shift."""
        try:
            data = build_shift_slip(slip, self.options, labels=labels)
        except Exception as exc:  # a layout bug must not cost the cashier more than a message
            log.exception("could not lay out the shift slip")
            return self._remember(PrinterStatus.error(StatusReason.LAYOUT_FAILED, detail=str(exc)))
        return self.print_job(PrintJob(data, "shift slip"))

    def print_test_page(self) -> PrinterStatus:
        """Print the test page (settings, Russian and Belarusian text, a QR and an EAN-13)."""
        return self.print_job(PrintJob(build_test_page(self.options, device=self.uri), "test page"))

    def print_job(self, job: PrintJob | bytes) -> PrinterStatus:
        """Send a job and keep it as the last one; returns how it went."""
        if not isinstance(job, PrintJob):
            job = PrintJob(bytes(job), "raw job")
        self._last_job = job
        return self._send(job)

    def reprint_last(self) -> PrinterStatus:
        """Send the last job again (after paper was loaded, the printer switched on...)."""
        job = self._last_job
        if job is None:
            return PrinterStatus.error(StatusReason.NOTHING_TO_REPRINT)
        return self._send(job)

    def check_status(self) -> PrinterStatus:
        """Ask the printer how it is, printing nothing."""
        started = time.monotonic()
        timeout = self.options.timeout
        if not self._lock.acquire(timeout=timeout):
            return PrinterStatus.offline(StatusReason.STILL_BUSY)
        try:
            left = max(0.001, timeout - (time.monotonic() - started))
            return self._remember(self._guarded(lambda: self._transport.check(left)))
        finally:
            self._lock.release()

    def _send(self, job: PrintJob) -> PrinterStatus:
        started = time.monotonic()
        timeout = self.options.timeout
        if not self._lock.acquire(timeout=timeout):
            return self._remember(PrinterStatus.offline(StatusReason.STILL_BUSY))
        try:
            left = max(0.001, timeout - (time.monotonic() - started))
            status = self._guarded(lambda: self._transport.send(job.data, left))
        finally:
            self._lock.release()
        if not status.ok:
            log.warning("printing the %s failed: %s (%s)", job.title, status.state.value, status.message)
        return self._remember(status)

    @staticmethod
    def _guarded(call: Callable[[], PrinterStatus]) -> PrinterStatus:
        try:
            return call()
        except Exception as exc:  # transports report problems as statuses; this is a last resort
            log.exception("printer transport failed")
            return PrinterStatus.error(StatusReason.TRANSPORT_FAILED, detail=str(exc))

    def _remember(self, status: PrinterStatus) -> PrinterStatus:
        self._last_status = status
        return status

