"""Returns of goods from the POS (and the panel): the one place a return is checked, estimated and queued.

Plain Python, no Qt: the host API and the panel call `ReturnsService` from a worker thread (the
checkout's), never from the GUI thread or the API's event loop; calls must not overlap (one
worker drives it), which is what makes a repeated return id safe.

A return finds its sale in the till's journal by the POS's receipt id, refuses lines the sale
does not have and more than was sold over all its returns (`app.returns.errors`), estimates the
points it reverses the way the service computes a refund (`loyalty_client.refund_share`), and
records the RefundPurchase in the journal and the outbox in one transaction. The outbox keeps
the order per customer, so a return of a sale still waiting is delivered after it. Once
delivered, the service's figures replace the estimate (`ReturnAnswer.confirmed`).

A return of a sale this journal does not hold (sold on another till) is sent as is when the POS
gives the original transaction id; nothing can be estimated or checked for it here.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import replace
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any, Callable, Sequence

from app.offline.outbox_sync import refund_payload, stored_result
from app.returns.errors import (
    LineNotSold,
    NoReturnLines,
    QuantityNotPositive,
    ReturnExceedsSale,
    ReturnIdReused,
    ReturnNotFound,
    SaleNotFound,
)
from app.returns.model import ReturnAnswer, ReturnLine, ReturnRequest, ReturnState
from app.returns.sales import SaleView, returned_quantities, sale_view
from cache.database import Database
from cache.errors import JournalConflict
from cache.tables import Operation, OutboxState
from cache.transactions.journal import Journal, JournalEntry
from cache.transactions.outbox import Outbox, OutboxItem, utc_now
from fiscal.money import ZERO
from fiscal.receipt import FiscalDocument
from loyalty_client.refund_share import return_share
from loyalty_client.types import RefundLine, RefundResult

log = logging.getLogger(__name__)

_REFUND_IDS = uuid.UUID("6f6a3c1e-2d1b-5b7e-9a8f-3c1d2e4f5a6b")
"""The namespace of refund ids: a return id is the POS's, the refund id sent must be unique everywhere."""

FOREIGN_CUSTOMER_PREFIX = "sale:"
"""The outbox's customer of a return whose sale (and so customer) this till does not know."""


ReturnListener = Callable[[ReturnAnswer], None]


