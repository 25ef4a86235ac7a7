"""The application-wide key filter that recognises a keyboard-wedge scanner (rules: devices/scanner/wedge.py).

It sees every key press of one window (whatever widget has focus), asks the Qt-free
`devices.scanner.wedge.WedgeClassifier` what the press is, and applies the decision: swallow scanned
keys, take back characters that turned out to be part of a scan, hand back swallowed keys that
were typing after all, and emit `scanned` with the code. Other windows are left alone: the till's
filter watches the till window and the dialogs that take scans (`widgets.scan_target`: returns,
registration), so the other dialogs (the PIN!) never lose fast typing to it. The device settings
dialog has a filter of its own while it is open, so that its scanner test shows keyboard-wedge
scans. Keys are timed by the stamp each press carries (`devices.scanner.key_times`), so a GUI
thread busy in the middle of a burst does not split the scan.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from devices.uris import WedgeScannerConfig
from devices.scanner.key_times import KeyPressTimes
from devices.scanner.wedge import WedgeClassifier, WedgeDecision
from widgets.scan_target import takes_scans

_KEY_NAMES = {
    Qt.Key.Key_Return: "Enter",
    Qt.Key.Key_Enter: "Enter",
    Qt.Key.Key_Tab: "Tab",
    Qt.Key.Key_Backspace: "Backspace",
    Qt.Key.Key_Shift: "Shift",
    Qt.Key.Key_Control: "Control",
    Qt.Key.Key_Alt: "Alt",
    Qt.Key.Key_AltGr: "AltGr",
    Qt.Key.Key_Meta: "Meta",
    Qt.Key.Key_CapsLock: "CapsLock",
    Qt.Key.Key_NumLock: "NumLock",
}


def key_name(key: int) -> str:
    """The classifier's name for a Qt key ("" for keys that only type text)."""
    try:
        return _KEY_NAMES.get(Qt.Key(key), "")
    except ValueError:
        return ""


class WedgeEventFilter(QObject):
    """Watches one window's key presses (and those of dialogs that take scans) for wedge-scanner
    bursts; emits `scanned(code)`."""

    scanned = Signal(str)

    def __init__(self, config: WedgeScannerConfig, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        # Gaps between keys are those the keyboard made (the events' stamps), not those of a
        # GUI thread that was busy between two of them.
        self._times = KeyPressTimes()
        self._classifier = WedgeClassifier(config, clock=self._times.now)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._apply(self._classifier.poll()))

    def install(self) -> None:
        """Start watching every key press of the application."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        """Stop watching."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()
        self._classifier.cancel()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Classify key presses aimed at the focused widget of the watched window."""
        # It sees every event of the application: the class test first, as it is far cheaper
        # than asking the type (a Python enum made for each event).
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False
        # An application filter sees one press several times (window, widget, parents): take it
        # once, at the widget that has focus, and only in the watched window or a dialog that
        # takes scans (never in another).
        focus = QApplication.focusWidget()
        target = focus if focus is not None else self._window
        if watched is not target:
            return False
        window = target.window()
        if window is not self._window and not takes_scans(window):
            return False
        pressed = self._times.press(event.timestamp())
        return self._apply(self._classifier.feed(event.text(), key_name(event.key()), pressed))

    def _apply(self, decision: WedgeDecision) -> bool:
        field = QApplication.focusWidget()
        if decision.replay and isinstance(field, QLineEdit):
            field.insert(decision.replay)
        if decision.retract and isinstance(field, QLineEdit):
            text = field.text()
            if text.endswith(decision.retract_text):
                field.setText(text[: len(text) - len(decision.retract_text)])
        if decision.scan is not None:
            self.scanned.emit(decision.scan)
        if decision.poll_after is not None:
            self._timer.start(int(decision.poll_after * 1000) + 1)
        return decision.swallow
