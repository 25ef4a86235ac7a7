"""The till's scanner and receipt printer: configured from URIs, run off the GUI thread.

Scans from any scanner (keyboard wedge or serial) come out of `scanned` as raw text on the GUI
thread. Printing, status checks, discovery and starting/stopping a serial reader run on the
device worker; results come back as signals. A dead printer costs the cashier a status message.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any, Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from app.admin.failure_texts import unexpected_failure_text
from app.devices.printer_failure_texts import printer_failure_text
from app.devices.slip_labels import return_slip_labels, shift_slip_labels, slip_labels
from app.devices.texts import printer_status_text, scanner_status_text
from app.devices.wedge_filter import WedgeEventFilter
from app.workers import BackgroundWorker
from devices.discovery import DiscoveredDevice, discover_devices
from devices.printing.printer import ReceiptPrinter
from devices.printing.printer_status import PrinterStatus
from devices.printing.receipt_layout import LoyaltySummary
from devices.printing.shift_slip import ShiftSlip
from devices.printing.return_slip import ReturnSummary
from devices.scanner.serial_scanner import ScannerEvent, ScannerStatus, SerialScannerReader
from devices.uris import (
    DeviceUriError,
    PrinterConfig,
    PrintOptions,
    SerialScannerConfig,
    WedgeScannerConfig,
    parse_printer_uri,
    parse_scanner_uri,
)
from loyalty_client.types import Offer

log = logging.getLogger(__name__)


def printer_uri_with(uri: str, width: int, codepage: str, qr: str) -> str:
    """The printer URI with paper width, code page and QR mode set (raises DeviceUriError)."""
    config = parse_printer_uri(uri)
    options = PrintOptions(width=width, codepage=codepage, qr=qr, timeout=config.options.timeout)
    return replace(config, options=options).to_uri()


class DevicesController(QObject):
    """Owns the configured scanner and printer and reports what they do."""

    scanned = Signal(str)
    scanner_status = Signal(str)  # a short text for the admin's test area
    # state ("ok", "printing", "offline", ... "none"), short text, what to do ("" while nothing is wrong)
    printer_status = Signal(str, str, str)
    reprint_available = Signal(bool)

    def __init__(self, window: QWidget, worker: BackgroundWorker) -> None:
        super().__init__(window)
        self._window = window
        self._worker = worker
        self._wedge: WedgeEventFilter | None = None
        self._reader: SerialScannerReader | None = None
        self._printer: ReceiptPrinter | None = None
        # Test prints run on their own thread: never queued behind a slip stuck on a dead printer.
        self._test_worker = BackgroundWorker("device-test", self)
        self.scanner_uri = ""
        self.printer_uri = ""

    @property
    def scanner_connected(self) -> bool:
        """Whether a serial scanner's port is open (a wedge scanner is always 'connected')."""
        if self._wedge is not None:
            return True
        return self._reader is not None and self._reader.status is ScannerStatus.CONNECTED

    # ----- configuration -------------------------------------------------------------------
    def configure(self, scanner_uri: str, printer_uri: str) -> None:
        """Use these devices from now on (empty: none). Raises DeviceUriError for a bad URI."""
        scanner = parse_scanner_uri(scanner_uri) if scanner_uri else None
        printer = parse_printer_uri(printer_uri) if printer_uri else None
        self._use_scanner(scanner)
        self._use_printer(printer)
        self.scanner_uri, self.printer_uri = scanner_uri, printer_uri

    def configure_each(self, scanner_uri: str, printer_uri: str) -> list[DeviceUriError]:
        """Use each device whose URI is good; the problems of the others (their device then: none).

        At start a mistyped scanner must not leave the till without its printer, or the reverse.
        """
        problems: list[DeviceUriError] = []
        try:
            scanner = parse_scanner_uri(scanner_uri) if scanner_uri else None
        except DeviceUriError as exc:
            problems.append(exc)
            scanner, scanner_uri = None, ""
        try:
            printer = parse_printer_uri(printer_uri) if printer_uri else None
        except DeviceUriError as exc:
            problems.append(exc)
            printer, printer_uri = None, ""
        self._use_scanner(scanner)
        self._use_printer(printer)
        self.scanner_uri, self.printer_uri = scanner_uri, printer_uri
        return problems

    def _use_scanner(self, config: SerialScannerConfig | WedgeScannerConfig | None) -> None:
        if self._wedge is not None:
            self._wedge.remove()
            self._wedge = None
        old, self._reader = self._reader, None
        if old is not None:
            self._worker.submit(lambda: old.stop())
        if isinstance(config, WedgeScannerConfig):
            self._wedge = WedgeEventFilter(config, self._window, self)
            self._wedge.scanned.connect(self.scanned)
            self._wedge.install()
        elif isinstance(config, SerialScannerConfig):
            reader = SerialScannerReader(
                config,
                on_frame=lambda frame: self.scanned.emit(frame.decode("utf-8", "replace")),
                on_status=self._scanner_event,
                on_overflow=lambda size: log.warning("scan of %d bytes dropped", size),
            )
            self._reader = reader
            self._worker.submit(reader.start)

    def _use_printer(self, config: PrinterConfig | None) -> None:
        self._printer = None if config is None else ReceiptPrinter(config)
        if config is None:
            self.printer_status.emit("none", "", "")
        self.reprint_available.emit(False)

    def _scanner_event(self, event: ScannerEvent) -> None:  # called on the reader's thread
        self.scanner_status.emit(scanner_status_text(event.status))

    # ----- printing ------------------------------------------------------------------------
    def print_slip(self, summary: LoyaltySummary | None, offers: Sequence[Offer]) -> None:
        """Print the loyalty block and offers after a sale in the till's language (nothing if no
        printer is set)."""
        printer = self._printer
        if printer is not None:
            labels = slip_labels()  # translated here, on the GUI thread, before the job is queued
            self._print(lambda: printer.print_receipt(summary, offers, labels=labels))

    def print_return_slip(self, summary: ReturnSummary) -> None:
        """Print the slip of a return (nothing if no printer is set)."""
        printer = self._printer
        if printer is not None:
            labels = return_slip_labels()  # translated here, on the GUI thread
            self._print(lambda: printer.print_return_slip(summary, labels=labels))

    def print_shift_slip(self, slip: ShiftSlip) -> bool:
        """Print the shift slip on the device worker; False when no printer is set up."""
        printer = self._printer
        if printer is None:
            return False
        labels = shift_slip_labels()  # translated here, on the GUI thread
        self._print(lambda: printer.print_shift_slip(slip, labels=labels))
        return True

    def reprint_last(self) -> None:
        """Send the last slip again."""
        printer = self._printer
        if printer is not None:
            self._print(printer.reprint_last)

    def _print(self, job: Callable[[], PrinterStatus]) -> None:
        self.printer_status.emit("printing", QCoreApplication.translate("Devices", "Printing…"), "")
        self._worker.submit(job, self._printed, self._print_failed)

    def _printed(self, status: PrinterStatus) -> None:
        self.printer_status.emit(status.state.value, printer_status_text(status), printer_failure_text(status))
        self.reprint_available.emit(not status.ok)

    def _print_failed(self, exc: BaseException) -> None:
        log.error("printing failed", exc_info=exc)
        self.printer_status.emit(
            "error", QCoreApplication.translate("Devices", "Printer error"), unexpected_failure_text()
        )
        self.reprint_available.emit(True)

    # ----- admin helpers -------------------------------------------------------------------
    def discover(self, done: Callable[[list[DiscoveredDevice]], None]) -> None:
        """Find scanners and printers (on the device worker); `done` gets the list."""
        self._worker.submit(discover_devices, done, lambda exc: done([]))

    def test_print(self, uri: str, done: Callable[[PrinterStatus], None]) -> None:
        """Print the test page on the printer at `uri` (which need not be the configured one).

        Runs on the test print's own thread, so a slip waiting on the till's printer does not
        hold it up; `done` always gets a status (an error status if printing raised).
        """

        def job() -> Any:
            return ReceiptPrinter.from_uri(uri).print_test_page()

        self._test_worker.submit(job, done, lambda exc: done(_error_status(exc)))

    def shutdown(self) -> None:
        """Stop the scanner and the test print's thread (the device worker is stopped by its owner)."""
        self._use_scanner(None)
        self._test_worker.stop()


def _error_status(exc: BaseException) -> PrinterStatus:
    from devices.printing.printer_status import StatusReason

    detail = str(exc) if isinstance(exc, DeviceUriError) else f"{type(exc).__name__}: {exc}"
    return PrinterStatus.error(StatusReason.TRANSPORT_FAILED, detail=detail)
