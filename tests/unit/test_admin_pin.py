"""AdminPin: peppered argon2id hash, format, throttling that survives restarts and is shared."""
from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type
from argon2.exceptions import VerificationError

from app.admin.pin import (
    ALREADY_SET,
    BAD_LENGTH,
    CHANGED_ELSEWHERE,
    HASH_KEY,
    LOCKED,
    MAX_LOCK_SECONDS,
    NOT_DIGITS,
    NOT_SET,
    THROTTLE_KEY,
    UNREADABLE,
    WRONG_PIN,
    AdminPin,
    PinCheck,
    PinError,
    default_hasher,
    lock_seconds,
)
from cache.database import Database, open_database
from cache.till_state import TillState

PEPPER = bytes(range(32))
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


class CountingHasher(PasswordHasher):
    """Cheap argon2id parameters for tests, counting how often a PIN is verified."""

    def __init__(self, time_cost: int = 1) -> None:
        super().__init__(time_cost=time_cost, memory_cost=8, parallelism=1, type=Type.ID)
        self.verified = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes):  # noqa: A002 (argon2's name)
        with self._lock:
            self.verified += 1
        return super().verify(hash, password)


class Clock:
    """A settable clock."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    with open_database(tmp_path / "till.sqlite") as database:
        yield database


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def hasher() -> CountingHasher:
    return CountingHasher()


@pytest.fixture
def pin(db: Database, clock: Clock, hasher: CountingHasher) -> AdminPin:
    admin = AdminPin(TillState(db), PEPPER, clock, hasher=hasher)
    admin.create("246813")
    return admin


def _reason(excinfo: pytest.ExceptionInfo[PinError]) -> str:
    return excinfo.value.reason


# -- creating and storing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("candidate", "reason"),
    [
        ("", NOT_DIGITS),
        ("12a4", NOT_DIGITS),
        ("12 34", NOT_DIGITS),
        ("١٢٣٤", NOT_DIGITS),  # Arabic-Indic digits are digits to Python, not to the till
        ("12345", BAD_LENGTH),
        ("1234", BAD_LENGTH),  # long enough once, not for a new PIN
        ("1234567890123", BAD_LENGTH),
    ],
)
def test_create_refuses_a_bad_format(db: Database, clock: Clock, candidate: str, reason: str) -> None:
    admin = AdminPin(TillState(db), PEPPER, clock, hasher=CountingHasher())
    with pytest.raises(PinError) as excinfo:
        admin.create(candidate)
    assert _reason(excinfo) == reason
    assert not admin.is_set()


@pytest.mark.parametrize("good", ["000000", "123456789012"])
def test_six_to_twelve_digits_are_accepted(db: Database, clock: Clock, good: str) -> None:
    admin = AdminPin(TillState(db), PEPPER, clock, hasher=CountingHasher())
    admin.create(good)
    assert admin.is_set()
    assert admin.check(good).ok


def test_a_four_digit_pin_is_refused_as_a_new_pin(pin: AdminPin) -> None:
    with pytest.raises(PinError) as excinfo:
        pin.change("246813", "1234")
    assert _reason(excinfo) == BAD_LENGTH
    assert pin.check("246813") == PinCheck(ok=True, wait_seconds=0, attempts_left=3, change_needed=False)


def _old_pin(db: Database, pin: str) -> None:
    """Store `pin` as an older version did (same peppered argon2id hash, 4 to 8 digits allowed)."""
    TillState(db).put(HASH_KEY, CountingHasher().hash(hmac.new(PEPPER, pin.encode(), hashlib.sha256).digest()))


@pytest.mark.parametrize("old", ["2468", "24680"])
def test_an_old_short_pin_still_opens_and_asks_to_be_changed(db: Database, clock: Clock, old: str) -> None:
    _old_pin(db, old)
    admin = AdminPin(TillState(db), PEPPER, clock, hasher=CountingHasher())
    assert admin.is_set()
    assert admin.check("1357") == PinCheck(ok=False, wait_seconds=0, attempts_left=2), "a wrong one is just wrong"
    assert admin.check(old) == PinCheck(ok=True, wait_seconds=0, attempts_left=3, change_needed=True)
    for _ in range(4):
        admin.check("0000")
    assert admin.check(old) == PinCheck(ok=False, wait_seconds=30, attempts_left=0), "throttled like any PIN"
    clock.advance(30)
    admin.change(old, "135791")
    assert admin.check("135791") == PinCheck(ok=True, wait_seconds=0, attempts_left=3, change_needed=False)
    assert not admin.check(old).ok


def test_create_only_once(pin: AdminPin) -> None:
    with pytest.raises(PinError) as excinfo:
        pin.create("135791")
    assert _reason(excinfo) == ALREADY_SET
    assert pin.check("246813").ok


def test_the_stored_hash_is_argon2id_of_the_peppered_pin(db: Database, clock: Clock) -> None:
    admin = AdminPin(TillState(db), PEPPER, clock)  # the production parameters, once
    admin.create("246813")
    stored = TillState(db).get(HASH_KEY)
    assert stored is not None and stored.startswith("$argon2id$")
    assert "246813" not in stored
    hasher = default_hasher()
    with pytest.raises(VerificationError):
        hasher.verify(stored, "246813")  # the database alone is not enough to guess
    assert hasher.verify(stored, hmac.new(PEPPER, b"246813", hashlib.sha256).digest())
    assert admin.check("246813").ok


def test_another_pepper_does_not_open_it(db: Database, clock: Clock, pin: AdminPin) -> None:
    other = AdminPin(TillState(db), bytes(reversed(PEPPER)), clock, hasher=CountingHasher())
    assert not other.check("246813").ok


def test_a_short_pepper_is_refused(db: Database, clock: Clock) -> None:
    with pytest.raises(ValueError):
        AdminPin(TillState(db), b"short", clock)


def test_checking_without_a_pin_is_an_error(db: Database, clock: Clock) -> None:
    admin = AdminPin(TillState(db), PEPPER, clock, hasher=CountingHasher())
    assert not admin.is_set()
    with pytest.raises(PinError) as excinfo:
        admin.check("246813")
    assert _reason(excinfo) == NOT_SET


def test_a_naive_clock_is_refused(db: Database, pin: AdminPin) -> None:
    admin = AdminPin(TillState(db), PEPPER, lambda: datetime(2026, 1, 1), hasher=CountingHasher())
    with pytest.raises(ValueError):
        admin.check("246813")


# -- throttling ---------------------------------------------------------------------------------


def test_lock_lengths() -> None:
    assert [lock_seconds(n) for n in range(0, 10)] == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900]
    assert lock_seconds(100) == MAX_LOCK_SECONDS == 900


def test_three_free_attempts_then_growing_locks(pin: AdminPin, clock: Clock) -> None:
    assert pin.check("000000") == PinCheck(ok=False, wait_seconds=0, attempts_left=2)
    assert pin.check("000000") == PinCheck(ok=False, wait_seconds=0, attempts_left=1)
    assert pin.check("000000") == PinCheck(ok=False, wait_seconds=0, attempts_left=0)
    assert pin.check("000000") == PinCheck(ok=False, wait_seconds=30, attempts_left=0)
    for expected in (60, 120, 240, 480, 900, 900):
        clock.advance(MAX_LOCK_SECONDS)
        assert pin.check("000000") == PinCheck(ok=False, wait_seconds=expected, attempts_left=0)


def test_while_locked_nothing_is_verified_not_even_the_right_pin(
    pin: AdminPin, clock: Clock, hasher: CountingHasher
) -> None:
    for _ in range(4):
        pin.check("000000")
    verified = hasher.verified
    clock.advance(10)
    assert pin.check("246813") == PinCheck(ok=False, wait_seconds=20, attempts_left=0)
    clock.advance(19.5)
    assert pin.check("246813") == PinCheck(ok=False, wait_seconds=1, attempts_left=0)  # rounded up
    assert pin.status() == PinCheck(ok=False, wait_seconds=1, attempts_left=0)
    assert hasher.verified == verified
    clock.advance(0.5)
    assert pin.check("246813") == PinCheck(ok=True, wait_seconds=0, attempts_left=3)
    assert hasher.verified == verified + 1


def test_a_right_pin_resets_the_counter(pin: AdminPin, clock: Clock) -> None:
    pin.check("000000")
    pin.check("000000")
    assert pin.check("246813").ok
    assert pin.status() == PinCheck(ok=False, wait_seconds=0, attempts_left=3)
    for left in (2, 1, 0):
        assert pin.check("000000").attempts_left == left
    assert pin.check("000000").wait_seconds == 30  # the lock starts over from the first length


def test_the_counter_survives_a_restart(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "till.sqlite"
    with open_database(path) as db:
        admin = AdminPin(TillState(db), PEPPER, clock, hasher=CountingHasher())
        admin.create("246813")
        for _ in range(4):
            admin.check("111111")
    clock.advance(5)
    with open_database(path) as db:
        restarted = AdminPin(TillState(db), PEPPER, clock, hasher=CountingHasher())
        assert restarted.check("246813") == PinCheck(ok=False, wait_seconds=25, attempts_left=0)


def test_two_tills_on_one_file_share_the_counter(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "till.sqlite"
    with open_database(path) as first_db, open_database(path) as second_db:
        first = AdminPin(TillState(first_db), PEPPER, clock, hasher=CountingHasher())
        second = AdminPin(TillState(second_db), PEPPER, clock, hasher=CountingHasher())
        first.create("246813")
        assert second.is_set()
        assert first.check("111111").attempts_left == 2
        assert second.check("111111").attempts_left == 1
        assert first.check("111111").attempts_left == 0
        assert second.check("111111").wait_seconds == 30
        assert first.check("246813") == PinCheck(ok=False, wait_seconds=30, attempts_left=0)
        clock.advance(30)
        assert second.check("246813").ok
        assert first.status().attempts_left == 3


def test_guesses_made_at_once_get_no_extra_tries(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "till.sqlite"
    hasher = CountingHasher()
    with open_database(path) as db:
        AdminPin(TillState(db), PEPPER, clock, hasher=hasher).create("246813")
    start = threading.Barrier(8)
    results: list[PinCheck] = []
    errors: list[BaseException] = []

    def guess(number: int) -> None:
        try:
            with open_database(path) as db:
                admin = AdminPin(TillState(db), PEPPER, clock, hasher=hasher)
                start.wait()
                results.append(admin.check(f"{100000 + number}"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert hasher.verified == 4  # three free attempts and the one that locks
    assert sorted(r.wait_seconds for r in results) == [0, 0, 0] + [30] * 5
    assert not any(r.ok for r in results)


def test_a_clock_set_back_does_not_lock_for_hours(pin: AdminPin, clock: Clock) -> None:
    for _ in range(4):
        pin.check("000000")
    clock.advance(-3 * 3600)
    assert pin.status().wait_seconds == 30
    assert pin.check("246813") == PinCheck(ok=False, wait_seconds=30, attempts_left=0)
    clock.advance(30)
    assert pin.check("246813").ok


def test_a_damaged_counter_leaves_no_free_attempts(db: Database, pin: AdminPin) -> None:
    TillState(db).put(THROTTLE_KEY, "{not json")
    assert pin.check("000000") == PinCheck(ok=False, wait_seconds=30, attempts_left=0)


def test_a_damaged_hash_is_reported(db: Database, pin: AdminPin) -> None:
    TillState(db).put(HASH_KEY, "not a hash")
    with pytest.raises(PinError) as excinfo:
        pin.check("246813")
    assert _reason(excinfo) == UNREADABLE


# -- changing -----------------------------------------------------------------------------------


def test_change_needs_the_current_pin(pin: AdminPin) -> None:
    with pytest.raises(PinError) as excinfo:
        pin.change("111111", "1357913")
    assert _reason(excinfo) == WRONG_PIN
    assert excinfo.value.check == PinCheck(ok=False, wait_seconds=0, attempts_left=2)
    pin.change("246813", "1357913")
    assert pin.check("1357913").ok
    assert not pin.check("246813").ok


def test_change_refuses_a_bad_new_pin_without_counting_an_attempt(pin: AdminPin) -> None:
    with pytest.raises(PinError) as excinfo:
        pin.change("246813", "12")
    assert _reason(excinfo) == BAD_LENGTH
    assert pin.status().attempts_left == 3
    assert pin.check("246813").ok


def test_change_while_locked(pin: AdminPin, hasher: CountingHasher) -> None:
    for _ in range(4):
        pin.check("000000")
    verified = hasher.verified
    with pytest.raises(PinError) as excinfo:
        pin.change("246813", "1357913")
    assert _reason(excinfo) == LOCKED
    assert excinfo.value.check is not None and excinfo.value.check.wait_seconds == 30
    assert hasher.verified == verified


def test_change_loses_to_a_change_made_meanwhile(db: Database, clock: Clock, pin: AdminPin) -> None:
    other = AdminPin(TillState(db), PEPPER, clock, hasher=CountingHasher())

    class ChangingHasher(CountingHasher):
        def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
            if password == hmac.new(PEPPER, b"135791", hashlib.sha256).digest():
                other.change("246813", "864297")  # another till changes it while this one hashes
            return super().hash(password, salt=salt)

    racing = AdminPin(TillState(db), PEPPER, clock, hasher=ChangingHasher())
    with pytest.raises(PinError) as excinfo:
        racing.change("246813", "135791")
    assert _reason(excinfo) == CHANGED_ELSEWHERE
    assert pin.check("864297").ok


# -- rehashing ----------------------------------------------------------------------------------


def test_a_hash_with_old_parameters_is_renewed_on_a_right_pin(db: Database, clock: Clock) -> None:
    old = AdminPin(TillState(db), PEPPER, clock, hasher=CountingHasher(time_cost=1))
    old.create("246813")
    before = TillState(db).get(HASH_KEY)
    stronger = CountingHasher(time_cost=2)
    assert before is not None and stronger.check_needs_rehash(before)
    current = AdminPin(TillState(db), PEPPER, clock, hasher=stronger)
    assert not current.check("000000").ok
    assert TillState(db).get(HASH_KEY) == before  # a wrong PIN renews nothing
    assert current.check("246813").ok
    after = TillState(db).get(HASH_KEY)
    assert after is not None and after != before and not stronger.check_needs_rehash(after)
    assert current.check("246813").ok
    assert TillState(db).get(HASH_KEY) == after  # up to date: left alone
