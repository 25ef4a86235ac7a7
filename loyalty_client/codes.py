"""The digit codes a scanner reads (docs/architecture.md §4): loyalty cards, rotating app QRs, offer coupons.

Digits only, so they survive any keyboard layout.
- Loyalty card: EAN-13 in the in-store range (first digit 2), check digit valid.
- Offer coupon: EAN-13 starting with 99 (a QR of the same digits is read the same way).
- App QR: `9` + version digit + 10-digit account + 4-digit time step + 6-digit TOTP + Luhn check
  digit: 23 digits. The time step is the 30-second TOTP counter modulo 10 000; the service maps it
  back to the full counter nearest to its clock and checks the one-time password (RFC 6238).
"""
from __future__ import annotations

import hashlib
import hmac
import struct
from dataclasses import dataclass
from datetime import datetime, timezone

APP_QR_LENGTH = 23
APP_QR_PREFIX = "9"
TOTP_STEP_SECONDS = 30
STEP_MODULUS = 10_000


def ean13_check_digit(first12: str) -> int:
    """The EAN-13 check digit for 12 leading digits."""
    if len(first12) != 12 or not first12.isdigit():
        raise ValueError("EAN-13 needs 12 digits before the check digit")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def is_valid_ean13(code: str) -> bool:
    """True for 13 digits with a correct check digit."""
    return len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == int(code[12])


def make_ean13(first12: str) -> str:
    """Complete 12 digits with their check digit."""
    return first12 + str(ean13_check_digit(first12))


def is_card_number(code: str) -> bool:
    """A loyalty card: valid EAN-13 in the in-store range, and not a coupon."""
    return is_valid_ean13(code) and code.startswith("2")


def is_coupon_code(code: str) -> bool:
    """A printed offer coupon: valid EAN-13 starting with 99."""
    return is_valid_ean13(code) and code.startswith("99")


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit to append to `digits`."""
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10


@dataclass(frozen=True)
class AppQr:
    """The parts of a rotating app QR."""

    version: int
    account: str
    step: int  # the TOTP counter modulo STEP_MODULUS
    otp: str


def totp_counter(at: datetime) -> int:
    """The full RFC 6238 counter for a moment."""
    return int(at.astimezone(timezone.utc).timestamp()) // TOTP_STEP_SECONDS


def hotp(secret: bytes, counter: int, digits: int = 6) -> str:
    """RFC 4226 one-time password for a counter."""
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return str(code).zfill(digits)


def make_app_qr(account: str, secret: bytes, at: datetime, version: int = 1) -> str:
    """The app QR a member's phone shows at moment `at`."""
    if len(account) != 10 or not account.isdigit():
        raise ValueError("account must be 10 digits")
    counter = totp_counter(at)
    body = f"{APP_QR_PREFIX}{version}{account}{counter % STEP_MODULUS:04d}{hotp(secret, counter)}"
    return body + str(luhn_check_digit(body))


def parse_app_qr(code: str) -> AppQr | None:
    """The parts of an app QR, or None when `code` is not one (length, prefix or check digit)."""
    if len(code) != APP_QR_LENGTH or not code.isdigit() or not code.startswith(APP_QR_PREFIX):
        return None
    if luhn_check_digit(code[:-1]) != int(code[-1]):
        return None
    return AppQr(version=int(code[1]), account=code[2:12], step=int(code[12:16]), otp=code[16:22])


def full_counter(step: int, now: datetime) -> int:
    """The full TOTP counter nearest to `now` whose residue is `step`."""
    current = totp_counter(now)
    base = current - current % STEP_MODULUS + step
    candidates = (base - STEP_MODULUS, base, base + STEP_MODULUS)
    return min(candidates, key=lambda c: abs(c - current))


def verify_app_qr(qr: AppQr, secret: bytes, now: datetime, window: int = 2) -> int | None:
    """The full counter the QR was made at, if its password is right and within `window` steps."""
    counter = full_counter(qr.step, now)
    if abs(counter - totp_counter(now)) > window:
        return None
    return counter if hmac.compare_digest(hotp(secret, counter), qr.otp) else None
