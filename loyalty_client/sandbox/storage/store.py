"""The rows behind purchases, refunds and cancels, read and written with statements built once.

SQLAlchemy Core on the tables of `models` (portable like them): a sale runs a dozen statements,
and building ORM queries and flushing objects for each cost several times what the database
does. Reads return plain read-only rows with the columns as attributes; every change is an
explicit statement in the caller's unit of work. Points and their account live in `ledger`.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Sequence

from sqlalchemy import Row, and_, bindparam, case, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from loyalty_client.sandbox.storage.bulk import execute_many
from loyalty_client.sandbox.storage.models import (
    CatalogueItem,
    CouponUse,
    CustomerRow,
    OfferRow,
    ProgramRow,
    ReservationRow,
    TierRow,
    TransactionRow,
)

_CUSTOMERS = CustomerRow.__table__
_OFFERS = OfferRow.__table__
_PROGRAMS = ProgramRow.__table__
_TIERS = TierRow.__table__
_RESERVATIONS = ReservationRow.__table__
_TRANSACTIONS = TransactionRow.__table__
_CATALOGUE = CatalogueItem.__table__
_COUPON_USES = CouponUse.__table__

_CUSTOMER = select(_CUSTOMERS).where(_CUSTOMERS.c.id == bindparam("customer_id"))
_PURCHASES_PLUS = _CUSTOMERS.c.purchases_12m + bindparam("amount")
_ADD_PURCHASES = (
    update(_CUSTOMERS)
    .where(_CUSTOMERS.c.id == bindparam("customer_id"))
    .values(purchases_12m=case((_PURCHASES_PLUS < 0, 0), else_=_PURCHASES_PLUS))
)
# The store's own program first, else the chain's (no store id); nulls sort first on SQLite and
# last on PostgreSQL, hence the explicit order.
_PROGRAM = (
    select(_PROGRAMS)
    .where(or_(_PROGRAMS.c.store_id == bindparam("store_id"), _PROGRAMS.c.store_id.is_(None)))
    .order_by(case((_PROGRAMS.c.store_id.is_(None), 1), else_=0), _PROGRAMS.c.id)
    .limit(1)
)
_TIERS_OF = select(_TIERS).where(_TIERS.c.program_id == bindparam("program_id")).order_by(_TIERS.c.threshold)
_OFFERS_OF = (
    select(_OFFERS)
    .outerjoin(
        _COUPON_USES, and_(_COUPON_USES.c.coupon_code == _OFFERS.c.coupon_code, _COUPON_USES.c.state == "used")
    )
    .where(
        _OFFERS.c.customer_id.in_(bindparam("customer_ids", expanding=True)),
        _OFFERS.c.valid_until >= bindparam("today"),
        _COUPON_USES.c.coupon_code.is_(None),
    )
    .order_by(_OFFERS.c.id)
)
_OFFER_BY_CODE = select(_OFFERS).where(_OFFERS.c.coupon_code == bindparam("code"))
_COUPON_USE = select(_COUPON_USES).where(_COUPON_USES.c.coupon_code == bindparam("code"))
_TRANSACTION = select(_TRANSACTIONS).where(
    _TRANSACTIONS.c.kind == bindparam("kind"), _TRANSACTIONS.c.key == bindparam("key")
)
_RETURNS_OF = select(_TRANSACTIONS.c.lines_json).where(
    _TRANSACTIONS.c.original_key == bindparam("purchase_key"), _TRANSACTIONS.c.kind.in_(("refund", "cancel"))
)
_OFFLINE_POINTS = select(func.coalesce(func.sum(_TRANSACTIONS.c.points), 0)).where(
    _TRANSACTIONS.c.kind == "purchase",
    _TRANSACTIONS.c.state == "committed",
    _TRANSACTIONS.c.offline.is_(True),
    _TRANSACTIONS.c.customer_id == bindparam("customer_id"),
    _TRANSACTIONS.c.occurred_at >= bindparam("since"),
    _TRANSACTIONS.c.occurred_at < bindparam("until"),
)
RECORD = insert(_TRANSACTIONS)
"""Records purchases, refunds or cancels (one row, or many at once)."""
_SET_TRANSACTION_STATE = (
    update(_TRANSACTIONS)
    .where(_TRANSACTIONS.c.kind == bindparam("of_kind"), _TRANSACTIONS.c.key == bindparam("of_key"))
    .values(state=bindparam("new_state"))
)
_RESERVATION = select(_RESERVATIONS).where(_RESERVATIONS.c.transaction_id == bindparam("transaction_id"))
_ADD_RESERVATION = insert(_RESERVATIONS)
_SET_RESERVATION_STATE = (
    update(_RESERVATIONS)
    .where(_RESERVATIONS.c.transaction_id == bindparam("of_transaction"))
    .values(state=bindparam("new_state"))
)


def customer(session: Session, customer_id: str) -> Row[Any] | None:
    """A member's row (every column of `CustomerRow`), or None."""
    return session.execute(_CUSTOMER, {"customer_id": customer_id}).first()


