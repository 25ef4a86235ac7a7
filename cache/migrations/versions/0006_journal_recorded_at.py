"""Index the journal by the time each operation was recorded.

The shift summary reads the operations of a time window (a day, out of a journal that keeps every
sale for good); without the index each summary would read the whole journal, payloads and all.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""
from __future__ import annotations

from typing import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the index on `journal.recorded_at`."""
    with op.batch_alter_table("journal") as batch:
        batch.create_index(batch.f("ix_journal_recorded_at"), ["recorded_at"], unique=False)


def downgrade() -> None:
    """Drop the index on `journal.recorded_at`."""
    with op.batch_alter_table("journal") as batch:
        batch.drop_index(batch.f("ix_journal_recorded_at"))
