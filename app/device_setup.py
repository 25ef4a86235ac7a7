"""The store admin's device set-up: pick or type scanner and printer, test them, save.

Saved choices go to the settings file and take effect at once, without restarting the till.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from app.devices_controller import DevicesController, printer_status_text, printer_uri_with
from app.settings import Settings, save_settings
from devices.discovery import DiscoveredDevice
from devices.printer_status import PrinterStatus
from devices.scan_classifier import classify_scan
from devices.uris import DeviceUriError, parse_printer_uri, parse_scanner_uri
from widgets.device_settings import DeviceChoice, DeviceSettingsDialog


class DeviceSetup(QObject):
    """Runs the device settings dialog for the admin."""

    def __init__(
        self,
        parent_widget: QWidget,
        devices: DevicesController,
        settings: Callable[[], Settings],
        on_saved: Callable[[Settings], None],
    ) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._devices = devices
        self._settings = settings
        self._on_saved = on_saved
        self.dialog: DeviceSettingsDialog | None = None
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
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        dialog.open()
        self._discover()

    def _discover(self) -> None:
        def show(found: list[DiscoveredDevice]) -> None:
            if self.dialog is None:
                return
            self.dialog.set_scanners([(d.uri, d.description) for d in found if d.kind in ("scanner", "unknown")])
            self.dialog.set_printers([(d.uri, d.description) for d in found if d.kind in ("printer", "unknown")])

        self._devices.discover(show)

    def _test_print(self, choice: DeviceChoice) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        try:
            uri = printer_uri_with(choice.printer_uri, choice.paper_width, choice.codepage, choice.qr_mode)
        except DeviceUriError as exc:
            dialog.show_uri_error("printer", str(exc))
            return
        dialog.show_uri_error("printer", "")
        dialog.show_test_print_result(True, QCoreApplication.translate("Devices", "Printing…"))

        def done(status: PrinterStatus) -> None:
            if self.dialog is dialog:
                dialog.show_test_print_result(status.ok, printer_status_text(status) + _detail(status))

        self._devices.test_print(uri, done)

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
            dialog.show_uri_error("scanner", str(exc))
            errors = True
        try:
            if printer:
                printer = printer_uri_with(printer, choice.paper_width, choice.codepage, choice.qr_mode)
            dialog.show_uri_error("printer", "")
        except DeviceUriError as exc:
            dialog.show_uri_error("printer", str(exc))
            errors = True
        if errors:
            return
        settings = self._settings().replace(devices_scanner=scanner, devices_printer=printer)
        if settings.path is not None:
            save_settings(settings)
        self._devices.configure(scanner, printer)
        self._on_saved(settings)
        dialog.accept()

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


def _detail(status: PrinterStatus) -> str:
    return f" ({status.message})" if status.message and not status.ok else ""
