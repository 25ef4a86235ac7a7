"""A member's points: spendable, pending (earned, not yet spendable), held by reservations, expiring.

- Accrual goes to pending for the program's hold period (the return window, 14 days in the demo)
  and then becomes spendable; a hold of 0 days makes it spendable at once.
- Spending takes the soonest-expiring points first; on the day after `expiring_on` whatever is
  left of them expires.
- Live reservations hold points: shown spendable = account spendable − held.
- Every change goes through here, touches the account row (bumping its version) and writes a
  ledger entry.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fiscal.money import ZERO
from loyalty_client.sandbox.models import LedgerEntry, PendingPoints, PointAccount, ReservationRow
from loyalty_client.types import Balance


def load_account(session: Session, customer_id: str, lock: bool = True) -> PointAccount:
    """The member's account row; with `lock`, locked for update where the database supports it.

    Readers skip the lock: if they change the row (points maturing), the version check still
    keeps concurrent writers apart.
    """
    query = select(PointAccount).where(PointAccount.customer_id == customer_id)
    return session.scalars(query.with_for_update() if lock else query).one()


def touch(account: PointAccount, now: datetime) -> None:
    """Mark the account changed: concurrent writers for the same member then conflict."""
    account.updated_at = now
    account.version = (account.version or 0) + 1


def _entry(session: Session, account: PointAccount, kind: str, amount: Decimal, reference: str | None,
           now: datetime, pending: bool = False) -> None:
    session.add(
        LedgerEntry(customer_id=account.customer_id, kind=kind, amount=amount, pending=pending,
                    reference=reference, created_at=now)
    )


def settle(session: Session, account: PointAccount, now: datetime) -> None:
    """Make matured pending points spendable and expire points past their date."""
    today = now.date()
    matured = session.scalars(
        select(PendingPoints).where(
            PendingPoints.customer_id == account.customer_id, PendingPoints.available_on <= today
        )
    ).all()
    changed = bool(matured)
    for lot in matured:
        account.spendable += lot.amount
        _entry(session, account, "matured", lot.amount, lot.transaction_id, now)
        session.delete(lot)
    if account.expiring_on is not None and account.expiring_on < today:
        lost = min(account.expiring_amount, account.spendable)
        if lost > ZERO:
            account.spendable -= lost
            _entry(session, account, "expired", -lost, None, now)
        account.expiring_amount = ZERO
        account.expiring_on = None
        changed = True
    if changed:
        touch(account, now)


def _sum(value: Decimal | None) -> Decimal:
    """A summed amount column (already converted from hundredths by its type)."""
    return ZERO if value is None else Decimal(value).quantize(ZERO)


def held(session: Session, customer_id: str, now: datetime, exclude: str | None = None) -> Decimal:
    """Points held by the member's live, unexpired reservations (except `exclude`)."""
    query = select(func.coalesce(func.sum(ReservationRow.points), 0)).where(
        ReservationRow.customer_id == customer_id,
        ReservationRow.state == "live",
        ReservationRow.expires_at > now,
    )
    if exclude is not None:
        query = query.where(ReservationRow.transaction_id != exclude)
    return _sum(session.scalar(query))


def pending_total(session: Session, customer_id: str) -> Decimal:
    """Points earned but not yet spendable."""
    return _sum(
        session.scalar(
            select(func.coalesce(func.sum(PendingPoints.amount), 0)).where(PendingPoints.customer_id == customer_id)
        )
    )


def available(session: Session, account: PointAccount, now: datetime, exclude: str | None = None) -> Decimal:
    """What the member may spend now: spendable minus other live reservations."""
    return max(ZERO, account.spendable - held(session, account.customer_id, now, exclude))


def balance(session: Session, account: PointAccount, now: datetime) -> Balance:
    """The member's balance as the till shows it."""
    pending = pending_total(session, account.customer_id)
    expiring = min(account.expiring_amount, account.spendable)
    return Balance(
        spendable=available(session, account, now),
        total=account.spendable + pending,
        pending=pending,
        expiring_amount=expiring if expiring > ZERO and account.expiring_on else None,
        expiring_on=account.expiring_on if expiring > ZERO else None,
    )


def spend(session: Session, account: PointAccount, points: Decimal, reference: str, now: datetime) -> None:
    """Take `points` from spendable, soonest-expiring first (the caller checked they are there)."""
    if points > account.spendable:
        raise ValueError("spending more than the account holds")
    account.spendable -= points
    account.expiring_amount = max(ZERO, account.expiring_amount - points)
    _entry(session, account, "redeem", -points, reference, now)
    touch(account, now)


def give_back(session: Session, account: PointAccount, points: Decimal, reference: str, now: datetime) -> None:
    """Return spent points to spendable (refund, cancel)."""
    account.spendable += points
    _entry(session, account, "returned", points, reference, now)
    touch(account, now)


def accrue(session: Session, account: PointAccount, points: Decimal, reference: str, now: datetime,
           hold_days: int) -> None:
    """Credit earned points: pending for `hold_days`, or spendable at once when that is 0."""
    if points <= ZERO:
        touch(account, now)
        return
    if hold_days <= 0:
        account.spendable += points
        _entry(session, account, "accrual", points, reference, now)
    else:
        session.add(
            PendingPoints(customer_id=account.customer_id, transaction_id=reference, amount=points,
                          available_on=now.date() + timedelta(days=hold_days))
        )
        _entry(session, account, "accrual", points, reference, now, pending=True)
    touch(account, now)


def reverse_accrual(session: Session, account: PointAccount, points: Decimal, reference: str,
                    refund_reference: str, now: datetime) -> Decimal:
    """Take back earned points: from the purchase's pending lot first, then from spendable.

    Returns what was actually taken back: never more than the member has (a balance never goes
    below zero; the shortfall stays in the ledger as the difference).
    """
    left = points
    lots = session.scalars(
        select(PendingPoints).where(
            PendingPoints.customer_id == account.customer_id, PendingPoints.transaction_id == reference
        )
    ).all()
    for lot in lots:
        if left <= ZERO:
            break
        taken = min(lot.amount, left)
        lot.amount -= taken
        left -= taken
        _entry(session, account, "accrual_reversed", -taken, refund_reference, now, pending=True)
        if lot.amount <= ZERO:
            session.delete(lot)
    if left > ZERO:
        taken = min(account.spendable, left)
        account.spendable -= taken
        account.expiring_amount = min(account.expiring_amount, account.spendable)
        left -= taken
        if taken > ZERO:
            _entry(session, account, "accrual_reversed", -taken, refund_reference, now)
    touch(account, now)
    return points - left

