"""The host API's JSON shapes (pydantic v2): what a POS sends and what the till answers.

Money and quantities travel as decimal strings (`"12.50"`, `"0.750"`), never as JSON numbers;
times are ISO 8601 with an offset. Field names are the contract's (camelCase).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

MAX_LINES = 1000
"""The most lines a receipt may have."""

MoneyText = Annotated[str, StringConstraints(pattern=r"^\d{1,9}(\.\d{1,2})?$")]
QuantityText = Annotated[str, StringConstraints(pattern=r"^\d{1,6}(\.\d{1,3})?$")]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class _Strict(BaseModel):
    """Unknown fields are refused: a misspelt field must not be ignored in silence."""

    model_config = ConfigDict(extra="forbid", strict=True)


class LineIn(_Strict):
    """One receipt line as the POS sends it."""

    lineNo: int = Field(ge=1, le=1_000_000)
    sku: Annotated[str, StringConstraints(max_length=64)]
    name: Annotated[str, StringConstraints(max_length=256)]
    quantity: QuantityText
    price: MoneyText
    amount: MoneyText
    redeemAllowed: bool = True
    accrualAllowed: bool = True
    minPrice: MoneyText | None = None

    @model_validator(mode="after")
    def _positive_quantity(self) -> "LineIn":
        if Decimal(self.quantity) <= 0:
            raise ValueError("quantity must be above zero")
        return self


class ReceiptIn(_Strict):
    """The receipt the POS hands over (PUT replaces its lines)."""

    storeId: ShortText | None = None
    tillId: ShortText | None = None
    lines: list[LineIn] = Field(max_length=MAX_LINES)

    @model_validator(mode="after")
    def _distinct_line_numbers(self) -> "ReceiptIn":
        numbers = [line.lineNo for line in self.lines]
        if len(set(numbers)) != len(numbers):
            raise ValueError("line numbers must be distinct")
        return self


class IdentifyIn(_Strict):
    """A customer's identifier as typed or scanned: a phone, a card number, an app QR."""

    identifier: Annotated[str, StringConstraints(min_length=1, max_length=64)]


class RedeemIn(_Strict):
    """Points to spend on the receipt."""

    amount: MoneyText


class CouponIn(_Strict):
    """An offer's coupon as scanned or typed: EAN-13 starting with 99, or its QR's digits."""

    code: Annotated[str, StringConstraints(min_length=1, max_length=64)]


class CodeIn(_Strict):
    """The one-time code the customer read out."""

    code: Annotated[str, StringConstraints(min_length=1, max_length=16)]


class FiscalIn(_Strict):
    """The fiscal document the POS printed for the receipt."""

    model_config = ConfigDict(extra="forbid", strict=False)  # closedAt comes as text

    documentNumber: ShortText
    closedAt: AwareDatetime


class PaidIn(_Strict):
    """The POS took payment and fiscalised the receipt."""

    fiscal: FiscalIn


class ReturnLineIn(_Strict):
    """A line of the original receipt and how much of it comes back (partial quantities too)."""

    lineNo: int = Field(ge=1, le=1_000_000)
    quantity: QuantityText


class ReturnIn(_Strict):
    """A return the POS made: the original receipt, the return's fiscal document, the lines back.

    `originalTransactionId` (the till's transaction id of the sale, from its receipt or slip) lets a
    sale made on another till be returned; it is not needed for a sale of this till.
    """

    originalReceiptId: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[^\s/]+$")]
    originalTransactionId: ShortText | None = None
    fiscal: FiscalIn
    lines: list[ReturnLineIn] = Field(min_length=1, max_length=MAX_LINES)

    @model_validator(mode="after")
    def _distinct_line_numbers(self) -> "ReturnIn":
        numbers = [line.lineNo for line in self.lines]
        if len(set(numbers)) != len(numbers):
            raise ValueError("line numbers must be distinct")
        return self


class CustomerOut(BaseModel):
    """The customer as the till shows them (never the full phone)."""

    displayName: str
    maskedPhone: str
    tier: str
    balance: str
    asOf: str | None = Field(description="Offline: when the balance was last seen; null online")


class CalculationOut(BaseModel):
    """What the receipt earns and the most that may be spent on it."""

    accrual: str
    maxRedeem: str


class FiscalLineOut(BaseModel):
    """A line to print on the fiscal receipt, with its loyalty discount (split where needed)."""

    lineNo: int
    quantity: str
    price: str
    discount: str
    amount: str
    couponDiscount: str = Field("0.00", description="The coupons' part of the discount")
    pointsDiscount: str = Field("0.00", description="The part of the discount paid with points")


