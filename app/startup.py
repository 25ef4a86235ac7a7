"""Start-up in two steps: the window is painted first, the rest of the till is assembled after.

`widgets.first_paint.after_first_paint(widget, then)` runs `then()` on the GUI thread once
`widget` has painted (the window uses it too, for its function keys and menu entries).
`import_then(modules, then, failed)` imports Python modules on a thread of their own and then
calls back on the GUI thread, so the code the till needs after its first paint loads without
freezing the window that is already on the screen.
"""
from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal, Slot


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
