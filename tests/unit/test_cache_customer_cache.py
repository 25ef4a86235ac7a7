"""The customer display cache: found by keyed hashes, never a phone number in clear."""
from __future__ import annotations

import hashlib
import hmac
import sqlite3
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest

from cache.customer_cache import CustomerCache
from cache.database import Database, open_database
from loyalty_client.types import (
    Balance,
    Customer,
    CustomerStatus,
    Identifier,
    IdentifierKind,
    NextTier,
    Tier,
)

SECRET = b"0123456789abcdef-till-secret"
PHONE = Identifier(IdentifierKind.PHONE, "+375291234567")
CARD = Identifier(IdentifierKind.CARD, "2000000012345")
AT = datetime(2026, 11, 22, 14, 32, tzinfo=timezone.utc)


def customer(customer_id: str = "C-1", spendable: str = "120.50") -> Customer:
    return Customer(
        customer_id=customer_id,
        display_name="Анна К.",
        masked_phone="+375 29 ***-**-67",
        status=CustomerStatus.ACTIVE,
        tier=Tier("silver", "Серебро", Decimal("3.00")),
        balance=Balance(Decimal(spendable), Decimal("130.00"), Decimal("9.50")),
        next_tier=NextTier("gold", "Золото", Decimal("1000.00"), Decimal("250.00")),
        messages=("С днём рождения!",),
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "till.sqlite")
    yield database
    database.close()


def _raw_rows(db: Database, sql: str) -> list[tuple]:
    raw = sqlite3.connect(db.path)
    try:
        return raw.execute(sql).fetchall()
    finally:
        raw.close()


