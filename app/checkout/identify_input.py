"""Typed or scanned text into an identifier for the checkout, with the refusal in the cashier's language."""
from __future__ import annotations

from typing import TYPE_CHECKING

from app.translation import translate

from app.checkout.session import IdentifierParser, InputRejected
from loyalty_client.identifiers import IdentifierRefused, RefusalReason, parse_identifier
from loyalty_client.types import Identifier

if TYPE_CHECKING:
    from devices.scanner.scan_classifier import ScanRejection


def refusal_text(reason: RefusalReason) -> str:
    """The cashier's sentence for why an input is not an identifier."""
    texts = {
        RefusalReason.EMPTY: translate("Identify", "Type a phone number or scan a card."),
        RefusalReason.TOO_LONG: translate("Identify", "Too long for a phone or a card."),
        RefusalReason.BAD_CARD_CHECK_DIGIT: translate(
            "Identify", "Wrong card number: the check digit does not match."
        ),
        RefusalReason.BAD_COUPON_CHECK_DIGIT: translate(
            "Identify", "Wrong coupon code: the check digit does not match."
        ),
        RefusalReason.BAD_QR_CHECK_DIGIT: translate(
            "Identify", "The app QR was not read correctly. Scan it again."
        ),
        RefusalReason.NOT_A_PHONE: translate("Identify", "This is not a phone number."),
        RefusalReason.UNKNOWN_CODE: translate(
            "Identify", "Unknown code: not a loyalty card, app QR or coupon."
        ),
    }
    return texts[reason]


def identifier_parser(region: str) -> IdentifierParser:
    """A parser for the checkout that reads phones in `region` (BY or RU)."""

    def parse(text: str) -> Identifier:
        try:
            return parse_identifier(text, region)
        except IdentifierRefused as exc:
            raise InputRejected(refusal_text(exc.reason)) from None

    return parse


def scan_refusal_text(reason: "ScanRejection | None") -> str:
    """The cashier's sentence for a scan that identified nobody."""
    from devices.scanner.scan_classifier import ScanRejection

    if reason is ScanRejection.PRODUCT_BARCODE:
        return translate("Identify", "That is a product barcode, not a loyalty card.")
    if reason is ScanRejection.UNREADABLE or reason is None:
        return translate("Identify", "The scan could not be read. Scan again.")
    return refusal_text(RefusalReason(reason.value))
