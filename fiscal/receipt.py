"""The open receipt as the host POS hands it over: lines with prices, amounts and flags."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, Iterable

from fiscal.money import ZERO, money


@dataclass(frozen=True)
class ReceiptLine:
    """One line of the receipt. `amount` is what the line costs before any loyalty discount."""

    line_no: int
    sku: str
    name: str
    quantity: Decimal
    price: Decimal
    amount: Decimal
    redeem_allowed: bool = True
    accrual_allowed: bool = True
    min_price: Decimal | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form (decimals as strings) for the journal and outbox."""
        return {
            "line_no": self.line_no,
            "sku": self.sku,
            "name": self.name,
            "quantity": str(self.quantity),
            "price": str(self.price),
            "amount": str(self.amount),
            "redeem_allowed": self.redeem_allowed,
            "accrual_allowed": self.accrual_allowed,
            "min_price": None if self.min_price is None else str(self.min_price),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ReceiptLine":
        """Inverse of `to_dict`."""
        return cls(
            line_no=int(data["line_no"]),
            sku=data["sku"],
            name=data["name"],
            quantity=Decimal(data["quantity"]),
            price=Decimal(data["price"]),
            amount=Decimal(data["amount"]),
            redeem_allowed=bool(data.get("redeem_allowed", True)),
            accrual_allowed=bool(data.get("accrual_allowed", True)),
            min_price=None if data.get("min_price") is None else Decimal(data["min_price"]),
        )


@dataclass(frozen=True)
class Receipt:
    """An open receipt: identity, where and when it was opened, and its lines."""

    receipt_id: str
    store_id: str
    till_id: str
    opened_at: datetime
    lines: tuple[ReceiptLine, ...] = field(default_factory=tuple)

    @property
    def total(self) -> Decimal:
        """Sum of line amounts before loyalty discounts."""
        return money(sum((line.amount for line in self.lines), ZERO))

    def with_lines(self, lines: Iterable[ReceiptLine]) -> "Receipt":
        """A copy of this receipt with other lines."""
        return replace(self, lines=tuple(lines))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form for the journal and outbox."""
        return {
            "receipt_id": self.receipt_id,
            "store_id": self.store_id,
            "till_id": self.till_id,
            "opened_at": self.opened_at.isoformat(),
            "lines": [line.to_dict() for line in self.lines],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Receipt":
        """Inverse of `to_dict`."""
        return cls(
            receipt_id=data["receipt_id"],
            store_id=data["store_id"],
            till_id=data["till_id"],
            opened_at=datetime.fromisoformat(data["opened_at"]),
            lines=tuple(ReceiptLine.from_dict(item) for item in data["lines"]),
        )


@dataclass(frozen=True)
class FiscalDocument:
    """The fiscal receipt the host printed for a sale."""

    document_number: str
    closed_at: datetime
