"""Keyboard-wedge scans made while the registration or the returns dialog is open reach the
field meant for them, wherever the focus is, and nothing scanned stays in the focused field
(real window, sandbox over loopback, key presses as a wedge scanner sends them)."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QPushButton

from loyalty_client.codes import make_ean13
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.gui.test_cashier_flow import COFFEE, MILK, add_products, child, idle, make_till
from tests.gui.test_devices_in_till import scanner_types
from tests.gui.test_registration_at_till import open_registration
from tests.gui.test_return_dialog import open_dialog, pick_from_today, sell_two_coffees_and_milk, tick

CARD = make_ean13("200000055501")
WEDGE = "wedge://?suffix=Enter"


def started(qtbot, tmp_path, sandbox, **settings):
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2, devices_scanner=WEDGE, **settings)
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    qtbot.waitUntil(
        lambda: till.controller.state.from_host and idle(till) and till.device_worker.pending == 0, timeout=10_000
    )
    return till


def focus_in(qtbot, dialog, widget) -> None:
    dialog.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_a_card_scanned_while_registering_goes_to_the_card_field_not_the_name(qtbot, tmp_path, sandbox) -> None:
    till = started(qtbot, tmp_path, sandbox)
    try:
        add_products(qtbot, till, MILK)
        dialog = open_registration(qtbot, till)
        name = child(dialog, QLineEdit, "RegistrationFirstName")
        name.insert("Светлана")
        focus_in(qtbot, dialog, name)
        scanner_types(name, CARD + "\r")
        qtbot.waitUntil(lambda: child(dialog, QLineEdit, "RegistrationCard").text() == CARD, timeout=5_000)
        assert name.text() == "Светлана", "nothing scanned stays in the name"
        assert till.registration.dialog is dialog and dialog.isVisible()
        assert till.controller.state.customer is None, "a scan while registering is no search"
    finally:
        till.shutdown()


def test_a_receipt_scanned_in_the_returns_dialog_is_searched_then_the_return_receipt_fills_its_field(
    qtbot, tmp_path, sandbox
) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = started(qtbot, tmp_path, sandbox, devices_printer=printer.uri("width=80"))
        try:
            receipt_id = sell_two_coffees_and_milk(qtbot, till, printer)
            dialog = open_dialog(qtbot, till)
            qtbot.waitUntil(lambda: dialog.todays_receipts() == [receipt_id], timeout=10_000)
            today = child(dialog, QListWidget, "ReturnTodayList")
            focus_in(qtbot, dialog, today)  # the cashier was looking through today's sales
            scanner_types(today, receipt_id + "\r")
            qtbot.waitUntil(dialog.on_sale_page, timeout=10_000)
            assert child(dialog, QLineEdit, "ReturnReceiptInput").text() == receipt_id

            tick(qtbot, dialog, 1, Decimal(1))
            back = child(dialog, QPushButton, "ReturnBackButton")
            focus_in(qtbot, dialog, back)
            scanner_types(back, "R-00000079\r")  # the POS's return receipt
            document = child(dialog, QLineEdit, "ReturnDocumentInput")
            qtbot.waitUntil(lambda: document.text() == "R-00000079", timeout=5_000)
            assert dialog.on_sale_page() and dialog.chosen_lines() == [(1, Decimal(1))], "the ticked lines stay"
        finally:
            till.shutdown()
