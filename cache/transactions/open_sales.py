"""Sales under way with a customer whose end the till does not know yet (`open_sales`).

The checkout's recorder keeps an open sale before each step whose outcome the process could die
with: before asking the service for a reservation (the service may hold the points and its answer
be lost), and before sending the receipt to the fiscal registrar (it may print it, and the till
die before recording the sale). Recording the sale's commit or cancel in the journal deletes the
open sale in the same transaction (`cache.transactions.journal`). So after any crash the open sales are
exactly the sales the till must settle: cancel what it reserved, or record what it fiscalised.

A sale whose receipt belongs to a host POS that fiscalises it itself is kept, once closed on the
till, until the host reports it paid or void (`awaiting_payment`): across a restart too.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from sqlalchemy import select

from cache.database import Database
from cache.engine import write_transaction
from cache.transactions.outbox import dumps, stored_time
from cache.tables import OpenSaleRow, OpenSaleStage


@dataclass(frozen=True)
class OpenSale:
    """A sale under way, as kept: `sale` is the commit to record once fiscalised (None while reserving)."""

    transaction_id: str
    customer_id: str
    receipt_id: str
    stage: OpenSaleStage
    reserved: bool
    sale: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime


class OpenSales:
    """Writes and reads the open sales; each write is one short durable transaction."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def reserving(self, transaction_id: str, customer_id: str, receipt_id: str, at: datetime) -> None:
        """Keep the sale before its reservation is asked for: from now on one may be held."""
        self._keep(transaction_id, customer_id, receipt_id, OpenSaleStage.RESERVING, True, None, at)

    def fiscalising(
        self,
        transaction_id: str,
        customer_id: str,
        receipt_id: str,
        *,
        reserved: bool,
        sale: Mapping[str, Any],
        at: datetime,
    ) -> None:
        """Keep the sale before its receipt goes to the registrar, with the commit to record.

        `reserved`: a reservation is held for it. Once an open sale may hold one it keeps saying
        so, whatever a later write says: recovery then cancels rather than forgets.
        """
        self._keep(transaction_id, customer_id, receipt_id, OpenSaleStage.FISCALISING, reserved, sale, at)

    def awaiting_payment(
        self,
        transaction_id: str,
        customer_id: str,
        receipt_id: str,
        *,
        reserved: bool,
        sale: Mapping[str, Any],
        at: datetime,
    ) -> None:
        """Keep a sale closed on the till whose payment the host POS reports (paid or void).

        Start-up recovery leaves it: the host may still report it paid, from the kept `sale`.
        """
        self._keep(transaction_id, customer_id, receipt_id, OpenSaleStage.AWAITING_PAYMENT, reserved, sale, at)

    def refused(self, transaction_id: str) -> None:
        """The service refused the reservation: drop the open sale if it is still `reserving`.

        One already sent to the registrar stays, for recovery to ask the registrar about it.
        """
        with write_transaction(self._db.engine) as connection:
            connection.execute(_REFUSED, (transaction_id,))

    def forget(self, transaction_id: str) -> None:
        """Drop an open sale that holds nothing on the service and was never fiscalised."""
        with write_transaction(self._db.engine) as connection:
            close_open_sale(connection, transaction_id)

    def get(self, transaction_id: str) -> OpenSale | None:
        """The open sale of `transaction_id`, or None."""
        with self._db.reading() as session:
            row = session.get(OpenSaleRow, transaction_id)
            return None if row is None else _open_sale(row)

    def awaiting_payment_of(self, receipt_id: str) -> OpenSale | None:
        """The sale of a host receipt that awaits the host's payment, or None (the newest if several)."""
        found = [sale for sale in self.all() if sale.receipt_id == receipt_id]
        awaiting = [sale for sale in found if sale.stage is OpenSaleStage.AWAITING_PAYMENT]
        return awaiting[-1] if awaiting else None

    def all(self) -> list[OpenSale]:
        """Every open sale, oldest first."""
        with self._db.reading() as session:
            rows = session.execute(select(OpenSaleRow).order_by(OpenSaleRow.created_at)).scalars()
            return [_open_sale(row) for row in rows]

    def _keep(
        self,
        transaction_id: str,
        customer_id: str,
        receipt_id: str,
        stage: OpenSaleStage,
        reserved: bool,
        sale: Mapping[str, Any] | None,
        at: datetime,
    ) -> None:
        if not transaction_id or not customer_id:
            raise ValueError("an open sale needs its transaction and its customer")
        stamp = stored_time(self._db.engine.dialect, at)
        text = None if sale is None else dumps(dict(sale))
        row = (transaction_id, customer_id, receipt_id, stage.value, int(reserved), text, stamp, stamp)
        with write_transaction(self._db.engine) as connection:
            connection.execute(_KEEP, row)


def close_open_sale(connection: sqlite3.Connection, transaction_id: str) -> None:
    """Delete the open sale of `transaction_id`, if any, in the caller's transaction (the driver
    connection of a `write_transaction`)."""
    connection.execute(_CLOSE, (transaction_id,))


_KEEP = (
    "INSERT INTO open_sales (transaction_id, customer_id, receipt_id, stage, reserved, sale, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (transaction_id) DO UPDATE SET"
    " customer_id = excluded.customer_id, receipt_id = excluded.receipt_id, stage = excluded.stage,"
    " reserved = open_sales.reserved OR excluded.reserved, sale = excluded.sale, updated_at = excluded.updated_at"
)
_CLOSE = "DELETE FROM open_sales WHERE transaction_id = ?"
_REFUSED = f"DELETE FROM open_sales WHERE transaction_id = ? AND stage = '{OpenSaleStage.RESERVING.value}'"


def _open_sale(row: OpenSaleRow) -> OpenSale:
    return OpenSale(
        transaction_id=row.transaction_id,
        customer_id=row.customer_id,
        receipt_id=row.receipt_id,
        stage=OpenSaleStage(row.stage),
        reserved=bool(row.reserved),
        sale=None if row.sale is None else json.loads(row.sale),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
