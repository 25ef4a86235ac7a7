"""Scanners and the receipt printer in the running till (real window, sandbox, loopback printer)."""
from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget

from app.checkout.session import Phase
from app.devices.controller import DevicesController
from app.devices.slip_labels import slip_labels
from app.workers import BackgroundWorker
from devices.printing.printer_status import DeliveryProblem
from tests.devices.loopback_printer import PAPER_OUT, READY, LoopbackPrinter
from tests.devices.printer_faults import CASES, HANG, OFFERS, SLIP_TEXT, SUMMARY, FaultCase
from tests.devices.pty_port import PtyPort
from tests.escpos_decoder import decode
from tests.gui.test_cashier_flow import COFFEE, MILK, add_products, child, click, identify, idle, make_till, phase

KEYS = {"\r": Qt.Key.Key_Return, "№": Qt.Key.Key_NumberSign, "#": Qt.Key.Key_NumberSign}


SCANNER_KEY_MS = 3  # a scanner presses a key every few milliseconds


def scanner_types(widget, text: str) -> None:
    """A wedge scanner's burst: key presses with text, each stamped with the moment the scanner
    pressed it (SCANNER_KEY_MS apart), as the windowing system delivers them.

    The till times keys by these stamps, not by when it handles them: on a loaded machine this
    loop may pause between two keys, as a busy GUI thread would, and the burst stays a burst.
    Built by hand: Qt's test keyboard cannot send Cyrillic characters such as `№`, nor stamp keys.
    """
    stamp = int(time.monotonic() * 1000)
    for ch in text:
        key = KEYS.get(ch, Qt.Key(ord(ch)) if ch.isdigit() else Qt.Key.Key_unknown)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
            event.setTimestamp(stamp)
            QApplication.sendEvent(widget, event)
        stamp += SCANNER_KEY_MS


def focus(qtbot, till, field) -> None:
    till.window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)


def start(qtbot, tmp_path, sandbox, **settings):
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2, **settings)
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    # Ready once the demo POS handed over its first receipt (a scan meanwhile would wait for it:
    # test_demo_pos_hand_over.py) and the devices are set up on their own worker.
    qtbot.waitUntil(
        lambda: till.controller.state.from_host and idle(till) and till.device_worker.pending == 0, timeout=10_000
    )
    return till


def test_a_card_scanned_on_a_russian_layout_identifies_without_touching_the_focused_field(
    qtbot, tmp_path, sandbox
) -> None:
    till = start(qtbot, tmp_path, sandbox, devices_scanner="wedge://?prefix=" + quote("#") + "&suffix=Enter")
    try:
        add_products(qtbot, till, COFFEE)
        field = child(till.window.loyalty, QLineEdit, "IdentifyInput")
        focus(qtbot, till, field)
        field.setText("+375 29")  # the cashier had started typing a phone
        scanner_types(field, "№2000000000015\r")  # '#' prefix typed on a Russian layout is '№'
        qtbot.waitUntil(lambda: idle(till) and till.controller.state.customer is not None, timeout=10_000)
        assert till.controller.state.customer.display_name == "Анна Ковалёва"
        assert "2000000000015" not in field.text(), "with a prefix no scanned key reaches the field"
    finally:
        till.shutdown()


def test_a_product_barcode_scanned_says_so_and_identifies_nobody(qtbot, tmp_path, sandbox) -> None:
    till = start(qtbot, tmp_path, sandbox, devices_scanner="wedge://?suffix=Enter")
    try:
        field = child(till.window.loyalty, QLineEdit, "IdentifyInput")
        focus(qtbot, till, field)
        scanner_types(field, "4810001000017\r")
        qtbot.waitUntil(lambda: "product barcode" in till.window.loyalty.messages.text(), timeout=10_000)
        assert field.text() == "", "the scanned digits were taken back out of the field"
        assert till.controller.state.customer is None
    finally:
        till.shutdown()


def test_a_serial_scanner_identifies_the_customer(qtbot, tmp_path, sandbox) -> None:
    with PtyPort() as port:
        till = start(qtbot, tmp_path, sandbox, devices_scanner=f"serial://{port.path}?baudrate=9600")
        try:
            add_products(qtbot, till, MILK)
            qtbot.waitUntil(lambda: till.devices.scanner_connected, timeout=10_000)
            port.send(b"\x00noise\r\n20000000")  # noise first, then a code split across reads
            port.send(b"00022\r\n")
            qtbot.waitUntil(lambda: idle(till) and till.controller.state.customer is not None, timeout=10_000)
            assert till.controller.state.customer.display_name == "Иван Петров"
        finally:
            till.shutdown()


