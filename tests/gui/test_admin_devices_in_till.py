"""Admin > Devices in the running till: every test print ends with an outcome, wedge scans show.

Real parts: the till's window and workers, loopback TCP listeners that refuse or stall, and key
presses delivered through the application's event filters.
"""
from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from app.devices_controller import printer_status_text
from devices.printer_status import PrinterStatus
from tests.gui.test_cashier_flow import make_till

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
    assert dialog.uri_error("printer").startswith("This printer address cannot be used")
    error = dialog.findChild(QLabel, "PrinterUriError")
    assert "99999" in error.toolTip()  # what exactly is wrong, for support
    assert dialog.findChild(QPushButton, "TestPrintButton").isEnabled()


def test_a_test_print_to_a_refused_port_fails_within_the_timeout(qtbot, dialog) -> None:
    with refused_port() as port:
        _test_print(qtbot, dialog, f"tcp://{LOOPBACK}:{port}?timeout=2")
        assert dialog.test_print_result()[0] == "printing", "no success is claimed before the printer answered"
        assert not dialog.findChild(QPushButton, "TestPrintButton").isEnabled()
        qtbot.waitUntil(lambda: dialog.test_print_result()[0] != "printing", timeout=8_000)
    state, text = dialog.test_print_result()
    assert state == "failed"
    assert text == "✖ " + printer_status_text(PrinterStatus.offline(""))
    assert "refused" in dialog.findChild(QLabel, "TestPrintResult").toolTip()
    assert dialog.findChild(QPushButton, "TestPrintButton").isEnabled()


def test_a_test_print_to_a_stalled_listener_fails_within_the_timeout(qtbot, dialog) -> None:
    with stalled_listener() as port:
        _test_print(qtbot, dialog, f"tcp://{LOOPBACK}:{port}?timeout=1.5")
        assert dialog.test_print_result()[0] == "printing"
        qtbot.waitUntil(lambda: dialog.test_print_result()[0] != "printing", timeout=8_000)
    state, text = dialog.test_print_result()
    assert state == "failed" and text == "✖ " + printer_status_text(PrinterStatus.offline(""))


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
