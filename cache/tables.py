"""The tables of the till's local store. The schema itself is created by the migrations.

- `customer_cache` / `customer_cache_key`: what the till last saw of a customer, found by keyed
  hashes of the identifiers (never a phone number in clear).
- `journal`: every loyalty operation the till recorded (sales, cancellations, refunds).
- `outbox`: what still has to reach the service, one row per journal row, with its delivery state.
- `open_sales`: sales under way with a customer: a reservation asked for, or a receipt being
  fiscalised, not yet recorded in the journal (what start-up recovery finishes after a crash).

Times are stored in UTC and read back as aware UTC datetimes.
"""
from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Operation(str, Enum):
    """What an outbox row asks the service to do."""

    COMMIT = "commit"
    CANCEL = "cancel"
    REFUND = "refund"


class OpenSaleStage(str, Enum):
    """How far an open sale got: its reservation asked for, its receipt sent to the registrar, or
    the receipt awaiting the host POS's payment."""

    RESERVING = "reserving"
    FISCALISING = "fiscalising"
    AWAITING_PAYMENT = "awaiting_payment"  # closed on the till; the host POS reports it paid or void


class OutboxState(str, Enum):
    """Where an outbox row stands: pending -> in_flight -> done | failed (in_flight -> pending on retry)."""

    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    DONE = "done"
    FAILED = "failed"


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC; read back as aware UTC. Naive input is refused."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to naive UTC for storage."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetimes are not stored: give a timezone")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Mark the stored UTC time as such."""
        return None if value is None else value.replace(tzinfo=timezone.utc)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of the local store; constraint names are fixed for batch migrations."""

    metadata = MetaData(naming_convention=NAMING)


def _in(column: str, enum: type[Enum]) -> str:
    return f"{column} IN ({', '.join(repr(member.value) for member in enum)})"


class CachedCustomer(Base):
    """The last display data seen for a customer (loyalty_client.types.Customer as JSON)."""

    __tablename__ = "customer_cache"

    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CustomerKey(Base):
    """HMAC-SHA256 of an identifier ("kind:value") pointing at a cached customer."""

    __tablename__ = "customer_cache_key"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(
        ForeignKey("customer_cache.customer_id", ondelete="CASCADE"), index=True
    )


class CachedProgram(Base):
    """The loyalty program as last fetched for a store (loyalty_client.types.Program as JSON)."""

    __tablename__ = "program_cache"

    store_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime)


class JournalRow(Base):
    """One loyalty operation the till recorded, with the request it made of it."""

    __tablename__ = "journal"
    __table_args__ = (
        UniqueConstraint("operation", "key"),
        CheckConstraint(_in("operation", Operation), name="operation"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    payload: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)  # the shift summary's window
    # A sale's host receipt id and fiscal document number, from its payload (None for other rows):
    # returns and the shift summary find a sale by the POS's own numbers.
    receipt_id: Mapped[str | None] = mapped_column(String(64), index=True)
    fiscal_document: Mapped[str | None] = mapped_column(String(64), index=True)


class OutboxRow(Base):
    """A journal row on its way to the service, with its delivery state."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("operation", "idempotency_key"),
        CheckConstraint(_in("operation", Operation), name="operation"),
        CheckConstraint(_in("state", OutboxState), name="state"),
        CheckConstraint("attempts >= 0", name="attempts"),
        Index("ix_outbox_due", "state", "next_attempt_at"),
        Index("ix_outbox_customer_order", "customer_id", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    journal_id: Mapped[int] = mapped_column(ForeignKey("journal.id", ondelete="RESTRICT"), unique=True)
    operation: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default=OutboxState.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OpenSaleRow(Base):
    """A sale under way with a customer, kept until its commit or cancel is in the journal.

    `reserved`: a reservation may be held on the service under `transaction_id`. `sale`: for a
    receipt being fiscalised, the commit to record once its fiscal document is known (JSON: the
    receipt, the redemption, whether it was sold offline); for a receipt awaiting the host's
    payment, the same and what the till showed of it (customer, accrual, discounts).
    """

    __tablename__ = "open_sales"
    __table_args__ = (CheckConstraint(_in("stage", OpenSaleStage), name="stage"),)

    transaction_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64))
    receipt_id: Mapped[str] = mapped_column(String(64))
    stage: Mapped[str] = mapped_column(String(16))
    reserved: Mapped[bool] = mapped_column(Boolean)
    sale: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TillStateRow(Base):
    """One small named value of the till itself (e.g. the admin PIN hash and its attempt counter)."""

    __tablename__ = "till_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
