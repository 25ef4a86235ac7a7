"""DeviceSettingsDialog: found devices fill the address, live scan test, test print, Save/Cancel."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPlainTextEdit, QPushButton

from app.i18n import install_translator
from widgets.admin.device_settings import SCAN_LINES_KEPT, DeviceChoice, DeviceSettingsDialog
from widgets.style import load_stylesheet

SCANNERS = [
    ("serial:///dev/ttyACM0?baudrate=9600&terminator=CR", "Honeywell Voyager 1450g"),
    ("wedge://?suffix=Enter", "Keyboard scanner"),
]
PRINTERS = [("usb://04b8:0202", "Epson TM-T20III"), ("tcp://10.0.0.5:9100", "")]
CURRENT = DeviceChoice("wedge://?suffix=Enter", "tcp://10.0.0.5:9100", 58, "cp1251", "image")


@pytest.fixture
def dialog(qtbot) -> DeviceSettingsDialog:
    dialog = DeviceSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.set_scanners(SCANNERS)
    dialog.set_printers(PRINTERS)
    dialog.set_choice(CURRENT)
    dialog.show()
    return dialog


def _child(dialog, kind, name):
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def _click(qtbot, dialog, name: str) -> None:
    qtbot.mouseClick(_child(dialog, QPushButton, name), Qt.MouseButton.LeftButton)


def test_the_current_settings_are_loaded_and_read_back(dialog) -> None:
    assert dialog.choice() == CURRENT
    assert _child(dialog, QLineEdit, "ScannerUriInput").text() == "wedge://?suffix=Enter"
    assert _child(dialog, QComboBox, "ScannerCombo").currentData() == "wedge://?suffix=Enter"
    assert _child(dialog, QComboBox, "PaperWidthCombo").currentText().startswith("58 mm")


def test_found_devices_are_listed_readably(dialog) -> None:
    combo = _child(dialog, QComboBox, "ScannerCombo")
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts == [
        "Choose a found scanner…",
        "Honeywell Voyager 1450g — serial:///dev/ttyACM0?baudrate=9600&terminator=CR",
        "Keyboard scanner — wedge://?suffix=Enter",
    ]
    printers = _child(dialog, QComboBox, "PrinterCombo")
    assert printers.itemText(2) == "tcp://10.0.0.5:9100"  # no description: the address alone


def test_nothing_found_says_so(dialog) -> None:
    dialog.set_scanners([])
    combo = _child(dialog, QComboBox, "ScannerCombo")
    assert combo.count() == 1 and combo.itemText(0) == "No scanners found"
    assert dialog.choice().scanner_uri == "wedge://?suffix=Enter"  # the typed address stays


def test_choosing_a_found_device_fills_the_address(qtbot, dialog) -> None:
    combo = _child(dialog, QComboBox, "PrinterCombo")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # from the network printer up to the USB one
    assert dialog.choice().printer_uri == "usb://04b8:0202"
    assert combo.currentData() == "usb://04b8:0202"


def test_typing_an_address_matches_the_found_list(qtbot, dialog) -> None:
    field = _child(dialog, QLineEdit, "PrinterUriInput")
    combo = _child(dialog, QComboBox, "PrinterCombo")
    field.clear()
    qtbot.keyClicks(field, "usb://04b8:0202")
    assert combo.currentData() == "usb://04b8:0202"
    qtbot.keyClicks(field, "1")
    assert combo.currentIndex() == 0
    assert dialog.choice().printer_uri == "usb://04b8:02021"


def test_a_uri_error_shows_next_to_its_field_until_edited(qtbot, dialog) -> None:
    dialog.show_uri_error("printer", "Unknown scheme: lpt")
    error = _child(dialog, QLabel, "PrinterUriError")
    assert error.isVisible() and error.text() == "Unknown scheme: lpt"
    assert dialog.uri_error("printer") == "Unknown scheme: lpt" and dialog.uri_error("scanner") == ""
    assert not _child(dialog, QLabel, "ScannerUriError").isVisible()
    qtbot.keyClicks(_child(dialog, QLineEdit, "PrinterUriInput"), "0")
    assert not error.isVisible() and dialog.uri_error("printer") == ""
    with pytest.raises(ValueError):
        dialog.show_uri_error("drawer", "?")


def test_save_emits_the_choice_and_waits_for_the_application(qtbot, dialog) -> None:
    _child(dialog, QComboBox, "CodepageCombo").setCurrentIndex(
        _child(dialog, QComboBox, "CodepageCombo").findData("cp866")
    )
    with qtbot.waitSignal(dialog.save_requested) as blocker:
        _click(qtbot, dialog, "SaveButton")
    assert blocker.args == [DeviceChoice("wedge://?suffix=Enter", "tcp://10.0.0.5:9100", 58, "cp866", "image")]
    assert dialog.isVisible()  # the application checks the URIs first
    dialog.accept()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted


def test_enter_in_an_address_field_does_not_save(qtbot, dialog) -> None:
    field = _child(dialog, QLineEdit, "ScannerUriInput")
    field.setFocus()
    with qtbot.assertNotEmitted(dialog.save_requested), qtbot.assertNotEmitted(dialog.test_print_requested):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.isVisible()


def test_cancel_closes_without_saving(qtbot, dialog) -> None:
    with qtbot.assertNotEmitted(dialog.save_requested), qtbot.waitSignal(dialog.rejected):
        _click(qtbot, dialog, "CancelButton")
    assert not dialog.isVisible()


def test_refresh_asks_for_discovery(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.discovery_requested):
        _click(qtbot, dialog, "RefreshButton")


def test_test_print_sends_the_settings_on_screen_and_shows_the_outcome(qtbot, dialog) -> None:
    dialog.setStyleSheet(load_stylesheet())
    paper = _child(dialog, QComboBox, "PaperWidthCombo")
    paper.setCurrentIndex(paper.findData(80))
    with qtbot.waitSignal(dialog.test_print_requested) as blocker:
        _click(qtbot, dialog, "TestPrintButton")
    assert blocker.args == [DeviceChoice("wedge://?suffix=Enter", "tcp://10.0.0.5:9100", 80, "cp1251", "image")]
    assert dialog.test_print_result() == ("printing", "Sending a test page…")
    result = _child(dialog, QLabel, "TestPrintResult")
    for ok, state, hue in ((True, "ok", "green"), (False, "failed", "red")):
        dialog.show_test_print_result(ok, "Printer not responding" if not ok else "Printed")
        assert dialog.test_print_result()[0] == state
        assert result.isVisible() and result.property("result") == state
        background = result.grab().toImage().pixelColor(6, result.height() // 2)
        assert background.lightnessF() > 0.8
        if hue == "green":
            assert background.green() > background.red() and background.green() > background.blue()
        else:
            assert background.red() > background.green() and background.red() > background.blue()
    assert result.text() == "✖ Printer not responding"
    dialog.clear_test_print_result()
    assert not result.isVisible()


def test_scans_appear_as_readable_lines(dialog) -> None:
    dialog.show_scanner_status("Connected: /dev/ttyACM0")
    assert _child(dialog, QLabel, "ScannerStatus").text() == "Connected: /dev/ttyACM0"
    dialog.show_scan("card", "2000000123453")
    dialog.show_scan("qr", "9100012345678012345678")
    dialog.show_scan("ean8", "96385074")
    lines = dialog.scan_lines()
    assert len(lines) == 3
    assert lines[0].endswith("Loyalty card: 2000000123453")
    assert lines[1].endswith("App QR code: 9100012345678012345678")
    assert lines[2].endswith("ean8: 96385074")  # unknown kinds are shown as given
    assert _child(dialog, QPlainTextEdit, "ScanLog").isReadOnly()


def test_the_scan_area_keeps_the_latest_lines(dialog) -> None:
    for number in range(SCAN_LINES_KEPT + 10):
        dialog.show_scan("unknown", str(number))
    lines = dialog.scan_lines()
    assert len(lines) == SCAN_LINES_KEPT
    assert lines[-1].endswith(f": {SCAN_LINES_KEPT + 9}")


@pytest.mark.parametrize(
    "fields",
    [{"paper_width": 76}, {"codepage": "utf8"}, {"qr_mode": "ascii"}],
)
def test_a_device_choice_holds_only_known_values(fields) -> None:
    values = {"scanner_uri": "", "printer_uri": "", **fields}
    with pytest.raises(ValueError):
        DeviceChoice(**values)


def test_russian(qtbot, qapp, dialog) -> None:
    install_translator(qapp, "ru")
    assert dialog.windowTitle() == "Устройства"
    assert _child(dialog, QPushButton, "SaveButton").text() == "Сохранить"
    dialog.show_scan("card", "2000000123453")
    assert dialog.scan_lines()[-1].endswith("Карта лояльности: 2000000123453")
