"""Returns in the host API's words: the POS's body as the returns core takes it, and its answer."""
from __future__ import annotations

from decimal import Decimal

from app.host_api.models import ReturnIn, ReturnLineOut, ReturnOut
from app.host_api.state import money_text
from app.offline.failures import read_failure
from app.returns.model import ReturnAnswer, ReturnLine, ReturnRequest, ReturnState
from fiscal.receipt import FiscalDocument


def return_request(return_id: str, body: ReturnIn) -> ReturnRequest:
    """The POS's return as the returns core takes it."""
    return ReturnRequest(
        return_id=return_id,
        original_receipt_id=body.originalReceiptId,
        fiscal=FiscalDocument(body.fiscal.documentNumber, body.fiscal.closedAt),
        lines=tuple(ReturnLine(line.lineNo, Decimal(line.quantity)) for line in body.lines),
        original_transaction_id=body.originalTransactionId,
    )


def return_state(answer: ReturnAnswer) -> ReturnOut:
    """What the POS reads of a return (with why it failed, when it did)."""
    failure = read_failure(answer.problem) if answer.state is ReturnState.FAILED and answer.problem else None
    return ReturnOut(
        returnId=answer.return_id,
        originalReceiptId=answer.original_receipt_id,
        originalTransactionId=answer.original_transaction_id,
        fiscalDocumentNumber=answer.fiscal.document_number,
        lines=[ReturnLineOut(lineNo=line.line_no, quantity=f"{line.quantity:f}") for line in answer.lines],
        pointsReversed=None if answer.points_reversed is None else money_text(answer.points_reversed),
        pointsReturned=None if answer.points_returned is None else money_text(answer.points_returned),
        newBalance=None if answer.new_balance is None else money_text(answer.new_balance),
        state=answer.state.value,  # type: ignore[arg-type]
        confirmed=answer.confirmed,
        faultCode=failure.code if failure else None,
        faultMessage=failure.message if failure else None,
    )
