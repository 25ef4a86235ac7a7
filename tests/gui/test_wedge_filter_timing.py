"""The keyboard-wedge filter times keys by when they were pressed (each key event's stamp), not
by when the GUI thread handled them: a thread busy in the middle of a scanner's burst does not
split the scan, and a person's keys handed over together after a busy moment are still typing."""
from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.devices.wedge_filter import WedgeEventFilter
from devices.uris import WedgeScannerConfig, WedgeSuffix

CODE = "4810001000017"
BUSY_SECONDS = 0.2  # far over the 40-ms gap that ends a burst


def press(widget: QWidget, ch: str, stamp_ms: int) -> None:
    """One key press and release as the windowing system delivers it: stamped when it was pressed."""
    key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch))
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
        event.setTimestamp(stamp_ms)
        QApplication.sendEvent(widget, event)


def busy(seconds: float) -> None:
    """The GUI thread doing something else for `seconds` (a slow slot, a repaint on a loaded machine)."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        pass


@pytest.fixture
def scanning(show_active) -> Iterator[tuple[QLineEdit, list[str]]]:
    """A window with a focused field behind the wedge filter (Enter ends a scan), and the scans it emits."""
    window = QWidget()
    field = QLineEdit(window)
    QVBoxLayout(window).addWidget(field)
    show_active(window)
    field.setFocus()
    assert QApplication.focusWidget() is field
    wedge = WedgeEventFilter(WedgeScannerConfig(suffix=WedgeSuffix.ENTER), window, window)
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    wedge.install()
    try:
        yield field, scans
    finally:
        wedge.remove()


def test_a_scan_stays_whole_when_the_gui_thread_is_busy_in_the_middle_of_the_burst(scanning) -> None:
    field, scans = scanning
    submitted: list[str] = []
    field.returnPressed.connect(lambda: submitted.append(field.text()))
    stamp = 1_000_000
    for index, ch in enumerate(CODE + "\r"):
        if index == 3:
            busy(BUSY_SECONDS)  # the scanner went on 3 ms a key; the keys wait for the thread
        press(field, ch, stamp)
        stamp += 3
    assert scans == [CODE]
    assert field.text() == "", "the scanned digits were taken back out of the field"
    assert submitted == [], "Enter ended the scan and did not submit the field"


def test_keys_a_person_typed_are_typing_even_when_handled_all_at_once(scanning) -> None:
    field, scans = scanning
    submitted: list[str] = []
    field.returnPressed.connect(lambda: submitted.append(field.text()))
    stamp = 2_000_000
    for ch in CODE + "\r":  # pressed 150 ms apart, handled together after a busy moment
        press(field, ch, stamp)
        stamp += 150
    assert scans == []
    assert submitted == [CODE]
