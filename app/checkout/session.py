"""The checkout state machine: one open receipt, its customer, the redemption, and closing it.

Plain Python that calls the loyalty service synchronously: the Qt controller runs it on the
service worker thread, the command-line `load` runs it directly. Every public method returns an
immutable `CheckoutState` snapshot for the view. States:

    NO_CUSTOMER --identify--> IDENTIFIED --close--> [AWAITING_CODE --code-->] AWAITING_PAYMENT
         ^                                  |      [AWAITING_APPROVAL --PIN-->]         |
         +------------------- void / new receipt (reservation released) --------------+
                                                                          payment --> CLOSED

Closing reserves the redemption on the service (after a one-time code when the program asks for
one); the host then takes payment of the discounted total; on "payment received" the receipt is
fiscalised with the per-line discounts and the sale recorded durably for delivery.

Coupons (printed with an offer) join the receipt at any phase before payment, naming their owner
when nobody is identified yet; the service checks each one and the quote, the reservation and the
commit carry them. Offline a coupon cannot be checked: it is refused, never applied unchecked.

Offline (the customer from the cache, or the service gone mid-sale) nothing is reserved: accrual
is estimated with the cached rules and spending is refused, unless the store's offline policy
allows a capped exception; then closing with points to spend waits for the admin's approval.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Callable, Mapping, Protocol

from app.translation import translate

from app.checkout import coupon_texts, notices, offline_texts
from app.checkout.coupons import ReceiptCoupon, applied_codes, coupon_parts, unchecked, with_results
from app.checkout.offline_texts import offline_coupon_text
from app.registration.enrolment import CustomerRegistration, RegistrationForm, RegistrationRefused
from app.offline import redemption as offline_redemption
from app.offline.connectivity import ConnectivityMonitor, MonitoredService
from app.checkout.notices import Notice
from app.offline.redemption import OfflineRedemptionPolicy
from app.checkout.sale_allocation import SaleAllocation
from fiscal.allocation import LineDiscount
from fiscal.money import ZERO, format_money, money
from fiscal.receipt import FiscalDocument, Receipt
from fiscal.registrar import FiscalRegistrar
from loyalty_client import errors, rules
from loyalty_client.codec import coupons_from_data, customer_from_dict, customer_to_dict, from_data, to_data
from loyalty_client.service import LoyaltyService
from loyalty_client.types import (
    Calculation,
    ConfirmationPurpose,
    ConfirmationSent,
    CouponResult,
    Customer,
    CustomerStatus,
    Identifier,
    IdentifierKind,
    LineAllocation,
    Offer,
    Program,
    Reservation,
)

log = logging.getLogger(__name__)


class Phase(str, Enum):
    """Where the checkout stands."""

    NO_CUSTOMER = "no_customer"
    IDENTIFIED = "identified"
    AWAITING_CODE = "awaiting_code"
    AWAITING_APPROVAL = "awaiting_approval"  # offline spending waits for the admin PIN
    AWAITING_PAYMENT = "awaiting_payment"
    CLOSED = "closed"
    VOIDED = "voided"  # a host's receipt voided: kept on show until the host's next receipt


@dataclass(frozen=True)
class ClosedSale:
    """A sale the till has fiscalised and recorded durably (delivery may still be pending)."""

    transaction_id: str | None  # None: a sale without a customer, nothing recorded
    customer_id: str | None
    fiscal: FiscalDocument
    redeem: Decimal
    expected_accrual: Decimal | None  # None: not known (a sale found again in the journal)


@dataclass(frozen=True)
class CheckoutState:
    """An immutable picture of the checkout for the view."""

    phase: Phase
    receipt: Receipt
    currency: str
    customer: Customer | None = None
    customer_as_of: datetime | None = None
    calculation: Calculation | None = None
    redeem: Decimal = ZERO
    discounts: Mapping[int, Decimal] = field(default_factory=dict)
    confirmation: ConfirmationSent | None = None
    sale: ClosedSale | None = None
    notice: Notice | None = None
    online: bool | None = None  # is the service reachable, as last heard (None: nothing heard yet)
    from_host: bool = False  # the receipt is a host POS's (`take_host_receipt`), not the till's own
    unknown_phone: str | None = None  # E.164 of a phone the service knows no member by: may register
    codes_sent: int = 0  # one-time codes sent so far (a new one restarts the "send again" countdown)
    coupons: tuple[ReceiptCoupon, ...] = ()  # coupons on the receipt, in the order they came
    coupon_discounts: Mapping[int, Decimal] = field(default_factory=dict)  # the coupons' part of `discounts`
    offers: tuple[Offer, ...] = ()  # the customer's current offers (online only)

    @property
    def total(self) -> Decimal:
        """Receipt total before loyalty discounts."""
        return self.receipt.total

    @property
    def discount(self) -> Decimal:
        """Money off the receipt from the coupons and the redemption."""
        return money(sum(self.discounts.values(), ZERO))

    @property
    def coupon_discount(self) -> Decimal:
        """Money off the receipt from the coupons."""
        return money(sum(self.coupon_discounts.values(), ZERO))

    def fiscal_discounts(self) -> dict[int, Decimal | LineDiscount]:
        """Each line's discount for a registrar: the points alone, or the coupon and points parts."""
        return {
            line: self.line_discount(line) if self.coupon_discounts.get(line, ZERO) > ZERO else amount
            for line, amount in self.discounts.items()
        }

    def line_discount(self, line_no: int) -> LineDiscount:
        """A line's discount as its coupon part and its points part."""
        coupon = self.coupon_discounts.get(line_no, ZERO)
        return LineDiscount(coupon=coupon, points=self.discounts.get(line_no, ZERO) - coupon)

    @property
    def to_pay(self) -> Decimal:
        """What the customer pays."""
        return self.total - self.discount

    @property
    def can_redeem(self) -> bool:
        """Whether the cashier may offer a redemption now."""
        return (
            self.phase is Phase.IDENTIFIED
            and self.customer is not None
            and self.customer.status is CustomerStatus.ACTIVE
            and self.calculation is not None
            and self.calculation.max_redeem > ZERO
        )


