"""The program's daily limit on points spent offline, and offline spending marked for review.

An online commit may spend only what was reserved; an offline one only within the program's
`offline_redeem_limit` (points per customer per day, in hundredths), and it is marked `review`
for the staff to check. Programs already stored get the demo's limit of 20.00 points.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
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
    """Add `programs.offline_redeem_limit` and `transactions.review`, filled for existing rows.

    A plain ADD COLUMN: every database the sandbox runs on (SQLite included) adds a column with a
    constant default in place, without copying the table.
    """
    op.add_column(
        "programs", sa.Column("offline_redeem_limit", sa.BigInteger(), nullable=False, server_default=sa.text("2000"))
    )
    op.add_column("transactions", sa.Column("review", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    """Drop both columns again."""
    with op.batch_alter_table("transactions") as transactions:
        transactions.drop_column("review")
    with op.batch_alter_table("programs") as programs:
        programs.drop_column("offline_redeem_limit")
