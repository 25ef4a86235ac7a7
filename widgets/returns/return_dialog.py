"""The panel's "Return…": find the original receipt, tick what comes back, see the points, confirm."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from widgets.formatting import format_points
from widgets.scan_target import mark_as_taking_scans
from widgets.returns.return_lines import ReturnLinesList, ReturnLineView
from widgets.scrolling import VerticalScrollArea
from widgets.style import repolish

FIND_PAGE, SALE_PAGE = 0, 1


@dataclass(frozen=True)
class SaleChoiceView:
    """A sale in today's pick list."""

    receipt_id: str
    transaction_id: str
    recorded_at: datetime
    total: Decimal
    earned: Decimal | None


class ReturnDialog(QDialog):
    """Asks for the original receipt (typed, scanned: `set_receipt_number`, or picked from today's
    list), shows its lines to tick with the quantities returned, the points the return takes back
    and gives back, the number of the POS's return receipt (typed or scanned:
    `take_scanned_number`), and confirms. Takes keyboard-wedge scans (`widgets.scan_target`). Owns
    no I/O.

    Emits `find_requested(receipt_id)`, `sale_chosen(receipt_id, transaction_id)`,
    `todays_sales_requested()` (Back to the receipt search), `lines_changed()` (ask
    `chosen_lines()` and answer `show_estimate`), `confirm_requested(return_document_number)`.
    Object names: ReturnDialog, ReturnReceiptInput, ReturnFindButton, ReturnTodayList,
    ReturnSaleTitle, ReturnLines (rows: see `ReturnLineRow`), ReturnEstimate, ReturnDocumentInput,
    ReturnMessage, ReturnBackButton, ReturnConfirmButton, ReturnCloseButton.
    """

    find_requested = Signal(str)
    sale_chosen = Signal(str, str)
    todays_sales_requested = Signal()
    lines_changed = Signal()
    confirm_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReturnDialog")
        self.setModal(True)
        mark_as_taking_scans(self)
        self._busy = False
        self._done = False
        self._estimate_ready = False
        self._choices: list[SaleChoiceView] = []

        # -- the receipt search: typed or scanned number, or today's sales --------------------
        self._prompt = QLabel()
        self._prompt.setObjectName("ReturnPrompt")
        self._prompt.setWordWrap(True)
        self._receipt = QLineEdit()
        self._receipt.setObjectName("ReturnReceiptInput")
        self._receipt.setMaxLength(64)
        self._receipt.setClearButtonEnabled(True)
        self._receipt.returnPressed.connect(self._find)
        self._find_button = QPushButton()
        self._find_button.setObjectName("ReturnFindButton")
        self._find_button.clicked.connect(self._find)
        search = QHBoxLayout()
        search.addWidget(self._receipt, 1)
        search.addWidget(self._find_button)
        self._today_title = QLabel()
        self._today_title.setObjectName("ReturnTodayTitle")
        self._today_title.setProperty("role", "section")
        self._today_title.setWordWrap(True)
        self._today = QListWidget()
        self._today.setObjectName("ReturnTodayList")
        self._today.setWordWrap(True)
        self._today.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._today.itemActivated.connect(self._picked)
        self._today.itemClicked.connect(self._picked)
        find_page = QWidget()
        find_layout = QVBoxLayout(find_page)
        find_layout.setContentsMargins(0, 0, 0, 0)
        find_layout.addWidget(self._prompt)
        find_layout.addLayout(search)
        find_layout.addWidget(self._today_title)
        find_layout.addWidget(self._today, 1)

        # -- the sale: its lines, the estimate, the return receipt's number --------------------
        self._sale_title = QLabel()
        self._sale_title.setObjectName("ReturnSaleTitle")
        self._sale_title.setProperty("role", "section")
        self._sale_title.setWordWrap(True)
        self._lines = ReturnLinesList()
        self._lines.changed.connect(self._lines_changed)
        lines_scroll = VerticalScrollArea(self._lines)
        lines_scroll.setObjectName("ReturnLinesScroll")
        lines_scroll.setMinimumHeight(150)  # two lines at least, whatever the messages below take
        self._estimate = QLabel()
        self._estimate.setObjectName("ReturnEstimate")
        self._estimate.setWordWrap(True)
        self._document_label = QLabel()
        self._document_label.setObjectName("ReturnDocumentLabel")
        self._document_label.setWordWrap(True)
        self._document = QLineEdit()
        self._document.setObjectName("ReturnDocumentInput")
        self._document.setMaxLength(64)
        self._document.textChanged.connect(lambda _text: self._update_buttons())
        self._document_label.setBuddy(self._document)
        sale_page = QWidget()
        sale_layout = QVBoxLayout(sale_page)
        sale_layout.setContentsMargins(0, 0, 0, 0)
        sale_layout.addWidget(self._sale_title)
        sale_layout.addWidget(lines_scroll, 1)
        sale_layout.addWidget(self._estimate)
        sale_layout.addWidget(self._document_label)
        sale_layout.addWidget(self._document)

        self._pages = QStackedWidget()
        self._pages.addWidget(find_page)
        self._pages.addWidget(sale_page)

        self._message = QLabel()
        self._message.setObjectName("ReturnMessage")
        self._message.setWordWrap(True)
        self._message.hide()
        self._back = QPushButton()
        self._back.setObjectName("ReturnBackButton")
        self._back.clicked.connect(self._go_back)
        self._confirm = QPushButton()
        self._confirm.setObjectName("ReturnConfirmButton")
        self._confirm.setProperty("role", "primary")
        self._confirm.clicked.connect(self._confirm_clicked)
        self._close = QPushButton()
        self._close.setObjectName("ReturnCloseButton")
        self._close.clicked.connect(self.reject)
        self._close.setAutoDefault(False)
        self._back.setAutoDefault(False)
        self._find_button.setAutoDefault(False)
        self._confirm.setAutoDefault(False)
        # Confirm on a row of its own, across the dialog: three buttons in a row do not fit 420 px.
        buttons = QGridLayout()
        buttons.addWidget(self._back, 0, 0)
        buttons.setColumnStretch(1, 1)
        buttons.addWidget(self._close, 0, 2)
        buttons.addWidget(self._confirm, 1, 0, 1, 3)

        layout = QVBoxLayout(self)
        layout.addWidget(self._pages, 1)
        layout.addWidget(self._message)
        layout.addLayout(buttons)
        self._retranslate()
        self._show_page(FIND_PAGE)
        self._receipt.setFocus()

    # -- public API ---------------------------------------------------------------------------

    def show_todays_sales(self, sales: list[SaleChoiceView]) -> None:
        """Offer today's sales with a customer, newest first."""
        self._choices = list(sales)
        self._render_choices()

    def take_scanned_number(self, number: str) -> None:
        """A number scanned while the dialog is open, wherever the focus is: on the receipt search,
        the original receipt's (searched for); once its lines are shown, the POS's return receipt's
        (the lines ticked stay as they are)."""
        if self._busy or self._done:
            return
        if self._pages.currentIndex() == SALE_PAGE:
            self._document.setText(number)
            self._document.setFocus()
            return
        self.set_receipt_number(number)

    def set_receipt_number(self, receipt_id: str) -> None:
        """A receipt number scanned while the dialog is open: search for it."""
        if self._busy or self._done:
            return
        self._show_page(FIND_PAGE)
        self._receipt.setText(receipt_id)
        self._find()

    def show_sale(self, receipt_id: str, recorded_at: datetime, total: Decimal, lines: list[ReturnLineView]) -> None:
        """Show the sale's lines to tick (none ticked yet)."""
        self._busy = False
        self._sale_title.setText(
            self.tr("Receipt %1 of %2, %3").replace("%1", receipt_id).replace(
                "%2", recorded_at.astimezone().strftime("%d.%m.%Y %H:%M")
            ).replace("%3", format_points(total))
        )
        self._estimate_ready = False
        self._done = False
        self._close.setDefault(False)  # Enter in the return receipt's number must not close the dialog
        self._lines.show_lines(lines)
        self._lines.set_editable(True)
        self._document.setEnabled(True)
        self._document.clear()  # each return has a return receipt of its own
        self.clear_message()
        self._show_page(SALE_PAGE)

    def chosen_lines(self) -> list[tuple[int, Decimal]]:
        """The ticked lines and the quantity of each that comes back."""
        return self._lines.chosen()

    def show_estimate(self, points: tuple[Decimal, Decimal] | None) -> None:
        """The points the chosen lines take back and give back; None when the till cannot say."""
        if points is None:
            self._estimate.setText(
                self.tr("The till did not keep this sale's points per line: the loyalty program counts them.")
            )
        else:
            reversed_, returned = points
            self._estimate.setText(
                self.tr("Points taken back: %1\nPoints given back: %2")
                .replace("%1", format_points(reversed_))
                .replace("%2", format_points(returned))
            )
        self._estimate.setProperty("severity", "info")
        repolish(self._estimate)
        self._estimate_ready = True
        self._update_buttons()

    def show_refusal(self, text: str) -> None:
        """The chosen lines cannot come back (said why); the return cannot be confirmed."""
        self._estimate.setText(text)
        self._estimate.setProperty("severity", "error")
        repolish(self._estimate)
        self._estimate_ready = False
        self._update_buttons()

    def set_busy(self, busy: bool, text: str = "") -> None:
        """While a search or the return runs: nothing can be changed; `text` says what happens."""
        self._busy = busy
        self._lines.set_editable(not busy and not self._done)
        self._document.setEnabled(not busy and not self._done)
        self._receipt.setEnabled(not busy)
        if text:
            self.show_message(text)
        self._update_buttons()

    def show_message(self, text: str, *, severity: str = "info") -> None:
        """A line under the pages: what happens, what went wrong ("error") or what was done ("success")."""
        self._message.setText(text)
        self._message.setProperty("severity", severity)
        self._message.show()
        repolish(self._message)

    def show_error(self, text: str) -> None:
        """Say what went wrong; the cashier can correct it and try again."""
        self._busy = False
        self.set_busy(False)
        self.show_message(text, severity="error")
        if self._pages.currentIndex() == FIND_PAGE:
            self._receipt.selectAll()
            self._receipt.setFocus()

    def clear_message(self) -> None:
        """Hide the message line."""
        self._message.hide()
        self._message.clear()

    def show_done(self, text: str, *, severity: str = "success") -> None:
        """The return is made: nothing more to change; `text` says what became of the points."""
        self._done = True
        self.set_busy(False)
        self.show_message(text, severity=severity)
        self._close.setDefault(True)
        self._close.setFocus()

    def is_done(self) -> bool:
        """Whether the return was made."""
        return self._done

    def lines(self) -> ReturnLinesList:
        """The sale's lines (for reading what is shown)."""
        return self._lines

    def message_text(self) -> str:
        """The message line as shown ("" when hidden)."""
        return self._message.text() if not self._message.isHidden() else ""

    def message_severity(self) -> str:
        """"info", "error" or "success" ("" when no message is shown)."""
        return str(self._message.property("severity") or "") if not self._message.isHidden() else ""

    def estimate_text(self) -> str:
        """The estimate line as shown."""
        return self._estimate.text()

    def todays_receipts(self) -> list[str]:
        """The receipt numbers of today's list, as offered."""
        return [choice.receipt_id for choice in self._choices]

    def on_sale_page(self) -> bool:
        """Whether the sale's lines are shown (rather than the receipt search)."""
        return self._pages.currentIndex() == SALE_PAGE

    # -- internals ----------------------------------------------------------------------------

    def _find(self) -> None:
        text = self._receipt.text().strip()
        if self._busy or not text:
            return
        self.set_busy(True, self.tr("Looking for receipt %1…").replace("%1", text))
        self.find_requested.emit(text)

    def _picked(self, item: QListWidgetItem) -> None:
        if self._busy:
            return
        index = self._today.row(item)
        if 0 <= index < len(self._choices):
            choice = self._choices[index]
            self.set_busy(True, self.tr("Opening receipt %1…").replace("%1", choice.receipt_id))
            self.sale_chosen.emit(choice.receipt_id, choice.transaction_id)

    def _go_back(self) -> None:
        if self._busy:
            return
        self._done = False
        self._close.setDefault(False)
        self.clear_message()
        self._show_page(FIND_PAGE)
        self._receipt.selectAll()
        self._receipt.setFocus()
        self.todays_sales_requested.emit()

    def _lines_changed(self) -> None:
        self._estimate_ready = False
        if not self._lines.chosen():
            self._estimate.setText(self.tr("Tick the lines that come back."))
            self._estimate.setProperty("severity", "info")
            repolish(self._estimate)
            self._update_buttons()
            return
        self._update_buttons()
        self.lines_changed.emit()

    def _confirm_clicked(self) -> None:
        if self._confirm.isEnabled():
            self.set_busy(True, self.tr("Making the return…"))
            self.confirm_requested.emit(self._document.text().strip())

    def _show_page(self, page: int) -> None:
        self._pages.setCurrentIndex(page)
        on_sale = page == SALE_PAGE
        self._back.setVisible(on_sale)
        self._confirm.setVisible(on_sale)
        self._update_buttons()

    def _update_buttons(self) -> None:
        on_sale = self._pages.currentIndex() == SALE_PAGE
        ready = (
            on_sale
            and not self._busy
            and not self._done
            and self._estimate_ready
            and bool(self._lines.chosen())
            and bool(self._document.text().strip())
        )
        self._confirm.setEnabled(ready)
        self._find_button.setEnabled(not self._busy)
        self._back.setEnabled(not self._busy)

    def _render_choices(self) -> None:
        self._today.clear()
        for choice in self._choices:
            text = self.tr("%1 · %2 · %3").replace("%1", choice.receipt_id).replace(
                "%2", choice.recorded_at.astimezone().strftime("%H:%M")
            ).replace("%3", format_points(choice.total))
            if choice.earned is not None:
                text += "\n" + self.tr("earned %1").replace("%1", format_points(choice.earned))
            self._today.addItem(QListWidgetItem(text))
        self._today_title.setText(
            self.tr("Today's sales with a customer") if self._choices else self.tr("No sales with a customer today")
        )

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Return"))
        self._prompt.setText(
            self.tr("Scan the original receipt, type its number, or pick it from today's sales.")
        )
        self._receipt.setPlaceholderText(self.tr("Receipt number"))
        self._find_button.setText(self.tr("Find"))
        self._document_label.setText(self.tr("Number of the POS's return receipt"))
        self._back.setText(self.tr("Other receipt"))
        self._confirm.setText(self.tr("Confirm return"))
        self._confirm.setToolTip(self.tr("Tick the lines that come back and type the number of the POS's return receipt"))
        self._close.setText(self.tr("Close"))
        self._render_choices()
        if not self._lines.chosen():
            self._estimate.setText(self.tr("Tick the lines that come back."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
