"""DeliverBatch on the wire built and read with lxml directly, not through zeep.

A batch of 100 sales is some 4 000 elements each way; zeep's generic rendering and parsing of
them cost more than the service's work on the whole batch. The request is built here in the
schema's element order and, like every request, checked against the XSD before it leaves; the
answer, like every answer, is checked against the XSD before it is read, so the readers below
only convert.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Sequence

from lxml import etree

from fiscal.receipt import Receipt
from loyalty_client.batch import BatchAnswer, BatchItem, CancelItem, CommitItem, RefundItem
from loyalty_client.errors import InvalidRequest, ServiceUnavailable, fault_for
from loyalty_client.soap.contract import CONTRACT_REVISION, NAMESPACE, SOAP_ENV_11, describe_schema_error
from loyalty_client.types import (
    Balance,
    BarcodeKind,
    CancelResult,
    CommitResult,
    CouponRefusal,
    CouponResult,
    Offer,
    RefundResult,
)

SOAP_ACTION = f"{NAMESPACE}#DeliverBatch"
"""The operation's soapAction in the WSDL's binding."""

_ENVELOPE = f"{{{SOAP_ENV_11}}}Envelope"
_BODY = f"{{{SOAP_ENV_11}}}Body"
_FAULT = f"{{{SOAP_ENV_11}}}Fault"


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_TO_ESCAPE = re.compile("[&<>\r]")
# What XML 1.0 cannot carry (lxml refuses these in a text; a lone surrogate fails to encode).
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_XML_TEXT = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"


def _content(value: str | None) -> str:
    """`value` as the content of an element (None: empty, as lxml writes it)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"expected a string, not {type(value).__name__}")
    return _TO_ESCAPE.sub(lambda found: _ESCAPES[found.group()], value) if _TO_ESCAPE.search(value) else value


def _decimal(value: Decimal) -> str:
    if not isinstance(value, Decimal):
        raise TypeError(f"amounts must be Decimal, not {type(value).__name__}")
    return format(value, "f")


def _moment(value: datetime) -> str:
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, not {type(value).__name__}")
    return value.isoformat()


def _flag(value: bool) -> str:
    return "true" if value else "false"


# ----- the request ----------------------------------------------------------------------------
# Written as text in the schema's element order and parsed back for the XSD check: building some
# 4 000 elements one lxml call at a time cost twice as much as writing and parsing the text.


def _receipt(parts: list[str], receipt: Receipt) -> None:
    parts.append(
        f"<tl:receipt><tl:receiptId>{_content(receipt.receipt_id)}</tl:receiptId>"
        f"<tl:storeId>{_content(receipt.store_id)}</tl:storeId><tl:tillId>{_content(receipt.till_id)}</tl:tillId>"
        f"<tl:openedAt>{_moment(receipt.opened_at)}</tl:openedAt><tl:lines>"
    )
    for line in receipt.lines:
        min_price = "" if line.min_price is None else f"<tl:minPrice>{_decimal(line.min_price)}</tl:minPrice>"
        parts.append(
            f"<tl:line><tl:lineNo>{int(line.line_no)}</tl:lineNo><tl:sku>{_content(line.sku)}</tl:sku>"
            f"<tl:name>{_content(line.name)}</tl:name><tl:quantity>{_decimal(line.quantity)}</tl:quantity>"
            f"<tl:price>{_decimal(line.price)}</tl:price><tl:amount>{_decimal(line.amount)}</tl:amount>"
            f"<tl:redeemAllowed>{_flag(line.redeem_allowed)}</tl:redeemAllowed>"
            f"<tl:accrualAllowed>{_flag(line.accrual_allowed)}</tl:accrualAllowed>{min_price}</tl:line>"
        )
    parts.append("</tl:lines></tl:receipt>")


