"""QueueDialog: counts, rows with readable reasons, the state filter, Retry, Discard with a reason."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QPushButton, QTableWidget

from app.i18n import install_translator
from widgets.admin.queue_dialog import COLUMNS, FILTERS, QueueDialog, QueueRow

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
BLOCKED = "CUSTOMER_BLOCKED: The card is blocked, points cannot be credited"
UNREACHABLE = "SERVICE_UNAVAILABLE: cannot connect"
SOLD_AT = datetime(2026, 11, 23, 8, 45, tzinfo=timezone.utc)
ROWS = [
    QueueRow(
        41, "failed", "commit", "6f1c-tx", "Anna K., +375 29 ***-**-67", 1, BLOCKED, None, NOW - timedelta(hours=3),
        reason="CUSTOMER_BLOCKED", document_number="000451", receipt_time=SOLD_AT,
        amount=Decimal("15.90"), points_spent=Decimal("5.00"), customer_id="C0001",
    ),
    QueueRow(45, "in_flight", "commit", "000455", "+375 44 ***-**-21", 2, "", None, NOW - timedelta(minutes=20)),
    QueueRow(
        46, "pending", "refund", "R-12", "", 3, UNREACHABLE, NOW, NOW,
        reason="SERVICE_UNAVAILABLE", document_number="000440", amount=Decimal("2.49"), customer_id="C0007",
    ),
    QueueRow(40, "done", "cancel", "000450", "+7 912 ***-**-01", 1, "", None, NOW - timedelta(hours=4)),
]


@pytest.fixture
def dialog(qtbot, qapp) -> QueueDialog:
    install_translator(qapp, "en")  # English words and numbers, whatever this machine's locale
    dialog = QueueDialog()
    qtbot.addWidget(dialog)
    dialog.show_counts(1, 1, 118, 1)
    dialog.show_rows(ROWS)
    dialog.show()
    return dialog


def _child(dialog, kind, name):
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def _button(dialog, name: str) -> QPushButton:
    return _child(dialog, QPushButton, name)


def _cell(dialog, row: int, column: str) -> str:
    """A cell's text with its lines joined by " | " and non-breaking characters made plain."""
    table = _child(dialog, QTableWidget, "QueueTable")
    text = table.item(row, COLUMNS.index(column)).text()
    return text.replace("\u00a0", " ").replace("\u2011", "-").replace("\n", " | ")


def test_counts_are_shown(dialog) -> None:
    text = _child(dialog, QLabel, "QueueCounts").text()
    for part in ("Waiting: 1", "Being sent: 1", "Delivered: 118", "Failed: 1"):
        assert part in text


def test_rows_show_the_receipt_the_customer_and_a_reason_in_words(dialog) -> None:
    table = _child(dialog, QTableWidget, "QueueTable")
    assert table.rowCount() == 4
    assert [_cell(dialog, r, "state") for r in range(4)] == ["✖ Failed", "Being sent", "Waiting", "Delivered"]
    operations = [_cell(dialog, r, "receipt").split(" | ")[0] for r in range(4)]
    assert operations == ["Sale", "Sale", "Refund", "Cancellation"]
    sold_at = SOLD_AT.astimezone().strftime("%d.%m.%Y %H:%M")
    assert _cell(dialog, 0, "receipt") == f"Sale | No. 000451 | {sold_at}"
    assert _cell(dialog, 0, "amount") == "15.90" and _cell(dialog, 0, "points") == "5.00"
    assert _cell(dialog, 0, "customer") == "Anna K. | +375 29 ***-**-67"
    assert _cell(dialog, 0, "reason") == "The customer's card is blocked."
    assert _cell(dialog, 2, "reason").startswith("The loyalty service could not be reached")
    assert _cell(dialog, 2, "customer") == "Not known at this till"
    assert _cell(dialog, 1, "amount") == "—" and _cell(dialog, 1, "reason") == ""
    for row in range(4):  # the transaction id is for support, not for the table
        assert all(ROWS[row].reference not in _cell(dialog, row, column) for column in COLUMNS)
    tip = table.item(0, COLUMNS.index("reason")).toolTip()
    assert BLOCKED in tip and "6f1c-tx" in tip and "C0001" in tip  # the technical code, for support
    assert table.wordWrap() and table.textElideMode() == Qt.TextElideMode.ElideNone
    failed = table.item(0, 0).background().color()
    assert failed.red() > failed.green() and failed.red() > failed.blue()  # a failed row stands out


