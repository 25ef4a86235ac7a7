"""The store admin's device settings: scanner and receipt printer, with a live test of each."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTime, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.style import repolish

PAPER_WIDTHS = (80, 58)
CODEPAGES = ("auto", "cp1251", "cp866")
QR_MODES = ("native", "image")
SCAN_LINES_KEPT = 50


@dataclass(frozen=True)
class DeviceChoice:
    """The device settings as chosen in the dialog (URIs as in docs/architecture.md §6, "" = none)."""

    scanner_uri: str
    printer_uri: str
    paper_width: int = 80
    codepage: str = "auto"
    qr_mode: str = "native"

    def __post_init__(self) -> None:
        if self.paper_width not in PAPER_WIDTHS:
            raise ValueError(f"paper width must be 58 or 80 mm, not {self.paper_width!r}")
        if self.codepage not in CODEPAGES:
            raise ValueError(f"unknown code page {self.codepage!r}")
        if self.qr_mode not in QR_MODES:
            raise ValueError(f"unknown QR mode {self.qr_mode!r}")


class _DeviceSection(QGroupBox):
    """A found-devices combo, the URI field it fills, and the error line under the field."""

    def __init__(self, which: str) -> None:
        super().__init__()
        prefix = which.capitalize()
        self.setObjectName(f"{prefix}Section")
        self.found = QComboBox()
        self.found.setObjectName(f"{prefix}Combo")
        self.found.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.found.setMinimumContentsLength(12)  # the whole entry is in the list and the tooltip
        self.uri = QLineEdit()
        self.uri.setObjectName(f"{prefix}UriInput")
        self.uri.setClearButtonEnabled(True)
        self.error = QLabel()
        self.error.setObjectName(f"{prefix}UriError")
        self.error.setProperty("role", "error-text")
        self.error.setWordWrap(True)
        self.error.hide()
        self.found_caption = QLabel()
        self.uri_caption = QLabel()
        self.uri_caption.setBuddy(self.uri)
        self.form = QGridLayout()
        self.form.setHorizontalSpacing(10)
        self.form.setColumnStretch(1, 1)
        self.add_row(self.found_caption, self.found)
        self.add_row(self.uri_caption, self.uri)
        self.form.addWidget(self.error, self.form.rowCount(), 1)
        self._devices: list[tuple[str, str]] = []
        self._placeholder = ""
        self.found.activated.connect(self._on_found_chosen)
        self.uri.textEdited.connect(self._on_uri_edited)

    def set_devices(self, devices: list[tuple[str, str]]) -> None:
        self._devices = list(devices)
        self._fill()

    def add_row(self, caption: QLabel, field: QWidget) -> None:
        row = self.form.rowCount()
        self.form.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignVCenter)
        self.form.addWidget(field, row, 1)

    def device_count(self) -> int:
        return len(self._devices)

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self._fill()

    def show_error(self, text: str, hint: str = "") -> None:
        self.error.setText(text)
        self.error.setToolTip(hint if text else "")
        self.error.setVisible(bool(text))
        self.uri.setProperty("invalid", bool(text))
        repolish(self.uri)

    def set_uri(self, uri: str) -> None:
        self.uri.setText(uri)
        self.uri.setCursorPosition(0)  # show where the address starts (the scheme)
        self._select_matching()

    def _fill(self) -> None:
        with QSignalBlocker(self.found):
            self.found.clear()
            self.found.addItem(self._placeholder, "")
            for uri, description in self._devices:
                self.found.addItem(f"{description} — {uri}" if description else uri, uri)
                self.found.setItemData(self.found.count() - 1, uri, Qt.ItemDataRole.ToolTipRole)
        self._select_matching()

    def _select_matching(self) -> None:
        index = self.found.findData(self.uri.text().strip()) if self.uri.text().strip() else -1
        with QSignalBlocker(self.found):
            self.found.setCurrentIndex(max(0, index))

    def _on_found_chosen(self, index: int) -> None:
        uri = self.found.itemData(index)
        if uri:
            self.uri.setText(uri)
            self.uri.setCursorPosition(0)
            self.show_error("")

    def _on_uri_edited(self) -> None:
        self.show_error("")
        self._select_matching()


class DeviceSettingsDialog(QDialog):
    """Lets the store admin choose and test the scanner and the receipt printer.

    The application feeds it: `set_choice` (current settings), `set_scanners` / `set_printers`
    (found devices as (uri, description)), `show_scan` / `show_scanner_status` (live scanner
    test), `show_test_print_result`, `show_uri_error`. The dialog emits: `discovery_requested()`
    (Refresh), `test_print_requested(DeviceChoice)`, `save_requested(DeviceChoice)` — it stays
    open after Save until the application calls `accept()`, so it can check the URIs first.
    Cancel (or Esc) closes it without saving.
    Object names: ScannerCombo, ScannerUriInput, ScannerUriError, ScannerStatus, ScanLog,
    PrinterCombo, PrinterUriInput, PrinterUriError, PaperWidthCombo, CodepageCombo, QrModeCombo,
    TestPrintButton, TestPrintResult, RefreshButton, SaveButton, CancelButton.
    """

    discovery_requested = Signal()
    test_print_requested = Signal(object)
    save_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DeviceSettingsDialog")
        self._scan_count = 0
        self._print_result: tuple[str, str] = ("none", "")

        self._scanner = _DeviceSection("scanner")
        self._scanner_status = QLabel()
        self._scanner_status.setObjectName("ScannerStatus")
        self._scanner_status.setProperty("role", "muted")
        self._scanner_status.setWordWrap(True)
        self._scan_caption = QLabel()
        self._scan_caption.setProperty("role", "hint")
        self._scan_caption.setWordWrap(True)
        self._scan_log = QPlainTextEdit()
        self._scan_log.setObjectName("ScanLog")
        self._scan_log.setReadOnly(True)  # scans arrive as key presses: they may type into it
        self._scan_log.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._scan_log.setMaximumBlockCount(SCAN_LINES_KEPT)
        self._scan_log.setMinimumHeight(110)
        scanner_box = QVBoxLayout(self._scanner)
        scanner_box.addLayout(self._scanner.form)
        scanner_box.addWidget(self._scanner_status)
        scanner_box.addWidget(self._scan_caption)
        scanner_box.addWidget(self._scan_log, 1)

        self._printer = _DeviceSection("printer")
        self._paper = QComboBox()
        self._paper.setObjectName("PaperWidthCombo")
        for width in PAPER_WIDTHS:
            self._paper.addItem("", width)
        self._codepage = QComboBox()
        self._codepage.setObjectName("CodepageCombo")
        for codepage in CODEPAGES:
            self._codepage.addItem("", codepage)
        self._qr = QComboBox()
        self._qr.setObjectName("QrModeCombo")
        for mode in QR_MODES:
            self._qr.addItem("", mode)
        self._paper_caption = QLabel()
        self._codepage_caption = QLabel()
        self._qr_caption = QLabel()
        self._printer.add_row(self._paper_caption, self._paper)
        self._printer.add_row(self._codepage_caption, self._codepage)
        self._printer.add_row(self._qr_caption, self._qr)
        self._test_print = QPushButton()
        self._test_print.setObjectName("TestPrintButton")
        self._test_result = QLabel()
        self._test_result.setObjectName("TestPrintResult")
        self._test_result.setWordWrap(True)
        self._test_result.setTextFormat(Qt.TextFormat.PlainText)
        test_row = QHBoxLayout()
        test_row.addWidget(self._test_print, 0, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self._test_result, 1)
        printer_box = QVBoxLayout(self._printer)
        printer_box.addLayout(self._printer.form)
        printer_box.addLayout(test_row)
        printer_box.addStretch(1)

        self._refresh = QPushButton()
        self._refresh.setObjectName("RefreshButton")
        self._save = QPushButton()
        self._save.setObjectName("SaveButton")
        self._save.setProperty("role", "primary")
        self._cancel = QPushButton()
        self._cancel.setObjectName("CancelButton")
        for button in (self._refresh, self._save, self._cancel, self._test_print):
            button.setAutoDefault(False)  # Enter in a URI field must not save or print

        sections = QHBoxLayout()
        sections.setSpacing(12)
        sections.addWidget(self._scanner, 3)
        sections.addWidget(self._printer, 2)
        self._save_error = QLabel()
        self._save_error.setObjectName("SaveError")
        self._save_error.setProperty("role", "error")
        self._save_error.setWordWrap(True)
        self._save_error.setTextFormat(Qt.TextFormat.PlainText)
        self._save_error.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self._refresh)
        buttons.addWidget(self._save_error, 1)
        buttons.addWidget(self._save)
        buttons.addWidget(self._cancel)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(sections, 1)
        layout.addLayout(buttons)

        self._refresh.clicked.connect(self.discovery_requested)
        self._test_print.clicked.connect(self._on_test_print)
        self._save.clicked.connect(self._on_save)
        self._cancel.clicked.connect(self.reject)
        self._retranslate()
        self.clear_test_print_result()
        self.resize(1000, 640)  # fits a 1024×768 till screen

    # -- public API ---------------------------------------------------------------------------

    def set_choice(self, choice: DeviceChoice) -> None:
        """Load the current settings into the fields."""
        self._scanner.set_uri(choice.scanner_uri)
        self._printer.set_uri(choice.printer_uri)
        self._paper.setCurrentIndex(self._paper.findData(choice.paper_width))
        self._codepage.setCurrentIndex(self._codepage.findData(choice.codepage))
        self._qr.setCurrentIndex(self._qr.findData(choice.qr_mode))
        self._scanner.show_error("")
        self._printer.show_error("")

    def choice(self) -> DeviceChoice:
        """The settings as they stand in the dialog."""
        return DeviceChoice(
            scanner_uri=self._scanner.uri.text().strip(),
            printer_uri=self._printer.uri.text().strip(),
            paper_width=int(self._paper.currentData()),
            codepage=str(self._codepage.currentData()),
            qr_mode=str(self._qr.currentData()),
        )

    def set_scanners(self, scanners: list[tuple[str, str]]) -> None:
        """The scanners found, as (uri, description); choosing one fills the URI field."""
        self._scanner.set_devices(scanners)
        self._render_placeholders()

    def set_printers(self, printers: list[tuple[str, str]]) -> None:
        """The printers found, as (uri, description); choosing one fills the URI field."""
        self._printer.set_devices(printers)
        self._render_placeholders()

    def show_scan(self, kind: str, value: str) -> None:
        """Add one scanned code to the test area: time, what it is, the digits."""
        self._scan_count += 1
        time = QTime.currentTime().toString("HH:mm:ss")
        self._scan_log.appendPlainText(f"{time} {self._kind_name(kind)}: {value}")
        self._scan_log.moveCursor(QTextCursor.MoveOperation.End)
        self._scan_log.ensureCursorVisible()

    def scan_lines(self) -> list[str]:
        """The lines of the test-scan area, oldest first."""
        text = self._scan_log.toPlainText()
        return text.splitlines() if text else []

    def show_scanner_status(self, text: str) -> None:
        """Say how the scanner is doing ("Connected", "Not found: /dev/ttyACM0", ...)."""
        self._scanner_status.setText(text)

    def show_test_print_result(self, ok: bool, text: str, hint: str = "") -> None:
        """Show the outcome of the test print: green when it printed, red when not.

        *hint* is the tooltip: what is wrong with the printer and what to do, in the till's
        language (the technical detail belongs in the log). Test print is enabled again.
        """
        self._set_print_result("ok" if ok else "failed", text, hint)

    def clear_test_print_result(self) -> None:
        """Clear the test print outcome."""
        self._set_print_result("none", "")

    def test_print_result(self) -> tuple[str, str]:
        """The test print outcome shown: ("ok" | "failed" | "printing" | "none", text)."""
        return self._print_result[0], self._test_result.text()

    def show_uri_error(self, which: str, text: str, hint: str = "") -> None:
        """Show *text* under the "scanner" or "printer" URI field ("" clears it); *hint* (what
        to do, in the till's language, such as examples of good addresses) is its tooltip."""
        sections = {"scanner": self._scanner, "printer": self._printer}
        if which not in sections:
            raise ValueError(f"which must be 'scanner' or 'printer', not {which!r}")
        sections[which].show_error(text, hint)
        if text:
            sections[which].uri.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_save_error(self, text: str) -> None:
        """Say beside the buttons why the choice was not saved ("" hides it)."""
        self._save_error.setText(text)
        self._save_error.setVisible(bool(text))

    def save_error(self) -> str:
        """The save error shown ("" when none)."""
        return self._save_error.text() if not self._save_error.isHidden() else ""

    def scan_area(self) -> QPlainTextEdit:
        """The test-scan area (a keyboard scanner may type into it while the dialog is open)."""
        return self._scan_log

    def uri_error(self, which: str) -> str:
        """The error shown under the "scanner" or "printer" URI field ("" when none)."""
        section = self._scanner if which == "scanner" else self._printer
        return section.error.text() if not section.error.isHidden() else ""

    # -- internals ----------------------------------------------------------------------------

    def _on_test_print(self) -> None:
        self._set_print_result("printing", self.tr("Sending a test page…"))
        self.test_print_requested.emit(self.choice())

    def _on_save(self) -> None:
        self.save_requested.emit(self.choice())

    def _set_print_result(self, state: str, text: str, hint: str = "") -> None:
        self._print_result = (state, text)
        icon = {"ok": "✔ ", "failed": "✖ ", "printing": "", "none": ""}[state]
        self._test_result.setText(f"{icon}{text}" if text else "")
        self._test_result.setToolTip(hint)
        self._test_print.setEnabled(state != "printing")  # one test page at a time
        self._test_result.setProperty("result", state)
        self._test_result.setVisible(bool(text))
        repolish(self._test_result)

    def _kind_name(self, kind: str) -> str:
        names = {
            "card": self.tr("Loyalty card"),
            "qr": self.tr("App QR code"),
            "coupon": self.tr("Coupon"),
            "phone": self.tr("Phone"),
            "unknown": self.tr("Unknown code"),
        }
        return names.get(kind, kind)

    def _render_placeholders(self) -> None:
        self._scanner.set_placeholder(
            self.tr("Choose a found scanner…") if self._scanner.device_count() else self.tr("No scanners found")
        )
        self._printer.set_placeholder(
            self.tr("Choose a found printer…") if self._printer.device_count() else self.tr("No printers found")
        )

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Devices"))
        self._scanner.setTitle(self.tr("Barcode scanner"))
        self._printer.setTitle(self.tr("Receipt printer"))
        for section in (self._scanner, self._printer):
            section.found_caption.setText(self.tr("Found"))
            section.uri_caption.setText(self.tr("Address"))
        self._scanner.uri.setPlaceholderText("serial:///dev/ttyACM0?baudrate=9600")
        self._printer.uri.setPlaceholderText("tcp://10.0.0.5:9100")
        self._scanner.uri.setToolTip(
            self.tr("Device address, e.g. serial:///dev/ttyACM0?baudrate=9600&terminator=CR or wedge://")
        )
        self._printer.uri.setToolTip(
            self.tr("Device address, e.g. tcp://10.0.0.5:9100, usb://04b8:0202 or serial:///dev/ttyUSB0")
        )
        self._scan_caption.setText(self.tr("Test: scan any code, it appears below."))
        self._paper_caption.setText(self.tr("Paper"))
        self._codepage_caption.setText(self.tr("Code page"))
        self._qr_caption.setText(self.tr("QR codes"))
        self._paper.setItemText(self._paper.findData(80), self.tr("80 mm (48 characters)"))
        self._paper.setItemText(self._paper.findData(58), self.tr("58 mm (32 characters)"))
        self._codepage.setItemText(self._codepage.findData("auto"), self.tr("Automatic"))
        self._codepage.setItemText(self._codepage.findData("cp1251"), self.tr("CP1251 (needed for і, ў)"))
        self._codepage.setItemText(self._codepage.findData("cp866"), self.tr("CP866 (no Belarusian і)"))
        self._qr.setItemText(self._qr.findData("native"), self.tr("Printed by the printer"))
        self._qr.setItemText(self._qr.findData("image"), self.tr("Sent as an image"))
        self._test_print.setText(self.tr("Test print"))
        self._refresh.setText(self.tr("Find devices again"))
        self._save.setText(self.tr("Save"))
        self._cancel.setText(self.tr("Cancel"))
        self._render_placeholders()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
