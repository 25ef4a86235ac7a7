"""Create the customer display cache, the journal and the outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
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
    """Create the customer display cache, the journal and the outbox."""
    op.create_table(
        "customer_cache",
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_cache")),
    )
    op.create_table(
        "customer_cache_key",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer_cache.customer_id"],
            name=op.f("fk_customer_cache_key_customer_id_customer_cache"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_customer_cache_key")),
    )
    op.create_index(op.f("ix_customer_cache_key_customer_id"), "customer_cache_key", ["customer_id"])

    op.create_table(
        "journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operation", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("operation IN ('commit', 'cancel', 'refund')", name=op.f("ck_journal_operation")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal")),
        sa.UniqueConstraint("operation", "key", name=op.f("uq_journal_operation_key")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_journal_customer_id"), "journal", ["customer_id"])

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=False),
        sa.Column("operation", sa.String(length=16), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("operation IN ('commit', 'cancel', 'refund')", name=op.f("ck_outbox_operation")),
        sa.CheckConstraint("state IN ('pending', 'in_flight', 'done', 'failed')", name=op.f("ck_outbox_state")),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_outbox_attempts")),
        sa.ForeignKeyConstraint(
            ["journal_id"], ["journal.id"], name=op.f("fk_outbox_journal_id_journal"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("journal_id", name=op.f("uq_outbox_journal_id")),
        sa.UniqueConstraint(
            "operation", "idempotency_key", name=op.f("uq_outbox_operation_idempotency_key")
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_customer_order", "outbox", ["customer_id", "id"])
    op.create_index("ix_outbox_due", "outbox", ["state", "next_attempt_at"])


def downgrade() -> None:
    """Drop the outbox, the journal and the customer display cache."""
    op.drop_index("ix_outbox_due", table_name="outbox")
    op.drop_index("ix_outbox_customer_order", table_name="outbox")
    op.drop_table("outbox")
    op.drop_index(op.f("ix_journal_customer_id"), table_name="journal")
    op.drop_table("journal")
    op.drop_index(op.f("ix_customer_cache_key_customer_id"), table_name="customer_cache_key")
    op.drop_table("customer_cache_key")
    op.drop_table("customer_cache")
