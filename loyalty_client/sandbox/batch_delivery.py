"""DeliverBatch in the sandbox: every item of a batch done in one database transaction.

Each item is answered exactly as its own operation would answer it (the same checks, faults,
ledger entries and stored result), in order, so a member's later items see their earlier ones.
What changes is the cost: one transaction per batch instead of one per item, and for the common
item, a commit with nothing to redeem, no coupon and no reservation (a sale recorded offline, the
bulk of a
backlog), set-based SQL:

- before the items, one statement each reads the members, locks their point accounts (in member
  order, so two batches cannot deadlock on them), reads the keys already recorded, the
  reservations, the points held, pending and matured, and the offers of all the batch's commits;
- the items are then worked out in memory, member by member state carried from item to item;
- their writes (ledger entries, pending lots, transactions, 12-month sums, accounts with their
  versions checked) go out as one bulk statement each.

Any other item (a commit that redeems or has a reservation, a cancel, a refund) is done by the
operation's own unit of work inside a savepoint, after the writes so far went out; a business
fault rolls back its savepoint only. The state read in bulk is read again after it.

A concurrent writer (a version conflict, a unique key taken, a deadlock) fails the whole batch,
which `SandboxLoyalty._work` then runs again from the start: nothing of it was written.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Sequence

from sqlalchemy import Row, bindparam, delete, func, select
from sqlalchemy.orm import Session

from fiscal.money import ZERO, money
from loyalty_client import rules
from loyalty_client.batch import BatchAnswer, BatchItem, CancelItem, CommitItem, RefundItem
from loyalty_client.errors import CustomerNotFound, InvalidRequest, LoyaltyFault
from loyalty_client.sandbox.member_status import usable_status
from loyalty_client.sandbox.program_in_force import program_in_force
from loyalty_client.sandbox.purchase_record import MSG_NOT_FOUND, commit_prints, offer_of, purchase_lines_json, utc
from loyalty_client.sandbox.results import dump_result, load_result
from loyalty_client.sandbox.storage import ledger, store
from loyalty_client.sandbox.storage.bulk import execute_many
from loyalty_client.sandbox.storage.models import (
    CustomerRow,
    PendingPoints,
    PointAccount,
    ReservationRow,
    TransactionRow,
)
from loyalty_client.types import Balance, CommitResult, Offer, Program

if TYPE_CHECKING:
    from loyalty_client.sandbox.logic import SandboxLoyalty

_CUSTOMERS = CustomerRow.__table__
_ACCOUNTS = PointAccount.__table__
_PENDING = PendingPoints.__table__
_RESERVATIONS = ReservationRow.__table__
_TRANSACTIONS = TransactionRow.__table__

# What a batch reads in bulk, built once: a list goes in as an expanding parameter, so that the
# statement is compiled once and not coerced element by element on every batch.
_IDS = bindparam("ids", expanding=True)
_KEYS = bindparam("keys", expanding=True)
# Only the columns a commit needs: every other one would be converted for nothing, row by row.
_MEMBERS = select(_CUSTOMERS.c.id, _CUSTOMERS.c.status, _CUSTOMERS.c.purchases_12m).where(_CUSTOMERS.c.id.in_(_IDS))
_LOCK_ACCOUNTS = (
    select(
        _ACCOUNTS.c.customer_id, _ACCOUNTS.c.spendable, _ACCOUNTS.c.expiring_amount, _ACCOUNTS.c.expiring_on,
        _ACCOUNTS.c.version,
    )
    .where(_ACCOUNTS.c.customer_id.in_(_IDS))
    .order_by(_ACCOUNTS.c.customer_id)
    .with_for_update()
)
_RECORDED = select(
    _TRANSACTIONS.c.kind, _TRANSACTIONS.c.key, _TRANSACTIONS.c.fingerprint, _TRANSACTIONS.c.result_json
).where(_TRANSACTIONS.c.kind.in_(("purchase", "cancel")), _TRANSACTIONS.c.key.in_(_KEYS))
_RESERVED = select(_RESERVATIONS.c.transaction_id).where(_RESERVATIONS.c.transaction_id.in_(_KEYS))
_HELD = (
    select(_RESERVATIONS.c.customer_id, func.sum(_RESERVATIONS.c.points))
    .where(
        _RESERVATIONS.c.customer_id.in_(_IDS),
        _RESERVATIONS.c.state == "live",
        _RESERVATIONS.c.expires_at > bindparam("now", type_=_RESERVATIONS.c.expires_at.type),
    )
    .group_by(_RESERVATIONS.c.customer_id)
)
_PENDING_SUMS = (
    select(_PENDING.c.customer_id, func.sum(_PENDING.c.amount))
    .where(_PENDING.c.customer_id.in_(_IDS))
    .group_by(_PENDING.c.customer_id)
)
_MATURED = (
    select(_PENDING.c.id, _PENDING.c.customer_id, _PENDING.c.amount, _PENDING.c.transaction_id)
    .where(
        _PENDING.c.customer_id.in_(_IDS),
        _PENDING.c.available_on <= bindparam("today", type_=_PENDING.c.available_on.type),
    )
    .order_by(_PENDING.c.id)
)


@dataclass
class _Member:
    """A member as the batch read them, and what the batch's items changed since."""

    status: str  # as stored
    account: ledger.Account
    read_version: int
    purchases: Decimal
    held: Decimal
    pending: Decimal
    offers: tuple[Offer, ...]
    added_purchases: Decimal = ZERO
    changed: bool = False


