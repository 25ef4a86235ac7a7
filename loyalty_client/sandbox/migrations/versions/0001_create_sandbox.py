"""Create the sandbox's tables as they were before its schema was migrated.

This is exactly the schema `Base.metadata.create_all` made before migrations: a database made
that way (no `alembic_version` table, the tables present) is stamped with this revision and
upgraded from here (`loyalty_client.sandbox.migrate`).

Revision ID: 0001
Revises:
Create Date: 2026-12-05
"""
from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create every table of the sandbox: program, members, points, reservations, transactions."""
    op.create_table(
        "customers",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("card_number", sa.String(length=13), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("account", sa.String(length=10), nullable=False),
        sa.Column("totp_secret", sa.String(length=128), nullable=False),
        sa.Column("purchases_12m", sa.BigInteger(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("marketing_consent", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account"),
        sa.UniqueConstraint("card_number"),
        sa.UniqueConstraint("phone"),
    )
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("point_value", sa.BigInteger(), nullable=False),
        sa.Column("max_redeem_percent", sa.BigInteger(), nullable=False),
        sa.Column("confirmation_threshold", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("accrual_hold_days", sa.Integer(), nullable=False),
        sa.Column("reservation_ttl_seconds", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "offers",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("coupon_code", sa.String(length=13), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("barcode_kind", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("coupon_code"),
    )
    op.create_index("ix_offers_customer_id", "offers", ["customer_id"])
    op.create_table(
        "one_time_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=True),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_one_time_codes_customer_id", "one_time_codes", ["customer_id"])
    op.create_index("ix_one_time_codes_phone", "one_time_codes", ["phone"])
    op.create_table(
        "pending_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("transaction_id", sa.String(length=64), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("available_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pending_points_customer_id", "pending_points", ["customer_id"])
    op.create_index("ix_pending_points_transaction_id", "pending_points", ["transaction_id"])
    op.create_table(
        "point_accounts",
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("spendable", sa.BigInteger(), nullable=False),
        sa.Column("expiring_amount", sa.BigInteger(), nullable=False),
        sa.Column("expiring_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("customer_id"),
    )
    op.create_table(
        "point_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_point_ledger_customer_id", "point_ledger", ["customer_id"])
    op.create_table(
        "reservations",
        sa.Column("transaction_id", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("receipt_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("redeem", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("lines_json", sa.Text(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("transaction_id"),
    )
    op.create_index("ix_reservations_customer_id", "reservations", ["customer_id"])
    op.create_table(
        "tiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("accrual_percent", sa.BigInteger(), nullable=False),
        sa.Column("threshold", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["program_id"], ["programs.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("original_key", sa.String(length=64), nullable=True),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("redeem", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("accrual", sa.BigInteger(), nullable=False),
        sa.Column("paid", sa.BigInteger(), nullable=False),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("lines_json", sa.Text(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "key", name="uq_transactions_kind_key"),
    )
    op.create_index("ix_transactions_customer_id", "transactions", ["customer_id"])
    op.create_index("ix_transactions_original_key", "transactions", ["original_key"])
    op.create_table(
        "used_qr_steps",
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("counter", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("customer_id", "counter"),
    )


def downgrade() -> None:
    """Drop every table of the sandbox."""
    op.drop_table("used_qr_steps")
    op.drop_index("ix_transactions_original_key", table_name="transactions")
    op.drop_index("ix_transactions_customer_id", table_name="transactions")
    op.drop_table("transactions")
    op.drop_table("tiers")
    op.drop_index("ix_reservations_customer_id", table_name="reservations")
    op.drop_table("reservations")
    op.drop_index("ix_point_ledger_customer_id", table_name="point_ledger")
    op.drop_table("point_ledger")
    op.drop_table("point_accounts")
    op.drop_index("ix_pending_points_transaction_id", table_name="pending_points")
    op.drop_index("ix_pending_points_customer_id", table_name="pending_points")
    op.drop_table("pending_points")
    op.drop_index("ix_one_time_codes_phone", table_name="one_time_codes")
    op.drop_index("ix_one_time_codes_customer_id", table_name="one_time_codes")
    op.drop_table("one_time_codes")
    op.drop_index("ix_offers_customer_id", table_name="offers")
    op.drop_table("offers")
    op.drop_table("programs")
    op.drop_table("customers")