class SaleRecorder(Protocol):
    """Durable local record of sales to deliver: journal row + outbox row in one transaction.

    Before each step whose outcome a crash could lose, the sale is kept as an open sale
    (`reserving`, `fiscalising`); recording its commit or cancel closes it in the same
    transaction. At start-up the till settles what a crash left open (`app.checkout.recovery`).
    """

    def reserving(self, *, transaction_id: str, customer_id: str, receipt: Receipt) -> None:
        """Keep, before the reservation is asked for, that the service may hold one; on disk on return."""
        ...

    def reservation_refused(self, *, transaction_id: str) -> None:
        """The service answered the reservation with a fault: it holds nothing for this sale."""
        ...

    def fiscalising(
        self,
        *,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        offline: bool,
        reserved: bool,
    ) -> None:
        """Keep, before the receipt goes to the registrar, the sale to record; on disk on return."""
        ...

    def awaiting_payment(
        self,
        *,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        offline: bool,
        reserved: bool,
        shown: Mapping[str, object],
    ) -> None:
        """Keep a host's receipt closed on the till until the host reports it paid or void
        (`shown`: what the till showed of it, to show it again after a restart); on disk on return."""
        ...

    def payment_abandoned(self, *, transaction_id: str) -> None:
        """A receipt awaiting the host's payment was reopened or voided with nothing reserved."""
        ...

    def record_commit(
        self,
        *,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        fiscal: FiscalDocument,
        offline: bool,
        occurred_at: datetime,
        allocation: SaleAllocation | None = None,
    ) -> None:
        """Keep a sale to commit on the service; returns once it is on disk. `allocation`: what
        each line was paid with points and earned, when known (its returns are estimated by it)."""
        ...

    def record_cancel(self, *, transaction_id: str, customer_id: str) -> None:
        """Keep a cancellation of a reservation to send; returns once it is on disk."""
        ...


class OfflineStore(Protocol):
    """What the till remembers to keep selling when the service is down."""

    def customer(self, identifier: Identifier) -> tuple[Customer, datetime] | None:
        """The customer last seen with this identifier, and when."""
        ...

    def keep_customer(self, customer: Customer, identifier: Identifier, seen_at: datetime) -> None:
        """Remember a customer the service just returned for this identifier."""
        ...

    def program(self, store_id: str) -> Program | None:
        """The program last fetched for the store."""
        ...

    def held_redemptions(self, customer_id: str, snapshot_at: datetime) -> list[Decimal]:
        """Redemptions this till recorded for the customer that a balance seen at `snapshot_at` lacks."""
        ...

    def offline_redemptions_since(self, customer_id: str, since: datetime) -> list[Decimal]:
        """Redemptions this till made offline for the customer from `since` on."""
        ...

    def keep_program(self, store_id: str, program: Program, fetched_at: datetime) -> None:
        """Remember the program the service just returned."""
        ...


def _amounts_by_line(kept: object) -> dict[int, Decimal]:
    """Amounts per line number as an open sale keeps them (`{"1": "1.59"}`; none when absent)."""
    if not isinstance(kept, Mapping):
        return {}
    return {int(line): Decimal(str(amount)) for line, amount in kept.items()}


class CheckoutNotReady(RuntimeError):
    """The checkout is not built yet (the till is starting): try again shortly."""


class InputRejected(Exception):
    """Typed or scanned text that is not a customer identifier; carries the cashier's message."""


IdentifierParser = Callable[[str], Identifier]


