"""Background threads that run blocking work and report back on the GUI thread.

One `BackgroundWorker` per I/O owner (the loyalty service, the outbox sync, each device).
`submit(job, on_done, on_error)` queues `job()` on the worker's thread; exactly one of the
callbacks later runs on the thread that owns the worker object (the GUI thread), so callbacks
may touch widgets. Jobs on one worker run one at a time, in order.

While a worker runs Python, the GUI thread waits for the interpreter's lock up to the switch
interval (5 ms by default) each time it wants it back: the first worker shortens the interval
to `SWITCH_INTERVAL_SECONDS`, so that a worker finding a customer does not hold the card's
paint back by whole milliseconds.
"""
from __future__ import annotations

import logging
import sys
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]

#: How long a thread running Python keeps the interpreter's lock while another wants it.
SWITCH_INTERVAL_SECONDS = 0.001


@dataclass(frozen=True)
class _Job:
    run: Callable[[], Any]
    on_done: Callback | None
    on_error: Callback | None


class _Runner(QObject):
    """Lives on the worker thread and runs jobs."""

    finished = Signal(object, object, object)  # job, result, error

    @Slot(object)
    def run(self, job: _Job) -> None:
        try:
            result = job.run()
        except Exception as exc:  # every failure goes back to the caller as a value
            self.finished.emit(job, None, exc)
        else:
            self.finished.emit(job, result, None)

    @Slot(object)
    def run_for_future(self, job: Callable[[], None]) -> None:
        job()  # settles its own future; never raises


class BackgroundWorker(QObject):
    """A named thread that runs submitted jobs in order and calls back on the owner's thread."""

    _dispatch = Signal(object)
    _dispatch_any_thread = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if sys.getswitchinterval() > SWITCH_INTERVAL_SECONDS:
            sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._dispatch.connect(self._runner.run)
        self._dispatch_any_thread.connect(self._runner.run_for_future)
        self._runner.finished.connect(self._deliver)
        self._pending = 0
        self._thread.start()

    @property
    def pending(self) -> int:
        """Jobs submitted and not yet called back."""
        return self._pending

    def submit(
        self,
        job: Callable[[], Any],
        on_done: Callback | None = None,
        on_error: Callback | None = None,
    ) -> None:
        """Run `job()` on the worker thread; then `on_done(result)` or `on_error(exc)` here."""
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._dispatch.emit(_Job(job, on_done, on_error))

    def call(self, job: Callable[[], Any]) -> "Future[Any]":
        """From any thread: run `job()` on the worker, after the jobs queued before it; its result
        (or exception) comes in the returned future. A job still queued when the worker stops
        never runs: wait on the future with a deadline."""
        future: Future[Any] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(job())
            except BaseException as exc:  # every failure goes back to the caller as a value
                future.set_exception(exc)

        self._dispatch_any_thread.emit(run)
        return future

    @Slot(object, object, object)
    def _deliver(self, job: _Job, result: Any, error: BaseException | None) -> None:
        self._pending -= 1
        try:
            if error is None:
                if job.on_done is not None:
                    job.on_done(result)
            elif job.on_error is not None:
                job.on_error(error)
            else:
                log.error("background job failed", exc_info=error)
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)

    def stop(self, wait_ms: int = 10_000) -> bool:
        """Let queued jobs finish, then end the thread. False if it did not end in time."""
        self._thread.quit()
        return self._thread.wait(wait_ms)
