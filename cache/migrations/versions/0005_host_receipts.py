"""Keep the host's receipt id and fiscal document beside each recorded sale, and a sale awaiting
the host's payment among the open sales.

The journal gains `receipt_id` and `fiscal_document` (indexed; filled from the commit payload, for
the rows already there too), so returns and the shift summary can find a sale by the POS's own
numbers. An open sale may now stand at `awaiting_payment`: closed on the till, waiting for the
host POS to report it paid or void.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""
from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STAGES_BEFORE = "stage IN ('reserving', 'fiscalising')"
_STAGES_AFTER = "stage IN ('reserving', 'fiscalising', 'awaiting_payment')"


def upgrade() -> None:
    """Add the journal's host columns (filled from the commits' payloads) and the new stage."""
    with op.batch_alter_table("journal") as batch:
        batch.add_column(sa.Column("receipt_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("fiscal_document", sa.String(length=64), nullable=True))
        batch.create_index(batch.f("ix_journal_receipt_id"), ["receipt_id"], unique=False)
        batch.create_index(batch.f("ix_journal_fiscal_document"), ["fiscal_document"], unique=False)
    op.execute(
        "UPDATE journal SET receipt_id = json_extract(payload, '$.receipt.receipt_id'),"
        " fiscal_document = json_extract(payload, '$.fiscal.document_number')"
        " WHERE operation = 'commit'"
    )
    with op.batch_alter_table("open_sales", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_open_sales_stage"), type_="check")
        batch.create_check_constraint(op.f("ck_open_sales_stage"), _STAGES_AFTER)


def downgrade() -> None:
    """Drop the host columns and the new stage (open sales awaiting payment are dropped too)."""
    op.execute("DELETE FROM open_sales WHERE stage = 'awaiting_payment'")
    with op.batch_alter_table("open_sales", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_open_sales_stage"), type_="check")
        batch.create_check_constraint(op.f("ck_open_sales_stage"), _STAGES_BEFORE)
    with op.batch_alter_table("journal") as batch:
        batch.drop_index(batch.f("ix_journal_fiscal_document"))
        batch.drop_index(batch.f("ix_journal_receipt_id"))
        batch.drop_column("fiscal_document")
        batch.drop_column("receipt_id")
