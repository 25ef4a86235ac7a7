"""The shift summary: what the loyalty program did on this till in a time window, from the local
journal and outbox only (so it works offline), saying which figures the service has not yet confirmed.

A figure is confirmed when every operation behind it was delivered and answered by the service:
its points are then the service's own. An operation not yet delivered (waiting, or failed and
set aside for an admin) adds what the till expects: for a sale, the points it earns estimated from
its receipt with the program's rules and the customer's tier as last seen (`app.shift.estimates`),
and the points it spends as recorded; for a refund, the figures its payload carries, if any.

The window is read on the journal's `recorded_at` index; the delivered operations are added up in
SQL (points as whole hundredths, exact), and only those not yet delivered are read row by row.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from app.shift.estimates import refund_estimate, sale_estimate
from app.shift.window import ShiftWindow
from cache.database import Database
from cache.tables import Operation, OutboxState
from cache.transactions.outbox import stored_time
from fiscal.money import CENT, ZERO


@dataclass(frozen=True)
class Count:
    """How many, and how many of them the service has not confirmed yet."""

    value: int = 0
    unconfirmed: int = 0

    @property
    def confirmed(self) -> bool:
        """True when the service confirmed every one."""
        return self.unconfirmed == 0


@dataclass(frozen=True)
class Points:
    """Points the service confirmed, plus what the till expects of operations not yet delivered.

    `unconfirmed` operations are behind `expected`; of those, `unknown` could not be estimated
    (e.g. a customer the till has no tier for): the total is then a lower bound.
    """

    confirmed: Decimal = ZERO
    expected: Decimal = ZERO
    unconfirmed: int = 0
    unknown: int = 0

    @property
    def total(self) -> Decimal:
        """Confirmed and expected together."""
        return self.confirmed + self.expected

    @property
    def fully_confirmed(self) -> bool:
        """True when no operation behind the figure waits for the service."""
        return self.unconfirmed == 0


@dataclass(frozen=True)
class ShiftSummary:
    """The loyalty figures of one till for a time window."""

    window: ShiftWindow
    sales: Count  # sales with a customer
    earned: Points  # points earned by those sales
    spent: Points  # points spent on them
    refunds: Count  # refunds (returns) of earlier sales
    reversed: Points  # points earned and taken back by refunds
    returned: Points  # points spent and given back by refunds
    coupons: Count  # coupons used on those sales
    waiting: int  # operations of the window not yet delivered (pending or being sent), cancellations too
    failed: int  # operations of the window the service refused, waiting for an admin

    @property
    def fully_confirmed(self) -> bool:
        """True when every figure is the service's."""
        return self.waiting == 0 and self.failed == 0


def summarise(database: Database, window: ShiftWindow) -> ShiftSummary:
    """The shift summary of `window` from the till's journal and outbox (one read snapshot)."""
    dialect = database.engine.dialect
    bounds = {"start": stored_time(dialect, window.start), "end": stored_time(dialect, window.end)}
    with database.reading() as session:
        totals = session.execute(_TOTALS, bounds).all()
        undelivered = session.execute(_UNDELIVERED, bounds).all()
    return _summary(window, totals, undelivered)


