"""The outbox: operations recorded on the till that still have to reach the loyalty service.

Rows are written together with their journal row (`cache.transactions.journal`), in the same transaction.
The sync worker then moves each through

    pending --claim_next--> in_flight --mark_done--> done
                                      --mark_failed--> failed        (business fault: dead letter)
                                      --schedule_retry--> pending    (next_attempt_at persisted)

and at start-up `requeue_in_flight()` puts back what a crash left in flight (the service is
idempotent on the row's key, so sending it again is safe). Order per customer is kept:
`claim_next` never hands out a row while an earlier row of the same customer is not done, so a
cancel or refund never overtakes its purchase. A failed row therefore holds back that customer's
later rows until an admin sends it again (`requeue_failed`) or sets it aside (`dismiss_failed`).
"""
from __future__ import annotations

import functools
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from sqlalchemy import Update, bindparam, func, select, update
from sqlalchemy.engine import Connection, Dialect

from cache.database import Database
from cache.errors import OutboxStateError
from cache.tables import Operation, OutboxRow, OutboxState, UtcDateTime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class OutboxItem:
    """An outbox row as plain values."""

    id: int
    journal_id: int
    operation: Operation
    customer_id: str
    idempotency_key: str
    payload: dict[str, Any]
    state: OutboxState
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    result: Any
    created_at: datetime
    updated_at: datetime


def dumps(value: Any) -> str:
    """The JSON text the store keeps: compact, keys sorted, Cyrillic as is; NaN and infinity refused."""
    return _STORED_JSON.encode(value)


# Made once: `json.dumps` with any option builds a new encoder on every call.
_STORED_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def add_to_outbox(
    connection: sqlite3.Connection,
    journal_id: int,
    operation: Operation,
    key: str,
    customer_id: str,
    payload: str,
    stamp: Any,
) -> int:
    """Insert the outbox row of journal row `journal_id` in the caller's transaction (due at once).

    `connection` is the driver connection of that transaction, `payload` the journal row's JSON
    text and `stamp` the time as `stored_time` gives it. Returns the outbox row's id.
    """
    row = (journal_id, operation.value, customer_id, key, payload, stamp, stamp, stamp)
    return int(connection.execute(_INSERT_OUTBOX, row).lastrowid)


_INSERT_OUTBOX = (
    "INSERT INTO outbox (journal_id, operation, customer_id, idempotency_key, payload, state, attempts,"
    f" next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '{OutboxState.PENDING.value}', 0, ?, ?, ?)"
)