def add_purchases(session: Session, customer_id: str, amount: Decimal) -> None:
    """Add `amount` (negative for a return) to a member's purchase sum over 12 months (what their
    tier is reckoned from), never below zero.

    One statement adds to what the row holds when it is written, not to a value read earlier:
    under PostgreSQL's READ COMMITTED the member's row may have been read before another sale
    committed, and writing back a total computed from it would lose that sale.
    """
    session.execute(_ADD_PURCHASES, {"customer_id": customer_id, "amount": amount})


def add_purchases_many(session: Session, amounts: Sequence[tuple[str, Decimal]]) -> None:
    """`add_purchases` for several members at once: (customer id, amount) pairs."""
    execute_many(
        session, _ADD_PURCHASES, [{"customer_id": customer_id, "amount": amount} for customer_id, amount in amounts]
    )


def program(session: Session, store_id: str | None = None) -> tuple[Row[Any], Sequence[Row[Any]]] | None:
    """The program of `store_id` (the store's own, else the chain's; the chain's for None) and its
    tiers, lowest threshold first (None if there is no program)."""
    row = session.execute(_PROGRAM, {"store_id": store_id}).first()
    if row is None:
        return None
    return row, session.execute(_TIERS_OF, {"program_id": row.id}).all()


def offers(session: Session, customer_ids: Sequence[str], today: date) -> dict[str, list[Row[Any]]]:
    """The offers of each of these members valid on `today` or later whose coupon is not used up,
    in id order, by member (an empty list for a member with none): one statement for them all."""
    found: dict[str, list[Row[Any]]] = {customer_id: [] for customer_id in customer_ids}
    for row in session.execute(_OFFERS_OF, {"customer_ids": list(customer_ids), "today": today}):
        found[row.customer_id].append(row)
    return found


def offer_by_code(session: Session, code: str) -> Row[Any] | None:
    """The offer whose coupon has this code, or None."""
    return session.execute(_OFFER_BY_CODE, {"code": code}).first()


def categories(session: Session, skus: Sequence[str]) -> dict[str, str]:
    """The catalogue's category of each of these SKUs that it knows."""
    if not skus:
        return {}
    rows = session.execute(select(_CATALOGUE.c.sku, _CATALOGUE.c.category).where(_CATALOGUE.c.sku.in_(set(skus))))
    return {row.sku: row.category for row in rows}


def coupon_use(session: Session, code: str) -> Row[Any] | None:
    """The hold or use of a single-use coupon, or None when it is free."""
    return session.execute(_COUPON_USE, {"code": code}).first()


