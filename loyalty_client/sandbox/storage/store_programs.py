"""Programs of individual stores: define one (a copy of the chain's, then changed), change, remove, list.

A store's program starts as a copy of the chain's program with its tiers, so only what differs
needs saying; each change bumps its version, by which tills know to read it again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from loyalty_client.sandbox.storage.models import ProgramRow, TierRow

_COPIED = (
    "name", "currency", "point_value", "max_redeem_percent", "confirmation_threshold", "offline_redeem_limit",
    "accrual_hold_days", "reservation_ttl_seconds",
)


class NoChainProgram(LookupError):
    """The database has no chain program to start a store's program from."""


class UnknownTier(LookupError):
    """A tier code that the program does not have."""


@dataclass(frozen=True)
class ProgramChanges:
    """What to change in a store's program; None (or nothing for a tier) leaves it as it is."""

    name: str | None = None
    accrual_percent: Decimal | None = None  # of every tier
    tier_accruals: dict[str, Decimal] = field(default_factory=dict)  # by tier code, after accrual_percent
    point_value: Decimal | None = None
    max_redeem_percent: Decimal | None = None
    confirmation_threshold: Decimal | None = None
    offline_redeem_limit: Decimal | None = None
    accrual_hold_days: int | None = None
    reservation_ttl_seconds: int | None = None


def chain_program(session: Session) -> ProgramRow | None:
    """The chain's program (the one without a store id)."""
    return session.scalars(select(ProgramRow).where(ProgramRow.store_id.is_(None)).order_by(ProgramRow.id)).first()


def store_program(session: Session, store_id: str) -> ProgramRow | None:
    """The store's own program, or None when it follows the chain's."""
    return session.scalars(select(ProgramRow).where(ProgramRow.store_id == store_id)).first()


def set_store_program(session: Session, store_id: str, changes: ProgramChanges) -> ProgramRow:
    """The store's own program with `changes` made: created as a copy of the chain's first."""
    program = store_program(session, store_id)
    if program is None:
        chain = chain_program(session)
        if chain is None:
            raise NoChainProgram("the database has no chain program to copy")
        program = ProgramRow(store_id=store_id, version=f"{store_id[:50]}.0", **{name: getattr(chain, name) for name in _COPIED})
        session.add(program)
        session.flush()
        for tier in _tiers(session, chain):
            session.add(
                TierRow(program_id=program.id, code=tier.code, name=tier.name, accrual_percent=tier.accrual_percent,
                        threshold=tier.threshold)
            )
        session.flush()
    tiers = {tier.code: tier for tier in _tiers(session, program)}
    unknown = sorted(set(changes.tier_accruals) - set(tiers))
    if unknown:
        raise UnknownTier(f"no tier {', '.join(unknown)} in the program (tiers: {', '.join(tiers)})")
    for name in _COPIED:
        value = getattr(changes, name, None)
        if value is not None:
            setattr(program, name, value)
    for code, tier in tiers.items():
        percent = changes.tier_accruals.get(code, changes.accrual_percent)
        if percent is not None:
            tier.accrual_percent = percent
    number = program.version.rpartition(".")[2]
    program.version = f"{store_id[:50]}.{int(number) + 1 if number.isdigit() else 1}"
    session.flush()
    return program


def remove_store_program(session: Session, store_id: str) -> bool:
    """Drop the store's own program (it follows the chain's again); False when it had none."""
    program = store_program(session, store_id)
    if program is None:
        return False
    session.execute(delete(TierRow).where(TierRow.program_id == program.id))
    session.delete(program)
    session.flush()
    return True


def program_summaries(session: Session) -> list[dict[str, Any]]:
    """Every program, the chain's first, as JSON-able dictionaries (amounts as decimal strings)."""
    programs = session.scalars(select(ProgramRow).order_by(ProgramRow.store_id.is_not(None), ProgramRow.store_id)).all()
    return [
        {
            "store": program.store_id,
            "name": program.name,
            "version": program.version,
            "tiers": {tier.code: f"{tier.accrual_percent:.2f}" for tier in _tiers(session, program)},
            "pointValue": f"{program.point_value:.2f}",
            "maxRedeemPercent": f"{program.max_redeem_percent:.2f}",
            "confirmationThreshold": f"{program.confirmation_threshold:.2f}",
            "offlineRedeemLimit": f"{program.offline_redeem_limit:.2f}",
            "accrualHoldDays": program.accrual_hold_days,
            "reservationSeconds": program.reservation_ttl_seconds,
        }
        for program in programs
    ]


def summary_line(summary: dict[str, Any]) -> str:
    """One program's summary as a line for people."""
    tiers = " ".join(f"{code} {percent}%" for code, percent in summary["tiers"].items())
    return (
        f"{'store ' + summary['store'] if summary['store'] else 'chain'}: «{summary['name']}» version {summary['version']}; "
        f"accrual {tiers}; redeem up to {summary['maxRedeemPercent']}%, point worth {summary['pointValue']}; "
        f"code from {summary['confirmationThreshold']}; offline {summary['offlineRedeemLimit']} a day; "
        f"pending {summary['accrualHoldDays']} d; reservation {summary['reservationSeconds']} s"
    )


def _tiers(session: Session, program: ProgramRow) -> list[TierRow]:
    return list(session.scalars(select(TierRow).where(TierRow.program_id == program.id).order_by(TierRow.threshold)))