class CouponOut(BaseModel):
    """A coupon on the receipt: what it gives on it, or why it does not apply."""

    code: str
    title: str = Field(description="The offer's title; the code while the service has not checked it")
    applied: bool
    reason: str | None = Field(
        description="Why it does not apply: UNKNOWN, USED, EXPIRED, NOT_STARTED, MIN_AMOUNT, NOT_OWNER, "
        "NO_ELIGIBLE_LINES, HELD; NOT_CHECKED while the loyalty service cannot be asked"
    )
    reasonText: str | None = Field(description="The reason in the till's language")
    discount: str = Field(description="Money off this receipt")
    extraAccrual: str = Field(description="Points earned beyond the tier's")


class NoticeOut(BaseModel):
    """What the panel tells the cashier now."""

    level: Literal["info", "success", "warning", "error"]
    text: str


class ReceiptStateOut(BaseModel):
    """The receipt as the till sees it."""

    receiptId: str
    phase: Literal[
        "no_customer", "identified", "awaiting_code", "awaiting_approval", "awaiting_payment", "closed", "voided"
    ]
    online: bool | None
    customer: CustomerOut | None
    calculation: CalculationOut | None
    redeem: str
    coupons: list[CouponOut]
    lines: list[FiscalLineOut]
    total: str
    toPay: str
    notice: NoticeOut | None
    transactionId: str | None
    accrualExpected: str | None
    fiscalDocumentNumber: str | None
    registrationPossible: bool = Field(
        False,
        description="The phone last searched is no member's: the cashier may register the customer at the till",
    )


class ReturnLineOut(BaseModel):
    """A line returned."""

    lineNo: int
    quantity: str


class ReturnOut(BaseModel):
    """A return as the till recorded it, and how far it got."""

    returnId: str
    originalReceiptId: str
    originalTransactionId: str
    fiscalDocumentNumber: str
    lines: list[ReturnLineOut]
    pointsReversed: str | None = Field(description="Accrual taken back; null when it cannot be estimated")
    pointsReturned: str | None = Field(description="Spent points given back; null when it cannot be estimated")
    newBalance: str | None = Field(description="The customer's balance after the return, once the service said it")
    state: Literal["queued", "delivered", "failed"]
    confirmed: bool = Field(description="True when the figures are the service's, false while expected")
    faultCode: str | None = Field(
        description="Failed: why, as a code: the service's fault (REFUND_EXCEEDS_PURCHASE, TRANSACTION_NOT_FOUND, "
        "...), BAD_PAYLOAD for a damaged record, SET_ASIDE when an admin set it aside; null otherwise",
    )
    faultMessage: str | None = Field(
        description="Failed: the service's message with the fault, as it gave it (set aside: the failure before); "
        "null otherwise",
    )


class QueueOut(BaseModel):
    """The till's sending queue."""

    waiting: int
    failed: int


class PrinterOut(BaseModel):
    """The slip printer's state as last heard ("none": no printer set up)."""

    state: str
    text: str


class OpenReceiptOut(BaseModel):
    """The open receipt, in short."""

    receiptId: str
    phase: str


class StatusOut(BaseModel):
    """The till at a glance."""

    version: str
    online: bool | None
    queue: QueueOut
    printer: PrinterOut
    receipt: OpenReceiptOut | None


class ErrorBody(BaseModel):
    """What went wrong, in the till's language."""

    code: str
    message: str
    retryable: bool


class ErrorOut(BaseModel):
    """Every error answer."""

    error: ErrorBody


class ShiftCountOut(BaseModel):
    """A count of the shift, and how many of them the loyalty service has not confirmed yet."""

    count: int
    confirmed: bool
    unconfirmed: int


class ShiftPointsOut(BaseModel):
    """Points of the shift: the service's (`confirmed`), the till's estimate of operations not yet
    delivered (`expected`), and their sum. `unknown` operations could not be estimated."""

    confirmed: str
    expected: str
    total: str
    fullyConfirmed: bool
    unconfirmed: int
    unknown: int


class DeliveriesOut(BaseModel):
    """The shift's operations still to reach the service, and those it refused (for an admin)."""

    waiting: int
    failed: int


class ShiftOut(BaseModel):
    """What the loyalty program did on this till from `from` (included) to `to` (excluded),
    from the till's own journal: it answers offline too."""

    model_config = ConfigDict(populate_by_name=True)

    start: str = Field(alias="from")
    end: str = Field(alias="to")
    fullyConfirmed: bool
    sales: ShiftCountOut = Field(description="Sales with a customer")
    pointsEarned: ShiftPointsOut
    pointsSpent: ShiftPointsOut
    refunds: ShiftCountOut
    pointsReversed: ShiftPointsOut = Field(description="Points earned and taken back by refunds")
    pointsReturned: ShiftPointsOut = Field(description="Points spent and given back by refunds")
    couponsUsed: ShiftCountOut
    deliveries: DeliveriesOut
