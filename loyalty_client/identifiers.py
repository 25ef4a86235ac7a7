"""Turn what a cashier types or a scanner sends into an `Identifier`, or a clear refusal.

The order follows docs/architecture.md §4: app QR (23 digits starting with 9, Luhn valid), offer coupon
(EAN-13 starting with 99), loyalty card (EAN-13 starting with 2), then a phone number parsed with
`phonenumbers` in the till's default region (BY or RU) and sent as E.164. A 13-digit string in
the card or coupon range with a wrong check digit is reported as a bad card/coupon, never tried as
a phone; a 23-digit string starting with 9 with a wrong check digit likewise as a bad app QR.

Whitespace, control and invisible formatting characters and the usual separators
(`-`, dashes, brackets, dots, slashes) are ignored, so `+375 (29) 123-45-67` and a scanner's
`2000000000015\\r\\n` both work. Refusals never echo the input: their message is for the cashier,
their reason code for the program, and neither carries personal data.
"""
from __future__ import annotations

import importlib
import re
import unicodedata
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING

from loyalty_client.codes import (
    APP_QR_LENGTH,
    APP_QR_PREFIX,
    is_coupon_code,
    is_card_number,
    parse_app_qr,
)
from loyalty_client.types import Identifier, IdentifierKind

if TYPE_CHECKING:
    import phonenumbers

MAX_INPUT_LENGTH = 64
SUPPORTED_REGIONS = ("BY", "RU")

_SEPARATORS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212()[]./")
_EAN13_LENGTH = 13
_CARD_PREFIX = "2"
_COUPON_PREFIX = "99"
_PHONE_CHARACTERS = re.compile(r"[+0-9]+")
_PHONE_SHAPE = re.compile(r"\+?[0-9]+")
_MAX_PHONE_DIGITS = 15  # E.164; national forms with a trunk or IDD prefix stay within this too
_MIN_PHONE_DIGITS = 5


def load_phone_rules() -> ModuleType:
    """The `phonenumbers` library, imported on first use.

    Its numbering tables take a noticeable part of a till's start; the till's window does not need
    them to appear, so they load here, on the first phone typed or on a worker warming them up.
    """
    return importlib.import_module("phonenumbers")


class RefusalReason(str, Enum):
    """Why an input is not an identifier; stable codes for the program and the logs."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    BAD_CARD_CHECK_DIGIT = "bad_card_check_digit"
    BAD_COUPON_CHECK_DIGIT = "bad_coupon_check_digit"
    BAD_QR_CHECK_DIGIT = "bad_qr_check_digit"
    NOT_A_PHONE = "not_a_phone"
    UNKNOWN_CODE = "unknown_code"


MESSAGES: dict[RefusalReason, str] = {
    RefusalReason.EMPTY: "Введите телефон или отсканируйте карту",
    RefusalReason.TOO_LONG: "Слишком длинный ввод",
    RefusalReason.BAD_CARD_CHECK_DIGIT: "Неверный номер карты: ошибка в контрольной цифре",
    RefusalReason.BAD_COUPON_CHECK_DIGIT: "Неверный код купона: ошибка в контрольной цифре",
    RefusalReason.BAD_QR_CHECK_DIGIT: "QR-код приложения не прочитан: отсканируйте ещё раз",
    RefusalReason.NOT_A_PHONE: "Это не номер телефона",
    RefusalReason.UNKNOWN_CODE: "Неизвестный код",
}


class IdentifierRefused(ValueError):
    """The input is not a customer identifier: `message` for the cashier, `reason` for the program.

    The refused input itself is deliberately not kept: it may be a phone number.
    """

    def __init__(self, reason: RefusalReason) -> None:
        self.reason = reason
        self.message = MESSAGES[reason]
        super().__init__(self.message)


def parse_identifier(text: str, default_region: str = "BY") -> Identifier:
    """The identifier behind a typed or scanned `text`; raises `IdentifierRefused` otherwise.

    `default_region` (`BY` or `RU`) decides how a phone number without a country code is read.
    """
    if default_region not in SUPPORTED_REGIONS:
        raise ValueError(f"default_region must be one of {SUPPORTED_REGIONS}")
    if not isinstance(text, str):
        raise IdentifierRefused(RefusalReason.UNKNOWN_CODE)
    compact = clean_input(text)

    if compact.isascii() and compact.isdigit():
        code = _parse_code(compact)
        if code is not None:
            return code
    return Identifier(IdentifierKind.PHONE, _parse_phone(compact, default_region))


def clean_input(text: str) -> str:
    """`text` without whitespace, control/formatting characters and separators.

    Raises `IdentifierRefused` when nothing is left or the input is longer than
    `MAX_INPUT_LENGTH` characters once surrounding whitespace and control characters are gone.
    """
    start, end = 0, len(text)
    while start < end and _is_ignorable(text[start]):
        start += 1
    while end > start and _is_ignorable(text[end - 1]):
        end -= 1
    if end - start > MAX_INPUT_LENGTH:
        raise IdentifierRefused(RefusalReason.TOO_LONG)
    compact = "".join(
        ch for ch in text[start:end] if not _is_ignorable(ch) and ch not in _SEPARATORS
    )
    if not compact:
        raise IdentifierRefused(RefusalReason.EMPTY)
    return compact


def _is_ignorable(ch: str) -> bool:
    """Whitespace, control and invisible formatting characters (zero-width space, BOM...)."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _parse_code(digits: str) -> Identifier | None:
    """A scanner code (app QR, coupon, card) for an all-digit input, or None to try a phone."""
    if len(digits) == APP_QR_LENGTH and digits.startswith(APP_QR_PREFIX):
        if parse_app_qr(digits) is None:
            raise IdentifierRefused(RefusalReason.BAD_QR_CHECK_DIGIT)
        return Identifier(IdentifierKind.QR, digits)
    if len(digits) == _EAN13_LENGTH:
        if digits.startswith(_COUPON_PREFIX):
            if not is_coupon_code(digits):
                raise IdentifierRefused(RefusalReason.BAD_COUPON_CHECK_DIGIT)
            return Identifier(IdentifierKind.COUPON, digits)
        if digits.startswith(_CARD_PREFIX):
            if not is_card_number(digits):
                raise IdentifierRefused(RefusalReason.BAD_CARD_CHECK_DIGIT)
            return Identifier(IdentifierKind.CARD, digits)
    return None


