"""The store admin's PIN: format, peppered argon2id hash, and throttled checks (docs/architecture.md §8).

A new PIN is 6 to 12 ASCII digits. Digits, not a passphrase: the admin types it on the till's
keypad or touch screen, often to approve a sale while the customer waits. What guards the PIN is
the pepper and the throttle: what is stored (in `TillState`, the till's SQLite file) is the
argon2id hash of HMAC-SHA256(pepper, PIN), and the pepper lives in the OS keyring or a private
file outside the database's folder (app/secrets_store.py), so a copy of the database alone does
not allow an offline guess; guessing at the till runs into the locks below (about 96 guesses a
day at most, so half of 10^6 PINs takes years).

Older versions allowed 4 to 8 digits: such a PIN still opens (`check` answers `change_needed`),
and the application asks the admin to choose a new one.

Throttling is stored next to the hash, so restarting the till does not reset it, and shared by
every process on the file. Three wrong attempts are free; each further wrong one locks the check
for 30 s, 60 s, 120 s ... at most 15 min. While locked, `check` answers "wait" without verifying
anything. Each attempt is counted *before* the (slow) verification, in one write transaction:
two processes guessing at once cannot get more tries than one, and a crash half-way counts as a
wrong attempt. A right PIN clears the counter.

No Qt here: the dialog (widgets/admin/pin_dialog.py) only collects digits; the application asks this.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from cache.till_state import TillState

log = logging.getLogger(__name__)

HASH_KEY = "admin_pin.hash"
THROTTLE_KEY = "admin_pin.throttle"

MIN_LENGTH = 6
MAX_LENGTH = 12
OLD_MIN_LENGTH = 4
"""The shortest PIN older versions allowed: still accepted at a check, but to be changed."""
FREE_ATTEMPTS = 3
FIRST_LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 15 * 60
MIN_PEPPER_BYTES = 16

_PIN = re.compile(rf"[0-9]{{{MIN_LENGTH},{MAX_LENGTH}}}")

# Reason codes of PinError (the application turns them into messages).
NOT_DIGITS = "not_digits"
BAD_LENGTH = "bad_length"
ALREADY_SET = "already_set"
NOT_SET = "not_set"
WRONG_PIN = "wrong_pin"
LOCKED = "locked"
CHANGED_ELSEWHERE = "changed_elsewhere"
UNREADABLE = "unreadable"


@dataclass(frozen=True)
class PinCheck:
    """The answer to one PIN check.

    `ok`: the PIN was right. `wait_seconds`: how long checks are refused now (0 = not locked).
    `attempts_left`: wrong attempts still possible before the next one locks.
    `change_needed`: the PIN was right but is weaker than a new PIN may be (set by an older
    version): the admin should choose a new one.
    """

    ok: bool
    wait_seconds: int
    attempts_left: int
    change_needed: bool = False


class PinError(ValueError):
    """A PIN operation refused; `reason` is one of the reason codes of this module.

    `check` carries the throttling answer when the reason is a wrong or locked current PIN.
    """

    def __init__(self, reason: str, check: PinCheck | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.check = check


def validate_pin(pin: str) -> None:
    """Raise PinError (NOT_DIGITS or BAD_LENGTH) unless `pin` is a valid new PIN: 6–12 ASCII digits."""
    if not isinstance(pin, str) or not pin or re.fullmatch(r"[0-9]*", pin) is None:
        raise PinError(NOT_DIGITS)
    if _PIN.fullmatch(pin) is None:
        raise PinError(BAD_LENGTH)


def _valid(pin: str) -> bool:
    try:
        validate_pin(pin)
    except PinError:
        return False
    return True


def lock_seconds(failures: int) -> int:
    """How long the check stays locked after `failures` wrong attempts in a row."""
    extra = failures - FREE_ATTEMPTS
    if extra <= 0:
        return 0
    if extra > 16:  # far past the cap; keeps the power small
        return MAX_LOCK_SECONDS
    return min(FIRST_LOCK_SECONDS * 2 ** (extra - 1), MAX_LOCK_SECONDS)


def default_hasher() -> PasswordHasher:
    """The argon2id hasher the till uses (argon2-cffi's recommended parameters)."""
    return PasswordHasher(type=Type.ID)


@dataclass(frozen=True)
class _Throttle:
    failures: int = 0
    locked_until: datetime | None = None
    lock_seconds: int = 0

    def to_text(self) -> str:
        until = None if self.locked_until is None else self.locked_until.isoformat()
        return json.dumps(
            {"failures": self.failures, "locked_until": until, "lock_seconds": self.lock_seconds},
            sort_keys=True,
        )

    @classmethod
    def from_text(cls, text: str | None) -> "_Throttle":
        if text is None:
            return cls()
        try:
            data = json.loads(text)
            until = data["locked_until"]
            throttle = cls(
                failures=int(data["failures"]),
                locked_until=None if until is None else datetime.fromisoformat(until),
                lock_seconds=int(data["lock_seconds"]),
            )
            if throttle.failures < 0 or throttle.lock_seconds < 0:
                raise ValueError("negative")
            if throttle.locked_until is not None and throttle.locked_until.tzinfo is None:
                raise ValueError("naive time")
            return throttle
        except (ValueError, TypeError, KeyError):
            log.warning("the admin PIN attempt counter was unreadable; no free attempts are left")
            return cls(failures=FREE_ATTEMPTS)

    def remaining(self, now: datetime) -> float:
        """Seconds the lock still lasts at `now` (0 when not locked)."""
        if self.locked_until is None:
            return 0.0
        return max(0.0, (self.locked_until - now).total_seconds())

    def attempts_left(self) -> int:
        return max(0, FREE_ATTEMPTS - self.failures)


class AdminPin:
    """Creates, changes and checks the store admin's PIN, with persistent, shared throttling.

    `state` is the till's key/value store, `pepper` the secret from the OS keyring (see
    app.secrets_store.till_secret), `clock` returns the current aware time. `hasher` may be given
    cheaper argon2 parameters in tests; a stored hash made with other parameters is replaced on
    the next right PIN. Checks are slow on purpose (argon2): call them off the GUI thread.
    """

    def __init__(
        self,
        state: TillState,
        pepper: bytes,
        clock: Callable[[], datetime],
        *,
        hasher: PasswordHasher | None = None,
    ) -> None:
        if len(pepper) < MIN_PEPPER_BYTES:
            raise ValueError(f"the pepper must be at least {MIN_PEPPER_BYTES} bytes")
        self._state = state
        self._pepper = bytes(pepper)
        self._clock = clock
        self._hasher = hasher if hasher is not None else default_hasher()

    # -- public API -----------------------------------------------------------------------------

    def is_set(self) -> bool:
        """Whether an admin PIN exists on this till."""
        return self._state.get(HASH_KEY) is not None

    def create(self, pin: str) -> None:
        """Set the first PIN. Raises PinError: NOT_DIGITS, BAD_LENGTH, or ALREADY_SET."""
        validate_pin(pin)
        new_hash = self._hasher.hash(self._peppered(pin))

        def store(current: str | None) -> str:
            if current is not None:
                raise PinError(ALREADY_SET)
            return new_hash

        self._state.update(HASH_KEY, store)
        self._state.put(THROTTLE_KEY, _Throttle().to_text())

    def change(self, current: str, new: str) -> None:
        """Replace the PIN after checking `current` (which counts as an attempt).

        Raises PinError: NOT_DIGITS / BAD_LENGTH for `new`; NOT_SET; WRONG_PIN or LOCKED (with
        `check`); CHANGED_ELSEWHERE when another process changed the PIN meanwhile.
        """
        validate_pin(new)
        result, verified_hash = self._check(current)
        if not result.ok:
            raise PinError(LOCKED if verified_hash is None else WRONG_PIN, result)
        new_hash = self._hasher.hash(self._peppered(new))

        def replace(stored: str | None) -> str:
            if stored != verified_hash:
                raise PinError(CHANGED_ELSEWHERE)
            return new_hash

        self._state.update(HASH_KEY, replace)

    def check(self, pin: str) -> PinCheck:
        """Check `pin`; while locked, answer with the wait and verify nothing.

        Raises PinError(NOT_SET) when no PIN exists, PinError(UNREADABLE) when the stored hash
        is damaged. A PIN of the wrong format is a wrong attempt like any other; a right PIN that
        a new one could not be (shorter, from an older version) answers `change_needed`.
        """
        result, _ = self._check(pin)
        return result

    def status(self) -> PinCheck:
        """The throttling state now, without an attempt (ok is always False)."""
        throttle = _Throttle.from_text(self._state.get(THROTTLE_KEY))
        # min(): if the clock went back, the lock lasts at most its length from now (see _check).
        wait = math.ceil(min(throttle.remaining(self._now()), throttle.lock_seconds))
        return PinCheck(ok=False, wait_seconds=wait, attempts_left=throttle.attempts_left())

    # -- internals ------------------------------------------------------------------------------

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("the clock must return aware datetimes")
        return now

    def _peppered(self, pin: str) -> bytes:
        return hmac.new(self._pepper, pin.encode("ascii", "replace"), hashlib.sha256).digest()

    def _check(self, pin: str) -> tuple[PinCheck, str | None]:
        """The check, and the hash that was verified (None when the lock refused the attempt)."""
        stored = self._state.get(HASH_KEY)
        if stored is None:
            raise PinError(NOT_SET)
        now = self._now()
        outcome: list[tuple[_Throttle, bool]] = []

        def charge(text: str | None) -> str:
            outcome.clear()
            throttle = _Throttle.from_text(text)
            if throttle.locked_until is not None:
                lock_start = throttle.locked_until - timedelta(seconds=throttle.lock_seconds)
                if now < lock_start:  # the clock went back: the lock lasts from now
                    until = now + timedelta(seconds=throttle.lock_seconds)
                    throttle = _Throttle(throttle.failures, until, throttle.lock_seconds)
            if throttle.remaining(now) > 0:
                outcome.append((throttle, False))
                return throttle.to_text()
            failures = throttle.failures + 1
            seconds = lock_seconds(failures)
            counted = _Throttle(failures, now + timedelta(seconds=seconds) if seconds else None, seconds)
            outcome.append((counted, True))
            return counted.to_text()

        self._state.update(THROTTLE_KEY, charge)
        throttle, counted = outcome[0]
        if not counted:
            return PinCheck(ok=False, wait_seconds=math.ceil(throttle.remaining(now)), attempts_left=0), None
        try:
            self._hasher.verify(stored, self._peppered(pin))
        except VerificationError:
            wait = math.ceil(throttle.remaining(now))
            return PinCheck(ok=False, wait_seconds=wait, attempts_left=throttle.attempts_left()), stored
        except InvalidHashError as exc:
            log.error("the stored admin PIN hash is damaged")
            raise PinError(UNREADABLE) from exc
        self._state.put(THROTTLE_KEY, _Throttle().to_text())
        self._rehash_if_needed(stored, pin)
        return PinCheck(ok=True, wait_seconds=0, attempts_left=FREE_ATTEMPTS, change_needed=not _valid(pin)), stored

    def _rehash_if_needed(self, stored: str, pin: str) -> None:
        if not self._hasher.check_needs_rehash(stored):
            return
        new_hash = self._hasher.hash(self._peppered(pin))

        def renew(current: str | None) -> str:
            if current != stored:
                raise PinError(CHANGED_ELSEWHERE)
            return new_hash

        try:
            self._state.update(HASH_KEY, renew)
        except PinError:
            return  # changed meanwhile: the newer hash stays
        log.info("the admin PIN hash was renewed with the current argon2 parameters")
