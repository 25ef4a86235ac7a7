"""What this till has spent of customers' points, as its journal shows, for spending offline.

Offline, the till only knows a customer's balance as last seen (a snapshot). Points it spent
for that customer since are not in the snapshot: they are held against it, so the same cached
points cannot be spent twice here. A sale's redemption is in a snapshot only if the service had
accepted the sale before the snapshot was taken; every other recorded sale holds its points.

Sales are read from the journal's commit payloads, which carry `redeem` (a decimal string) and
`offline` (true when the sale was made without the service).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, or_, select

from cache.database import Database
from cache.tables import JournalRow, Operation, OutboxRow, OutboxState
from fiscal.money import ZERO


class RedemptionLedger:
    """The redemptions (money off a receipt) this till recorded per customer, read from its journal."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def held(self, customer_id: str, snapshot_at: datetime) -> list[Decimal]:
        """Redemptions recorded here for the customer that a balance seen at `snapshot_at` does not show.

        That is every recorded sale the service had not accepted by then: still waiting, failed,
        or delivered after the snapshot.
        """
        _aware(snapshot_at)
        query = (
            select(func.json_extract(JournalRow.payload, "$.redeem"))
            .join(OutboxRow, OutboxRow.journal_id == JournalRow.id)
            .where(
                JournalRow.customer_id == customer_id,
                JournalRow.operation == Operation.COMMIT.value,
                or_(OutboxRow.state != OutboxState.DONE.value, OutboxRow.updated_at > snapshot_at),
            )
        )
        return self._amounts(query)

    def offline_since(self, customer_id: str, since: datetime) -> list[Decimal]:
        """Redemptions recorded here for the customer in sales made offline, from `since` on."""
        _aware(since)
        query = select(func.json_extract(JournalRow.payload, "$.redeem")).where(
            JournalRow.customer_id == customer_id,
            JournalRow.operation == Operation.COMMIT.value,
            JournalRow.recorded_at >= since,
            func.json_extract(JournalRow.payload, "$.offline") == 1,
        )
        return self._amounts(query)

    def _amounts(self, query: Select[tuple[Any]]) -> list[Decimal]:
        with self._db.reading() as session:
            found = session.execute(query).scalars().all()
        amounts = [Decimal(str(amount)) for amount in found if amount is not None]
        return [amount for amount in amounts if amount > ZERO]


def _aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("give a time with its timezone")
