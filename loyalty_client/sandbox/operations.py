"""The contract's operations on the wire: request element → `LoyaltyService` call → response element.

Requests reach these handlers already validated against the schema, so the readers here only
convert; element order in the builders follows the schema's sequences.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Callable, Iterable, Iterator, Sequence

from lxml import etree

from fiscal.money import CENT
from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client.batch import BatchAnswer, BatchItem, CancelItem, CommitItem, RefundItem, deliver_one, delivers_batches
from loyalty_client.errors import ConfirmationInvalid, InvalidRequest, LoyaltyFault
from loyalty_client.sandbox.serving.soap import MAX_MESSAGE, SOAP_ENV, TL, hardened_parser
from loyalty_client.service import LoyaltyService
from loyalty_client.types import (
    Balance,
    CancelResult,
    CommitResult,
    ConfirmationPurpose,
    CouponResult,
    Customer,
    FiscalDocument,
    Identifier,
    IdentifierKind,
    LineAllocation,
    Offer,
    RefundLine,
    RefundResult,
    Registration,
)

Handler = Callable[[LoyaltyService, etree._Element], etree._Element]
MAX_MESSAGES = 20


# ----- reading ------------------------------------------------------------------------------------


def _q(name: str) -> str:
    return f"{{{TL}}}{name}"


def _stripped(element: etree._Element) -> str:
    return (element.text or "").strip()


def _opt(element: etree._Element, name: str) -> str | None:
    child = element.find(_q(name))
    return None if child is None else _stripped(child)


def _req(element: etree._Element, name: str) -> str:
    value = _opt(element, name)
    if value is None:
        raise InvalidRequest(f"Нет элемента {name}")
    return value


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise InvalidRequest(f"Неверное число: {text[:40]}") from None


def _bool(text: str) -> bool:
    return text in ("true", "1")


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidRequest(f"Неверные дата и время: {text[:40]}") from None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InvalidRequest(f"Неверная дата: {text[:40]}") from None


def _opt_decimal(element: etree._Element, name: str) -> Decimal | None:
    value = _opt(element, name)
    return None if value is None else _decimal(value)


def _texts(element: etree._Element) -> list[str]:
    """The stripped texts of an element's child elements, in order (comments skipped)."""
    return [_stripped(child) for child in element.iterchildren(etree.Element)]


# The schema fixes the order of every sequence read below, so the readers take children by
# position: naming each child costs more than the rest of reading it.
_LINE_OPTIONS = {_q("redeemAllowed"): 0, _q("accrualAllowed"): 1, _q("minPrice"): 2}
_RECEIPT = _q("receipt")


def read_receipt(element: etree._Element) -> Receipt:
    """The `receipt` element as a `Receipt`."""
    receipt_id, store_id, till_id, opened_at, lines_element = element.iterchildren(etree.Element)
    lines = []
    for line in lines_element.iterchildren(etree.Element):
        line_no, sku, name, quantity, price, amount, *optional = line.iterchildren(etree.Element)
        options: list[str | None] = [None, None, None]  # redeemAllowed, accrualAllowed, minPrice
        for child in optional:
            options[_LINE_OPTIONS[child.tag]] = _stripped(child)
        redeem_allowed, accrual_allowed, min_price = options
        lines.append(
            ReceiptLine(
                int(line_no.text),  # int() and Decimal() ignore the whitespace around a number
                _stripped(sku),
                _stripped(name),
                _decimal(quantity.text),
                _decimal(price.text),
                _decimal(amount.text),
                True if redeem_allowed is None else _bool(redeem_allowed),
                True if accrual_allowed is None else _bool(accrual_allowed),
                None if min_price is None else _decimal(min_price),
            )
        )
    return Receipt(
        _stripped(receipt_id), _stripped(store_id), _stripped(till_id), _moment(_stripped(opened_at)), tuple(lines)
    )


def _receipt_of(request: etree._Element) -> Receipt:
    return read_receipt(request.find(_RECEIPT))  # type: ignore[arg-type]


def _coupons_of(request: etree._Element) -> tuple[str, ...]:
    """The codes of `coupons { coupon* { code } }` (revision 4), in order; none when absent."""
    container = request.find(_q("coupons"))
    if container is None:
        return ()
    return tuple(_req(coupon, "code") for coupon in container.iterfind(_q("coupon")))


