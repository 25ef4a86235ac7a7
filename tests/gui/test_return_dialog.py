"""The panel's "Return…" end to end: a real window, the sandbox over loopback, a loopback printer.

The cashier picks the sale from today's list (or scans or types its number), ticks part of a
line, confirms; the return is queued, delivered, in the sandbox's ledger with the figures the
dialog showed, and its slip printed. More than is left of a line cannot be returned, not even
when the POS returned it meanwhile; a return made offline waits and is delivered afterwards.
"""
from __future__ import annotations

import re
from decimal import Decimal

import httpx
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLabel, QLineEdit, QListWidget, QPushButton

from app.checkout.session import Phase
from fiscal.money import format_money
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.escpos_decoder import decode
from tests.gui.test_cashier_flow import COFFEE, MILK, add_products, child, click, identify, idle, make_till, phase, type_and_enter


def start(qtbot, tmp_path, sandbox, printer: LoopbackPrinter):
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2, devices_printer=printer.uri("width=80"))
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    qtbot.waitUntil(
        lambda: till.controller.state.from_host and idle(till) and till.device_worker.pending == 0, timeout=10_000
    )
    return till


def sell_two_coffees_and_milk(qtbot, till, printer: LoopbackPrinter) -> str:
    """Anna buys 2 coffees and a milk, paying 5.50 with points; delivered, its slip printed."""
    add_products(qtbot, till, COFFEE, COFFEE, MILK)
    identify(qtbot, till, "+375 29 123-45-67")
    type_and_enter(qtbot, child(till.window.loyalty, QLineEdit, "RedeemInput"), "5,50")
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.redeem == Decimal("5.50"))
    close = child(till.window.host, QPushButton, "CloseReceiptButton")
    click(qtbot, close)
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT)
    click(qtbot, close)
    qtbot.waitUntil(lambda: phase(till) is Phase.CLOSED)
    qtbot.waitUntil(lambda: till.waiting == 0 and not printer.jobs.empty(), timeout=15_000)
    printer.next_job(timeout=1)  # the after-sale slip
    return till.controller.state.receipt.receipt_id


def open_dialog(qtbot, till):
    till.window.findChild(QAction, "ReturnAction").trigger()
    qtbot.waitUntil(lambda: till.returns_screen.dialog is not None)
    return till.returns_screen.dialog


def pick_from_today(qtbot, dialog, receipt_id: str) -> None:
    qtbot.waitUntil(lambda: dialog.todays_receipts() == [receipt_id], timeout=10_000)
    today = child(dialog, QListWidget, "ReturnTodayList")
    rect = today.visualItemRect(today.item(0))
    qtbot.mouseClick(today.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(dialog.on_sale_page, timeout=10_000)


def tick(qtbot, dialog, line_no: int, quantity: Decimal) -> None:
    box = child(dialog, QCheckBox, f"ReturnLineCheck_{line_no}")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()
    child(dialog, QDoubleSpinBox, f"ReturnLineQuantity_{line_no}").setValue(float(quantity))


def confirm(qtbot, dialog, document: str) -> None:
    type_and_enter(qtbot, child(dialog, QLineEdit, "ReturnDocumentInput"), document)
    click(qtbot, child(dialog, QPushButton, "ReturnConfirmButton"))


def shown_estimate(dialog) -> tuple[str, str]:
    [taken] = re.findall(r"Points taken back: (\S+)", dialog.estimate_text())
    [given] = re.findall(r"Points given back: (\S+)", dialog.estimate_text())
    return taken, given


def refunds(sandbox) -> list[dict]:
    return [row for row in recorded_transactions(sandbox.engine) if row["kind"] == "refund"]


def test_a_partial_return_picked_from_todays_sales_is_delivered_with_the_figures_shown(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = start(qtbot, tmp_path, sandbox, printer)
        try:
            receipt_id = sell_two_coffees_and_milk(qtbot, till, printer)
            [sale] = [row for row in recorded_transactions(sandbox.engine) if row["kind"] == "purchase"]

            dialog = open_dialog(qtbot, till)
            pick_from_today(qtbot, dialog, receipt_id)
            coffee = dialog.lines().row(1)
            assert coffee.maximum() == Decimal(2)
            detail = child(dialog, QLabel, "ReturnLineDetail_1").text()
            assert "sold 2 for 31,80" in detail and "earned" in detail and "paid with points" in detail
            tick(qtbot, dialog, 1, Decimal(1))
            assert dialog.chosen_lines() == [(1, Decimal(1))]
            taken, given = shown_estimate(dialog)
            assert not child(dialog, QPushButton, "ReturnConfirmButton").isEnabled(), "the return receipt's number first"
            confirm(qtbot, dialog, "R-000077")
            qtbot.waitUntil(lambda: "Return saved" in dialog.message_text(), timeout=10_000)
            assert f"{taken} points to be taken back, {given} to be given back" in dialog.message_text()
            qtbot.waitUntil(lambda: "Confirmed by the loyalty program" in dialog.message_text(), timeout=15_000)
            assert dialog.message_severity() == "success"
            assert not child(dialog, QPushButton, "ReturnConfirmButton").isEnabled(), "made once"

            [refund] = refunds(sandbox)
            assert refund["originalTransactionId"] == sale["transactionId"]
            assert (format_money(Decimal(refund["accrual"])), format_money(Decimal(refund["points"]))) == (taken, given)
            assert Decimal(refund["accrual"]) > 0 and Decimal(refund["points"]) > 0
            qtbot.waitUntil(lambda: not printer.jobs.empty(), timeout=15_000)
            slip = decode(printer.next_job(timeout=1)).text
            assert "Bonus program return" in slip and "R-000077" in slip and receipt_id in slip
            assert "provisional" not in slip, "printed with the service's figures"
        finally:
            till.shutdown()
