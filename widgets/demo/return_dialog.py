"""The demo POS's own "Return": a receipt it sold, the lines and quantities coming back."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fiscal.money import ZERO
from fiscal.receipt import Receipt
from widgets.formatting import format_amount
from widgets.returns.return_lines import ReturnLinesList, ReturnLineView
from widgets.scrolling import VerticalScrollArea


class DemoReturnDialog(QDialog):
    """Plays the POS's return screen: pick one of its receipts, tick what comes back, Return.

    Emits `return_requested(receipt_id, {line_no: quantity})` and closes; the POS then prints the
    return's fiscal document and reports it to the till through the host API. Owns no I/O.
    Object names: DemoReturnDialog, DemoReturnReceipt, DemoReturnConfirmButton, DemoReturnCancelButton
    (lines: see `ReturnLineRow`).
    """

    return_requested = Signal(str, object)

    def __init__(self, receipts: list[Receipt], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DemoReturnDialog")
        self.setModal(True)
        self._receipts = list(receipts)
        self._prompt = QLabel()
        self._prompt.setWordWrap(True)
        self._receipt = QComboBox()
        self._receipt.setObjectName("DemoReturnReceipt")
        for receipt in self._receipts:
            self._receipt.addItem(f"{receipt.receipt_id} · {format_amount(receipt.total)}")
        self._receipt.currentIndexChanged.connect(self._show_lines)
        self._lines = ReturnLinesList()
        self._lines.changed.connect(self._update)
        self._confirm = QPushButton()
        self._confirm.setObjectName("DemoReturnConfirmButton")
        self._confirm.setProperty("role", "primary")
        self._confirm.clicked.connect(self._confirmed)
        self._cancel = QPushButton()
        self._cancel.setObjectName("DemoReturnCancelButton")
        self._cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self._cancel)
        buttons.addStretch(1)
        buttons.addWidget(self._confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(self._prompt)
        layout.addWidget(self._receipt)
        layout.addWidget(VerticalScrollArea(self._lines), 1)
        layout.addLayout(buttons)
        self._retranslate()
        self._show_lines()

    def lines(self) -> ReturnLinesList:
        """The chosen receipt's lines."""
        return self._lines

    def _show_lines(self) -> None:
        index = self._receipt.currentIndex()
        lines = self._receipts[index].lines if 0 <= index < len(self._receipts) else ()
        self._lines.show_lines(
            [ReturnLineView(line.line_no, line.name, line.quantity, line.amount, ZERO, None, None) for line in lines]
        )

    def _update(self) -> None:
        self._confirm.setEnabled(bool(self._lines.chosen()))

    def _confirmed(self) -> None:
        index = self._receipt.currentIndex()
        chosen: dict[int, Decimal] = dict(self._lines.chosen())
        if 0 <= index < len(self._receipts) and chosen:
            self.return_requested.emit(self._receipts[index].receipt_id, chosen)
            self.accept()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Return (demo POS)"))
        self._prompt.setText(
            self.tr("The POS's return: pick the receipt and tick what the customer brings back.")
            if self._receipts
            else self.tr("No receipt was paid in this demo yet.")
        )
        self._confirm.setText(self.tr("Return"))
        self._cancel.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
