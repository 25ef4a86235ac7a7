"""Programs of individual stores: a program row may belong to one store.

The program without a store id stays the chain's, followed by every store without a program of
its own; a store's program has its own rules and tiers. Existing data is untouched: the program
already stored becomes the chain's.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""
from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add `programs.store_id` (empty: the chain's program) with a unique index: one program per store.

    A nullable ADD COLUMN and an index: no table is copied, on SQLite either.
    """
    op.add_column("programs", sa.Column("store_id", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_programs_store_id"), "programs", ["store_id"], unique=True)


def downgrade() -> None:
    """Drop the stores' own programs (with their tiers), then the column."""
    op.execute(
        "DELETE FROM tiers WHERE program_id IN (SELECT id FROM programs WHERE store_id IS NOT NULL)"
    )
    op.execute("DELETE FROM programs WHERE store_id IS NOT NULL")
    op.drop_index(op.f("ix_programs_store_id"), table_name="programs")
    # In place (SQLite 3.35 and later can): a batch copy of the table would drop `programs`,
    # which the tiers' foreign key refuses.
    op.execute("ALTER TABLE programs DROP COLUMN store_id")
