"""The loyalty slip and the test page as ESC/POS bytes, read back by an independent decoder."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.printing.receipt_layout import (
    LoyaltySummary,
    build_receipt,
    build_test_page,
    coupon_barcode,
    qr_image,
)
from devices.uris import CodePageMode, PaperWidth, PrintOptions, QrMode
from loyalty_client.types import Balance, BarcodeKind, CommitResult, CouponRefusal, CouponResult, Offer, Tier
from tests.devices.slip_words import BELARUSIAN
from tests.escpos_decoder import CodePage, Cut, Init, decode, ean13_is_valid

COUPON = "9900000001230"  # EAN-13: odd places 9+0+0+0+0+2, even 9+0+0+0+1+3 -> 11 + 3*13 = 50, check 0
COFFEE = Offer(
    "o1",
    "Скидка 10% на кофе",
    "Покажите этот купон на кассе до конца месяца и получите скидку 10% на любой кофе в зёрнах.",
    COUPON,
    date(2026, 12, 31),
    BarcodeKind.QR,
)
SUMMARY = LoyaltySummary(
    masked_phone="+375 29 ***-**-67",
    tier_name="Золото",
    earned=Decimal("12.50"),
    spent=Decimal("1000.00"),
    balance_after=Decimal("1234.50"),
)


def lines(data: bytes) -> list[str]:
    return [line.text for line in decode(data).lines]


def test_the_slip_on_58_mm_paper_in_russian() -> None:
    data = build_receipt(SUMMARY, [COFFEE], PrintOptions(width=PaperWidth.MM58))
    decoded = decode(data)
    assert decoded.code_pages == [17]  # no Belarusian letters: CP866
    assert [line.text for line in decoded.lines if line.text] == [
        "--------------------------------",
        "Бонусная программа",
        "Телефон        +375 29 ***-**-67",
        "Уровень                   Золото",
        "Начислено бонусов         +12,50",
        "Списано бонусов        -1 000,00",
        "Баланс бонусов          1 234,50",
        "Персональные предложения",
        "================================",
        "Скидка 10% на кофе",
        "Покажите этот купон на кассе до",
        "конца месяца и получите скидку",
        "10% на любой кофе в зёрнах.",
        "Действует до 31.12.2026",
    ]
    title = next(line for line in decoded.lines if line.text == "Скидка 10% на кофе")
    assert title.bold and not next(line for line in decoded.lines if line.text.startswith("Покажите")).bold


def test_the_slip_on_80_mm_paper_in_belarusian_switches_to_cp1251() -> None:
    decoded = decode(build_receipt(SUMMARY, [COFFEE], PrintOptions(width=PaperWidth.MM80), labels=BELARUSIAN))
    assert decoded.code_pages == [46]
    texts = [line.text for line in decoded.lines if line.text]
    assert texts[:7] == [
        "-" * 48,
        "Бонусная праграма",
        "Тэлефон                        +375 29 ***-**-67",
        "Узровень                                  Золото",
        "Налічана бонусаў                          +12,50",
        "Спісана бонусаў                        -1 000,00",
        "Баланс бонусаў                          1 234,50",
    ]
    assert "Дзейнічае да 31.12.2026" in texts


def test_a_fixed_cp866_printer_gets_stand_ins_for_belarusian_i() -> None:
    decoded = decode(build_receipt(SUMMARY, [], PrintOptions(codepage=CodePageMode.CP866), labels=BELARUSIAN))
    assert decoded.code_pages == [17]
    assert "Налiчана бонусаў                          +12,50" in decoded.text  # Latin i; ў is in CP866


def test_every_job_starts_with_init_and_our_code_page_and_ends_with_one_cut() -> None:
    for options in (PrintOptions(), PrintOptions(codepage=CodePageMode.CP1251, qr=QrMode.IMAGE, width=PaperWidth.MM58)):
        events = decode(build_receipt(SUMMARY, [COFFEE], options)).events
        assert isinstance(events[0], Init) and isinstance(events[1], CodePage)
        assert [type(e) for e in events].count(Init) == 1  # the page is never reset behind our back
        assert [type(e) for e in events].count(CodePage) == 1
        assert isinstance(events[-1], Cut)
        assert sum(isinstance(e, Cut) for e in events) == 1


def test_the_coupon_is_a_centred_native_qr_and_a_valid_ean13() -> None:
    decoded = decode(build_receipt(None, [COFFEE], PrintOptions()))
    (qr,) = decoded.qr_codes
    assert qr.payload == COUPON.encode() and qr.align == 1
    (barcode,) = decoded.barcodes
    assert barcode.kind == "EAN13" and barcode.data == COUPON and ean13_is_valid(barcode.data)
    assert barcode.align == 1 and barcode.hri == 2  # digits printed below
    assert decoded.lines[-1].align == 0  # alignment back to the left afterwards


def test_a_twelve_digit_coupon_gets_its_check_digit_and_a_bad_one_prints_as_text() -> None:
    assert coupon_barcode("990000000123") == COUPON
    assert coupon_barcode("9900000001235") is None  # wrong check digit
    twelve = Offer("o2", "T", "x", "990000000123", date(2026, 1, 1), BarcodeKind.EAN13)
    assert decode(build_receipt(None, [twelve], PrintOptions())).barcodes[0].data == COUPON
    broken = Offer("o3", "T", "x", "SUMMER-2026", date(2026, 1, 1), BarcodeKind.QR)
    decoded = decode(build_receipt(None, [broken], PrintOptions()))
    assert decoded.barcodes == [] and decoded.qr_codes == []
    assert "Купон: SUMMER-2026" in decoded.text


def test_an_offline_sale_says_the_bonuses_come_later() -> None:
    offline = LoyaltySummary(masked_phone="+7 916 ***-**-23", tier_name="Базовый", offline=True)
    text = decode(build_receipt(offline, [], PrintOptions(width=PaperWidth.MM58))).text
    assert "Бонусы будут начислены, когда\nвосстановится связь с программой\nлояльности." in text
    assert "Начислено" not in text and "Баланс" not in text
    assert "Телефон         +7 916 ***-**-23" in text


def test_a_sale_not_yet_confirmed_prints_the_till_s_figures_said_to_be_so_without_a_balance() -> None:
    from dataclasses import replace

    pending = replace(SUMMARY, pending=True)
    text = " ".join(lines(build_receipt(pending, [], PrintOptions(width=PaperWidth.MM80))))
    assert "+12,50" in text and "-1 000,00" in text  # the till's figures stay
    assert "Ещё не подтверждено программой лояльности: выше указаны расчёты кассы." in text
    assert "Баланс" not in text and "1 234,50" not in text
    plain = " ".join(lines(build_receipt(SUMMARY, [], PrintOptions(width=PaperWidth.MM80))))
    assert "подтверждено" not in plain


def test_the_summary_from_a_committed_purchase() -> None:
    result = CommitResult("t1", Decimal("3.10"), Decimal("0.00"), Balance(Decimal("53.10"), Decimal("60.00"), Decimal("6.90")))
    summary = LoyaltySummary.from_commit(result, masked_phone="+375 29 ***-**-67", tier=Tier("base", "Базовый", Decimal("3")))
    text = decode(build_receipt(summary, [], PrintOptions())).text
    assert "Начислено бонусов" in text and "+3,10" in text and "53,10" in text
    assert "Списано" not in text  # nothing spent, nothing said


def test_the_coupons_that_applied_are_listed_with_what_they_gave_and_their_codes_masked() -> None:
    coupons = (
        CouponResult(COUPON, "o1", "Скидка 10% на кофе", True, discount=Decimal("1.59")),
        CouponResult("9900001000024", "o2", "", True, extra_accrual=Decimal("12.00")),
        CouponResult("9900001000031", "o3", "Хлеб", False, reason=CouponRefusal.EXPIRED),
    )
    balance = Balance(Decimal("53.10"), Decimal("60.00"), Decimal("6.90"))
    result = CommitResult("t1", Decimal("3.10"), Decimal("0.00"), balance, coupons=coupons)
    summary = LoyaltySummary.from_commit(result, masked_phone="+375 29 ***-**-67")
    decoded = decode(build_receipt(summary, [], PrintOptions(width=PaperWidth.MM58)))
    texts = [line.text for line in decoded.lines if line.text]
    assert texts[-5:] == [
        "Баланс бонусов             53,10",
        "Применённые купоны",
        "Скидка 10% на кофе         -1,59",
        "Купон ***0024",
        "  Дополнительные бонусы   +12,00",
    ]
    assert "Хлеб" not in texts, "a coupon that did not apply is not on the slip"
    assert not any("9900001000024" in text for text in texts)


@settings(deadline=None, max_examples=40)
@given(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=400),
    st.sampled_from(list(PaperWidth)),
    st.sampled_from(list(CodePageMode)),
)
def test_any_offer_text_fits_the_paper_and_decodes(title: str, body: str, width: PaperWidth, codepage: CodePageMode) -> None:
    offer = Offer("o", title, body, COUPON, date(2026, 1, 1), BarcodeKind.QR)
    decoded = decode(build_receipt(SUMMARY, [offer], PrintOptions(width=width, codepage=codepage)))
    assert all(len(line.text) <= width.columns for line in decoded.lines)


def test_the_test_page_has_both_languages_a_ruler_and_the_codes() -> None:
    decoded = decode(build_test_page(PrintOptions(width=PaperWidth.MM58), device="tcp://10.0.0.5"))
    assert decoded.code_pages == [46]  # the Belarusian sample makes auto pick CP1251
    text = decoded.text
    assert "12345678901234567890123456789012" in text.splitlines()
    assert "Съешь же ещё этих мягких" in text
    assert "У рудога вераб'я ў сховішчы пад" in text
    assert "«№ 7»" in text and "—" in text
    assert decoded.qr_codes[0].payload == decoded.barcodes[0].data.encode()
    assert ean13_is_valid(decoded.barcodes[0].data)


def test_an_image_qr_reads_back_as_the_coupon() -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    decoded = decode(build_receipt(None, [COFFEE], PrintOptions(qr=QrMode.IMAGE, width=PaperWidth.MM58)))
    assert decoded.qr_codes == []
    (image,) = decoded.images
    assert image.width == 384  # padded to the paper width, so it is centred
    results = zxingcpp.read_barcodes(image.to_pil(), formats=zxingcpp.BarcodeFormat.QRCode)
    assert [r.text for r in results] == [COUPON]
    assert qr_image(COUPON, 5).size[0] < 384