def _item(parts: list[str], item: BatchItem) -> None:
    if isinstance(item, CommitItem):
        parts.append(
            f"<tl:item><tl:CommitPurchaseRequest><tl:transactionId>{_content(item.transaction_id)}</tl:transactionId>"
            f"<tl:customerId>{_content(item.customer_id)}</tl:customerId>"
        )
        _receipt(parts, item.receipt)
        parts.append(
            f"<tl:redeem>{_decimal(item.redeem)}</tl:redeem><tl:fiscal>"
            f"<tl:documentNumber>{_content(item.fiscal.document_number)}</tl:documentNumber>"
            f"<tl:closedAt>{_moment(item.fiscal.closed_at)}</tl:closedAt></tl:fiscal>"
            f"<tl:offline>{_flag(item.offline)}</tl:offline><tl:occurredAt>{_moment(item.occurred_at)}</tl:occurredAt>"
        )
        if item.coupons:  # revision 4; left out without coupons, as a revision-3 request
            codes = "".join(f"<tl:coupon><tl:code>{_content(code)}</tl:code></tl:coupon>" for code in item.coupons)
            parts.append(f"<tl:coupons>{codes}</tl:coupons>")
        parts.append("</tl:CommitPurchaseRequest></tl:item>")
    elif isinstance(item, CancelItem):
        parts.append(
            f"<tl:item><tl:CancelPurchaseRequest><tl:transactionId>{_content(item.transaction_id)}</tl:transactionId>"
            "</tl:CancelPurchaseRequest></tl:item>"
        )
    elif isinstance(item, RefundItem):
        lines = "".join(
            f"<tl:line><tl:lineNo>{int(line.line_no)}</tl:lineNo>"
            f"<tl:quantity>{_decimal(line.quantity)}</tl:quantity></tl:line>"
            for line in item.lines
        )
        parts.append(
            f"<tl:item><tl:RefundPurchaseRequest><tl:refundId>{_content(item.refund_id)}</tl:refundId>"
            f"<tl:originalTransactionId>{_content(item.original_transaction_id)}</tl:originalTransactionId>"
            f"<tl:lines>{lines}</tl:lines></tl:RefundPurchaseRequest></tl:item>"
        )
    else:
        raise TypeError(f"not a batch item: {type(item).__name__}")


_REQUEST_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    f'<soap-env:Envelope xmlns:soap-env="{SOAP_ENV_11}" xmlns:tl="{NAMESPACE}">'
    f"<soap-env:Header><tl:ContractRevision>{CONTRACT_REVISION}</tl:ContractRevision></soap-env:Header>"
    "<soap-env:Body><tl:DeliverBatchRequest>"
)
_REQUEST_TAIL = "</tl:DeliverBatchRequest></soap-env:Body></soap-env:Envelope>"


def batch_request(items: Sequence[BatchItem], schema: etree.XMLSchema) -> bytes:
    """The SOAP envelope of `DeliverBatch` for `items`, naming this contract revision in its header.

    Raises `InvalidRequest` when the body breaks the XSD (nothing is sent then).
    """
    parts = [_REQUEST_HEAD]
    for item in items:
        _item(parts, item)
    parts.append(_REQUEST_TAIL)
    text = "".join(parts)
    if _NOT_XML_CHAR.search(text):
        raise ValueError(_NOT_XML_TEXT)
    message = text.encode("utf-8")
    request = etree.fromstring(message, _PARSER).find(_BODY)[0]  # type: ignore[index]
    if not schema.validate(request):
        raise InvalidRequest(f"request breaks the contract at {describe_schema_error(schema)}")
    return message


# ----- the answer -----------------------------------------------------------------------------


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def read_envelope(content: bytes) -> etree._Element:
    """The single element in the answer's SOAP body (a `soap:Fault` or the response)."""
    try:
        envelope = etree.fromstring(content, _PARSER)
    except etree.XMLSyntaxError:
        raise ServiceUnavailable("malformed response") from None
    if envelope.tag != _ENVELOPE:
        raise ServiceUnavailable("response is not a SOAP 1.1 envelope")
    body = envelope.find(_BODY)
    children = [] if body is None else [child for child in body if isinstance(child.tag, str)]
    if len(children) != 1:
        raise ServiceUnavailable("response has no body")
    return children[0]


def batch_answers(
    response: etree._Element, items: Sequence[BatchItem], schema: etree.XMLSchema
) -> list[BatchAnswer]:
    """Each item's answer in a `DeliverBatchResponse` checked against the XSD."""
    if response.tag != _q("DeliverBatchResponse"):
        raise ServiceUnavailable("response is not DeliverBatchResponse")
    if not schema.validate(response):
        raise ServiceUnavailable(f"response breaks the contract at {describe_schema_error(schema)}")
    answers = [next(child for child in holder if isinstance(child.tag, str)) for holder in response]
    if len(answers) != len(items):
        raise ServiceUnavailable("DeliverBatch answered a different number of items")
    return [_answer(item, answer) for item, answer in zip(items, answers)]


