"""The sandbox's storage: SQLAlchemy 2 ORM tables, the same on SQLite and PostgreSQL.

The schema is made and upgraded by the alembic revisions in `migrations/` (`migrate.upgrade`):
a change here needs a new revision (`alembic -c loyalty_client/sandbox/alembic.ini ... revision
--autogenerate`); a test checks that the revisions build exactly these tables.

Money, points and percents are stored as whole hundredths in integer columns (exact everywhere,
SQLite included); moments as naive UTC and handed back timezone-aware.

Every operation that changes a customer's points locks and writes their `PointAccount` row, whose
version column makes concurrent writers for the same customer conflict where rows cannot be
locked (SQLite); see the module docstring of `logic`.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Hundredths(TypeDecorator[Decimal]):
    """A two-place Decimal stored as an integer number of hundredths."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("amounts must not be floats")
        scaled = (value if type(value) is Decimal else Decimal(value)).scaleb(2)
        try:
            whole = int(scaled)
        except ValueError:  # NaN
            whole = None
        if whole is None or whole != scaled:
            raise ValueError(f"{value} has more than two decimal places")
        return whole

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(int(value)).scaleb(-2)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware moment stored as naive UTC (the same on every database)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("moments must be timezone-aware")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    """Declarative base of the sandbox tables."""

    type_annotation_map = {Decimal: Hundredths(), datetime: UtcDateTime(), date: Date()}


class ProgramRow(Base):
    """A loyalty program: the chain's (no store id), or a store's own (its store id).

    A store without a program of its own follows the chain's.
    """

    __tablename__ = "programs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[str | None] = mapped_column(String(64), index=True, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3))
    point_value: Mapped[Decimal]
    max_redeem_percent: Mapped[Decimal]
    confirmation_threshold: Mapped[Decimal]
    offline_redeem_limit: Mapped[Decimal]  # points per customer per day spent offline, all tills
    version: Mapped[str] = mapped_column(String(64))
    accrual_hold_days: Mapped[int] = mapped_column(Integer)
    reservation_ttl_seconds: Mapped[int] = mapped_column(Integer)


class TierRow(Base):
    """A tier of the program and the 12-month purchase sum that reaches it."""

    __tablename__ = "tiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    accrual_percent: Mapped[Decimal]
    threshold: Mapped[Decimal]


class CustomerRow(Base):
    """A member: identity, phone (E.164), card, status and the secret behind their app QR."""

    __tablename__ = "customers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(16), unique=True)
    card_number: Mapped[str | None] = mapped_column(String(13), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    account: Mapped[str] = mapped_column(String(10), unique=True)
    totp_secret: Mapped[str] = mapped_column(String(128))  # hex
    purchases_12m: Mapped[Decimal]
    birth_date: Mapped[date | None]
    marketing_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class PointAccount(Base):
    """A member's spendable points and the part of them that expires soonest."""

    __tablename__ = "point_accounts"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    spendable: Mapped[Decimal]
    expiring_amount: Mapped[Decimal]
    expiring_on: Mapped[date | None]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    # The version is bumped by `ledger.touch` on every change, even when no other value differs
    # (e.g. a reservation changes only what is held); the UPDATE checks the version it read.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class PendingPoints(Base):
    """Points earned by a purchase that become spendable on `available_on`."""

    __tablename__ = "pending_points"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    transaction_id: Mapped[str | None] = mapped_column(String(64), index=True)
    amount: Mapped[Decimal]
    available_on: Mapped[date]


class LedgerEntry(Base):
    """One movement of points, for the record: accrual, redemption, reversal, return, expiry."""

    __tablename__ = "point_ledger"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    amount: Mapped[Decimal]  # signed: + credits spendable or pending, − debits
    pending: Mapped[bool] = mapped_column(Boolean, default=False)
    reference: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]


class ReservationRow(Base):
    """Points held for a receipt until committed, cancelled or expired."""

    __tablename__ = "reservations"

    transaction_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    receipt_fingerprint: Mapped[str] = mapped_column(String(64))
    redeem: Mapped[Decimal]
    points: Mapped[Decimal]
    state: Mapped[str] = mapped_column(String(16))  # live, committed, cancelled
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime]
    lines_json: Mapped[str] = mapped_column(Text)
    result_json: Mapped[str] = mapped_column(Text)


class TransactionRow(Base):
    """A purchase, refund or cancel as recorded, with its full result for idempotent replay."""

    __tablename__ = "transactions"
    __table_args__ = (UniqueConstraint("kind", "key", name="uq_transactions_kind_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # purchase, refund, cancel
    key: Mapped[str] = mapped_column(String(64))  # transactionId or refundId
    original_key: Mapped[str | None] = mapped_column(String(64), index=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))  # purchase: committed/cancelled; others: done
    redeem: Mapped[Decimal]
    points: Mapped[Decimal]
    accrual: Mapped[Decimal]
    paid: Mapped[Decimal]  # what the customer paid (purchase) or got back (refund, cancel)
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    review: Mapped[bool] = mapped_column(Boolean, default=False)  # points spent offline: for the staff to check
    occurred_at: Mapped[datetime]
    created_at: Mapped[datetime]
    lines_json: Mapped[str] = mapped_column(Text)
    result_json: Mapped[str] = mapped_column(Text)


class OneTimeCode(Base):
    """A 6-digit code sent to a phone, tied to a customer (or phone), a purpose and an amount."""

    __tablename__ = "one_time_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(6))
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), index=True)
    phone: Mapped[str] = mapped_column(String(16), index=True)
    purpose: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal | None]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class OfferRow(Base):
    """A personalised offer with its coupon code, and the rule its coupon applies.

    `kind` (an `OfferKind` value; None: an offer without a rule, whose coupon only identifies its
    owner) and `value` say what it gives; `skus` and `categories` (space-separated; both empty:
    the whole receipt) which lines it covers; `min_amount` the least receipt total. A `personal`
    offer's coupon applies only to its owner's receipts; a `single_use` one once (`CouponUse`).
    """

    __tablename__ = "offers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(String(500))
    coupon_code: Mapped[str] = mapped_column(String(13), unique=True)
    valid_until: Mapped[date]
    barcode_kind: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str | None] = mapped_column(String(32))
    value: Mapped[Decimal | None]
    min_amount: Mapped[Decimal | None]
    skus: Mapped[str] = mapped_column(Text, default="", server_default="")
    categories: Mapped[str] = mapped_column(Text, default="", server_default="")
    personal: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    single_use: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    valid_from: Mapped[date | None]


class CatalogueItem(Base):
    """The category of a product, for offers on categories (a receipt line names only its SKU)."""

    __tablename__ = "catalogue"

    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    category: Mapped[str] = mapped_column(String(64), index=True)


class CouponUse(Base):
    """A single-use coupon held by a reservation or used up by a purchase.

    The coupon code is the primary key: the database itself lets one transaction at a time hold
    or use a coupon, whichever process serves it. `state` is `held` (until `held_until`, the
    reservation's expiry) or `used`; a cancel, or a refund of the whole purchase, deletes the row.
    """

    __tablename__ = "coupon_uses"

    coupon_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    offer_id: Mapped[str] = mapped_column(ForeignKey("offers.id"))
    transaction_id: Mapped[str] = mapped_column(String(64), index=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    state: Mapped[str] = mapped_column(String(8))
    held_until: Mapped[datetime]
    created_at: Mapped[datetime]


class UsedQrStep(Base):
    """An app QR time step already used by a member: the same QR is never accepted twice."""

    __tablename__ = "used_qr_steps"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    counter: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    used_at: Mapped[datetime]
