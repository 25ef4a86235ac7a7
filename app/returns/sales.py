"""A sale as a return sees it: read back from its journal entry, with what was returned of it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Iterable

from app.checkout.sale_allocation import SaleAllocation
from cache.transactions.journal import JournalEntry
from fiscal.money import ZERO
from fiscal.receipt import Receipt
from loyalty_client.refund_share import SoldLine


@dataclass(frozen=True)
class SaleLineView:
    """One line of a sale: what was sold, paid with points and earned (None when the till did
    not keep its allocation), and how much of it earlier returns took back."""

    line_no: int
    sku: str
    name: str
    quantity: Decimal
    price: Decimal
    amount: Decimal
    paid_with_points: Decimal | None
    earned: Decimal | None
    returned: Decimal
    discount: Decimal | None = None  # the whole loyalty discount, coupons' part too (None: as paid_with_points)

    @property
    def returnable(self) -> Decimal:
        """How much of the line may still be returned."""
        return max(ZERO, self.quantity - self.returned)


@dataclass(frozen=True)
class SaleView:
    """A sale with a customer, recorded in this till's journal, as a return (or a pick list) shows it."""

    transaction_id: str
    customer_id: str
    receipt_id: str
    fiscal_document: str | None
    recorded_at: datetime
    total: Decimal
    redeem: Decimal
    points_spent: Decimal | None
    lines: tuple[SaleLineView, ...]

    @property
    def earned(self) -> Decimal | None:
        """Points the sale earned by the till's allocation (None when it is not known)."""
        if any(line.earned is None for line in self.lines):
            return None
        return sum((line.earned or ZERO for line in self.lines), ZERO)

    @property
    def allocation_known(self) -> bool:
        """Whether a return of it can be estimated (the till kept its points per line)."""
        return self.points_spent is not None and all(
            line.earned is not None and line.paid_with_points is not None for line in self.lines
        )

    def sold_lines(self) -> list[SoldLine]:
        """The lines as the return share reads them (only when `allocation_known`)."""
        return [
            SoldLine(
                line.line_no,
                line.quantity,
                line.amount,
                line.paid_with_points or ZERO if line.discount is None else line.discount,
                line.earned or ZERO,
                points_discount=line.paid_with_points or ZERO,
            )
            for line in self.lines
        ]


def sale_view(entry: JournalEntry, returned: dict[int, Decimal]) -> SaleView:
    """The sale recorded as `entry` (a commit), with `returned` (line → quantity) taken back so far."""
    payload = entry.payload
    receipt = Receipt.from_dict(payload["receipt"])
    allocation = _allocation(payload.get("allocation"))
    found = {} if allocation is None else {line.line_no: line for line in allocation.lines}
    lines = tuple(
        SaleLineView(
            line_no=line.line_no,
            sku=line.sku,
            name=line.name,
            quantity=line.quantity,
            price=line.price,
            amount=line.amount,
            paid_with_points=found[line.line_no].points_discount if line.line_no in found else None,
            earned=found[line.line_no].accrual if line.line_no in found else None,
            returned=returned.get(line.line_no, ZERO),
            discount=found[line.line_no].discount if line.line_no in found else None,
        )
        for line in receipt.lines
    )
    return SaleView(
        transaction_id=entry.key,
        customer_id=entry.customer_id,
        receipt_id=receipt.receipt_id,
        fiscal_document=entry.fiscal_document,
        recorded_at=entry.recorded_at,
        total=receipt.total,
        redeem=Decimal(payload["redeem"]),
        points_spent=None if allocation is None else allocation.points,
        lines=lines,
    )


def returned_quantities(refund_payloads: Iterable[dict[str, Any]]) -> dict[int, Decimal]:
    """Quantities per line the given refunds return, summed."""
    totals: dict[int, Decimal] = {}
    for payload in refund_payloads:
        for line in payload.get("lines", ()):
            number = int(line["line_no"])
            totals[number] = totals.get(number, ZERO) + Decimal(line["quantity"])
    return totals


def _allocation(data: Any) -> SaleAllocation | None:
    if data is None:
        return None
    try:
        return SaleAllocation.from_dict(data)
    except ValueError:
        return None
