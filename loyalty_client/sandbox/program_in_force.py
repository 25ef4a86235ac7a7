"""The program a store's operations follow: its own, else the chain's, as the domain's `Program`."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from loyalty_client.errors import InvalidRequest
from loyalty_client.sandbox.storage import store
from loyalty_client.types import Program, ProgramTier


def program_in_force(session: Session, store_id: str | None = None) -> tuple[Program, Row[Any]]:
    """The rules of `store_id` (its own program, else the chain's; the chain's for None) and the
    program's row (hold days, reservation time); INVALID_REQUEST when there is no program."""
    found = store.program(session, store_id)
    if found is None:
        raise InvalidRequest("Программа лояльности не настроена")
    row, tiers = found
    program = Program(
        name=row.name,
        currency=row.currency,
        point_value=row.point_value,
        max_redeem_percent=row.max_redeem_percent,
        confirmation_threshold=row.confirmation_threshold,
        tiers=tuple(ProgramTier(t.code, t.name, t.accrual_percent, t.threshold) for t in tiers),
        version=row.version,
        offline_redeem_limit=row.offline_redeem_limit,
    )
    return program, row