def _with_coupons(coupons: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The `coupons` keyword for a service call: left out when there are none, so a service of
    an earlier revision (or a stand-in without the keyword) is called as before."""
    return {"coupons": coupons} if coupons else {}


# ----- writing ------------------------------------------------------------------------------------


def _el(name: str, *children: etree._Element | None, text: str | None = None) -> etree._Element:
    element = etree.Element(_q(name), nsmap={"tl": TL})
    if text is not None:
        element.text = text
    for child in children:
        if child is not None:
            element.append(child)
    return element


def _amount(name: str, value: Decimal) -> etree._Element:
    return _el(name, text=_amount_text(value))


def _amount_text(value: Decimal) -> str:
    normal = value.quantize(CENT) + 0  # `+ 0` turns -0.00 into 0.00
    return str(normal)  # two places: never an exponent, and several times quicker than format()


def _text(name: str, value: str) -> etree._Element:
    return _el(name, text=value if len(value) <= MAX_MESSAGE else value[: MAX_MESSAGE - 1] + "…")


def _flag(name: str, value: bool) -> etree._Element:
    return _el(name, text="true" if value else "false")


def _moment_el(name: str, value: datetime) -> etree._Element:
    return _el(name, text=value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"))


def _messages(messages: Sequence[str]) -> etree._Element | None:
    if not messages:
        return None
    return _el("messages", *(_text("message", message) for message in messages[:MAX_MESSAGES]))


def balance_element(balance: Balance, name: str = "balance") -> etree._Element:
    """A `Balance` as the contract's balance shape."""
    return _el(
        name,
        _amount("spendable", balance.spendable),
        _amount("total", balance.total),
        _amount("pending", balance.pending),
        None if balance.expiring_amount is None else _amount("expiringAmount", balance.expiring_amount),
        None if balance.expiring_on is None else _el("expiringOn", text=balance.expiring_on.isoformat()),
    )


def customer_element(customer: Customer) -> etree._Element:
    """A `Customer` as the contract's customer shape."""
    next_tier = customer.next_tier
    return _el(
        "customer",
        _el("customerId", text=customer.customer_id),
        _text("displayName", customer.display_name),
        _text("maskedPhone", customer.masked_phone),
        None if customer.card_number is None else _el("cardNumber", text=customer.card_number),
        _el("status", text=customer.status.value),
        _el(
            "tier",
            _el("code", text=customer.tier.code),
            _text("name", customer.tier.name),
            _amount("accrualPercent", customer.tier.accrual_percent),
        ),
        None
        if next_tier is None
        else _el(
            "nextTier",
            _el("code", text=next_tier.code),
            _text("name", next_tier.name),
            _amount("threshold", next_tier.threshold),
            _amount("remaining", next_tier.remaining),
        ),
        balance_element(customer.balance),
        _messages(customer.messages),
    )


def allocation_element(lines: Iterable[LineAllocation], name: str = "lines", parts: bool = False) -> etree._Element:
    """Per-line discounts and accruals; with `parts` (revision 4) each discount's coupon and points parts."""
    return _el(
        name,
        *(
            _el(
                "line",
                _el("lineNo", text=str(line.line_no)),
                _amount("discount", line.discount),
                _amount("accrual", line.accrual),
                _amount("couponDiscount", line.coupon_discount) if parts else None,
                _amount("pointsDiscount", line.points_discount) if parts else None,
            )
            for line in lines
        ),
    )


def coupon_results_element(results: Sequence[CouponResult], name: str = "coupons") -> etree._Element | None:
    """What each coupon does on the receipt (revision 4); None when the request had none."""
    if not results:
        return None
    return _el(
        name,
        *(
            _el(
                "coupon",
                _el("code", text=result.code),
                None if result.offer_id is None else _el("offerId", text=result.offer_id),
                _text("title", result.title),
                _flag("applied", result.applied),
                None if result.reason is None else _el("reason", text=result.reason.value),
                None if result.min_amount is None else _amount("minAmount", result.min_amount),
                None if result.valid_until is None else _el("validUntil", text=result.valid_until.isoformat()),
                _amount("discount", result.discount),
                _amount("extraAccrual", result.extra_accrual),
            )
            for result in results
        ),
    )


def offers_element(offers: Iterable[Offer], name: str = "offers", benefit: bool = False) -> etree._Element:
    """The customer's offers with their coupons; with `benefit` (revision 4) what each gives and when."""
    return _el(name, *(_offer_element(offer, benefit) for offer in offers))


def _offer_element(offer: Offer, benefit: bool) -> etree._Element:
    rules: list[etree._Element | None] = []
    if benefit:
        rules = [
            None if offer.kind is None else _el("kind", text=offer.kind.value),
            None if offer.value is None else _amount("value", offer.value),
            None if offer.min_amount is None else _amount("minAmount", offer.min_amount),
            _el("skus", *(_el("sku", text=sku) for sku in offer.skus)) if offer.skus else None,
            _el("categories", *(_el("category", text=c) for c in offer.categories)) if offer.categories else None,
            _flag("personal", offer.personal),
            None if offer.valid_from is None else _el("validFrom", text=offer.valid_from.isoformat()),
        ]
    return _el(
        "offer",
        _el("offerId", text=offer.offer_id),
        _text("title", offer.title),
        _text("text", offer.text),
        _el("couponCode", text=offer.coupon_code),
        _el("validUntil", text=offer.valid_until.isoformat()),
        _el("barcodeKind", text=offer.barcode_kind.value),
        *rules,
    )


# ----- operations ---------------------------------------------------------------------------------


def _contract_revision(request: etree._Element) -> int:
    """The contract revision the caller reads, from the `tl:ContractRevision` SOAP header block
    of the request's envelope (1 without one, or with one that is not a positive number). An item
    of a `DeliverBatch` request reads the header of the envelope around the batch."""
    envelope = next((node for node in request.iterancestors() if node.tag == f"{{{SOAP_ENV}}}Envelope"), None)
    header = envelope.find(f"{{{SOAP_ENV}}}Header") if envelope is not None else None
    value = _opt(header, "ContractRevision") if header is not None else None
    return int(value) if value is not None and value.isascii() and value.isdigit() and int(value) > 0 else 1


def _reads_coupons(request: etree._Element, coupons: tuple[str, ...]) -> bool:
    """True when the caller reads the revision-4 elements of an answer: it names revision 4 or
    later, or it sent coupons (which only a caller of revision 4 or later can)."""
    return bool(coupons) or _contract_revision(request) >= 4


def get_program(service: LoyaltyService, request: etree._Element) -> etree._Element:
    """GetProgram: the program's rules and tiers.

    `offlineRedeemLimit` (revision 2) only goes to callers that name revision 2 or later: a till
    of revision 1 checks answers against its own schema, where the element does not exist.
    """
    program = service.get_program(_req(request, "storeId"))
    offline_limit = None
    if program.offline_redeem_limit is not None and _contract_revision(request) >= 2:
        offline_limit = _amount("offlineRedeemLimit", program.offline_redeem_limit)
    return _el(
        "GetProgramResponse",
        _text("name", program.name),
        _el("currency", text=program.currency),
        _amount("pointValue", program.point_value),
        _amount("maxRedeemPercent", program.max_redeem_percent),
        _amount("confirmationThreshold", program.confirmation_threshold),
        _el(
            "tiers",
            *(
                _el(
                    "tier",
                    _el("code", text=tier.code),
                    _text("name", tier.name),
                    _amount("accrualPercent", tier.accrual_percent),
                    _amount("threshold", tier.threshold),
                )
                for tier in program.tiers
            ),
        ),
        _el("version", text=program.version),
        offline_limit,
    )


def identify_customer(service: LoyaltyService, request: etree._Element) -> etree._Element:
    """IdentifyCustomer: the member behind a phone, card, app QR or coupon."""
    identifier = request.find(_q("identifier"))
    customer = service.identify(
        Identifier(IdentifierKind(_req(identifier, "kind")), _req(identifier, "value")),  # type: ignore[arg-type]
        _req(request, "storeId"),
        _req(request, "tillId"),
    )
    return _el("IdentifyCustomerResponse", customer_element(customer))


def calculate_purchase(service: LoyaltyService, request: etree._Element) -> etree._Element:
    """CalculatePurchase: accrual, maximum redemption and allocation."""
    coupons = _coupons_of(request)
    calc = service.calculate(
        _req(request, "customerId"), _receipt_of(request), _opt_decimal(request, "requestedRedeem"),
        **_with_coupons(coupons),
    )
    revision_4 = _reads_coupons(request, coupons)
    return _el(
        "CalculatePurchaseResponse",
        _amount("accrual", calc.accrual),
        _amount("maxRedeem", calc.max_redeem),
        _amount("redeem", calc.redeem),
        allocation_element(calc.lines, parts=revision_4),
        _flag("confirmationRequired", calc.confirmation_required),
        _messages(calc.messages),
        coupon_results_element(calc.coupons) if revision_4 else None,
    )


def send_confirmation_code(service: LoyaltyService, request: etree._Element) -> etree._Element:
    """SendConfirmationCode: a one-time code to the member's (or a new) phone."""
    sent = service.send_confirmation_code(
        ConfirmationPurpose(_req(request, "purpose")),
        customer_id=_opt(request, "customerId"),
        phone=_opt(request, "phone"),
        amount=_opt_decimal(request, "amount"),
    )
    return _el(
        "SendConfirmationCodeResponse",
        _text("sentTo", sent.sent_to),
        _el("expiresInSeconds", text=str(sent.expires_in_seconds)),
    )


def reserve_purchase(service: LoyaltyService, request: etree._Element) -> etree._Element:
    """ReservePurchase: hold the redemption before fiscalisation."""
    coupons = _coupons_of(request)
    reservation = service.reserve(
        _req(request, "transactionId"),
        _req(request, "customerId"),
        _receipt_of(request),
        _decimal(_req(request, "redeem")),
        _opt(request, "confirmationCode"),
        **_with_coupons(coupons),
    )
    revision_4 = _reads_coupons(request, coupons)
    return _el(
        "ReservePurchaseResponse",
        _el("transactionId", text=reservation.transaction_id),
        _amount("redeem", reservation.redeem),
        allocation_element(reservation.lines, parts=revision_4),
        _moment_el("expiresAt", reservation.expires_at),
        coupon_results_element(reservation.coupons) if revision_4 else None,
    )


def read_commit(request: etree._Element) -> CommitItem:
    """A `CommitPurchaseRequest` as the arguments of `LoyaltyService.commit`."""
    transaction_id, customer_id, receipt, redeem, fiscal, offline, occurred_at, *coupons = request.iterchildren(
        etree.Element
    )
    document_number, closed_at = _texts(fiscal)
    return CommitItem(
        _stripped(transaction_id),
        _stripped(customer_id),
        read_receipt(receipt),
        _decimal(redeem.text),
        FiscalDocument(document_number, _moment(closed_at)),
        _bool(_stripped(offline)),
        _moment(_stripped(occurred_at)),
        _coupons_of(request) if coupons else (),
    )


def commit_response(result: CommitResult, *, revision_4: bool = False) -> etree._Element:
    """A `CommitResult` as the `CommitPurchaseResponse` element (with `revision_4`: the offers'
    benefits and the coupons' results too)."""
    return _el(
        "CommitPurchaseResponse",
        _el("transactionId", text=result.transaction_id),
        _amount("accrued", result.accrued),
        _amount("redeemed", result.redeemed),
        balance_element(result.balance),
        offers_element(result.offers, benefit=revision_4) if result.offers else None,
        coupon_results_element(result.coupons) if revision_4 else None,
    )


def commit_purchase(service: LoyaltyService, request: etree._Element) -> etree._Element:
    """CommitPurchase: record the sale, return the balance and offers."""
    item = read_commit(request)
    result = deliver_one(service, item)
    return commit_response(result, revision_4=_reads_coupons(request, item.coupons))  # type: ignore[arg-type]


def read_cancel(request: etree._Element) -> CancelItem:
    """A `CancelPurchaseRequest` as the argument of `LoyaltyService.cancel`."""
    return CancelItem(_req(request, "transactionId"))


def cancel_response(result: CancelResult) -> etree._Element:
    """A `CancelResult` as the `CancelPurchaseResponse` element."""
    return _el(
        "CancelPurchaseResponse",
        _el("transactionId", text=result.transaction_id),
        _flag("cancelled", result.cancelled),
        None if result.balance is None else balance_element(result.balance),
    )


def cancel_purchase(service: LoyaltyService, request: etree._Element) -> etree._Element:
    """CancelPurchase: release a reservation or reverse a purchase."""
    return cancel_response(service.cancel(read_cancel(request).transaction_id))


def read_refund(request: etree._Element) -> RefundItem:
    """A `RefundPurchaseRequest` as the arguments of `LoyaltyService.refund`."""
    lines = tuple(
        RefundLine(int(_req(line, "lineNo")), _decimal(_req(line, "quantity")))
        for line in request.find(_q("lines")).iterfind(_q("line"))  # type: ignore[union-attr]
    )
    return RefundItem(_req(request, "refundId"), _req(request, "originalTransactionId"), lines)


def refund_response(result: RefundResult) -> etree._Element:
    """A `RefundResult` as the `RefundPurchaseResponse` element."""
    return _el(
        "RefundPurchaseResponse",
        _el("refundId", text=result.refund_id),
        _amount("accrualReversed", result.accrual_reversed),
        _amount("redeemReturned", result.redeem_returned),
        balance_element(result.balance),
    )


def refund_purchase(service: LoyaltyService, request: etree._Element) -> etree._Element:
    """RefundPurchase: proportional reversal for returned quantities."""
    item = read_refund(request)
    return refund_response(service.refund(item.refund_id, item.original_transaction_id, list(item.lines)))


def register_customer(service: LoyaltyService, request: etree._Element) -> etree._Element:
    """RegisterCustomer: enrol a new member confirmed by a code."""
    birth = _opt(request, "birthDate")
    customer = service.register(
        Registration(
            phone=_req(request, "phone"),
            first_name=_req(request, "firstName"),
            marketing_consent=_bool(_req(request, "marketingConsent")),
            confirmation_code=_req(request, "confirmationCode"),
            birth_date=None if birth is None else _day(birth),
            card_number=_opt(request, "cardNumber"),
        )
    )
    return _el("RegisterCustomerResponse", customer_element(customer))


def get_offers(service: LoyaltyService, request: etree._Element) -> etree._Element:
    """GetOffers: the member's personalised offers."""
    offers = service.get_offers(_req(request, "customerId"), _req(request, "storeId"))
    return _el("GetOffersResponse", offers_element(offers, benefit=_contract_revision(request) >= 4))


def fault_element(fault: LoyaltyFault) -> etree._Element:
    """A business fault as the contract's `LoyaltyFault` element (an answer inside a batch)."""
    return _el(
        "LoyaltyFault",
        _el("code", text=fault.code),
        _text("message", fault.message or fault.code),
        _flag("retryable", fault.retryable),
        *_code_detail(fault),
    )


def _code_detail(fault: LoyaltyFault) -> list[etree._Element]:
    """A wrong code's tries left and whether it expired (nothing for other faults)."""
    if not isinstance(fault, ConfirmationInvalid):
        return []
    detail = [] if fault.attempts_left is None else [_el("attemptsLeft", text=str(fault.attempts_left))]
    return [*detail, _flag("codeExpired", fault.expired)]


_BATCH_READERS: dict[str, Callable[[etree._Element], BatchItem]] = {
    "CommitPurchaseRequest": read_commit,
    "CancelPurchaseRequest": read_cancel,
    "RefundPurchaseRequest": read_refund,
}
"""The operations a DeliverBatch item may carry."""


def answer_element(answer: BatchAnswer, *, revision_4: bool = False) -> etree._Element:
    """One item's answer: its operation's response element, or its fault."""
    if isinstance(answer, LoyaltyFault):
        return fault_element(answer)
    if isinstance(answer, CommitResult):
        return commit_response(answer, revision_4=revision_4)
    if isinstance(answer, CancelResult):
        return cancel_response(answer)
    return refund_response(answer)


def deliver_batch(service: LoyaltyService, request: etree._Element) -> etree._Element:
    """DeliverBatch (revision 3): each item done in order as its own operation, answered on its own.

    A business fault of one item becomes that item's answer; the others go on. Anything else (a
    failure of the service itself) fails the whole request, as it would fail a single call. A
    service that takes batches (`delivers_batches`) does them all in one go, others one by one.
    """
    answers: list[BatchAnswer | None] = []
    items: list[BatchItem] = []
    reads_coupons: list[bool] = []  # per element: whether its answer carries the revision-4 elements
    revision_4 = _contract_revision(request) >= 4  # the items' envelope is the batch's
    for element in request.iterfind(_q("item")):
        operation = next(child for child in element if isinstance(child.tag, str))
        try:
            item = _BATCH_READERS[etree.QName(operation).localname](operation)
            items.append(item)
            answers.append(None)
            reads_coupons.append(bool(getattr(item, "coupons", ())) or revision_4)  # as `_reads_coupons`
        except LoyaltyFault as fault:  # an item the reader refused is answered without the service
            answers.append(fault)
            reads_coupons.append(False)
    if delivers_batches(service):
        done = iter(service.deliver_batch(items) if items else [])  # type: ignore[attr-defined]
    else:
        done = iter(_one_by_one(service, items))
    parts = [f'<tl:DeliverBatchResponse xmlns:tl="{TL}">']
    parts.extend(_answer_text(answer or next(done), reads) for answer, reads in zip(answers, reads_coupons))
    parts.append("</tl:DeliverBatchResponse>")
    return etree.fromstring("".join(parts), hardened_parser())


# A batch's answers are written as text and parsed once: built element by element, each of them a
# document of its own until appended, its some 1 500 elements cost more than the rest of the answer.
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_TO_ESCAPE = re.compile("[&<>\r]")


def _answer_text(answer: BatchAnswer, revision_4: bool) -> str:
    """One `item` of a DeliverBatchResponse, as `answer_element` builds it, written as XML text."""
    if isinstance(answer, CommitResult) and not answer.offers and not answer.coupons:
        balance = answer.balance
        expiring = "" if balance.expiring_amount is None else (
            f"<tl:expiringAmount>{_amount_text(balance.expiring_amount)}</tl:expiringAmount>"
        )
        if balance.expiring_on is not None:
            expiring += f"<tl:expiringOn>{balance.expiring_on.isoformat()}</tl:expiringOn>"
        return (
            "<tl:item><tl:CommitPurchaseResponse>"
            f"<tl:transactionId>{_escaped(answer.transaction_id)}</tl:transactionId>"
            f"<tl:accrued>{_amount_text(answer.accrued)}</tl:accrued>"
            f"<tl:redeemed>{_amount_text(answer.redeemed)}</tl:redeemed>"
            f"<tl:balance><tl:spendable>{_amount_text(balance.spendable)}</tl:spendable>"
            f"<tl:total>{_amount_text(balance.total)}</tl:total>"
            f"<tl:pending>{_amount_text(balance.pending)}</tl:pending>"
            f"{expiring}</tl:balance></tl:CommitPurchaseResponse></tl:item>"
        )
    return etree.tostring(_el("item", answer_element(answer, revision_4=revision_4)), encoding="unicode")


def _escaped(text: str) -> str:
    return _TO_ESCAPE.sub(lambda found: _ESCAPES[found.group()], text) if _TO_ESCAPE.search(text) else text


def _one_by_one(service: LoyaltyService, items: list[BatchItem]) -> Iterator[BatchAnswer]:
    for item in items:
        try:
            yield deliver_one(service, item)
        except LoyaltyFault as fault:
            yield fault


OPERATIONS: dict[str, Handler] = {
    "GetProgramRequest": get_program,
    "IdentifyCustomerRequest": identify_customer,
    "CalculatePurchaseRequest": calculate_purchase,
    "SendConfirmationCodeRequest": send_confirmation_code,
    "ReservePurchaseRequest": reserve_purchase,
    "CommitPurchaseRequest": commit_purchase,
    "CancelPurchaseRequest": cancel_purchase,
    "RefundPurchaseRequest": refund_purchase,
    "RegisterCustomerRequest": register_customer,
    "GetOffersRequest": get_offers,
    "DeliverBatchRequest": deliver_batch,
}
REVISION_3_OPERATIONS = frozenset({"DeliverBatchRequest"})
"""Request elements added by revision 3: a sandbox serving an earlier revision does not know them."""
