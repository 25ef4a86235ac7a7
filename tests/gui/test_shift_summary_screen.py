"""The panel's "Shift summary": the figures of a real sale on screen, equal to the sandbox's ledger,
unconfirmed ones marked while the sale waits; "Print" sends the shift slip to a loopback printer;
the screen fits 420 px and 1024x768, long Russian names too."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.escpos_decoder import decode
from app.checkout.session import Phase
from app.i18n import install_translator
from tests.gui.test_cashier_flow import MILK, add_products, child, click, identify, idle, make_till, phase
from tests.gui.test_devices_in_till import sell_to_anna
from tests.gui.test_panel_layout import assert_fully_visible, assert_whole_text
from widgets.shift.summary_dialog import FIGURES, ShiftFigureView, ShiftSummaryDialog
from widgets.fitting_label import FittingLabel
from widgets.style import load_stylesheet


def money_text(value: str) -> str:
    """Points as an English till writes them (the test installs English: whatever this machine's locale)."""
    return f"{Decimal(value):,.2f}"


def start(qtbot, tmp_path, sandbox, printer: LoopbackPrinter):
    install_translator(QApplication.instance(), "en")
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2, devices_printer=printer.uri("width=80"))
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    qtbot.waitUntil(
        lambda: till.controller.state.from_host and idle(till) and till.device_worker.pending == 0, timeout=10_000
    )
    return till


def sell_offline(qtbot, till) -> None:
    add_products(qtbot, till, MILK)
    identify(qtbot, till, "+375 29 123-45-67")  # from the till's cache: the service refuses connections
    assert till.controller.state.customer_as_of is not None
    close = child(till.window.host, QPushButton, "CloseReceiptButton")
    click(qtbot, close)
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT)
    click(qtbot, close)
    qtbot.waitUntil(lambda: phase(till) is Phase.CLOSED)


def test_the_shift_summary_shows_the_sales_and_prints_the_shift_slip(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = start(qtbot, tmp_path, sandbox, printer)
        try:
            sell_to_anna(qtbot, till)
            qtbot.waitUntil(lambda: till.waiting == 0 and not printer.jobs.empty(), timeout=15_000)
            printer.next_job(timeout=1)  # the after-sale slip
            [first] = [e for e in recorded_transactions(sandbox.engine) if e["kind"] == "purchase"]
            with sandbox.refusing():
                sell_offline(qtbot, till)
                expected = till.controller.state.sale.expected_accrual
                qtbot.waitUntil(lambda: till.waiting == 1 and not printer.jobs.empty(), timeout=15_000)
                printer.next_job(timeout=1)  # the offline slip

                till.window.findChild(QAction, "ShiftSummaryAction").trigger()
                qtbot.waitUntil(lambda: till.shift_screen.dialog is not None)
                dialog = till.shift_screen.dialog
                qtbot.waitUntil(lambda: dialog.value_text("sales") == "2 *", timeout=10_000)
                assert dialog.is_marked("sales") and dialog.is_marked("earned")
                confirmed, total = money_text(first["accrual"]), Decimal(first["accrual"]) + expected
                assert dialog.detail_text("earned") == f"confirmed {confirmed} + expected {money_text(str(expected))}"
                assert dialog.value_text("earned") == money_text(str(total)) + " *"
                assert dialog.value_text("waiting") == "1" and not dialog.is_marked("waiting")
                assert dialog.findChild(QLabel, "ShiftNote").isVisible()

            qtbot.waitUntil(lambda: till.waiting == 0, timeout=30_000)  # the service is back: delivered
            click(qtbot, dialog.findChild(QPushButton, "ShiftRefreshButton"))
            qtbot.waitUntil(lambda: dialog.value_text("sales") == "2", timeout=10_000)
            purchases = [e for e in recorded_transactions(sandbox.engine) if e["kind"] == "purchase"]
            earned = sum(Decimal(e["accrual"]) for e in purchases)
            assert dialog.value_text("earned") == money_text(str(earned)) == money_text(str(total))
            assert not dialog.is_marked("earned") and dialog.detail_text("earned") == ""
            assert dialog.value_text("spent") == money_text(str(sum(Decimal(e["redeem"]) for e in purchases)))
            assert not dialog.findChild(QLabel, "ShiftNote").isVisible()

            click(qtbot, dialog.findChild(QPushButton, "ShiftPrintButton"))
            qtbot.waitUntil(lambda: not printer.jobs.empty(), timeout=15_000)
            lines = [line.text for line in decode(printer.next_job(timeout=1)).lines]
            assert "Shift summary" in lines
            [sales] = [line for line in lines if line.startswith("Sales with a card")]
            assert sales.split()[-1] == "2"
            [earned_line] = [line for line in lines if line.startswith("Bonuses earned")]
            assert earned_line.split()[-1] == f"{Decimal(earned):.2f}".replace(".", ","), "the slip as printed in the shop"
            assert "shift slip" in dialog.message_text()
        finally:
            till.shutdown()


FIGURES_SHOWN = {
    "sales": ShiftFigureView("1 284", False),
    "earned": ShiftFigureView("12 345,67", False, "12 000,00", "345,67"),
    "spent": ShiftFigureView("8 765,40"),
    "refunds": ShiftFigureView("12"),
    "reversed": ShiftFigureView("123,45"),
    "returned": ShiftFigureView("98,70"),
    "coupons": ShiftFigureView("0"),
    "waiting": ShiftFigureView("17"),
    "failed": ShiftFigureView("2"),
}


# Russian names as long as a translation may make them (the translations come later).
LONG_NAMES = {
    "sales": "Продажи с картой покупателя",
    "reversed": "Бонусы, снятые при возвратах покупок",
    "returned": "Бонусы, возвращённые покупателям при возвратах",
    "failed": "Не приняты программой лояльности",
}


@pytest.mark.parametrize("size", [(420, 768), (1024, 768)])
@pytest.mark.parametrize("long_names", [False, True])
def test_nothing_is_clipped(qtbot, size: tuple[int, int], long_names: bool) -> None:
    dialog = ShiftSummaryDialog()
    dialog.setStyleSheet(load_stylesheet())
    qtbot.addWidget(dialog)
    dialog.show_figures("05.12.2026 00:00 – 06.12.2026 00:00", FIGURES_SHOWN)
    dialog.resize(*size)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.width() == size[0])
    if long_names:
        for key, text in LONG_NAMES.items():
            dialog.findChild(QLabel, f"ShiftLabel_{key}").setText(text)
    QApplication.processEvents()
    for key in FIGURES:
        value = dialog.findChild(FittingLabel, f"ShiftValue_{key}")
        label = dialog.findChild(QLabel, f"ShiftLabel_{key}")
        assert_fully_visible(value, dialog)
        assert_fully_visible(label, dialog)
        assert value.fontMetrics().horizontalAdvance(value.text()) * 0.6 <= value.width(), key
        assert value.shown_font().pointSizeF() >= 14, "readable at arm's length"
    for name in ("ShiftRefreshButton", "ShiftPrintButton", "ShiftCloseButton"):
        button = dialog.findChild(QPushButton, name)
        assert_fully_visible(button, dialog)
        assert_whole_text(button)
    assert dialog.width() == size[0], "the figures never widen the screen"
    assert dialog.value_text("earned") == "12 345,67 *"
