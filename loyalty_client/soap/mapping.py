"""Domain objects to SOAP request parts and zeep response objects to domain objects.

Requests are plain dicts named as on the wire (docs/architecture.md §3); optional parts that are `None` are
left out. Responses come from zeep after the XSD has accepted them (see `ContractValidator`), so
required parts are present; here they become dataclasses: money as `Decimal`, enumerations as
`Enum`, absent optional parts as `None`, repeated parts as tuples.

zeep unwraps a response element with a single child: `IdentifyCustomer` and `RegisterCustomer`
return the customer itself, `GetOffers` the list of offers (or `None` for none).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Iterable, Sequence

from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client.types import (
    Balance,
    BarcodeKind,
    CouponRefusal,
    CouponResult,
    CancelResult,
    Calculation,
    CommitResult,
    ConfirmationSent,
    Customer,
    CustomerStatus,
    FiscalDocument,
    Identifier,
    LineAllocation,
    NextTier,
    Offer,
    OfferKind,
    Program,
    ProgramTier,
    RefundLine,
    RefundResult,
    Registration,
    Reservation,
    Tier,
)

# ----- requests -----------------------------------------------------------------------------


def decimal_part(value: Decimal) -> Decimal:
    """An amount or quantity for the wire: a `Decimal`, never a float."""
    if not isinstance(value, Decimal):
        raise TypeError(f"amounts must be Decimal, not {type(value).__name__}")
    return value


def optional_parts(**parts: Any) -> dict[str, Any]:
    """The given parts without those that are `None` (absent optional elements)."""
    return {name: value for name, value in parts.items() if value is not None}


def identifier_part(identifier: Identifier) -> dict[str, str]:
    """`identifier { kind, value }`."""
    return {"kind": identifier.kind.value, "value": identifier.value}


def receipt_line_part(line: ReceiptLine) -> dict[str, Any]:
    """One `receipt/lines/line`."""
    return optional_parts(
        lineNo=line.line_no,
        sku=line.sku,
        name=line.name,
        quantity=decimal_part(line.quantity),
        price=decimal_part(line.price),
        amount=decimal_part(line.amount),
        redeemAllowed=line.redeem_allowed,
        accrualAllowed=line.accrual_allowed,
        minPrice=None if line.min_price is None else decimal_part(line.min_price),
    )


def receipt_part(receipt: Receipt) -> dict[str, Any]:
    """`receipt { receiptId, storeId, tillId, openedAt, lines }`."""
    return {
        "receiptId": receipt.receipt_id,
        "storeId": receipt.store_id,
        "tillId": receipt.till_id,
        "openedAt": receipt.opened_at,
        "lines": {"line": [receipt_line_part(line) for line in receipt.lines]},
    }


def fiscal_part(fiscal: FiscalDocument) -> dict[str, Any]:
    """`fiscal { documentNumber, closedAt }`."""
    return {"documentNumber": fiscal.document_number, "closedAt": fiscal.closed_at}


def refund_lines_part(lines: Sequence[RefundLine]) -> dict[str, Any]:
    """`lines { line* { lineNo, quantity } }` of a refund."""
    return {
        "line": [
            {"lineNo": line.line_no, "quantity": decimal_part(line.quantity)} for line in lines
        ]
    }


def coupons_part(codes: Sequence[str]) -> dict[str, Any] | None:
    """`coupons { coupon* { code } }` (revision 4), or None for no coupons: the element is then
    left out and the request is exactly what a service of an earlier revision reads."""
    if isinstance(codes, str):
        raise TypeError("coupons must be a sequence of codes, not one string")
    if not codes:
        return None
    return {"coupon": [{"code": str(code)} for code in codes]}


def registration_parts(registration: Registration) -> dict[str, Any]:
    """The parts of `RegisterCustomerRequest`."""
    return optional_parts(
        phone=registration.phone,
        firstName=registration.first_name,
        birthDate=registration.birth_date,
        marketingConsent=registration.marketing_consent,
        confirmationCode=registration.confirmation_code,
        cardNumber=registration.card_number,
    )


# ----- responses ----------------------------------------------------------------------------


def _items(container: Any, name: str) -> Iterable[Any]:
    """The repeated child `name` of an optional container element (empty when absent)."""
    if container is None:
        return ()
    items = getattr(container, name, None)
    return items or ()


def _optional_decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def messages_from(container: Any) -> tuple[str, ...]:
    """`messages { message* }` as a tuple of texts."""
    return tuple(str(message) for message in _items(container, "message"))


def balance_from(value: Any) -> Balance:
    """`balance { spendable, total, pending, expiringAmount?, expiringOn? }`."""
    return Balance(
        spendable=Decimal(value.spendable),
        total=Decimal(value.total),
        pending=Decimal(value.pending),
        expiring_amount=_optional_decimal(value.expiringAmount),
        expiring_on=value.expiringOn,
    )


def customer_from(value: Any) -> Customer:
    """A `Customer` element."""
    next_tier = value.nextTier
    return Customer(
        customer_id=value.customerId,
        display_name=value.displayName,
        masked_phone=value.maskedPhone,
        status=CustomerStatus(value.status),
        tier=Tier(
            code=value.tier.code,
            name=value.tier.name,
            accrual_percent=Decimal(value.tier.accrualPercent),
        ),
        balance=balance_from(value.balance),
        card_number=value.cardNumber,
        next_tier=None
        if next_tier is None
        else NextTier(
            code=next_tier.code,
            name=next_tier.name,
            threshold=Decimal(next_tier.threshold),
            remaining=Decimal(next_tier.remaining),
        ),
        messages=messages_from(value.messages),
    )


def allocation_line_from(line: Any) -> LineAllocation:
    """`line { lineNo, discount, accrual, couponDiscount?, pointsDiscount? }`: without the parts
    (a service of revision 3 or earlier) the whole discount is the points part."""
    discount = Decimal(line.discount)
    coupon_part = _optional_decimal(getattr(line, "couponDiscount", None))
    points_part = _optional_decimal(getattr(line, "pointsDiscount", None))
    if coupon_part is None and points_part is None:
        coupon_part, points_part = Decimal("0.00"), discount
    elif coupon_part is None:
        coupon_part = discount - points_part  # type: ignore[operator]
    elif points_part is None:
        points_part = discount - coupon_part
    return LineAllocation(
        line_no=int(line.lineNo),
        discount=discount,
        accrual=Decimal(line.accrual),
        coupon_discount=coupon_part,
        points_discount=points_part,
    )


def allocation_from(container: Any) -> tuple[LineAllocation, ...]:
    """`lines { line* }` of an allocation."""
    return tuple(allocation_line_from(line) for line in _items(container, "line"))


def coupon_result_from(value: Any) -> CouponResult:
    """A `CouponResult` element (revision 4)."""
    return CouponResult(
        code=value.code,
        offer_id=value.offerId,
        title=value.title,
        applied=bool(value.applied),
        reason=None if value.reason is None else CouponRefusal(value.reason),
        min_amount=_optional_decimal(value.minAmount),
        valid_until=value.validUntil,
        discount=Decimal(value.discount),
        extra_accrual=Decimal(value.extraAccrual),
    )


def coupon_results_from(container: Any) -> tuple[CouponResult, ...]:
    """`coupons { coupon* }` of an answer (empty from a service of an earlier revision)."""
    return tuple(coupon_result_from(item) for item in _items(container, "coupon"))


def program_from(value: Any) -> Program:
    """`GetProgramResponse`."""
    return Program(
        name=value.name,
        currency=value.currency,
        point_value=Decimal(value.pointValue),
        max_redeem_percent=Decimal(value.maxRedeemPercent),
        confirmation_threshold=Decimal(value.confirmationThreshold),
        tiers=tuple(
            ProgramTier(
                code=tier.code,
                name=tier.name,
                accrual_percent=Decimal(tier.accrualPercent),
                threshold=Decimal(tier.threshold),
            )
            for tier in _items(value.tiers, "tier")
        ),
        version=value.version,
        offline_redeem_limit=_optional_decimal(getattr(value, "offlineRedeemLimit", None)),
    )


def calculation_from(value: Any) -> Calculation:
    """`CalculatePurchaseResponse`."""
    return Calculation(
        accrual=Decimal(value.accrual),
        max_redeem=Decimal(value.maxRedeem),
        redeem=Decimal(value.redeem),
        lines=allocation_from(value.lines),
        confirmation_required=bool(value.confirmationRequired),
        messages=messages_from(value.messages),
        coupons=coupon_results_from(getattr(value, "coupons", None)),
    )


def confirmation_sent_from(value: Any) -> ConfirmationSent:
    """`SendConfirmationCodeResponse`."""
    return ConfirmationSent(sent_to=value.sentTo, expires_in_seconds=int(value.expiresInSeconds))


def reservation_from(value: Any) -> Reservation:
    """`ReservePurchaseResponse`."""
    return Reservation(
        transaction_id=value.transactionId,
        redeem=Decimal(value.redeem),
        lines=allocation_from(value.lines),
        expires_at=value.expiresAt,
        coupons=coupon_results_from(getattr(value, "coupons", None)),
    )


def offer_from(value: Any) -> Offer:
    """An `Offer` element (with its benefit and conditions from revision 4 on)."""
    kind = getattr(value, "kind", None)
    personal = getattr(value, "personal", None)
    return Offer(
        offer_id=value.offerId,
        title=value.title,
        text=value.text,
        coupon_code=value.couponCode,
        valid_until=value.validUntil,
        barcode_kind=BarcodeKind(value.barcodeKind),
        kind=None if kind is None else OfferKind(kind),
        value=_optional_decimal(getattr(value, "value", None)),
        min_amount=_optional_decimal(getattr(value, "minAmount", None)),
        skus=tuple(str(sku) for sku in _items(getattr(value, "skus", None), "sku")),
        categories=tuple(str(category) for category in _items(getattr(value, "categories", None), "category")),
        personal=True if personal is None else bool(personal),
        valid_from=getattr(value, "validFrom", None),
    )


def offers_from(items: Iterable[Any] | None) -> tuple[Offer, ...]:
    """A list of `Offer` elements (`None` for none)."""
    return tuple(offer_from(item) for item in items or ())


def commit_result_from(value: Any) -> CommitResult:
    """`CommitPurchaseResponse`."""
    return CommitResult(
        transaction_id=value.transactionId,
        accrued=Decimal(value.accrued),
        redeemed=Decimal(value.redeemed),
        balance=balance_from(value.balance),
        offers=offers_from(_items(value.offers, "offer")),
        coupons=coupon_results_from(getattr(value, "coupons", None)),
    )


def cancel_result_from(value: Any) -> CancelResult:
    """`CancelPurchaseResponse`."""
    return CancelResult(
        transaction_id=value.transactionId,
        cancelled=bool(value.cancelled),
        balance=None if value.balance is None else balance_from(value.balance),
    )


def refund_result_from(value: Any) -> RefundResult:
    """`RefundPurchaseResponse`."""
    return RefundResult(
        refund_id=value.refundId,
        accrual_reversed=Decimal(value.accrualReversed),
        redeem_returned=Decimal(value.redeemReturned),
        balance=balance_from(value.balance),
    )


def as_datetime(value: datetime) -> datetime:
    """A `datetime` for the wire (refuses dates and strings)."""
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, not {type(value).__name__}")
    return value
