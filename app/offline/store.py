"""The checkout's memory for offline work: customers by keyed hash of their identifiers, the program,
and what the till itself spent of each customer's points."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from cache.customer_cache import CustomerCache
from cache.database import Database
from cache.program_cache import ProgramCache
from cache.transactions.redemption_ledger import RedemptionLedger
from loyalty_client.codes import parse_app_qr
from loyalty_client.types import Customer, Identifier, IdentifierKind, Program


def cache_identifier(identifier: Identifier) -> Identifier:
    """The stable form to cache under: an app QR rotates, the account inside it does not."""
    if identifier.kind is IdentifierKind.QR:
        qr = parse_app_qr(identifier.value)
        if qr is not None:
            return Identifier(IdentifierKind.QR, f"account:{qr.account}")
    return identifier


class CachedOfflineStore:
    """Implements the checkout's `OfflineStore` on the till's SQLite file."""

    def __init__(self, database: Database, secret: bytes) -> None:
        self._customers = CustomerCache(database, secret)
        self._programs = ProgramCache(database)
        self._redemptions = RedemptionLedger(database)

    def customer(self, identifier: Identifier) -> tuple[Customer, datetime] | None:
        """The customer last seen with this identifier, and when."""
        return self._customers.get(cache_identifier(identifier))

    def keep_customer(self, customer: Customer, identifier: Identifier, seen_at: datetime) -> None:
        """Remember the customer under the identifier used and their card number."""
        keys = [cache_identifier(identifier)]
        if customer.card_number:
            keys.append(Identifier(IdentifierKind.CARD, customer.card_number))
        self._customers.put(customer, keys, seen_at)

    def program(self, store_id: str) -> Program | None:
        """The program last fetched for the store."""
        cached = self._programs.get(store_id)
        return None if cached is None else cached[0]

    def keep_program(self, store_id: str, program: Program, fetched_at: datetime) -> None:
        """Remember the program the service just returned."""
        self._programs.put(store_id, program, fetched_at)

    def held_redemptions(self, customer_id: str, snapshot_at: datetime) -> list[Decimal]:
        """Redemptions this till recorded for the customer that a balance seen at `snapshot_at` lacks."""
        return self._redemptions.held(customer_id, snapshot_at)

    def offline_redemptions_since(self, customer_id: str, since: datetime) -> list[Decimal]:
        """Redemptions this till made offline for the customer from `since` on."""
        return self._redemptions.offline_since(customer_id, since)
