"""Delivering the outbox and keeping the cached balances in step with what the service answered.

Each delivered sale, refund or cancellation comes back with the customer's balance after it;
keeping that in the customer cache means a customer identified offline later is shown the
balance the service last reported, and the till's holds against it count only what the service
has not yet seen.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Callable, Iterable, Protocol

from app.offline.outbox_sync import DrainReport, OutboxSync, SyncOutcome, SyncReport
from cache.transactions.outbox import Outbox, utc_now
from loyalty_client.types import Balance

log = logging.getLogger(__name__)


class BalanceStore(Protocol):
    """Where the balances are kept (`cache.customer_cache.CustomerCache`)."""

    def update_balance(self, customer_id: str, balance: Balance, as_of: datetime) -> bool:
        """Keep the balance reported at `as_of` on a cached customer."""
        ...


class BalanceKeepingSync:
    """An `OutboxSync` whose drains also refresh the cached balances of the customers delivered."""

    def __init__(self, sync: OutboxSync, balances: BalanceStore, clock: Callable[[], datetime] = utc_now) -> None:
        self._sync = sync
        self._balances = balances
        self._clock = clock

    @property
    def outbox(self) -> Outbox:
        """The outbox being delivered."""
        return self._sync.outbox

    def drain(self, max_items: int = 100) -> DrainReport:
        """Deliver due rows (see `OutboxSync.drain`), then keep the balances the service reported."""
        report = self._sync.drain(max_items)
        self.keep_balances(report.reports)
        return report

    def keep_balances(self, reports: Iterable[SyncReport]) -> int:
        """Store the balance each delivered operation reported; returns how many customers were updated.

        The time stamp is taken after the rows were marked done, so a balance never claims to be
        older than the deliveries it includes.
        """
        latest: dict[str, Balance] = {}
        for report in reports:
            balance = getattr(report.result, "balance", None)
            if report.outcome is SyncOutcome.DONE and report.customer_id and isinstance(balance, Balance):
                latest[report.customer_id] = balance  # reports are in delivery order: the last one counts
        if not latest:
            return 0
        as_of = self._clock()
        updated = 0
        for customer_id, balance in latest.items():
            try:
                updated += self._balances.update_balance(customer_id, balance, as_of)
            except Exception:  # a cache that cannot be written must not stop deliveries
                log.warning("cached balance of a delivered customer not updated", exc_info=True)
        return updated
