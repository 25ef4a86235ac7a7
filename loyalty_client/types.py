"""Domain types of the loyalty contract (docs/architecture.md §3), independent of SOAP and Qt.

Money and points are `Decimal` with two places. Optional parts are `None`, lists are tuples.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from fiscal.receipt import FiscalDocument  # noqa: F401  (re-exported: the contract names it, fiscal owns it)


class IdentifierKind(str, Enum):
    """What a typed or scanned value identifies."""

    PHONE = "phone"
    CARD = "card"
    QR = "qr"
    COUPON = "coupon"


class CustomerStatus(str, Enum):
    """Whether a member may earn and spend."""

    ACTIVE = "active"
    NOT_ACTIVATED = "not_activated"
    BLOCKED = "blocked"


class ConfirmationPurpose(str, Enum):
    """Why a one-time code is sent to the customer's phone."""

    REDEEM = "redeem"
    REGISTER = "register"


class OfferKind(str, Enum):
    """What an offer gives: money off eligible lines, or extra points on them."""

    PERCENT_OFF = "percent_off"
    AMOUNT_OFF = "amount_off"
    EXTRA_POINTS_MULTIPLIER = "extra_points_multiplier"
    EXTRA_POINTS_FIXED = "extra_points_fixed"


class CouponRefusal(str, Enum):
    """Why a coupon does not apply to a receipt."""

    UNKNOWN = "UNKNOWN"  # no such coupon
    USED = "USED"  # single use, already used up
    EXPIRED = "EXPIRED"
    NOT_STARTED = "NOT_STARTED"
    MIN_AMOUNT = "MIN_AMOUNT"  # the receipt is below the offer's minimum amount
    NOT_OWNER = "NOT_OWNER"  # a personal offer of another member
    NO_ELIGIBLE_LINES = "NO_ELIGIBLE_LINES"  # no line the offer covers can take it
    HELD = "HELD"  # held by another receipt's reservation


class BarcodeKind(str, Enum):
    """How an offer's coupon code is printed."""

    EAN13 = "ean13"
    QR = "qr"


@dataclass(frozen=True)
class Identifier:
    """A normalised customer identifier as sent to the service."""

    kind: IdentifierKind
    value: str


@dataclass(frozen=True)
class ProgramTier:
    """A tier of the program: reached when the 12-month purchase sum meets `threshold`."""

    code: str
    name: str
    accrual_percent: Decimal
    threshold: Decimal


@dataclass(frozen=True)
class Program:
    """The loyalty program's rules as the service publishes them."""

    name: str
    currency: str
    point_value: Decimal
    max_redeem_percent: Decimal
    confirmation_threshold: Decimal
    tiers: tuple[ProgramTier, ...]
    version: str
    # Points one customer may spend offline per day (all tills together); None: not published
    # (a service of contract revision 1), the till's own offline setting alone applies.
    offline_redeem_limit: Decimal | None = None


@dataclass(frozen=True)
class Tier:
    """The customer's current tier and its benefit."""

    code: str
    name: str
    accrual_percent: Decimal


@dataclass(frozen=True)
class NextTier:
    """The next tier and how much more the customer has to buy to reach it."""

    code: str
    name: str
    threshold: Decimal
    remaining: Decimal


@dataclass(frozen=True)
class Balance:
    """Points: spendable now, total (incl. not yet spendable), pending, and soon expiring."""

    spendable: Decimal
    total: Decimal
    pending: Decimal
    expiring_amount: Decimal | None = None
    expiring_on: date | None = None


@dataclass(frozen=True)
class Customer:
    """A loyalty member as shown at the till (never the full phone number)."""

    customer_id: str
    display_name: str
    masked_phone: str
    status: CustomerStatus
    tier: Tier
    balance: Balance
    card_number: str | None = None
    next_tier: NextTier | None = None
    messages: tuple[str, ...] = ()


