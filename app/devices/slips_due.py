"""The slips that wait for the loyalty service's figures, and when each is printed.

A sale closed online and a return recorded while the service answers print their slip once the
service's figures come (the sale's commit, the return's refund delivered). The customer is at
the till now and leaves with a slip, whatever the service does: when the service refuses the
delivery for good, the slip says its figures are the till's own and not confirmed; when the
figures do not come soon — the delivery is put off for a retry, the till goes offline, or a
few seconds pass, whichever comes first — the slip says they are the till's own and not yet
confirmed. Each slip is printed once: what the service says after it prints nothing more.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Sequence

from PySide6.QtCore import QObject, QTimer

from app.returns.slip import return_summary
from devices.printing.receipt_layout import LoyaltySummary, applied_coupons
from devices.printing.return_slip import ReturnSummary
from loyalty_client.types import CommitResult, Customer, Offer, RefundResult

if TYPE_CHECKING:
    from app.checkout.session import CheckoutState
    from app.returns.model import ReturnAnswer


@dataclass(frozen=True)
class _SaleSlip:
    """A sale's slip before the service's figures: whom it is for and what the till worked out."""

    customer: Customer
    estimate: LoyaltySummary


class SlipsDue(QObject):
    """Prints each sale's and return's slip once: with the service's figures, or with the till's
    when the service refused it or its figures did not come in time.

    `print_sale(summary, offers)` and `print_return(summary)` print a slip (the device
    controller's); `online()` is whether the service answers, as last heard (None: not known);
    `wait_seconds` how long a slip waits for the service's figures (`[devices] slip_wait_seconds`:
    a delivery is answered in well under a second when the service is up, and a customer does not
    wait at the till much longer). Called on the GUI thread only.
    """

    def __init__(
        self,
        print_sale: Callable[[LoyaltySummary, Sequence[Offer]], None],
        print_return: Callable[[ReturnSummary], None],
        online: Callable[[], bool | None],
        wait_seconds: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._print_sale = print_sale
        self._print_return = print_return
        self._online = online
        self._wait_ms = max(0, int(wait_seconds * 1000))
        self._last_closed: str | None = None  # a closed sale's state is shown more than once
        self._sales: dict[str, _SaleSlip] = {}  # by transaction id
        self._returns: dict[str, ReturnAnswer] = {}  # by refund id
        self._timers: dict[tuple[str, str], QTimer] = {}  # ("sale" | "return", id): its wait

    # ----- sales ---------------------------------------------------------------------------
    def sale_closed(self, state: "CheckoutState") -> None:
        """A sale was closed: print its slip now if recorded offline, else once it is delivered
        (or, failing that, soon with the till's figures)."""
        sale, customer = state.sale, state.customer
        if sale is None or customer is None or sale.transaction_id in (None, self._last_closed):
            return
        self._last_closed = sale.transaction_id
        if state.customer_as_of is not None:  # offline: the figures come later, say so on paper
            summary = LoyaltySummary(customer.masked_phone, customer.tier.name, spent=sale.redeem, offline=True)
            self._print_sale(summary, ())
            return
        results = tuple(coupon.result for coupon in state.coupons if coupon.result is not None)
        estimate = LoyaltySummary(
            customer.masked_phone,
            customer.tier.name,
            earned=sale.expected_accrual,
            spent=sale.redeem,
            coupons=applied_coupons(results),
        )
        transaction_id = sale.transaction_id
        self._sales[transaction_id] = _SaleSlip(customer, estimate)
        if self._online() is False:
            self.sale_put_off(transaction_id)
        else:
            self._wait("sale", transaction_id, lambda: self.sale_put_off(transaction_id))

    def sale_delivered(self, transaction_id: str, result: CommitResult) -> None:
        """The service committed the sale: its slip with the service's figures and offers."""
        due = self._take_sale(transaction_id)
        if due is not None:
            customer = due.customer
            summary = LoyaltySummary.from_commit(result, masked_phone=customer.masked_phone, tier=customer.tier)
            self._print_sale(summary, result.offers)

    def sale_refused(self, transaction_id: str) -> None:
        """The service refused the sale for good: its slip with the till's figures, unconfirmed."""
        due = self._take_sale(transaction_id)
        if due is not None:
            self._print_sale(replace(due.estimate, refused=True), ())

    def sale_put_off(self, transaction_id: str) -> None:
        """The sale's figures will not come soon: its slip with the till's figures, not yet confirmed."""
        due = self._take_sale(transaction_id)
        if due is not None:
            self._print_sale(replace(due.estimate, pending=True), ())

    def _take_sale(self, transaction_id: str) -> _SaleSlip | None:
        self._stop_waiting("sale", transaction_id)
        return self._sales.pop(transaction_id, None)

    # ----- returns -------------------------------------------------------------------------
    def return_recorded(self, answer: "ReturnAnswer") -> None:
        """A return was recorded: print its slip with the service's figures once they come; at
        once when they cannot come soon (offline) or cannot be known here; with the till's
        figures when they do not come soon."""
        unknown = answer.points_reversed is None or answer.points_returned is None
        if answer.confirmed or unknown or self._online() is False:
            self._print_return(return_summary(answer))
        else:
            refund_id = answer.refund_id
            self._returns[refund_id] = answer
            self._wait("return", refund_id, lambda: self.refund_put_off(refund_id))

    def refund_delivered(self, refund_id: str, result: RefundResult) -> None:
        """The service took the refund: the return's slip with its figures and the balance."""
        answer = self._take_return(refund_id)
        if answer is not None:
            self._print_return(return_summary(answer, result))

    def refund_refused(self, refund_id: str) -> None:
        """The service refused the refund for good: the return's slip with the till's figures."""
        answer = self._take_return(refund_id)
        if answer is not None:
            self._print_return(return_summary(answer, refused=True))

    def refund_put_off(self, refund_id: str) -> None:
        """The refund's figures will not come soon: the return's slip with the till's figures,
        said to be provisional."""
        answer = self._take_return(refund_id)
        if answer is not None:
            self._print_return(return_summary(answer))

    def _take_return(self, refund_id: str) -> ReturnAnswer | None:
        self._stop_waiting("return", refund_id)
        return self._returns.pop(refund_id, None)

    # ----- both ----------------------------------------------------------------------------
    def went_offline(self) -> None:
        """The service stopped answering: every slip still waiting prints with the till's figures."""
        for transaction_id in list(self._sales):
            self.sale_put_off(transaction_id)
        for refund_id in list(self._returns):
            self.refund_put_off(refund_id)

    def _wait(self, kind: str, key: str, give_up: Callable[[], None]) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(self._wait_ms)
        timer.timeout.connect(give_up)
        self._timers[(kind, key)] = timer
        timer.start()

    def _stop_waiting(self, kind: str, key: str) -> None:
        timer = self._timers.pop((kind, key), None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
