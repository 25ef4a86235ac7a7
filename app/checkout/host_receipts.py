"""The checkout as a host POS drives it: receipts by the host's own ids, every call safe to repeat.

Plain Python, no Qt: it runs on the checkout's worker thread (`app/checkout/controller.py`), as
the session it wraps does. The host owns the receipt and fiscalises it itself; the till owns the
customer, the redemption and the record of the sale. Each call names the host's receiptId:

- `put` opens a receipt under a new id, or changes the lines of the open one; the same lines
  again change nothing. A new id while the open receipt awaits payment is refused (WRONG_PHASE):
  the host first reports it paid or void.
- `paid` records the sale with the host's fiscal document; `void` releases what it held. Both,
  repeated, answer the same; so do `close` and `code` once they went through.
- A receipt with a customer awaiting payment is kept on disk (an open sale at `awaiting_payment`)
  and outlives a restart of the till: `resume` shows it again as the open receipt, and it stays
  open until the host reports it paid or void (or the cashier voids it in the panel). Start-up
  recovery leaves it alone (`app/checkout/recovery.py`).
- A `paid` repeated after a restart for a sale already recorded is answered from the journal,
  found by the host's receipt id and fiscal document number.

A call the till cannot do raises `HostCallRefused` with the code the host API answers.
"""
from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any, Callable, Sequence

from app.checkout import notices
from app.checkout.notices import Notice, Severity
from app.checkout.recorder import OutboxRecorder
from app.checkout.sale_allocation import SaleAllocation
from app.checkout.session import CheckoutSession, CheckoutState, ClosedSale, Phase
from app.translation import translate
from cache.transactions.open_sales import OpenSale
from cache.tables import OpenSaleStage
from fiscal.allocation import allocate
from fiscal.money import ZERO
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.codec import coupons_from_data, customer_from_dict

log = logging.getLogger(__name__)

RECEIPT_NOT_FOUND = "RECEIPT_NOT_FOUND"
WRONG_PHASE = "WRONG_PHASE"
RETRYABLE_CODES = frozenset({"SERVICE_UNAVAILABLE"})
FINISHED = (Phase.CLOSED, Phase.VOIDED)


class HostCallRefused(Exception):
    """A host's call the till did not do: the contract's code, a sentence in the till's language,
    and whether the same call may succeed later."""

    def __init__(self, code: str, message: str, retryable: bool = False) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.retryable = retryable


