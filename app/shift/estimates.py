"""What the till expects of an operation the service has not answered yet, from its journal payload.

A sale earns what the program's rules give its receipt after the points spent on it, at the
customer's tier as the till last saw it (the same computation the service makes,
`loyalty_client.rules`); it spends what was recorded. A refund's figures are known only when its
payload carries the till's own estimate (`accrual_reversed`, `redeem_returned`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from fiscal.allocation import AllocationError, allocate
from fiscal.money import ZERO, money
from fiscal.receipt import Receipt
from loyalty_client.rules import accruals
from loyalty_client.types import CustomerStatus


@dataclass(frozen=True)
class SaleEstimate:
    """A waiting sale's points (None: cannot be estimated) and the coupons it carries."""

    earned: Decimal | None
    spent: Decimal | None
    coupons: int


@dataclass(frozen=True)
class RefundEstimate:
    """A waiting refund's points taken back and given back (None: not known before delivery)."""

    reversed: Decimal | None
    returned: Decimal | None


_UNREADABLE = (KeyError, TypeError, ValueError, InvalidOperation, AllocationError)


def sale_estimate(payload_text: str, accrual_percent: Any, status: Any) -> SaleEstimate:
    """The expected figures of a sale from its commit payload and its customer's cached tier
    (`accrual_percent` None when the till never saw the customer; a blocked member earns nothing)."""
    try:
        payload = json.loads(payload_text)
    except ValueError:
        return SaleEstimate(None, None, 0)
    coupons = payload.get("coupons")
    count = len(coupons) if isinstance(coupons, list) else 0
    try:
        spent: Decimal | None = money(Decimal(payload["redeem"]))
    except _UNREADABLE:
        spent = None
    return SaleEstimate(_earned(payload, spent, accrual_percent, status), spent, count)


def _earned(payload: dict[str, Any], spent: Decimal | None, accrual_percent: Any, status: Any) -> Decimal | None:
    if status == CustomerStatus.BLOCKED.value:
        return ZERO
    if accrual_percent is None or spent is None:
        return None
    try:
        receipt = Receipt.from_dict(payload["receipt"])
        discounts = allocate(receipt.lines, spent)
        return sum(accruals(receipt.lines, discounts, Decimal(str(accrual_percent))).values(), ZERO)
    except _UNREADABLE:
        return None


def refund_estimate(payload_text: str) -> RefundEstimate:
    """The expected figures of a refund, when its payload carries them."""
    try:
        payload = json.loads(payload_text)
    except ValueError:
        return RefundEstimate(None, None)
    return RefundEstimate(_amount(payload, "accrual_reversed"), _amount(payload, "redeem_returned"))


def _amount(payload: dict[str, Any], key: str) -> Decimal | None:
    try:
        return money(Decimal(str(payload[key])))
    except _UNREADABLE:
        return None
