"""Open sales and their recovery on a real SQLite file, with the demo registrar's fiscal memory on disk.

An open sale is what the checkout keeps before a step whose outcome a crash could lose; the
journal closes it with the sale's commit or cancel; recovery settles what a crash left open.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest

from app.checkout.recorder import OutboxRecorder
from app.checkout.recovery import recover_open_sales
from cache.database import Database, open_database
from cache.transactions.journal import Journal
from cache.transactions.outbox import Outbox
from cache.tables import Operation, OpenSaleStage
from fiscal.demo_registrar import PRINTED_KEPT, DemoRegistrar, fiscal_memory_beside
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine

AT = datetime(2026, 11, 24, 10, 15, tzinfo=timezone.utc)


def receipt(receipt_id: str = "261124-101500-1", opened_at: datetime = AT) -> Receipt:
    return Receipt(
        receipt_id,
        "001",
        "01",
        opened_at,
        (ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", Decimal("2"), Decimal("15.90"), Decimal("31.80")),),
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "till.sqlite")
    yield database
    database.close()


@pytest.fixture
def recorder(db: Database) -> OutboxRecorder:
    return OutboxRecorder(db, clock=lambda: AT)


def registrar(db: Database) -> DemoRegistrar:
    """The registrar as a till started afresh finds it: only its fiscal memory on disk."""
    return DemoRegistrar(memory=fiscal_memory_beside(db.path))


def rows(db: Database, sql: str) -> list[tuple]:
    raw = sqlite3.connect(db.path)
    try:
        return raw.execute(sql).fetchall()
    finally:
        raw.close()


def fiscalising(recorder: OutboxRecorder, sale: Receipt, *, reserved: bool, key: str = "T-1") -> None:
    recorder.fiscalising(
        transaction_id=key, customer_id="C-1", receipt=sale, redeem=Decimal("3.00"), offline=not reserved,
        reserved=reserved,
    )


# ----- the open sale and the journal ------------------------------------------------------------
def test_a_reservation_asked_for_is_on_disk_until_its_cancel_is_recorded(db: Database, recorder: OutboxRecorder) -> None:
    recorder.reserving(transaction_id="T-1", customer_id="C-1", receipt=receipt())
    assert rows(db, "SELECT transaction_id, customer_id, stage, reserved FROM open_sales") == [
        ("T-1", "C-1", "reserving", 1)
    ]
    recorder.record_cancel(transaction_id="T-1", customer_id="C-1")
    assert rows(db, "SELECT * FROM open_sales") == []
    assert rows(db, "SELECT operation, key FROM journal") == [("cancel", "T-1")]


def test_recording_the_sale_closes_its_open_sale_in_the_same_write(db: Database, recorder: OutboxRecorder) -> None:
    sale = receipt()
    fiscalising(recorder, sale, reserved=True)
    kept = recorder.open_sales.get("T-1")
    assert kept is not None and kept.stage is OpenSaleStage.FISCALISING
    assert kept.sale == {"receipt": sale.to_dict(), "redeem": "3.00", "offline": False}
    recorder.record_commit(
        transaction_id="T-1", customer_id="C-1", receipt=sale, redeem=Decimal("3.00"),
        fiscal=FiscalDocument("7", AT), offline=False, occurred_at=AT,
    )
    assert recorder.open_sales.all() == []
    assert rows(db, "SELECT operation, key FROM journal") == [("commit", "T-1")]


def test_a_refund_or_a_replayed_record_leaves_open_sales_alone(db: Database, recorder: OutboxRecorder) -> None:
    Journal(db).record_cancel("T-1", "C-1", {"transaction_id": "T-1"}, AT)
    recorder.reserving(transaction_id="T-1", customer_id="C-1", receipt=receipt())  # not a real flow: a marker
    Journal(db).record_refund("T-1", "C-1", {"n": 1}, AT)
    Journal(db).record_cancel("T-1", "C-1", {"transaction_id": "T-1"}, AT)  # the same record again: nothing written
    assert [sale.transaction_id for sale in recorder.open_sales.all()] == ["T-1"]


def test_once_a_reservation_may_be_held_a_later_write_does_not_forget_it(recorder: OutboxRecorder) -> None:
    recorder.reserving(transaction_id="T-1", customer_id="C-1", receipt=receipt())
    fiscalising(recorder, receipt(), reserved=False)
    kept = recorder.open_sales.get("T-1")
    assert kept is not None and kept.stage is OpenSaleStage.FISCALISING and kept.reserved


def test_a_refused_reservation_drops_only_an_open_sale_not_yet_sent_to_the_registrar(recorder: OutboxRecorder) -> None:
    recorder.reserving(transaction_id="T-1", customer_id="C-1", receipt=receipt())
    recorder.reservation_refused(transaction_id="T-1")
    assert recorder.open_sales.get("T-1") is None
    fiscalising(recorder, receipt(), reserved=False, key="T-2")
    recorder.reservation_refused(transaction_id="T-2")
    assert recorder.open_sales.get("T-2") is not None, "the registrar may have printed it: recovery asks"


# ----- recovery --------------------------------------------------------------------------------
def test_a_reservation_left_open_is_cancelled(db: Database, recorder: OutboxRecorder) -> None:
    recorder.reserving(transaction_id="T-1", customer_id="C-1", receipt=receipt())
    report = recover_open_sales(recorder, registrar(db))
    assert report.cancelled == ["T-1"] and report.settled == 1
    assert [(item.operation, item.idempotency_key, item.payload["transaction_id"]) for item in Outbox(db).items()] == [
        (Operation.CANCEL, "T-1", "T-1")
    ]
    assert recorder.open_sales.all() == []


def test_a_receipt_the_registrar_printed_is_recorded_with_its_document(db: Database, recorder: OutboxRecorder) -> None:
    sale = receipt()
    fiscalising(recorder, sale, reserved=True)
    printed = registrar(db).fiscalise(sale, {1: Decimal("3.00")})  # ... and the till died here

    report = recover_open_sales(recorder, registrar(db))

    assert report.recorded == ["T-1"]
    entry = Journal(db).get(Operation.COMMIT, "T-1")
    assert entry is not None
    assert entry.payload["fiscal"] == {"document_number": printed.document_number, "closed_at": printed.closed_at.isoformat()}
    assert entry.payload["occurred_at"] == printed.closed_at.isoformat()
    assert (entry.payload["redeem"], entry.payload["offline"], entry.payload["receipt"]) == ("3.00", False, sale.to_dict())
    assert recorder.open_sales.all() == []


def test_an_offline_sale_the_registrar_printed_is_recorded_as_offline(db: Database, recorder: OutboxRecorder) -> None:
    sale = receipt()
    fiscalising(recorder, sale, reserved=False)
    registrar(db).fiscalise(sale, {})
    assert recover_open_sales(recorder, registrar(db)).recorded == ["T-1"]
    entry = Journal(db).get(Operation.COMMIT, "T-1")
    assert entry is not None and entry.payload["offline"] is True


def test_a_receipt_never_printed_is_cancelled_or_dropped(db: Database, recorder: OutboxRecorder) -> None:
    fiscalising(recorder, receipt("R-1"), reserved=True, key="T-1")
    fiscalising(recorder, receipt("R-2"), reserved=False, key="T-2")
    report = recover_open_sales(recorder, registrar(db))
    assert (report.recorded, report.cancelled, report.dropped) == ([], ["T-1"], ["T-2"])
    assert rows(db, "SELECT operation, key FROM journal") == [("cancel", "T-1")]
    assert recorder.open_sales.all() == []


def test_a_receipt_number_used_again_is_not_taken_for_the_one_printed(db: Database, recorder: OutboxRecorder) -> None:
    registrar(db).fiscalise(receipt("R-1", AT), {})  # an earlier run's receipt with the same number
    fiscalising(recorder, receipt("R-1", AT.replace(second=40)), reserved=True)
    assert recover_open_sales(recorder, registrar(db)).cancelled == ["T-1"]


def test_recovery_again_changes_nothing(db: Database, recorder: OutboxRecorder) -> None:
    sale = receipt()
    fiscalising(recorder, sale, reserved=True)
    registrar(db).fiscalise(sale, {})
    recorder.reserving(transaction_id="T-2", customer_id="C-2", receipt=receipt("R-2"))
    first = recover_open_sales(recorder, registrar(db))
    second = recover_open_sales(recorder, registrar(db))
    assert (first.recorded, first.cancelled) == (["T-1"], ["T-2"])
    assert second.settled == 0
    assert sorted(rows(db, "SELECT operation, key FROM journal")) == [("cancel", "T-2"), ("commit", "T-1")]


class UnreachableRegistrar(DemoRegistrar):
    def document_for(self, receipt: Receipt) -> FiscalDocument | None:
        raise OSError("the registrar does not answer")


def test_a_sale_that_cannot_be_settled_now_is_kept_for_the_next_start(db: Database, recorder: OutboxRecorder) -> None:
    fiscalising(recorder, receipt("R-1"), reserved=True, key="T-1")
    recorder.reserving(transaction_id="T-2", customer_id="C-2", receipt=receipt("R-2"))
    report = recover_open_sales(recorder, UnreachableRegistrar(memory=fiscal_memory_beside(db.path)))
    assert (report.left, report.cancelled) == (["T-1"], ["T-2"])
    assert [sale.transaction_id for sale in recorder.open_sales.all()] == ["T-1"]
    assert recover_open_sales(recorder, registrar(db)).cancelled == ["T-1"]


# ----- the demo registrar's fiscal memory ------------------------------------------------------
def test_the_fiscal_memory_outlives_the_registrar_and_numbering_goes_on(tmp_path: Path) -> None:
    memory = tmp_path / "fiscal.jsonl"
    first = DemoRegistrar(memory=memory)
    documents = [first.fiscalise(receipt(f"R-{n}"), {}) for n in range(3)]
    again = DemoRegistrar(memory=memory)
    assert [again.document_for(receipt(f"R-{n}")) for n in range(3)] == documents
    assert again.document_for(receipt("R-9")) is None
    assert again.fiscalise(receipt("R-3"), {}).document_number == "4"
    lines = [json.loads(line) for line in memory.read_text(encoding="utf-8").splitlines()]
    assert [(line["document_number"], line["receipt_id"]) for line in lines] == [
        ("1", "R-0"), ("2", "R-1"), ("3", "R-2"), ("4", "R-3")
    ]


def test_a_registrar_that_sells_all_day_keeps_its_latest_documents_only(tmp_path: Path) -> None:
    memory = tmp_path / "fiscal.jsonl"
    registrar = DemoRegistrar(memory=memory)
    documents = [registrar.fiscalise(receipt(f"R-{n}"), {}) for n in range(PRINTED_KEPT + 20)]
    assert [document for document, _lines in registrar.printed] == documents[-PRINTED_KEPT:]
    # What left memory is still in the fiscal memory file, for the recovery after a crash.
    assert registrar.document_for(receipt("R-0")) == documents[0]
    assert registrar.document_for(receipt(f"R-{PRINTED_KEPT + 19}")) == documents[-1]
    in_memory_only = DemoRegistrar()
    first = in_memory_only.fiscalise(receipt("R-0"), {})
    for n in range(1, PRINTED_KEPT + 5):
        in_memory_only.fiscalise(receipt(f"R-{n}"), {})
    assert in_memory_only.document_for(receipt("R-0")) == first


def test_a_document_cut_short_by_a_crash_is_dropped_from_the_memory(tmp_path: Path) -> None:
    memory = tmp_path / "fiscal.jsonl"
    DemoRegistrar(memory=memory).fiscalise(receipt("R-1"), {})
    with memory.open("ab") as file:
        file.write(b'{"document_number": "2", "receipt_')  # the write a crash interrupted
    registrar = DemoRegistrar(memory=memory)
    assert registrar.document_for(receipt("R-1")) is not None
    assert registrar.fiscalise(receipt("R-2"), {}).document_number == "2"
    assert [json.loads(line)["receipt_id"] for line in memory.read_text(encoding="utf-8").splitlines()] == ["R-1", "R-2"]
