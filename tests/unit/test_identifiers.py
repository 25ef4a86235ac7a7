"""Parsing what the cashier types or the scanner sends into an identifier, or a clear refusal."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import phonenumbers
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from loyalty_client.codes import make_app_qr, make_ean13
from loyalty_client.identifiers import (
    MAX_INPUT_LENGTH,
    IdentifierRefused,
    RefusalReason,
    mask_phone,
    parse_identifier,
)
from loyalty_client.types import Identifier, IdentifierKind

ANNA = "+375291234567"
IVAN = "+79165550123"
CARD = "2000000000015"
E164 = re.compile(r"\+[0-9]{8,15}")


def refusal(text: str, region: str = "BY") -> RefusalReason:
    with pytest.raises(IdentifierRefused) as caught:
        parse_identifier(text, region)
    return caught.value.reason


# ----- phones ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "+375 29 123-45-67",
        "80291234567",
        "8 029 123 45 67",
        "291234567",
        "375291234567",
        "+375 (29) 1234567",
        "8 (029) 123-45-67",
        "+375291234567",
        " +375 29 123 45 67\r\n",
        "+375\u00a029\u00a0123\u201145\u201167",  # no-break spaces and hyphens from a copy-paste
        "\u200b291234567\ufeff",  # zero-width space, byte-order mark
    ],
)
def test_belarusian_phone_formats_are_one_customer(typed: str) -> None:
    assert parse_identifier(typed, "BY") == Identifier(IdentifierKind.PHONE, ANNA)


@pytest.mark.parametrize(
    "typed", ["+7 916 555-01-23", "89165550123", "8 (916) 555-01-23", "9165550123", "79165550123"]
)
def test_russian_phone_formats_are_one_customer(typed: str) -> None:
    assert parse_identifier(typed, "RU") == Identifier(IdentifierKind.PHONE, IVAN)


@pytest.mark.parametrize(
    ("typed", "region", "expected"),
    [
        ("+7 916 555-01-23", "BY", IVAN),
        ("79165550123", "BY", IVAN),  # full Russian number without its plus at a Belarusian till
        ("+375 29 123-45-67", "RU", ANNA),
        ("375291234567", "RU", ANNA),
    ],
)
def test_the_other_markets_full_numbers_are_understood(
    typed: str, region: str, expected: str
) -> None:
    assert parse_identifier(typed, region).value == expected


@pytest.mark.parametrize(
    ("typed", "region"),
    [
        ("89165550123", "BY"),  # Russian national form means nothing in Belarus
        ("291234567", "RU"),  # nor a Belarusian one in Russia
        ("80291234567", "RU"),
        ("2912345", "BY"),  # too short
        ("29123456789", "BY"),  # too long
        ("+375 29 123-45-67-8", "BY"),
        ("++375291234567", "BY"),
        ("375+291234567", "BY"),
        ("12", "BY"),
    ],
)
def test_numbers_that_are_no_phone_are_refused_as_such(typed: str, region: str) -> None:
    assert refusal(typed, region) is RefusalReason.NOT_A_PHONE


def test_only_the_supported_regions_are_accepted_as_default() -> None:
    with pytest.raises(ValueError):
        parse_identifier("291234567", "DE")


# ----- scanner codes --------------------------------------------------------------------------


def test_card_number() -> None:
    assert parse_identifier(CARD) == Identifier(IdentifierKind.CARD, CARD)
    assert parse_identifier(" 2 000000 000015\r\n") == Identifier(IdentifierKind.CARD, CARD)


def test_coupon_code() -> None:
    coupon = make_ean13("990000012345")
    assert parse_identifier(coupon, "RU") == Identifier(IdentifierKind.COUPON, coupon)


def test_app_qr() -> None:
    qr = make_app_qr("0000000042", b"secret", datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc))
    assert len(qr) == 23
    assert parse_identifier(qr) == Identifier(IdentifierKind.QR, qr)
    assert parse_identifier(f"\x02{qr}\x03\r") == Identifier(IdentifierKind.QR, qr)


def test_bad_check_digits_are_reported_as_the_code_they_look_like() -> None:
    qr = make_app_qr("0000000042", b"secret", datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc))
    bad_qr = qr[:-1] + str((int(qr[-1]) + 1) % 10)
    coupon = make_ean13("990000012345")
    bad_coupon = coupon[:-1] + str((int(coupon[-1]) + 1) % 10)
    assert refusal(bad_qr) is RefusalReason.BAD_QR_CHECK_DIGIT
    assert refusal(bad_coupon) is RefusalReason.BAD_COUPON_CHECK_DIGIT
    assert refusal("2000000000016") is RefusalReason.BAD_CARD_CHECK_DIGIT
    assert refusal("2000000000016", "RU") is RefusalReason.BAD_CARD_CHECK_DIGIT


def test_a_product_barcode_is_an_unknown_code() -> None:
    assert refusal("4601234567893") is RefusalReason.UNKNOWN_CODE
    assert refusal("12345678901234567890") is RefusalReason.UNKNOWN_CODE


# ----- garbage --------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["", " ", "\r\n", "\t \x00\x1b", "\u200b\ufeff", "- ( ) ."])
def test_empty_input(typed: str) -> None:
    assert refusal(typed) is RefusalReason.EMPTY


def test_length_limit() -> None:
    assert refusal("1" * MAX_INPUT_LENGTH) is RefusalReason.UNKNOWN_CODE
    assert refusal("1" * (MAX_INPUT_LENGTH + 1)) is RefusalReason.TOO_LONG
    assert refusal("x" * 100_000) is RefusalReason.TOO_LONG
    assert parse_identifier(" " * 1000 + "291234567" + "\n" * 1000).value == ANNA


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "Анна",
        "ANNA@example.com",
        "+375 29 CALL-ME",
        "１２３４５６７８９",  # full-width digits are not what a scanner sends
        "²⁹¹²³⁴⁵⁶⁷",
        "<xml/>",
        "2000000000015;DROP",
    ],
)
def test_anything_else_is_an_unknown_code(typed: str) -> None:
    assert refusal(typed) is RefusalReason.UNKNOWN_CODE


def test_refusals_carry_a_russian_message_and_never_the_input() -> None:
    with pytest.raises(IdentifierRefused) as caught:
        parse_identifier("+375 29 123-45-6")
    assert caught.value.message == str(caught.value)
    assert re.search("[А-Яа-я]", caught.value.message)
    assert "123" not in caught.value.message
    assert "123" not in repr(caught.value.args)
    for reason in RefusalReason:
        assert re.search("[А-Яа-я]", IdentifierRefused(reason).message)


@given(st.text(max_size=100))
@example("\ud800")
@example("+" * 5)
@example("0" * 15)
@example("+0000000000")
def test_garbage_never_raises_anything_but_the_refusal(text: str) -> None:
    for region in ("BY", "RU"):
        try:
            identifier = parse_identifier(text, region)
        except IdentifierRefused as refused:
            assert isinstance(refused.reason, RefusalReason)
        else:
            assert_fits_the_contract(identifier)


@given(st.from_regex(r"[+0-9 ()\-.\r\n\t]{0,70}", fullmatch=True))
def test_phone_like_garbage_never_raises_anything_but_the_refusal(text: str) -> None:
    for region in ("BY", "RU"):
        try:
            identifier = parse_identifier(text, region)
        except IdentifierRefused:
            pass
        else:
            assert_fits_the_contract(identifier)


def assert_fits_the_contract(identifier: Identifier) -> None:
    assert 1 <= len(identifier.value) <= 64
    if identifier.kind is IdentifierKind.PHONE:
        assert E164.fullmatch(identifier.value)
    else:
        assert identifier.value.isascii() and identifier.value.isdigit()


# ----- one number, every format ---------------------------------------------------------------

by_mobiles = st.tuples(
    st.sampled_from(["25", "29", "33", "44"]), st.from_regex(r"[1-9][0-9]{6}", fullmatch=True)
)
ru_mobiles = st.tuples(
    st.from_regex(r"9[0-9]{2}", fullmatch=True), st.from_regex(r"[0-9]{7}", fullmatch=True)
)
noise = st.sampled_from(["", " ", "\r\n", "\t", "\u00a0"])


def is_valid(e164: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.parse(e164))


@given(by_mobiles, noise, noise)
def test_every_format_of_a_belarusian_number_gives_one_e164(
    number: tuple[str, str], before: str, after: str
) -> None:
    op, sub = number
    e164 = f"+375{op}{sub}"
    assume(is_valid(e164))
    a, b, c = sub[:3], sub[3:5], sub[5:]
    national = [f"80{op}{sub}", f"8 0{op} {a} {b} {c}", f"8 (0{op}) {a}-{b}-{c}", f"{op}{sub}"]
    international = [
        f"+375 {op} {a}-{b}-{c}", f"+375({op}){sub}", f"375{op}{sub}", f"+375{op}{sub}"
    ]
    expected = Identifier(IdentifierKind.PHONE, e164)
    for typed in national + international:
        assert parse_identifier(before + typed + after, "BY") == expected
    for typed in international:
        assert parse_identifier(before + typed + after, "RU") == expected


@given(ru_mobiles, noise, noise)
def test_every_format_of_a_russian_number_gives_one_e164(
    number: tuple[str, str], before: str, after: str
) -> None:
    code, sub = number
    e164 = f"+7{code}{sub}"
    assume(is_valid(e164))
    a, b, c = sub[:3], sub[3:5], sub[5:]
    national = [f"8{code}{sub}", f"8 ({code}) {a}-{b}-{c}", f"{code}{sub}", f"8-{code}-{a}-{b}-{c}"]
    international = [f"+7 {code} {a}-{b}-{c}", f"+7({code}){sub}", f"7{code}{sub}"]
    expected = Identifier(IdentifierKind.PHONE, e164)
    for typed in national + international:
        assert parse_identifier(before + typed + after, "RU") == expected
    for typed in international:
        assert parse_identifier(before + typed + after, "BY") == expected


@given(st.from_regex(r"2[0-9]{11}", fullmatch=True), st.integers(0, 12), st.integers(1, 9))
def test_any_single_wrong_digit_on_a_card_is_caught(
    first12: str, position: int, shift: int
) -> None:
    card = make_ean13(first12)
    assert parse_identifier(card).kind is IdentifierKind.CARD
    wrong = card[:position] + str((int(card[position]) + shift) % 10) + card[position + 1 :]
    assume(wrong[0] == "2" and not wrong.startswith("99"))
    assert refusal(wrong) is RefusalReason.BAD_CARD_CHECK_DIGIT


# ----- masking --------------------------------------------------------------------------------


def test_mask_phone() -> None:
    assert mask_phone(ANNA) == "+375 29 ***-**-67"
    assert mask_phone(IVAN) == "+7 916 ***-**-23"


@pytest.mark.parametrize("garbage", ["", "garbage", "291234567", "+", "+375"])
def test_mask_phone_never_echoes_what_it_cannot_read(garbage: str) -> None:
    assert mask_phone(garbage) == "***"


@given(by_mobiles)
def test_a_masked_belarusian_phone_shows_only_operator_and_last_two_digits(
    number: tuple[str, str],
) -> None:
    op, sub = number
    assume(is_valid(f"+375{op}{sub}"))
    assert mask_phone(f"+375{op}{sub}") == f"+375 {op} ***-**-{sub[-2:]}"


@given(ru_mobiles)
def test_a_masked_russian_phone_shows_only_code_and_last_two_digits(
    number: tuple[str, str],
) -> None:
    code, sub = number
    assume(is_valid(f"+7{code}{sub}"))
    assert mask_phone(f"+7{code}{sub}") == f"+7 {code} ***-**-{sub[-2:]}"


@pytest.mark.parametrize("typed", ["+375 25 111-22-33", "80251112233", "251112233"])
def test_a_full_length_home_mobile_outside_the_library_ranges_is_still_a_phone(typed: str) -> None:
    # phonenumbers marks +375 25 1xx xx xx as unallocated; real members have such numbers.
    assert parse_identifier(typed, "BY") == Identifier(IdentifierKind.PHONE, "+375251112233")
