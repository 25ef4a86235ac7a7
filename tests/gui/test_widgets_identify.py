"""IdentifyPanel: Enter or Find hands over the raw text; busy state; clear; focus."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from widgets.checkout.identify_panel import IdentifyPanel


def _parts(panel: IdentifyPanel) -> tuple[QLineEdit, QPushButton]:
    return panel.findChild(QLineEdit, "IdentifyInput"), panel.findChild(QPushButton, "FindButton")


def test_enter_emits_the_raw_text(qtbot) -> None:
    panel = IdentifyPanel()
    qtbot.addWidget(panel)
    field, _ = _parts(panel)
    qtbot.keyClicks(field, " 8 029 123-45-67")
    with qtbot.waitSignal(panel.identify_requested) as blocker:
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert blocker.args == [" 8 029 123-45-67"]


def test_find_button_emits_the_raw_text(qtbot) -> None:
    panel = IdentifyPanel()
    qtbot.addWidget(panel)
    field, find = _parts(panel)
    qtbot.keyClicks(field, "2000000123453")
    with qtbot.waitSignal(panel.identify_requested) as blocker:
        qtbot.mouseClick(find, Qt.MouseButton.LeftButton)
    assert blocker.args == ["2000000123453"]


def test_nothing_is_emitted_for_an_empty_field(qtbot) -> None:
    panel = IdentifyPanel()
    qtbot.addWidget(panel)
    field, _ = _parts(panel)
    qtbot.keyClicks(field, "   ")
    with qtbot.assertNotEmitted(panel.identify_requested):
        qtbot.keyClick(field, Qt.Key.Key_Return)


def test_busy_disables_the_input_and_says_searching(qtbot) -> None:
    panel = IdentifyPanel()
    qtbot.addWidget(panel)
    field, find = _parts(panel)
    qtbot.keyClicks(field, "291234567")
    panel.set_busy(True)
    assert panel.is_busy()
    assert not field.isEnabled() and not find.isEnabled()
    assert find.text() == "Searching…"
    with qtbot.assertNotEmitted(panel.identify_requested):
        panel.findChild(QLineEdit, "IdentifyInput").returnPressed.emit()
    panel.set_busy(False)
    assert field.isEnabled() and find.isEnabled()
    assert find.text() == "Find"
    assert field.text() == "291234567"


def test_clear_and_focus_input(qtbot) -> None:
    panel = IdentifyPanel()
    qtbot.addWidget(panel)
    field, _ = _parts(panel)
    qtbot.keyClicks(field, "291234567")
    panel.focus_input()
    assert panel.focusWidget() is field
    assert field.selectedText() == "291234567"
    panel.clear()
    assert panel.text() == ""
    assert field.placeholderText() == "Phone, card or code"
