"""A callback once a widget has painted for the first time: what the first paint does not show
is made or loaded right after it rather than before."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Slot

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