def _answer(item: BatchItem, answer: etree._Element) -> BatchAnswer:
    name = etree.QName(answer).localname
    fields = _Fields(answer)
    if name == "LoyaltyFault":
        return fault_for(fields.text("code").strip(), fields.text("message"), _bool(fields.text("retryable")))
    if isinstance(item, CommitItem) and name == "CommitPurchaseResponse":
        offers = fields.element("offers")
        return CommitResult(
            transaction_id=fields.text("transactionId"),
            accrued=Decimal(fields.text("accrued")),
            redeemed=Decimal(fields.text("redeemed")),
            balance=_balance(fields.element("balance")),  # type: ignore[arg-type]
            offers=() if offers is None else tuple(_offer(offer) for offer in offers.iterfind(_q("offer"))),
            coupons=_coupons(fields.element("coupons")),
        )
    if isinstance(item, CancelItem) and name == "CancelPurchaseResponse":
        balance = fields.element("balance")
        return CancelResult(
            transaction_id=fields.text("transactionId"),
            cancelled=_bool(fields.text("cancelled")),
            balance=None if balance is None else _balance(balance),
        )
    if isinstance(item, RefundItem) and name == "RefundPurchaseResponse":
        return RefundResult(
            refund_id=fields.text("refundId"),
            accrual_reversed=Decimal(fields.text("accrualReversed")),
            redeem_returned=Decimal(fields.text("redeemReturned")),
            balance=_balance(fields.element("balance")),  # type: ignore[arg-type]
        )
    raise ServiceUnavailable("DeliverBatch answered an item with another operation's answer")


def fault_parts(fault: etree._Element) -> tuple[str, str, etree._Element | None]:
    """A `soap:Fault`'s code, message and detail element."""
    return (
        (fault.findtext("faultcode") or "").strip(),
        (fault.findtext("faultstring") or "").strip(),
        fault.find("detail"),
    )


def _text(element: etree._Element, name: str) -> str:
    return element.findtext(_q(name)) or ""


def _bool(text: str) -> bool:
    return text.strip() in ("true", "1")


class _Fields:
    """An element's children by name, found in one pass (`findtext` walks them for every name)."""

    def __init__(self, element: etree._Element) -> None:
        self._children: dict[str, etree._Element] = {}
        for child in element:
            self._children.setdefault(child.tag, child)

    def element(self, name: str) -> etree._Element | None:
        """The first child called `name`, or None."""
        return self._children.get(_q(name))

    def optional(self, name: str) -> str | None:
        """The text of the first child called `name` ("" when empty), or None without one."""
        child = self._children.get(_q(name))
        return None if child is None else child.text or ""

    def text(self, name: str) -> str:
        """`optional`, with "" for a child that is not there."""
        return self.optional(name) or ""


def _balance(element: etree._Element) -> Balance:
    fields = _Fields(element)
    expiring_amount = fields.optional("expiringAmount")
    expiring_on = fields.optional("expiringOn")
    return Balance(
        spendable=Decimal(fields.text("spendable")),
        total=Decimal(fields.text("total")),
        pending=Decimal(fields.text("pending")),
        expiring_amount=None if expiring_amount is None else Decimal(expiring_amount.strip()),
        expiring_on=None if expiring_on is None else date.fromisoformat(expiring_on.strip()[:10]),
    )


def _offer(element: etree._Element) -> Offer:
    return Offer(
        offer_id=_text(element, "offerId"),
        title=_text(element, "title"),
        text=_text(element, "text"),
        coupon_code=_text(element, "couponCode"),
        valid_until=date.fromisoformat(_text(element, "validUntil").strip()[:10]),
        barcode_kind=BarcodeKind(_text(element, "barcodeKind").strip()),
    )


def _optional(element: etree._Element, name: str) -> str | None:
    text = element.findtext(_q(name))
    return None if text is None else text.strip()


def _coupons(container: etree._Element | None) -> tuple[CouponResult, ...]:
    """`coupons { coupon* }` of a commit's answer (revision 4; none from an earlier service)."""
    if container is None:
        return ()
    results = []
    for coupon in container.iterfind(_q("coupon")):
        reason, min_amount, valid_until = (_optional(coupon, name) for name in ("reason", "minAmount", "validUntil"))
        results.append(
            CouponResult(
                code=_text(coupon, "code").strip(),
                offer_id=_optional(coupon, "offerId"),
                title=_text(coupon, "title"),
                applied=_bool(_text(coupon, "applied")),
                reason=None if reason is None else CouponRefusal(reason),
                min_amount=None if min_amount is None else Decimal(min_amount),
                valid_until=None if valid_until is None else date.fromisoformat(valid_until[:10]),
                discount=Decimal(_text(coupon, "discount").strip()),
                extra_accrual=Decimal(_text(coupon, "extraAccrual").strip()),
            )
        )
    return tuple(results)
