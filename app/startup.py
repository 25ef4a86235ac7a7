"""Start-up in two steps: the window is painted first, the rest of the till is assembled after.

`after_first_paint(widget, then)` runs `then()` on the GUI thread once `widget` has painted.
`import_then(modules, then, failed)` imports Python modules on a thread of their own and then
calls back on the GUI thread, so the code the till needs after its first paint loads without
freezing the window that is already on the screen.
"""
from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot


#: If the window has not painted by then (started minimised, on a hidden desktop), go on anyway.
AT_LATEST_MS = 3000


class _AfterFirstPaint(QObject):
    """Watches one widget's paint events; after the first (or at the latest after a while),
    queues the callback once and stops watching."""

    def __init__(self, widget: QObject, then: Callable[[], None], at_latest_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], None] | None = then
        self._timer = QTimer(self)  # goes with this object: nothing fires once it is gone
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._go)
        self._timer.start(at_latest_ms)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self._timer.start(0)  # after this paint event has been handled, not in the middle of it
        return False

    @Slot()
    def _go(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        self._widget.removeEventFilter(self)
        self._timer.stop()
        then()  # this object stays, idle, until the widget goes


def after_first_paint(widget: QObject, then: Callable[[], None], at_latest_ms: int = AT_LATEST_MS) -> None:
    """Call `then()` on the GUI thread once `widget` has painted for the first time, or after
    `at_latest_ms` if it has not painted by then."""
    _AfterFirstPaint(widget, then, at_latest_ms)


class _BackgroundImport(QObject):
    """Imports on a thread of its own; reports back on the thread this object lives in."""

    _finished = Signal(object)  # None, or the exception the import raised

    def __init__(
        self, modules: Sequence[str], then: Callable[[], None], failed: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self._modules = tuple(modules)
        self._then = then
        self._failed = failed
        self._finished.connect(self._deliver)  # queued: emitted on the import thread

    def start(self) -> None:
        """Begin importing on a daemon thread."""
        _running.add(self)
        threading.Thread(target=self._load, name="start-up imports", daemon=True).start()

    def _load(self) -> None:
        try:
            for name in self._modules:
                importlib.import_module(name)
        except BaseException as exc:  # any failure is the caller's to report, on its thread
            self._finished.emit(exc)
        else:
            self._finished.emit(None)

    @Slot(object)
    def _deliver(self, error: BaseException | None) -> None:
        _running.discard(self)
        if error is None:
            self._then()
        else:
            self._failed(error)


_running: set[_BackgroundImport] = set()  # kept referenced until their callback ran


def import_then(
    modules: Sequence[str],
    then: Callable[[], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Import `modules` on a background thread, then call `then()` (or `failed(exc)`) on the
    thread that called this one, which must run a Qt event loop."""
    _BackgroundImport(modules, then, failed).start()
