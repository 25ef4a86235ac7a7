"""The loyalty service as the till sees it: one method per contract operation (docs/architecture.md §3).

Implemented by the SOAP client (`loyalty_client.soap.client.SoapLoyaltyService`). Every method may
raise a `loyalty_client.errors.LoyaltyFault` subclass for a business fault, or
`ServiceUnavailable` when the service cannot be reached.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Protocol, Sequence

from fiscal.receipt import Receipt
from loyalty_client.types import (
    CancelResult,
    Calculation,
    CommitResult,
    ConfirmationPurpose,
    ConfirmationSent,
    Customer,
    FiscalDocument,
    Identifier,
    Offer,
    Program,
    RefundLine,
    RefundResult,
    Registration,
    Reservation,
)


class LoyaltyService(Protocol):
    """Operations of the loyalty contract. Each state-changing one is idempotent on its id."""

    def get_program(self, store_id: str) -> Program:
        """The program's rules and tiers."""
        ...

    def identify(self, identifier: Identifier, store_id: str, till_id: str) -> Customer:
        """The member behind a phone, card, app QR or coupon."""
        ...

    def calculate(
        self,
        customer_id: str,
        receipt: Receipt,
        requested_redeem: Decimal | None = None,
        *,
        coupons: Sequence[str] = (),
    ) -> Calculation:
        """Points to earn, the maximum redeemable, and the allocation of `requested_redeem`.

        `coupons` (codes as scanned) are applied first, each answered in `Calculation.coupons`;
        the points are then redeemed on what the lines still cost. A service that cannot take
        coupons raises `NotSupported` for any, never ignores them.
        """
        ...

    def send_confirmation_code(
        self,
        purpose: ConfirmationPurpose,
        customer_id: str | None = None,
        phone: str | None = None,
        amount: Decimal | None = None,
    ) -> ConfirmationSent:
        """Send a one-time code to the member's phone (or to `phone` for a registration)."""
        ...

    def reserve(
        self,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        confirmation_code: str | None = None,
        *,
        coupons: Sequence[str] = (),
    ) -> Reservation:
        """Hold `redeem` points, and the single-use `coupons`, for this receipt before it is fiscalised."""
        ...

    def commit(
        self,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        fiscal: FiscalDocument,
        offline: bool,
        occurred_at: datetime,
        *,
        coupons: Sequence[str] = (),
    ) -> CommitResult:
        """Record the sale: spend the reserved points, use up the coupons, accrue, return offers to print."""
        ...

    def cancel(self, transaction_id: str) -> CancelResult:
        """Release a reservation or reverse a purchase."""
        ...

    def refund(
        self, refund_id: str, original_transaction_id: str, lines: Sequence[RefundLine]
    ) -> RefundResult:
        """Reverse accrual and return spent points in proportion to the returned lines."""
        ...

    def register(self, registration: Registration) -> Customer:
        """Enrol a new member confirmed by a one-time code."""
        ...

    def get_offers(self, customer_id: str, store_id: str) -> tuple[Offer, ...]:
        """The member's personalised offers for this store."""
        ...
