"""Several state-changing calls in one request (contract revision 3, `DeliverBatch`).

A service that can take them says so with `delivers_batches` and offers `deliver_batch`; any
other `LoyaltyService` (a service of an earlier revision, an adapter to another system) gets one
call per item, as `deliver_one_by_one` makes them. Either way each item is answered on its own:
its result, or the business fault (`LoyaltyFault`) it got.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Sequence, Union

from fiscal.receipt import Receipt
from loyalty_client.errors import LoyaltyFault
from loyalty_client.service import LoyaltyService
from loyalty_client.types import CancelResult, CommitResult, FiscalDocument, RefundLine, RefundResult

MAX_BATCH_ITEMS = 100
"""The most items one `DeliverBatch` request may carry (the schema's limit)."""


@dataclass(frozen=True)
class CommitItem:
    """The arguments of `LoyaltyService.commit` as one value: an item of a batch, or a commit the
    sandbox works out on its own."""

    transaction_id: str
    customer_id: str
    receipt: Receipt
    redeem: Decimal
    fiscal: FiscalDocument
    offline: bool
    occurred_at: datetime
    coupons: tuple[str, ...] = ()


@dataclass(frozen=True)
class CancelItem:
    """The argument of `LoyaltyService.cancel`, as one item of a batch."""

    transaction_id: str


@dataclass(frozen=True)
class RefundItem:
    """The arguments of `LoyaltyService.refund`, as one item of a batch."""

    refund_id: str
    original_transaction_id: str
    lines: tuple[RefundLine, ...]


BatchItem = Union[CommitItem, CancelItem, RefundItem]
BatchAnswer = Union[CommitResult, CancelResult, RefundResult, LoyaltyFault]


def delivers_batches(service: Any) -> bool:
    """True when `service` takes several items in one request (`deliver_batch`)."""
    return bool(getattr(service, "delivers_batches", False)) and callable(getattr(service, "deliver_batch", None))


def deliver_one(service: LoyaltyService, item: BatchItem) -> CommitResult | CancelResult | RefundResult:
    """One item sent with its own operation (a `LoyaltyError` raised as that operation raises it)."""
    if isinstance(item, CommitItem):
        arguments = (
            item.transaction_id, item.customer_id, item.receipt, item.redeem, item.fiscal, item.offline, item.occurred_at
        )
        if item.coupons:
            return service.commit(*arguments, coupons=item.coupons)
        return service.commit(*arguments)
    if isinstance(item, CancelItem):
        return service.cancel(item.transaction_id)
    if isinstance(item, RefundItem):
        return service.refund(item.refund_id, item.original_transaction_id, item.lines)
    raise TypeError(f"not a batch item: {type(item).__name__}")


def check_batch(items: Sequence[BatchItem]) -> None:
    """Raise ValueError unless there are 1 to `MAX_BATCH_ITEMS` items."""
    if not 1 <= len(items) <= MAX_BATCH_ITEMS:
        raise ValueError(f"a batch carries 1 to {MAX_BATCH_ITEMS} items, not {len(items)}")