def _summary(window: ShiftWindow, totals: list[Any], undelivered: list[Any]) -> ShiftSummary:
    done = {row.operation: row for row in totals if row.state == OutboxState.DONE.value}
    not_done = [row for row in totals if row.state != OutboxState.DONE.value]
    sale, refund = done.get(Operation.COMMIT.value), done.get(Operation.REFUND.value)

    def count(operation: Operation) -> int:
        return sum(row.n for row in totals if row.operation == operation.value)

    def waiting(operation: Operation) -> int:
        return sum(row.n for row in not_done if row.operation == operation.value)

    earned = _Tally(_cents(sale, "accrued"))
    spent = _Tally(_cents(sale, "redeemed"))
    reversed_ = _Tally(_cents(refund, "accrual_reversed"))
    returned = _Tally(_cents(refund, "redeem_returned"))
    coupons_waiting = 0
    for row in undelivered:
        if row.operation == Operation.COMMIT.value:
            sale_expected = sale_estimate(row.payload, row.accrual_percent, row.status)
            earned.add(sale_expected.earned)
            spent.add(sale_expected.spent)
            coupons_waiting += sale_expected.coupons
        else:
            refund_expected = refund_estimate(row.payload)
            reversed_.add(refund_expected.reversed)
            returned.add(refund_expected.returned)
    coupons = sum(int(row.coupons or 0) for row in totals if row.operation == Operation.COMMIT.value)
    return ShiftSummary(
        window=window,
        sales=Count(count(Operation.COMMIT), waiting(Operation.COMMIT)),
        earned=earned.points(),
        spent=spent.points(),
        refunds=Count(count(Operation.REFUND), waiting(Operation.REFUND)),
        reversed=reversed_.points(),
        returned=returned.points(),
        coupons=Count(coupons, coupons_waiting),
        waiting=sum(row.n for row in not_done if row.state != OutboxState.FAILED.value),
        failed=sum(row.n for row in not_done if row.state == OutboxState.FAILED.value),
    )


class _Tally:
    """Adds up one figure: the confirmed part, then each undelivered operation's estimate."""

    def __init__(self, confirmed: Decimal) -> None:
        self.confirmed = confirmed
        self.expected = ZERO
        self.unconfirmed = 0
        self.unknown = 0

    def add(self, estimate: Decimal | None) -> None:
        self.unconfirmed += 1
        if estimate is None:
            self.unknown += 1
        else:
            self.expected += estimate

    def points(self) -> Points:
        return Points(self.confirmed, self.expected, self.unconfirmed, self.unknown)


def _cents(row: Any, column: str) -> Decimal:
    value = None if row is None else getattr(row, column)
    return ZERO if value is None else Decimal(int(value)) * CENT


def _hundredths(document: str, path: str) -> str:
    """SQL for a JSON decimal string as a whole number of hundredths (exact for two places)."""
    return f"CAST(ROUND(json_extract({document}, '{path}') * 100) AS INTEGER)"


_WINDOW = "j.recorded_at >= :start AND j.recorded_at < :end"
# Without statistics SQLite would rather take the (operation, key) index for the operation test,
# and read the whole journal; the window is what narrows it.
_JOURNAL_BY_TIME = "journal AS j INDEXED BY ix_journal_recorded_at"
_COMMIT, _REFUND, _DONE = Operation.COMMIT.value, Operation.REFUND.value, OutboxState.DONE.value

# Per operation and delivery state: how many (cancellations too: they are deliveries), the
# service's figures of those delivered (a row an admin set aside holds no figures), and the
# coupons the sales carried.
_TOTALS = text(
    f"""
    SELECT j.operation AS operation, o.state AS state, COUNT(*) AS n,
        SUM({_hundredths('o.result', '$.accrued')}) AS accrued,
        SUM({_hundredths('o.result', '$.redeemed')}) AS redeemed,
        SUM({_hundredths('o.result', '$.accrual_reversed')}) AS accrual_reversed,
        SUM({_hundredths('o.result', '$.redeem_returned')}) AS redeem_returned,
        SUM(CASE WHEN json_type(j.payload, '$.coupons') = 'array'
            THEN json_array_length(j.payload, '$.coupons') ELSE 0 END) AS coupons
    FROM {_JOURNAL_BY_TIME} JOIN outbox AS o ON o.journal_id = j.id
    WHERE {_WINDOW}
    GROUP BY j.operation, o.state
    """
)

# The sales and refunds not yet delivered, with the tier the till last saw of their customer.
_UNDELIVERED = text(
    f"""
    SELECT j.operation AS operation, j.payload AS payload,
        json_extract(c.data, '$.tier.accrual_percent') AS accrual_percent,
        json_extract(c.data, '$.status') AS status
    FROM {_JOURNAL_BY_TIME} JOIN outbox AS o ON o.journal_id = j.id
        LEFT JOIN customer_cache AS c ON c.customer_id = j.customer_id
    WHERE {_WINDOW} AND j.operation IN ('{_COMMIT}', '{_REFUND}') AND o.state != '{_DONE}'
    ORDER BY j.id
    """
)
