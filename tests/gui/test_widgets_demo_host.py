"""DemoHostPanel: product buttons, the receipt table, Delete, close/void/new, locking."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget

from widgets.demo.demo_host import DemoHostPanel
from widgets.style import load_stylesheet

PRODUCTS = [("4810001", "Milk 3.2% 1 l", D("2.49")), ("4810002", "Bread", D("1.85"))]
DISCOUNTS = {1: D("2.55"), 3: D("2.21")}


@pytest.fixture
def host(qtbot) -> DemoHostPanel:
    host = DemoHostPanel()
    qtbot.addWidget(host)
    host.set_products(PRODUCTS)
    return host


def _table(host: DemoHostPanel) -> QTableWidget:
    return host.findChild(QTableWidget, "ReceiptTable")


def _row(table: QTableWidget, row: int) -> list[str]:
    return [table.item(row, column).text() for column in range(table.columnCount())]


def test_a_product_click_emits_its_sku(qtbot, host) -> None:
    button = host.product_button("4810002")
    assert button is not None and "Bread" in button.text() and "1,85" in button.text()
    with qtbot.waitSignal(host.product_added) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["4810002"]
    host.set_products(PRODUCTS[:1])
    assert host.product_button("4810002") is None


def _letters(text: str) -> str:
    """The text without spaces, line breaks and hyphens: what must all be shown, in order."""
    return re.sub(r"[\s-]", "", text)


@pytest.mark.parametrize("width", [260, 320, 400, 520, 700])
def test_product_names_are_shown_whole_wrapped_to_their_buttons_at_any_width(qtbot, width: int) -> None:
    from app.demo.host import DEMO_PRODUCTS

    host = DemoHostPanel()
    host.setStyleSheet(load_stylesheet())  # the type sizes the buttons choose from
    qtbot.addWidget(host)
    products = [(p.sku, p.name, p.price) for p in DEMO_PRODUCTS] + [("4810009", ONE_LONG_WORD, D("3.10"))]
    host.set_products(products)
    host.resize(width, 600)
    host.show()
    qtbot.waitExposed(host)
    for sku, name, _ in products:
        button = host.product_button(sku)
        *name_lines, price = button.text().split("\n")
        assert 1 <= len(name_lines) <= 3 and price.strip()
        for line in name_lines:
            assert button.fontMetrics().horizontalAdvance(line) <= button.width(), f"{line!r} clipped at {width}px"
        shown = "\n".join(name_lines)
        assert "…" not in shown and _letters(shown) == _letters(name), f"{name!r} shown as {shown!r} at {width}px"
        assert name in button.toolTip()


ONE_LONG_WORD = "Суперпастеризованное"


@pytest.mark.parametrize(("name", "width"), [(ONE_LONG_WORD, 260), ("Сыр «Брест-Литовск» 200 г", 400)])
def test_a_word_too_long_for_its_button_is_wrapped_not_replaced_by_an_ellipsis(qtbot, name: str, width: int) -> None:
    host = DemoHostPanel()
    host.setStyleSheet(load_stylesheet())
    qtbot.addWidget(host)
    host.set_products([("4810009", name, D("3.10")), *[(f"48100{n}", "Хлеб", D("1.00")) for n in range(10, 13)]])
    host.resize(width, 600)
    host.show()
    qtbot.waitExposed(host)
    *name_lines, _ = host.product_button("4810009").text().split("\n")
    assert len(name_lines) >= 2 and all(len(_letters(line)) >= 3 for line in name_lines), name_lines
    assert any(line.endswith("-") for line in name_lines[:-1]), "broken where it wraps, at a hyphen"
    assert _letters("".join(name_lines)) == _letters(name)


#: Where Russian allows a break in these words (by syllables, as a dictionary hyphenates them).
SYLLABLES = {ONE_LONG_WORD: "Су-пер-па-сте-ри-зо-ван-ное", "«Бородинский»": "«Бо-ро-дин-ский»"}


@pytest.mark.parametrize(("word", "width"), [(ONE_LONG_WORD, 260), ("«Бородинский»", 300)])
def test_a_broken_word_is_broken_between_syllables(qtbot, word: str, width: int) -> None:
    host = DemoHostPanel()
    host.setStyleSheet(load_stylesheet())
    qtbot.addWidget(host)
    host.set_products([("4810009", word, D("3.10")), *[(f"48100{n}", "Хлеб", D("1.00")) for n in range(10, 13)]])
    host.resize(width, 600)
    host.show()
    qtbot.waitExposed(host)
    *name_lines, _ = host.product_button("4810009").text().split("\n")
    broken = [line for line in name_lines if line.endswith("-")]
    assert broken, name_lines
    allowed = SYLLABLES[word]
    shown_so_far = ""
    for line in name_lines[:-1]:
        shown_so_far += line.removesuffix("-")
        assert allowed.replace("-", "").startswith(shown_so_far)
        assert len(shown_so_far) in _break_points(allowed), f"{name_lines} breaks inside a syllable"


def _break_points(hyphenated: str) -> set[int]:
    """Where the hyphens of `hyphenated` fall in the word without them."""
    points, letters = set(), 0
    for part in hyphenated.split("-")[:-1]:
        letters += len(part)
        points.add(letters)
    return points


def test_every_product_button_takes_the_same_type(qtbot) -> None:
    from app.demo.host import DEMO_PRODUCTS

    host = DemoHostPanel()
    host.setStyleSheet(load_stylesheet())
    qtbot.addWidget(host)
    host.set_products([(p.sku, p.name, p.price) for p in DEMO_PRODUCTS])
    host.resize(420, 600)
    host.show()
    qtbot.waitExposed(host)
    sizes = {host.product_button(p.sku).font().pointSizeF() for p in DEMO_PRODUCTS}
    assert len(sizes) == 1, sizes


def test_the_receipt_sums_do_not_break_inside_a_caption_and_its_amount(qtbot, host, sample_receipt) -> None:
    host.show_receipt(sample_receipt, DISCOUNTS)
    summary = host.findChild(QLabel, "ReceiptSummary")
    host.resize(140, 600)  # narrow: the label wraps between the parts only
    host.show()
    qtbot.waitExposed(host)
    parts = summary.text().split("   ")
    assert parts[-1] == "To\u00a0pay\u00a023,93"
    assert all(" " not in part for part in parts)


def test_the_receipt_table(host, sample_receipt) -> None:
    host.show_receipt(sample_receipt, DISCOUNTS)
    table = _table(host)
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["No", "Product", "Qty", "Price", "Amount", "Discount", "Final"]
    assert table.rowCount() == 4
    assert _row(table, 0) == ["1", "Milk 3.2% 1 l", "2", "2,49", "4,98", "−2,55", "2,43"]
    assert _row(table, 1) == ["2", "Cheese 200 g", "1", "6,99", "6,99", "", "6,99"]
    assert _row(table, 2) == ["3", "Apples, kg", "1,350", "3,20", "4,32", "−2,21", "2,11"]
    summary = host.findChild(QLabel, "ReceiptSummary").text()
    assert summary == "Total\u00a028,69   Discount\u00a04,76   To\u00a0pay\u00a023,93"  # no break inside a part


def test_delete_on_a_selected_row_removes_that_line(qtbot, host, sample_receipt) -> None:
    host.show_receipt(sample_receipt, {})
    table = _table(host)
    with qtbot.assertNotEmitted(host.line_removed):
        qtbot.keyClick(table, Qt.Key.Key_Delete)  # nothing selected
    assert host.select_line(3)
    with qtbot.waitSignal(host.line_removed) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert blocker.args == [3]


def test_selection_survives_a_refresh(host, sample_receipt) -> None:
    host.show_receipt(sample_receipt, {})
    host.select_line(2)
    host.show_receipt(sample_receipt, DISCOUNTS)
    assert host.selected_line_no() == 2


@pytest.mark.parametrize(
    ("button", "signal"),
    [
        ("CloseReceiptButton", "close_requested"),
        ("VoidReceiptButton", "void_requested"),
        ("NewReceiptButton", "new_receipt_requested"),
    ],
)
def test_receipt_buttons(qtbot, host, sample_receipt, button, signal) -> None:
    host.show_receipt(sample_receipt, {})
    with qtbot.waitSignal(getattr(host, signal)):
        qtbot.mouseClick(host.findChild(QPushButton, button), Qt.MouseButton.LeftButton)


def test_an_empty_receipt_cannot_be_closed(qtbot, host, sample_receipt) -> None:
    host.show_receipt(replace(sample_receipt, lines=()), {})
    assert not host.findChild(QPushButton, "CloseReceiptButton").isEnabled()
    with qtbot.assertNotEmitted(host.close_requested):
        host.request_close()


def test_locked_while_fiscalising(qtbot, host, sample_receipt) -> None:
    host.show_receipt(sample_receipt, {})
    host.select_line(1)
    host.set_locked(True)
    assert host.is_locked()
    for name in ("CloseReceiptButton", "VoidReceiptButton", "NewReceiptButton"):
        assert not host.findChild(QPushButton, name).isEnabled(), name
    assert not host.product_button("4810001").isEnabled()
    with qtbot.assertNotEmitted(host.line_removed), qtbot.assertNotEmitted(host.close_requested):
        qtbot.keyClick(_table(host), Qt.Key.Key_Delete)
        host.request_close()
    host.set_locked(False)
    assert host.findChild(QPushButton, "CloseReceiptButton").isEnabled()


def test_fiscal_result_until_the_next_receipt(host, sample_receipt) -> None:
    host.show_receipt(sample_receipt, {})
    host.show_fiscal_result("Fiscal receipt №123 printed")
    label = host.findChild(QLabel, "FiscalResult")
    assert label.isVisibleTo(host) and label.text() == "Fiscal receipt №123 printed"
    host.show_receipt(sample_receipt, DISCOUNTS)  # the same receipt, refreshed
    assert label.isVisibleTo(host)
    host.show_receipt(replace(sample_receipt, receipt_id="000458", lines=()), {})
    assert not label.isVisibleTo(host)
