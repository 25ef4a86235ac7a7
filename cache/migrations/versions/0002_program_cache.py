"""Keep the loyalty program locally, so the till can estimate accrual with no network.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the program cache."""
    op.create_table(
        "program_cache",
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", name=op.f("pk_program_cache")),
    )


def downgrade() -> None:
    """Drop the program cache."""
    op.drop_table("program_cache")
