"""Classifying scans: cards, app QRs, coupons, phones; product barcodes and garbage never crash."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.scanner.scan_classifier import ScanKind, ScanRejection, classify_scan, is_product_barcode, normalise_scan
from loyalty_client.codes import make_app_qr, make_ean13
from loyalty_client.types import Identifier, IdentifierKind

CARD = make_ean13("200000000001")
COUPON = make_ean13("990000000123")
APP_QR = make_app_qr("0000000042", b"secret", datetime(2026, 5, 1, tzinfo=timezone.utc))


def test_each_kind_of_loyalty_code() -> None:
    assert classify_scan(f"{CARD}\r\n".encode()).kind is ScanKind.CARD
    assert classify_scan(CARD.encode()).identifier == Identifier(IdentifierKind.CARD, CARD)
    assert classify_scan(COUPON).kind is ScanKind.COUPON
    assert classify_scan(APP_QR.encode()).kind is ScanKind.QR
    phone = classify_scan(b"80291234567")
    assert (phone.kind, phone.value) == (ScanKind.PHONE, "+375291234567")
    assert classify_scan("89165550123", region="RU").value == "+79165550123"


def test_scanner_noise_around_the_code_is_ignored() -> None:
    assert normalise_scan(b"\x02]E0" + CARD.encode() + b"\x03\r\n") == CARD  # STX, AIM id, ETX, CRLF
    assert classify_scan(b"\x00\x00" + COUPON.encode() + b"\x00").value == COUPON
    assert classify_scan("\ufeff" + CARD + "\u200b").kind is ScanKind.CARD


def test_a_product_barcode_is_named_as_such() -> None:
    # EAN-13 (Poland, Russia), EAN-8, UPC-A: valid product codes, none in the loyalty ranges.
    for product in ("5901234123457", make_ean13("460700123456"), "96385074", "036000291452"):
        assert is_product_barcode(product), product
        result = classify_scan(product.encode() + b"\r")
        assert result.kind is ScanKind.UNKNOWN, product
        assert result.reason is ScanRejection.PRODUCT_BARCODE, product
        assert result.message == "Product barcode, not a loyalty card"
        assert result.identifier is None
    assert not is_product_barcode("5901234123458")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", ScanRejection.EMPTY),
        (b"\r\n\x00", ScanRejection.EMPTY),
        (CARD[:-1] + str((int(CARD[-1]) + 1) % 10), ScanRejection.BAD_CARD_CHECK_DIGIT),
        (COUPON[:-1] + str((int(COUPON[-1]) + 1) % 10), ScanRejection.BAD_COUPON_CHECK_DIGIT),
        (APP_QR[:-1] + str((int(APP_QR[-1]) + 1) % 10), ScanRejection.BAD_QR_CHECK_DIGIT),
        (b"https://example.com/promo?id=7", ScanRejection.UNKNOWN_CODE),
        (b"\xff\xfe\xfa", ScanRejection.UNKNOWN_CODE),
        (b"1" * 200, ScanRejection.TOO_LONG),
    ],
)
def test_what_is_not_a_loyalty_code(raw: bytes | str, reason: ScanRejection) -> None:
    result = classify_scan(raw)
    assert result.kind is ScanKind.UNKNOWN and result.reason is reason and result.message
    assert len(result.value) <= 64


@settings(deadline=None, max_examples=300)
@given(st.one_of(st.binary(max_size=120), st.text(max_size=120)))
def test_classification_never_raises(raw: bytes | str) -> None:
    result = classify_scan(raw)
    assert result.kind in ScanKind
    assert (result.reason is None) == (result.kind is not ScanKind.UNKNOWN)
    assert result.message and len(result.value) <= 64


@settings(deadline=None)
@given(st.from_regex(r"2[0-9]{11}", fullmatch=True), st.sampled_from(["", "\r", "\n", "\r\n", "\x00\r"]))
def test_every_valid_card_is_a_card(body: str, ending: str) -> None:
    card = make_ean13(body)
    if card.startswith("99"):
        return
    result = classify_scan((card + ending).encode())
    assert (result.kind, result.value) == (ScanKind.CARD, card)


def test_the_region_must_be_supported() -> None:
    with pytest.raises(ValueError):
        classify_scan(CARD, region="UA")