@dataclass(frozen=True)
class LineAllocation:
    """Loyalty effect on one receipt line: its discount and the points it earns.

    `discount` is the whole loyalty discount of the line, always `coupon_discount +
    points_discount`. Made with the total alone (a service or caller that knows no coupons), the
    whole discount is the points part.
    """

    line_no: int
    discount: Decimal
    accrual: Decimal
    coupon_discount: Decimal = Decimal("0.00")
    points_discount: Decimal = Decimal("0.00")

    def __post_init__(self) -> None:
        if not self.coupon_discount and not self.points_discount and self.discount:
            object.__setattr__(self, "points_discount", self.discount)
        elif self.coupon_discount + self.points_discount != self.discount:
            raise ValueError(
                f"line {self.line_no}: discount {self.discount} is not coupon {self.coupon_discount} "
                f"+ points {self.points_discount}"
            )


@dataclass(frozen=True)
class CouponResult:
    """What one coupon does on a receipt: its discount or extra points, or why it does not apply."""

    code: str
    offer_id: str | None
    title: str
    applied: bool
    reason: CouponRefusal | None = None
    min_amount: Decimal | None = None  # for MIN_AMOUNT
    valid_until: date | None = None  # for EXPIRED; shown on the card
    discount: Decimal = Decimal("0.00")  # money off this receipt
    extra_accrual: Decimal = Decimal("0.00")  # points earned beyond the tier's


@dataclass(frozen=True)
class Calculation:
    """What the service calculated for a receipt: points to earn, redeemable maximum, allocation."""

    accrual: Decimal
    max_redeem: Decimal
    redeem: Decimal
    lines: tuple[LineAllocation, ...]
    confirmation_required: bool
    messages: tuple[str, ...] = ()
    coupons: tuple[CouponResult, ...] = ()


@dataclass(frozen=True)
class ConfirmationSent:
    """Where a one-time code went and how long it is valid."""

    sent_to: str
    expires_in_seconds: int


@dataclass(frozen=True)
class Reservation:
    """Points held on the server for a receipt until it is committed or cancelled."""

    transaction_id: str
    redeem: Decimal
    lines: tuple[LineAllocation, ...]
    expires_at: datetime
    coupons: tuple[CouponResult, ...] = ()


@dataclass(frozen=True)
class Offer:
    """A personalised offer with its coupon, printed after the sale.

    The benefit and its conditions (from `kind` on) are known when the service tells them
    (contract revision 4); otherwise `kind` is None and the card shows the offer's text only.
    `skus` and `categories` empty: the offer covers the whole receipt.
    """

    offer_id: str
    title: str
    text: str
    coupon_code: str
    valid_until: date
    barcode_kind: BarcodeKind
    kind: OfferKind | None = None
    value: Decimal | None = None  # percent, amount, multiplier or points, as `kind` says
    min_amount: Decimal | None = None  # the least receipt total the coupon applies to
    skus: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    personal: bool = True  # only its owner may use it
    valid_from: date | None = None


@dataclass(frozen=True)
class CommitResult:
    """The outcome of a committed purchase."""

    transaction_id: str
    accrued: Decimal
    redeemed: Decimal
    balance: Balance
    offers: tuple[Offer, ...] = ()
    coupons: tuple[CouponResult, ...] = ()


@dataclass(frozen=True)
class CancelResult:
    """The outcome of a cancelled reservation or purchase."""

    transaction_id: str
    cancelled: bool
    balance: Balance | None = None


@dataclass(frozen=True)
class RefundLine:
    """How much of an original line is returned."""

    line_no: int
    quantity: Decimal


@dataclass(frozen=True)
class RefundResult:
    """Points taken back and points returned for a refund."""

    refund_id: str
    accrual_reversed: Decimal
    redeem_returned: Decimal
    balance: Balance


@dataclass(frozen=True)
class Registration:
    """A new member's data, confirmed by a one-time code sent to the phone."""

    phone: str
    first_name: str
    marketing_consent: bool
    confirmation_code: str
    birth_date: date | None = None
    card_number: str | None = None  # a printed loyalty card linked to the new member
