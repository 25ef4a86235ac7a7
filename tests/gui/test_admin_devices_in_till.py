"""Admin > Devices in the running till: every test print ends with an outcome, wedge scans show.

Real parts: the till's window and workers, loopback TCP listeners that refuse or stall, and key
presses delivered through the application's event filters.
"""
from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton

from app.devices.texts import printer_status_text
from devices.printing.printer_status import PrinterState, PrinterStatus
from tests.gui.test_cashier_flow import make_till
from tests.gui.russian_device_words import Russian

LOOPBACK = "127.0.0.1"


@contextmanager
def refused_port() -> Iterator[int]:
    """A loopback port nobody listens on: a connection is refused at once."""
    probe = socket.socket()
    probe.bind((LOOPBACK, 0))
    port = probe.getsockname()[1]
    probe.close()
    yield port


@contextmanager
def stalled_listener() -> Iterator[int]:
    """A listener whose queue is full and who never accepts: a printer busy with another
    computer's job. A new connection gets no answer at all (the SYN is dropped)."""
    listener = socket.socket()
    listener.bind((LOOPBACK, 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    filler = socket.create_connection((LOOPBACK, port), timeout=5)  # takes the only place
    try:
        yield port
    finally:
        filler.close()
        listener.close()


@pytest.fixture
def till(qtbot, tmp_path):
    till = make_till(qtbot, tmp_path, devices_scanner="wedge://?suffix=Enter")
    yield till
    till.shutdown()


@pytest.fixture
def dialog(qtbot, till):
    till.device_setup.open()
    dialog = till.device_setup.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _test_print(qtbot, dialog, uri: str) -> None:
    field = dialog.findChild(QLineEdit, "PrinterUriInput")
    field.setText(uri)
    qtbot.mouseClick(dialog.findChild(QPushButton, "TestPrintButton"), Qt.MouseButton.LeftButton)


def test_a_test_print_to_a_bad_address_says_so_and_does_not_stay_sending(qtbot, dialog) -> None:
    _test_print(qtbot, dialog, "tcp://10.0.0.5:99999")
    state, text = dialog.test_print_result()
    assert state == "failed" and "address is not valid" in text
    assert dialog.uri_error("printer") == "The port “99999” must be a number from 1 to 65535."
    error = dialog.findChild(QLabel, "PrinterUriError")
    assert error.toolTip().startswith("This printer address cannot be used. Examples:")
    assert dialog.findChild(QPushButton, "TestPrintButton").isEnabled()


# What the admin reads under an address field that cannot be saved (English source texts).
SAVE_REFUSALS = [
    ("printer", "tcp://10.0.0.5:99999", "The port “99999” must be a number from 1 to 65535."),
    ("printer", "lpt://1", "Unknown kind of device “lpt”: use one of tcp, serial, usb, file, cups, win32."),
    ("scanner", "bluetooth://scanner", "Unknown kind of device “bluetooth”: use one of serial, wedge."),
    ("printer", "serial:///dev/ttyUSB0?baudrate=fast", "The option baudrate must be a whole number, not “fast”."),
    ("scanner", "serial:///dev/ttyACM0?baudrate=10", "The option baudrate must be from 50 to 4000000, not 10."),
    (
        "printer",
        "tcp://10.0.0.5?colour=red",
        "The option colour does not apply to tcp:// addresses. Known options: status, width, codepage, qr, timeout.",
    ),
]


@pytest.mark.parametrize(("which", "uri", "sentence"), SAVE_REFUSALS, ids=[uri for _, uri, _ in SAVE_REFUSALS])
def test_saving_a_bad_address_says_precisely_what_is_wrong(qtbot, till, dialog, which, uri, sentence) -> None:
    dialog.findChild(QLineEdit, f"{which.capitalize()}UriInput").setText(uri)
    qtbot.mouseClick(dialog.findChild(QPushButton, "SaveButton"), Qt.MouseButton.LeftButton)
    assert dialog.uri_error(which) == sentence
    assert dialog.isVisible(), "nothing is saved while an address is wrong"
    assert till.settings.get("devices", which) != uri


def test_a_test_print_to_a_refused_port_fails_within_the_timeout(qtbot, dialog) -> None:
    with refused_port() as port:
        _test_print(qtbot, dialog, f"tcp://{LOOPBACK}:{port}?timeout=2")
        assert dialog.test_print_result()[0] == "printing", "no success is claimed before the printer answered"
        assert not dialog.findChild(QPushButton, "TestPrintButton").isEnabled()
        qtbot.waitUntil(lambda: dialog.test_print_result()[0] != "printing", timeout=8_000)
    state, text = dialog.test_print_result()
    assert state == "failed"
    assert text == "✖ " + printer_status_text(PrinterStatus(PrinterState.OFFLINE))
    assert dialog.findChild(QLabel, "TestPrintResult").toolTip() == (
        f"The printer at {LOOPBACK}:{port} refuses the connection: check that it is switched on and that the port"
        " is right (usually 9100)."
    )
    assert dialog.findChild(QPushButton, "TestPrintButton").isEnabled()


def test_a_test_print_to_a_stalled_listener_fails_within_the_timeout(qtbot, dialog) -> None:
    with stalled_listener() as port:
        _test_print(qtbot, dialog, f"tcp://{LOOPBACK}:{port}?timeout=1.5")
        assert dialog.test_print_result()[0] == "printing"
        qtbot.waitUntil(lambda: dialog.test_print_result()[0] != "printing", timeout=8_000)
    state, text = dialog.test_print_result()
    assert state == "failed" and text == "✖ " + printer_status_text(PrinterStatus(PrinterState.OFFLINE))


def test_a_test_print_is_not_held_up_by_a_slip_stuck_on_the_tills_printer(qtbot, till) -> None:
    with stalled_listener() as stuck, refused_port() as refused:
        till.devices.configure("", f"tcp://{LOOPBACK}:{stuck}?timeout=10")
        till.devices.print_slip(None, ())  # the device worker now waits on the stuck printer
        assert till.window.printer_status.state() == "printing"
        till.device_setup.open()
        dialog = till.device_setup.dialog
        _test_print(qtbot, dialog, f"tcp://{LOOPBACK}:{refused}?timeout=2")
        qtbot.waitUntil(lambda: dialog.test_print_result()[0] == "failed", timeout=6_000)
        assert till.window.printer_status.state() == "printing", "the slip is still waiting"
        qtbot.waitUntil(lambda: till.window.printer_status.state() == "offline", timeout=20_000)


def test_a_keyboard_scan_in_the_scanner_test_shows_there_and_not_in_the_checkout(qtbot, till, dialog) -> None:
    area = dialog.scan_area()
    dialog.activateWindow()
    area.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is area)
    qtbot.keyClicks(area, "2000000000015")  # a scanner's burst: no delay between keys
    qtbot.keyClick(area, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(dialog.scan_lines()) == 1)
    assert dialog.scan_lines()[0].endswith("Loyalty card: 2000000000015")
    assert till.controller.state is None or till.controller.state.customer is None


def test_a_scan_typed_into_an_address_field_is_taken_back_out_of_it(qtbot, dialog) -> None:
    field = dialog.findChild(QLineEdit, "ScannerUriInput")
    field.clear()
    dialog.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, "2000000000022")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(dialog.scan_lines()) == 1)
    assert dialog.scan_lines()[0].endswith("Loyalty card: 2000000000022")
    assert field.text() == ""


