"""Admin > Queue on real outbox rows: sales recorded in a SQLite file, delivered to the sandbox."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QTableWidget

from app.admin.controller import AdminStore
from app.offline.connectivity import ServiceTimeouts
from app.service.factory import service_for
from app.i18n import install_translator
from app.offline.outbox_sync import OutboxSync, refund_payload
from app.admin.queue_rows import reason_code
from app.checkout.recorder import OutboxRecorder
from cache.customer_cache import CustomerCache
from cache.database import open_database
from cache.transactions.journal import Journal
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.identifiers import parse_identifier
from loyalty_client.types import RefundLine
from widgets.admin.queue_dialog import COLUMNS, QueueDialog

TIMEOUTS = ServiceTimeouts(connect_seconds=2.0, total_seconds=5.0)
CLOSED_AT = datetime(2026, 11, 20, 9, 41, tzinfo=timezone.utc)
ANNA, BLOCKED = "C0001", "C0004"
D = Decimal


def _receipt(number: str) -> Receipt:
    lines = (
        ReceiptLine(1, "4810001", "Молоко 3,2% 1 л", D("2"), D("2.49"), D("4.98")),
        ReceiptLine(2, "4810003", "Кофе зерновой 250 г", D("1"), D("15.90"), D("15.90")),
    )
    return Receipt(number, "001", "01", CLOSED_AT - timedelta(minutes=3), lines)


def _sell(recorder: OutboxRecorder, transaction_id: str, customer_id: str, number: str, redeem: str) -> None:
    recorder.record_commit(
        transaction_id=transaction_id,
        customer_id=customer_id,
        receipt=_receipt(number),
        redeem=D(redeem),
        fiscal=FiscalDocument(number, CLOSED_AT),
        offline=True,
        occurred_at=CLOSED_AT,
    )


@pytest.fixture
def queue_file(tmp_path: Path, sandbox) -> Path:
    """A till database with: Anna's sale delivered, a refund of it waiting (service down), a sale
    to a blocked customer failed, and a sale to a customer the till never cached waiting."""
    path = tmp_path / "till.sqlite"
    with open_database(path) as database:
        client = service_for(sandbox.url, None, TIMEOUTS)
        anna = client.identify(parse_identifier("+375291234567"), "001", "01")
        CustomerCache(database, b"k" * 32).put(anna, [parse_identifier("+375291234567")], CLOSED_AT)
        recorder = OutboxRecorder(database)
        _sell(recorder, "tx-anna", ANNA, "000451", "5.00")
        _sell(recorder, "tx-blocked", BLOCKED, "000452", "0.00")
        sync = OutboxSync(database, client)
        sync.drain()  # Anna's sale is accepted; the blocked customer's is refused for good
        sandbox.stop()
        Journal(database).record_refund(
            "refund-1", ANNA, refund_payload("refund-1", "tx-anna", [RefundLine(1, D("1"))]), CLOSED_AT
        )
        _sell(recorder, "tx-ivan", "C0002", "000453", "0.00")
        OutboxSync(database, service_for(sandbox.url, None, TIMEOUTS)).drain()  # unreachable: both wait
    return path


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2011", "-").replace("\n", " | ")


def _cells(dialog: QueueDialog, row: int) -> dict[str, str]:
    table = dialog.findChild(QTableWidget, "QueueTable")
    return {name: _plain(table.item(row, column).text()) for column, name in enumerate(COLUMNS)}


def _rows_by_receipt(dialog: QueueDialog) -> dict[str, dict[str, str]]:
    """The rows by operation and number: "Sale | No. 000451"."""
    table = dialog.findChild(QTableWidget, "QueueTable")
    rows = [_cells(dialog, row) for row in range(table.rowCount())]
    return {row["receipt"].rsplit(" | ", 1)[0]: row for row in rows}


def test_the_queue_shows_receipts_customers_and_reasons_in_words(qtbot, qapp, queue_file) -> None:
    counts, rows = AdminStore(queue_file).queue("")
    assert counts == {"pending": 2, "in_flight": 0, "done": 1, "failed": 1}
    install_translator(qapp, "en")  # English words and numbers, whatever this machine's locale
    dialog = QueueDialog()
    qtbot.addWidget(dialog)
    dialog.show_rows(rows)
    dialog.show()
    shown = _rows_by_receipt(dialog)
    when = CLOSED_AT.astimezone().strftime("%d.%m.%Y %H:%M")

    sale = shown["Sale | No. 000451"]
    assert (sale["amount"], sale["points"]) == ("20.88", "5.00")
    assert sale["receipt"].endswith(f" | {when}")  # the fiscal receipt's time, local
    assert sale["customer"] == "Анна Ковалёва | +375 29 ***-**-67"
    assert sale["state"] == "Delivered" and sale["reason"] == ""

    refund = shown["Refund | No. 000451"]  # the sale it refers to, and what it gives back
    assert refund["amount"] == "2.49" and refund["customer"] == sale["customer"]
    assert refund["reason"] == "The loyalty service could not be reached; it will be sent again automatically."

    blocked = shown["Sale | No. 000452"]
    assert blocked["state"] == "✖ Failed" and blocked["reason"] == "The customer's card is blocked."
    assert blocked["customer"] == "Not known at this till"

    for row in shown.values():  # no transaction ids, customer numbers or fault codes in the table
        text = " ".join(row.values())
        assert "tx-" not in text and "refund-1" not in text and "C000" not in text and "_" not in text
        assert "+375291234567" not in text

    # the technical reason stays at hand for support: in the tooltip and the details line
    table = dialog.findChild(QTableWidget, "QueueTable")
    failed = next(r for r in range(table.rowCount()) if "000452" in _cells(dialog, r)["receipt"])
    assert table.item(failed, COLUMNS.index("reason")).toolTip().count("CUSTOMER_BLOCKED") == 1
    dialog.select_item(dialog.shown_rows()[failed].item_id)
    details = dialog.findChild(QLabel, "QueueDetails").text()
    assert "Sale No. 000452" in details and "tx-blocked" in details and "CUSTOMER_BLOCKED" in details


def test_in_russian_the_reason_is_a_sentence_not_a_code(qtbot, qapp, queue_file) -> None:
    _, rows = AdminStore(queue_file).queue("failed")
    install_translator(qapp, "ru")
    dialog = QueueDialog()
    qtbot.addWidget(dialog)
    dialog.show_rows(rows)
    (row,) = [_cells(dialog, 0)]
    assert "000452" in row["receipt"] and row["amount"] == "20,88"
    assert row["reason"] and "CUSTOMER_BLOCKED" not in row["reason"] and "_" not in row["reason"]


@pytest.mark.parametrize(
    ("stored", "code"),
    [
        ("SERVICE_UNAVAILABLE: cannot connect", "SERVICE_UNAVAILABLE"),
        ("CUSTOMER_BLOCKED: Карта заблокирована", "CUSTOMER_BLOCKED"),
        ("BAD_PAYLOAD: unknown payload version 7", "BAD_PAYLOAD"),
        ("KeyError: 'receipt'", "TILL_ERROR"),
        ("OperationalError: database is locked", "TILL_ERROR"),
        ("something odd", "UNKNOWN"),
        ("", ""),
    ],
)
def test_stored_failures_are_read_by_their_code(stored: str, code: str) -> None:
    assert reason_code(stored) == code


def test_a_refund_shown_without_its_sale_still_names_the_sale(qtbot, queue_file) -> None:
    _, rows = AdminStore(queue_file).queue("pending")  # the sale itself is delivered: not among them
    (refund,) = [row for row in rows if row.operation == "refund"]
    assert (refund.document_number, refund.amount, refund.receipt_time) == ("000451", D("2.49"), CLOSED_AT)
    assert refund.customer == "Анна Ковалёва, +375 29 ***-**-67" and refund.reason == "SERVICE_UNAVAILABLE"


def test_a_long_queue_shows_its_newest_rows_first(tmp_path: Path, monkeypatch) -> None:
    """More rows than the screen takes: the newest are shown (the oldest were once shown instead)."""
    monkeypatch.setattr("app.admin.controller.QUEUE_ROWS_SHOWN", 3)
    path = tmp_path / "till.sqlite"
    with open_database(path) as database:
        recorder = OutboxRecorder(database)
        for n in range(1, 6):
            _sell(recorder, f"tx-{n}", ANNA, f"00050{n}", "0.00")
    counts, rows = AdminStore(path).queue("pending")
    assert counts["pending"] == 5
    assert [row.document_number for row in rows] == ["000505", "000504", "000503"]
