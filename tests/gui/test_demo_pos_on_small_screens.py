"""The demo POS beside the loyalty panel on the screens a till has (1024x768, 1366x768): several
receipt rows in view, each product name readable (whole on its button, at most two lines in the
receipt), and the loyalty panel given its full minimum width.

The window is the real one with the till's stylesheet, Russian texts, the demo's products and a
customer shown (the loyalty panel at its widest). On a real screen the panel's minimum is about
590 px (its fonts are wider than the offscreen platform's), so it is held at that here.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget

from app.demo.host import DEMO_PRODUCTS
from app.i18n import install_translator
from fiscal.receipt import Receipt, ReceiptLine
from widgets.main_window import TillWindow
from widgets.style import load_stylesheet

REAL_LOYALTY_WIDTH = 590
BOUGHT = [(0, "2"), (1, "1"), (2, "1"), (5, "1"), (3, "3")]


def receipt() -> Receipt:
    lines = tuple(
        ReceiptLine(n, DEMO_PRODUCTS[i].sku, DEMO_PRODUCTS[i].name, D(q), DEMO_PRODUCTS[i].price,
                    DEMO_PRODUCTS[i].price * D(q))
        for n, (i, q) in enumerate(BOUGHT, 1)
    )
    return Receipt("261205-1", "minsk-01", "till-3", datetime(2026, 12, 5, 12, 0), lines)


@pytest.fixture
def window(qtbot, qapp, sample_customer):
    install_translator(qapp, "ru")
    window = TillWindow(demo_mode=True)
    window.setStyleSheet(load_stylesheet())
    qtbot.addWidget(window)
    window.loyalty.setMinimumWidth(REAL_LOYALTY_WIDTH)
    window.host.set_products([(p.sku, p.name, p.price) for p in DEMO_PRODUCTS])
    window.host.show_receipt(receipt(), {1: D("3.02"), 3: D("9.65")})
    window.loyalty.set_service_status(True, "Сервис лояльности на связи")
    window.loyalty.customer.show_customer(sample_customer, None, "BYN")
    return window


def rows_in_view(table: QTableWidget) -> int:
    height = table.viewport().height()
    return sum(1 for row in range(table.rowCount()) if table.rowViewportPosition(row) + table.rowHeight(row) <= height)


def settle(qtbot, window: TillWindow, width: int, height: int) -> None:
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    # the columns settle (the splitter gives the loyalty panel its minimum on a later turn)
    qtbot.waitUntil(lambda: window.loyalty.width() >= REAL_LOYALTY_WIDTH, timeout=3000)
    QApplication.processEvents()


@pytest.mark.parametrize(("width", "height", "rows"), [(1024, 768, 3), (1366, 768, 5)])
def test_several_receipt_rows_are_in_view_beside_a_whole_loyalty_panel(qtbot, window, width, height, rows) -> None:
    settle(qtbot, window, width, height)
    table = window.host.findChild(QTableWidget, "ReceiptTable")
    qtbot.waitUntil(lambda: rows_in_view(table) >= rows, timeout=3000)
    assert window.loyalty.width() >= window.loyalty.minimumSizeHint().width(), "the loyalty panel is not squeezed"
    assert window.size().width() == width, "the window never widens for the POS"


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1366, 768)])
def test_every_name_is_readable_on_its_button_and_in_the_receipt(qtbot, window, width, height) -> None:
    settle(qtbot, window, width, height)
    for product in DEMO_PRODUCTS:
        button = window.host.product_button(product.sku)
        *lines, _ = button.text().split("\n")
        assert "…" not in "".join(lines), (product.name, lines)
        assert "".join(lines).replace("-", "").replace(" ", "") == product.name.replace("-", "").replace(" ", "")
        assert all(button.fontMetrics().horizontalAdvance(line) <= button.width() for line in lines)
    table = window.host.findChild(QTableWidget, "ReceiptTable")
    name = 1
    for row in range(table.rowCount()):
        item = table.item(row, name)
        room = QRect(0, 0, table.columnWidth(name) - 12, 10_000)  # the cell's padding (till.qss)
        needed = table.fontMetrics().boundingRect(room, int(Qt.TextFlag.TextWordWrap), item.text()).height()
        assert needed <= table.rowHeight(row), f"{item.text()!r} is cut in its row"
        assert item.toolTip() == item.text()


def test_the_receipt_buttons_take_one_row_where_they_fit(qtbot, window) -> None:
    settle(qtbot, window, 1366, 768)
    buttons = [window.host.findChild(QPushButton, name) for name in
               ("NewReceiptButton", "VoidReceiptButton", "DemoReturnButton", "CloseReceiptButton")]
    assert len({button.y() for button in buttons}) == 1
    assert all(button.width() >= button.fontMetrics().horizontalAdvance(button.text()) for button in buttons)
    settle(qtbot, window, 1024, 768)
    assert len({button.y() for button in buttons}) == 2, "two a row in the narrow column"