def sell_to_anna(qtbot, till) -> None:
    add_products(qtbot, till, MILK)
    identify(qtbot, till, "+375 29 123-45-67")
    click(qtbot, child(till.window.loyalty, QPushButton, "RedeemNoneButton"))
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.redeem == 0)
    close = child(till.window.host, QPushButton, "CloseReceiptButton")
    click(qtbot, close)
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT)
    click(qtbot, close)
    qtbot.waitUntil(lambda: phase(till) is Phase.CLOSED)


def test_after_the_sale_the_slip_with_offers_is_printed_on_the_network_printer(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = start(qtbot, tmp_path, sandbox, devices_printer=printer.uri("width=58&codepage=cp866"))
        try:
            sell_to_anna(qtbot, till)
            # the slip goes out once the service confirmed the sale: keep the event loop turning
            qtbot.waitUntil(lambda: not printer.jobs.empty(), timeout=15_000)
            job = decode(printer.next_job(timeout=1))
            text = job.text
            assert "+375 29 ***-**-67" in text
            assert "Серебро" in text
            assert len(job.qr_codes) == 2, "one QR per personalised offer"
            qtbot.waitUntil(lambda: till.window.printer_status.state() == "ok", timeout=10_000)
        finally:
            till.shutdown()


def test_a_printer_out_of_paper_shows_it_and_offers_a_reprint(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=PAPER_OUT) as printer:
        till = start(qtbot, tmp_path, sandbox, devices_printer=printer.uri())
        try:
            sell_to_anna(qtbot, till)
            status = till.window.printer_status
            qtbot.waitUntil(lambda: status.state() == "paper_out", timeout=15_000)
            assert "paper" in status.text()
            assert "load a new roll" in status.toolTip(), "the tooltip says what to do"
            while not printer.jobs.empty():  # only status queries went to a printer with no paper
                assert decode(printer.jobs.get_nowait()).lines == []
            printer.status = dict(READY)  # paper loaded
            click(qtbot, child(status, QPushButton, "ReprintButton"))
            qtbot.waitUntil(lambda: not printer.jobs.empty(), timeout=15_000)
            job = decode(printer.next_job(timeout=1))
            assert "+375 29 ***-**-67" in job.text
            qtbot.waitUntil(lambda: status.state() == "ok", timeout=10_000)
        finally:
            till.shutdown()


# What the status bar says for each way a slip did not go out.
PROBLEM_TEXTS = {
    None: None,  # the printer's state says it
    DeliveryProblem.NOT_READING: "Printer is not taking the slip",
    DeliveryProblem.CONNECTION_RESET: "Printer connection was reset",
    DeliveryProblem.NO_ANSWER: "Printer did not confirm the slip",
}


@pytest.fixture
def devices(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    worker = BackgroundWorker("test-printer")
    controller = DevicesController(window, worker)
    yield controller
    controller.shutdown()  # its test print thread goes with it, before the window is deleted
    assert worker.stop()


def print_through(qtbot, devices: DevicesController, start) -> tuple[str, str, bool]:
    """What the controller reports for one print: state, text, and whether a reprint is offered."""
    reported: list[tuple[str, str]] = []
    offered: list[bool] = []
    devices.printer_status.connect(lambda state, text, _what_to_do: reported.append((state, text)))
    devices.reprint_available.connect(offered.append)
    try:
        start()
        qtbot.waitUntil(lambda: bool(offered), timeout=int(HANG * 1000))
    finally:
        devices.printer_status.disconnect()
        devices.reprint_available.disconnect()
    assert reported[0][0] == "printing"
    state, text = reported[-1]
    return state, text, offered[-1]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_till_reports_a_slip_printed_only_when_the_printer_took_it_and_reprints_the_rest(
    qtbot, devices: DevicesController, case: FaultCase
) -> None:
    with case.sink() as sink:
        devices.configure("", sink.uri(case.uri_query()))
        started = time.monotonic()
        state, text, reprint = print_through(qtbot, devices, lambda: devices.print_slip(SUMMARY, OFFERS))
        assert time.monotonic() - started < HANG
        assert state == case.state.value
        assert reprint is not case.printed
        if case.slip_sent is not None:  # a printer that reads: what it got
            assert (SLIP_TEXT in decode(sink.next_job()).text) is case.slip_sent
        if case.printed:
            assert text == "Printed"
            return
        expected = PROBLEM_TEXTS[case.problem]
        if expected is not None:
            assert text == expected
        else:
            assert text and text != "Printed"

        # The printer fixed, the cashier presses "Reprint": the kept slip goes out whole.
        while not sink.jobs.empty():
            sink.jobs.get_nowait()
        sink.behaviour = case.healthy()
        sink.start_listening()
        state, text, reprint = print_through(qtbot, devices, devices.reprint_last)
        assert (state, text, reprint) == ("ok", "Printed", False)
        assert case.slip(slip_labels()) in sink.next_job()  # the slip in the till's words
