"""What each line of a sale was paid with coupons and with points and earned, kept with the sale
for its returns (a return gives back only the points actually spent on what it returns)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from loyalty_client.types import LineAllocation


@dataclass(frozen=True)
class SaleAllocation:
    """A sale's points per line and the points its redemption cost (None when the program was
    not known), as the till had them when the sale closed."""

    lines: tuple[LineAllocation, ...]
    points: Decimal | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form (decimals as strings) for the commit payload."""
        return {
            "points": None if self.points is None else str(self.points),
            "lines": [
                {
                    "line_no": line.line_no,
                    "discount": str(line.discount),
                    "accrual": str(line.accrual),
                    "coupon_discount": str(line.coupon_discount),
                    "points_discount": str(line.points_discount),
                }
                for line in self.lines
            ],
        }

    @classmethod
    def from_dict(cls, data: Any) -> "SaleAllocation":
        """Inverse of `to_dict`; `ValueError` for anything else. A line kept before coupons
        existed (no parts) was paid with points alone."""
        try:
            lines = tuple(_line(line) for line in data["lines"])
            points = None if data.get("points") is None else _decimal(data["points"])
        except (KeyError, TypeError, AttributeError, InvalidOperation) as exc:
            raise ValueError(f"not a sale's allocation: {exc!r}") from exc
        return cls(lines, points)


def _line(data: Any) -> LineAllocation:
    discount = _decimal(data["discount"])
    coupon = _decimal(data.get("coupon_discount", "0.00"))
    points = _decimal(data.get("points_discount", str(discount - coupon)))
    return LineAllocation(int(data["line_no"]), discount, _decimal(data["accrual"]), coupon, points)


def _decimal(text: Any) -> Decimal:
    if not isinstance(text, str):
        raise ValueError(f"expected a decimal string, got {text!r}")
    value = Decimal(text)
    if not value.is_finite():
        raise ValueError(f"not a finite decimal: {text!r}")
    return value