@dataclass
class _Writes:
    """Rows and changes waiting to go out in bulk."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    lots: list[dict[str, Any]] = field(default_factory=list)
    dropped_lots: list[int] = field(default_factory=list)
    transactions: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.entries or self.lots or self.dropped_lots or self.transactions)


class BatchDelivery:
    """One DeliverBatch worked out in the caller's transaction (`run`)."""

    def __init__(self, service: "SandboxLoyalty", session: Session) -> None:
        self._service = service
        self._session = session
        self._now = service.clock.now()
        self._members: dict[str, _Member | None] = {}
        self._recorded: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, key) -> fingerprint, result
        self._reserved: set[str] = set()
        self._writes = _Writes()
        self._programs: dict[str, tuple[Program, Row[Any]]] = {}

    def run(self, items: Sequence[BatchItem]) -> list[BatchAnswer]:
        """Every item's answer, in order: its result or its business fault."""
        answers: list[BatchAnswer] = []
        stale = True
        for number, item in enumerate(items):
            if isinstance(item, CommitItem) and item.redeem == ZERO and not item.coupons:
                if stale:
                    self._read([other for other in items[number:] if isinstance(other, CommitItem)])
                    stale = False
                answer = self._commit(item)
                if answer is not None:
                    answers.append(answer)
                    continue
            self._flush()
            answers.append(self._on_its_own(item))
            stale = True
        self._flush()
        return answers

    # ----- reading in bulk -----------------------------------------------------------------------

    def _read(self, commits: Sequence[CommitItem]) -> None:
        """Read (and lock) what the remaining commits depend on, one statement per table."""
        self._now = self._service.clock.now()  # as each operation on its own reads the clock when it starts
        session, now = self._session, self._now
        ids = sorted({item.customer_id for item in commits})
        keys = sorted({item.transaction_id for item in commits})
        # Rows unpacked rather than read by name: a column by name costs more than the tuple.
        found = {
            customer_id: (status, bought) for customer_id, status, bought in session.execute(_MEMBERS, {"ids": ids})
        }
        locked = session.execute(_LOCK_ACCOUNTS, {"ids": sorted(found)}).all()
        self._recorded = {
            (kind, key): (request_print, result_json)
            for kind, key, request_print, result_json in session.execute(_RECORDED, {"keys": keys})
        }
        self._reserved = set(session.scalars(_RESERVED, {"keys": keys}))
        held = dict(session.execute(_HELD, {"ids": ids, "now": now}).all())
        pending = dict(session.execute(_PENDING_SUMS, {"ids": ids}).all())
        matured: dict[str, list[Row[Any]]] = defaultdict(list)
        for lot in session.execute(_MATURED, {"ids": ids, "today": now.date()}):
            matured[lot.customer_id].append(lot)
        offers = {
            customer_id: tuple(offer_of(row) for row in rows)
            for customer_id, rows in store.offers(session, ids, now.date()).items()
        }
        self._members = {customer_id: None for customer_id in ids}
        for customer_id, spendable, expiring_amount, expiring_on, version in locked:
            status, bought = found[customer_id]
            member = _Member(
                status=status,
                account=ledger.Account(customer_id, spendable, expiring_amount, expiring_on, version),
                read_version=version,
                purchases=bought,
                held=_summed(held.get(customer_id)),
                pending=_summed(pending.get(customer_id)),
                offers=offers[customer_id],
            )
            self._settle(member, matured[customer_id])
            self._members[customer_id] = member

    def _settle(self, member: _Member, matured: list[Row[Any]]) -> None:
        """`ledger.settle` in memory: matured lots become spendable, points past their date expire."""
        account, today = member.account, self._now.date()
        for lot in matured:
            account.spendable += lot.amount
            member.pending -= lot.amount
            self._entry(account, "matured", lot.amount, lot.transaction_id)
            self._writes.dropped_lots.append(lot.id)
            member.changed = True
        if account.expiring_on is not None and account.expiring_on < today:
            lost = min(account.expiring_amount, account.spendable)
            if lost > ZERO:
                account.spendable -= lost
                self._entry(account, "expired", -lost, None)
            account.expiring_amount = ZERO
            account.expiring_on = None
            member.changed = True
        if member.changed:
            account.version += 1

    def _entry(self, account: ledger.Account, kind: str, amount: Decimal, reference: str | None,
               pending: bool = False) -> None:
        self._writes.entries.append(
            {"customer_id": account.customer_id, "kind": kind, "amount": amount, "pending": pending,
             "reference": reference, "created_at": self._now}
        )

    # ----- a commit worked out in memory ---------------------------------------------------------

    def _commit(self, item: CommitItem) -> BatchAnswer | None:
        """The answer to a commit with nothing to redeem, or None when it needs its own unit of work
        (a reservation under its id) or its member could not be read in bulk."""
        if item.customer_id not in self._members:
            return None
        member = self._members[item.customer_id]
        if member is None:
            return CustomerNotFound(MSG_NOT_FOUND)
        receipt_print, request_print = commit_prints(item)
        recorded = self._recorded.get(("purchase", item.transaction_id))
        if recorded is not None:
            if recorded[0] != request_print:
                return InvalidRequest(f"Покупка {item.transaction_id} уже проведена с другим чеком")
            return load_result(CommitResult, recorded[1])
        if ("cancel", item.transaction_id) in self._recorded:
            return InvalidRequest(f"Покупка {item.transaction_id} отменена: провести её нельзя")
        if item.transaction_id in self._reserved:
            return None
        try:
            program, program_row = self._program_of(item.receipt.store_id)
            status = usable_status(member.status)
            lines = rules.unredeemed_lines(item.receipt, rules.tier_for(program, member.purchases), status)
        except LoyaltyFault as fault:
            return fault
        account = member.account
        accrued = sum((line.accrual for line in lines), ZERO)
        if accrued > ZERO:
            if program_row.accrual_hold_days <= 0:
                account.spendable += accrued
                self._entry(account, "accrual", accrued, item.transaction_id)
            else:
                self._writes.lots.append(
                    {"customer_id": account.customer_id, "transaction_id": item.transaction_id, "amount": accrued,
                     "available_on": self._now.date() + timedelta(days=program_row.accrual_hold_days)}
                )
                member.pending += accrued
                self._entry(account, "accrual", accrued, item.transaction_id, pending=True)
        account.version += 1
        member.changed = True
        paid = max(ZERO, item.receipt.total - item.redeem)
        member.purchases = max(ZERO, member.purchases + paid)
        member.added_purchases += paid
        result = CommitResult(
            transaction_id=item.transaction_id,
            accrued=accrued,
            redeemed=money(item.redeem),
            balance=self._balance(member),
            offers=member.offers,
        )
        result_json = dump_result(result)
        allocation = {line.line_no: line for line in lines}
        self._writes.transactions.append(
            {
                "kind": "purchase",
                "key": item.transaction_id,
                "original_key": None,
                "customer_id": account.customer_id,
                "fingerprint": request_print,
                "state": "committed",
                "redeem": money(item.redeem),
                "points": ZERO,
                "accrual": accrued,
                "paid": paid,
                "offline": item.offline,
                "review": False,
                "occurred_at": utc(item.occurred_at),
                "created_at": self._now,
                "lines_json": purchase_lines_json(item.receipt.lines, allocation),
                "result_json": result_json,
            }
        )
        self._recorded[("purchase", item.transaction_id)] = (request_print, result_json)
        return result

    def _program_of(self, store_id: str) -> tuple[Program, Row[Any]]:
        """The store's program (its own, else the chain's), read once per batch."""
        found = self._programs.get(store_id)
        if found is None:
            found = self._programs[store_id] = program_in_force(self._session, store_id)
        return found

    @staticmethod
    def _balance(member: _Member) -> Balance:
        """`ledger.balance` of the member's state in memory."""
        account = member.account
        expiring = min(account.expiring_amount, account.spendable)
        return Balance(
            spendable=max(ZERO, account.spendable - member.held),
            total=account.spendable + member.pending,
            pending=member.pending,
            expiring_amount=expiring if expiring > ZERO and account.expiring_on else None,
            expiring_on=account.expiring_on if expiring > ZERO else None,
        )

    # ----- writing in bulk -----------------------------------------------------------------------

    def _flush(self) -> None:
        """Send the writes worked out so far, one statement per table."""
        session, writes = self._session, self._writes
        changed = [member for member in self._members.values() if member is not None and member.changed]
        if writes.dropped_lots:
            session.execute(delete(_PENDING).where(_PENDING.c.id.in_(writes.dropped_lots)))
        execute_many(session, ledger.ADD_LOT, writes.lots)
        execute_many(session, ledger.ENTRY, writes.entries)
        execute_many(session, store.RECORD, writes.transactions)
        added = [member for member in changed if member.added_purchases]
        if added:
            store.add_purchases_many(session, [(m.account.customer_id, m.added_purchases) for m in added])
        if changed:
            ledger.save_accounts(session, [(m.account, m.read_version) for m in changed], self._now)
        for member in changed:
            member.read_version = member.account.version
            member.added_purchases = ZERO
            member.changed = False
        self._writes = _Writes()

    # ----- any other item ------------------------------------------------------------------------

    def _on_its_own(self, item: BatchItem) -> BatchAnswer:
        """The item done by its operation's own unit of work, in a savepoint."""
        unit: Callable[[Session], Any]
        if isinstance(item, CommitItem):
            unit = self._service.commit_unit(item)
        elif isinstance(item, CancelItem):
            unit = self._service.cancel_unit(item.transaction_id)
        elif isinstance(item, RefundItem):
            unit = self._service.refund_unit(item.refund_id, item.original_transaction_id, item.lines)
        else:
            raise TypeError(f"not a batch item: {type(item).__name__}")
        savepoint = self._session.begin_nested()
        try:
            answer = unit(self._session)
        except LoyaltyFault as fault:
            savepoint.rollback()
            return fault
        except BaseException:
            savepoint.rollback()
            raise
        savepoint.commit()
        return answer


def _summed(value: Decimal | None) -> Decimal:
    return ZERO if value is None else Decimal(value).quantize(ZERO)