class ReturnsService:
    """Finds sales, checks, estimates and records returns on the till's journal and outbox.

    `till` names this till among all (e.g. "store/till"): with the POS's return id it makes the
    refund id the service keys the refund by.
    """

    def __init__(self, database: Database, *, till: str, clock: Callable[[], datetime] = utc_now) -> None:
        if not till:
            raise ValueError("a till name is needed")
        self._journal = Journal(database)
        self._outbox = Outbox(database, clock)
        self._till = till
        self._clock = clock
        self._listeners: list[ReturnListener] = []

    def add_listener(self, listener: ReturnListener) -> None:
        """Hear every new return once it is recorded (not a repeat), on the caller's thread."""
        self._listeners.append(listener)

    # ----- finding sales ---------------------------------------------------------------------------
    def find_sale(self, receipt_id: str, transaction_id: str | None = None) -> SaleView:
        """The sale of the POS's receipt id (the newest, as a POS may reuse its numbers; the one of
        `transaction_id` when given), with what was returned of it; `SaleNotFound` if none."""
        entry = self._sale_entry(receipt_id, transaction_id)
        if entry is None:
            raise SaleNotFound(receipt_id)
        return sale_view(entry, self._returned(entry))

    def sales_between(self, start: datetime, end: datetime) -> list[SaleView]:
        """The sales with a customer recorded from `start` to `end`, newest first (a pick list)."""
        return [sale_view(entry, self._returned(entry)) for entry in self._journal.sales_between(start, end)]

    def todays_sales(self) -> list[SaleView]:
        """The sales with a customer recorded today (the till's local day), newest first."""
        now = self._clock().astimezone()
        start = datetime.combine(now.date(), time(), tzinfo=now.tzinfo)
        return self.sales_between(start, start + timedelta(days=1))

    # ----- returns ---------------------------------------------------------------------------------
    def estimate(self, sale: SaleView, lines: Sequence[ReturnLine]) -> tuple[Decimal, Decimal] | None:
        """Points a return of `lines` of `sale` would take back and give back, after its earlier
        returns, as the service computes a refund; None when the till did not keep the sale's
        allocation. The lines are checked first (`ReturnRefused`)."""
        return estimate_return(sale, lines)

    def make_return(self, request: ReturnRequest) -> ReturnAnswer:
        """Check, estimate and queue a return; returns once it is on disk.

        The same return again answers as the first did and queues nothing; the same return id
        with other content is refused (`ReturnIdReused`).
        """
        refund_id = self.refund_id(request.return_id)
        wanted = _request_record(request)
        recorded = self._journal.get(Operation.REFUND, refund_id)
        if recorded is not None:
            if recorded.payload.get("return", {}).get("request") != wanted:
                raise ReturnIdReused(request.return_id)
            return self._answer(recorded)
        if not request.lines or len({line.line_no for line in request.lines}) != len(request.lines):
            raise NoReturnLines()
        for line in request.lines:
            if line.quantity <= ZERO:
                raise QuantityNotPositive(line.line_no)
        entry = self._sale_entry(request.original_receipt_id, request.original_transaction_id)
        if entry is None and request.original_transaction_id is None:
            raise SaleNotFound(request.original_receipt_id)
        if entry is None:
            assert request.original_transaction_id is not None
            transaction_id = request.original_transaction_id
            customer_id = (FOREIGN_CUSTOMER_PREFIX + transaction_id)[:64]
            expected = None
        else:
            sale = sale_view(entry, self._returned(entry))
            transaction_id, customer_id = sale.transaction_id, sale.customer_id
            expected = _estimate(sale, _checked(sale, request.lines))
        lines = [RefundLine(line.line_no, line.quantity) for line in request.lines]
        payload: dict[str, Any] = dict(refund_payload(refund_id, transaction_id, lines))
        payload["return"] = {
            "request": wanted,
            "known_sale": entry is not None,
            "expected": None
            if expected is None
            else {"accrual_reversed": str(expected[0]), "redeem_returned": str(expected[1])},
        }
        try:
            recorded = self._journal.record_refund(refund_id, customer_id, payload, self._clock())
        except JournalConflict:
            raise ReturnIdReused(request.return_id) from None
        answer = self._answer(recorded)
        log.info("return %s of sale %s queued as refund %s", request.return_id, transaction_id, refund_id)
        for listener in list(self._listeners):
            try:
                listener(answer)
            except Exception:  # a listener (the slip) must not undo a return on record
                log.exception("a return listener failed")
        return answer

    def get(self, return_id: str) -> ReturnAnswer:
        """The return's current state; `ReturnNotFound` if this till made no such return."""
        recorded = self._journal.get(Operation.REFUND, self.refund_id(return_id))
        if recorded is None or "return" not in recorded.payload:
            raise ReturnNotFound(return_id)
        return self._answer(recorded)

    def refund_id(self, return_id: str) -> str:
        """The refund id the service gets for the POS's return id on this till."""
        return str(uuid.uuid5(_REFUND_IDS, f"{self._till}/{return_id}"))

    # ----- helpers -----------------------------------------------------------------------------------
    def _sale_entry(self, receipt_id: str, transaction_id: str | None) -> JournalEntry | None:
        sales = self._journal.sales_of_receipt(receipt_id)
        if transaction_id is None:
            return sales[0] if sales else None
        for entry in sales:
            if entry.key == transaction_id:
                return entry
        return self._journal.get(Operation.COMMIT, transaction_id)

    def _returned(self, sale: JournalEntry) -> dict[int, Decimal]:
        """Quantities per line of `sale` its recorded returns take back (but those set aside)."""
        refunds = self._journal.refunds_of_sale(sale.customer_id, sale.key)
        set_aside = self._outbox.set_aside([entry.outbox_id for entry in refunds])
        return returned_quantities(entry.payload for entry in refunds if entry.outbox_id not in set_aside)

    def _answer(self, entry: JournalEntry) -> ReturnAnswer:
        payload = entry.payload
        record = payload["return"]
        request = record["request"]
        item = self._outbox.get(entry.outbox_id)
        expected = record.get("expected")
        answer = ReturnAnswer(
            return_id=request["return_id"],
            refund_id=entry.key,
            original_receipt_id=request["original_receipt_id"],
            original_transaction_id=payload["original_transaction_id"],
            customer_id=None if not record.get("known_sale") else entry.customer_id,
            fiscal=FiscalDocument(
                request["fiscal"]["document_number"], datetime.fromisoformat(request["fiscal"]["closed_at"])
            ),
            lines=tuple(ReturnLine(int(no), Decimal(quantity)) for no, quantity in request["lines"]),
            points_reversed=None if expected is None else Decimal(expected["accrual_reversed"]),
            points_returned=None if expected is None else Decimal(expected["redeem_returned"]),
            new_balance=None,
            state=ReturnState.QUEUED,
            confirmed=False,
        )
        if item is None:
            return answer
        if item.state is OutboxState.FAILED or _set_aside(item):
            return replace(answer, state=ReturnState.FAILED, problem=_problem_of(item))
        if item.state is OutboxState.DONE:
            result = stored_result(item)
            if isinstance(result, RefundResult):
                return replace(
                    answer,
                    points_reversed=result.accrual_reversed,
                    points_returned=result.redeem_returned,
                    new_balance=result.balance.spendable,
                    state=ReturnState.DELIVERED,
                    confirmed=True,
                )
        return answer


