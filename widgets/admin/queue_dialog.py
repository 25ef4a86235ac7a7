"""The store admin's view of the outbox: what is waiting, being sent, delivered or failed."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from widgets.formatting import format_moment
from widgets.locale_numbers import amount_text
from widgets.style import repolish

#: Filter values emitted by `filter_changed` ("" = all states).
FILTERS = ("", "pending", "in_flight", "done", "failed")
_FAILED_BACKGROUND = QColor("#fde2e1")
_FAILED_TEXT = QColor("#6e0d0d")

_CELL_PADDING_X = 28  # item padding of till.qss (2 × 6 px), the style's text margins, the grid line
_CELL_PADDING_Y = 14
_CUSTOMER_WIDTH = 190  # at most: a longer name wraps

COLUMNS = ("state", "receipt", "amount", "points", "customer", "reason")


@dataclass(frozen=True)
class QueueRow:
    """One outbox item as the admin sees it (times aware; shown in local time).

    `reference` is the transaction id (shown only in the details, for support); `reason` the code
    of the last failure ("CUSTOMER_BLOCKED", "SERVICE_UNAVAILABLE", "TILL_ERROR", "BAD_PAYLOAD",
    "UNKNOWN"...; "" for none) and `last_error` its technical text. `document_number`,
    `receipt_time`, `amount` and `points_spent` are those of the receipt (for a cancellation or a
    refund: of the sale it refers to; a refund's amount is what it gives back), when known.
    `customer` is the customer's name and masked phone as the till knows them ("" if it does not),
    `customer_id` the loyalty service's number. `note` is the admin's reason for an item set aside.
    """

    item_id: int
    state: str
    operation: str
    reference: str
    customer: str
    attempts: int
    last_error: str
    next_attempt_at: datetime | None
    recorded_at: datetime
    reason: str = ""
    document_number: str = ""
    receipt_time: datetime | None = None
    amount: Decimal | None = None
    points_spent: Decimal | None = None
    customer_id: str = ""
    note: str = ""


def _local(moment: datetime) -> str:
    return format_moment(moment.astimezone() if moment.tzinfo is not None else moment)


def _unbroken_phone(text: str) -> str:
    """A masked phone kept on one line: "+375 29 ***-**-67" must not wrap at its hyphens."""
    return re.sub(r"\+[\d *\-]+", lambda m: m.group(0).replace(" ", "\u00a0").replace("-", "\u2011"), text)


def _local_date_time(moment: datetime) -> str:
    """Always with the date: a queue holds receipts of several days."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return local.strftime("%d.%m.%Y %H:%M")


class _WrappingDelegate(QStyledItemDelegate):
    """Sizes a cell for its text wrapped to the column's width, stylesheet padding included.

    (Qt's own size hint ignores the item padding of the stylesheet, so a text that just fits by
    its measure is cut with "…" when painted.)
    """

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        """The default hint, made tall enough for the wrapped text."""
        hint = super().sizeHint(option, index)
        view = self.parent()
        text = index.data() or ""
        if not isinstance(view, QTableWidget) or not text:
            return hint
        width = max(1, view.columnWidth(index.column()) - _CELL_PADDING_X)
        bounds = QFontMetrics(view.font()).boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), str(text)
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + _CELL_PADDING_Y))


class DiscardReasonDialog(QDialog):
    """Asks why a failed item is discarded; OK only with a reason typed.

    Object names: DiscardReasonInput, DiscardOkButton, DiscardCancelButton.
    """

    def __init__(self, parent: QWidget | None = None, what: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("DiscardReasonDialog")
        self._what = what
        self._prompt = QLabel()
        self._prompt.setObjectName("DiscardPrompt")
        self._prompt.setWordWrap(True)
        self._prompt.setTextFormat(Qt.TextFormat.PlainText)
        self._reason = QPlainTextEdit()
        self._reason.setObjectName("DiscardReasonInput")
        self._reason.setTabChangesFocus(True)
        self._reason.setFixedHeight(110)
        self._ok = QPushButton()
        self._ok.setObjectName("DiscardOkButton")
        self._ok.setProperty("role", "danger")
        self._ok.setAutoDefault(False)
        self._cancel = QPushButton()
        self._cancel.setObjectName("DiscardCancelButton")
        self._cancel.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._ok)
        buttons.addWidget(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self._prompt)
        layout.addWidget(self._reason)
        layout.addLayout(buttons)
        self._reason.textChanged.connect(self._update)
        self._ok.clicked.connect(self._on_ok)
        self._cancel.clicked.connect(self.reject)
        self._retranslate()
        self._update()
        self.setMinimumWidth(560)
        self._reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def reason(self) -> str:
        """The reason typed, without surrounding spaces."""
        return self._reason.toPlainText().strip()

    def _update(self) -> None:
        self._ok.setEnabled(bool(self.reason()))

    def _on_ok(self) -> None:
        if self.reason():
            self.accept()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Discard"))
        self._prompt.setText(
            self.tr(
                "{what}\nIt will never reach the loyalty service. Write why (required), "
                "for example: the customer's points were corrected by the head office."
            ).format(what=self._what)
        )
        self._ok.setText(self.tr("Discard"))
        self._cancel.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


