"""A return as the POS (or the panel) makes it, and what the till answers of it."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from fiscal.receipt import FiscalDocument


class ReturnState(str, Enum):
    """Where a return stands: queued (waiting to be sent), delivered, or failed (refused by the
    service, or set aside by the admin)."""

    QUEUED = "queued"
    DELIVERED = "delivered"
    FAILED = "failed"


@dataclass(frozen=True)
class ReturnLine:
    """How much of a line of the original receipt comes back."""

    line_no: int
    quantity: Decimal


@dataclass(frozen=True)
class ReturnRequest:
    """A return as the POS (or the panel) makes it: its own id, the original receipt, the return's
    fiscal document and the lines returned; `original_transaction_id` for a sale of another till."""

    return_id: str
    original_receipt_id: str
    fiscal: FiscalDocument
    lines: tuple[ReturnLine, ...]
    original_transaction_id: str | None = None


@dataclass(frozen=True)
class ReturnAnswer:
    """What a return did: points taken back (`points_reversed`) and given back (`points_returned`),
    expected until the service confirms them (`confirmed`), None when they cannot be estimated;
    the balance after it once the service said so."""

    return_id: str
    refund_id: str
    original_receipt_id: str
    original_transaction_id: str
    customer_id: str | None
    fiscal: FiscalDocument
    lines: tuple[ReturnLine, ...]
    points_reversed: Decimal | None
    points_returned: Decimal | None
    new_balance: Decimal | None
    state: ReturnState
    confirmed: bool
    problem: str | None = None  # why it failed
