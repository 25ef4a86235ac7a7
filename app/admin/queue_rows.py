"""The admin's queue rows: outbox items told in the store's terms (receipt, amount, customer, reason).

`AdminStore` builds the rows on the admin worker from the outbox items, the journal's sales they
refer to and the customer display cache; the queue dialog puts them in the till's language.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Mapping

from sqlalchemy import select

from app.offline.failures import read_failure
from cache.database import Database
from cache.transactions.journal import Journal
from cache.transactions.outbox import OutboxItem
from cache.tables import CachedCustomer, Operation
from fiscal.money import ZERO, money
from loyalty_client.codec import customer_from_dict
from widgets.admin.queue_dialog import QueueRow

log = logging.getLogger(__name__)

def reason_code(last_error: str) -> str:
    """The code of a stored failure ("CUSTOMER_BLOCKED", "SERVICE_UNAVAILABLE", ...; "" for none).

    A failure raised inside the till itself (a Python exception's name) is `TILL_ERROR`; a text
    with no code at all is "UNKNOWN".
    """
    return read_failure(last_error).code


@dataclass(frozen=True)
class CustomerDisplay:
    """What the till may show of a customer: the name and the masked phone it was given."""

    display_name: str
    masked_phone: str

    def text(self) -> str:
        """"Name, +375 29 ***-**-67", or whichever of the two is known."""
        return ", ".join(part for part in (self.display_name.strip(), self.masked_phone.strip()) if part)


@dataclass(frozen=True)
class _Sale:
    document_number: str
    closed_at: datetime | None
    total: Decimal | None
    redeemed: Decimal | None
    line_amounts: dict[int, tuple[Decimal, Decimal]]  # line_no -> (quantity, amount)


def read_sale(payload: Mapping[str, Any]) -> _Sale:
    """What the queue shows of a recorded sale's payload; parts that cannot be read stay unknown."""
    fiscal = payload.get("fiscal") if isinstance(payload.get("fiscal"), dict) else {}
    lines: dict[int, tuple[Decimal, Decimal]] = {}
    total: Decimal | None = None
    receipt = payload.get("receipt")
    try:
        for line in receipt["lines"]:  # type: ignore[index]
            lines[int(line["line_no"])] = (Decimal(line["quantity"]), Decimal(line["amount"]))
        total = money(sum((amount for _, amount in lines.values()), ZERO))
    except (KeyError, TypeError, ValueError, InvalidOperation):
        lines, total = {}, None
    return _Sale(
        document_number=str(fiscal.get("document_number") or ""),
        closed_at=_moment(fiscal.get("closed_at")),
        total=total,
        redeemed=_amount(payload.get("redeem")),
        line_amounts=lines,
    )


def refunded_amount(sale: _Sale, payload: Mapping[str, Any]) -> Decimal | None:
    """What a refund gives back, at the prices of the sale it refers to (None if unknown)."""
    try:
        total = ZERO
        for line in payload["lines"]:
            quantity, amount = sale.line_amounts[int(line["line_no"])]
            total += amount * Decimal(line["quantity"]) / quantity if quantity else ZERO
        return money(total)
    except (KeyError, TypeError, ValueError, InvalidOperation, ArithmeticError):
        return None


def referred_sale_key(item: OutboxItem) -> str | None:
    """The transaction id of the sale a cancellation or refund refers to (None for a sale)."""
    if item.operation is Operation.CANCEL:
        return item.idempotency_key
    if item.operation is Operation.REFUND:
        original = item.payload.get("original_transaction_id")
        return str(original) if original else None
    return None


def queue_rows(
    items: Iterable[OutboxItem],
    sales: Mapping[str, Mapping[str, Any]],
    customers: Mapping[str, CustomerDisplay],
) -> list[QueueRow]:
    """The admin's rows for `items`, in their order.

    `sales`: recorded sale payloads by transaction id (for cancellations and refunds), and
    `customers`: what the till knows to show of each customer, by customer id.
    """
    rows = []
    for item in items:
        sale: _Sale | None = None
        amount: Decimal | None = None
        spent: Decimal | None = None
        if item.operation is Operation.COMMIT:
            sale = read_sale(item.payload)
            amount, spent = sale.total, sale.redeemed
        else:
            key = referred_sale_key(item)
            if key is not None and key in sales:
                sale = read_sale(sales[key])
                if item.operation is Operation.REFUND:
                    amount = refunded_amount(sale, item.payload)
                else:
                    amount, spent = sale.total, sale.redeemed
        customer = customers.get(item.customer_id)
        rows.append(
            QueueRow(
                item_id=item.id,
                state=item.state.value,
                operation=item.operation.value,
                reference=item.idempotency_key,
                customer=customer.text() if customer is not None else "",
                attempts=item.attempts,
                last_error=item.last_error or "",
                next_attempt_at=item.next_attempt_at if item.state.value == "pending" else None,
                recorded_at=item.created_at,
                reason=reason_code(item.last_error or ""),
                document_number=sale.document_number if sale is not None else "",
                receipt_time=sale.closed_at if sale is not None and sale.closed_at is not None else None,
                amount=amount,
                points_spent=spent,
                customer_id=item.customer_id,
                note=_dismissal_note(item),
            )
        )
    return rows


def read_queue_rows(database: Database, items: list[OutboxItem]) -> list[QueueRow]:
    """`queue_rows` for `items`, with the sales and customers they need read from `database`."""
    wanted = {key for key in (referred_sale_key(item) for item in items) if key is not None}
    shown = {item.idempotency_key: item.payload for item in items if item.operation is Operation.COMMIT}
    sales: dict[str, Mapping[str, Any]] = dict(shown)
    missing = wanted - shown.keys()
    if missing:
        sales.update(Journal(database).payloads(Operation.COMMIT, missing))
    return queue_rows(items, sales, cached_customers(database, {item.customer_id for item in items}))


def cached_customers(database: Database, customer_ids: Iterable[str]) -> dict[str, CustomerDisplay]:
    """Name and masked phone of each of `customer_ids` the customer cache holds."""
    wanted = sorted(set(customer_ids))
    found: dict[str, CustomerDisplay] = {}
    with database.reading() as session:
        for start in range(0, len(wanted), 500):
            query = select(CachedCustomer.customer_id, CachedCustomer.data).where(
                CachedCustomer.customer_id.in_(wanted[start : start + 500])
            )
            for customer_id, data in session.execute(query):
                try:
                    customer = customer_from_dict(json.loads(data))
                except (ValueError, TypeError):
                    log.warning("a cached customer could not be read; shown by number in the queue")
                    continue
                found[customer_id] = CustomerDisplay(customer.display_name, customer.masked_phone)
    return found


def _dismissal_note(item: OutboxItem) -> str:
    result = item.result
    if isinstance(result, dict) and isinstance(result.get("dismissed"), str):
        return str(result["dismissed"])
    return ""


def _moment(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _amount(text: Any) -> Decimal | None:
    if not isinstance(text, str):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return money(value) if value.is_finite() else None
