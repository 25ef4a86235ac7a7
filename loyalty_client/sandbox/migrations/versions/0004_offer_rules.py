"""Offers as rules, a product catalogue for offers on categories, and single-use coupons.

`offers` gains the rule its coupon applies (kind, value, minimum receipt amount, SKUs and
categories covered, personal, single use, first valid day); offers already stored get no rule
(`kind` NULL: their coupon only identifies its owner, as before). `catalogue` maps SKUs to
categories. `coupon_uses` holds one row per coupon held or used, keyed by the coupon code, so
the database refuses a second holder.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
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
    """Add the offer rule columns (plain ADD COLUMNs with constant defaults) and the two tables."""
    op.add_column("offers", sa.Column("kind", sa.String(length=32), nullable=True))
    op.add_column("offers", sa.Column("value", sa.BigInteger(), nullable=True))
    op.add_column("offers", sa.Column("min_amount", sa.BigInteger(), nullable=True))
    op.add_column("offers", sa.Column("skus", sa.Text(), nullable=False, server_default=""))
    op.add_column("offers", sa.Column("categories", sa.Text(), nullable=False, server_default=""))
    op.add_column("offers", sa.Column("personal", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.add_column("offers", sa.Column("single_use", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.add_column("offers", sa.Column("valid_from", sa.Date(), nullable=True))
    op.create_table(
        "catalogue",
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("sku"),
    )
    op.create_index(op.f("ix_catalogue_category"), "catalogue", ["category"], unique=False)
    op.create_table(
        "coupon_uses",
        sa.Column("coupon_code", sa.String(length=13), nullable=False),
        sa.Column("offer_id", sa.String(length=64), nullable=False),
        sa.Column("transaction_id", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("held_until", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.ForeignKeyConstraint(["offer_id"], ["offers.id"]),
        sa.PrimaryKeyConstraint("coupon_code"),
    )
    op.create_index(op.f("ix_coupon_uses_transaction_id"), "coupon_uses", ["transaction_id"], unique=False)


def downgrade() -> None:
    """Drop the tables and the rule columns again."""
    op.drop_index(op.f("ix_coupon_uses_transaction_id"), table_name="coupon_uses")
    op.drop_table("coupon_uses")
    op.drop_index(op.f("ix_catalogue_category"), table_name="catalogue")
    op.drop_table("catalogue")
    with op.batch_alter_table("offers") as offers:
        for column in ("valid_from", "single_use", "personal", "categories", "skus", "min_amount", "value", "kind"):
            offers.drop_column(column)