def test_a_customer_is_found_by_each_of_its_identifiers(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    cache.put(customer(), [PHONE, CARD], AT)
    assert cache.get(PHONE) == (customer(), AT)
    assert cache.get(CARD) == (customer(), AT)
    assert cache.get(Identifier(IdentifierKind.PHONE, "+375291234568")) is None
    # The same digits as another kind are another identifier.
    assert cache.get(Identifier(IdentifierKind.CARD, PHONE.value)) is None


def test_the_fetch_time_comes_back_as_the_same_moment_in_utc(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    minsk = timezone(timedelta(hours=3))
    cache.put(customer(), [PHONE], datetime(2026, 11, 22, 17, 32, tzinfo=minsk))
    found = cache.get(PHONE)
    assert found is not None
    assert found[1] == AT and found[1].tzinfo == timezone.utc


def test_the_file_holds_no_phone_number_in_clear(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    cache.put(customer(), [PHONE, CARD], AT)
    db.close()  # also checkpoints the write-ahead log into the file
    data = b"".join(p.read_bytes() for p in db.path.parent.iterdir() if p.name.startswith(db.path.name))
    assert b"291234567" not in data
    assert "291234567".encode("utf-16-le") not in data
    assert b"2000000012345" not in data
    assert "Анна К.".encode() in data  # the display data itself is there: the search is not vacuous


def test_another_key_finds_nothing(db: Database) -> None:
    CustomerCache(db, SECRET).put(customer(), [PHONE], AT)
    assert CustomerCache(db, b"another-secret-key-of-16+").get(PHONE) is None


def test_the_digest_is_hmac_sha256_of_kind_and_value(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    cache.put(customer(), [PHONE], AT)
    expected = hmac.new(SECRET, b"phone:+375291234567", hashlib.sha256).hexdigest()
    assert cache.digest(PHONE) == expected
    assert _raw_rows(db, "SELECT digest, customer_id FROM customer_cache_key") == [(expected, "C-1")]


def test_a_newer_snapshot_replaces_an_older_one_but_not_the_other_way_round(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    cache.put(customer(spendable="100.00"), [PHONE], AT)
    cache.put(customer(spendable="80.00"), [PHONE], AT + timedelta(minutes=5))
    assert cache.get(PHONE) == (customer(spendable="80.00"), AT + timedelta(minutes=5))
    # A late answer from before: the balance must not go back, but the card still gets linked.
    cache.put(customer(spendable="100.00"), [CARD], AT + timedelta(minutes=1))
    assert cache.get(PHONE) == (customer(spendable="80.00"), AT + timedelta(minutes=5))
    assert cache.get(CARD) == (customer(spendable="80.00"), AT + timedelta(minutes=5))


def test_an_identifier_moves_to_the_customer_last_seen_with_it(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    cache.put(customer("C-1"), [PHONE], AT)
    cache.put(customer("C-2"), [PHONE], AT + timedelta(days=1))  # the number was given to someone else
    found = cache.get(PHONE)
    assert found is not None and found[0].customer_id == "C-2"


def test_forgetting_a_customer_drops_its_identifiers_too(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    cache.put(customer("C-1"), [PHONE, CARD], AT)
    cache.put(customer("C-2"), [Identifier(IdentifierKind.PHONE, "+79161234567")], AT)
    assert cache.forget("C-1") is True
    assert cache.forget("C-1") is False
    assert cache.get(PHONE) is None and cache.get(CARD) is None
    assert _raw_rows(db, "SELECT customer_id FROM customer_cache_key") == [("C-2",)]


def test_purge_drops_customers_not_seen_since(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    cache.put(customer("C-old"), [PHONE], AT - timedelta(days=40))
    cache.put(customer("C-new"), [CARD], AT)
    assert cache.purge(AT - timedelta(days=30)) == 1
    assert cache.get(PHONE) is None
    assert cache.get(CARD) is not None
    assert _raw_rows(db, "SELECT count(*) FROM customer_cache_key") == [(1,)]


def test_the_cache_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    with open_database(path) as db:
        CustomerCache(db, SECRET).put(customer(), [PHONE], AT)
    with open_database(path) as db:
        assert CustomerCache(db, SECRET).get(PHONE) == (customer(), AT)


def test_an_unreadable_row_is_a_miss_not_a_crash(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    cache.put(customer(), [PHONE], AT)
    raw = sqlite3.connect(db.path)
    raw.execute("UPDATE customer_cache SET data = '{\"customer_id\": \"C-1\"}'")
    raw.commit()
    raw.close()
    assert cache.get(PHONE) is None


def test_a_weak_key_or_a_naive_time_is_refused(db: Database) -> None:
    with pytest.raises(ValueError):
        CustomerCache(db, b"short")
    with pytest.raises(ValueError):
        CustomerCache(db, "a text key is not bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        CustomerCache(db, SECRET).put(customer(), [PHONE], datetime(2026, 11, 22, 14, 32))


def test_a_reported_balance_replaces_the_cached_one_and_dates_it(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    cache.put(customer(), [PHONE], AT)
    after = Balance(Decimal("100.00"), Decimal("110.00"), Decimal("10.00"))
    assert cache.update_balance("C-1", after, AT + timedelta(minutes=5))
    found, fetched_at = cache.get(PHONE)
    assert found.balance == after and fetched_at == AT + timedelta(minutes=5)
    assert found.display_name == "Анна К." and found.tier.code == "silver", "the rest of the card is kept"


def test_an_older_balance_does_not_turn_the_cache_back(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    cache.put(customer(), [PHONE], AT)
    assert not cache.update_balance("C-1", Balance(Decimal("1.00"), Decimal("1.00"), Decimal("0")), AT - timedelta(seconds=1))
    found, fetched_at = cache.get(PHONE)
    assert found.balance.spendable == Decimal("120.50") and fetched_at == AT


def test_a_balance_of_a_customer_never_cached_is_not_kept(db: Database) -> None:
    cache = CustomerCache(db, SECRET)
    assert not cache.update_balance("C-9", Balance(Decimal("1.00"), Decimal("1.00"), Decimal("0")), AT)
    assert _raw_rows(db, "SELECT count(*) FROM customer_cache") == [(0,)]