class CheckoutSession:
    """The state machine of one till's checkout. Not thread-safe: drive it from one thread.

    `monitor` is the till's `ConnectivityMonitor` when `service` already reports its calls to it
    (a `MonitoredService`): the state then says what the whole till knows of the service. Without
    one, the session follows its own calls.

    `registrar` fiscalises the till's own receipts (the demo's); None on a till whose receipts
    all come from a host POS that fiscalises them itself and reports the payment (`host_paid`).
    """

    def __init__(
        self,
        service: LoyaltyService,
        recorder: SaleRecorder,
        registrar: FiscalRegistrar | None,
        parse_identifier: IdentifierParser,
        *,
        store_id: str,
        till_id: str,
        currency: str,
        offline: OfflineStore | None = None,
        offline_policy: OfflineRedemptionPolicy = OfflineRedemptionPolicy(),
        monitor: ConnectivityMonitor | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        new_id: Callable[[], str] = lambda: str(uuid.uuid4()),
    ) -> None:
        if monitor is None:  # nobody else follows the service: the session keeps its own account
            monitor = ConnectivityMonitor()
            service = MonitoredService(service, monitor)  # type: ignore[assignment]
        self._service = service
        self._monitor = monitor
        self._recorder = recorder
        self._registrar = registrar
        self._offline = offline
        self._offline_policy = offline_policy
        self._program: Program | None = None
        self._parse = parse_identifier
        self._store_id = store_id
        self._till_id = till_id
        self._clock = clock
        self._new_id = new_id
        self._reservation: Reservation | None = None
        self._reserved_coupons: tuple[str, ...] = ()  # the coupons the reservation was made with
        self._transaction_id: str | None = None
        self._redeem_choice: Decimal | None = None  # None: the maximum the receipt allows (online)
        self._balance_seen_at: datetime | None = None  # when the customer's balance was read
        self._may_spend_offline = False  # identified in a way the till can trust without the service
        self._customers_seen: list[tuple[Customer, Identifier, datetime]] = []  # to cache (cache_later)
        self._progress: Callable[[CheckoutState], None] | None = None
        # The receipt belongs to a host POS that fiscalises it and reports the payment itself.
        self._host_pays = False
        self._payment_kept = False  # an open sale awaits the host's payment under _transaction_id
        self._state = CheckoutState(Phase.NO_CUSTOMER, self._empty_receipt(), currency)
        self._registration = CustomerRegistration(service, monitor, self._registration_phone)

    # ----- queries -------------------------------------------------------------------------
    @property
    def state(self) -> CheckoutState:
        """The current snapshot."""
        return self._state

    def now(self) -> datetime:
        """The session's clock (a host's receipt is opened at this time)."""
        return self._clock()

    @property
    def host_pays(self) -> bool:
        """Whether the open receipt is a host's that reports its payment itself (`take_host_receipt`)."""
        return self._host_pays

    def load_program(self) -> CheckoutState:
        """Ask the service for the program (its currency is shown); offline, keep the configured one."""
        try:
            program = self._service.get_program(self._store_id)
        except errors.LoyaltyError as exc:
            log.info("program not loaded: %s", type(exc).__name__)
            # A till not yet configured says so from the start: it works as offline meanwhile.
            notice = notices.fault(exc) if isinstance(exc, errors.ServiceNotConfigured) else None
            cached = self._offline.program(self._store_id) if self._offline else None
            if cached is None:
                self._set(notice=notice)
                return self._state
            program = cached
            self._set(notice=notice)
        else:
            if self._offline is not None:
                self._offline.keep_program(self._store_id, program, self._clock())
        self._program = program
        self._set(currency=program.currency)
        return self._state

    def set_offline_policy(self, policy: OfflineRedemptionPolicy) -> CheckoutState:
        """Spend offline by this policy from now on (a receipt being quoted offline is quoted again)."""
        self._offline_policy = policy
        if self._state.phase is Phase.IDENTIFIED and self._state.customer_as_of is not None:
            self._estimate_offline()
        return self._state

    # ----- the receipt -------------------------------------------------------------------
    def update_receipt(self, receipt: Receipt) -> CheckoutState:
        """The host changed the open receipt: recalculate for the identified customer."""
        if self._state.phase in (Phase.CLOSED, Phase.VOIDED):
            self._start_over(receipt, host_pays=self._host_pays)
            return self._state
        if self._holds_something():
            self._release_reservation()
        phase = self._editing_phase()
        # A notice about the customer (a card not activated, balances as of...) stays with them
        # while the POS changes the lines; one about a code or an approval left behind goes.
        notice = self._state.notice if self._state.phase is phase else None
        self._set(receipt=receipt, phase=phase, confirmation=None, notice=notice)
        if self._state.customer is not None:
            self._recalculate()
        return self._state

    def new_receipt(self, receipt: Receipt | None = None) -> CheckoutState:
        """Start the host's next (empty) receipt with no customer."""
        if self._holds_something():
            self._release_reservation()
        self._start_over(receipt or self._empty_receipt())
        return self._state

    def take_host_receipt(self, receipt: Receipt) -> CheckoutState:
        """A host POS that fiscalises and reports payment itself hands over its receipt.

        The same receipt id changes the open receipt's lines (as `update_receipt`); another id
        starts over with it, releasing what the open receipt held. The till's own empty receipt
        is taken over instead: a customer identified before the host's first receipt stays.
        """
        if receipt.receipt_id == self._state.receipt.receipt_id and self._host_pays:
            return self.update_receipt(receipt)
        if self._till_receipt_untouched():
            # The host's first receipt: a customer the cashier found before it came stays with it.
            self._host_pays = True
            self._state = replace(self._state, from_host=True)
            return self.update_receipt(receipt)
        if self._holds_something():
            self._release_reservation()
        self._start_over(receipt, host_pays=True)
        return self._state

    # ----- the customer ------------------------------------------------------------------
    def identify(self, text: str, cache_later: bool = False) -> CheckoutState:
        """Find the customer behind typed or scanned text and quote the receipt for them.

        The customer found is kept in the offline cache at once, or with `cache_later` only
        by `keep_seen_customers` (the till's worker does that once the state is on its way to
        the window: the durable write is not waited for between a scan and the card shown).
        """
        self._set(unknown_phone=None)
        try:
            identifier = self._parse(text)
        except InputRejected as exc:
            self._set(notice=notices.Notice(notices.Severity.ERROR, str(exc), "INVALID_REQUEST"))
            return self._state
        if identifier.kind is IdentifierKind.COUPON:  # a coupon joins the receipt (naming its owner if needed)
            return self._take_coupon(identifier)
        as_of: datetime | None = None
        try:
            customer = self._service.identify(identifier, self._store_id, self._till_id)
        except errors.ServiceUnavailable as exc:
            cached = self._offline.customer(identifier) if self._offline else None
            if cached is None:
                log.info("identification failed offline, customer not cached")
                self._set(notice=notices.fault(exc, self._not_cached_text(exc)))
                return self._state
            customer, as_of = cached
        except errors.LoyaltyError as exc:
            log.info("identification failed: %s", type(exc).__name__)
            unknown = isinstance(exc, errors.CustomerNotFound) and identifier.kind is IdentifierKind.PHONE
            self._set(notice=notices.fault(exc), unknown_phone=identifier.value if unknown else None)
            return self._state
        else:
            if self._offline is not None and cache_later:
                self._customers_seen.append((customer, identifier, self._clock()))
            elif self._offline is not None:
                self._offline.keep_customer(customer, identifier, self._clock())
        return self._take_customer(customer, as_of, identifier)

    def show_progress_with(self, listener: Callable[[CheckoutState], None] | None) -> None:
        """Have `listener` told a state worth showing before the step that makes it has finished:
        the customer found, while the service is still asked for their offers and the quote (two
        more round trips the card need not wait for), or, offline, while the receipt is quoted by
        the till's own rules. Called on the thread running the step."""
        self._progress = listener

    def keep_seen_customers(self) -> None:
        """Keep in the offline cache the customers `identify(..., cache_later=True)` found."""
        seen, self._customers_seen = self._customers_seen, []
        if self._offline is not None:
            for customer, identifier, seen_at in seen:
                self._offline.keep_customer(customer, identifier, seen_at)

    def _take_customer(self, customer: Customer, as_of: datetime | None, identifier: Identifier) -> CheckoutState:
        """The customer is found (`as_of`: seen then, offline): they join the receipt, which is quoted for them."""
        if self._holds_something():
            self._release_reservation()
        self._redeem_choice = None
        self._balance_seen_at = as_of or self._clock()
        # An app QR proves the customer only once the service has checked it (docs/architecture.md §4).
        self._may_spend_offline = as_of is None or identifier.kind is not IdentifierKind.QR
        self._set(
            phase=Phase.IDENTIFIED,
            customer=customer,
            customer_as_of=as_of,
            calculation=None,
            redeem=ZERO,
            discounts={},
            coupon_discounts={},
            confirmation=None,
            # From the cache the card is shown with its warning: the message line then keeps its
            # severity as the quote's fuller warning follows, and is not hidden and shown again.
            notice=notices.warning(offline_texts.unavailable_text()) if as_of else self._status_notice(customer),
            unknown_phone=None,
            offers=(),
        )
        if self._progress is not None:
            self._progress(self._state)
        if as_of is None:
            self._set(offers=self._offers_of(customer))
        self._recalculate()
        if as_of is not None:
            self._set(notice=self._offline_notice())
        return self._state

    def _offers_of(self, customer: Customer) -> tuple[Offer, ...]:
        """The member's current offers for the card; none when the service cannot tell them now."""
        try:
            return tuple(self._service.get_offers(customer.customer_id, self._store_id))
        except errors.LoyaltyError as exc:
            log.info("offers not loaded: %s", type(exc).__name__)
            return ()

    # ----- coupons -----------------------------------------------------------------------
    def add_coupon(self, text: str) -> CheckoutState:
        """A coupon typed, scanned or sent by the host joins the receipt; with no customer yet,
        its owner is identified too. Offline it is refused with the reason."""
        self._set(unknown_phone=None)
        try:
            identifier = self._parse(text)
        except InputRejected as exc:
            self._set(notice=notices.Notice(notices.Severity.ERROR, str(exc), "INVALID_REQUEST"))
            return self._state
        if identifier.kind is not IdentifierKind.COUPON:
            text = translate("Coupons", "This is not a coupon code: a coupon's code starts with 99.")
            self._set(notice=notices.Notice(notices.Severity.ERROR, text, "INVALID_REQUEST"))
            return self._state
        return self._take_coupon(identifier)

    def remove_coupon(self, code: str) -> CheckoutState:
        """Take a coupon off the receipt (what was reserved is released and the receipt quoted again)."""
        state = self._state
        if state.phase in (Phase.CLOSED, Phase.VOIDED) or all(coupon.code != code for coupon in state.coupons):
            return state
        if self._holds_something():
            self._release_reservation()
        remaining = tuple(coupon for coupon in state.coupons if coupon.code != code)
        self._set(coupons=remaining, phase=self._editing_phase(), confirmation=None, notice=None)
        if self._state.customer is not None:
            self._recalculate()
        else:
            self._set(coupon_discounts={})
        return self._state

    def _take_coupon(self, identifier: Identifier) -> CheckoutState:
        state = self._state
        code = identifier.value
        if state.phase in (Phase.CLOSED, Phase.VOIDED):
            text = translate("Coupons", "This receipt is finished: scan the coupon on the next receipt.")
            self._set(notice=notices.Notice(notices.Severity.ERROR, text, "WRONG_PHASE"))
            return self._state
        if any(coupon.code == code for coupon in state.coupons):
            self._set(notice=notices.info(translate("Coupons", "This coupon is already on the receipt.")))
            return self._state
        if state.customer is not None and state.customer_as_of is not None:
            self._set(notice=notices.Notice(notices.Severity.ERROR, offline_coupon_text(), "SERVICE_UNAVAILABLE"))
            return self._state
        added = state.coupons + (ReceiptCoupon(code),)
        if state.customer is None:  # the coupon names its owner: they become the receipt's customer
            try:
                customer = self._service.identify(identifier, self._store_id, self._till_id)
            except errors.ServiceUnavailable as exc:
                self._set(notice=notices.fault(exc, offline_coupon_text()))
                return self._state
            except errors.CustomerNotFound as exc:
                self._set(notice=notices.fault(exc, translate("Coupons", "No such coupon. Check the code.")))
                return self._state
            except errors.LoyaltyError as exc:
                self._set(notice=notices.fault(exc))
                return self._state
            self._set(coupons=added)
            self._take_customer(customer, None, identifier)
        else:
            if self._holds_something():
                self._release_reservation()
            self._set(coupons=added, phase=self._editing_phase(), confirmation=None, notice=None)
            self._recalculate()
        notice = self._state.notice
        if notice is not None and notice.code == errors.NotSupported.code:
            # A service that takes no coupons refuses the whole quote: the receipt goes on without it.
            self._set(coupons=state.coupons, notice=None)
            self._recalculate()
            text = translate("Coupons", "This loyalty service does not take coupons: the coupon is not applied.")
            self._set(notice=notices.Notice(notices.Severity.ERROR, text, errors.NotSupported.code))
            return self._state
        if self._state.notice is None:
            self._set(notice=self._coupon_notice(code))
        return self._state

    def _coupon_notice(self, code: str) -> Notice | None:
        """What the cashier is told of the coupon just added: what it gives, or why not."""
        found = [coupon for coupon in self._state.coupons if coupon.code == code and coupon.result is not None]
        if not found:
            return None
        coupon = found[0]
        detail = coupon_texts.detail_text(coupon, self._state.currency)
        assert coupon.result is not None
        text = f"{coupon.result.title}: {detail}" if coupon.result.title else detail
        return notices.success(text) if coupon.applied else notices.warning(text)

    # ----- registration ------------------------------------------------------------------
    def send_registration_code(self, phone: str) -> ConfirmationSent:
        """Send a registration code to a new member's phone; `RegistrationRefused` says why not."""
        return self._registration.send_code(phone)

    def register_customer(self, form: RegistrationForm, code: str) -> CheckoutState:
        """Enrol a new member with the code from their phone; they are then the receipt's customer
        and earn on it. `RegistrationRefused` (nothing changed) says why not."""
        customer = self._registration.register(form, code)
        identifier = Identifier(IdentifierKind.PHONE, self._registration_phone(form.phone))
        if self._offline is not None:
            self._offline.keep_customer(customer, identifier, self._clock())
        self._take_customer(customer, None, identifier)
        if self._state.notice is None:
            text = translate("Registration", "%1 is registered and earns bonuses on this receipt.")
            self._set(notice=notices.success(text.replace("%1", customer.display_name)))
        return self._state

    def _registration_phone(self, text: str) -> str:
        try:
            identifier = self._parse(text)
        except InputRejected as exc:
            raise RegistrationRefused(str(exc), "INVALID_REQUEST") from None
        if identifier.kind is not IdentifierKind.PHONE:
            raise RegistrationRefused(translate("Registration", "Type the customer's mobile phone number."))
        return identifier.value

    def reset_customer(self) -> CheckoutState:
        """Forget the customer (and any reservation) but keep the receipt."""
        if self._state.phase in (Phase.CLOSED, Phase.VOIDED):
            return self._state
        if self._holds_something():
            self._release_reservation()
        self._set(
            phase=Phase.NO_CUSTOMER,
            customer=None,
            customer_as_of=None,
            calculation=None,
            redeem=ZERO,
            discounts={},
            coupons=(),  # a coupon is checked for a member: it goes with them
            coupon_discounts={},
            offers=(),
            confirmation=None,
            notice=None,
            unknown_phone=None,
        )
        return self._state

    # ----- redemption --------------------------------------------------------------------
    def set_redeem(self, amount: Decimal) -> CheckoutState:
        """The cashier chose how many points to redeem (clamped to what is allowed)."""
        if self._state.customer is None or self._state.phase in (Phase.CLOSED, Phase.VOIDED):
            return self._state
        if self._holds_something():
            self._release_reservation()
        self._redeem_choice = max(money(amount), ZERO)
        self._set(phase=self._editing_phase(), confirmation=None, notice=None)
        self._recalculate()
        return self._state

    # ----- closing -----------------------------------------------------------------------
    def close_receipt(self) -> CheckoutState:
        """Close the receipt: reserve the redemption (asking for a code if needed), then await payment.

        Called again while awaiting payment, it means the payment was received.
        """
        state = self._state
        if state.phase is Phase.AWAITING_PAYMENT:
            return self.payment_received()
        if state.phase in (Phase.CLOSED, Phase.VOIDED, Phase.AWAITING_CODE, Phase.AWAITING_APPROVAL):
            return state
        if not state.receipt.lines:
            empty = translate("Checkout", "The receipt is empty.")
            self._set(notice=notices.warning(empty))
            return self._state
        if state.customer is not None and state.customer_as_of is None and state.redeem <= ZERO:
            if applied_codes(state.coupons) and not self._reserve(code=None):  # the coupons are held
                return self._state
        elif state.customer is not None and state.redeem > ZERO:
            if state.customer_as_of is not None:
                return self._ask_for_approval()
            calculation = state.calculation
            if calculation is not None and calculation.confirmation_required:
                return self._ask_for_code()
            if not self._reserve(code=None):
                return self._state
        return self._await_payment()

    def confirm_code(self, code: str) -> CheckoutState:
        """The cashier typed the one-time code: reserve, then await payment."""
        if self._state.phase is not Phase.AWAITING_CODE:
            return self._state
        if not self._reserve(code=code.strip()):
            return self._state
        return self._await_payment()

    def approve_offline_redemption(self) -> CheckoutState:
        """The admin approved spending points offline (PIN checked): await payment.

        The allowance is checked again: what was approved must still be within it.
        """
        if self._state.phase is not Phase.AWAITING_APPROVAL:
            return self._state
        approved = self._state.redeem
        self._set(phase=Phase.IDENTIFIED)
        self._estimate_offline()
        if self._state.redeem != approved:
            text = translate("Checkout", "The amount to spend changed; check it and close again.")
            self._set(notice=notices.warning(text))
            return self._state
        return self._await_payment()

    def decline_offline_redemption(self, reason: str = "") -> CheckoutState:
        """Spending offline was not approved: back to the receipt with nothing spent."""
        if self._state.phase is not Phase.AWAITING_APPROVAL:
            return self._state
        self._redeem_choice = ZERO
        self._set(phase=Phase.IDENTIFIED)
        self._estimate_offline()
        text = translate("Checkout", "Spending bonuses offline was not approved.")
        self._set(notice=notices.warning(f"{text} {reason}".strip()))
        return self._state

    def payment_received(self) -> CheckoutState:
        """The host took payment: fiscalise with the discounts and record the sale durably.

        A host that fiscalises itself reports its payment with `host_paid` instead.
        """
        if self._state.phase is not Phase.AWAITING_PAYMENT:
            return self._state
        if self._host_pays or self._registrar is None:
            text = translate("Checkout", "Waiting for the POS to report the payment.")
            self._set(notice=notices.info(text))
            return self._state
        return self._fiscalise_and_record()

    def host_paid(self, document: FiscalDocument) -> CheckoutState:
        """The host POS took payment and fiscalised the receipt as `document`: record the sale."""
        if self._state.phase is not Phase.AWAITING_PAYMENT:
            return self._state
        return self._record_sale(document)

    def restore_awaiting_payment(self, transaction_id: str, reserved: bool, kept: Mapping[str, object]) -> CheckoutState:
        """Show again a host's receipt that awaited payment when the till stopped (see `awaiting_payment`).

        `kept` is what `awaiting_payment` kept of it; the host then reports it paid or void.
        """
        receipt = Receipt.from_dict(kept["receipt"])  # type: ignore[arg-type]
        customer = customer_from_dict(kept["customer"])  # type: ignore[arg-type]
        as_of = kept.get("customer_as_of")
        redeem = Decimal(str(kept["redeem"]))
        discounts = {int(line): Decimal(amount) for line, amount in kept["discounts"].items()}  # type: ignore[union-attr]
        self._start_over(receipt, host_pays=True)
        self._transaction_id = transaction_id
        self._payment_kept = True
        kept_allocation = kept.get("allocation")
        lines = () if kept_allocation is None else SaleAllocation.from_dict(kept_allocation).lines
        kept_results = kept.get("coupon_results") or ()
        coupon_results = tuple(from_data(CouponResult, data) for data in kept_results)  # type: ignore[union-attr]
        restored_coupons = tuple(ReceiptCoupon(result.code, result) for result in coupon_results)
        kept_codes = coupons_from_data(kept.get("coupons"))  # type: ignore[arg-type]
        if reserved:
            self._reservation = Reservation(transaction_id, redeem, lines, self._clock(), coupon_results)
            self._reserved_coupons = kept_codes
        calculation = Calculation(
            accrual=Decimal(str(kept["accrual"])),
            max_redeem=Decimal(str(kept["max_redeem"])),
            redeem=redeem,
            lines=lines,
            confirmation_required=False,
        )
        self._set(
            phase=Phase.AWAITING_PAYMENT,
            customer=customer,
            customer_as_of=None if as_of is None else datetime.fromisoformat(str(as_of)),
            calculation=calculation,
            redeem=redeem,
            discounts=discounts,
            coupons=restored_coupons,
            coupon_discounts=_amounts_by_line(kept.get("coupon_discounts")),
        )
        return self._await_payment()

    def cancel_code(self) -> CheckoutState:
        """Give up on the code: back to the receipt with no redemption, and say nothing is spent."""
        if self._state.phase is Phase.AWAITING_CODE:
            self._redeem_choice = ZERO
            self._set(phase=Phase.IDENTIFIED, confirmation=None, notice=None)
            self._recalculate()
            if self._state.notice is None:
                text = translate("Checkout", "Code entry cancelled: no bonuses will be spent on this receipt.")
                self._set(notice=notices.info(text))
        return self._state

    def resend_code(self) -> CheckoutState:
        """Send the customer a new code for the redemption waiting for one."""
        if self._state.phase is not Phase.AWAITING_CODE:
            return self._state
        self._ask_for_code()
        if self._state.phase is Phase.AWAITING_CODE and self._state.notice is None:
            text = translate("Checkout", "A new code was sent to %1. Use the code from the newest message.")
            assert self._state.confirmation is not None
            self._set(notice=notices.info(text.replace("%1", self._state.confirmation.sent_to)))
        return self._state

    def void_receipt(self, next_receipt: Receipt | None = None) -> CheckoutState:
        """Void the open receipt: release the reservation and start the host's next receipt.

        A host's receipt (`take_host_receipt`) voided with no next receipt stays on show as
        VOIDED until the host sends its next one.
        """
        if self._state.phase is Phase.CLOSED:  # fiscalised: a return, not a void
            return self.new_receipt(next_receipt)
        if self._state.phase is Phase.VOIDED:
            return self._state if next_receipt is None else self.new_receipt(next_receipt)
        had_reservation = self._reservation is not None
        if self._holds_something():
            self._release_reservation()
        if had_reservation:
            text = translate("Checkout", "Receipt voided. Reserved bonuses released.")
        else:
            text = translate("Checkout", "Receipt voided.")
        if self._host_pays and next_receipt is None:
            self._redeem_choice = None
            self._set(phase=Phase.VOIDED, confirmation=None, notice=notices.info(text))
            return self._state
        self._start_over(next_receipt or self._empty_receipt())
        self._set(notice=notices.info(text))
        return self._state

    # ----- steps -------------------------------------------------------------------------
    def _recalculate(self) -> None:
        """Quote the receipt, then allocate the chosen redemption (the maximum unless chosen)."""
        state = self._state
        assert state.customer is not None
        if not state.receipt.lines:
            self._set(
                calculation=None, redeem=ZERO, discounts={}, coupons=unchecked(state.coupons), coupon_discounts={}
            )
            return
        if state.customer_as_of is not None:
            self._estimate_offline()
            return
        customer_id = state.customer.customer_id
        codes = tuple(coupon.code for coupon in state.coupons)
        try:
            calculation = self._service.calculate(customer_id, state.receipt, None, coupons=codes)
            wanted = calculation.max_redeem if self._redeem_choice is None else self._redeem_choice
            wanted = min(wanted, calculation.max_redeem)
            if wanted > ZERO and state.customer.status is CustomerStatus.ACTIVE:
                calculation = self._service.calculate(customer_id, state.receipt, wanted, coupons=codes)
        except errors.ServiceUnavailable:
            self._go_offline()
            return
        except errors.LoyaltyError as exc:
            self._set(
                calculation=None,
                redeem=ZERO,
                discounts={},
                coupons=unchecked(state.coupons),
                coupon_discounts={},
                notice=notices.fault(exc),
            )
            return
        self._set(
            calculation=calculation,
            redeem=calculation.redeem,
            discounts={line.line_no: line.discount for line in calculation.lines},
            coupons=with_results(state.coupons, calculation.coupons),
            coupon_discounts=coupon_parts(calculation.lines),
        )

    def _ask_for_code(self) -> CheckoutState:
        state = self._state
        assert state.customer is not None
        try:
            sent = self._service.send_confirmation_code(
                ConfirmationPurpose.REDEEM, customer_id=state.customer.customer_id, amount=state.redeem
            )
        except errors.ServiceUnavailable:
            self._go_offline()
            return self._state
        except errors.LoyaltyError as exc:
            self._set(notice=notices.fault(exc))
            return self._state
        self._set(phase=Phase.AWAITING_CODE, confirmation=sent, notice=None, codes_sent=self._state.codes_sent + 1)
        return self._state

    def _ask_for_approval(self) -> CheckoutState:
        """Offline spending goes ahead only with the admin's PIN: wait for it."""
        text = translate(
            "Checkout", "Spending %1 offline needs the admin PIN."
        ).replace("%1", format_money(self._state.redeem, self._state.currency))
        self._set(phase=Phase.AWAITING_APPROVAL, notice=notices.warning(text))
        return self._state

    def _reserve(self, code: str | None) -> bool:
        state = self._state
        assert state.customer is not None
        transaction_id = self._transaction_id or self._new_id()
        self._transaction_id = transaction_id
        customer_id = state.customer.customer_id
        # Kept first: the service may reserve and its answer be lost with the till.
        self._recorder.reserving(transaction_id=transaction_id, customer_id=customer_id, receipt=state.receipt)
        codes = applied_codes(state.coupons)
        try:
            reservation = self._service.reserve(
                transaction_id, customer_id, state.receipt, state.redeem, code, coupons=codes
            )
        except errors.ConfirmationInvalid as exc:
            self._set(notice=notices.fault(exc))
            return False
        except errors.ConfirmationRequired:
            self._ask_for_code()
            return False
        except errors.ServiceUnavailable as exc:
            self._transaction_id = None
            if exc.unreachable:  # the request never left the till: nothing can be held for it
                self._recorder.reservation_refused(transaction_id=transaction_id)
            else:  # the request may have reached the service and only the answer be lost: cancel it
                self._recorder.record_cancel(transaction_id=transaction_id, customer_id=customer_id)
            self._set(phase=Phase.IDENTIFIED, confirmation=None)
            self._go_offline()
            return False
        except errors.LoyaltyError as exc:
            self._transaction_id = None
            self._recorder.reservation_refused(transaction_id=transaction_id)
            self._set(phase=Phase.IDENTIFIED, confirmation=None, notice=notices.fault(exc))
            self._recalculate()
            return False
        self._reservation = reservation
        self._reserved_coupons = codes
        self._set(
            discounts={line.line_no: line.discount for line in reservation.lines},
            redeem=reservation.redeem,
            coupons=with_results(state.coupons, reservation.coupons) if codes else state.coupons,
            coupon_discounts=coupon_parts(reservation.lines),
        )
        return True

    def _await_payment(self) -> CheckoutState:
        if self._host_pays:
            self._keep_awaiting_payment()
            text = translate("Checkout", "To pay: %1. Waiting for the POS to report the payment.")
        else:
            text = translate("Checkout", "To pay: %1. Take payment, then press Payment received (F8).")
        text = text.replace("%1", format_money(self._state.to_pay, self._state.currency))
        self._set(phase=Phase.AWAITING_PAYMENT, confirmation=None, notice=notices.info(text))
        return self._state

    def _keep_awaiting_payment(self) -> None:
        """A host's receipt with a customer awaits payment: keep it, so that the host may still
        report it paid (or void) after the till restarts."""
        state = self._state
        if state.customer is None or self._payment_kept:
            return
        transaction_id = self._transaction_id or self._new_id()
        self._transaction_id = transaction_id
        calculation = state.calculation
        shown: dict[str, object] = {
            "customer": customer_to_dict(state.customer),
            "customer_as_of": None if state.customer_as_of is None else state.customer_as_of.isoformat(),
            "accrual": str(calculation.accrual if calculation else ZERO),
            "max_redeem": str(calculation.max_redeem if calculation else ZERO),
            "discounts": {str(line): str(amount) for line, amount in state.discounts.items()},
            "coupon_results": [to_data(coupon.result) for coupon in state.coupons if coupon.result is not None],
            "coupon_discounts": {str(line): str(amount) for line, amount in state.coupon_discounts.items()},
        }
        allocation = self._allocation()
        if allocation is not None:  # a restart must not lose what each line earns (for returns)
            shown["allocation"] = allocation.to_dict()
        self._recorder.awaiting_payment(
            transaction_id=transaction_id,
            customer_id=state.customer.customer_id,
            receipt=state.receipt,
            redeem=state.redeem,
            offline=state.customer_as_of is not None,
            reserved=self._reservation is not None,
            shown=shown,
            coupons=self._sale_coupons(),
        )
        self._payment_kept = True

    def _fiscalise_and_record(self) -> CheckoutState:
        state = self._state
        transaction_id = self._transaction_id or self._new_id()
        self._transaction_id = transaction_id  # a retry after a registrar failure keeps it
        customer_id = state.customer.customer_id if state.customer else None
        offline = state.customer_as_of is not None
        if customer_id is not None:
            # Kept first: the registrar may print the receipt and the till die before recording it.
            self._recorder.fiscalising(
                transaction_id=transaction_id,
                customer_id=customer_id,
                receipt=state.receipt,
                redeem=state.redeem,
                offline=offline,
                reserved=self._reservation is not None,
                coupons=self._sale_coupons(),
            )
        assert self._registrar is not None  # payment_received: a till without one waits for the host
        document = self._registrar.fiscalise(state.receipt, state.fiscal_discounts())
        return self._record_sale(document, transaction_id)

    def _record_sale(self, document: FiscalDocument, transaction_id: str | None = None) -> CheckoutState:
        """The receipt was fiscalised as `document`: record the sale with a customer, then CLOSED.

        A sale without a customer records nothing; it keeps `transaction_id` if one is given.
        """
        state = self._state
        customer_id = state.customer.customer_id if state.customer else None
        offline = state.customer_as_of is not None
        if customer_id is not None:
            transaction_id = transaction_id or self._transaction_id or self._new_id()
            self._recorder.record_commit(
                transaction_id=transaction_id,
                customer_id=customer_id,
                receipt=state.receipt,
                redeem=state.redeem,
                fiscal=document,
                offline=offline,
                occurred_at=document.closed_at,
                allocation=self._allocation(),
                coupons=self._sale_coupons(),
            )
        accrual = state.calculation.accrual if state.calculation else ZERO
        self._reservation = None
        self._reserved_coupons = ()
        self._transaction_id = None
        self._payment_kept = False
        self._set(
            phase=Phase.CLOSED,
            confirmation=None,
            sale=ClosedSale(transaction_id, customer_id, document, state.redeem, accrual),
            notice=notices.success(
                translate("Checkout", "Receipt closed. Fiscal document No. %1.").replace(
                    "%1", document.document_number
                )
            ),
        )
        return self._state

    def _sale_coupons(self) -> tuple[str, ...]:
        """The coupons the sale uses: those reserved with it, else those the quote applied (online)."""
        if self._reservation is not None:
            return self._reserved_coupons
        if self._state.customer_as_of is not None:
            return ()
        return applied_codes(self._state.coupons)

    def _allocation(self) -> SaleAllocation | None:
        """The open receipt's points per line as it is sold: the reservation's allocation, else the
        calculation's (the service allocates a commit without reservation the same way)."""
        state = self._state
        lines = self._reservation.lines if self._reservation is not None else ()
        if not lines and state.calculation is not None:
            lines = state.calculation.lines
        if not lines:
            return None
        found = {line.line_no: line for line in lines}
        allocation = tuple(
            LineAllocation(
                line.line_no,
                state.discounts.get(line.line_no, ZERO),
                found[line.line_no].accrual if line.line_no in found else ZERO,
                state.line_discount(line.line_no).coupon,
                state.line_discount(line.line_no).points,
            )
            for line in state.receipt.lines
        )
        points = None
        if state.redeem <= ZERO:
            points = ZERO
        elif self._program is not None and self._program.point_value > ZERO:
            points = rules.points_for_redeem(self._program, state.redeem)
        return SaleAllocation(allocation, points)

    def _go_offline(self) -> None:
        """The service stopped answering mid-sale: carry on from what the till knows."""
        self._redeem_choice = None
        self._set(customer_as_of=self._clock())
        self._estimate_offline()
        self._set(notice=self._offline_notice())

    def _estimate_offline(self) -> None:
        """Accrual estimated with the cached program rules; spending only as the offline policy allows.

        Offline the default is to spend nothing: the cashier asks for an amount, and closing then
        needs the admin's approval.
        """
        state = self._state
        customer = state.customer
        assert customer is not None
        program = self._program
        self._set(coupons=unchecked(state.coupons), coupon_discounts={})  # offline no coupon can be checked
        if program is None or not state.receipt.lines:
            self._set(calculation=None, redeem=ZERO, discounts={})
            return
        spendable = self._offline_allowance(program, customer)
        quote = rules.calculate(program, state.receipt, customer.tier, spendable, None, customer.status)
        wanted = min(self._redeem_choice or ZERO, quote.max_redeem)
        if wanted > ZERO:
            quote = replace(
                rules.calculate(program, state.receipt, customer.tier, spendable, wanted, customer.status),
                max_redeem=quote.max_redeem,
            )
        calculation = replace(quote, confirmation_required=False)
        self._set(
            calculation=calculation,
            redeem=calculation.redeem,
            discounts={line.line_no: line.discount for line in calculation.lines if line.discount > ZERO},
        )

    def _offline_allowance(self, program: Program, customer: Customer) -> Decimal:
        """Points the customer may spend offline now, after this till's holds and today's spending."""
        if not self._offline_policy.allowed or not self._may_spend_offline or self._offline is None:
            return ZERO
        now = self._clock()
        return offline_redemption.allowance(
            self._offline_policy,
            program,
            customer.balance.spendable,
            self._offline.held_redemptions(customer.customer_id, self._balance_seen_at or now),
            self._offline.offline_redemptions_since(customer.customer_id, offline_redemption.start_of_day(now)),
        )

    def _offline_notice(self) -> Notice:
        calculation = self._state.calculation
        spendable = calculation.max_redeem if calculation is not None else ZERO
        return offline_texts.offline_notice(spendable, self._state.currency, coupons=bool(self._state.coupons))

    def _not_cached_text(self, exc: errors.ServiceUnavailable) -> str:
        return (
            notices.fault_text(exc)
            + " "
            + translate("Checkout", "This customer has not been seen at this till before.")
        )

    def _holds_something(self) -> bool:
        """A reservation is held, or an open sale awaits the host's payment."""
        return self._reservation is not None or self._payment_kept

    def _release_reservation(self) -> None:
        reservation, customer = self._reservation, self._state.customer
        transaction_id, kept = self._transaction_id, self._payment_kept
        held_coupons = self._reserved_coupons
        self._reservation = None
        self._reserved_coupons = ()
        self._transaction_id = None
        self._payment_kept = False
        if reservation is not None and customer is not None:
            self._recorder.record_cancel(transaction_id=reservation.transaction_id, customer_id=customer.customer_id)
            if held_coupons:
                self._release_coupons_now(reservation.transaction_id)
        elif kept and transaction_id is not None:
            self._recorder.payment_abandoned(transaction_id=transaction_id)

    def _release_coupons_now(self, transaction_id: str) -> None:
        """Send the cancel of a reservation that held coupons at once, besides the outbox: until the
        service hears it, the receipt's own coupons would be quoted as held by another receipt."""
        try:
            self._service.cancel(transaction_id)
        except errors.LoyaltyError as exc:  # the outbox delivers the cancel all the same
            log.info("coupons' reservation not released yet: %s", type(exc).__name__)

    def _start_over(self, receipt: Receipt, *, host_pays: bool = False) -> None:
        if self._transaction_id is not None and self._reservation is None:
            # A reservation asked for and refused (a wrong code): its open sale holds nothing.
            self._recorder.reservation_refused(transaction_id=self._transaction_id)
        self._reservation = None
        self._reserved_coupons = ()
        self._transaction_id = None
        self._payment_kept = False
        self._redeem_choice = None
        self._host_pays = host_pays
        self._state = CheckoutState(Phase.NO_CUSTOMER, receipt, self._state.currency, from_host=host_pays)

    def _till_receipt_untouched(self) -> bool:
        """Whether the open receipt is the till's own empty one, with nothing asked of the service."""
        return (
            not self._host_pays
            and not self._state.receipt.lines
            and self._state.phase in (Phase.NO_CUSTOMER, Phase.IDENTIFIED)
            and self._transaction_id is None
            and not self._holds_something()
        )

    def _editing_phase(self) -> Phase:
        return Phase.IDENTIFIED if self._state.customer is not None else Phase.NO_CUSTOMER

    def _status_notice(self, customer: Customer) -> Notice | None:
        if customer.status is CustomerStatus.NOT_ACTIVATED:
            return notices.warning(
                translate("Checkout", "Card not activated: bonuses are earned but cannot be spent yet.")
            )
        return None

    def _empty_receipt(self) -> Receipt:
        return Receipt(self._new_id(), self._store_id, self._till_id, self._clock(), ())

    def _set(self, **changes: object) -> None:
        self._state = replace(self._state, online=self._monitor.online, **changes)
