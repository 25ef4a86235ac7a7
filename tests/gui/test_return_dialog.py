"""The panel's "Return…" end to end: a real window, the sandbox over loopback, a loopback printer.

The cashier picks the sale from today's list (or scans or types its number), ticks part of a
line, confirms; the return is queued, delivered, in the sandbox's ledger with the figures the
dialog showed, and its slip printed. More than is left of a line cannot be returned, not even
when the POS returned it meanwhile; a return made offline waits and is delivered afterwards.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from decimal import Decimal

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QListWidget, QPushButton,
)

from app.checkout.session import Phase
from app.offline.connectivity import ServiceTimeouts
from app.service.factory import service_for
from fiscal.money import format_money
from loyalty_client.sandbox.faults import FaultKind, FaultRule
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.types import RefundLine
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.escpos_decoder import decode
from tests.gui.test_panel_layout import assert_fully_visible, assert_whole_text
from widgets.returns.return_dialog import ReturnDialog, SaleChoiceView
from widgets.returns.return_lines import ReturnLineView
from widgets.style import load_stylesheet
from tests.gui.test_cashier_flow import (
    COFFEE, MILK, add_products, child, click, identify, idle, make_till, phase, type_and_enter,
)


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
    [taken] = re.findall(r"Points taken back: ([^\n]+)", dialog.estimate_text())
    [given] = re.findall(r"Points given back: ([^\n]+)", dialog.estimate_text())
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

            click(qtbot, child(dialog, QPushButton, "ReturnBackButton"))  # another return, same dialog
            pick_from_today(qtbot, dialog, receipt_id)
            tick(qtbot, dialog, 2, Decimal(1))
            confirm(qtbot, dialog, "R-000078")
            qtbot.waitUntil(lambda: "Confirmed by the loyalty program" in dialog.message_text(), timeout=15_000)
            assert len(refunds(sandbox)) == 2
        finally:
            till.shutdown()


def test_more_than_is_left_of_a_line_cannot_be_returned(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = start(qtbot, tmp_path, sandbox, printer)
        try:
            receipt_id = sell_two_coffees_and_milk(qtbot, till, printer)
            dialog = open_dialog(qtbot, till)
            qtbot.waitUntil(lambda: dialog.todays_receipts() == [receipt_id], timeout=10_000)
            type_and_enter(qtbot, child(dialog, QLineEdit, "ReturnReceiptInput"), "NO-SUCH-1")
            qtbot.waitUntil(lambda: dialog.message_severity() == "error", timeout=10_000)
            assert dialog.message_text().startswith("No sale of receipt NO-SUCH-1 with a customer on this till.")
            assert "transaction id" not in dialog.message_text(), "nothing the panel could be given"
            assert not dialog.on_sale_page()

            till.handle_scan(receipt_id)  # a scan while the dialog is open is the receipt's number
            qtbot.waitUntil(dialog.on_sale_page, timeout=10_000)
            assert child(dialog, QLineEdit, "ReturnReceiptInput").text() == receipt_id
            tick(qtbot, dialog, 1, Decimal(1))
            confirm(qtbot, dialog, "R-1")
            qtbot.waitUntil(dialog.is_done, timeout=10_000)
            click(qtbot, child(dialog, QPushButton, "ReturnCloseButton"))
            qtbot.waitUntil(lambda: till.returns_screen.dialog is None)

            dialog = open_dialog(qtbot, till)
            pick_from_today(qtbot, dialog, receipt_id)
            spin = child(dialog, QDoubleSpinBox, "ReturnLineQuantity_1")
            assert dialog.lines().row(1).maximum() == Decimal(1) and spin.maximum() == 1.0
            assert "returned before 1" in child(dialog, QLabel, "ReturnLineDetail_1").text()
            tick(qtbot, dialog, 1, Decimal(2))
            assert dialog.chosen_lines() == [(1, Decimal(1))], "the quantity stops at what is left"

            # Meanwhile the POS returns the last coffee itself: the dialog's return is refused.
            with httpx.Client(
                base_url=till.host_api.url, headers={"Authorization": f"Bearer {till.read_host_api_token()}"}, timeout=20
            ) as pos:
                body = {
                    "originalReceiptId": receipt_id,
                    "fiscal": {"documentNumber": "R-2", "closedAt": "2026-11-20T16:00:00+03:00"},
                    "lines": [{"lineNo": 1, "quantity": "1"}],
                }
                assert pos.put("/v1/returns/POS-R-2", json=body).status_code == 200
            confirm(qtbot, dialog, "R-3")
            qtbot.waitUntil(lambda: dialog.message_severity() == "error", timeout=10_000)
            assert dialog.message_text() == "Line 1: 2 sold, 2 returned before; 1 more cannot be returned."
            assert not dialog.is_done()
            qtbot.waitUntil(lambda: till.waiting == 0 and len(refunds(sandbox)) == 2, timeout=15_000)

            click(qtbot, child(dialog, QPushButton, "ReturnBackButton"))
            qtbot.waitUntil(lambda: not dialog.on_sale_page())
            pick_from_today(qtbot, dialog, receipt_id)
            box = child(dialog, QCheckBox, "ReturnLineCheck_1")
            assert not box.isEnabled() and "returned in full" in child(dialog, QLabel, "ReturnLineDetail_1").text()
        finally:
            till.shutdown()
    assert len(refunds(sandbox)) == 2, "the refused return was never sent"


def test_a_return_made_offline_waits_and_is_delivered_when_the_service_is_back(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = start(qtbot, tmp_path, sandbox, printer)
        try:
            receipt_id = sell_two_coffees_and_milk(qtbot, till, printer)
            with sandbox.refusing():
                add_products(qtbot, till, MILK)  # the next customer: the till finds the service gone
                identify(qtbot, till, "+375 29 123-45-67")
                qtbot.waitUntil(lambda: till.window.loyalty.is_online() is False, timeout=20_000)
                dialog = open_dialog(qtbot, till)
                pick_from_today(qtbot, dialog, receipt_id)
                tick(qtbot, dialog, 2, Decimal(1))
                taken, given = shown_estimate(dialog)
                confirm(qtbot, dialog, "R-OFF-1")
                qtbot.waitUntil(dialog.is_done, timeout=10_000)
                assert dialog.message_severity() == "warning"
                assert "offline" in dialog.message_text() and "waits in the queue" in dialog.message_text()
                qtbot.waitUntil(lambda: till.waiting == 1, timeout=10_000)
                qtbot.waitUntil(lambda: not printer.jobs.empty(), timeout=15_000)
                assert "provisional" in decode(printer.next_job(timeout=1)).text, "printed at once, as expected"
                assert not refunds(sandbox)
            qtbot.waitUntil(lambda: "Confirmed by the loyalty program" in dialog.message_text(), timeout=30_000)
            assert till.waiting == 0
            [refund] = refunds(sandbox)
            assert (format_money(Decimal(refund["accrual"])), format_money(Decimal(refund["points"]))) == (taken, given)
        finally:
            till.shutdown()


def test_a_return_the_service_refuses_is_said_in_the_dialog_with_why_and_what_to_do(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = start(qtbot, tmp_path, sandbox, printer)
        try:
            receipt_id = sell_two_coffees_and_milk(qtbot, till, printer)
            [sale] = [row for row in recorded_transactions(sandbox.engine) if row["kind"] == "purchase"]
            # Both coffees come back at another till, straight to the service: this till's journal
            # does not know, and its return of one more is refused when delivered.
            other_till = service_for(sandbox.url, None, ServiceTimeouts(connect_seconds=2.0, total_seconds=5.0))
            other_till.refund("other-till-refund", sale["transactionId"], [RefundLine(1, Decimal("2"))])

            dialog = open_dialog(qtbot, till)
            pick_from_today(qtbot, dialog, receipt_id)
            tick(qtbot, dialog, 1, Decimal(1))
            confirm(qtbot, dialog, "R-000079")
            qtbot.waitUntil(lambda: "refused this return" in dialog.message_text(), timeout=20_000)
            text = dialog.message_text()
            assert dialog.message_severity() == "error"
            assert "More returned than was bought." in text, "why"
            assert "points were not changed" in text and "Tell the administrator" in text, "what it means, what to do"
            assert "Sending it" not in text and "Return saved" not in text
            assert not child(dialog, QPushButton, "ReturnConfirmButton").isEnabled()
            qtbot.waitUntil(lambda: not printer.jobs.empty(), timeout=15_000)
            assert "refused this return" in " ".join(decode(printer.next_job(timeout=1)).text.splitlines())
            assert [row["transactionId"] for row in refunds(sandbox)] == ["other-till-refund"]
        finally:
            till.shutdown()


def test_a_return_whose_answer_is_lost_says_it_waits_in_the_queue_then_shows_the_service_s_figures(
    qtbot, tmp_path, sandbox
) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = start(qtbot, tmp_path, sandbox, printer)
        try:
            receipt_id = sell_two_coffees_and_milk(qtbot, till, printer)
            dialog = open_dialog(qtbot, till)
            pick_from_today(qtbot, dialog, receipt_id)
            tick(qtbot, dialog, 2, Decimal(1))
            taken, given = shown_estimate(dialog)
            # The service takes the refund but its answer is lost: the till sends it again later.
            sandbox.faults.schedule(FaultRule(FaultKind.DROP, "DeliverBatch", times=1))
            confirm(qtbot, dialog, "R-LOST-1")
            qtbot.waitUntil(lambda: "has not answered yet" in dialog.message_text(), timeout=20_000)
            assert dialog.message_severity() == "warning"
            text = dialog.message_text()
            assert "Sending it" not in text and "waits in the queue" in text
            assert f"{taken} points to be taken back, {given} to be given back" in text, "the till's figures stay"
            qtbot.waitUntil(lambda: "Confirmed by the loyalty program" in dialog.message_text(), timeout=30_000)
            assert dialog.message_severity() == "success"
            [refund] = refunds(sandbox)
            assert (format_money(Decimal(refund["accrual"])), format_money(Decimal(refund["points"]))) == (taken, given)
        finally:
            till.shutdown()


LONG_LINES = [
    ReturnLineView(1, "Кофе зерновой «Арабика Бразилия Сантос» обжарка средняя 250 г", Decimal(2), Decimal("31.80"),
                   Decimal(0), Decimal("1.33"), Decimal("5.10")),
    ReturnLineView(2, "Яблоки «Голден Делишес» весовые, Беларусь", Decimal("1.350"), Decimal("4.32"),
                   Decimal("0.350"), Decimal("0.20"), Decimal("0.00")),
    ReturnLineView(3, "Сигареты", Decimal(1), Decimal("5.40"), Decimal(1), None, None),
]


@pytest.mark.parametrize("size", [(420, 600), (1024, 768)])
def test_the_dialog_is_readable_at_420_px_and_1024x768(qtbot, size: tuple[int, int]) -> None:
    dialog = ReturnDialog()
    dialog.setStyleSheet(load_stylesheet())
    qtbot.addWidget(dialog)
    dialog.show_todays_sales(
        [SaleChoiceView("261205-143207-12", "t-1", datetime(2026, 12, 5, 14, 32, tzinfo=timezone.utc),
                        Decimal("1234.56"), Decimal("61.73"))]
    )
    dialog.show_sale("261205-143207-12", datetime(2026, 12, 5, 14, 32, tzinfo=timezone.utc), Decimal("41.52"), LONG_LINES)
    dialog.resize(*size)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.width() == size[0])
    dialog.lines().row(1).set_ticked(True)
    dialog.lines().row(2).set_ticked(True)
    dialog.show_estimate((Decimal("1.33"), Decimal("12345.10")))
    QApplication.processEvents()
    assert dialog.width() == size[0], "long names never widen the dialog"
    assert dialog.chosen_lines() == [(1, Decimal(2)), (2, Decimal("1.000"))], "a weighed line keeps its grams"
    row = dialog.lines().row(3)
    assert not child(row, QCheckBox, "ReturnLineCheck_3").isEnabled(), "a line returned in full"
    for name in ("ReturnEstimate", "ReturnDocumentLabel", "ReturnSaleTitle"):
        assert_fully_visible(child(dialog, QLabel, name), dialog)
    for name in ("ReturnBackButton", "ReturnConfirmButton", "ReturnCloseButton"):
        button = child(dialog, QPushButton, name)
        assert_fully_visible(button, dialog)
        assert_whole_text(button)
    for line_no in (1, 2):
        assert_fully_visible(child(dialog, QDoubleSpinBox, f"ReturnLineQuantity_{line_no}"), dialog)
        assert_fully_visible(child(dialog, QCheckBox, f"ReturnLineCheck_{line_no}"), dialog)
    assert "12\xa0345,10" in dialog.estimate_text()


def test_the_demo_pos_returns_through_the_host_api_and_the_till_refuses_more_than_was_sold(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = start(qtbot, tmp_path, sandbox, printer)
        try:
            receipt_id = sell_two_coffees_and_milk(qtbot, till, printer)
            [sale] = [row for row in recorded_transactions(sandbox.engine) if row["kind"] == "purchase"]

            def demo_return(quantity: Decimal) -> None:
                click(qtbot, child(till.window.host, QPushButton, "DemoReturnButton"))
                qtbot.waitUntil(lambda: till.presenter.return_dialog is not None and till.presenter.return_dialog.isVisible())
                dialog = till.presenter.return_dialog
                assert child(dialog, QComboBox, "DemoReturnReceipt").currentText().startswith(receipt_id)
                tick(qtbot, dialog, 1, quantity)
                click(qtbot, child(dialog, QPushButton, "DemoReturnConfirmButton"))

            demo_return(Decimal(1))
            qtbot.waitUntil(lambda: "Return receipt No." in child(till.window.host, QLabel, "FiscalResult").text(), timeout=10_000)
            [document] = [record for record in fiscal_memory(tmp_path) if record.get("return_of") == receipt_id]
            assert f"Return receipt No. {document['document_number']} printed" in child(
                till.window.host, QLabel, "FiscalResult"
            ).text()
            qtbot.waitUntil(lambda: till.waiting == 0 and len(refunds(sandbox)) == 1, timeout=15_000)
            with httpx.Client(
                base_url=till.host_api.url, headers={"Authorization": f"Bearer {till.read_host_api_token()}"}, timeout=20
            ) as pos:
                answer = pos.get(f"/v1/returns/{document['return_id']}").json()
            assert (answer["state"], answer["fiscalDocumentNumber"]) == ("delivered", document["document_number"])
            [refund] = refunds(sandbox)
            assert refund["originalTransactionId"] == sale["transactionId"]
            assert (answer["pointsReversed"], answer["pointsReturned"]) == (refund["accrual"], refund["points"])

            demo_return(Decimal(2))  # one coffee is left: the till refuses two
            panel = till.window.loyalty
            qtbot.waitUntil(lambda: "cannot be returned" in panel.messages.text(), timeout=10_000)
            assert panel.messages.text() == "Line 1: 2 sold, 1 returned before; 2 more cannot be returned."
            assert panel.messages.severity() == "error"
        finally:
            till.shutdown()
    assert len(refunds(sandbox)) == 1


def fiscal_memory(tmp_path) -> list[dict]:
    from fiscal.demo_registrar import fiscal_memory_beside

    path = fiscal_memory_beside(tmp_path / "till.sqlite")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
