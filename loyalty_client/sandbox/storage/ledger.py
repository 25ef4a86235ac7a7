"""A member's points: spendable, pending (earned, not yet spendable), held by reservations, expiring.

- Accrual goes to pending for the program's hold period (the return window, 14 days in the demo)
  and then becomes spendable; a hold of 0 days makes it spendable at once.
- Spending takes the soonest-expiring points first; on the day after `expiring_on` whatever is
  left of them expires.
- Live reservations hold points: shown spendable = account spendable − held.
- Every change goes through here, writes a ledger entry and writes the account row at once,
  bumping its version and checking the version read (`touch`): a concurrent writer for the
  same member makes it raise `StaleDataError`, and the unit of work is run again.

Statements are built once (SQLAlchemy Core on the tables of `models`): each sale runs a dozen.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Sequence

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from fiscal.money import ZERO
from loyalty_client.sandbox.storage.bulk import execute_many
from loyalty_client.sandbox.storage.models import LedgerEntry, PendingPoints, PointAccount, ReservationRow
from loyalty_client.types import Balance

_ACCOUNTS = PointAccount.__table__
_PENDING = PendingPoints.__table__
_RESERVATIONS = ReservationRow.__table__

_LOAD = select(
    _ACCOUNTS.c.customer_id,
    _ACCOUNTS.c.spendable,
    _ACCOUNTS.c.expiring_amount,
    _ACCOUNTS.c.expiring_on,
    _ACCOUNTS.c.version,
).where(_ACCOUNTS.c.customer_id == bindparam("customer_id"))
_LOAD_LOCKED = _LOAD.with_for_update()
_OPEN = insert(_ACCOUNTS)
_SAVE = (
    update(_ACCOUNTS)
    .where(_ACCOUNTS.c.customer_id == bindparam("account"), _ACCOUNTS.c.version == bindparam("read_version"))
    .values(
        spendable=bindparam("spendable"),
        expiring_amount=bindparam("expiring_amount"),
        expiring_on=bindparam("expiring_on"),
        updated_at=bindparam("now"),
        version=bindparam("version"),
    )
)
ENTRY = insert(LedgerEntry.__table__)
"""Adds ledger entries (one row, or many at once)."""
ADD_LOT = insert(_PENDING)
"""Adds pending lots (one row, or many at once)."""
_LOTS_OF = select(_PENDING.c.id, _PENDING.c.amount).where(
    _PENDING.c.customer_id == bindparam("customer_id"), _PENDING.c.transaction_id == bindparam("reference")
)
_MATURED = select(_PENDING.c.id, _PENDING.c.amount, _PENDING.c.transaction_id).where(
    _PENDING.c.customer_id == bindparam("customer_id"), _PENDING.c.available_on <= bindparam("today")
)
_SET_LOT = update(_PENDING).where(_PENDING.c.id == bindparam("lot_id")).values(amount=bindparam("left"))
_DROP_LOT = delete(_PENDING).where(_PENDING.c.id == bindparam("lot_id"))
_PENDING_TOTAL = select(func.coalesce(func.sum(_PENDING.c.amount), 0)).where(
    _PENDING.c.customer_id == bindparam("customer_id")
)
_HELD = select(func.coalesce(func.sum(_RESERVATIONS.c.points), 0)).where(
    _RESERVATIONS.c.customer_id == bindparam("customer_id"),
    _RESERVATIONS.c.state == "live",
    _RESERVATIONS.c.expires_at > bindparam("now"),
)
_HELD_EXCEPT = _HELD.where(_RESERVATIONS.c.transaction_id != bindparam("exclude"))


@dataclass
class Account:
    """A member's point account as this unit of work read it (and changed it since)."""

    customer_id: str
    spendable: Decimal
    expiring_amount: Decimal
    expiring_on: date | None
    version: int


def open_account(session: Session, customer_id: str, now: datetime) -> Account:
    """Create the empty account of a new member."""
    account = Account(customer_id, ZERO, ZERO, None, 1)
    session.execute(
        _OPEN,
        {"customer_id": customer_id, "spendable": ZERO, "expiring_amount": ZERO, "expiring_on": None,
         "updated_at": now, "version": account.version},
    )
    return account


def load_account(session: Session, customer_id: str, lock: bool = True) -> Account:
    """The member's account row; with `lock`, locked for update where the database supports it.

    Readers skip the lock: if they change the row (points maturing), the version check still
    keeps concurrent writers apart.
    """
    row = session.execute(_LOAD_LOCKED if lock else _LOAD, {"customer_id": customer_id}).one()
    return Account(row.customer_id, row.spendable, row.expiring_amount, row.expiring_on, row.version)


def touch(session: Session, account: Account, now: datetime) -> None:
    """Write the account as changed, bumping its version: concurrent writers for the same member
    then conflict (`StaleDataError` for the one whose version is out of date)."""
    result = session.execute(
        _SAVE,
        {
            "account": account.customer_id,
            "read_version": account.version,
            "spendable": account.spendable,
            "expiring_amount": account.expiring_amount,
            "expiring_on": account.expiring_on,
            "now": now,
            "version": account.version + 1,
        },
    )
    if result.rowcount != 1:
        raise StaleDataError(f"the point account of {account.customer_id} was changed by another writer")
    account.version += 1


