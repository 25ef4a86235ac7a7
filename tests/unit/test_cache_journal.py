"""The journal row of an operation and its outbox row are written together or not at all."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import pytest
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError, OperationalError

import cache.transactions.journal
from cache.database import Database, open_database
from cache.errors import JournalConflict
from cache.transactions.journal import Journal
from cache.transactions.outbox import Outbox
from cache.tables import JournalRow, Operation, OutboxRow

AT = datetime(2026, 11, 22, 14, 32, tzinfo=timezone.utc)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "till.sqlite")
    yield database
    database.close()


def _rows(db: Database) -> tuple[list[tuple], list[tuple]]:
    """What is really in the file, read by another connection."""
    raw = sqlite3.connect(db.path)
    try:
        journal = raw.execute("SELECT id, operation, key, customer_id FROM journal ORDER BY id").fetchall()
        outbox = raw.execute(
            "SELECT journal_id, operation, idempotency_key, customer_id, state, payload FROM outbox ORDER BY id"
        ).fetchall()
        return journal, outbox
    finally:
        raw.close()


def test_a_sale_is_recorded_with_its_outbox_row(db: Database) -> None:
    entry = Journal(db).record_sale("T-1", "C-1", {"redeem": "5.00", "name": "Кофе"}, AT)
    assert (entry.operation, entry.key, entry.customer_id, entry.recorded_at) == (Operation.COMMIT, "T-1", "C-1", AT)
    assert entry.payload == {"redeem": "5.00", "name": "Кофе"}
    journal, outbox = _rows(db)
    assert journal == [(entry.id, "commit", "T-1", "C-1")]
    assert outbox == [(entry.id, "commit", "T-1", "C-1", "pending", '{"name":"Кофе","redeem":"5.00"}')]


def test_cancel_and_refund_are_recorded_under_their_own_operation(db: Database) -> None:
    journal = Journal(db)
    journal.record_sale("T-1", "C-1", {"n": 1}, AT)
    journal.record_cancel("T-1", "C-1", {"n": 2}, AT)  # same transaction id, another operation
    journal.record_refund("R-1", "C-1", {"n": 3}, AT)
    assert [(e.operation, e.key) for e in journal.entries()] == [
        (Operation.REFUND, "R-1"),
        (Operation.CANCEL, "T-1"),
        (Operation.COMMIT, "T-1"),
    ]
    assert journal.get(Operation.CANCEL, "T-1").payload == {"n": 2}  # type: ignore[union-attr]
    assert journal.get(Operation.REFUND, "T-1") is None
    assert [e.key for e in journal.entries(customer_id="C-2")] == []


def test_a_failure_between_the_two_rows_leaves_neither(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    journal = Journal(db)
    journal.record_sale("T-0", "C-1", {"n": 0}, AT)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("the disk is gone")

    monkeypatch.setattr(cache.transactions.journal, "add_to_outbox", broken)
    with pytest.raises(OSError):
        journal.record_sale("T-1", "C-1", {"n": 1}, AT)
    journal_rows, outbox_rows = _rows(db)
    assert [row[2] for row in journal_rows] == ["T-0"]
    assert [row[2] for row in outbox_rows] == ["T-0"]


def test_sqlite_refusing_the_outbox_row_rolls_back_the_journal_row(db: Database) -> None:
    raw = sqlite3.connect(db.path)
    raw.execute("CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox refused'); END")
    raw.commit()
    raw.close()
    with pytest.raises(IntegrityError, match="outbox refused"):
        Journal(db).record_sale("T-1", "C-1", {"n": 1}, AT)
    assert _rows(db) == ([], [])


def test_a_payload_that_is_not_json_records_nothing(db: Database) -> None:
    with pytest.raises(TypeError):
        Journal(db).record_sale("T-1", "C-1", {"redeem": Decimal("5.00")}, AT)
    with pytest.raises(ValueError):
        Journal(db).record_sale("T-1", "C-1", {"redeem": float("nan")}, AT)
    assert _rows(db) == ([], [])


def test_recording_again_is_harmless_but_recording_other_data_is_refused(db: Database) -> None:
    journal = Journal(db)
    first = journal.record_sale("T-1", "C-1", {"redeem": "5.00"}, AT)
    assert journal.record_sale("T-1", "C-1", {"redeem": "5.00"}, AT) == first
    with pytest.raises(JournalConflict):
        journal.record_sale("T-1", "C-1", {"redeem": "6.00"}, AT)
    with pytest.raises(JournalConflict):
        journal.record_sale("T-1", "C-2", {"redeem": "5.00"}, AT)
    journal_rows, outbox_rows = _rows(db)
    assert len(journal_rows) == 1 and len(outbox_rows) == 1


def test_the_outbox_row_cannot_point_at_a_journal_row_that_does_not_exist(db: Database) -> None:
    orphan = OutboxRow(
        journal_id=42,
        operation="commit",
        customer_id="C",
        idempotency_key="T",
        payload="{}",
        state="pending",
        attempts=0,
        next_attempt_at=AT,
        created_at=AT,
        updated_at=AT,
    )
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        with db.transaction() as session:
            session.add(orphan)
    # ...and a journal row cannot be deleted from under its outbox row.
    Journal(db).record_sale("T-1", "C-1", {}, AT)
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        with db.transaction() as session:
            session.execute(delete(JournalRow))
    assert len(_rows(db)[0]) == 1


def test_records_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    with open_database(path) as db:
        entry = Journal(db).record_sale("T-1", "C-1", {"n": 1}, AT)
    with open_database(path) as db:
        assert Journal(db).get(Operation.COMMIT, "T-1") == entry


def test_missing_keys_and_naive_times_are_refused(db: Database) -> None:
    journal = Journal(db)
    with pytest.raises(ValueError):
        journal.record_sale("", "C-1", {}, AT)
    with pytest.raises(ValueError):
        journal.record_sale("T-1", "", {}, AT)
    with pytest.raises(ValueError):
        journal.record_sale("T-1", "C-1", {}, datetime(2026, 11, 22, 14, 32))
    assert _rows(db) == ([], [])


def test_a_locked_database_records_nothing_and_says_so(tmp_path: Path) -> None:
    with open_database(tmp_path / "till.sqlite", busy_timeout_ms=0) as db:
        other = sqlite3.connect(db.path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(OperationalError, match="locked"):
                Journal(db).record_sale("T-1", "C-1", {}, AT)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert _rows(db) == ([], [])


def test_times_are_stored_as_the_tables_read_them(db: Database) -> None:
    local = AT.astimezone(timezone(timedelta(hours=3))).replace(microsecond=250)
    entry = Journal(db).record_sale("T-1", "C-1", {}, local)
    assert Journal(db).get(Operation.COMMIT, "T-1").recorded_at == local  # type: ignore[union-attr]
    item = Outbox(db).get(entry.outbox_id)
    assert item is not None and (item.next_attempt_at, item.created_at) == (local, local)
    assert item.next_attempt_at.tzinfo is timezone.utc
    raw = sqlite3.connect(db.path)
    try:
        assert raw.execute("SELECT recorded_at FROM journal").fetchone() == ("2026-11-22 14:32:00.000250",)
    finally:
        raw.close()


def test_recording_hands_its_connection_back_whatever_happens(db: Database) -> None:
    journal = Journal(db)
    for number in range(30):
        journal.record_sale(f"T-{number}", "C-1", {"n": number}, AT)
    journal.record_sale("T-0", "C-1", {"n": 0}, AT)
    with pytest.raises(JournalConflict):
        journal.record_sale("T-0", "C-1", {"n": 1}, AT)
    with pytest.raises(TypeError):
        journal.record_sale("T-99", "C-1", {"n": Decimal("1")}, AT)
    assert db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_a_sale_keeps_the_hosts_receipt_id_and_fiscal_document_to_be_found_by(db: Database) -> None:
    journal = Journal(db)

    def sale(receipt_id: str, document: str) -> dict[str, Any]:
        return {"receipt": {"receipt_id": receipt_id}, "fiscal": {"document_number": document}}

    first = journal.record_sale("T-1", "C-1", sale("R-15", "000451"), AT)
    journal.record_sale("T-2", "C-2", sale("R-16", "000452"), AT)
    again = journal.record_sale("T-3", "C-1", sale("R-15", "000460"), AT)  # the POS reused its number
    journal.record_cancel("T-4", "C-1", {"transaction_id": "T-4"}, AT)
    assert (first.receipt_id, first.fiscal_document) == ("R-15", "000451")
    assert [(e.key, e.fiscal_document) for e in journal.sales_of_receipt("R-15")] == [
        ("T-3", "000460"),
        ("T-1", "000451"),
    ]
    assert journal.get(Operation.COMMIT, "T-3") == again
    assert journal.get(Operation.CANCEL, "T-4").receipt_id is None
    raw = sqlite3.connect(db.path)
    try:
        assert raw.execute("SELECT key FROM journal WHERE fiscal_document = '000452'").fetchall() == [("T-2",)]
    finally:
        raw.close()
