"""What a scan is: a loyalty card, an app QR, an offer coupon, a phone number, or an unknown code.

`classify_scan` takes what a scanner delivered (bytes from a serial scanner, text from a keyboard
wedge), cleans it (`normalise_scan`) and classifies it with `loyalty_client.identifiers`
(docs/architecture.md §4). It never raises on any input: product barcodes, misreads and garbage come back as
`ScanKind.UNKNOWN` with a short message and a stable `reason` the GUI translates.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from loyalty_client.identifiers import SUPPORTED_REGIONS, IdentifierRefused, parse_identifier
from loyalty_client.types import Identifier, IdentifierKind

MAX_SHOWN = 64  # characters of an unknown scan kept in `ScanResult.value`

# An AIM symbology identifier some scanners put first: "]E0" EAN-13, "]Q1" QR, "]C1" GS1-128...
_AIM_PREFIX = re.compile(r"^\][A-Za-z][0-9A-Za-z]")


class ScanKind(str, Enum):
    """What a scan identified."""

    CARD = "card"
    QR = "qr"
    COUPON = "coupon"
    PHONE = "phone"
    UNKNOWN = "unknown"


class ScanRejection(str, Enum):
    """Why a scan identified nothing; stable codes for the program (the GUI translates them)."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    PRODUCT_BARCODE = "product_barcode"
    BAD_CARD_CHECK_DIGIT = "bad_card_check_digit"
    BAD_COUPON_CHECK_DIGIT = "bad_coupon_check_digit"
    BAD_QR_CHECK_DIGIT = "bad_qr_check_digit"
    NOT_A_PHONE = "not_a_phone"
    UNKNOWN_CODE = "unknown_code"
    UNREADABLE = "unreadable"


MESSAGES: dict[ScanKind | ScanRejection, str] = {
    ScanKind.CARD: "Loyalty card",
    ScanKind.QR: "App QR code",
    ScanKind.COUPON: "Offer coupon",
    ScanKind.PHONE: "Phone number",
    ScanRejection.EMPTY: "Empty scan",
    ScanRejection.TOO_LONG: "Code too long: not a loyalty code",
    ScanRejection.PRODUCT_BARCODE: "Product barcode, not a loyalty card",
    ScanRejection.BAD_CARD_CHECK_DIGIT: "Card misread (check digit): scan again",
    ScanRejection.BAD_COUPON_CHECK_DIGIT: "Coupon misread (check digit): scan again",
    ScanRejection.BAD_QR_CHECK_DIGIT: "App QR misread: scan again",
    ScanRejection.NOT_A_PHONE: "Unknown code",
    ScanRejection.UNKNOWN_CODE: "Unknown code",
    ScanRejection.UNREADABLE: "Unreadable scan",
}


@dataclass(frozen=True)
class ScanResult:
    """A classified scan.

    `value` is the normalised identifier (digits of a card, QR or coupon; E.164 of a phone), or
    for an unknown scan its cleaned text (at most `MAX_SHOWN` characters), for the admin's test
    scan. `message` is a short English sentence; `reason` says why nothing was identified.
    """

    kind: ScanKind
    value: str
    message: str
    reason: ScanRejection | None = None

    @property
    def identifier(self) -> Identifier | None:
        """The identifier to send to the loyalty service, or None for an unknown scan."""
        if self.kind is ScanKind.UNKNOWN:
            return None
        return Identifier(IdentifierKind(self.kind.value), self.value)


def normalise_scan(raw: bytes | str) -> str:
    """A scan as text: decoded, without control/invisible characters, AIM identifier or padding."""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        text = bytes(raw).decode("utf-8", errors="replace")
    elif isinstance(raw, str):
        text = raw
    else:
        return ""
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    text = text.strip()
    match = _AIM_PREFIX.match(text)
    if match and len(text) > match.end():
        text = text[match.end() :].strip()
    return text


def is_product_barcode(text: str) -> bool:
    """A retail product code: 8, 12, 13 or 14 digits (EAN-8, UPC-A, EAN-13, GTIN-14), check digit valid."""
    if not (text.isascii() and text.isdigit() and len(text) in (8, 12, 13, 14)):
        return False
    body, check = text[:-1], int(text[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def classify_scan(raw: bytes | str, region: str = "BY") -> ScanResult:
    """Classify one scan; never raises for any `raw`. `region` (BY or RU) reads phone numbers."""
    if region not in SUPPORTED_REGIONS:
        raise ValueError(f"region must be one of {SUPPORTED_REGIONS}")
    try:
        text = normalise_scan(raw)
        if not text:
            return _unknown("", ScanRejection.EMPTY)
        try:
            identifier = parse_identifier(text, region)
        except IdentifierRefused as refused:
            reason = ScanRejection(refused.reason.value)
            compact = "".join(ch for ch in text if not ch.isspace())
            if reason in (ScanRejection.UNKNOWN_CODE, ScanRejection.NOT_A_PHONE) and is_product_barcode(compact):
                reason = ScanRejection.PRODUCT_BARCODE
            return _unknown(text, reason)
        kind = ScanKind(identifier.kind.value)
        return ScanResult(kind, identifier.value, MESSAGES[kind])
    except Exception:  # a scan must never take the till down
        return _unknown("", ScanRejection.UNREADABLE)


def _unknown(text: str, reason: ScanRejection) -> ScanResult:
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)
    if len(shown) > MAX_SHOWN:
        shown = shown[: MAX_SHOWN - 1] + "…"
    return ScanResult(ScanKind.UNKNOWN, shown, MESSAGES[reason], reason)
