"""The slips that wait for the loyalty service's figures, and when each is printed.

A sale closed online and a return recorded while the service answers print their slip once the
service's figures come (the sale's commit, the return's refund delivered). When the service
refuses the delivery for good, the slip is printed all the same, with the till's own figures
marked as not confirmed: the customer always leaves with a slip.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Sequence

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


class SlipsDue:
    """Prints each sale's and return's slip once, with the service's figures or, refused, the till's.

    `print_sale(summary, offers)` and `print_return(summary)` print a slip (the device
    controller's); `online()` is whether the service answers, as last heard (None: not known).
    Called on the GUI thread only.
    """

    def __init__(
        self,
        print_sale: Callable[[LoyaltySummary, Sequence[Offer]], None],
        print_return: Callable[[ReturnSummary], None],
        online: Callable[[], bool | None],
    ) -> None:
        self._print_sale = print_sale
        self._print_return = print_return
        self._online = online
        self._last_closed: str | None = None  # a closed sale's state is shown more than once
        self._sales: dict[str, _SaleSlip] = {}  # by transaction id
        self._returns: dict[str, ReturnAnswer] = {}  # by refund id

    # ----- sales ---------------------------------------------------------------------------
    def sale_closed(self, state: "CheckoutState") -> None:
        """A sale was closed: print its slip now if recorded offline, else once it is delivered."""
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
        self._sales[sale.transaction_id] = _SaleSlip(customer, estimate)

    def sale_delivered(self, transaction_id: str, result: CommitResult) -> None:
        """The service committed the sale: its slip with the service's figures and offers."""
        due = self._sales.pop(transaction_id, None)
        if due is not None:
            customer = due.customer
            summary = LoyaltySummary.from_commit(result, masked_phone=customer.masked_phone, tier=customer.tier)
            self._print_sale(summary, result.offers)

    def sale_refused(self, transaction_id: str) -> None:
        """The service refused the sale for good: its slip with the till's figures, unconfirmed."""
        due = self._sales.pop(transaction_id, None)
        if due is not None:
            self._print_sale(replace(due.estimate, refused=True), ())

    # ----- returns -------------------------------------------------------------------------
    def return_recorded(self, answer: "ReturnAnswer") -> None:
        """A return was recorded: print its slip with the service's figures once they come; at
        once when they cannot come soon (offline) or cannot be known here."""
        unknown = answer.points_reversed is None or answer.points_returned is None
        if answer.confirmed or unknown or self._online() is False:
            self._print_return(return_summary(answer))
        else:
            self._returns[answer.refund_id] = answer

    def refund_delivered(self, refund_id: str, result: RefundResult) -> None:
        """The service took the refund: the return's slip with its figures and the balance."""
        answer = self._returns.pop(refund_id, None)
        if answer is not None:
            self._print_return(return_summary(answer, result))

    def refund_refused(self, refund_id: str) -> None:
        """The service refused the refund for good: the return's slip with the till's figures."""
        answer = self._returns.pop(refund_id, None)
        if answer is not None:
            self._print_return(return_summary(answer, refused=True))
