"""The checkout's durable record of sales: open sales first, then journal and outbox rows.

Before a step whose outcome a crash could lose (a reservation, a fiscalisation) the sale is kept
as an open sale (`cache.transactions.open_sales`); its commit or cancel is then recorded as a journal row and
an outbox row in one transaction that also closes the open sale. `app.checkout.recovery` settles,
after a crash, the open sales left behind.
"""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Callable, Mapping, Sequence

from app.checkout.sale_allocation import SaleAllocation
from app.offline.outbox_sync import cancel_payload, commit_payload
from cache.database import Database
from cache.transactions.journal import Journal
from cache.transactions.open_sales import OpenSales
from fiscal.receipt import FiscalDocument, Receipt


def pending_sale(receipt: Receipt, redeem: Decimal, offline: bool, coupons: Sequence[str] = ()) -> dict[str, Any]:
    """What an open sale being fiscalised keeps: the commit's arguments but for its fiscal document."""
    sale: dict[str, Any] = {"receipt": receipt.to_dict(), "redeem": str(redeem), "offline": bool(offline)}
    if coupons:
        sale["coupons"] = list(coupons)
    return sale


class OutboxRecorder:
    """Implements the checkout's `SaleRecorder` on the local journal; returns once on disk."""

    def __init__(self, database: Database, clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self._journal = Journal(database)
        self._open_sales = OpenSales(database)
        self._clock = clock

    @property
    def open_sales(self) -> OpenSales:
        """The sales under way this recorder keeps (for recovery)."""
        return self._open_sales

    @property
    def journal(self) -> Journal:
        """The journal this recorder writes (sales are found again there by the host's ids)."""
        return self._journal

    def reserving(self, *, transaction_id: str, customer_id: str, receipt: Receipt) -> None:
        """Keep that a reservation is being asked for."""
        self._open_sales.reserving(transaction_id, customer_id, receipt.receipt_id, self._clock())

    def reservation_refused(self, *, transaction_id: str) -> None:
        """The service refused the reservation: nothing is held for it."""
        self._open_sales.refused(transaction_id)

    def fiscalising(
        self,
        *,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        offline: bool,
        reserved: bool,
        coupons: Sequence[str] = (),
    ) -> None:
        """Keep the sale whose receipt goes to the registrar now."""
        sale = pending_sale(receipt, redeem, offline, coupons)
        self._open_sales.fiscalising(
            transaction_id, customer_id, receipt.receipt_id, reserved=reserved, sale=sale, at=self._clock()
        )

    def awaiting_payment(
        self,
        *,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        offline: bool,
        reserved: bool,
        shown: Mapping[str, Any],
        coupons: Sequence[str] = (),
    ) -> None:
        """Keep a host's receipt that awaits the host's payment, with what the till showed of it."""
        sale = {**pending_sale(receipt, redeem, offline, coupons), **shown}
        self._open_sales.awaiting_payment(
            transaction_id, customer_id, receipt.receipt_id, reserved=reserved, sale=sale, at=self._clock()
        )

    def payment_abandoned(self, *, transaction_id: str) -> None:
        """A receipt that awaited the host's payment holds nothing on the service: forget it."""
        self._open_sales.forget(transaction_id)

    def record_commit(
        self,
        *,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        fiscal: FiscalDocument,
        offline: bool,
        occurred_at: datetime,
        allocation: SaleAllocation | None = None,
        coupons: Sequence[str] = (),
    ) -> None:
        """Keep a sale to commit on the service (closing its open sale) with the coupons it uses,
        and its allocation when known (for estimating its returns)."""
        # In the till's local time: the service reckons its per-day offline limit by the calendar
        # day of this moment in the offset it carries, as the till does by its own day.
        local = occurred_at.astimezone()
        payload = commit_payload(
            transaction_id, customer_id, receipt, redeem, fiscal, offline, local, coupons=coupons, allocation=allocation
        )
        self._journal.record_sale(transaction_id, customer_id, payload, self._clock())

    def record_cancel(self, *, transaction_id: str, customer_id: str) -> None:
        """Keep the cancellation of a reservation to send (closing its open sale)."""
        self._journal.record_cancel(transaction_id, customer_id, cancel_payload(transaction_id), self._clock())
