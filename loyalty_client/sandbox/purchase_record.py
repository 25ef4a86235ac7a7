"""What identifies a purchase in the sandbox's records: its fingerprints and the lines it stores.

Shared by a commit done on its own (`logic`) and one done within a batch (`batch_delivery`), which
must record exactly the same.
"""
from __future__ import annotations

import json
from operator import itemgetter
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Mapping, Sequence

from sqlalchemy import Row

from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client.batch import CommitItem
from loyalty_client.sandbox.results import canonical_json, text_fingerprint
from loyalty_client.types import BarcodeKind, LineAllocation, Offer, OfferKind

MSG_NOT_FOUND = "Клиент не найден"


def utc(moment: datetime) -> datetime:
    """`moment` in UTC (a naive one taken as UTC)."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def number(value: Decimal) -> str:
    """A decimal as written without exponent or trailing zeros."""
    text = str(value)
    # What `normalize` and "f" would write, read off the plain text: exact while no more digits
    # than the context's precision (28) are there to round.
    if len(text) <= 28 and "E" not in text and value.is_finite():
        return text.rstrip("0").rstrip(".") if "." in text else text
    return format(value.normalize(), "f")


def canon_receipt(receipt: Receipt) -> dict[str, Any]:
    """The receipt's content, independent of how its numbers were spelled on the wire (plain data:
    strings, numbers, booleans and None in dicts and lists)."""
    lines = [
        [
            line.line_no,
            line.sku,
            line.name,
            number(line.quantity),
            number(line.price),
            number(line.amount),
            line.redeem_allowed,
            line.accrual_allowed,
            None if line.min_price is None else number(line.min_price),
        ]
        for line in receipt.lines
    ]
    if len({line[0] for line in lines}) == len(lines):
        lines.sort(key=itemgetter(0))  # unique numbers: the JSON text below would never be compared
    else:
        lines.sort(key=lambda item: (item[0], json.dumps(item, ensure_ascii=False)))
    return {
        "receipt_id": receipt.receipt_id,
        "store_id": receipt.store_id,
        "till_id": receipt.till_id,
        "opened_at": utc(receipt.opened_at).isoformat(),
        "lines": lines,
    }


def commit_prints(commit: CommitItem) -> tuple[str, str]:
    """The fingerprints of a commit: of its receipt (matched against a reservation's) and of the
    whole request (matched against a replay's)."""
    canon = canonical_json(canon_receipt(commit.receipt))
    head = canonical_json(
        {
            "customer": commit.customer_id,
            "fiscal": [commit.fiscal.document_number, utc(commit.fiscal.closed_at).isoformat()],
            "offline": commit.offline,
            "occurred_at": utc(commit.occurred_at).isoformat(),
            **coupons_print(commit.coupons),
        }
    )
    # "receipt" and "redeem" sort after every other key: the request's canonical text is the head's
    # with them appended, the receipt's text written once for both fingerprints. A number's text
    # is digits, a sign and a point (or NaN, Infinity): quoted as it is.
    request = f'{head[:-1]},"receipt":{canon},"redeem":"{number(commit.redeem)}"}}'
    return text_fingerprint(canon), text_fingerprint(request)


def coupons_print(coupons: Sequence[str]) -> dict[str, list[str]]:
    """The coupons' part of a request fingerprint: none for a request without coupons, so the
    fingerprints of requests made before coupons existed stay the same."""
    return {"coupons": sorted(coupons)} if coupons else {}


def purchase_lines_json(lines: Sequence[ReceiptLine], allocation: Mapping[int, LineAllocation]) -> str:
    """The `lines_json` of a purchase: each receipt line's quantity, amount, discount (and the part
    of it paid with points) and accrual."""
    return json.dumps(
        [
            {
                "line_no": line.line_no,
                "quantity": str(line.quantity),
                "amount": str(line.amount),
                "discount": str(allocation[line.line_no].discount),
                "points_discount": str(allocation[line.line_no].points_discount),
                "accrual": str(allocation[line.line_no].accrual),
            }
            for line in lines
        ]
    )


def offer_of(row: Row[Any]) -> Offer:
    """An offer as a member sees it (with its rule, for the card), from its row."""
    return Offer(
        offer_id=row.id,
        title=row.title,
        text=row.text,
        coupon_code=row.coupon_code,
        valid_until=row.valid_until,
        barcode_kind=BarcodeKind(row.barcode_kind),
        kind=None if row.kind is None else OfferKind(row.kind),
        value=row.value,
        min_amount=row.min_amount,
        skus=tuple(row.skus.split()),
        categories=tuple(row.categories.split()),
        personal=row.personal,
        valid_from=row.valid_from,
    )
