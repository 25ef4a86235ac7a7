"""The host POS side of the demo: product buttons, the open receipt, close/void/new."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fiscal.money import ZERO, money
from widgets.demo.product_names import wrap_name
from widgets.formatting import format_amount, format_quantity
from widgets.style import restyle

if TYPE_CHECKING:
    from fiscal.receipt import Receipt

PRODUCT_COLUMNS = 4  # seven demo products in two rows: the receipt keeps its room on a 768-pixel screen
#: Narrower than this per column, the buttons take fewer columns (down to two). The POS column
#: beside the loyalty panel at 1024 px takes four: a third row of products left the receipt one row.
MIN_PRODUCT_WIDTH = 100
PRODUCT_NAME_LINES = 2
#: The product buttons' type sizes, largest first (`fit` in till.qss): a narrow button takes the
#: largest in which the whole name fits in two lines, by whole words. Where none does, the
#: smallest type takes three lines and breaks a word too long for one with a hyphen; only what
#: still does not fit is left out, by words, after an ellipsis.
PRODUCT_FITS = ("", "small", "smallest")
SMALLEST_NAME_LINES = 3
#: The room a product name leaves inside its button: the stylesheet's padding and border.
PRODUCT_TEXT_MARGIN = 10
NO_BREAK_SPACE = "\u00a0"

#: Table columns: No, name, qty, price, amount, loyalty discount, final.
COLUMNS = ("no", "name", "quantity", "price", "amount", "discount", "final")
#: Below this table width the number, price and amount columns give their room to the names.
FULL_TABLE_FROM = 620
#: A receipt row's height beyond its lines of text: the cell's padding (till.qss) and grid line.
NAME_ROW_PADDING = 10


class _ProductButton(QPushButton):
    """A product button that wraps its name to the button's width (two lines at most)."""

    def __init__(self, sku: str, name: str, price: Decimal, names: Sequence[str]) -> None:
        super().__init__()
        self.sku = sku
        self._name = name
        self._names = names  # every button's: all take the same type, the one the longest name needs
        self._price = format_amount(price)
        self.setObjectName(f"Product_{sku}")
        self.setProperty("role", "product")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setToolTip(f"{name} — {self._price}")
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.setText(f"{name}\n{self._price}")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Re-wrap the name for the new width, in the largest type in which every product's name
        fits whole (the buttons are as wide as one another, so all take the same type)."""
        super().resizeEvent(event)
        width = max(40, self.width() - PRODUCT_TEXT_MARGIN)
        for fit in PRODUCT_FITS:
            restyle("fit", fit, self)  # the stylesheet's font for it (till.qss)
            metrics = self.fontMetrics()
            if all(wrap_name(name, metrics, width, PRODUCT_NAME_LINES)[1] for name in self._names):
                lines, _ = wrap_name(self._name, metrics, width, PRODUCT_NAME_LINES)
                break
        else:  # whole only with a word broken, in the smallest type, where three short lines fit
            lines, _ = wrap_name(self._name, self.fontMetrics(), width, SMALLEST_NAME_LINES, break_words=True)
        self.setText("\n".join([*lines, self._price]))


def _unbreakable_parts(summary: str) -> str:
    """The receipt's sums with each caption kept on one line with its amount ("To pay 23,93"):
    a narrow column may wrap between the parts (set apart by runs of spaces), never inside one."""
    parts = [part for part in summary.split("  ") if part.strip()]
    return "   ".join(NO_BREAK_SPACE.join(part.split()) for part in parts)


class DemoHostPanel(QFrame):
    """Plays the host POS in the demo: adds products, shows the receipt, closes or voids it.

    Emits intent only: `product_added(sku)`, `line_removed(line_no)` (Delete on a row),
    `close_requested()`, `void_requested()`, `new_receipt_requested()`, `return_requested()`
    (Return…: goods of a paid receipt come back).
    """

    product_added = Signal(str)
    line_removed = Signal(int)
    close_requested = Signal()
    void_requested = Signal()
    new_receipt_requested = Signal()
    return_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DemoHostPanel")
        self._locked = False
        self._awaiting_payment = False
        self._finished = False
        self._products: list[tuple[str, str, Decimal]] = []
        self._product_buttons: list[_ProductButton] = []
        self._product_columns = 0  # as laid out last
        self._smallest = QPushButton(self)  # never shown: measures names in the smallest product type
        self._smallest.setProperty("role", "product")
        self._smallest.setProperty("fit", "smallest")
        self._smallest.hide()
        self._receipt: Receipt | None = None
        self._discounts: dict[int, Decimal] = {}

        self._title = QLabel()
        self._title.setObjectName("ReceiptTitle")
        self._title.setProperty("role", "section")
        self._products_box = QWidget()
        self._products_box.setObjectName("ProductGrid")
        self._products_grid = QGridLayout(self._products_box)
        self._products_grid.setContentsMargins(0, 0, 0, 0)
        self._products_grid.setSpacing(6)

        self._table = QTableWidget(0, len(COLUMNS))
        self._table.setObjectName("ReceiptTable")
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setAlternatingRowColors(True)
        self._table.verticalHeader().hide()
        self._table.setWordWrap(True)
        self._table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("name"), QHeaderView.ResizeMode.Stretch)
        # Long names wrap: rows grow to fit whenever the name column changes width.
        header.sectionResized.connect(self._fit_rows, Qt.ConnectionType.QueuedConnection)
        self._table.installEventFilter(self)

        self._summary = QLabel()
        self._summary.setObjectName("ReceiptSummary")
        self._summary.setProperty("role", "value")
        self._summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._summary.setWordWrap(True)  # a narrow column wraps the sums instead of widening the window
        self._fiscal = QLabel()
        self._fiscal.setObjectName("FiscalResult")
        self._fiscal.setProperty("role", "fiscal")
        self._fiscal.setWordWrap(True)

        self._close = QPushButton()
        self._close.setObjectName("CloseReceiptButton")
        self._close.setProperty("role", "primary")
        self._void = QPushButton()
        self._void.setObjectName("VoidReceiptButton")
        self._new = QPushButton()
        self._new.setObjectName("NewReceiptButton")
        self._close.clicked.connect(self.request_close)
        self._void.clicked.connect(self.void_requested)
        self._new.clicked.connect(self.new_receipt_requested)
        self._return = QPushButton()
        self._return.setObjectName("DemoReturnButton")
        self._return.clicked.connect(self.return_requested)

        # Four buttons in a row where there is room; two a row in the column beside the loyalty
        # panel on a 1024-pixel screen (`_place_buttons`).
        self._buttons = QGridLayout()
        self._buttons.setSpacing(8)
        self._buttons_in_a_row = 0
        self._place_buttons(2)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self._products_box)
        layout.addWidget(self._title)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._summary)
        layout.addWidget(self._fiscal)
        layout.addLayout(self._buttons)
        self._retranslate()
        self._fiscal.hide()
        self._update_enabled()

    # -- public API ---------------------------------------------------------------------------

    def set_products(self, products: Sequence[tuple[str, str, Decimal]]) -> None:
        """Offer these (sku, name, price) products as buttons; a click emits `product_added`."""
        for button in self._product_buttons:
            self._products_grid.removeWidget(button)
            button.deleteLater()
        self._product_buttons = []
        self._products = [(sku, name, money(price)) for sku, name, price in products]
        names = tuple(name for _, name, _ in self._products)
        for sku, name, price in self._products:
            button = _ProductButton(sku, name, price, names)
            button.clicked.connect(lambda _checked=False, code=sku: self.product_added.emit(code))
            self._product_buttons.append(button)
        self._place_products()
        self._update_enabled()

    def _place_products(self) -> None:
        """Lay the buttons out in as many columns as leave each name room: `MIN_PRODUCT_WIDTH`,
        and every name whole in the smallest type (`_product_columns_that_fit`)."""
        columns = self._product_columns_that_fit(max(2, min(PRODUCT_COLUMNS, (self.width() + 6) // MIN_PRODUCT_WIDTH)))
        if columns == self._product_columns and all(
            self._products_grid.indexOf(button) >= 0 for button in self._product_buttons
        ):
            return
        self._product_columns = columns
        for button in self._product_buttons:
            self._products_grid.removeWidget(button)
        for column in range(PRODUCT_COLUMNS):
            self._products_grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, button in enumerate(self._product_buttons):
            row, column = divmod(index, columns)
            self._products_grid.addWidget(button, row, column)

    def _product_columns_that_fit(self, most: int) -> int:
        """The most columns, up to `most`, in which each name fits its button whole in the smallest type."""
        self._smallest.style().polish(self._smallest)  # the stylesheet's smallest product type
        metrics = self._smallest.fontMetrics()
        outside = self.contentsMargins().left() + self.contentsMargins().right()
        outside += self.layout().contentsMargins().left() + self.layout().contentsMargins().right()
        for columns in range(most, 2, -1):
            spacing = self._products_grid.spacing() * (columns - 1)
            width = (self.width() - outside - spacing) // columns - PRODUCT_TEXT_MARGIN
            if all(wrap_name(name, metrics, width, SMALLEST_NAME_LINES, break_words=True)[1] for _, name, _ in self._products):
                return columns
        return 2

    def _place_buttons(self, in_a_row: int) -> None:
        """New, Void, Return and Close, `in_a_row` (2 or 4) a row; Close last, at the right."""
        if in_a_row == self._buttons_in_a_row:
            return
        self._buttons_in_a_row = in_a_row
        for index, button in enumerate((self._new, self._void, self._return, self._close)):
            self._buttons.removeWidget(button)
            self._buttons.addWidget(button, *divmod(index, in_a_row))
        for column in range(4):
            self._buttons.setColumnStretch(column, 1 if column < in_a_row else 0)

    def product_button(self, sku: str) -> QPushButton | None:
        """The button of the product *sku*, if offered."""
        for button in self._product_buttons:
            if button.sku == sku:
                return button
        return None

    def show_receipt(self, receipt: Receipt, discounts: dict[int, Decimal]) -> None:
        """Show the receipt's lines with the loyalty discount per line number (missing = none).

        Showing another receipt (a different receipt_id) clears the previous fiscal result.
        """
        if receipt == self._receipt and discounts == self._discounts:
            return  # shown with every state of the checkout: rebuilding the table would repaint it
        selected = self.selected_line_no()
        if self._receipt is not None and self._receipt.receipt_id != receipt.receipt_id:
            self.show_fiscal_result("")
        self._receipt = receipt
        self._discounts = dict(discounts)
        self._render_receipt()
        if selected is not None:
            self.select_line(selected)

    def selected_line_no(self) -> int | None:
        """The line number of the selected row, if any."""
        rows = self._table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self._table.item(rows[0].row(), 0)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def select_line(self, line_no: int) -> bool:
        """Select the row of *line_no*; False when there is no such line."""
        for row in range(self._table.rowCount()):
            item = self._table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == line_no:
                self._table.selectRow(row)
                return True
        return False

    def set_locked(self, locked: bool) -> None:
        """Lock everything while the receipt is being fiscalised."""
        if locked == self._locked:
            return
        self._locked = locked
        self._update_enabled()

    def set_awaiting_payment(self, awaiting: bool) -> None:
        """While the customer pays: the receipt is frozen, Close becomes "Payment received", Void stays."""
        if awaiting == self._awaiting_payment:
            return
        self._awaiting_payment = awaiting
        self._retranslate()

    def set_finished(self, finished: bool) -> None:
        """The receipt is fiscalised: nothing left to close or void, only a new receipt (or a product)."""
        if finished == self._finished:
            return
        self._finished = finished
        self._update_enabled()

    def is_finished(self) -> bool:
        """Whether the receipt shown is fiscalised."""
        return self._finished

    def is_awaiting_payment(self) -> bool:
        """Whether the panel waits for the payment of a reserved receipt."""
        return self._awaiting_payment

    def is_locked(self) -> bool:
        """Whether the receipt is locked for fiscalisation."""
        return self._locked

    def show_fiscal_result(self, text: str) -> None:
        """Show the outcome of fiscalisation, e.g. "Fiscal receipt №123 printed"."""
        self._fiscal.setText(text)
        self._fiscal.setVisible(bool(text))

    def request_close(self) -> None:
        """Ask to close the receipt, as the button does (used by F8); ignored while locked."""
        if self._close.isEnabled():
            self.close_requested.emit()

    # -- internals ----------------------------------------------------------------------------

    def _render_receipt(self) -> None:
        lines = self._receipt.lines if self._receipt is not None else ()
        self._table.setRowCount(len(lines))
        total_discount = ZERO
        for row, line in enumerate(lines):
            discount = money(self._discounts.get(line.line_no, ZERO))
            total_discount += discount
            cells = (
                str(line.line_no),
                line.name,
                format_quantity(line.quantity),
                format_amount(line.price),
                format_amount(line.amount),
                ("−" + format_amount(discount)) if discount else "",
                format_amount(line.amount - discount),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == COLUMNS.index("name"):
                    item.setToolTip(text)  # whole, where a narrow column shortens it
                else:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, line.line_no)
                self._table.setItem(row, column, item)
        self._fit_rows()
        if self._receipt is None:
            self._title.setText(self.tr("Receipt"))
            self._summary.clear()
        else:
            self._title.setText(self.tr("Receipt {number}").format(number=self._receipt.receipt_id))
            total = self._receipt.total
            summary = self.tr("Total {total}   Discount {discount}   To pay {final}").format(
                total=format_amount(total),
                discount=format_amount(total_discount),
                final=format_amount(total - total_discount),
            )
            self._summary.setText(_unbreakable_parts(summary))
        self._update_enabled()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Delete on the receipt table removes the selected line."""
        if (
            watched is self._table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            self._remove_selected()
            return True
        return super().eventFilter(watched, event)

    def _fit_rows(self) -> None:
        """Rows as high as their names wrap; in the narrow column two lines at most."""
        self._table.resizeRowsToContents()
        if not self._table.property("narrow"):
            return
        highest = 2 * self._table.fontMetrics().lineSpacing() + NAME_ROW_PADDING
        for row in range(self._table.rowCount()):
            if self._table.rowHeight(row) > highest:
                self._table.setRowHeight(row, highest)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """In a narrow column, hide the number, price and amount columns (the final amount stays)
        and put the receipt's buttons two a row where four do not fit."""
        super().resizeEvent(event)
        self._place_products()
        narrow = self._table.width() < FULL_TABLE_FROM
        for column in ("no", "price", "amount"):
            index = COLUMNS.index(column)
            if self._table.isColumnHidden(index) != narrow:
                self._table.setColumnHidden(index, narrow)
        if bool(self._table.property("narrow")) != narrow:
            # Narrow, a wrapped name made a row three or four lines high and the receipt showed
            # one row: there the type is smaller (`narrow` in till.qss) and a row two lines at
            # most, a longer name cut at the end of its second line (its tooltip whole).
            self._table.setTextElideMode(Qt.TextElideMode.ElideRight if narrow else Qt.TextElideMode.ElideNone)
            restyle("narrow", narrow, self._table, self._table.horizontalHeader())
            self._table.horizontalHeader().resizeSections(QHeaderView.ResizeMode.ResizeToContents)
            self._fit_rows()
        buttons = (self._new, self._void, self._return, self._close)
        in_one_row = sum(button.sizeHint().width() for button in buttons) + 3 * self._buttons.spacing()
        margins = self.contentsMargins().left() + self.contentsMargins().right()
        margins += self.layout().contentsMargins().left() + self.layout().contentsMargins().right()
        self._place_buttons(4 if self.width() - margins >= in_one_row else 2)

    def _remove_selected(self) -> None:
        line_no = self.selected_line_no()
        if line_no is not None and not self._locked and not self._awaiting_payment:
            self.line_removed.emit(line_no)

    def _update_enabled(self) -> None:
        has_lines = self._receipt is not None and bool(self._receipt.lines)
        for button in self._product_buttons:
            button.setEnabled(not self._locked and not self._awaiting_payment)
        self._table.setEnabled(not self._locked and not self._awaiting_payment)
        open_receipt = not self._locked and not self._finished
        self._close.setEnabled(open_receipt and has_lines)
        self._void.setEnabled(open_receipt and has_lines)
        self._new.setEnabled(not self._locked and not self._awaiting_payment)
        self._return.setEnabled(not self._locked and not self._awaiting_payment)

    def _retranslate(self) -> None:
        self._table.setHorizontalHeaderLabels(
            [
                self.tr("No"),
                self.tr("Product"),
                self.tr("Qty"),
                self.tr("Price"),
                self.tr("Amount"),
                self.tr("Discount"),
                self.tr("Final"),
            ]
        )
        if self._awaiting_payment:
            self._close.setText(self.tr("Payment received"))
            self._close.setToolTip(self.tr("The customer has paid: fiscalise the receipt (F8)"))
        else:
            self._close.setText(self.tr("Close receipt"))
            self._close.setToolTip(self.tr("Reserve the bonuses and ask for payment (F8)"))
        self._void.setText(self.tr("Void receipt"))
        self._new.setText(self.tr("New receipt"))
        self._return.setText(self.tr("Return…"))
        self._return.setToolTip(self.tr("Goods of a paid receipt come back: the POS reports the return to the till"))
        self._table.setToolTip(self.tr("Delete removes the selected line"))
        self._render_receipt()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
