"""Delivers the outbox in the background: on a timer, and at once after each sale.

The sync (an `OutboxSync`, or one wrapped to keep cached balances: `app.offline.balance_refresh`) is
built and driven on the sync worker thread only; the GUI thread receives what was delivered and
how many transactions wait. Whether the service answers is the connectivity monitor's to say:
the sync's client reports its calls to it.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from app.workers import BackgroundWorker

if TYPE_CHECKING:  # the sync stack (SQLAlchemy, alembic, zeep) loads on the worker, not at start-up
    from app.offline.outbox_sync import DrainReport
    from cache.transactions.outbox import Outbox

log = logging.getLogger(__name__)

#: Rows one drain tries before it hands the worker back (a probe, the admin's "send now" may be
#: waiting); a drain that reached it is followed by the next at once. Five batches of 100: enough
#: for two requests to be under way at a time for most of a drain.
DRAIN_LIMIT = 500


class Drainable(Protocol):
    """What the controller drives: an outbox and a way to deliver what is due in it."""

    @property
    def outbox(self) -> "Outbox":
        """The outbox (for its counts and the admin's "send now")."""
        ...

    def drain(self, max_items: int = ...) -> "DrainReport":
        """Deliver up to `max_items` due rows, stopping early when none is due or the service
        cannot be reached."""
        ...


class SyncController(QObject):
    """Runs outbox drains one at a time on its worker and reports their outcome."""

    delivered = Signal(str, object)  # transaction id, CommitResult
    refund_delivered = Signal(str, object)  # refund id, RefundResult
    refused = Signal(str)  # transaction id of a sale the service refused for good
    refund_refused = Signal(str)  # refund id of a refund the service refused for good
    put_off = Signal(str)  # transaction id of a sale whose delivery waits for a retry
    refund_put_off = Signal(str)  # refund id of a refund whose delivery waits for a retry
    queue_changed = Signal(int)  # rows not yet delivered (pending + in flight)
    failed_changed = Signal(int)  # rows dead-lettered

    def __init__(self, worker: BackgroundWorker, interval_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._sync: Drainable | None = None
        self._running = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setInterval(max(100, int(interval_seconds * 1000)))
        self._timer.timeout.connect(self.nudge)

    def start(self, make_sync: Callable[[], Drainable]) -> None:
        """Build the sync on the worker (it owns its own service client) and start draining."""
        self._worker.submit(make_sync, self._started, self._build_failed)

    def _started(self, sync: Drainable) -> None:
        self._sync = sync
        self._timer.start()
        self.nudge()

    def _build_failed(self, exc: BaseException) -> None:
        log.error("outbox sync could not start", exc_info=exc)

    def nudge(self) -> None:
        """Drain now (or right after the drain under way)."""
        if self._sync is None:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        sync = self._sync
        self._worker.submit(lambda: _drain(sync), self._drained, self._drain_failed)

    def expedite(self) -> None:
        """The service is back: retry what waits on its backoff now, then drain."""
        sync = self._sync
        if sync is not None:
            self._worker.submit(sync.outbox.make_pending_due, lambda _: self.nudge(), self._drain_failed)

    def run_on_worker(self, job: Callable[[], object]) -> None:
        """Run a small job (the connectivity probe) on the sync worker, between drains."""
        self._worker.submit(job, None, lambda exc: log.warning("sync worker job failed: %s", exc))

    def stop(self) -> None:
        """Stop the timer; the worker finishes the drain under way."""
        self._timer.stop()
        self._sync = None

    def _drained(self, outcome: "_DrainSummary") -> None:
        self._running = False
        for key, result in outcome.delivered:
            self.delivered.emit(key, result)
        for key, result in outcome.refunds:
            self.refund_delivered.emit(key, result)
        for key in outcome.refused:
            self.refused.emit(key)
        for key in outcome.refunds_refused:
            self.refund_refused.emit(key)
        for key in outcome.put_off:
            self.put_off.emit(key)
        for key in outcome.refunds_put_off:
            self.refund_put_off.emit(key)
        self.queue_changed.emit(outcome.waiting)
        self.failed_changed.emit(outcome.failed)
        if self._again or outcome.more:  # a backlog goes on at once, not a timer tick per drain
            self._again = False
            self.nudge()

    def _drain_failed(self, exc: BaseException) -> None:
        self._running = False
        log.error("outbox drain failed", exc_info=exc)


@dataclass(frozen=True)
class _DrainSummary:
    """What one drain did, as the GUI thread needs it."""

    delivered: list[tuple[str, object]]  # (transaction id, CommitResult) of delivered sales
    waiting: int
    failed: int
    refunds: list[tuple[str, object]]  # (refund id, RefundResult) of delivered refunds
    refused: list[str]  # transaction ids of sales dead-lettered
    refunds_refused: list[str]  # refund ids of refunds dead-lettered
    put_off: list[str] = field(default_factory=list)  # transaction ids of sales put back for a retry
    refunds_put_off: list[str] = field(default_factory=list)  # refund ids of refunds put back for a retry
    more: bool = False  # the drain stopped at its limit with the service reachable: more may be due


def _drain(sync: Drainable) -> _DrainSummary:
    from app.offline.outbox_sync import SyncOutcome
    from cache.tables import Operation, OutboxState

    report = sync.drain(DRAIN_LIMIT)
    counts = sync.outbox.counts()
    by_kind: dict[tuple[object, object], list] = defaultdict(list)  # (outcome, operation): its rows
    for item in report.reports:
        if item.key:
            by_kind[(item.outcome, item.operation)].append(item)

    def keys(outcome: object, operation: object) -> list[str]:
        return [item.key for item in by_kind[(outcome, operation)]]

    def results(operation: object) -> list[tuple[str, object]]:
        return [(item.key, item.result) for item in by_kind[(SyncOutcome.DONE, operation)]]

    return _DrainSummary(
        delivered=results(Operation.COMMIT),
        refunds=results(Operation.REFUND),
        refused=keys(SyncOutcome.FAILED, Operation.COMMIT),
        refunds_refused=keys(SyncOutcome.FAILED, Operation.REFUND),
        put_off=keys(SyncOutcome.RETRY, Operation.COMMIT),
        refunds_put_off=keys(SyncOutcome.RETRY, Operation.REFUND),
        waiting=counts.get(OutboxState.PENDING, 0) + counts.get(OutboxState.IN_FLIGHT, 0),
        failed=counts.get(OutboxState.FAILED, 0),
        more=len(report.reports) >= DRAIN_LIMIT and not report.offline,
    )
