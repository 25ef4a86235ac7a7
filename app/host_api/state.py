"""The checkout's state in the host API's words: the receipt state a POS reads."""
from __future__ import annotations

from decimal import Decimal

from app.checkout.coupon_texts import detail_text, title_text
from app.checkout.coupons import ReceiptCoupon
from app.checkout.session import CheckoutState
from app.host_api.models import (
    CalculationOut,
    CouponOut,
    CustomerOut,
    FiscalLineOut,
    LineIn,
    NoticeOut,
    ReceiptStateOut,
)
from fiscal.allocation import fiscal_lines
from fiscal.money import ZERO, money
from fiscal.receipt import ReceiptLine

CENT = Decimal("0.01")


def money_text(value: Decimal) -> str:
    """Money as the API writes it: a string with two places."""
    return str(value.quantize(CENT))


def receipt_lines(lines: list[LineIn]) -> list[ReceiptLine]:
    """The POS's lines as the checkout takes them."""
    return [
        ReceiptLine(
            line_no=line.lineNo,
            sku=line.sku,
            name=line.name,
            quantity=Decimal(line.quantity),
            price=money(Decimal(line.price)),
            amount=money(Decimal(line.amount)),
            redeem_allowed=line.redeemAllowed,
            accrual_allowed=line.accrualAllowed,
            min_price=None if line.minPrice is None else money(Decimal(line.minPrice)),
        )
        for line in lines
    ]


def receipt_state(state: CheckoutState) -> ReceiptStateOut:
    """What the POS reads of the checkout's state."""
    customer = state.customer
    calculation = state.calculation
    sale = state.sale
    return ReceiptStateOut(
        receiptId=state.receipt.receipt_id,
        phase=state.phase.value,  # type: ignore[arg-type]
        online=state.online,
        customer=None
        if customer is None
        else CustomerOut(
            displayName=customer.display_name,
            maskedPhone=customer.masked_phone,
            tier=customer.tier.name,
            balance=money_text(customer.balance.spendable),
            asOf=None if state.customer_as_of is None else state.customer_as_of.isoformat(),
        ),
        calculation=None
        if calculation is None
        else CalculationOut(accrual=money_text(calculation.accrual), maxRedeem=money_text(calculation.max_redeem)),
        redeem=money_text(state.redeem),
        coupons=[_coupon(coupon) for coupon in state.coupons],
        lines=_fiscal_lines(state),
        total=money_text(state.total),
        toPay=money_text(state.to_pay),
        notice=None if state.notice is None else NoticeOut(level=state.notice.severity.value, text=state.notice.text),  # type: ignore[arg-type]
        transactionId=None if sale is None else sale.transaction_id,
        accrualExpected=None if sale is None or sale.expected_accrual is None else money_text(sale.expected_accrual),
        fiscalDocumentNumber=None if sale is None else sale.fiscal.document_number,
        registrationPossible=state.unknown_phone is not None,
    )


def _fiscal_lines(state: CheckoutState) -> list[FiscalLineOut]:
    return [
        FiscalLineOut(
            lineNo=part.line_no,
            quantity=str(part.quantity),
            price=money_text(part.price),
            discount=money_text(part.discount),
            amount=money_text(part.amount),
            couponDiscount=money_text(part.coupon_discount),
            pointsDiscount=money_text(part.points_discount),
        )
        for line in state.receipt.lines
        for part in fiscal_lines(line, state.line_discount(line.line_no))
    ]


def _reason_code(coupon: ReceiptCoupon) -> str:
    """Why a coupon does not apply, as the API names it (NOT_CHECKED: the service was not asked)."""
    result = coupon.result
    return "NOT_CHECKED" if result is None or result.reason is None else result.reason.value


def _coupon(coupon: ReceiptCoupon) -> CouponOut:
    result = coupon.result
    return CouponOut(
        code=coupon.code,
        title=title_text(coupon),
        applied=coupon.applied,
        reason=None if coupon.applied else _reason_code(coupon),
        reasonText=None if coupon.applied else detail_text(coupon),
        discount=money_text(result.discount if result is not None else ZERO),
        extraAccrual=money_text(result.extra_accrual if result is not None else ZERO),
    )
