"""A return's slip figures: the answer the till gave, or the service's once it delivered the refund."""
from __future__ import annotations

from app.returns.model import ReturnAnswer
from devices.printing.return_slip import ReturnSummary
from loyalty_client.types import RefundResult


def return_summary(
    answer: ReturnAnswer, delivered: RefundResult | None = None, *, refused: bool = False
) -> ReturnSummary:
    """What the return slip says of `answer`; with `delivered`, the service's figures and balance;
    `refused`: the service refused the refund, the till's figures are said to be unconfirmed."""
    if delivered is not None:
        return ReturnSummary(
            return_document=answer.fiscal.document_number,
            original_receipt=answer.original_receipt_id,
            reversed=delivered.accrual_reversed,
            returned=delivered.redeem_returned,
            balance_after=delivered.balance.spendable,
            confirmed=True,
        )
    return ReturnSummary(
        return_document=answer.fiscal.document_number,
        original_receipt=answer.original_receipt_id,
        reversed=answer.points_reversed,
        returned=answer.points_returned,
        balance_after=answer.new_balance,
        confirmed=answer.confirmed and not refused,
        refused=refused,
    )