class QueueDialog(QDialog):
    """Shows the outbox to the store admin and takes the decisions only a person can make.

    Fed with `show_counts`, `show_rows` (a list of QueueRow) and `show_message`. Emits
    `filter_changed(str)` ("", "pending", "in_flight", "done", "failed"; the rows shown are
    also filtered here), `retry_requested(item_id)` and `discard_requested(item_id, reason)` for
    the selected failed item (Discard asks for a reason first), and `sync_requested()`
    (Send now). The selected item's failure reason is shown in full under the table.
    Object names: QueueCounts, QueueFilter, QueueTable, QueueDetails, QueueMessage, RetryButton,
    DiscardButton, SyncButton, CloseButton.
    """

    filter_changed = Signal(str)
    retry_requested = Signal(int)
    discard_requested = Signal(int, str)
    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QueueDialog")
        self._rows: list[QueueRow] = []
        self._shown: list[QueueRow] = []
        self._counts: tuple[int, int, int, int] | None = None
        self._discard_dialog: DiscardReasonDialog | None = None

        self._counts_label = QLabel()
        self._counts_label.setObjectName("QueueCounts")
        self._counts_label.setProperty("role", "section")
        self._counts_label.setWordWrap(True)
        self._counts_label.setTextFormat(Qt.TextFormat.RichText)
        self._filter_caption = QLabel()
        self._filter = QComboBox()
        self._filter.setObjectName("QueueFilter")
        for value in FILTERS:
            self._filter.addItem("", value)
        self._table = QTableWidget(0, len(COLUMNS))
        self._table.setObjectName("QueueTable")
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setAlternatingRowColors(True)
        self._table.setWordWrap(True)  # the reason wraps: it is read in full, never cut
        self._table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._table.verticalHeader().setVisible(False)
        header = self._table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("reason"), QHeaderView.ResizeMode.Stretch)
        # Rows follow their content: a reason wraps onto more lines when the column is narrow.
        self._table.setItemDelegateForColumn(COLUMNS.index("reason"), _WrappingDelegate(self._table))
        customer = COLUMNS.index("customer")  # a long name wraps rather than pushing the reason away
        header.setSectionResizeMode(customer, QHeaderView.ResizeMode.Interactive)
        self._table.setItemDelegateForColumn(customer, _WrappingDelegate(self._table))
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(self._table.resizeRowsToContents)
        header.sectionResized.connect(self._on_column_resized)
        self._empty = QLabel()
        self._empty.setObjectName("QueueEmpty")
        self._empty.setProperty("role", "placeholder")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._details = QLabel()
        self._details.setObjectName("QueueDetails")
        self._details.setWordWrap(True)
        self._details.setTextFormat(Qt.TextFormat.PlainText)
        self._details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._message = QLabel()
        self._message.setObjectName("QueueMessage")
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        self._retry = QPushButton()
        self._retry.setObjectName("RetryButton")
        self._discard = QPushButton()
        self._discard.setObjectName("DiscardButton")
        self._sync = QPushButton()
        self._sync.setObjectName("SyncButton")
        self._sync.setProperty("role", "primary")
        self._close = QPushButton()
        self._close.setObjectName("CloseButton")
        for button in (self._retry, self._discard, self._sync, self._close):
            button.setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(self._counts_label, 1)
        top.addWidget(self._filter_caption)
        top.addWidget(self._filter)
        buttons = QHBoxLayout()
        buttons.addWidget(self._retry)
        buttons.addWidget(self._discard)
        buttons.addStretch(1)
        buttons.addWidget(self._sync)
        buttons.addWidget(self._close)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._empty, 1)
        layout.addWidget(self._details)
        layout.addWidget(self._message)
        layout.addLayout(buttons)

        self._filter.currentIndexChanged.connect(self._on_filter_changed)
        self._table.itemSelectionChanged.connect(self._on_selection_changed)
        self._retry.clicked.connect(self._on_retry)
        self._discard.clicked.connect(self._on_discard)
        self._sync.clicked.connect(self.sync_requested)
        self._close.clicked.connect(self.reject)
        self._message.hide()
        self._retranslate()
        self.resize(1000, 700)  # fits a 1024×768 till screen

    # -- public API ---------------------------------------------------------------------------

    def show_counts(self, pending: int, in_flight: int, done: int, failed: int) -> None:
        """Show how many items are waiting, being sent, delivered and failed."""
        self._counts = (pending, in_flight, done, failed)
        self._render_counts()

    def show_rows(self, rows: list[QueueRow]) -> None:
        """Show *rows* (filtered by the state chosen); the selection is kept by item id."""
        self._rows = list(rows)
        self._render_rows()

    def show_message(self, text: str) -> None:
        """Show a line for the admin (e.g. "Sent: 3, failed: 1"); "" hides it."""
        self._message.setText(text)
        self._message.setVisible(bool(text))

    def current_filter(self) -> str:
        """The state chosen in the filter ("" = all)."""
        return str(self._filter.currentData())

    def set_filter(self, state: str) -> None:
        """Choose the state filter ("" = all); emits `filter_changed` if it changes."""
        index = self._filter.findData(state)
        if index < 0:
            raise ValueError(f"unknown filter {state!r}")
        self._filter.setCurrentIndex(index)

    def shown_rows(self) -> list[QueueRow]:
        """The rows in the table, top to bottom."""
        return list(self._shown)

    def select_item(self, item_id: int) -> bool:
        """Select the row of *item_id*; False when it is not shown."""
        for index, row in enumerate(self._shown):
            if row.item_id == item_id:
                self._table.selectRow(index)
                return True
        return False

    def selected_row(self) -> QueueRow | None:
        """The selected row, or None."""
        selected = self._table.selectionModel().selectedRows()
        if not selected:
            return None
        index = selected[0].row()
        return self._shown[index] if 0 <= index < len(self._shown) else None

    def discard_dialog(self) -> DiscardReasonDialog | None:
        """The open "why discard" dialog, if any (for tests and the application)."""
        return self._discard_dialog

    # -- internals ----------------------------------------------------------------------------

    def _state_name(self, state: str) -> str:
        return {
            "pending": self.tr("Waiting"),
            "in_flight": self.tr("Being sent"),
            "done": self.tr("Delivered"),
            "failed": self.tr("✖ Failed"),
        }.get(state, state)

    def _operation_name(self, operation: str) -> str:
        return {
            "commit": self.tr("Sale"),
            "cancel": self.tr("Cancellation"),
            "refund": self.tr("Refund"),
        }.get(operation, operation)

    def _render_counts(self) -> None:
        if self._counts is None:
            self._counts_label.setText("")
            return
        pending, in_flight, done, failed = self._counts
        failed_text = escape(self.tr("Failed: {count}").format(count=failed))
        if failed:  # kept on one line: "✖ С ошибкой: 2" must not break after "С"
            failed_text = f'<span style="color:#8f1717; white-space:nowrap">✖ {failed_text}</span>'
        self._counts_label.setText(
            " · ".join(
                [
                    escape(self.tr("Waiting: {count}").format(count=pending)),
                    escape(self.tr("Being sent: {count}").format(count=in_flight)),
                    escape(self.tr("Delivered: {count}").format(count=done)),
                    failed_text,
                ]
            )
        )

    def _render_rows(self) -> None:
        selected = self.selected_row()
        wanted = self.current_filter()
        self._shown = [row for row in self._rows if not wanted or row.state == wanted]
        model = self._table.selectionModel()
        with QSignalBlocker(self._table), QSignalBlocker(model):
            self._table.setRowCount(len(self._shown))
            for index, row in enumerate(self._shown):
                self._fill_row(index, row)
            model.clear()  # selection and current row: chosen again below, by item id
        self._table.resizeColumnsToContents()
        customer = COLUMNS.index("customer")
        self._table.setColumnWidth(customer, min(self._table.columnWidth(customer), _CUSTOMER_WIDTH))
        self._table.resizeRowsToContents()
        empty = not self._shown
        self._table.setVisible(not empty)
        self._empty.setVisible(empty)
        if selected is None or not self.select_item(selected.item_id):
            self._on_selection_changed()

    def reason_text(self, row: QueueRow) -> str:
        """The admin's sentence for the row's last failure ("" when there was none)."""
        if row.note and row.state == "done":
            return self.tr("Set aside by the admin: {note}").format(note=row.note)
        if not row.reason:
            return ""
        texts = {
            "SERVICE_UNAVAILABLE": self.tr(
                "The loyalty service could not be reached; it will be sent again automatically."
            ),
            "CUSTOMER_NOT_FOUND": self.tr("The loyalty service does not know this customer."),
            "CUSTOMER_BLOCKED": self.tr("The customer's card is blocked."),
            "NOT_ACTIVATED": self.tr("The customer's card is not activated: points cannot be spent."),
            "INSUFFICIENT_BALANCE": self.tr("The customer did not have enough points for this receipt."),
            "REDEEM_LIMIT_EXCEEDED": self.tr("More points were spent than the program allows on this receipt."),
            "CONFIRMATION_REQUIRED": self.tr("The loyalty service asks for the customer's one-time code."),
            "CONFIRMATION_INVALID": self.tr("The customer's one-time code was wrong or has expired."),
            "TRANSACTION_NOT_FOUND": self.tr("The loyalty service does not know the sale this refers to."),
            "REFUND_EXCEEDS_PURCHASE": self.tr("More is being returned than was bought in the sale."),
            "INVALID_REQUEST": self.tr("The loyalty service refused the receipt's data. Call support."),
            "BAD_PAYLOAD": self.tr("The till's record of this receipt is damaged and cannot be sent. Call support."),
            "TILL_ERROR": self.tr("The till failed while sending; it will try again automatically."),
        }
        return texts.get(row.reason, self.tr("The loyalty service refused it. Call support."))

    def _operation_words(self, row: QueueRow) -> str:
        """"Sale No. 000451", "Refund of sale No. 000451", or the operation alone."""
        if not row.document_number:
            return self._operation_name(row.operation)
        texts = {
            "commit": self.tr("Sale No. {number}"),
            "cancel": self.tr("Cancellation of sale No. {number}"),
            "refund": self.tr("Refund for sale No. {number}"),
        }
        return texts.get(row.operation, "{number}").format(number=row.document_number)

    def _customer_text(self, row: QueueRow) -> str:
        return row.customer or self.tr("Not known at this till")

    def _receipt_cell(self, row: QueueRow) -> str:
        """The operation, the receipt's number and its local date and time, a line each."""
        lines = [self._operation_name(row.operation)]
        if row.document_number:
            lines.append(self.tr("No. {number}").format(number=row.document_number))
        lines.append(_local_date_time(row.receipt_time or row.recorded_at))
        return "\n".join(lines)

    def _fill_row(self, index: int, row: QueueRow) -> None:
        reason = self.reason_text(row)
        cells = {
            "state": self._state_name(row.state),
            "receipt": self._receipt_cell(row),
            "amount": amount_text(row.amount) if row.amount is not None else "—",
            "points": amount_text(row.points_spent) if row.points_spent is not None else "—",
            # name and masked phone on lines of their own: the column stays narrow
            "customer": _unbroken_phone(self._customer_text(row).replace(", ", "\n", 1)),
            "reason": reason,
        }
        technical = self._technical_text(row)
        for column, key in enumerate(COLUMNS):
            item = QTableWidgetItem(cells[key])
            item.setData(Qt.ItemDataRole.UserRole, row.item_id)
            if key in ("reason", "receipt") and technical:
                item.setToolTip(technical)
            if key == "state" and row.state == "pending" and row.next_attempt_at is not None:
                item.setToolTip(self._next_attempt_text(row.next_attempt_at))
            if key in ("amount", "points"):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if row.state == "failed":
                item.setBackground(QBrush(_FAILED_BACKGROUND))
                item.setForeground(QBrush(_FAILED_TEXT))
            self._table.setItem(index, column, item)

    def _technical_text(self, row: QueueRow) -> str:
        """For support: the transaction, the customer's number, the attempts and the raw failure."""
        parts = [self.tr("Transaction {id}").format(id=row.reference)]
        if row.customer_id:
            parts.append(self.tr("customer number {id}").format(id=row.customer_id))
        parts.append(self.tr("attempts: {count}").format(count=row.attempts))
        text = "; ".join(parts)
        if row.last_error:
            text += "\n" + self.tr("Technical reason: {error}").format(error=" ".join(row.last_error.split()))
        return text

    def _on_column_resized(self, index: int, _old: int, _new: int) -> None:
        if index in (COLUMNS.index("reason"), COLUMNS.index("customer")):
            self._fit_rows.start()  # once the header has settled: it reports the old width now

    def _next_attempt_text(self, moment: datetime) -> str:
        return self.tr("Next attempt at {time}.").format(time=_local(moment))

    def _on_selection_changed(self) -> None:
        row = self.selected_row()
        failed = row is not None and row.state == "failed"
        self._retry.setEnabled(failed)
        self._discard.setEnabled(failed)
        if row is None:
            self._details.setText(self.tr("Select a line to see its details."))
        else:
            when = _local_date_time(row.receipt_time or row.recorded_at)
            text = self.tr("{operation} of {time}, customer: {customer}.").format(
                operation=self._operation_words(row), time=when, customer=self._customer_text(row)
            )
            reason = self.reason_text(row) or self.tr("No errors.")
            text = f"{text} {reason}"
            if row.state == "pending" and row.next_attempt_at is not None:
                text = f"{text} {self._next_attempt_text(row.next_attempt_at)}"
            self._details.setText(f"{_unbroken_phone(text)}\n{self._technical_text(row)}")
        self._details.setProperty("role", "error-text" if failed else "muted")
        repolish(self._details)

    def _on_filter_changed(self) -> None:
        self._render_rows()
        self.filter_changed.emit(self.current_filter())

    def _on_retry(self) -> None:
        row = self.selected_row()
        if row is not None and row.state == "failed":
            self.retry_requested.emit(row.item_id)

    def _on_discard(self) -> None:
        row = self.selected_row()
        if row is None or row.state != "failed":
            return
        what = self.tr("Discard {operation} of {time}, customer: {customer}?").format(
            operation=self._operation_words(row),
            time=_local_date_time(row.receipt_time or row.recorded_at),
            customer=self._customer_text(row),
        )
        dialog = DiscardReasonDialog(self, what)
        self._discard_dialog = dialog
        item_id = row.item_id

        def finished(result: int) -> None:
            self._discard_dialog = None
            if result == QDialog.DialogCode.Accepted and dialog.reason():
                self.discard_requested.emit(item_id, dialog.reason())
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sending queue"))
        self._filter_caption.setText(self.tr("Show"))
        names = {
            "": self.tr("All"),
            "pending": self.tr("Waiting"),
            "in_flight": self.tr("Being sent"),
            "done": self.tr("Delivered"),
            "failed": self.tr("Failed"),
        }
        for value, name in names.items():
            self._filter.setItemText(self._filter.findData(value), name)
        self._table.setHorizontalHeaderLabels(
            [
                self.tr("State"),
                self.tr("Receipt"),
                self.tr("Amount"),
                self.tr("Points"),
                self.tr("Customer"),
                self.tr("Reason"),
            ]
        )
        self._table.horizontalHeaderItem(COLUMNS.index("points")).setToolTip(self.tr("Points spent on the receipt"))
        self._empty.setText(self.tr("Nothing here"))
        self._retry.setText(self.tr("Retry"))
        self._retry.setToolTip(self.tr("Send the selected failed item again"))
        self._discard.setText(self.tr("Discard…"))
        self._discard.setToolTip(self.tr("Give up on the selected failed item, with a reason"))
        self._sync.setText(self.tr("Send now"))
        self._close.setText(self.tr("Close"))
        self._render_counts()
        self._render_rows()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
