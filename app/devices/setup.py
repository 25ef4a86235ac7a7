"""The store admin's device set-up: pick or type scanner and printer, test them, save.

Saved choices go to the settings file and take effect at once, without restarting the till.
Every test print ends with an outcome on screen: the printer's answer, or, if none came within
the printer's timeout (and a little more), a failure. While the dialog is open, keyboard-wedge
scans made in it show in its test area (the till's own wedge filter leaves dialogs alone, so
that a PIN typed quickly is never taken for a scan).
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.devices.printer_failure_texts import printer_failure_text
from app.devices.texts import discovered_device_text, printer_status_text, uri_error_text, uri_examples_text
from app.devices.controller import DevicesController, printer_uri_with
from app.settings import Settings
from app.settings_saving import save_settings_in_background
from app.workers import BackgroundWorker
from app.devices.wedge_filter import WedgeEventFilter
from devices.discovery import DeviceKind, DiscoveredDevice
from devices.printing.printer_status import PrinterStatus
from devices.scanner.scan_classifier import classify_scan
from devices.uris import DeviceUriError, WedgeScannerConfig, parse_printer_uri, parse_scanner_uri
from widgets.admin.device_settings import DeviceChoice, DeviceSettingsDialog

log = logging.getLogger(__name__)

#: Added to the printer's own timeout before a test print is given up on screen: the job may
#: wait for the test worker's thread and the transport's last status read.
TEST_PRINT_GRACE_SECONDS = 2.0


class DeviceSetup(QObject):
    """Runs the device settings dialog for the admin."""

    def __init__(
        self,
        parent_widget: QWidget,
        devices: DevicesController,
        worker: BackgroundWorker,
        settings: Callable[[], Settings],
        on_saved: Callable[[Settings], None],
    ) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._devices = devices
        self._worker = worker  # writes the settings file
        self._settings = settings
        self._on_saved = on_saved
        self.dialog: DeviceSettingsDialog | None = None
        self._wedge: WedgeEventFilter | None = None
        self._test_print_timer = QTimer(self)
        self._test_print_timer.setSingleShot(True)
        self._test_print_timer.timeout.connect(self._test_print_timed_out)
        self._test_print_running = 0  # the number of the test print shown as running (0: none)
        self._test_prints = 0
        self._test_print_seconds = 0.0
        devices.scanned.connect(self._scanned)
        devices.scanner_status.connect(self._scanner_status)

    @property
    def is_open(self) -> bool:
        """Whether the dialog is open (scans then go to its test area, not to the checkout)."""
        return self.dialog is not None

    def open(self) -> None:
        """Show the dialog with the current settings and start discovery."""
        dialog = DeviceSettingsDialog(self._parent)
        self.dialog = dialog
        dialog.set_choice(current_choice(self._settings()))
        dialog.discovery_requested.connect(self._discover)
        dialog.test_print_requested.connect(self._test_print)
        dialog.save_requested.connect(self._save)
        dialog.finished.connect(lambda _: self._closed(dialog))
        self._listen_for_wedge_scans(dialog)
        dialog.open()
        self._discover()

    def _listen_for_wedge_scans(self, dialog: DeviceSettingsDialog) -> None:
        """Show keyboard-wedge scans made in the dialog in its test area, as the configured
        scanner would read them (a serial scanner's scans come through the devices controller)."""
        config: WedgeScannerConfig = WedgeScannerConfig()
        try:
            configured = parse_scanner_uri(self._settings().get("devices", "scanner") or "wedge://")
            if isinstance(configured, WedgeScannerConfig):
                config = configured
        except DeviceUriError:
            pass
        wedge = WedgeEventFilter(config, dialog, self)
        wedge.scanned.connect(self._scanned)
        wedge.install()
        self._wedge = wedge

    def _closed(self, dialog: DeviceSettingsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        if self._wedge is not None:
            self._wedge.remove()
            self._wedge.deleteLater()
            self._wedge = None
        self._test_print_timer.stop()
        self._test_print_running = 0

    def _discover(self) -> None:
        def show(found: list[DiscoveredDevice]) -> None:
            if self.dialog is None:
                return
            listed = [(d, (d.uri, discovered_device_text(d))) for d in found]
            self.dialog.set_scanners([entry for d, entry in listed if d.kind is not DeviceKind.PRINTER])
            self.dialog.set_printers([entry for d, entry in listed if d.kind is not DeviceKind.SCANNER])

        self._devices.discover(show)

    def _test_print(self, choice: DeviceChoice) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        try:
            uri = printer_uri_with(choice.printer_uri, choice.paper_width, choice.codepage, choice.qr_mode)
            timeout = parse_printer_uri(uri).options.timeout
        except DeviceUriError as exc:
            log.info("test print refused: %s", exc)
            self._show_uri_error(dialog, "printer", exc)
            dialog.show_test_print_result(
                False, QCoreApplication.translate("Devices", "Nothing was printed: the printer address is not valid.")
            )
            return
        dialog.show_uri_error("printer", "")
        self._test_prints += 1
        number = self._test_prints
        self._test_print_running = number
        self._test_print_timer.setInterval(int((timeout + TEST_PRINT_GRACE_SECONDS) * 1000))
        self._test_print_seconds = timeout
        self._test_print_timer.start()

        def done(status: PrinterStatus) -> None:
            if self.dialog is not dialog or self._test_print_running != number:
                return  # closed meanwhile, or already given up on screen
            self._test_print_running = 0
            self._test_print_timer.stop()
            dialog.show_test_print_result(status.ok, printer_status_text(status), printer_failure_text(status))

        self._devices.test_print(uri, done)

    def _test_print_timed_out(self) -> None:
        dialog = self.dialog
        if dialog is None or not self._test_print_running:
            return
        self._test_print_running = 0
        seconds = self._test_print_seconds
        log.warning("the test print gave no answer within %.1f s", seconds)
        dialog.show_test_print_result(
            False,
            QCoreApplication.translate("Devices", "The printer did not answer within %1 s: is it on and connected?")
            .replace("%1", f"{seconds:g}"),
        )

    def _save(self, choice: DeviceChoice) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        scanner, printer = choice.scanner_uri.strip(), choice.printer_uri.strip()
        errors = False
        try:
            if scanner:
                parse_scanner_uri(scanner)
            dialog.show_uri_error("scanner", "")
        except DeviceUriError as exc:
            self._show_uri_error(dialog, "scanner", exc)
            errors = True
        try:
            if printer:
                printer = printer_uri_with(printer, choice.paper_width, choice.codepage, choice.qr_mode)
            dialog.show_uri_error("printer", "")
        except DeviceUriError as exc:
            self._show_uri_error(dialog, "printer", exc)
            errors = True
        if errors:
            return
        settings = self._settings().replace(devices_scanner=scanner, devices_printer=printer)
        dialog.show_save_error("")

        def saved() -> None:
            self._devices.configure(scanner, printer)
            self._on_saved(settings)
            if self.dialog is dialog:
                dialog.accept()

        save_settings_in_background(self._worker, settings, saved, dialog.show_save_error)

    @staticmethod
    def _show_uri_error(dialog: DeviceSettingsDialog, which: str, error: DeviceUriError) -> None:
        """What is wrong under the address field; examples of good addresses in its tooltip."""
        dialog.show_uri_error(which, uri_error_text(error), uri_examples_text(which))

    def _scanned(self, raw: str) -> None:
        if self.dialog is not None:
            result = classify_scan(raw, self._settings().get("store", "region"))
            self.dialog.show_scan(result.kind.value, result.value)

    def _scanner_status(self, text: str) -> None:
        if self.dialog is not None:
            self.dialog.show_scanner_status(text)


def current_choice(settings: Settings) -> DeviceChoice:
    """The dialog's view of the configured devices (printer options read from its URI)."""
    printer = settings.get("devices", "printer")
    width, codepage, qr = 80, "auto", "native"
    if printer:
        try:
            options = parse_printer_uri(printer).options
            width, codepage, qr = int(options.width), options.codepage.value, options.qr.value
        except DeviceUriError:
            pass
    return DeviceChoice(settings.get("devices", "scanner"), printer, width, codepage, qr)

