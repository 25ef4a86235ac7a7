"""Delivers the outbox in the background: on a timer, and at once after each sale.

The `OutboxSync` is built and driven on the sync worker thread only; the GUI thread receives
what was delivered, how many transactions wait, and whether the service answered.
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.outbox_sync import DrainReport, OutboxSync, SyncOutcome
from app.workers import BackgroundWorker
from cache.tables import OutboxState
from loyalty_client.types import CommitResult

log = logging.getLogger(__name__)


class SyncController(QObject):
    """Runs outbox drains one at a time on its worker and reports their outcome."""

    delivered = Signal(str, object)  # transaction id, CommitResult
    queue_changed = Signal(int)  # rows not yet delivered (pending + in flight)
    failed_changed = Signal(int)  # rows dead-lettered
    online_changed = Signal(bool)

    def __init__(self, worker: BackgroundWorker, interval_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._sync: OutboxSync | None = None
        self._running = False
        self._again = False
        self._online: bool | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(max(100, int(interval_seconds * 1000)))
        self._timer.timeout.connect(self.nudge)

    def start(self, make_sync: Callable[[], OutboxSync]) -> None:
        """Build the sync on the worker (it owns its own service client) and start draining."""
        self._worker.submit(make_sync, self._started, self._build_failed)

    def _started(self, sync: OutboxSync) -> None:
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

    def stop(self) -> None:
        """Stop the timer; the worker finishes the drain under way."""
        self._timer.stop()
        self._sync = None

    def _drained(self, outcome: tuple[DrainReport, int, int]) -> None:
        report, waiting, failed = outcome
        self._running = False
        for item in report.reports:
            if item.outcome is SyncOutcome.DONE and isinstance(item.result, CommitResult) and item.key:
                self.delivered.emit(item.key, item.result)
        if report.offline:
            self._set_online(False)
        elif report.reports:
            self._set_online(True)
        self.queue_changed.emit(waiting)
        self.failed_changed.emit(failed)
        if self._again:
            self._again = False
            self.nudge()

    def _drain_failed(self, exc: BaseException) -> None:
        self._running = False
        log.error("outbox drain failed", exc_info=exc)

    def _set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            self.online_changed.emit(online)


def _drain(sync: OutboxSync) -> tuple[DrainReport, int, int]:
    report = sync.drain()
    counts = sync.outbox.counts()
    waiting = counts.get(OutboxState.PENDING, 0) + counts.get(OutboxState.IN_FLIGHT, 0)
    return report, waiting, counts.get(OutboxState.FAILED, 0)