def estimate_return(sale: SaleView, lines: Sequence[ReturnLine]) -> tuple[Decimal, Decimal] | None:
    """Points a return of `lines` of `sale` would take back and give back (see
    `ReturnsService.estimate`); pure, so a screen may ask it as the cashier ticks lines."""
    return _estimate(sale, _checked(sale, lines))


def _checked(sale: SaleView, lines: Sequence[ReturnLine]) -> dict[int, Decimal]:
    """The returned quantities by line, once each is known to fit what is left of the sale."""
    if not lines or len({line.line_no for line in lines}) != len(lines):
        raise NoReturnLines()
    sold = {line.line_no: line for line in sale.lines}
    quantities: dict[int, Decimal] = {}
    for line in lines:
        if line.line_no not in sold:
            raise LineNotSold(line.line_no)
        if line.quantity <= ZERO:
            raise QuantityNotPositive(line.line_no)
        found = sold[line.line_no]
        if found.returned + line.quantity > found.quantity:
            raise ReturnExceedsSale(line.line_no, found.quantity, found.returned, line.quantity)
        quantities[line.line_no] = line.quantity
    return quantities


def _estimate(sale: SaleView, quantities: dict[int, Decimal]) -> tuple[Decimal, Decimal] | None:
    if not sale.allocation_known:
        return None
    assert sale.points_spent is not None
    before = {line.line_no: line.returned for line in sale.lines}
    shares = return_share(sale.sold_lines(), sale.points_spent, sale.redeem, before, quantities)
    return shares.accrual, shares.points


def _problem_of(item: OutboxItem) -> str:
    """Why a failed or set-aside refund was not delivered: its stored failure ("CODE: message")."""
    if _set_aside(item):
        return f"SET_ASIDE: {item.last_error}" if item.last_error else "SET_ASIDE: set aside by the admin"
    return item.last_error or "UNKNOWN: refused"


def _set_aside(item: OutboxItem) -> bool:
    return item.state is OutboxState.DONE and isinstance(item.result, dict) and "dismissed" in item.result


def _request_record(request: ReturnRequest) -> dict[str, Any]:
    """The request as kept with the return, in a canonical form (a repeat compares equal to it)."""
    closed_at = request.fiscal.closed_at
    if closed_at.tzinfo is None:
        raise ValueError("the return's fiscal time must carry a timezone")
    return {
        "return_id": request.return_id,
        "original_receipt_id": request.original_receipt_id,
        "original_transaction_id": request.original_transaction_id,
        "fiscal": {"document_number": request.fiscal.document_number, "closed_at": closed_at.isoformat()},
        "lines": sorted([line.line_no, _quantity_text(line.quantity)] for line in request.lines),
    }


def _quantity_text(quantity: Decimal) -> str:
    text = f"{quantity:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