def test_a_test_print_that_never_reports_back_is_given_up_after_its_timeout(qtbot, till, dialog, monkeypatch) -> None:
    # Transports keep their deadlines; this stands for one that would not (the only stand-in here).
    monkeypatch.setattr(till.devices, "test_print", lambda uri, done: None)
    _test_print(qtbot, dialog, f"tcp://{LOOPBACK}:9100?timeout=1")
    assert dialog.test_print_result()[0] == "printing"
    qtbot.waitUntil(lambda: dialog.test_print_result()[0] == "failed", timeout=10_000)
    assert "did not answer within 1 s" in dialog.test_print_result()[1]
    assert dialog.findChild(QPushButton, "TestPrintButton").isEnabled()


def test_found_devices_are_listed_in_the_admins_words(qtbot, till, tmp_path, monkeypatch) -> None:
    # No CUPS runs here: a stand-in lpstat prints what `lpstat -e` prints.
    lpstat = tmp_path / "bin" / "lpstat"
    lpstat.parent.mkdir()
    lpstat.write_text('#!/bin/sh\n[ "$1" = "-e" ] || exit 2\nprintf "Receipt_80\\n"\n')
    lpstat.chmod(0o755)
    monkeypatch.setenv("PATH", f"{lpstat.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    translator = Russian()  # the till's language: "CUPS queue %1" in Russian
    assert QCoreApplication.installTranslator(translator)
    try:
        till.device_setup.open()
        dialog = till.device_setup.dialog
        printers = dialog.findChild(QComboBox, "PrinterCombo")

        def listed(combo: QComboBox) -> list[str]:
            return [combo.itemText(i) for i in range(combo.count())]

        qtbot.waitUntil(lambda: "Очередь CUPS Receipt_80 — cups://Receipt_80" in listed(printers), timeout=10_000)
        assert not any("cups://" in text for text in listed(dialog.findChild(QComboBox, "ScannerCombo")))
    finally:
        QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"devices_printer": "tcp://10.0.0.5:99999"},
            "The receipt printer cannot be used: The port “99999” must be a number from 1 to 65535. "
            "Ask the admin (Admin > Devices).",
        ),
        (
            {"devices_scanner": "serial:///dev/ttyACM0?baudrate=fast"},
            "The scanner cannot be used: The option baudrate must be a whole number, not “fast”. "
            "Ask the admin (Admin > Devices).",
        ),
    ],
)
def test_the_cashier_is_told_precisely_why_a_configured_device_cannot_be_opened(qtbot, tmp_path, settings, message) -> None:
    till = make_till(qtbot, tmp_path, **settings)
    try:
        assert till.window.loyalty.messages.text() == message
        assert till.window.loyalty.messages.severity() == "warning"
    finally:
        till.shutdown()


def test_a_bad_scanner_address_does_not_take_the_printer_with_it(qtbot, tmp_path) -> None:
    till = make_till(
        qtbot, tmp_path, devices_scanner="serial:///dev/ttyACM0?baudrate=fast", devices_printer="tcp://127.0.0.1:9100"
    )
    try:
        assert till.window.loyalty.messages.text().startswith("The scanner cannot be used:")
        assert till.devices.printer_uri == "tcp://127.0.0.1:9100"
        assert till.devices.scanner_uri == ""
    finally:
        till.shutdown()
