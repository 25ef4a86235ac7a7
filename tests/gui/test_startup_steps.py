"""The two steps of the start: a callback after the window's first paint, imports off the GUI thread."""
from __future__ import annotations

import sys
import threading

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

from app.startup import import_then
from widgets.first_paint import after_first_paint


class _Painted(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        self.paints += 1
        super().paintEvent(event)


def test_the_callback_runs_once_after_the_first_paint(qtbot) -> None:
    widget = _Painted()
    qtbot.addWidget(widget)
    calls: list[int] = []
    after_first_paint(widget, lambda: calls.append(widget.paints), at_latest_ms=60_000)
    assert calls == []
    widget.show()
    qtbot.waitUntil(lambda: calls != [])
    widget.update()
    qtbot.waitUntil(lambda: widget.paints >= 2)
    assert calls == [1], "after the first paint, and only once"


def test_a_window_that_never_paints_goes_on_after_the_deadline(qtbot) -> None:
    widget = _Painted()
    qtbot.addWidget(widget)  # never shown
    with qtbot.waitCallback(timeout=5_000) as callback:
        after_first_paint(widget, callback, at_latest_ms=50)
    assert widget.paints == 0


def test_modules_load_on_another_thread_and_the_callback_runs_on_this_one(qtbot) -> None:
    name = "tests.gui._startup_probe"
    sys.modules.pop(name, None)
    loaded_on: list[str] = []
    sys.modules["tests.gui._startup_probe_hook"] = type(sys)("hook")
    sys.modules["tests.gui._startup_probe_hook"].record = lambda: loaded_on.append(threading.current_thread().name)
    called_on: list[str] = []
    with qtbot.waitCallback() as done:
        import_then([name], lambda: (called_on.append(threading.current_thread().name), done()), done)
    assert name in sys.modules
    assert loaded_on and loaded_on[0] != threading.main_thread().name
    assert called_on == [threading.main_thread().name]


def test_an_import_that_fails_is_reported_on_this_thread(qtbot) -> None:
    failures: list[BaseException] = []
    with qtbot.waitCallback() as done:
        import_then(["tests.gui.no_such_module_here"], done, lambda exc: (failures.append(exc), done()))
    assert isinstance(failures[0], ModuleNotFoundError)
