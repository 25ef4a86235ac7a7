"""The checkout's durable record of sales: journal and outbox rows written in one transaction."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Callable

from app.outbox_sync import cancel_payload, commit_payload
from cache.database import Database
from cache.journal import Journal
from fiscal.receipt import FiscalDocument, Receipt


class OutboxRecorder:
    """Implements the checkout's `SaleRecorder` on the local journal; returns once on disk."""

    def __init__(self, database: Database, clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self._journal = Journal(database)
        self._clock = clock

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
    ) -> None:
        """Keep a sale to commit on the service."""
        # In the till's local time: the service reckons its per-day offline limit by the calendar
        # day of this moment in the offset it carries, as the till does by its own day.
        local = occurred_at.astimezone()
        payload = commit_payload(transaction_id, customer_id, receipt, redeem, fiscal, offline, local)
        self._journal.record_sale(transaction_id, customer_id, payload, self._clock())

    def record_cancel(self, *, transaction_id: str, customer_id: str) -> None:
        """Keep the cancellation of a reservation to send."""
        self._journal.record_cancel(transaction_id, customer_id, cancel_payload(transaction_id), self._clock())