def test_retry_and_discard_only_for_a_selected_failed_row(qtbot, dialog) -> None:
    retry, discard = _button(dialog, "RetryButton"), _button(dialog, "DiscardButton")
    assert not retry.isEnabled() and not discard.isEnabled()
    assert dialog.select_item(46)
    assert not retry.isEnabled() and not discard.isEnabled()
    assert "Next attempt at" in _child(dialog, QLabel, "QueueDetails").text()
    assert dialog.select_item(41)
    assert retry.isEnabled() and discard.isEnabled()
    details = _child(dialog, QLabel, "QueueDetails").text()
    assert "Sale No. 000451" in details and "The customer's card is blocked." in details
    assert BLOCKED in details and "6f1c-tx" in details
    with qtbot.waitSignal(dialog.retry_requested) as blocker:
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert blocker.args == [41]


def test_the_selection_survives_a_refresh(dialog) -> None:
    dialog.select_item(41)
    dialog.show_rows(list(reversed(ROWS)))
    row = dialog.selected_row()
    assert row is not None and row.item_id == 41
    dialog.show_rows(ROWS[1:])
    assert dialog.selected_row() is None
    assert not _button(dialog, "RetryButton").isEnabled()


def test_discard_needs_a_reason(qtbot, dialog) -> None:
    dialog.select_item(41)
    discarded: list[tuple[int, str]] = []
    dialog.discard_requested.connect(lambda item, reason: discarded.append((item, reason)))
    qtbot.mouseClick(_button(dialog, "DiscardButton"), Qt.MouseButton.LeftButton)
    asking = dialog.discard_dialog()
    assert asking is not None and asking.isVisible()
    ok = _child(asking, QPushButton, "DiscardOkButton")
    text = _child(asking, QPlainTextEdit, "DiscardReasonInput")
    assert not ok.isEnabled()
    qtbot.keyClicks(text, "   ")
    assert not ok.isEnabled()  # blanks are no reason
    qtbot.keyClicks(text, "Corrected by the head office ")
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert discarded == [(41, "Corrected by the head office")]
    assert dialog.discard_dialog() is None


def test_discard_can_be_cancelled(qtbot, dialog) -> None:
    dialog.select_item(41)
    qtbot.mouseClick(_button(dialog, "DiscardButton"), Qt.MouseButton.LeftButton)
    asking = dialog.discard_dialog()
    qtbot.keyClicks(_child(asking, QPlainTextEdit, "DiscardReasonInput"), "oops")
    with qtbot.assertNotEmitted(dialog.discard_requested):
        qtbot.mouseClick(_child(asking, QPushButton, "DiscardCancelButton"), Qt.MouseButton.LeftButton)
    assert dialog.discard_dialog() is None


def test_the_filter_emits_and_filters(qtbot, dialog) -> None:
    combo = _child(dialog, QComboBox, "QueueFilter")
    assert [combo.itemData(i) for i in range(combo.count())] == list(FILTERS)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All",
        "Waiting",
        "Being sent",
        "Delivered",
        "Failed",
    ]
    seen: list[str] = []
    dialog.filter_changed.connect(seen.append)
    for value in ("pending", "in_flight", "done", "failed", ""):
        combo.setCurrentIndex(combo.findData(value))
    assert seen == ["pending", "in_flight", "done", "failed", ""]
    dialog.set_filter("failed")
    assert dialog.current_filter() == "failed"
    assert [row.item_id for row in dialog.shown_rows()] == [41]
    dialog.show_rows(ROWS)  # the application may send every row: still only the failed ones
    assert [row.item_id for row in dialog.shown_rows()] == [41]
    with pytest.raises(ValueError):
        dialog.set_filter("lost")


def test_an_empty_list_says_so(dialog) -> None:
    dialog.set_filter("pending")
    dialog.show_rows([])
    assert _child(dialog, QLabel, "QueueEmpty").isVisible()
    assert not _child(dialog, QTableWidget, "QueueTable").isVisible()


def test_send_now_and_messages(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.sync_requested):
        qtbot.mouseClick(_button(dialog, "SyncButton"), Qt.MouseButton.LeftButton)
    message = _child(dialog, QLabel, "QueueMessage")
    assert not message.isVisible()
    dialog.show_message("Sent: 3, failed: 1")
    assert message.isVisible() and message.text() == "Sent: 3, failed: 1"
    dialog.show_message("")
    assert not message.isVisible()


def test_close(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(_button(dialog, "CloseButton"), Qt.MouseButton.LeftButton)


def test_russian(qtbot, qapp, dialog) -> None:
    install_translator(qapp, "ru")
    assert _cell(dialog, 2, "receipt").startswith("Возврат")
    assert _cell(dialog, 0, "amount") == "15,90", "the decimal mark of the language"
    assert "Доставлено: 118" in _child(dialog, QLabel, "QueueCounts").text()
    assert _button(dialog, "SyncButton").text() == "Отправить сейчас"
