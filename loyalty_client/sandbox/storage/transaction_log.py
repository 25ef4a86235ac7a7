"""What the sandbox recorded: every purchase, refund and cancel, as plain data (`sandbox ledger`).

One entry per stored transaction, in the order they were recorded, with its idempotency key as
`transactionId` (the refundId for a refund). Amounts are decimal strings, never floats.
`review` marks a purchase whose points were spent offline (no reservation, no one-time code):
the store's staff should check it.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from loyalty_client.sandbox.storage.models import TransactionRow


def _amount(value: Any) -> str:
    return f"{value:.2f}"


def recorded_transactions(engine: Engine) -> list[dict[str, Any]]:
    """Every transaction the sandbox stored, oldest first, as JSON-able dictionaries."""
    with Session(engine) as session:
        rows = session.scalars(select(TransactionRow).order_by(TransactionRow.id)).all()
        return [
            {
                "transactionId": row.key,
                "kind": row.kind,
                "customerId": row.customer_id,
                "originalTransactionId": row.original_key,
                "state": row.state,
                "redeem": _amount(row.redeem),
                "points": _amount(row.points),
                "accrual": _amount(row.accrual),
                "paid": _amount(row.paid),
                "offline": bool(row.offline),
                "review": bool(row.review),
                "occurredAt": row.occurred_at.isoformat(),
                "recordedAt": row.created_at.isoformat(),
            }
            for row in rows
        ]


def ledger_lines(entries: list[dict[str, Any]]) -> list[str]:
    """The entries as aligned text lines for people (a header line first)."""
    lines = [
        f"{'recorded at':25} {'kind':8} {'transaction':36} {'customer':10} {'redeem':>9} {'accrual':>9} {'paid':>10} marks"
    ]
    for entry in entries:
        marks = " ".join(mark for mark in ("offline", "review") if entry[mark])
        lines.append(
            f"{entry['recordedAt'][:25]:25} {entry['kind']:8} {entry['transactionId']:36} {entry['customerId']:10} "
            f"{entry['redeem']:>9} {entry['accrual']:>9} {entry['paid']:>10} {marks}".rstrip()
        )
    return lines