def stored_time(dialect: Dialect, moment: datetime) -> Any:
    """`moment` as the store's time columns keep it, for statements written in plain SQL."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored: give a timezone")
    return _time_processor(dialect)(moment)


@functools.cache
def _time_processor(dialect: Dialect) -> Callable[[datetime], Any]:
    processor = UtcDateTime().dialect_impl(dialect).bind_processor(dialect)
    assert processor is not None
    return processor


def _item(row: Any) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        journal_id=row.journal_id,
        operation=Operation(row.operation),
        customer_id=row.customer_id,
        idempotency_key=row.idempotency_key,
        payload=json.loads(row.payload),
        state=OutboxState(row.state),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        result=None if row.result is None else json.loads(row.result),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class Outbox:
    """Delivery state of the recorded operations; each method is one short transaction."""

    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self._db = database
        self._clock = clock

    # ----- the sync worker -----------------------------------------------------------------------
    def claim_next(self, now: datetime) -> OutboxItem | None:
        """Move the oldest due pending row to in_flight and return it (None if nothing is due).

        A row is due when `next_attempt_at <= now` and every earlier row of its customer is done,
        that is, when it heads its customer's rows not yet done. The query looks only at rows not
        yet done (the waiting backlog), never at the delivered history, which grows for good: the
        claim holds the write lock, and a sale being recorded waits for it.
        """
        with self._db.engine.begin() as connection:
            return _claim(connection, now)

    def claim_due(self, now: datetime, limit: int) -> list[OutboxItem]:
        """Move up to `limit` due rows to in_flight, in queue order, and return them (one transaction).

        Only the head row of each customer can be due (see `claim_next`), so the rows claimed
        together belong to different customers and none has to wait for another.
        """
        if limit < 1:
            raise ValueError("limit must be 1 or more")
        with self._db.engine.begin() as connection:
            rows = connection.execute(_CLAIM_SOME, {"now": now, "limit": limit}).all()
        return sorted((_item(row) for row in rows), key=lambda item: item.id)

    def settle(
        self,
        done: dict[int, Any],
        retries: dict[int, tuple[str, datetime]],
        failed: dict[int, str],
        released: list[int],
    ) -> None:
        """Record the outcomes of rows claimed together, in one transaction.

        `done` maps a row to the service's answer, `retries` to the error and when to try again,
        `failed` to the reason it is dead-lettered; `released` rows were never sent and go back
        to pending as they were (their claim is not counted as an attempt).
        """
        for when in (moment for _, moment in retries.values()):
            if when.tzinfo is None:
                raise ValueError("next_attempt_at must carry a timezone")
        texts = {item_id: dumps(result) for item_id, result in done.items()}
        pending, flight = OutboxState.PENDING, OutboxState.IN_FLIGHT
        with self._db.engine.begin() as connection:
            self._move_all_done(connection, texts)
            for item_id, (error, when) in retries.items():
                self._move_on(connection, item_id, flight, pending, last_error=error, next_attempt_at=when)
            for item_id, reason in failed.items():
                self._move_on(connection, item_id, flight, OutboxState.FAILED, last_error=reason)
            for item_id in released:
                if connection.execute(_RELEASE, {"item_id": item_id, "now": self._clock()}).rowcount != 1:
                    raise OutboxStateError(f"outbox row {item_id} is not in flight: cannot release it")

    def mark_done(self, item_id: int, result: Any) -> None:
        """The service accepted the row: keep its answer (JSON-able) and close it."""
        self._move(item_id, OutboxState.IN_FLIGHT, OutboxState.DONE, result=dumps(result), last_error=None)

    def mark_done_and_claim_next(self, item_id: int, result: Any, now: datetime) -> OutboxItem | None:
        """`mark_done(item_id, result)` then `claim_next(now)`, in one transaction.

        A queue being drained then costs one durable write per row instead of two; the row is
        still done only once its answer is kept, and the next one in flight before it is sent.
        """
        text = dumps(result)
        with self._db.engine.begin() as connection:
            self._move_on(connection, item_id, OutboxState.IN_FLIGHT, OutboxState.DONE, result=text, last_error=None)
            return _claim(connection, now)

    def schedule_retry(self, item_id: int, error: str, next_attempt_at: datetime) -> None:
        """The service could not be reached: back to pending, not due before `next_attempt_at`."""
        if next_attempt_at.tzinfo is None:
            raise ValueError("next_attempt_at must carry a timezone")
        self._move(
            item_id, OutboxState.IN_FLIGHT, OutboxState.PENDING, last_error=error, next_attempt_at=next_attempt_at
        )

    def mark_failed(self, item_id: int, reason: str) -> None:
        """A business fault: dead letter, kept with its reason, never retried automatically."""
        self._move(item_id, OutboxState.IN_FLIGHT, OutboxState.FAILED, last_error=reason)

    def requeue_in_flight(self) -> int:
        """At start-up: rows a crash left in flight go back to pending, due at once. Returns how many."""
        now = self._clock()
        with self._db.transaction() as session:
            result = session.execute(
                update(OutboxRow)
                .where(OutboxRow.state == OutboxState.IN_FLIGHT.value)
                .values(state=OutboxState.PENDING.value, next_attempt_at=now, updated_at=now)
            )
            return int(result.rowcount)

    # ----- the admin -------------------------------------------------------------------------------
    def make_pending_due(self) -> int:
        """Make every pending row due now, whatever its backoff said (an admin's "send now").

        Returns how many rows were waiting for a later time.
        """
        now = self._clock()
        with self._db.transaction() as session:
            result = session.execute(
                update(OutboxRow)
                .where(OutboxRow.state == OutboxState.PENDING.value, OutboxRow.next_attempt_at > now)
                .values(next_attempt_at=now, updated_at=now)
            )
            return int(result.rowcount)

    def requeue_failed(self, item_id: int) -> None:
        """Send a dead letter again (after the cause was fixed): back to pending, due at once."""
        now = self._clock()
        self._move(item_id, OutboxState.FAILED, OutboxState.PENDING, next_attempt_at=now)

    def dismiss_failed(self, item_id: int, note: str) -> None:
        """Set a dead letter aside for good (it is done, with the admin's note as its result).

        This releases the customer's later rows. The row and its journal entry stay on record.
        """
        self._move(item_id, OutboxState.FAILED, OutboxState.DONE, result=dumps({"dismissed": note}))

    # ----- reading ---------------------------------------------------------------------------------
    def get(self, item_id: int) -> OutboxItem | None:
        """One row, or None."""
        with self._db.reading() as session:
            row = session.get(OutboxRow, item_id)
            return None if row is None else _item(row)

    def set_aside(self, item_ids: list[int]) -> set[int]:
        """Those of `item_ids` an admin set aside (`dismiss_failed`): never delivered, done all the same."""
        found: set[int] = set()
        with self._db.reading() as session:
            for start in range(0, len(item_ids), _IDS_PER_QUERY):
                query = select(OutboxRow.id, OutboxRow.result).where(
                    OutboxRow.id.in_(item_ids[start : start + _IDS_PER_QUERY]),
                    OutboxRow.state == OutboxState.DONE.value,
                    OutboxRow.result.contains('"dismissed"'),
                )
                for item_id, result in session.execute(query):
                    kept = json.loads(result)
                    if isinstance(kept, dict) and "dismissed" in kept:
                        found.add(item_id)
        return found

    def counts(self) -> dict[OutboxState, int]:
        """How many rows are in each state (every state present, zero if none)."""
        with self._db.reading() as session:
            found = dict(
                session.execute(select(OutboxRow.state, func.count()).group_by(OutboxRow.state)).all()
            )
        return {state: int(found.get(state.value, 0)) for state in OutboxState}

    def items(
        self,
        state: OutboxState | None = None,
        *,
        customer_id: str | None = None,
        limit: int = 100,
        newest_first: bool = False,
    ) -> list[OutboxItem]:
        """Rows in queue order (oldest first, or newest first), optionally of one state or one customer.

        `limit` keeps the first rows of that order: the newest ones when `newest_first`.
        """
        order = OutboxRow.id.desc() if newest_first else OutboxRow.id
        query = select(OutboxRow).order_by(order).limit(limit)
        if state is not None:
            query = query.where(OutboxRow.state == state.value)
        if customer_id is not None:
            query = query.where(OutboxRow.customer_id == customer_id)
        with self._db.reading() as session:
            return [_item(row) for row in session.execute(query).scalars()]

    # ----- transitions -----------------------------------------------------------------------------
    def _move_all_done(self, connection: Connection, texts: dict[int, str]) -> None:
        """In-flight rows to done with their answers, in one statement; should any row not be in
        flight, they are moved one by one so that the error names it."""
        if not texts:
            return
        now = self._clock()
        params = [
            {"item_id": item_id, "source": OutboxState.IN_FLIGHT.value, "target": OutboxState.DONE.value, "now": now,
             "result": text, "last_error": None}
            for item_id, text in texts.items()
        ]
        with connection.begin_nested() as savepoint:
            moved = connection.execute(_move_statement(frozenset(("result", "last_error"))), params).rowcount
            if moved == len(params):
                return
            savepoint.rollback()
        for item_id, text in texts.items():
            self._move_on(connection, item_id, OutboxState.IN_FLIGHT, OutboxState.DONE, result=text, last_error=None)

    def _move(self, item_id: int, source: OutboxState, target: OutboxState, **values: Any) -> None:
        with self._db.engine.begin() as connection:
            self._move_on(connection, item_id, source, target, **values)

    def _move_on(
        self, connection: Connection, item_id: int, source: OutboxState, target: OutboxState, **values: Any
    ) -> None:
        result = connection.execute(
            _move_statement(frozenset(values)),
            {"item_id": item_id, "source": source.value, "target": target.value, "now": self._clock(), **values},
        )
        if result.rowcount == 1:
            return
        state = connection.execute(_STATE, {"item_id": item_id}).scalar_one_or_none()
        if state is None:
            raise OutboxStateError(f"no outbox row {item_id}")
        raise OutboxStateError(f"outbox row {item_id} is {state}, not {source.value}: cannot make it {target.value}")


_IDS_PER_QUERY = 500  # well under SQLite's limit on bound parameters

# Statements of the sync worker's transitions, built once: each row delivered runs them.
_OUTBOX = OutboxRow.__table__
_WAITING = (OutboxState.PENDING.value, OutboxState.IN_FLIGHT.value, OutboxState.FAILED.value)
_HEADS = select(func.min(_OUTBOX.c.id)).where(_OUTBOX.c.state.in_(_WAITING)).group_by(_OUTBOX.c.customer_id)
_NEXT_DUE = (
    select(_OUTBOX.c.id)
    .where(
        _OUTBOX.c.id.in_(_HEADS),
        _OUTBOX.c.state == OutboxState.PENDING.value,
        _OUTBOX.c.next_attempt_at <= bindparam("now", type_=UtcDateTime()),
    )
    .order_by(_OUTBOX.c.id)
    .limit(1)
    .scalar_subquery()
)
_CLAIM = (
    update(_OUTBOX)
    .where(_OUTBOX.c.id == _NEXT_DUE)
    .values(state=OutboxState.IN_FLIGHT.value, attempts=_OUTBOX.c.attempts + 1, updated_at=bindparam("now"))
    .returning(*_OUTBOX.c)
)
_DUE_SOME = (
    select(_OUTBOX.c.id)
    .where(
        _OUTBOX.c.id.in_(_HEADS),
        _OUTBOX.c.state == OutboxState.PENDING.value,
        _OUTBOX.c.next_attempt_at <= bindparam("now", type_=UtcDateTime()),
    )
    .order_by(_OUTBOX.c.id)
    .limit(bindparam("limit"))
)
_CLAIM_SOME = (
    update(_OUTBOX)
    .where(_OUTBOX.c.id.in_(_DUE_SOME))
    .values(state=OutboxState.IN_FLIGHT.value, attempts=_OUTBOX.c.attempts + 1, updated_at=bindparam("now"))
    .returning(*_OUTBOX.c)
)
_RELEASE = (
    update(_OUTBOX)
    .where(_OUTBOX.c.id == bindparam("item_id"), _OUTBOX.c.state == OutboxState.IN_FLIGHT.value)
    .values(state=OutboxState.PENDING.value, attempts=_OUTBOX.c.attempts - 1, updated_at=bindparam("now"))
)
_STATE = select(_OUTBOX.c.state).where(_OUTBOX.c.id == bindparam("item_id"))


def _claim(connection: Connection, now: datetime) -> OutboxItem | None:
    row = connection.execute(_CLAIM, {"now": now}).one_or_none()
    return None if row is None else _item(row)


@functools.lru_cache(maxsize=None)
def _move_statement(columns: frozenset[str]) -> Update:
    """The UPDATE moving one row from state `source` to `target`, also setting `columns`."""
    return (
        update(_OUTBOX)
        .where(_OUTBOX.c.id == bindparam("item_id"), _OUTBOX.c.state == bindparam("source"))
        .values(
            state=bindparam("target"),
            updated_at=bindparam("now"),
            **{column: bindparam(column) for column in sorted(columns)},
        )
    )