def save_accounts(session: Session, accounts: Sequence[tuple[Account, int]], now: datetime) -> None:
    """Write several accounts at once, each as changed since it was read at the version paired with
    it (the version it holds now was bumped once per change): `touch` for a batch."""
    matched = execute_many(
        session,
        _SAVE,
        [
            {"account": account.customer_id, "read_version": read_version, "spendable": account.spendable,
             "expiring_amount": account.expiring_amount, "expiring_on": account.expiring_on, "now": now,
             "version": account.version}
            for account, read_version in accounts
        ],
    )
    if session.get_bind().dialect.supports_sane_multi_rowcount and matched != len(accounts):
        raise StaleDataError("a point account of the batch was changed by another writer")


def _entry(session: Session, account: Account, kind: str, amount: Decimal, reference: str | None,
           now: datetime, pending: bool = False) -> None:
    session.execute(
        ENTRY,
        {"customer_id": account.customer_id, "kind": kind, "amount": amount, "pending": pending,
         "reference": reference, "created_at": now},
    )


def settle(session: Session, account: Account, now: datetime) -> None:
    """Make matured pending points spendable and expire points past their date."""
    today = now.date()
    matured = session.execute(_MATURED, {"customer_id": account.customer_id, "today": today}).all()
    changed = bool(matured)
    for lot in matured:
        account.spendable += lot.amount
        _entry(session, account, "matured", lot.amount, lot.transaction_id, now)
        session.execute(_DROP_LOT, {"lot_id": lot.id})
    if account.expiring_on is not None and account.expiring_on < today:
        lost = min(account.expiring_amount, account.spendable)
        if lost > ZERO:
            account.spendable -= lost
            _entry(session, account, "expired", -lost, None, now)
        account.expiring_amount = ZERO
        account.expiring_on = None
        changed = True
    if changed:
        touch(session, account, now)


def _sum(value: Decimal | None) -> Decimal:
    """A summed amount column (already converted from hundredths by its type)."""
    return ZERO if value is None else Decimal(value).quantize(ZERO)


def held(session: Session, customer_id: str, now: datetime, exclude: str | None = None) -> Decimal:
    """Points held by the member's live, unexpired reservations (except `exclude`)."""
    if exclude is None:
        return _sum(session.scalar(_HELD, {"customer_id": customer_id, "now": now}))
    return _sum(session.scalar(_HELD_EXCEPT, {"customer_id": customer_id, "now": now, "exclude": exclude}))


def pending_total(session: Session, customer_id: str) -> Decimal:
    """Points earned but not yet spendable."""
    return _sum(session.scalar(_PENDING_TOTAL, {"customer_id": customer_id}))


def available(session: Session, account: Account, now: datetime, exclude: str | None = None) -> Decimal:
    """What the member may spend now: spendable minus other live reservations."""
    return max(ZERO, account.spendable - held(session, account.customer_id, now, exclude))


def balance(session: Session, account: Account, now: datetime) -> Balance:
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


def spend(session: Session, account: Account, points: Decimal, reference: str, now: datetime) -> None:
    """Take `points` from spendable, soonest-expiring first (the caller checked they are there)."""
    if points > account.spendable:
        raise ValueError("spending more than the account holds")
    account.spendable -= points
    account.expiring_amount = max(ZERO, account.expiring_amount - points)
    _entry(session, account, "redeem", -points, reference, now)
    touch(session, account, now)


def give_back(session: Session, account: Account, points: Decimal, reference: str, now: datetime) -> None:
    """Return spent points to spendable (refund, cancel)."""
    account.spendable += points
    _entry(session, account, "returned", points, reference, now)
    touch(session, account, now)


def accrue(session: Session, account: Account, points: Decimal, reference: str, now: datetime,
           hold_days: int) -> None:
    """Credit earned points: pending for `hold_days`, or spendable at once when that is 0."""
    if points <= ZERO:
        touch(session, account, now)
        return
    if hold_days <= 0:
        account.spendable += points
        _entry(session, account, "accrual", points, reference, now)
    else:
        session.execute(
            ADD_LOT,
            {"customer_id": account.customer_id, "transaction_id": reference, "amount": points,
             "available_on": now.date() + timedelta(days=hold_days)},
        )
        _entry(session, account, "accrual", points, reference, now, pending=True)
    touch(session, account, now)


def reverse_accrual(session: Session, account: Account, points: Decimal, reference: str,
                    refund_reference: str, now: datetime) -> Decimal:
    """Take back earned points: from the purchase's pending lot first, then from spendable.

    Returns what was actually taken back: never more than the member has (a balance never goes
    below zero; the shortfall stays in the ledger as the difference).
    """
    left = points
    lots = session.execute(_LOTS_OF, {"customer_id": account.customer_id, "reference": reference}).all()
    for lot in lots:
        if left <= ZERO:
            break
        taken = min(lot.amount, left)
        left -= taken
        _entry(session, account, "accrual_reversed", -taken, refund_reference, now, pending=True)
        if lot.amount - taken <= ZERO:
            session.execute(_DROP_LOT, {"lot_id": lot.id})
        else:
            session.execute(_SET_LOT, {"lot_id": lot.id, "left": lot.amount - taken})
    if left > ZERO:
        taken = min(account.spendable, left)
        account.spendable -= taken
        account.expiring_amount = min(account.expiring_amount, account.spendable)
        left -= taken
        if taken > ZERO:
            _entry(session, account, "accrual_reversed", -taken, refund_reference, now)
    touch(session, account, now)
    return points - left