def _parse_phone(compact: str, default_region: str) -> str:
    """The E.164 form of a phone number in `compact`, or a refusal."""
    if not _PHONE_CHARACTERS.fullmatch(compact):
        raise IdentifierRefused(RefusalReason.UNKNOWN_CODE)
    if not _PHONE_SHAPE.fullmatch(compact):
        raise IdentifierRefused(RefusalReason.NOT_A_PHONE)  # a misplaced or doubled plus
    digits = compact.lstrip("+")
    if len(digits) > _MAX_PHONE_DIGITS:
        raise IdentifierRefused(RefusalReason.UNKNOWN_CODE)
    if len(digits) < _MIN_PHONE_DIGITS:
        raise IdentifierRefused(RefusalReason.NOT_A_PHONE)

    phonenumbers = load_phone_rules()
    candidates = [compact]
    if not compact.startswith("+"):
        # A full international number typed without its plus, from the other market
        # (`375291234567` at a Russian till, `79165550123` at a Belarusian one).
        for region in SUPPORTED_REGIONS:
            if region != default_region:
                country_code = str(phonenumbers.country_code_for_region(region))
                if digits.startswith(country_code):
                    candidates.append("+" + digits)
    for candidate in candidates:
        number = _valid_number(candidate, default_region)
        if number is not None:
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not compact.startswith("+") and len(digits) >= _EAN13_LENGTH:
        raise IdentifierRefused(RefusalReason.UNKNOWN_CODE)  # a product barcode, most likely
    raise IdentifierRefused(RefusalReason.NOT_A_PHONE)


# Mobile numbering of the home markets: (national length, operator prefixes). A full-length
# mobile number is accepted even where the library's range tables say "not allocated": they lag
# behind operators' new ranges, and refusing a member's real number is worse than asking the
# service about it.
_HOME_MOBILES = {375: (9, ("25", "29", "33", "44")), 7: (10, ("9",))}


def _valid_number(candidate: str, region: str) -> phonenumbers.PhoneNumber | None:
    """The parsed number when `candidate` is a valid number (or a full-length home-market mobile)."""
    phonenumbers = load_phone_rules()
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return number
    national = phonenumbers.national_significant_number(number)
    length, prefixes = _HOME_MOBILES.get(number.country_code, (0, ()))
    if len(national) == length and national.startswith(prefixes):
        return number
    return None


def mask_phone(e164: str) -> str:
    """The only form of a phone number allowed on screen, receipts and logs.

    `+375291234567` -> `+375 29 ***-**-67`, `+79165550123` -> `+7 916 ***-**-23`: country and
    operator/area code kept, every other digit but the last two hidden. Anything that does not
    parse as a phone number gives `***` (never the input).
    """
    phonenumbers = load_phone_rules()
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return "***"
    national = phonenumbers.national_significant_number(number)
    if len(national) < 4:
        return "***"
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    prefix = f"+{number.country_code}"
    groups = formatted[len(prefix) :].strip().split(" ", 1) if formatted.startswith(prefix) else []
    if len(groups) == 2 and groups[0].isdigit() and len(groups[0]) < len(national) - 2:
        head, rest = groups
    else:
        head, rest = "", national
    kept = 2
    masked: list[str] = []
    for ch in reversed(rest):
        if ch.isdigit():
            masked.append(ch if kept > 0 else "*")
            kept -= 1
        else:
            masked.append(ch)
    tail = "".join(reversed(masked))
    return f"{prefix} {head} {tail}" if head else f"{prefix} {tail}"