class HostReceipts:
    """The host POS's handle on the checkout: one open receipt, addressed by the host's id."""

    def __init__(self, session: CheckoutSession, recorder: OutboxRecorder, *, remembered: int = 64) -> None:
        self._session = session
        self._recorder = recorder
        self._finished: OrderedDict[str, CheckoutState] = OrderedDict()  # closed or voided, newest last
        self._remembered = remembered
        self._identified_with: tuple[str, str] | None = None  # (receipt id, text) of the last identify
        self._redeem_asked: tuple[str, Decimal] | None = None  # (receipt id, amount) last asked

    @property
    def session(self) -> CheckoutSession:
        """The checkout session these receipts drive (the panel drives the same one)."""
        return self._session

    def resume(self) -> CheckoutState:
        """Show again the host's receipt that awaited payment when the till stopped, if there is one."""
        waiting = [sale for sale in self._recorder.open_sales.all() if sale.stage is OpenSaleStage.AWAITING_PAYMENT]
        if waiting and waiting[-1].sale is not None:
            sale = waiting[-1]
            log.warning("receipt %s awaits the host's payment since before the restart", sale.receipt_id)
            return self._session.restore_awaiting_payment(sale.transaction_id, sale.reserved, sale.sale)
        return self._session.state

    def current(self) -> CheckoutState:
        """The open receipt's state, whoever drives it."""
        return self._session.state

    # ----- the receipt ---------------------------------------------------------------------
    def get(self, receipt_id: str) -> CheckoutState:
        """The state of a receipt: the open one, or one finished lately."""
        state = self._open(receipt_id)
        if state is not None:
            return state
        if receipt_id in self._finished:
            return self._finished[receipt_id]
        raise self._not_found(receipt_id)

    def put(
        self, receipt_id: str, lines: Sequence[ReceiptLine], store_id: str | None = None, till_id: str | None = None
    ) -> CheckoutState:
        """Open the receipt under `receipt_id`, or give the open one these lines."""
        state = self._open(receipt_id)
        if state is None and receipt_id in self._finished:
            state = self._finished[receipt_id]
        if state is not None:
            receipt = replace(
                state.receipt,
                store_id=store_id or state.receipt.store_id,
                till_id=till_id or state.receipt.till_id,
                lines=tuple(lines),
            )
            if receipt == state.receipt:
                return state
            if state.phase in FINISHED:
                raise self._finished_refusal(state)
            return self._session.take_host_receipt(receipt)
        current = self._session.state
        if current.phase is Phase.AWAITING_PAYMENT:
            raise HostCallRefused(
                WRONG_PHASE,
                translate("HostApi", "Receipt %1 awaits payment: report it paid or void first.").replace(
                    "%1", current.receipt.receipt_id
                ),
            )
        self._remember(current)
        opened = Receipt(
            receipt_id,
            store_id or current.receipt.store_id,
            till_id or current.receipt.till_id,
            self._session.now(),
            tuple(lines),
        )
        self._identified_with = self._redeem_asked = None
        return self._session.take_host_receipt(opened)

    # ----- the customer and the redemption -------------------------------------------------
    def identify(self, receipt_id: str, text: str) -> CheckoutState:
        """Find the customer behind typed or scanned text (the same text again changes nothing)."""
        state = self._editable(receipt_id)
        if self._identified_with == (receipt_id, text) and state.customer is not None:
            return state
        state = self._step(lambda: self._session.identify(text))
        self._identified_with = (receipt_id, text)
        self._redeem_asked = None
        return state

    def forget_customer(self, receipt_id: str) -> CheckoutState:
        """Take the customer off the receipt (and release what was reserved)."""
        self._editable(receipt_id)
        self._identified_with = self._redeem_asked = None
        return self._session.reset_customer()

    def redeem(self, receipt_id: str, amount: Decimal) -> CheckoutState:
        """Spend this many points on the receipt (clamped to what is allowed)."""
        state = self._editable(receipt_id)
        if state.customer is None:
            raise HostCallRefused(WRONG_PHASE, translate("HostApi", "Identify the customer first."))
        if self._redeem_asked == (receipt_id, amount) and state.phase is not Phase.NO_CUSTOMER:
            return state
        state = self._step(lambda: self._session.set_redeem(amount))
        self._redeem_asked = (receipt_id, amount)
        return state

    def add_coupon(self, receipt_id: str, code: str) -> CheckoutState:
        """Add an offer's coupon (the same coupon again changes nothing); with no customer yet its
        owner is identified. Refused offline, and when it is not a coupon's code."""
        state = self._editable(receipt_id)
        if state.phase is Phase.AWAITING_PAYMENT and any(coupon.code == code.strip() for coupon in state.coupons):
            return state  # a repeated call after the receipt was closed with it
        state = self._step(lambda: self._session.add_coupon(code))
        self._redeem_asked = None
        return state

    def remove_coupon(self, receipt_id: str, code: str) -> CheckoutState:
        """Take a coupon off the receipt; a coupon not on it changes nothing."""
        self._editable(receipt_id)
        self._redeem_asked = None
        return self._session.remove_coupon(code)

    # ----- closing ---------------------------------------------------------------------------
    def close(self, receipt_id: str) -> CheckoutState:
        """Close the receipt: reserve, maybe ask for a code, then await the host's payment."""
        state = self._editable(receipt_id)
        if state.phase in (Phase.AWAITING_CODE, Phase.AWAITING_APPROVAL, Phase.AWAITING_PAYMENT):
            return state
        return self._step(self._session.close_receipt)

    def code(self, receipt_id: str, code: str) -> CheckoutState:
        """The one-time code the customer read out."""
        state = self._editable(receipt_id)
        if state.phase is Phase.AWAITING_PAYMENT:
            return state  # the code went through before: a repeated call
        if state.phase is not Phase.AWAITING_CODE:
            raise self._phase_refusal(state)
        return self._step(lambda: self._session.confirm_code(code))

    def paid(self, receipt_id: str, document: FiscalDocument) -> CheckoutState:
        """The host took payment and fiscalised the receipt as `document`: record the sale."""
        state = self._open(receipt_id)
        if state is None and receipt_id in self._finished:
            state = self._finished[receipt_id]
        if state is not None:
            if state.phase is Phase.CLOSED and state.sale is not None:
                if state.sale.fiscal.document_number != document.document_number:
                    raise HostCallRefused(
                        WRONG_PHASE,
                        translate("HostApi", "Receipt %1 was paid with fiscal document No. %2.")
                        .replace("%1", receipt_id)
                        .replace("%2", state.sale.fiscal.document_number),
                    )
                return state
            if state.phase is not Phase.AWAITING_PAYMENT:
                raise self._phase_refusal(state)
            return self._session.host_paid(document)
        kept = self._recorder.open_sales.awaiting_payment_of(receipt_id)
        if kept is not None:
            return self._record_kept(kept, document)
        for entry in self._recorder.journal.sales_of_receipt(receipt_id):
            if entry.fiscal_document == document.document_number:
                return self._closed_from_journal(entry.payload)
        raise self._not_found(receipt_id)

    def void(self, receipt_id: str) -> CheckoutState:
        """Void the receipt, releasing its reservation; a voided receipt answers the same again."""
        state = self._open(receipt_id)
        if state is None and receipt_id in self._finished:
            state = self._finished[receipt_id]
        if state is None:
            kept = self._recorder.open_sales.awaiting_payment_of(receipt_id)
            if kept is None:
                raise self._not_found(receipt_id)
            return self._void_kept(kept)
        if state.phase is Phase.VOIDED:
            return state
        if state.phase is Phase.CLOSED:
            raise HostCallRefused(
                WRONG_PHASE, translate("HostApi", "Receipt %1 is paid: make a return instead.").replace("%1", receipt_id)
            )
        self._identified_with = self._redeem_asked = None
        return self._session.void_receipt()

    # ----- plumbing ------------------------------------------------------------------------
    def _open(self, receipt_id: str) -> CheckoutState | None:
        state = self._session.state
        if self._session.host_pays and state.receipt.receipt_id == receipt_id:
            return state
        return None

    def _editable(self, receipt_id: str) -> CheckoutState:
        state = self._open(receipt_id)
        if state is None:
            if receipt_id in self._finished:
                raise self._finished_refusal(self._finished[receipt_id])
            raise self._not_found(receipt_id)
        if state.phase in FINISHED:
            raise self._finished_refusal(state)
        return state

    def _step(self, step: Callable[[], CheckoutState]) -> CheckoutState:
        """Run a session step; a loyalty failure it reports becomes a refusal of the call."""
        before = self._session.state.notice
        state = step()
        notice = state.notice
        if notice is not None and notice is not before and notice.severity is Severity.ERROR and notice.code:
            raise HostCallRefused(notice.code, notice.text, notice.code in RETRYABLE_CODES)
        return state

    def _remember(self, state: CheckoutState) -> None:
        if not self._session.host_pays or state.phase not in FINISHED:
            return
        self._finished[state.receipt.receipt_id] = state
        self._finished.move_to_end(state.receipt.receipt_id)
        while len(self._finished) > self._remembered:
            self._finished.popitem(last=False)

    def _record_kept(self, kept: OpenSale, document: FiscalDocument) -> CheckoutState:
        """Record a sale kept awaiting payment that is not the open receipt (an older one)."""
        sale: dict[str, Any] = dict(kept.sale or {})
        receipt = Receipt.from_dict(sale["receipt"])
        self._recorder.record_commit(
            transaction_id=kept.transaction_id,
            customer_id=kept.customer_id,
            receipt=receipt,
            redeem=Decimal(sale["redeem"]),
            fiscal=document,
            offline=bool(sale["offline"]),
            occurred_at=document.closed_at,
            allocation=None if sale.get("allocation") is None else SaleAllocation.from_dict(sale["allocation"]),
            coupons=coupons_from_data(sale.get("coupons")),
        )
        state = self._kept_state(kept, Phase.CLOSED, self._closed_notice(document))
        state = replace(
            state,
            sale=ClosedSale(
                kept.transaction_id, kept.customer_id, document, Decimal(sale["redeem"]), Decimal(sale["accrual"])
            ),
        )
        self._remember_finished(state)
        return state

    def _void_kept(self, kept: OpenSale) -> CheckoutState:
        if kept.reserved:
            self._recorder.record_cancel(transaction_id=kept.transaction_id, customer_id=kept.customer_id)
        else:
            self._recorder.payment_abandoned(transaction_id=kept.transaction_id)
        state = self._kept_state(kept, Phase.VOIDED, notices.info(translate("Checkout", "Receipt voided.")))
        self._remember_finished(state)
        return state

    def _kept_state(self, kept: OpenSale, phase: Phase, notice: Notice) -> CheckoutState:
        sale: dict[str, Any] = dict(kept.sale or {})
        return CheckoutState(
            phase,
            Receipt.from_dict(sale["receipt"]),
            self._session.state.currency,
            customer=customer_from_dict(sale["customer"]),
            redeem=Decimal(sale["redeem"]),
            discounts={int(line): Decimal(amount) for line, amount in sale["discounts"].items()},
            coupon_discounts={
                int(line): Decimal(amount) for line, amount in (sale.get("coupon_discounts") or {}).items()
            },
            notice=notice,
            online=self._session.state.online,
            from_host=True,
        )

    def _closed_from_journal(self, payload: dict[str, Any]) -> CheckoutState:
        """A sale recorded before (the host repeats `paid` after a restart), as the journal has it."""
        receipt = Receipt.from_dict(payload["receipt"])
        redeem = Decimal(payload["redeem"])
        fiscal = payload["fiscal"]
        document = FiscalDocument(fiscal["document_number"], datetime.fromisoformat(fiscal["closed_at"]))
        coupon_discounts: dict[int, Decimal] = {}
        if payload.get("allocation") is not None:  # as sold: the coupons' part and the points' part
            lines = SaleAllocation.from_dict(payload["allocation"]).lines
            discounts = {line.line_no: line.discount for line in lines}
            coupon_discounts = {line.line_no: line.coupon_discount for line in lines if line.coupon_discount > ZERO}
        else:
            discounts = allocate(receipt.lines, redeem) if redeem > ZERO else {}
        return CheckoutState(
            Phase.CLOSED,
            receipt,
            self._session.state.currency,
            redeem=redeem,
            discounts={line: amount for line, amount in discounts.items() if amount > ZERO},
            coupon_discounts=coupon_discounts,
            sale=ClosedSale(payload["transaction_id"], payload["customer_id"], document, redeem, None),
            notice=self._closed_notice(document),
            online=self._session.state.online,
            from_host=True,
        )

    def _remember_finished(self, state: CheckoutState) -> None:
        self._finished[state.receipt.receipt_id] = state
        while len(self._finished) > self._remembered:
            self._finished.popitem(last=False)

    @staticmethod
    def _closed_notice(document: FiscalDocument) -> Notice:
        return notices.success(
            translate("Checkout", "Receipt closed. Fiscal document No. %1.").replace("%1", document.document_number)
        )

    @staticmethod
    def _not_found(receipt_id: str) -> HostCallRefused:
        return HostCallRefused(
            RECEIPT_NOT_FOUND, translate("HostApi", "No receipt %1 is open at this till.").replace("%1", receipt_id)
        )

    @staticmethod
    def _finished_refusal(state: CheckoutState) -> HostCallRefused:
        if state.phase is Phase.CLOSED:
            text = translate("HostApi", "Receipt %1 is already paid.")
        else:
            text = translate("HostApi", "Receipt %1 is voided.")
        return HostCallRefused(WRONG_PHASE, text.replace("%1", state.receipt.receipt_id))

    @staticmethod
    def _phase_refusal(state: CheckoutState) -> HostCallRefused:
        if state.phase in FINISHED:
            return HostReceipts._finished_refusal(state)
        return HostCallRefused(
            WRONG_PHASE,
            translate("HostApi", "Receipt %1 cannot do that now: it is at %2.")
            .replace("%1", state.receipt.receipt_id)
            .replace("%2", state.phase.value),
        )
