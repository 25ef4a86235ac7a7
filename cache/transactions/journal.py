"""The local transaction journal: every loyalty operation the till recorded, kept for good.

Recording an operation writes its journal row and its outbox row in ONE transaction (the
transactional outbox, docs/architecture.md §5): when `record_*` returns, both are on disk, and if anything
fails on the way, neither is. Only then may the cashier be told "done". Recording a commit or
a cancel also deletes the transaction's open sale (`cache.transactions.open_sales`) in that transaction: the
sale's end is then known.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping

from sqlalchemy import Select, select

from cache.database import Database
from cache.engine import write_transaction
from cache.errors import JournalConflict
from cache.transactions.open_sales import close_open_sale
from cache.transactions.outbox import add_to_outbox, dumps, stored_time
from cache.tables import JournalRow, Operation, OutboxRow


@dataclass(frozen=True)
class JournalEntry:
    """A recorded operation and the outbox row that delivers it."""

    id: int
    operation: Operation
    key: str
    customer_id: str
    payload: dict[str, Any]
    recorded_at: datetime
    outbox_id: int
    receipt_id: str | None = None  # a sale's: the host's receipt id
    fiscal_document: str | None = None  # a sale's: the fiscal document's number


class Journal:
    """Records operations durably, each together with its outbox row."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def record_sale(
        self, transaction_id: str, customer_id: str, payload: Mapping[str, Any], recorded_at: datetime
    ) -> JournalEntry:
        """Record a sale to commit on the service (`payload`: the commit request as JSON-able data)."""
        return self.record(Operation.COMMIT, transaction_id, customer_id, payload, recorded_at)

    def record_cancel(
        self, transaction_id: str, customer_id: str, payload: Mapping[str, Any], recorded_at: datetime
    ) -> JournalEntry:
        """Record the cancellation of a reservation or purchase."""
        return self.record(Operation.CANCEL, transaction_id, customer_id, payload, recorded_at)

    def record_refund(
        self, refund_id: str, customer_id: str, payload: Mapping[str, Any], recorded_at: datetime
    ) -> JournalEntry:
        """Record a refund of (part of) an earlier purchase."""
        return self.record(Operation.REFUND, refund_id, customer_id, payload, recorded_at)

    def record(
        self,
        operation: Operation,
        key: str,
        customer_id: str,
        payload: Mapping[str, Any],
        recorded_at: datetime,
    ) -> JournalEntry:
        """Write the journal row and its outbox row in one transaction; returns once it is on disk.

        A commit or a cancel closes the open sale of its transaction in the same transaction.

        `key` is the operation's idempotency key (transactionId or refundId). Recording the same
        operation and key again with the same payload changes nothing and returns the first entry;
        with another payload it raises `JournalConflict`.
        """
        if not key or not customer_id:
            raise ValueError("an operation needs its key and its customer")
        if recorded_at.tzinfo is None:
            raise ValueError("recorded_at must carry a timezone")
        text = dumps(dict(payload))
        stamp = stored_time(self._db.engine.dialect, recorded_at)
        receipt_id, fiscal_document = _host_numbers(operation, payload)
        row = (operation.value, key, customer_id, text, stamp, receipt_id, fiscal_document)
        with write_transaction(self._db.engine) as connection:
            inserted = connection.execute(_INSERT_JOURNAL, row)
            journal_id = inserted.lastrowid if inserted.rowcount == 1 else None
            if journal_id is not None:
                outbox_id = add_to_outbox(connection, journal_id, operation, key, customer_id, text, stamp)
                if operation in _ENDS_A_SALE:
                    close_open_sale(connection, key)
        if journal_id is None:  # the key was taken: nothing was written
            return self._recorded_before(operation, key, customer_id, text)
        return JournalEntry(
            id=journal_id,
            operation=operation,
            key=key,
            customer_id=customer_id,
            payload=json.loads(text),
            recorded_at=recorded_at,
            outbox_id=outbox_id,
            receipt_id=receipt_id,
            fiscal_document=fiscal_document,
        )

    def _recorded_before(self, operation: Operation, key: str, customer_id: str, text: str) -> JournalEntry:
        """The first entry of a replayed operation, or `JournalConflict` if it held other data."""
        with self._db.reading() as session:
            row = session.execute(_by_key(operation, key)).one()
        if row.payload != text or row.customer_id != customer_id:
            raise JournalConflict(f"{operation.value} {key} was recorded before with other data")
        return _entry(row, row.outbox_id)

    def get(self, operation: Operation, key: str) -> JournalEntry | None:
        """The recorded operation with this key, or None."""
        with self._db.reading() as session:
            found = session.execute(_by_key(operation, key)).one_or_none()
            return None if found is None else _entry(found, found.outbox_id)

    def sales_of_receipt(self, receipt_id: str) -> list[JournalEntry]:
        """The sales recorded for a host receipt id, newest first (a POS may reuse its numbers)."""
        query = (
            select(JournalRow, OutboxRow.id)
            .join(OutboxRow, OutboxRow.journal_id == JournalRow.id)
            .where(JournalRow.operation == Operation.COMMIT.value, JournalRow.receipt_id == receipt_id)
            .order_by(JournalRow.id.desc())
        )
        with self._db.reading() as session:
            return [_entry(row, outbox_id) for row, outbox_id in session.execute(query)]

    def refunds_of_sale(self, customer_id: str, transaction_id: str) -> list[JournalEntry]:
        """The refunds recorded of the customer's sale `transaction_id`, oldest first."""
        # The payload text is `dumps`'s (compact, keys sorted): the sale's id is found in it as
        # written, among the customer's rows only; each match is then checked on the parsed payload.
        written = '"original_transaction_id":' + json.dumps(transaction_id, ensure_ascii=False)
        query = (
            select(JournalRow, OutboxRow.id)
            .join(OutboxRow, OutboxRow.journal_id == JournalRow.id)
            .where(
                JournalRow.operation == Operation.REFUND.value,
                JournalRow.customer_id == customer_id,
                JournalRow.payload.contains(written, autoescape=True),
            )
            .order_by(JournalRow.id)
        )
        with self._db.reading() as session:
            entries = [_entry(row, outbox_id) for row, outbox_id in session.execute(query)]
        return [entry for entry in entries if entry.payload.get("original_transaction_id") == transaction_id]

    def sales_between(self, start: datetime, end: datetime, *, limit: int = 500) -> list[JournalEntry]:
        """The sales recorded from `start` (included) to `end` (excluded), newest first."""
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("start and end must carry a timezone")
        query = (
            select(JournalRow, OutboxRow.id)
            .join(OutboxRow, OutboxRow.journal_id == JournalRow.id)
            .where(
                JournalRow.operation == Operation.COMMIT.value,
                JournalRow.recorded_at >= start,
                JournalRow.recorded_at < end,
            )
            .order_by(JournalRow.id.desc())
            .limit(limit)
        )
        with self._db.reading() as session:
            return [_entry(row, outbox_id) for row, outbox_id in session.execute(query)]

    def payloads(self, operation: Operation, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The recorded payloads of `operation` for those of `keys` the journal holds, by key.

        For the admin's queue, which shows a cancellation or refund with the sale it refers to.
        """
        wanted = sorted(set(keys))
        found: dict[str, dict[str, Any]] = {}
        with self._db.reading() as session:
            for start in range(0, len(wanted), _KEYS_PER_QUERY):
                chunk = wanted[start : start + _KEYS_PER_QUERY]
                query = select(JournalRow.key, JournalRow.payload).where(
                    JournalRow.operation == operation.value, JournalRow.key.in_(chunk)
                )
                found.update((key, json.loads(payload)) for key, payload in session.execute(query))
        return found

    def entries(self, *, customer_id: str | None = None, limit: int = 100) -> list[JournalEntry]:
        """Recorded operations, newest first, optionally of one customer."""
        query = (
            select(JournalRow, OutboxRow.id)
            .join(OutboxRow, OutboxRow.journal_id == JournalRow.id)
            .order_by(JournalRow.id.desc())
            .limit(limit)
        )
        if customer_id is not None:
            query = query.where(JournalRow.customer_id == customer_id)
        with self._db.reading() as session:
            return [_entry(row, outbox_id) for row, outbox_id in session.execute(query)]


_ENDS_A_SALE = frozenset({Operation.COMMIT, Operation.CANCEL})

_KEYS_PER_QUERY = 500  # well under SQLite's limit on bound parameters

_INSERT_JOURNAL = (
    "INSERT INTO journal (operation, key, customer_id, payload, recorded_at, receipt_id, fiscal_document)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (operation, key) DO NOTHING"
)


def _host_numbers(operation: Operation, payload: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """A sale's host receipt id and fiscal document number, as its commit payload carries them."""
    if operation is not Operation.COMMIT:
        return None, None
    receipt, fiscal = payload.get("receipt"), payload.get("fiscal")
    receipt_id = receipt.get("receipt_id") if isinstance(receipt, Mapping) else None
    document = fiscal.get("document_number") if isinstance(fiscal, Mapping) else None
    return receipt_id, document


def _by_key(operation: Operation, key: str) -> Select[Any]:
    """The journal row of `operation` and `key` with its outbox row's id as `outbox_id`."""
    journal = JournalRow.__table__
    return (
        select(journal, OutboxRow.__table__.c.id.label("outbox_id"))
        .join(OutboxRow.__table__, OutboxRow.__table__.c.journal_id == journal.c.id)
        .where(journal.c.operation == operation.value, journal.c.key == key)
    )


def _entry(row: Any, outbox_id: int) -> JournalEntry:
    return JournalEntry(
        id=row.id,
        operation=Operation(row.operation),
        key=row.key,
        customer_id=row.customer_id,
        payload=json.loads(row.payload),
        recorded_at=row.recorded_at,
        outbox_id=outbox_id,
        receipt_id=row.receipt_id,
        fiscal_document=row.fiscal_document,
    )
