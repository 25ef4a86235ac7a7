"""The customer display cache: what the till last saw of a customer, for identification offline.

Rows are found by HMAC-SHA256 (a secret key from the caller) of "kind:value" of an identifier, so
the file holds no phone or card number in clear, and a copy of the file without the key cannot
be searched by phone. Give identifiers in normalised form (phones in E.164), as the service gets
them. The customer itself is kept as `loyalty_client.types.Customer` JSON (masked phone only).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import replace
from datetime import datetime
from typing import Iterable

from sqlalchemy import bindparam, delete, select

from cache.database import Database
from cache.engine import READ_ONLY
from cache.tables import CachedCustomer, CustomerKey
from loyalty_client.codec import customer_from_dict, customer_to_dict
from loyalty_client.types import Balance, Customer, Identifier

log = logging.getLogger(__name__)

MIN_KEY_BYTES = 16

# The lookup runs between a scan and the card shown: the two columns, on a pooled connection with
# a deferred (read-only) transaction, without an ORM session (which cost most of the lookup).
_FIND = (
    select(CachedCustomer.data, CachedCustomer.fetched_at)
    .join(CustomerKey, CustomerKey.customer_id == CachedCustomer.customer_id)
    .where(CustomerKey.digest == bindparam("digest"))
)


class CustomerCache:
    """Customers as last fetched, looked up by keyed hashes of their identifiers."""

    def __init__(self, database: Database, secret: bytes) -> None:
        if not isinstance(secret, bytes) or len(secret) < MIN_KEY_BYTES:
            raise ValueError(f"the cache key must be at least {MIN_KEY_BYTES} random bytes")
        self._db = database
        self._reader = database.engine.execution_options(**READ_ONLY)
        self._secret = secret

    def digest(self, identifier: Identifier) -> str:
        """The hex HMAC-SHA256 under which `identifier` is stored."""
        message = f"{identifier.kind.value}:{identifier.value}".encode("utf-8")
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def put(self, customer: Customer, identifiers: Iterable[Identifier], fetched_at: datetime) -> None:
        """Remember `customer` as seen at `fetched_at`, findable by each of `identifiers`.

        A snapshot older than the one already kept does not replace it (a slow answer arriving
        late must not turn the balance back); the identifiers are linked to the customer anyway.
        An identifier that pointed at another customer now points at this one.
        """
        if fetched_at.tzinfo is None:
            raise ValueError("fetched_at must carry a timezone")
        data = _dump(customer)
        digests = {self.digest(identifier) for identifier in identifiers}
        with self._db.transaction() as session:
            row = session.get(CachedCustomer, customer.customer_id)
            if row is None:
                session.add(CachedCustomer(customer_id=customer.customer_id, data=data, fetched_at=fetched_at))
            elif fetched_at >= row.fetched_at:
                row.data = data
                row.fetched_at = fetched_at
            session.flush()
            for digest in sorted(digests):
                key = session.get(CustomerKey, digest)
                if key is None:
                    session.add(CustomerKey(digest=digest, customer_id=customer.customer_id))
                else:
                    key.customer_id = customer.customer_id

    def get(self, identifier: Identifier) -> tuple[Customer, datetime] | None:
        """The customer last seen with `identifier` and when, or None if the till never saw them."""
        with self._reader.connect() as connection:
            row = connection.execute(_FIND, {"digest": self.digest(identifier)}).one_or_none()
        if row is None:
            return None
        data, fetched_at = row
        try:
            return customer_from_dict(json.loads(data)), fetched_at
        except (ValueError, TypeError):
            log.warning("a cached customer could not be read; treated as not cached", exc_info=True)
            return None

    def update_balance(self, customer_id: str, balance: Balance, as_of: datetime) -> bool:
        """Keep the balance the service reported at `as_of` (after delivering a sale) on a cached
        customer, so identification offline shows it. True if the cache now holds it.

        A customer the till never cached stays uncached; a snapshot newer than `as_of` is kept.
        """
        if as_of.tzinfo is None:
            raise ValueError("as_of must carry a timezone")
        with self._db.transaction() as session:
            row = session.get(CachedCustomer, customer_id)
            if row is None or as_of < row.fetched_at:
                return False
            try:
                customer = customer_from_dict(json.loads(row.data))
            except (ValueError, TypeError):
                log.warning("a cached customer could not be read; its balance is not updated", exc_info=True)
                return False
            row.data = _dump(replace(customer, balance=balance))
            row.fetched_at = as_of
            return True

    def forget(self, customer_id: str) -> bool:
        """Drop a customer and all identifiers pointing at them. True if there was something."""
        with self._db.transaction() as session:
            result = session.execute(delete(CachedCustomer).where(CachedCustomer.customer_id == customer_id))
            return bool(result.rowcount)

    def purge(self, fetched_before: datetime) -> int:
        """Drop every customer not seen since `fetched_before`; returns how many."""
        with self._db.transaction() as session:
            result = session.execute(delete(CachedCustomer).where(CachedCustomer.fetched_at < fetched_before))
            return int(result.rowcount)


def _dump(customer: Customer) -> str:
    return json.dumps(customer_to_dict(customer), ensure_ascii=False, sort_keys=True)