def take_coupon(
    session: Session,
    code: str,
    offer_id: str,
    transaction_id: str,
    customer_id: str,
    state: str,
    held_until: datetime,
    now: datetime,
    exists: bool,
) -> bool:
    """Hold (`state` held) or use up (used) a coupon for `transaction_id`.

    A coupon nobody holds gets its row: a concurrent holder's insert of the same code fails on
    the primary key (`IntegrityError`). One whose row exists is taken only when this transaction
    holds it or another's hold lapsed before `now`, checked in the UPDATE itself; False when the
    row changed since it was read (the caller's unit then runs again).
    """
    values = dict(
        offer_id=offer_id, transaction_id=transaction_id, customer_id=customer_id, state=state, held_until=held_until
    )
    if not exists:
        session.execute(insert(_COUPON_USES).values(coupon_code=code, created_at=now, **values))
        return True
    taken = session.execute(
        update(_COUPON_USES)
        .where(
            _COUPON_USES.c.coupon_code == code,
            or_(
                and_(_COUPON_USES.c.transaction_id == transaction_id, _COUPON_USES.c.state == "held"),
                and_(_COUPON_USES.c.state == "held", _COUPON_USES.c.held_until <= now),
            ),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return taken.rowcount == 1


def release_coupons(session: Session, transaction_id: str, state: str, valid_on: date | None = None) -> None:
    """Free the coupons a transaction holds (`state` held) or used (used); with `valid_on`, only
    those whose offer is still valid that day (an expired coupon stays used)."""
    condition = and_(_COUPON_USES.c.transaction_id == transaction_id, _COUPON_USES.c.state == state)
    if valid_on is not None:
        still_valid = select(_OFFERS.c.id).where(_OFFERS.c.valid_until >= valid_on)
        condition = and_(condition, _COUPON_USES.c.offer_id.in_(still_valid))
    session.execute(delete(_COUPON_USES).where(condition).execution_options(synchronize_session=False))


def transaction(session: Session, kind: str, key: str) -> Row[Any] | None:
    """The recorded purchase, refund or cancel with this key, or None."""
    return session.execute(_TRANSACTION, {"kind": kind, "key": key}).first()


def returns_of(session: Session, purchase_key: str) -> list[str]:
    """The `lines_json` of the refunds (and the cancel) recorded against a purchase."""
    return list(session.scalars(_RETURNS_OF, {"purchase_key": purchase_key}))


def offline_points(session: Session, customer_id: str, since: datetime, until: datetime) -> Decimal:
    """Points a member spent in offline purchases that occurred from `since` until before `until`
    (cancelled purchases gave theirs back and do not count)."""
    return session.execute(_OFFLINE_POINTS, {"customer_id": customer_id, "since": since, "until": until}).scalar_one()


def record(session: Session, **columns: Any) -> None:
    """Record a purchase, refund or cancel (`columns`: every column of `TransactionRow` but its id)."""
    session.execute(RECORD, columns)


def set_transaction_state(session: Session, kind: str, key: str, state: str) -> None:
    """Change the state of a recorded transaction (a purchase becomes cancelled)."""
    session.execute(_SET_TRANSACTION_STATE, {"of_kind": kind, "of_key": key, "new_state": state})


def reservation(session: Session, transaction_id: str) -> Row[Any] | None:
    """The reservation made under `transaction_id`, or None."""
    return session.execute(_RESERVATION, {"transaction_id": transaction_id}).first()


def save_reservation(session: Session, transaction_id: str, exists: bool, **columns: Any) -> None:
    """Add a reservation, or reserve afresh under one that exists (every column but the id)."""
    if exists:
        session.execute(
            update(_RESERVATIONS).where(_RESERVATIONS.c.transaction_id == transaction_id).values(**columns)
        )
    else:
        session.execute(_ADD_RESERVATION, {"transaction_id": transaction_id, **columns})


def set_reservation_state(session: Session, transaction_id: str, state: str) -> None:
    """Change a reservation's state (live, committed, cancelled, expired)."""
    session.execute(_SET_RESERVATION_STATE, {"of_transaction": transaction_id, "new_state": state})
