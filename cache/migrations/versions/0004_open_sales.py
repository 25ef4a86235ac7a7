"""Keep the sales under way with a customer, so a till that crashed mid-sale can finish them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the open sales table."""
    op.create_table(
        "open_sales",
        sa.Column("transaction_id", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("receipt_id", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("reserved", sa.Boolean(), nullable=False),
        sa.Column("sale", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("stage IN ('reserving', 'fiscalising')", name=op.f("ck_open_sales_stage")),
        sa.PrimaryKeyConstraint("transaction_id", name=op.f("pk_open_sales")),
    )


def downgrade() -> None:
    """Drop the open sales table."""
    op.drop_table("open_sales")
